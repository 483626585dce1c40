import { describe, expect, it } from 'vitest';
import type { Coding } from '../types';
import { comparisonCache, compareCoders, disagreements, splitPieces, stretchOfCoding, textRows, worstStretch } from './compare';

let n = 0;
const k = (coderId: string, codeId: string, start: number, end: number, extra: Partial<Coding> = {}): Coding => ({
	id: `k${++n}`, projectId: 'p', docId: 'd', codeId, coderId, start, end, quote: 'x', prefix: '', suffix: '', createdAt: 0, ...extra
});

describe('comparing coders on one transcript', () => {
	it('sorts stretches into same passage, agreement, partial overlap and one-sided (hand-checked)', () => {
		const codings = [
			k('a', 'X', 0, 100), k('b', 'X', 0, 100), // exact
			k('a', 'X', 200, 300), k('b', 'X', 205, 300), // b covers 95 % → agree
			k('a', 'X', 400, 500), k('b', 'X', 450, 500), // b covers 50 % → partial
			k('a', 'Y', 0, 50), // only a
			k('b', 'Y', 600, 650), // only b
			k('c', 'X', 0, 100) // a coder not compared
		];
		const s = compareCoders(codings, ['a', 'b']);
		expect(s.map((x) => [x.codeId, x.start, x.end, x.status])).toEqual([
			['Y', 0, 50, 'only'],
			['X', 0, 100, 'exact'],
			['X', 200, 300, 'agree'],
			['X', 400, 500, 'partial'],
			['Y', 600, 650, 'only']
		]);
		expect(s[0].missing).toEqual(['b']);
		expect(s[4].missing).toEqual(['a']);
		expect(s[3].byCoder.b.map((x) => x.start)).toEqual([450]);
		expect(disagreements(s).map((x) => x.start)).toEqual([0, 400, 600]);
		// a looser threshold turns the partial overlap into an agreement
		expect(compareCoders(codings, ['a', 'b'], 0.5).find((x) => x.start === 400)?.status).toBe('agree');
	});

	it('joins a coder’s touching or overlapping codings of a code into one stretch; orphaned codings are left out', () => {
		const s = compareCoders([k('a', 'X', 0, 60), k('a', 'X', 60, 100), k('b', 'X', 0, 100), k('b', 'X', 300, 310, { orphaned: true })], ['a', 'b']);
		expect(s).toHaveLength(1);
		expect(s[0]).toMatchObject({ start: 0, end: 100, status: 'agree' });
	});

	it('three coders: one who coded nothing of a stretch makes it one-sided', () => {
		const s = compareCoders([k('a', 'X', 0, 10), k('b', 'X', 0, 10)], ['a', 'b', 'c']);
		expect(s[0]).toMatchObject({ status: 'only', missing: ['c'] });
	});
});

describe('comparing many transcripts as their codings change', () => {
	it('compares a transcript again only when its compared codings, the coders or the overlap change', () => {
		const compare = comparisonCache();
		const codings = [k('a', 'X', 0, 100), k('b', 'X', 0, 60), k('c', 'X', 0, 100)];
		const first = compare('d', codings, ['a', 'b'], 0.9);
		expect(first).toEqual(compareCoders(codings, ['a', 'b'], 0.9));
		// a coding of a coder not compared (a consensus layer's, say) changes nothing
		expect(compare('d', [...codings, k('C', 'X', 0, 100)], ['a', 'b'], 0.9)).toBe(first);
		expect(compare('d', codings, ['a', 'b'], 0.5)).not.toBe(first);
		expect(compare('d', codings, ['a', 'c'], 0.5)[0].status).toBe('exact');
		const changed = [codings[0], k('b', 'X', 0, 100)];
		expect(compare('d', changed, ['a', 'b'], 0.5)[0].status).toBe('exact');
	});
});

describe('pieces and rows for the side-by-side view', () => {
	it('a piece shows the stretch of its codings furthest from agreement', () => {
		const exact = [k('a', 'X', 0, 100), k('b', 'X', 0, 100)];
		const only = k('a', 'Y', 50, 80);
		const stretchOf = stretchOfCoding(compareCoders([...exact, only], ['a', 'b']));
		expect(worstStretch([exact[0], only], stretchOf)).toMatchObject({ codeId: 'Y', status: 'only' });
		expect(worstStretch([exact[0]], stretchOf)).toMatchObject({ codeId: 'X', status: 'exact' });
		expect(worstStretch([k('c', 'X', 0, 1)], stretchOf)).toBeNull();
	});

	it('splits a turn at every coding boundary inside it, with the codings covering each piece', () => {
		const a = k('a', 'X', 5, 15);
		const b = k('a', 'Y', 10, 30);
		const outside = k('a', 'Z', 40, 50);
		const p = splitPieces(0, 20, [b, a, outside]);
		expect(p.map((x) => [x.start, x.end, x.codings.map((c) => c.codeId).sort().join('')])).toEqual([
			[0, 5, ''], [5, 10, 'X'], [10, 15, 'XY'], [15, 20, 'Y']
		]);
		expect(splitPieces(7, 7, [a])).toEqual([]);
	});

	it('rows are the turns’ spoken text, or the non-empty lines of a text without turns', () => {
		expect(textRows('ignored', [{ speaker: 'P1', role: 'participant', start: 0, end: 9, textStart: 4 }])).toEqual([
			{ start: 4, end: 9, speaker: 'P1', role: 'participant' }
		]);
		const text = 'one\r\n\r\ntwo';
		expect(textRows(text, []).map((r) => text.slice(r.start, r.end))).toEqual(['one', 'two']);
	});
});
