// Overlapping codings cut into flat, non-overlapping segments, each with the full set of
// codings that cover it. The transcript paints every segment once with a style that shows
// all of its codes, so nested and overlapping codings stay visible and distinguishable.
// Pure: offsets are UTF-16 text offsets, half-open [start, end), as everywhere in domain/.

/** The part of a coding that segmentation needs (a Coding satisfies it). */
export interface SpanCoding {
	id: string;
	codeId: string;
	start: number;
	end: number;
	/** A coding whose quote could not be re-anchored: still painted, but marked. */
	orphaned?: boolean;
}

export interface Segment {
	start: number;
	end: number;
	/** Covering codings, ordered by (start, longer first, id): the same for any input order. */
	codingIds: string[];
	/** The distinct codes of those codings, in the same order. */
	codeIds: string[];
	/** Present (true) when any covering coding is orphaned. */
	orphaned?: true;
}

export interface OffsetRange {
	from: number;
	to: number;
}

/** Bars beyond this are not drawn: seven stacked bars no longer read as separate codes. */
export const MAX_BARS = 6;
/** Height of one code bar in px. */
export const BAR_PX = 3;
/** Space between stacked bars, so two bars of similar colour still read as two. */
export const BAR_GAP_PX = 1;

const FALLBACK_COLOR = '#888888';

