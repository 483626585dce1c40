import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EditorState, TextSelection, AllSelection } from 'prosemirror-state';
import type { Turn } from '../domain/types';
import { buildDoc } from './schema';
import type { Node } from 'prosemirror-model';
import type { PositionMap } from './positions';
import { SAMPLE } from '../../../tests/shared';

const CORPUS = SAMPLE;

// A minimal stand-in for the real parser: "[hh:mm:ss] Label: text" lines, and unlabelled
// lines directly below a turn continue it.
function parseTurnsLocal(text: string): Turn[] {
	const turns: Turn[] = [];
	const re = /^(\[(\d\d:\d\d:\d\d)\] )?([A-Za-z][A-Za-z0-9 ]{0,20}): /;
	let open: Turn | null = null;
	const breaks = /\r\n?|\n/g;
	let pos = 0;
	for (;;) {
		const m = breaks.exec(text);
		const end = m ? m.index : text.length;
		const line = text.slice(pos, end);
		const t = re.exec(line);
		if (t) {
			open = {
				speaker: t[3],
				role: /^(interviewer|i)$/i.test(t[3]) ? 'interviewer' : 'participant',
				start: pos,
				end,
				textStart: pos + t[0].length,
				...(t[2] ? { timestamp: t[2] } : {})
			};
			turns.push(open);
		} else if (line.trim() === '') open = null;
		else if (open) open.end = end;
		if (!m) break;
		pos = m.index + m[0].length;
	}
	return turns;
}

/** The line blocks of a document (they sit inside sections). */
function blocksOf(doc: Node): { node: Node; pos: number }[] {
	const out: { node: Node; pos: number }[] = [];
	doc.descendants((node, pos) => {
		if (!node.isTextblock) return true;
		out.push({ node, pos });
		return false;
	});
	return out;
}

function lineSpans(text: string): { start: number; end: number }[] {
	const out: { start: number; end: number }[] = [];
	const breaks = /\r\n?|\n/g;
	let pos = 0;
	for (;;) {
		const m = breaks.exec(text);
		const end = m ? m.index : text.length;
		if (text.slice(pos, end).trim() !== '') out.push({ start: pos, end });
		if (!m) break;
		pos = m.index + m[0].length;
	}
	return out;
}

// Every offset inside a line round-trips exactly and reads back the same character; an offset
// in a line break or blank line comes back as the nearest edge of a line. Mismatches are
// collected and compared once: one expect per offset is slow on a whole transcript.
function checkRoundTrips(text: string, map: PositionMap, doc: Node) {
	const lines = lineSpans(text);
	const edges = lines.flatMap((l) => [l.start, l.end]);
	const lineOf = new Int32Array(text.length + 1).fill(-1);
	lines.forEach((l, i) => lineOf.fill(i, l.start, l.end + 1));
	const bad: string[] = [];
	for (let o = 0; o <= text.length; o++) {
		const pos = map.toPos(o);
		const back = map.toOffset(pos);
		if (lineOf[o] >= 0) {
			if (back !== o) bad.push(`offset ${o} -> ${pos} -> ${back}`);
			if (o < lines[lineOf[o]].end && doc.textBetween(pos, pos + 1) !== text[o]) bad.push(`char at ${o}`);
		} else {
			const nearest = edges.reduce((best, e) => (Math.abs(e - o) < Math.abs(best - o) ? e : best), -Infinity);
			if (Math.abs(back - o) !== Math.abs(nearest - o)) bad.push(`gap offset ${o} -> ${back}, nearest edge ${nearest}`);
		}
	}
	// And every position inside a block maps back to itself.
	for (const { node, pos } of blocksOf(doc)) {
		for (let p = pos + 1; p <= pos + 1 + node.content.size; p++) {
			if (map.toPos(map.toOffset(p)) !== p) bad.push(`pos ${p}`);
		}
	}
	expect(bad).toEqual([]);
}

describe('buildDoc', () => {
	it('makes one block per non-blank line, turns and paras, continuation lines included', () => {
		const text =
			'Interview P99 – transcript\n\n[00:00:01] Interviewer: Hello?\n\nP99: Hi.\nSecond line of the same turn.\n\n[End of recording]';
		const { doc } = buildDoc(text, parseTurnsLocal(text));
		const blocks = blocksOf(doc).map(({ node: n }) => ({ type: n.type.name, text: n.textContent, attrs: n.attrs }));
		expect(blocks.map((b) => [b.type, b.text])).toEqual([
			['para', 'Interview P99 – transcript'],
			['turn', '[00:00:01] Interviewer: Hello?'],
			['turn', 'P99: Hi.'],
			['turn', 'Second line of the same turn.'],
			['para', '[End of recording]']
		]);
		expect(blocks[1].attrs).toMatchObject({ speaker: 'Interviewer', role: 'interviewer', timestamp: '00:00:01', index: 0 });
		expect(blocks[2].attrs).toMatchObject({ speaker: 'P99', role: 'participant', index: 1, continued: false });
		expect(blocks[3].attrs).toMatchObject({ speaker: 'P99', index: 1, continued: true });
	});

	it('gives an empty or blank text one empty block', () => {
		for (const text of ['', '\n\n', '  \r\n']) {
			const { doc, map } = buildDoc(text, []);
			expect(blocksOf(doc).length).toBe(1);
			expect(doc.textContent).toBe('');
			expect(map.toPos(0)).toBe(2);
			expect(map.toOffset(2)).toBe(0);
		}
	});

	// Speed is measured by `npm run bench` in Chromium, not asserted here.
	it('builds a 300,000-character transcript into sectioned blocks that map back to the text', () => {
		const p01 = readFileSync(`${CORPUS}/transcripts/P01.txt`, 'utf8');
		let text = '';
		while (text.length < 300_000) text += p01;
		const turns = parseTurnsLocal(text);
		const { doc, map } = buildDoc(text, turns);
		expect(blocksOf(doc).length).toBeGreaterThan(2000);
		for (const t of [turns[0], turns[500], turns[Math.floor(turns.length / 2)], turns[turns.length - 1]])
			expect(map.toOffset(map.toPos(t.textStart + 3))).toBe(t.textStart + 3);
	});
});

