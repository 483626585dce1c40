// XML for REFI-QDA files: bytes → text (BOM, declared encoding), text → a small element tree
// with local names (producers disagree on prefixes and namespaces), and escaping for writers.
// The parser is our own, strict and small: it checks well-formedness (a truncated .qde must
// not import half a project), refuses DOCTYPEs (no entity tricks), normalises line ends as
// XML says and decodes character references (&#x1F600;) exactly once. On a 21 MB project file
// fast-xml-parser with its validator took 2.3–3.9 s of the 5 s import budget; this takes ~0.5 s.

import { decodeText } from '../../domain/decode';

export interface XmlElement {
	/** Local name: `Code` for `<Code>`, `<q:Code>` or `<Code xmlns="…">` alike. */
	name: string;
	attrs: Record<string, string>;
	children: XmlElement[];
	/** The element's own text (text and CDATA directly inside it, in order, decoded). */
	text: string;
}

export type XmlResult = { ok: true; root: XmlElement; namespace: string | null } | { ok: false; error: string };

export const REFI_PROJECT_NS = 'urn:QDA-XML:project:1.0';
export const REFI_CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';

/**
 * The text of an XML file's bytes: a BOM wins (UTF-8, UTF-16 LE/BE), then the declared
 * encoding, then UTF-8. Invalid UTF-8 is an error rather than silent replacement characters,
 * since the positions of codings count characters of exactly this text.
 */
export function decodeXmlBytes(bytes: Uint8Array): { ok: true; text: string; encoding: string } | { ok: false; error: string } {
	if (bytes.length === 0) return { ok: false, error: 'is empty (0 bytes)' };
	let label = 'utf-8';
	let start = 0;
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
	else if (bytes[0] === 0xff && bytes[1] === 0xfe) [label, start] = ['utf-16le', 2];
	else if (bytes[0] === 0xfe && bytes[1] === 0xff) [label, start] = ['utf-16be', 2];
	else if (bytes[0] === 0x3c && bytes[1] === 0x00) label = 'utf-16le';
	else if (bytes[0] === 0x00 && bytes[1] === 0x3c) label = 'utf-16be';
	else {
		// The declaration is ASCII; read it to honour encoding="windows-1252" and the like.
		const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
		const m = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
		if (m) label = m[1].toLowerCase();
	}
	// Node's TextDecoder reads windows-1252 as Latin-1 (“ ” € become control characters); the
	// transcript decoder has the right table, and WHATWG reads the Latin-1 labels as 1252 too.
	if (['windows-1252', 'cp1252', 'iso-8859-1', 'latin1', 'l1', 'us-ascii', 'ascii'].includes(label)) {
		const d = decodeText(bytes.subarray(start), { assume: 'windows-1252' });
		return d.ok ? { ok: true, text: d.text, encoding: 'windows-1252' } : { ok: false, error: d.reason === 'empty' ? 'holds no text' : 'is not text' };
	}
	let decoder: TextDecoder;
	try {
		decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
	} catch {
		return { ok: false, error: `declares the text encoding “${label}”, which this browser cannot read` };
	}
	try {
		return { ok: true, text: decoder.decode(bytes.subarray(start)), encoding: decoder.encoding };
	} catch {
		return { ok: false, error: `is not valid ${decoder.encoding.toUpperCase()} text` };
	}
}

const REF = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Replaces the five predefined entities and character references, in one pass. */
export function decodeEntities(s: string): string {
	if (s.indexOf('&') === -1) return s;
	return s.replace(REF, (whole, ref: string) => {
		if (ref[0] !== '#') return NAMED[ref];
		const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
		return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : whole;
	});
}

