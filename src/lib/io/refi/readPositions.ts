// Which unit a REFI-QDA file counts its text positions in. The standard says Unicode code
// points; NVivo counts UTF-16 code units (an emoji is two) with CRLF as two characters; other
// tools have been seen counting a CRLF as one. Rather than trust the producer's name alone,
// every candidate unit is tried on every selection and the one under which selections start
// and end on word boundaries wins — a wrong unit drifts into the middle of words after the
// first emoji or line break. Ties go to the producer's known habit, then to the standard.

export type UnitId = 'cp' | 'u16' | 'cp-crlf1' | 'u16-crlf1';

export interface PositionUnit {
	id: UnitId;
	/** Units per character beyond U+FFFF: 1 for code points, 2 for UTF-16 code units. */
	astral: 1 | 2;
	/** Units per CRLF line end. */
	crlf: 1 | 2;
	/** How the unit is named in the report. */
	label: string;
}

export const UNITS: readonly PositionUnit[] = [
	{ id: 'cp', astral: 1, crlf: 2, label: 'Unicode code points' },
	{ id: 'u16', astral: 2, crlf: 2, label: 'UTF-16 code units' },
	{ id: 'cp-crlf1', astral: 1, crlf: 1, label: 'Unicode code points with CRLF as one' },
	{ id: 'u16-crlf1', astral: 2, crlf: 1, label: 'UTF-16 code units with CRLF as one' }
];

const unit = (id: UnitId) => UNITS.find((u) => u.id === id)!;

/** The unit a producer is known to use: NVivo counts UTF-16 units; everyone else should use code points. */
export function producerDefault(origin: string): PositionUnit {
	return /nvivo/i.test(origin) ? unit('u16') : unit('cp');
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Where a text's characters take two UTF-16 units: characters beyond U+FFFF and CRLF line
 * ends (UTF-16 offsets, in order). Found once per text and shared by every unit tried.
 */
export interface TextEvents {
	length: number;
	astral: number[];
	crlf: number[];
}

export function textEvents(text: string): TextEvents {
	const astral: number[] = [];
	const crlf: number[] = [];
	const re = /[\uD800-\uDBFF][\uDC00-\uDFFF]|\r\n/g;
	for (let m = re.exec(text); m; m = re.exec(text)) (m[0] === '\r\n' ? crlf : astral).push(m.index);
	return { length: text.length, astral, crlf };
}

/**
 * Maps positions in `unit` to UTF-16 offsets: `map(p)` is the offset, or -1 when p lies
 * outside the text. Only the characters where the unit and UTF-16 differ (characters beyond
 * U+FFFF when counting code points, CRLFs when counting them as one) are listed, and a
 * position moves by the number of them before it (binary search): a 100,000-character
 * transcript with a few hundred of them needs no table per character.
 */
export function offsetMapper(text: string | TextEvents, u: PositionUnit): (p: number) => number {
	const ev = typeof text === 'string' ? textEvents(text) : text;
	const twoUnit = u.astral === 1 && u.crlf === 1 ? mergeSorted(ev.astral, ev.crlf) : u.astral === 1 ? ev.astral : u.crlf === 1 ? ev.crlf : [];
	const units = ev.length - twoUnit.length;
	if (twoUnit.length === 0) return (p) => (Number.isInteger(p) && p >= 0 && p <= units ? p : -1);
	// starts[i]: the unit position of the i-th such character; a position after it is one further in UTF-16.
	const starts = twoUnit.map((o, i) => o - i);
	return (p) => {
		if (!Number.isInteger(p) || p < 0 || p > units) return -1;
		let lo = 0;
		let hi = starts.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (starts[mid] < p) lo = mid + 1;
			else hi = mid;
		}
		return p + lo;
	};
}

function mergeSorted(a: number[], b: number[]): number[] {
	const out: number[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i] < b[j]) ? a[i++] : b[j++]);
	return out;
}

const WORD = /[\p{L}\p{N}\p{M}]/u;

function codePointBefore(text: string, o: number): string {
	const c = text.charCodeAt(o - 1);
	return isLow(c) && o >= 2 && isHigh(text.charCodeAt(o - 2)) ? text.slice(o - 2, o) : text[o - 1];
}

