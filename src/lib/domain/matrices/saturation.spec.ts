import { describe, expect, it } from 'vitest';
import { code } from '../../../../tests/fixtures/codes';
import type { Coding, Participant, TranscriptDocument } from '../types';
import { saturationCurve, saturationIndex, saturationSentence } from './saturation';
import type { AnalysisRows } from './common';

function doc(id: string, participantId: string, order: number): TranscriptDocument {
	return { id, projectId: 'p1', name: id, fileName: `${id}.txt`, participantId, encoding: 'utf-8', eol: 'lf', length: 1000, turnCount: 1, fingerprint: id, importedAt: 0, order };
}

let n = 0;
/** Codings of `codes` in the transcript, one after another in the text. */
const coded = (docId: string, codes: string[]): Coding[] =>
	codes.map((codeId, i) => ({ id: `k${n++}`, projectId: 'p1', docId, codeId, coderId: 'me', start: i * 10, end: i * 10 + 5, quote: 'xxxxx', prefix: '', suffix: '', createdAt: 0 }));

const person = (label: string, date: string | null): Participant => ({ id: `p1:${label}`, projectId: 'p1', label, attributes: { interview_date: date } });

/** New codes per interview 5, 3, 0, 0, 0, 1; d7 is not coded. */
function rows(): AnalysisRows {
	return {
		codes: 'ABCDEFGHI'.split('').map((id, i) => code(id, null, i)),
		documents: [1, 2, 3, 4, 5, 6, 7].map((i) => doc(`d${i}`, `P${i}`, i - 1)),
		participants: [
			person('P1', '2025-03-01'),
			person('P2', '2025-01-15'),
			person('P3', '2025-02-01'),
			person('P4', null),
			person('P5', '2025-02-10'),
			person('P6', '2025-01-01'),
			person('P7', '2025-01-02')
		],
		themes: [],
		codings: [
			...coded('d1', ['A', 'B', 'C', 'D', 'E']),
			...coded('d2', ['A', 'F', 'G', 'H', 'F']),
			...coded('d3', ['A', 'B']),
			...coded('d4', ['C']),
			...coded('d5', ['D', 'E']),
			...coded('d6', ['I'])
		]
	};
}

describe('the saturation rule', () => {
	it('is the first interview after which k interviews in a row add no new code', () => {
		expect(saturationIndex([5, 3, 0, 0, 0, 1], 3)).toBe(1);
		expect(saturationIndex([5, 3, 0, 0, 0, 1], 4)).toBe(null);
		expect(saturationIndex([5, 3, 0, 0, 0, 1], 2)).toBe(1);
		expect(saturationIndex([5, 3, 0, 0, 0, 1], 1)).toBe(1);
		expect(saturationIndex([5, 0, 0, 0], 3)).toBe(0);
		expect(saturationIndex([5, 0, 0], 3)).toBe(null);
		expect(saturationIndex([5, 2, 0, 1, 0, 0], 2)).toBe(3);
		expect(saturationIndex([], 3)).toBe(null);
	});
});

describe('saturation curve', () => {
	it('in document order: new codes, cumulative codes, the point and later new codes', () => {
		const s = saturationCurve(rows(), { order: { kind: 'documents' } });
		expect(s.points.map((p) => [p.participant, p.codes, p.newCodes.length, p.cumulative])).toEqual([
			['P1', 5, 5, 5],
			['P2', 4, 3, 8],
			['P3', 2, 0, 8],
			['P4', 1, 0, 8],
			['P5', 2, 0, 8],
			['P6', 1, 1, 9]
		]);
		expect(s.points[1].newCodes).toEqual(['F', 'G', 'H']);
		expect(s.uncoded.map((d) => d.id)).toEqual(['d7']);
		expect(s.saturationAt).toBe(1);
		expect(s.laterNewCodes).toBe(1);
		expect(s.totalCodes).toBe(9);
		expect(saturationSentence(s)).toBe(
			'Saturation point: the first interview after which 3 interviews in a row add no new code. Reached at interview 2 (P2), with 8 of 9 codes; interviews 3–5 added none. 1 new code still appeared later.'
		);
	});

	it('k is adjustable: with k = 4 saturation is not reached', () => {
		const s = saturationCurve(rows(), { order: { kind: 'documents' }, run: 4 });
		expect(s.saturationAt).toBe(null);
		expect(saturationSentence(s)).toMatch(/Not reached: no run of 4 interviews without a new code \(9 codes over 6 interviews\)/);
	});

	it('by interview date: dated interviews first by date, undated last in document order', () => {
		// Dates: P6 01-01, P2 01-15, P3 02-01, P5 02-10, P1 03-01, P4 none (P7 is not coded).
		const s = saturationCurve(rows(), { order: { kind: 'date', attribute: 'interview_date' } });
		expect(s.points.map((p) => p.participant)).toEqual(['P6', 'P2', 'P3', 'P5', 'P1', 'P4']);
		expect(s.points.map((p) => p.date)).toEqual(['2025-01-01', '2025-01-15', '2025-02-01', '2025-02-10', '2025-03-01', null]);
		expect(s.points.map((p) => p.newCodes.length)).toEqual([1, 4, 1, 2, 1, 0]); // I; A F G H; B; D E; C; —
		expect(s.points.map((p) => p.cumulative)).toEqual([1, 5, 6, 8, 9, 9]);
		expect(s.undated).toBe(1);
		expect(s.saturationAt).toBe(null); // only one interview after the last new code
		expect(saturationCurve(rows(), { order: { kind: 'date', attribute: 'interview_date' }, run: 1 }).saturationAt).toBe(4);
	});

	it('says so when nothing is coded', () => {
		const s = saturationCurve({ ...rows(), codings: [] }, { order: { kind: 'documents' } });
		expect(s.points).toEqual([]);
		expect(s.uncoded).toHaveLength(7);
		expect(saturationSentence(s)).toMatch(/No transcript is coded yet/);
	});
});