// A stable order for the codings covering one segment, so the first code (the one whose
// tint fills the background) does not depend on the order the codings were loaded in.
function compareCodings(a: SpanCoding, b: SpanCoding): number {
	if (a.start !== b.start) return a.start - b.start;
	if (a.end !== b.end) return b.end - a.end;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Segments of the covered text, sorted and non-overlapping; within each segment the set of
 * covering codings is constant. With `range`, only codings touching it are considered and
 * segments are clipped to it. Empty or inverted codings are ignored.
 */
export function segmentCodings(codings: readonly SpanCoding[], range?: OffsetRange): Segment[] {
	const lo = range ? range.from : -Infinity;
	const hi = range ? range.to : Infinity;
	const used: SpanCoding[] = [];
	for (const c of codings) {
		if (c.end > c.start && c.end > lo && c.start < hi) used.push(c);
	}
	if (used.length === 0) return [];
	used.sort(compareCodings);

	const clipStart = (c: SpanCoding) => (c.start > lo ? c.start : lo);
	// Clipped ends in ascending order: the next place where some active coding stops.
	const ends = used.map((c) => (c.end < hi ? c.end : hi)).sort((a, b) => a - b);
	const out: Segment[] = [];
	// Kept in compareCodings order: codings enter in that order and leave without reordering.
	const active: SpanCoding[] = [];
	let next = 0;
	let endIdx = 0;
	let pos = clipStart(used[0]);
	for (;;) {
		while (next < used.length && clipStart(used[next]) <= pos) active.push(used[next++]);
		if (active.length === 0) {
			if (next >= used.length) break;
			pos = clipStart(used[next]);
			continue;
		}
		while (ends[endIdx] <= pos) endIdx++;
		const nextStart = next < used.length ? clipStart(used[next]) : Infinity;
		const stop = Math.min(nextStart, ends[endIdx]);
		const codingIds: string[] = new Array(active.length);
		const codeIds: string[] = [];
		let orphaned = false;
		for (let k = 0; k < active.length; k++) {
			const c = active[k];
			codingIds[k] = c.id;
			if (k === 0 || !codeIds.includes(c.codeId)) codeIds.push(c.codeId);
			if (c.orphaned) orphaned = true;
		}
		out.push(
			orphaned
				? { start: pos, end: stop, codingIds, codeIds, orphaned: true }
				: { start: pos, end: stop, codingIds, codeIds }
		);
		pos = stop;
		// Drop the codings that end here, in place and in order.
		let kept = 0;
		for (let k = 0; k < active.length; k++) {
			if (active[k].end > pos && pos < hi) active[kept++] = active[k];
		}
		active.length = kept;
	}
	return out;
}

/**
 * Widens [from, to) until no coding crosses either edge (start < edge < end). Segments of
 * `codings` inside the widened range then depend only on codings inside it, which is what
 * lets an editor recompute one overlap cluster instead of the whole document.
 */
export function expandToClusters(codings: readonly SpanCoding[], range: OffsetRange): OffsetRange {
	let from = range.from;
	let to = range.to;
	const sorted = codings.filter((c) => c.end > c.start).sort((a, b) => a.start - b.start);
	// Merge codings into maximal clusters (a coding joins when it starts strictly before the
	// cluster's end); a cluster that crosses an edge moves that edge to its own.
	let i = 0;
	while (i < sorted.length) {
		const cStart = sorted[i].start;
		let cEnd = sorted[i].end;
		i++;
		while (i < sorted.length && sorted[i].start < cEnd) {
			if (sorted[i].end > cEnd) cEnd = sorted[i].end;
			i++;
		}
		// Clusters are sorted and disjoint: one starting at or after `to` cannot cross
		// either edge, and neither can any later one.
		if (cStart >= to) break;
		if (cStart < from && cEnd > from) from = cStart;
		if (cStart < to && cEnd > to) to = cEnd;
	}
	return { from, to };
}

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
const FUNC = /^(?:rgb|rgba|hsl|hsla)\(\s*[0-9.%,\s/+-]+\)$/i;
const NAMED = /^[a-z]{3,20}$/i;

// Colours end up inside a style attribute; anything else (a `;`, `url(` …) could inject
// CSS or make a network request, so unknown shapes fall back to grey.
function safeColor(c: string): string {
	const s = c.trim();
	return HEX.test(s) || FUNC.test(s) || NAMED.test(s) ? s : FALLBACK_COLOR;
}

/** A hex colour darkened towards black (factor 1 = unchanged); other colours pass through. */
function shade(color: string, factor: number): string {
	if (!HEX.test(color)) return color;
	const h = color.length === 4 ? color.replace(/[0-9a-f]/gi, (d) => d + d) : color;
	const ch = (i: number) =>
		Math.round(parseInt(h.slice(i, i + 2), 16) * factor)
			.toString(16)
			.padStart(2, '0');
	return `#${ch(1)}${ch(3)}${ch(5)}`;
}

function tint(color: string, alpha: number): string {
	if (HEX.test(color)) {
		const h = color.length === 4 ? color.replace(/[0-9a-f]/gi, (d) => d + d) : color;
		const r = parseInt(h.slice(1, 3), 16);
		const g = parseInt(h.slice(3, 5), 16);
		const b = parseInt(h.slice(5, 7), 16);
		return `rgba(${r}, ${g}, ${b}, ${alpha})`;
	}
	return `color-mix(in srgb, ${color} ${Math.round(alpha * 100)}%, transparent)`;
}

/**
 * Inline CSS for one segment: a light tint of the first code's colour (a little stronger
 * for every further code, so overlaps read as darker) and one solid bar per code stacked
 * at the bottom, in the bottom padding so they never cover the text.
 */
export function segmentStyle(codeColors: readonly string[]): string {
	if (codeColors.length === 0) return '';
	const colors = codeColors.slice(0, MAX_BARS).map(safeColor);
	const n = colors.length;
	// Code colours are light pastels (black text on them keeps 8:1), so the tint can be
	// strong enough to see at a glance; each further code deepens it a little. The bars use
	// a darker shade of each colour so that they stand out against the tint.
	const alpha = Math.min(0.5 + 0.1 * (codeColors.length - 1), 0.8);
	const bars = colors.map((c) => shade(c, 0.72));
	const images = bars.map((c) => `linear-gradient(${c}, ${c})`).join(', ');
	const sizes = colors.map(() => `100% ${BAR_PX}px`).join(', ');
	const step = BAR_PX + BAR_GAP_PX;
	const positions = colors
		.map((_, i) => (i === 0 ? '0 100%' : `0 calc(100% - ${i * step}px)`))
		.join(', ');
	return (
		`background-color: ${tint(colors[0], Number(alpha.toFixed(2)))}; ` +
		`background-image: ${images}; ` +
		`background-size: ${sizes}; ` +
		`background-position: ${positions}; ` +
		`background-repeat: no-repeat; ` +
		`padding-bottom: ${n * step}px;`
	);
}

/**
 * What changed between the codings on screen and the next list: new ones, and ids to take
 * away (gone, or moved to another span or code: those are also in `added`).
 */
export function diffSpans<T extends SpanCoding>(
	shown: ReadonlyMap<string, T>,
	next: readonly T[]
): { added: T[]; removed: string[] } {
	const added: T[] = [];
	const removed: string[] = [];
	const nextIds = new Set<string>();
	for (const c of next) {
		nextIds.add(c.id);
		const old = shown.get(c.id);
		if (!old) added.push(c);
		else if (old.start !== c.start || old.end !== c.end || old.codeId !== c.codeId || old.orphaned !== c.orphaned) {
			removed.push(c.id);
			added.push(c);
		}
	}
	for (const id of shown.keys()) if (!nextIds.has(id)) removed.push(id);
	return { added, removed };
}

/**
 * Whether any code already painted changed its colour (a repaint of everything). New codes
 * alone do not count: their colours travel with the small update that first uses them.
 */
export function colorsChanged(prev: ReadonlyMap<string, string>, next: ReadonlyMap<string, string>): boolean {
	for (const [id, color] of prev) if (next.has(id) && next.get(id) !== color) return true;
	return false;
}
