// The small pieces of XML writing the REFI-QDA writers share: escaping for element text and for
// attributes, XML Schema dateTime and decimal literals. Files are built as strings (fast enough
// for 60,000 codings, and byte-for-byte predictable); every value that reaches the XML passes
// through one of these functions.

/** Characters XML 1.0 cannot carry at all, not even as references; lone surrogates too. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const TEXT_SPECIAL = /[&<>\r]/;
const ATTR_SPECIAL = /[&<>"\r\n\t]/;
const TEXT_MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTR_MAP: Record<string, string> = { ...TEXT_MAP, '"': '&quot;', '\n': '&#10;', '\t': '&#9;' };

/** Counts characters that had to be replaced, so the caller can say so in its report. */
export interface XmlTally {
	replaced: number;
}

function clean(s: string, tally?: XmlTally): string {
	INVALID.lastIndex = 0;
	if (!INVALID.test(s)) return s;
	INVALID.lastIndex = 0;
	return s.replace(INVALID, () => {
		if (tally) tally.replaced++;
		return '\ufffd';
	});
}

/**
 * Element text. `\r` is written as `&#13;`, because XML parsers turn a raw CR (and CRLF) into
 * LF: a note or description with Windows line breaks keeps them.
 */
export function xmlText(s: string, tally?: XmlTally): string {
	const c = clean(s, tally);
	return TEXT_SPECIAL.test(c) ? c.replace(/[&<>\r]/g, (ch) => TEXT_MAP[ch]) : c;
}

/** An attribute value for double quotes. Tabs and line breaks are references: attribute-value normalisation would turn them into spaces. */
export function xmlAttr(s: string, tally?: XmlTally): string {
	const c = clean(s, tally);
	return ATTR_SPECIAL.test(c) ? c.replace(/[&<>"\r\n\t]/g, (ch) => ATTR_MAP[ch]) : c;
}

/** ` name="value"`, or nothing when the value is undefined. */
export function attr(name: string, value: string | number | undefined, tally?: XmlTally): string {
	return value === undefined ? '' : ` ${name}="${typeof value === 'number' ? value : xmlAttr(value, tally)}"`;
}

/** An xsd:dateTime in UTC (`2025-11-23T10:15:00.000Z`), or undefined for a time that is not one. */
export function xsdDateTime(ms: number | null | undefined): string | undefined {
	if (typeof ms !== 'number' || !Number.isFinite(ms)) return undefined;
	const d = new Date(ms);
	const year = d.getUTCFullYear();
	if (Number.isNaN(d.getTime()) || year < 1 || year > 9999) return undefined;
	return d.toISOString();
}

/** An xsd:decimal literal (no exponent: `1e-7` is not one) for a finite number. */
export function xsdDecimal(n: number): string {
	const s = String(n);
	const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
	if (!m) return s;
	// Shift the decimal point of the shortest round-trip digits: "1.5e-7" → "0.00000015".
	const [, sign, lead, frac = '', e] = m;
	const digits = lead + frac;
	const point = 1 + Number(e);
	if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
	if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
	return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
