import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	colorsChanged,
	diffSpans,
	expandToClusters,
	MAX_BARS,
	segmentCodings,
	segmentStyle,
	type Segment,
	type SpanCoding
} from './segments';
import { mulberry32, SAMPLE } from '../../../tests/shared';

function randomCodings(rand: () => number, n: number, length: number): SpanCoding[] {
	const out: SpanCoding[] = [];
	for (let i = 0; i < n; i++) {
		const start = Math.floor(rand() * length);
		const end = Math.min(length, start + 1 + Math.floor(rand() * 40));
		out.push({ id: `k${i}`, codeId: `c${Math.floor(rand() * 5)}`, start, end });
	}
	return out;
}

// Character-by-character oracle: the covering set of every offset, merged into runs.
function bruteForce(codings: SpanCoding[], from: number, to: number): Segment[] {
	const order = [...codings].sort(
		(a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
	const out: Segment[] = [];
	for (let i = from; i < to; i++) {
		const ids = order.filter((c) => c.start <= i && i < c.end);
		if (ids.length === 0) continue;
		const codingIds = ids.map((c) => c.id);
		const codeIds = [...new Set(ids.map((c) => c.codeId))];
		const last = out[out.length - 1];
		if (last && last.end === i && last.codingIds.join() === codingIds.join()) last.end = i + 1;
		else out.push({ start: i, end: i + 1, codingIds, codeIds });
	}
	return out;
}

describe('segmentCodings', () => {
	it('returns nothing for no codings and ignores empty ones', () => {
		expect(segmentCodings([])).toEqual([]);
		expect(segmentCodings([{ id: 'a', codeId: 'x', start: 5, end: 5 }])).toEqual([]);
	});

	it('splits two overlapping codings into three segments', () => {
		const segs = segmentCodings([
			{ id: 'b', codeId: 'y', start: 5, end: 15 },
			{ id: 'a', codeId: 'x', start: 0, end: 10 }
		]);
		expect(segs).toEqual([
			{ start: 0, end: 5, codingIds: ['a'], codeIds: ['x'] },
			{ start: 5, end: 10, codingIds: ['a', 'b'], codeIds: ['x', 'y'] },
			{ start: 10, end: 15, codingIds: ['b'], codeIds: ['y'] }
		]);
	});

	it('keeps gaps uncovered and adjacent codings apart', () => {
		const segs = segmentCodings([
			{ id: 'a', codeId: 'x', start: 0, end: 3 },
			{ id: 'b', codeId: 'x', start: 3, end: 6 },
			{ id: 'c', codeId: 'y', start: 10, end: 12 }
		]);
		expect(segs.map((s) => [s.start, s.end, s.codingIds.join()])).toEqual([
			[0, 3, 'a'],
			[3, 6, 'b'],
			[10, 12, 'c']
		]);
	});

	it('lists a code once when two codings of it overlap (two coders)', () => {
		const segs = segmentCodings([
			{ id: 'a', codeId: 'x', start: 0, end: 10 },
			{ id: 'b', codeId: 'x', start: 0, end: 10 }
		]);
		expect(segs).toEqual([{ start: 0, end: 10, codingIds: ['a', 'b'], codeIds: ['x'] }]);
	});

	it('marks segments covered by an orphaned coding', () => {
		const segs = segmentCodings([
			{ id: 'a', codeId: 'x', start: 0, end: 10 },
			{ id: 'b', codeId: 'y', start: 5, end: 15, orphaned: true }
		]);
		expect(segs.map((s) => s.orphaned ?? false)).toEqual([false, true, true]);
	});

	it('orders covering codings outermost first, whatever the input order', () => {
		const codings: SpanCoding[] = [
			{ id: 'inner', codeId: 'i', start: 2, end: 4 },
			{ id: 'outer', codeId: 'o', start: 0, end: 10 },
			{ id: 'same', codeId: 's', start: 0, end: 4 }
		];
		const a = segmentCodings(codings);
		const b = segmentCodings([...codings].reverse());
		expect(a).toEqual(b);
		expect(a.find((s) => s.start === 2)?.codingIds).toEqual(['outer', 'same', 'inner']);
	});

	it('clips to a range and only uses codings touching it', () => {
		const codings: SpanCoding[] = [
			{ id: 'a', codeId: 'x', start: 0, end: 10 },
			{ id: 'b', codeId: 'y', start: 5, end: 20 },
			{ id: 'c', codeId: 'z', start: 30, end: 40 }
		];
		expect(segmentCodings(codings, { from: 7, to: 12 })).toEqual([
			{ start: 7, end: 10, codingIds: ['a', 'b'], codeIds: ['x', 'y'] },
			{ start: 10, end: 12, codingIds: ['b'], codeIds: ['y'] }
		]);
		expect(segmentCodings(codings, { from: 20, to: 30 })).toEqual([]);
	});

	it('matches a character-by-character oracle on random codings', () => {
		const rand = mulberry32(42);
		for (let round = 0; round < 40; round++) {
			const codings = randomCodings(rand, 1 + Math.floor(rand() * 30), 200);
			expect(segmentCodings(codings)).toEqual(bruteForce(codings, 0, 200));
			const from = Math.floor(rand() * 150);
			const to = from + Math.floor(rand() * 60);
			expect(segmentCodings(codings, { from, to })).toEqual(bruteForce(codings, from, to));
		}
	});

	it('produces sorted, non-overlapping segments for gold codings of P01', () => {
		const gold = JSON.parse(
			readFileSync(`${SAMPLE}/gold.json`, 'utf8')
		) as { id: string; doc: string; code: string; start: number; end: number }[];
		const codings = gold
			.filter((g) => g.doc === 'P01')
			.map((g) => ({ id: g.id, codeId: g.code, start: g.start, end: g.end }));
		const segs = segmentCodings(codings);
		expect(segs.length).toBeGreaterThan(0);
		for (let i = 1; i < segs.length; i++) expect(segs[i].start).toBeGreaterThanOrEqual(segs[i - 1].end);
		expect(segs.some((s) => s.codeIds.length > 1)).toBe(true);
	});
});

describe('expandToClusters', () => {
	const codings: SpanCoding[] = [
		{ id: 'a', codeId: 'x', start: 0, end: 10 },
		{ id: 'b', codeId: 'x', start: 8, end: 20 },
		{ id: 'c', codeId: 'x', start: 20, end: 25 },
		{ id: 'd', codeId: 'x', start: 40, end: 50 }
	];

	it('widens a range to the whole chain of overlapping codings it touches', () => {
		expect(expandToClusters(codings, { from: 15, to: 16 })).toEqual({ from: 0, to: 20 });
	});

	it('does not widen across touching codings or gaps', () => {
		expect(expandToClusters(codings, { from: 20, to: 25 })).toEqual({ from: 20, to: 25 });
		expect(expandToClusters(codings, { from: 30, to: 35 })).toEqual({ from: 30, to: 35 });
	});

	it('leaves no coding crossing either edge (random)', () => {
		const rand = mulberry32(7);
		for (let round = 0; round < 50; round++) {
			const cs = randomCodings(rand, 40, 300);
			const from = Math.floor(rand() * 280);
			const r = expandToClusters(cs, { from, to: from + Math.floor(rand() * 20) });
			for (const c of cs) {
				expect(c.start < r.from && c.end > r.from).toBe(false);
				expect(c.start < r.to && c.end > r.to).toBe(false);
			}
		}
	});
});

describe('segmentStyle', () => {
	it('tints with the first colour and draws one bar per code', () => {
		const style = segmentStyle(['#ff0000', '#00ff00']);
		expect(style).toContain('background-color: rgba(255, 0, 0,');
		// Bars are a darker shade of each code colour (×0.72), so they show against the tint.
		expect(style).toContain('linear-gradient(#b80000, #b80000), linear-gradient(#00b800, #00b800)');
		expect(style).toContain('background-size: 100% 3px, 100% 3px');
		expect(style).toContain('background-position: 0 100%, 0 calc(100% - 4px)');
		expect(style).toContain('padding-bottom: 8px');
	});

	it('caps the bars and darkens the tint with more codes', () => {
		const many = segmentStyle(Array.from({ length: 9 }, () => '#123456'));
		expect(many.match(/linear-gradient/g)?.length).toBe(MAX_BARS);
		const alpha = (s: string) => Number(/rgba\([^)]*, ([0-9.]+)\)/.exec(s)?.[1]);
		expect(alpha(segmentStyle(['#123456', '#654321']))).toBeGreaterThan(alpha(segmentStyle(['#123456'])));
	});

	it('refuses colours that could inject CSS', () => {
		const style = segmentStyle(['red; background: url(http://x)']);
		expect(style).not.toContain('url(');
		expect(style).toContain('rgba(136, 136, 136,');
		expect(segmentStyle([])).toBe('');
	});
});

describe('diffSpans and colorsChanged', () => {
	const a = { id: 'a', codeId: 'x', start: 0, end: 5 };
	const b = { id: 'b', codeId: 'y', start: 3, end: 9 };
	const shown = new Map([a, b].map((c) => [c.id, c]));

	it('finds added, removed and moved codings', () => {
		expect(diffSpans(shown, [a, b])).toEqual({ added: [], removed: [] });
		const c = { id: 'c', codeId: 'x', start: 10, end: 12 };
		expect(diffSpans(shown, [a, c])).toEqual({ added: [c], removed: ['b'] });
		const moved = { ...b, end: 11 };
		expect(diffSpans(shown, [a, moved])).toEqual({ added: [moved], removed: ['b'] });
		const recoded = { ...a, codeId: 'z' };
		expect(diffSpans(shown, [recoded, b])).toEqual({ added: [recoded], removed: ['a'] });
		const lost = { ...a, orphaned: true };
		expect(diffSpans(shown, [lost, b])).toEqual({ added: [lost], removed: ['a'] });
	});

	it('treats a new code as no colour change, a changed colour as one', () => {
		const prev = new Map([['x', '#111111']]);
		expect(colorsChanged(prev, new Map([['x', '#111111'], ['y', '#222222']]))).toBe(false);
		expect(colorsChanged(prev, new Map([['x', '#333333']]))).toBe(true);
		expect(colorsChanged(prev, new Map())).toBe(false);
	});
});