/**
 * Whether a UTF-16 offset is a sensible place for a selection to start or end: the text's
 * ends, or anywhere not between two letters (or digits) of one word, and never inside a
 * surrogate pair.
 */
export function onWordBoundary(text: string, o: number): boolean {
	if (o <= 0 || o >= text.length) return o === 0 || o === text.length;
	if (isLow(text.charCodeAt(o)) && isHigh(text.charCodeAt(o - 1))) return false;
	const after = String.fromCodePoint(text.codePointAt(o)!);
	return !(WORD.test(codePointBefore(text, o)) && WORD.test(after));
}

export interface UnitScore {
	unit: PositionUnit;
	/** Selections whose both ends fall inside the text. */
	inRange: number;
	/** Of those, selections that start and end on word boundaries. */
	onBoundaries: number;
}

export interface UnitChoice {
	unit: PositionUnit;
	scores: UnitScore[];
	total: number;
	/** Every candidate unit gives the same offsets for these texts. */
	allSame: boolean;
	/** What was chosen and why, for the import report. */
	note: string;
}

const nf = new Intl.NumberFormat('en');

/** Tries every unit on every selection and picks the one that fits the text best. */
export function chooseUnit(sources: { text: string; events?: TextEvents; selections: { start: number; end: number }[] }[], origin: string): UnitChoice {
	const preferred = producerDefault(origin);
	const order = [preferred, ...UNITS.filter((u) => u !== preferred)];
	const total = sources.reduce((n, s) => n + s.selections.length, 0);
	const events = sources.map((s) => (s.selections.length ? (s.events ?? textEvents(s.text)) : null));
	const anyAstral = events.some((e) => e !== null && e.astral.length > 0);
	const anyCrlf = events.some((e) => e !== null && e.crlf.length > 0);
	// Units that cannot differ on these texts are not tried: their scores would be the preferred one's.
	const candidates = order.filter((u) => (anyAstral || u.astral === preferred.astral) && (anyCrlf || u.crlf === 2));
	const scores: UnitScore[] = candidates.map((u) => {
		let inRange = 0;
		let onBoundaries = 0;
		for (const [i, s] of sources.entries()) {
			if (s.selections.length === 0) continue;
			const map = offsetMapper(events[i]!, u);
			for (const sel of s.selections) {
				const a = map(sel.start);
				const b = map(sel.end);
				if (a < 0 || b < 0 || a >= b) continue;
				inRange++;
				if (onWordBoundary(s.text, a) && onWordBoundary(s.text, b)) onBoundaries++;
			}
		}
		return { unit: u, inRange, onBoundaries };
	});
	// Best fit first; on a tie the earlier in `order` (the producer's habit, then the standard).
	const best = scores.reduce((a, b) => (b.onBoundaries > a.onBoundaries || (b.onBoundaries === a.onBoundaries && b.inRange > a.inRange) ? b : a));
	const who = origin || 'The file';
	const allSame = candidates.length === 1;
	const of = `${nf.format(best.onBoundaries)} of ${nf.format(total)} selections start and end on word boundaries`;
	let note: string;
	if (total === 0) note = 'Positions: the file has no text selections, so no position unit was needed.';
	else if (allSame)
		note = `Positions: read as ${preferred.label}; these texts have no characters beyond U+FFFF (such as emoji) and no CRLF line ends, so every unit gives the same offsets. ${of}.`;
	else {
		const named = (u: PositionUnit) => (u.crlf === 2 && anyCrlf ? `${u.label} with CRLF as two` : u.label);
		const why =
			best.unit.id === 'cp'
				? ' (as the standard says)'
				: best.unit === preferred
					? ' (NVivo’s habit; the standard says code points)'
					: `, not in ${preferred.label} as expected from this producer`;
		const others = scores
			.filter((s) => s !== best)
			.map((s) => `${nf.format(s.onBoundaries)} in ${named(s.unit)}`)
			.join(', ');
		note = `Positions: ${who} counts in ${named(best.unit)}${why}; ${of} that way, against ${others}.`;
	}
	return { unit: best.unit, scores, total, allSame, note };
}