describe('PositionMap', () => {
	it('round-trips every offset of a CRLF text', () => {
		const text = 'Interviewer: First line.\r\n\r\nP01: Second, with more words.\r\nAnd a continuation.\r\n';
		const { doc, map } = buildDoc(text, parseTurnsLocal(text));
		checkRoundTrips(text, map, doc);
	});

	it('round-trips every offset of a text with emoji (surrogate pairs) and mixed line ends', () => {
		const text = 'Interviewer: How was it? 👍🏽\n\rP02: Good 👍🏽👍🏽 really.\r\n\nP02: 🙂';
		const { doc, map } = buildDoc(text, parseTurnsLocal(text));
		checkRoundTrips(text, map, doc);
		const i = text.indexOf('👍🏽👍🏽');
		const { from, to } = map.rangeToPos(i, i + 8);
		expect(doc.textBetween(from, to)).toBe('👍🏽👍🏽');
	});

	it('round-trips every offset of a text with a header, blank lines and leading space', () => {
		const text = 'Transcript, participant 3.\n\n\n   \n[00:00:05] Interviewer: Hi.\n\n\nP03: Hello.\n   indented continuation\n\n';
		const { doc, map } = buildDoc(text, parseTurnsLocal(text));
		checkRoundTrips(text, map, doc);
	});

	it('clamps offsets in line breaks by bias and maps ranges across lines onto block edges', () => {
		const text = 'ab\n\ncd';
		const { doc, map } = buildDoc(text, []);
		// doc: <section><para>ab</para><para>cd</para></section>; text at 2..4 and 6..8
		expect(map.toPos(2)).toBe(4);
		expect(map.toPos(3, -1)).toBe(4);
		expect(map.toPos(3, 1)).toBe(6);
		expect(map.toPos(4)).toBe(6);
		expect(map.rangeToPos(1, 5)).toEqual({ from: 3, to: 7 });
		expect(doc.textBetween(3, 7, '\n')).toBe('b\nc');
		// A range starting in the break moves forward, one ending in it moves back.
		expect(map.rangeToPos(3, 5)).toEqual({ from: 6, to: 7 });
		expect(map.rangeToPos(0, 3)).toEqual({ from: 2, to: 4 });
		expect(map.rangeToPos(3, 4)).toEqual({ from: 6, to: 6 });
		expect(map.blockRanges(1, 5)).toEqual([
			{ from: 3, to: 4 },
			{ from: 6, to: 7 }
		]);
		expect(map.toOffset(5)).toBe(2);
		expect(map.toOffset(0)).toBe(0);
		expect(map.toOffset(doc.content.size)).toBe(6);
	});

	it('round-trips every offset of a whole sample transcript, across many sections', () => {
		const text = readFileSync(`${CORPUS}/transcripts/P19.txt`, 'utf8');
		const { doc, map } = buildDoc(text, parseTurnsLocal(text));
		expect(doc.childCount).toBeGreaterThan(3);
		checkRoundTrips(text, map, doc);
	});

	it('reports the selection as text offsets, null when empty', () => {
		const text = '[00:00:01] Interviewer: Hello there.\r\n\r\nP01: Hi.';
		const { doc, map } = buildDoc(text, parseTurnsLocal(text));
		let state = EditorState.create({ doc });
		expect(map.selectionToRange(state)).toBeNull();
		const { from, to } = map.rangeToPos(24, text.length);
		state = state.apply(state.tr.setSelection(TextSelection.create(doc, from, to)));
		expect(map.selectionToRange(state)).toEqual({ start: 24, end: text.length });
		state = state.apply(state.tr.setSelection(new AllSelection(doc)));
		expect(map.selectionToRange(state)).toEqual({ start: 0, end: text.length });
	});

	it('maps every turn of every sample transcript onto its own text', () => {
		for (let n = 1; n <= 23; n++) {
			const id = `P${String(n).padStart(2, '0')}`;
			const text = readFileSync(`${CORPUS}/transcripts/${id}.txt`, 'utf8');
			const turns = parseTurnsLocal(text);
			expect(turns.length).toBeGreaterThan(20);
			const { doc, map } = buildDoc(text, turns);
			for (const t of turns) {
				const { from, to } = map.rangeToPos(t.textStart, t.end);
				expect(doc.textBetween(from, to, '\n')).toBe(text.slice(t.textStart, t.end).replace(/\r\n?/g, '\n'));
			}
		}
	});

	it('maps the gold codings of P01 onto their quoted text', () => {
		const text = readFileSync(`${CORPUS}/transcripts/P01.txt`, 'utf8');
		const gold = (JSON.parse(readFileSync(`${CORPUS}/gold.json`, 'utf8')) as {
			doc: string;
			start: number;
			end: number;
		}[]).filter((g) => g.doc === 'P01');
		const { doc, map } = buildDoc(text, parseTurnsLocal(text));
		expect(gold.length).toBeGreaterThan(100);
		for (const g of gold) {
			const { from, to } = map.rangeToPos(g.start, g.end);
			expect(doc.textBetween(from, to, '\n')).toBe(text.slice(g.start, g.end).replace(/\r\n?/g, '\n'));
		}
	});
});
