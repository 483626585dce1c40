// Keyword in context: a hit with the words around it on one line, cut at word boundaries and
// kept inside its speaker turn (the neighbouring turn's words would put them in someone
// else's mouth).

export interface Kwic {
	/** Text before the hit, "…" first when cut. */
	left: string;
	match: string;
	/** Text after the hit, "…" last when cut. */
	right: string;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ');

/**
 * The hit text[start, end) with up to `width` characters of context on each side, taken only
 * from [regionStart, regionEnd). Line breaks and runs of spaces become one space.
 */
export function kwic(text: string, regionStart: number, regionEnd: number, start: number, end: number, width = 70): Kwic {
	let from = Math.max(regionStart, start - width);
	let cutLeft = from > regionStart;
	if (cutLeft) {
		// Start at the next word so the line does not begin with half a word.
		const space = text.slice(from, start).search(/\s/);
		if (space >= 0) from += space + 1;
		else cutLeft = from > regionStart;
	}
	let to = Math.min(regionEnd, end + width);
	let cutRight = to < regionEnd;
	if (cutRight) {
		const tail = text.slice(end, to);
		const space = tail.search(/\s\S*$/);
		if (space > 0) to = end + space;
		cutRight = to < regionEnd;
	}
	const left = oneLine(text.slice(from, start)).trimStart();
	const right = oneLine(text.slice(end, to)).trimEnd();
	return {
		left: (cutLeft ? '…' : '') + left,
		match: oneLine(text.slice(start, end)),
		right: right + (cutRight ? '…' : '')
	};
}
