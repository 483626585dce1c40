// The transcript as a ProseMirror document: one block per non-blank line, holding the line's
// text verbatim (timestamp, speaker label and speech), so offsets inside a line map 1:1.
// Lines of a speaker turn are `turn` blocks (a turn spanning several lines repeats its attrs
// on each); every other line (titles, "[End of recording]") is a `para`. Blocks are grouped in
// `section`s of CHUNK_SIZE only to keep decoration building fast. The only marks are the
// turn's timestamp and speaker label (document structure, rendered once with the text);
// codings are decorations, kept out of the document.

import { Schema, type Node } from 'prosemirror-model';
import type { SpeakerRole, Turn } from '../domain/types';
import { CHUNK_SIZE, PositionMap, type LineSpan } from './positions';

export interface TurnAttrs {
	speaker: string;
	role: SpeakerRole;
	timestamp: string | null;
	/** Index of the turn in the document's Turn array. */
	index: number;
	/** True on the second and later lines of a turn, so CSS can indent or hide repeats. */
	continued: boolean;
}

export const transcriptSchema = new Schema({
	nodes: {
		doc: { content: 'section+' },
		section: {
			content: 'block+',
			toDOM: () => ['div', { class: 'chunk' }, 0]
		},
		turn: {
			group: 'block',
			content: 'text*',
			whitespace: 'pre',
			attrs: {
				speaker: { default: '' },
				role: { default: 'participant' },
				timestamp: { default: null },
				index: { default: 0 },
				continued: { default: false }
			},
			toDOM(node) {
				const a = node.attrs as TurnAttrs;
				return [
					'p',
					{
						class: `turn turn-${a.role}${a.continued ? ' turn-continued' : ''}`,
						'data-speaker': a.speaker,
						'data-turn': String(a.index)
					},
					0
				];
			}
		},
		para: {
			group: 'block',
			content: 'text*',
			whitespace: 'pre',
			toDOM: () => ['p', { class: 'para' }, 0]
		},
		text: {}
	},
	marks: {
		timestamp: { inclusive: false, toDOM: () => ['span', { class: 'timestamp' }, 0] },
		speaker: { inclusive: false, toDOM: () => ['span', { class: 'speaker-label' }, 0] }
	}
});

// The parser normalises timestamps ("1:02:03" -> "01:02:03"), so find the one written in the
// line by its shape, brackets included, rather than by the normalised string.
const STAMP_RE = /[[(]?\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?[\])]?/;

/**
 * Where the "[hh:mm:ss]" timestamp and the "Speaker:" label (colon included) stand at the
 * head of a turn, as offsets into the text; either may be absent.
 */
export function turnHead(
	text: string,
	turn: Turn
): { timestamp: [number, number] | null; label: [number, number] | null } {
	const out: { timestamp: [number, number] | null; label: [number, number] | null } = { timestamp: null, label: null };
	if (turn.textStart <= turn.start) return out;
	const head = text.slice(turn.start, turn.textStart);
	let labelFrom = 0;
	if (turn.timestamp) {
		const m = STAMP_RE.exec(head);
		if (m) {
			out.timestamp = [turn.start + m.index, turn.start + m.index + m[0].length];
			labelFrom = m.index + m[0].length;
		}
	}
	const li = turn.speaker ? head.indexOf(turn.speaker, labelFrom) : -1;
	if (li >= 0) {
		let le = li + turn.speaker.length;
		if (head[le] === ':') le++;
		out.label = [turn.start + li, turn.start + le];
	}
	return out;
}

/** The text nodes of a turn's first line: timestamp and label marked, the rest plain. */
function headedLine(text: string, turn: Turn, lineStart: number, lineEnd: number): Node[] {
	const { timestamp, label } = turnHead(text, turn);
	const schema = transcriptSchema;
	const pieces: Node[] = [];
	let at = lineStart;
	const push = (from: number, to: number, mark?: 'timestamp' | 'speaker') => {
		from = Math.max(from, lineStart);
		to = Math.min(to, lineEnd);
		if (to <= from) return;
		if (from > at) pieces.push(schema.text(text.slice(at, from)));
		pieces.push(schema.text(text.slice(from, to), mark ? [schema.marks[mark].create()] : undefined));
		at = to;
	};
	if (timestamp) push(timestamp[0], timestamp[1], 'timestamp');
	if (label) push(label[0], label[1], 'speaker');
	if (at < lineEnd) pieces.push(schema.text(text.slice(at, lineEnd)));
	return pieces;
}

export interface BuiltDoc {
	doc: Node;
	map: PositionMap;
}

/**
 * Builds the document and its position map. `turns` are the parsed speaker turns of `text`
 * (sorted by start, as the parser returns them); a line belongs to the turn whose
 * [start, end) it starts in. Lines end at \r\n, \n or a lone \r; whitespace-only lines
 * make no block.
 */
export function buildDoc(text: string, turns: readonly Turn[]): BuiltDoc {
	const { turn: turnType, para: paraType } = transcriptSchema.nodes;
	const blocks: Node[] = [];
	const lines: LineSpan[] = [];
	const attrCache = new Map<number, TurnAttrs>();
	const breaks = /\r\n?|\n/g;
	let t = 0;
	let lineStart = 0;
	for (;;) {
		const m = breaks.exec(text);
		const lineEnd = m ? m.index : text.length;
		if (lineEnd > lineStart) {
			const line = text.slice(lineStart, lineEnd);
			if (/\S/.test(line)) {
				// Turns are sorted, so one forward pointer finds each line's turn in O(lines + turns).
				while (t < turns.length && turns[t].end <= lineStart) t++;
				const turn = t < turns.length ? turns[t] : undefined;
				const inTurn = turn !== undefined && turn.start < lineEnd && turn.end > lineStart;
				if (inTurn) {
					const continued = turn.start < lineStart;
					const key = t * 2 + (continued ? 1 : 0);
					let attrs = attrCache.get(key);
					if (!attrs) {
						attrs = {
							speaker: turn.speaker,
							role: turn.role,
							timestamp: turn.timestamp ?? null,
							index: t,
							continued
						};
						attrCache.set(key, attrs);
					}
					blocks.push(
						turnType.create(attrs, continued ? transcriptSchema.text(line) : headedLine(text, turn, lineStart, lineEnd))
					);
				} else {
					blocks.push(paraType.create(null, transcriptSchema.text(line)));
				}
				lines.push({ start: lineStart, end: lineEnd });
			}
		}
		if (!m) break;
		lineStart = m.index + m[0].length;
	}
	if (blocks.length === 0) {
		blocks.push(paraType.create());
		lines.push({ start: 0, end: 0 });
	}
	const sectionType = transcriptSchema.nodes.section;
	const sections: Node[] = [];
	for (let i = 0; i < blocks.length; i += CHUNK_SIZE) {
		sections.push(sectionType.create(null, blocks.slice(i, i + CHUNK_SIZE)));
	}
	return {
		doc: transcriptSchema.topNodeType.create(null, sections),
		map: new PositionMap(lines, CHUNK_SIZE)
	};
}
