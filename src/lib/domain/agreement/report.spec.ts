import { describe, expect, it } from 'vitest';
import { code } from '../../../../tests/fixtures/codes';
import { parseTurns } from '../turns';
import type { Coder, Coding, DocumentContent, TranscriptDocument } from '../types';
import { agreementCsvRows, agreementReport, methodsParagraph, segmentMatrix, type ReportInput } from './report';

const TEXT = 'I: Tell me.\nP1: One two three four five six seven eight nine ten.\nI: And then?\nP1: Eleven twelve.\n';
const doc = (id: string): TranscriptDocument => ({ id, projectId: 'p', name: id, fileName: id, participantId: id, encoding: 'utf-8', eol: 'lf', length: TEXT.length, turnCount: 4, fingerprint: id, importedAt: 0, order: 0 });
let n = 0;
const k = (docId: string, codeId: string, coderId: string, start: number, end: number): Coding => ({ id: `k${++n}`, projectId: 'p', docId, codeId, coderId, start, end, quote: TEXT.slice(start, end), prefix: '', suffix: '', createdAt: 0 });
const coders: Coder[] = [
	{ id: 'a', projectId: 'p', name: 'Ann', color: '#000000' },
	{ id: 'b', projectId: 'p', name: 'Ben', color: '#111111' },
	{ id: 'c', projectId: 'p', name: 'Cai', color: '#222222' }
];
const at = (s: string) => TEXT.indexOf(s);

function input(codings: Coding[], over: Partial<ReportInput> = {}): ReportInput {
	const contents = new Map<string, DocumentContent>(['d1', 'd2'].map((id) => [id, { docId: id, text: TEXT, turns: parseTurns(TEXT) }]));
	return {
		documents: [doc('d1'), doc('d2')], contents, codes: [code('X', null, 0, { name: 'X' }), code('Y', null, 1, { name: 'Y' })], codings, coders,
		docIds: ['d1', 'd2'], codeIds: ['X', 'Y'], coderIds: ['a', 'b'], unit: 'char', ...over
	};
}

