import { describe, expect, it } from 'vitest';
import { code } from '../../../../tests/fixtures/codes';
import type { Coding, TranscriptDocument } from '../types';
import { cooccur, cooccurrence, cooccurringPairs, codeExtracts, describeGap, gapBetween } from './cooccurrence';
import type { AnalysisRows } from './common';

function doc(id: string, participantId: string, order: number): TranscriptDocument {
	return { id, projectId: 'p1', name: id, fileName: `${id}.txt`, participantId, encoding: 'utf-8', eol: 'lf', length: 1000, turnCount: 1, fingerprint: id, importedAt: 0, order };
}

function coding(id: string, codeId: string, docId: string, start: number, end: number, coderId = 'me'): Coding {
	return { id, projectId: 'p1', docId, codeId, coderId, start, end, quote: 'x'.repeat(end - start), prefix: '', suffix: '', createdAt: 0 };
}

/**
 * d1 (P1):  a1 X [0,10) · b1 Y [5,15) · c1 Z [10,20) by another coder · y2 Y [25,30)
 *           a1–b1 overlap 5; a1–c1 touch; b1–c1 overlap 5; c1–y2 5 apart; a1–y2 15 apart
 * d2 (P2):  X [0,10) by another coder, Y [0,10): the same passage, two coders
 * d3 (P1):  X [0,5), Y [100,110): 95 apart
 */
function rows(): AnalysisRows {
	return {
		codes: [code('X', null, 0), code('Y', null, 1), code('Z', null, 2), code('unused', null, 3)],
		documents: [doc('d1', 'P1', 0), doc('d2', 'P2', 1), doc('d3', 'P1', 2)],
		participants: [],
		themes: [],
		codings: [
			coding('a1', 'X', 'd1', 0, 10),
			coding('b1', 'Y', 'd1', 5, 15),
			coding('c1', 'Z', 'd1', 10, 20, 'other'),
			coding('y2', 'Y', 'd1', 25, 30),
			coding('x2', 'X', 'd2', 0, 10, 'other'),
			coding('y3', 'Y', 'd2', 0, 10),
			coding('x3', 'X', 'd3', 0, 5),
			coding('y4', 'Y', 'd3', 100, 110)
		]
	};
}

/** The upper triangle X–Y, X–Z, Y–Z. */
const upper = (m: number[][]) => [m[0][1], m[0][2], m[1][2]];

describe('the co-occurrence rule', () => {
	it('overlap, touching and nearby', () => {
		expect(gapBetween({ start: 0, end: 10 }, { start: 5, end: 15 })).toBe(-5);
		expect(gapBetween({ start: 10, end: 20 }, { start: 0, end: 10 })).toBe(0);
		expect(gapBetween({ start: 0, end: 10 }, { start: 15, end: 20 })).toBe(5);
		// N = 0: overlapping only; touching is not overlapping.
		expect(cooccur({ start: 0, end: 10 }, { start: 9, end: 12 }, 0)).toBe(true);
		expect(cooccur({ start: 0, end: 10 }, { start: 10, end: 12 }, 0)).toBe(false);
		expect(cooccur({ start: 0, end: 10 }, { start: 10, end: 12 }, 1)).toBe(true);
		expect(cooccur({ start: 0, end: 10 }, { start: 15, end: 20 }, 4)).toBe(false);
		expect(cooccur({ start: 0, end: 10 }, { start: 15, end: 20 }, 5)).toBe(true);
		// Containment is overlap.
		expect(cooccur({ start: 0, end: 100 }, { start: 40, end: 50 }, 0)).toBe(true);
		expect(describeGap(-5)).toBe('overlap by 5 characters');
		expect(describeGap(0)).toBe('touching');
		expect(describeGap(1)).toBe('1 character apart');
	});
});

describe('co-occurrence matrix', () => {
	it('N = 0 counts overlapping pairs only, across coders; the diagonal is each code’s own count', () => {
		const m = cooccurrence(rows(), { distance: 0 });
		expect(m.codes.map((c) => c.id)).toEqual(['X', 'Y', 'Z']); // unused code left out
		// X–Y: a1–b1 and the two coders' same passage in d2; Y–Z: b1–c1; X–Z only touch.
		expect(upper(m.pairs)).toEqual([2, 0, 1]);
		expect(upper(m.participants)).toEqual([2, 0, 1]);
		expect([m.pairs[0][0], m.pairs[1][1], m.pairs[2][2]]).toEqual([3, 4, 1]);
		expect([m.participants[0][0], m.participants[1][1], m.participants[2][2]]).toEqual([2, 2, 1]);
		for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(m.pairs[i][j]).toBe(m.pairs[j][i]);
		expect(m.max).toEqual({ extracts: 2, participants: 2 });
	});

	it('N = 1 adds touching codings; N = 5 adds codings 5 characters apart', () => {
		expect(upper(cooccurrence(rows(), { distance: 1 }).pairs)).toEqual([2, 1, 1]);
		expect(upper(cooccurrence(rows(), { distance: 4 }).pairs)).toEqual([2, 1, 1]);
		expect(upper(cooccurrence(rows(), { distance: 5 }).pairs)).toEqual([2, 1, 2]);
	});

	it('counts participants once however many pairs or interviews they have', () => {
		// N = 95: a1–y2 (15 apart) and d3's X–Y (95 apart) join; P1 now has three X–Y pairs.
		const m = cooccurrence(rows(), { distance: 95 });
		expect(upper(m.pairs)).toEqual([4, 1, 2]);
		expect(upper(m.participants)).toEqual([2, 1, 1]);
	});

	it('same coder only: pairs whose two codings one coder made', () => {
		const m = cooccurrence(rows(), { distance: 0, sameCoder: true });
		expect(upper(m.pairs)).toEqual([1, 0, 0]); // only a1–b1; b1–c1 and d2 cross coders
		expect(upper(m.participants)).toEqual([1, 0, 0]);
	});

	it('drills down to the pairs, the first code’s coding first', () => {
		const pairs = cooccurringPairs(rows(), 'Y', 'X', { distance: 0 });
		expect(pairs.map((p) => [p.a.id, p.b.id, p.participant, p.gap])).toEqual([
			['b1', 'a1', 'P1', -5],
			['y3', 'x2', 'P2', -10]
		]);
		expect(cooccurringPairs(rows(), 'X', 'Y', { distance: 95 }).map((p) => [p.a.id, p.b.id, p.gap])).toEqual([
			['a1', 'b1', -5],
			['a1', 'y2', 15],
			['x2', 'y3', -10],
			['x3', 'y4', 95]
		]);
		expect(codeExtracts(rows(), 'Y').map((c) => c.id)).toEqual(['b1', 'y2', 'y3', 'y4']);
	});
});