/** Deeper than any REFI file nests (codes nest a dozen levels at most); stops stack exhaustion. */
const MAX_DEPTH = 256;
const NAME = /[^\s/>=<"']+/y;
const ATTR = /\s+([^\s/>=<"']+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const TAG_END = /\s*(\/?)>/y;
const CLOSE = /\/([^\s>]+)\s*>/y;

const local = (qname: string) => {
	const colon = qname.indexOf(':');
	return colon === -1 ? qname : qname.slice(colon + 1);
};

class XmlSyntaxError extends Error {
	constructor(
		message: string,
		readonly at: number
	) {
		super(message);
	}
}

/**
 * A strict, non-validating XML parser for what REFI-QDA files contain: elements, attributes,
 * text, CDATA, comments and processing instructions. It checks that tags nest and close, that
 * attributes are quoted and not repeated, and that nothing but one root element is there;
 * it refuses DOCTYPEs. One pass with sticky regexes and indexOf.
 */
function parseStrict(xml: string): { root: XmlElement; namespace: string | null } {
	const stack: XmlElement[] = [];
	const qnames: string[] = [];
	let root: XmlElement | null = null;
	let namespace: string | null = null;
	let pos = 0;
	const n = xml.length;
	const fail = (msg: string, at = pos): never => {
		throw new XmlSyntaxError(msg, at);
	};
	while (pos < n) {
		const lt = xml.indexOf('<', pos);
		const textEnd = lt === -1 ? n : lt;
		if (textEnd > pos) {
			const raw = xml.slice(pos, textEnd);
			const top = stack[stack.length - 1];
			if (top) top.text += decodeEntities(raw);
			else if (/\S/.test(raw)) fail(root ? 'text after the root element' : 'text before the root element');
		}
		if (lt === -1) break;
		pos = lt;
		const next = xml.charCodeAt(lt + 1);
		if (next === 0x3f /* ? */) {
			const end = xml.indexOf('?>', lt + 2);
			if (end === -1) fail('a processing instruction is not closed');
			pos = end + 2;
		} else if (next === 0x21 /* ! */) {
			if (xml.startsWith('<!--', lt)) {
				const end = xml.indexOf('-->', lt + 4);
				if (end === -1) fail('a comment is not closed');
				pos = end + 3;
			} else if (xml.startsWith('<![CDATA[', lt)) {
				const end = xml.indexOf(']]>', lt + 9);
				if (end === -1) fail('a CDATA section is not closed');
				const top = stack[stack.length - 1];
				if (!top) fail('CDATA outside the root element');
				top.text += xml.slice(lt + 9, end);
				pos = end + 3;
			} else if (/^<!DOCTYPE/i.test(xml.slice(lt, lt + 9)))
				fail('it contains a DOCTYPE declaration, which REFI-QDA files never have; it was refused so that no entity in it is expanded');
			else fail('“<!” starts nothing XML knows');
		} else if (next === 0x2f /* / */) {
			CLOSE.lastIndex = lt + 1;
			const m = CLOSE.exec(xml);
			if (!m) fail('a closing tag is malformed');
			const open = qnames.pop();
			if (open === undefined) fail(`</${m![1]}> closes nothing`);
			if (open !== m![1]) fail(`</${m![1]}> closes <${open}>`);
			stack.pop();
			pos = CLOSE.lastIndex;
		} else {
			NAME.lastIndex = lt + 1;
			const nm = NAME.exec(xml);
			if (!nm) fail('“<” is not followed by an element name');
			const qname = nm![0];
			if (root && stack.length === 0) fail(`a second root element <${qname}>`);
			if (stack.length >= MAX_DEPTH) fail(`elements nest deeper than ${MAX_DEPTH} levels`);
			// A plain object (fast to build): names are checked with Object.hasOwn, and __proto__ is skipped.
			const attrs: Record<string, string> = {};
			let at = NAME.lastIndex;
			for (;;) {
				ATTR.lastIndex = at;
				const a = ATTR.exec(xml);
				if (!a) break;
				at = ATTR.lastIndex;
				const aname = a[1];
				const value = a[2] ?? a[3];
				if (aname === 'xmlns') {
					if (stack.length === 0) namespace = decodeEntities(value);
					continue;
				}
				if (aname.startsWith('xmlns:')) continue;
				const key = local(aname);
				if (key === '__proto__') continue;
				if (Object.hasOwn(attrs, key)) fail(`attribute “${aname}” is repeated in <${qname}>`, at);
				// Attribute-value normalisation (XML 1.0 §3.3.3): literal tabs and line ends become
				// spaces; characters written as references (&#10;) stay what they are.
				attrs[key] = decodeEntities(value.indexOf('\n') === -1 && value.indexOf('\t') === -1 ? value : value.replace(/[\t\n]/g, ' '));
			}
			TAG_END.lastIndex = at;
			const end = TAG_END.exec(xml);
			if (!end) fail(`the tag <${qname}> is malformed (an attribute without a quoted value, or a stray character)`, at);
			const el: XmlElement = { name: local(qname), attrs, children: [], text: '' };
			const parent = stack[stack.length - 1];
			if (parent) parent.children.push(el);
			else root = el;
			if (end![1] !== '/') {
				stack.push(el);
				qnames.push(qname);
			}
			pos = TAG_END.lastIndex;
		}
	}
	if (stack.length) fail(`the file ends before <${qnames[qnames.length - 1]}> is closed (it may be cut short)`, n);
	if (!root) fail('there is no root element', n);
	return { root: root!, namespace };
}

/**
 * Parses an XML document into an element tree. Errors are phrased to follow a file name
 * ("… is not well-formed XML: …"). The whole text is checked, so a file cut short or with
 * mismatched tags is refused instead of half read.
 */
export function parseXml(source: string): XmlResult {
	// XML line-end normalisation (§2.11): CRLF and lone CR become LF before parsing, so a
	// literal CR survives only when written as &#13;.
	const xml = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
	if (xml.trim() === '') return { ok: false, error: 'holds no XML (it is empty or only spaces)' };
	if (!/^\s*</.test(xml)) return { ok: false, error: 'is not XML (it does not start with “<”)' };
	try {
		const { root, namespace } = parseStrict(xml);
		return { ok: true, root, namespace };
	} catch (e) {
		if (!(e instanceof XmlSyntaxError)) throw e;
		if (e.message.startsWith('it contains a DOCTYPE')) return { ok: false, error: e.message.slice(3) };
		const line = xml.slice(0, e.at).split('\n').length;
		return { ok: false, error: `is not well-formed XML: ${e.message} (line ${line})` };
	}
}

/** The first child element with this local name. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
	return el?.children.find((c) => c.name === name);
}

/** Every child element with this local name, in document order. */
export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
	return el ? el.children.filter((c) => c.name === name) : [];
}

/** The text of the first child with this name ('' when there is none). */
export function childText(el: XmlElement | undefined, name: string): string {
	return child(el, name)?.text ?? '';
}

/** The key a GUID is matched by: producers mix cases and braces between an element and its references. */
export function guidKey(s: string): string {
	let k = s.trim();
	if (k.charCodeAt(0) === 0x7b /* { */) k = k.slice(1);
	if (k.charCodeAt(k.length - 1) === 0x7d /* } */) k = k.slice(0, -1);
	return k.toLowerCase();
}