describe('the agreement report', () => {
	it('counts characters per code as NVivo does: coded or not, by each coder (hand-checked)', () => {
		// Ann codes "One two three" (13 chars), Ben "two three four" (14): 9 chars both, 4 Ann only, 5 Ben only.
		const codings = [k('d1', 'X', 'a', at('One'), at('One') + 13), k('d1', 'X', 'b', at('two'), at('two') + 14)];
		const r = agreementReport(input(codings, { docIds: ['d1'], codeIds: ['X'] }));
		const s = r.perCode[0].stats;
		const N = TEXT.length;
		expect(s.units).toBe(N);
		// agreement = (9 both + (N − 18) neither) / N
		expect(s.percent.value).toBeCloseTo((N - 9) / N, 10);
		// Cohen: po as above; pe = pA·pB + (1−pA)(1−pB) with pA = 13/N, pB = 14/N
		const po = (N - 9) / N;
		const pe = (13 / N) * (14 / N) + (1 - 13 / N) * (1 - 14 / N);
		expect(s.cohen?.value).toBeCloseTo((po - pe) / (1 - pe), 10);
		// positive specific agreement = 2·9 / (2·9 + 4 + 5)
		expect(s.specific.value).toBeCloseTo(18 / 27, 10);
	});

	it('pools per code over transcripts, per transcript over codes, and everything together', () => {
		const codings = [
			k('d1', 'X', 'a', at('One'), at('four')),
			k('d1', 'X', 'b', at('One'), at('four')),
			k('d2', 'Y', 'a', at('Eleven'), at('twelve')),
			k('d2', 'Y', 'b', at('One'), at('two'))
		];
		const r = agreementReport(input(codings));
		expect(r.perCode.map((x) => x.stats.units)).toEqual([2 * TEXT.length, 2 * TEXT.length]);
		expect(r.perDocument.map((x) => x.stats.units)).toEqual([2 * TEXT.length, 2 * TEXT.length]);
		expect(r.pooled.units).toBe(4 * TEXT.length);
		expect(r.perCode[0].stats.cohen?.value).toBe(1); // X: identical in d1, absent in d2
		expect(r.perCode[1].stats.cohen?.value).toBeLessThan(0); // Y: no overlap at all
		expect(r.pooling).toMatch(/2 code\(s\) and 2 transcript\(s\)/);
	});

	it('turns and presence are units too', () => {
		const codings = [k('d1', 'X', 'a', at('One'), at('two')), k('d1', 'X', 'b', at('nine'), at('ten')), k('d2', 'X', 'a', at('Eleven'), at('twelve'))];
		const turns = agreementReport(input(codings, { unit: 'turn', codeIds: ['X'] }));
		expect(turns.perCode[0].stats.units).toBe(8); // 4 turns × 2 transcripts
		// d1: both coded the same turn; d2: only Ann → 7 of 8 turns agree
		expect(turns.perCode[0].stats.percent.value).toBeCloseTo(7 / 8, 10);
		const presence = agreementReport(input(codings, { unit: 'presence', codeIds: ['X'] }));
		expect(presence.perCode[0].stats.units).toBe(2);
		expect(presence.perCode[0].stats.percent.value).toBeCloseTo(1 / 2, 10);
	});

	it('says why a value is undefined instead of printing 0 or 1, and flags a low-prevalence paradox', () => {
		const one = agreementReport(input([], { coderIds: ['a'] }));
		expect(one.pooled.alpha).toEqual({ value: null, reason: 'needs at least two coders' });
		const none = agreementReport(input([]));
		expect(none.pooled.alpha.value).toBeNull(); // nobody coded anything: no variation
		expect(none.pooled.cohen?.value ?? null).toBeNull();
		const rows = agreementCsvRows(none);
		expect(rows[0][0]).toBe('level');
		expect(rows.at(-1)![8]).toBe('undefined');
		expect(rows.at(-1)!.at(-1)).toMatch(/variation/);
		// a tiny code both coders mostly agree on by not using it
		const skew = agreementReport(input([k('d1', 'X', 'a', at('One'), at('One') + 3), k('d1', 'X', 'b', at('ten'), at('ten') + 3)], { codeIds: ['X'] }));
		expect(skew.perCode[0].stats.percent.value!).toBeGreaterThan(0.95);
		expect(skew.perCode[0].stats.paradox).toMatch(/./);
	});

	it('works for three coders (no Cohen; Fleiss, alpha and the rest defined) and writes a methods paragraph', () => {
		const codings = coders.map((c) => k('d1', 'X', c.id, at('One'), at('five')));
		const r = agreementReport(input(codings, { coderIds: ['a', 'b', 'c'], codeIds: ['X'], docIds: ['d1'] }));
		expect(r.pooled.cohen).toBeNull();
		expect(r.pooled.fleiss.value).toBe(1);
		expect(r.pooled.alpha.value).toBe(1);
		expect(methodsParagraph(r, 23)).toBe(
			"Three coders independently coded 1 of 23 transcripts with 1 code. Agreement was computed over characters, each code judged as applied or not; Krippendorff's alpha (nominal) pooled over codes and transcripts was 1.00, with 100.0 % observed agreement."
		);
	});

	it('segments as units: merged coded stretches, each coder counted when covering the overlap share (hand-checked)', () => {
		const ann = [{ start: 0, end: 100 }, { start: 200, end: 300 }];
		const ben = [{ start: 5, end: 100 }, { start: 250, end: 300 }, { start: 400, end: 420 }];
		// segments [0,100) [200,300) [400,420): Ben covers 95 %, 50 %, 100 %; Ann 100 %, 100 %, 0 %
		expect(segmentMatrix([ann, ben], 0.9)).toEqual([
			[1, 1, 0],
			[1, 0, 1]
		]);
		expect(segmentMatrix([ann, ben], 0.5)).toEqual([
			[1, 1, 0],
			[1, 1, 1]
		]);
		// a coder's own overlapping codings count once
		expect(segmentMatrix([[{ start: 0, end: 60 }, { start: 40, end: 100 }], [{ start: 0, end: 100 }]], 0.9)).toEqual([[1], [1]]);
		const codings = [k('d1', 'X', 'a', at('One'), at('five')), k('d1', 'X', 'b', at('two'), at('five')), k('d1', 'X', 'a', at('Eleven'), at('twelve'))];
		const r = agreementReport(input(codings, { unit: 'segment', overlap: 0.5, codeIds: ['X'], docIds: ['d1'] }));
		expect(r.perCode[0].stats.units).toBe(2);
		expect(r.perCode[0].stats.percent.value).toBeCloseTo(1 / 2, 10);
		expect(r.pooling).toMatch(/at least 50 % of it/);
	});
});
