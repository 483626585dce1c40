// The agreement CSV files parse back to the report's numbers, intervals included.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { agreementReport, agreementWithReference, type ReportInput } from '../domain/agreement/report';
import type { Coding, TranscriptDocument } from '../domain/types';
import { agreementCsv, referenceCsv } from './agreementCsv';

const doc = (id: string): TranscriptDocument => ({ id, projectId: 'p', name: id, fileName: id, participantId: id, encoding: 'utf-8', eol: 'lf', length: 200, turnCount: 0, fingerprint: id, importedAt: 0, order: 0 });
let n = 0;
const k = (docId: string, coderId: string, start: number, end: number): Coding => ({ id: `k${++n}`, projectId: 'p', docId, codeId: 'X', coderId, start, end, quote: '', prefix: '', suffix: '', createdAt: 0 });
const input: ReportInput = {
	documents: ['d1', 'd2', 'd3'].map(doc),
	contents: new Map(),
	// a name a spreadsheet would run as a formula
	codes: [{ id: 'X', projectId: 'p', parentId: null, order: 0, name: '=cost', color: '#000000', definition: '', include: '', exclude: '', example: '', createdAt: 0 }],
	codings: [k('d1', 'a', 0, 50), k('d1', 'b', 10, 50), k('d2', 'a', 100, 150), k('d2', 'b', 90, 160), k('d3', 'a', 0, 20), k('d3', 'b', 30, 60), k('d3', 'c', 0, 20)],
	coders: ['a', 'b', 'c'].map((id) => ({ id, projectId: 'p', name: id.toUpperCase(), color: '#000000' })),
	docIds: ['d1', 'd2', 'd3'],
	codeIds: ['X'],
	coderIds: ['a', 'b'],
	unit: 'char'
};
const parse = (text: string) => {
	expect(text.startsWith('\uFEFF')).toBe(true);
	expect(text).toContain('\r\n');
	return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
};

describe('agreement CSV files', () => {
	it('the report: intervals in their own columns, names guarded against formulae', () => {
		const report = agreementReport(input);
		const rows = parse(agreementCsv(report));
		const head = rows[0];
		const pooled = rows.at(-1)!;
		const ci = report.pooled.ci!;
		if (ci.alpha.lower === null || !ci.cohen || ci.cohen.lower === null) throw new Error('expected intervals');
		expect(Number(pooled[head.indexOf('alpha_ci_low')])).toBeCloseTo(ci.alpha.lower, 3);
		expect(Number(pooled[head.indexOf('alpha_ci_high')])).toBeCloseTo(ci.alpha.upper, 3);
		expect(Number(pooled[head.indexOf('kappa_ci_low')])).toBeCloseTo(ci.cohen.lower, 3);
		expect(Number(pooled[head.indexOf('kappa_ci_high')])).toBeCloseTo(ci.cohen.upper, 3);
		expect(rows[1][1]).toBe("'=cost");
		expect(pooled[1]).toMatch(/bootstrap over the 3 transcripts/);
	});

	it('a negative statistic stays a number (the formula guard leaves plain numbers alone)', () => {
		// A and B code opposite halves of one transcript: agreement below chance
		const opposite: ReportInput = { ...input, codings: [k('d1', 'a', 0, 100), k('d1', 'b', 100, 200)], docIds: ['d1'] };
		const rows = parse(agreementCsv(agreementReport(opposite)));
		const kappa = rows.at(-1)![rows[0].indexOf("Cohen's kappa")];
		expect(kappa).toMatch(/^-\d/);
		expect(Number(kappa)).toBeLessThan(0);
	});

	it('each coder against the reference', () => {
		const cmp = agreementWithReference({ ...input, coderIds: ['b', 'c'] }, 'a');
		const rows = parse(referenceCsv(cmp));
		expect(rows.map((r) => r.slice(0, 3))).toEqual([
			['coder', 'reference', 'transcripts'],
			['B', 'A', '3'],
			['C', 'A', '1'],
			['', '', '']
		]);
		expect(rows[1][rows[0].indexOf("Krippendorff's alpha (nominal)")]).toBe(cmp.rows[0].stats.alpha.value!.toFixed(3));
		// C shares one transcript with A: no interval, and the note says why
		expect(rows[2][rows[0].indexOf('alpha_ci_low')]).toBe('undefined');
		expect(rows[2].at(-1)).toMatch(/no alpha interval: needs at least two transcripts to resample/);
	});
});
