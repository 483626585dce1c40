import { describe, expect, it } from 'vitest';
import { code } from '../../../../tests/fixtures/codes';
import { makeTheme } from '../../../../tests/fixtures/themes';
import type { Coding, Participant, TranscriptDocument } from '../types';
import { buildMatrix, cellExtracts, cellValue, columnTotalValue, grandTotalValue, rowTotalValue, showValue, type MatrixInput } from './matrix';

function doc(id: string, participantId: string | null, order: number): TranscriptDocument {
	return {
		id,
		projectId: 'p1',
		name: id === 'd5' ? 'Extra' : id,
		fileName: `${id}.txt`,
		participantId,
		encoding: 'utf-8',
		eol: 'lf',
		length: 1000,
		turnCount: 1,
		fingerprint: id,
		importedAt: 0,
		order
	};
}

function coding(id: string, codeId: string, docId: string, start = 0, end = 10, extra: Partial<Coding> = {}): Coding {
	return { id, projectId: 'p1', docId, codeId, coderId: 'me', start, end, quote: 'x'.repeat(end - start), prefix: '', suffix: '', createdAt: 0, ...extra };
}

const person = (label: string, attributes: Participant['attributes']): Participant => ({ id: `p1:${label}`, projectId: 'p1', label, attributes });

/**
 * Five transcripts: d1 and d4 are P1's two interviews, d5 has no participant ("Extra");
 * P4 was not interviewed. Codes A ⊃ A1, and B. k7 is orphaned and never counts.
 * Themes: main M ⊃ T1 {A1}; T2 {B} with k5 judged not to fit; T3 {A} discarded.
 */
function input(): MatrixInput {
	return {
		codes: [code('A', null, 0), code('A1', 'A', 0), code('B', null, 1)],
		documents: [doc('d1', 'P1', 0), doc('d2', 'P2', 1), doc('d3', 'P3', 2), doc('d4', 'P1', 3), doc('d5', null, 4)],
		participants: [
			person('P1', { work: 'working', age: 30 }),
			person('P2', { work: 'sick_leave', age: 50 }),
			person('P3', { work: 'working', age: 40 }),
			person('P4', { work: 'working', age: 20 })
		],
		codings: [
			coding('k1', 'A', 'd1', 0, 10),
			coding('k2', 'A1', 'd1', 50, 60),
			coding('k3', 'A1', 'd2'),
			coding('k4', 'B', 'd3'),
			coding('k5', 'B', 'd4'),
			coding('k6', 'A', 'd5'),
			coding('k7', 'B', 'd1', 0, 10, { orphaned: true })
		],
		themes: [
			makeTheme('M', { main: true, order: 0, status: 'kept' }),
			makeTheme('T1', { parentId: 'M', codeIds: ['A1'] }),
			makeTheme('T2', { order: 1, codeIds: ['B'], reviews: { k5: 'misfit' } }),
			makeTheme('T3', { order: 2, codeIds: ['A'], status: 'discarded' })
		],
		attributes: [
			{ name: 'work', type: 'category' },
			{ name: 'age', type: 'number' }
		]
	};
}

const grid = (m: ReturnType<typeof buildMatrix>, measure: 'extracts' | 'participants' | 'percent') =>
	m.rows.map((_, r) => m.columns.map((_, k) => cellValue(m, r, k, measure)));

describe('codes × participants', () => {
	it('counts extracts and distinct participants per cell, with sub-codes rolled up', () => {
		const m = buildMatrix(input(), { rows: 'codes', columns: { kind: 'participants' }, rollUp: true });
		expect(m.rows.map((r) => [r.id, r.depth])).toEqual([
			['A', 0],
			['A1', 1],
			['B', 0]
		]);
		expect(m.columns.map((c) => c.label)).toEqual(['Extra', 'P1', 'P2', 'P3', 'P4']);
		// A holds A1: k1, k2 (P1, one participant), k3 (P2), k6 (Extra).
		expect(grid(m, 'extracts')).toEqual([
			[1, 2, 1, 0, 0],
			[0, 1, 1, 0, 0],
			[0, 1, 0, 1, 0] // k5 (d4 is P1's second interview), k4; orphaned k7 left out
		]);
		expect(grid(m, 'participants')).toEqual([
			[1, 1, 1, 0, 0],
			[0, 1, 1, 0, 0],
			[0, 1, 0, 1, 0]
		]);
		expect(m.rowTotals).toEqual([
			{ extracts: 4, participants: 3 },
			{ extracts: 2, participants: 2 },
			{ extracts: 2, participants: 2 }
		]);
		// Column totals count each extract once although A's row repeats A1's.
		expect(m.columnTotals.map((t) => t.extracts)).toEqual([1, 3, 1, 1, 0]);
		expect(m.columnTotals.map((t) => t.participants)).toEqual([1, 1, 1, 1, 0]);
		expect(m.total).toEqual({ extracts: 6, participants: 4 });
		expect(m.totalParticipants).toBe(5);
		expect(rowTotalValue(m, 0, 'percent')).toBeCloseTo(60);
		expect(grandTotalValue(m, 'percent')).toBeCloseTo(80);
	});

	it('without roll-up a parent code counts only its own codings', () => {
		const m = buildMatrix(input(), { rows: 'codes', columns: { kind: 'participants' }, rollUp: false });
		expect(grid(m, 'extracts')[0]).toEqual([1, 1, 0, 0, 0]);
		expect(m.rowTotals[0]).toEqual({ extracts: 2, participants: 2 });
		expect(m.total.extracts).toBe(6);
	});

	it('drills down to the extracts of a cell in document and text order', () => {
		const m = buildMatrix(input(), { rows: 'codes', columns: { kind: 'participants' } });
		const p1 = m.columns.findIndex((c) => c.label === 'P1');
		expect(cellExtracts(m, 0, p1, input().documents).map((c) => c.id)).toEqual(['k1', 'k2']);
		expect(cellExtracts(m, 2, p1, input().documents).map((c) => c.id)).toEqual(['k5']);
	});
});

describe('themes × attribute values', () => {
	it('counts as the theme table: main themes hold sub-themes, misfits and discarded themes do not count', () => {
		const m = buildMatrix(input(), { rows: 'themes', columns: { kind: 'attribute', name: 'work' } });
		expect(m.rows.map((r) => [r.id, r.depth])).toEqual([
			['M', 0],
			['T1', 1],
			['T2', 0]
		]);
		expect(m.columns.map((c) => [c.label, c.participants])).toEqual([
			['Sick leave', ['P2']],
			['Working', ['P1', 'P3', 'P4']],
			['No value', ['Extra']]
		]);
		expect(grid(m, 'extracts')).toEqual([
			[1, 1, 0],
			[1, 1, 0],
			[0, 1, 0] // k5 does not fit T2
		]);
		expect(grid(m, 'percent').map((r) => r.map((x) => showValue(x, 'percent')))).toEqual([
			['100', '33.3', '0'],
			['100', '33.3', '0'],
			['0', '33.3', '0']
		]);
		expect([0, 1, 2].map((k) => columnTotalValue(m, k, 'participants'))).toEqual([1, 2, 0]);
		expect(columnTotalValue(m, 1, 'percent')).toBeCloseTo(66.67, 1);
		expect(m.columnNote).toMatch(/1 participant has no value/);
	});

	it('splits a number at its median: ≤ median and > median', () => {
		const m = buildMatrix(input(), { rows: 'themes', columns: { kind: 'attribute', name: 'age' } });
		// Ages 30, 50, 40, 20: median 35.
		expect(m.columns.map((c) => [c.label, c.participants])).toEqual([
			['≤ 35', ['P1', 'P4']],
			['> 35', ['P2', 'P3']],
			['No value', ['Extra']]
		]);
		expect(m.columnNote).toMatch(/^Age split at its median, 35, over the 4 participants/);
		expect(grid(m, 'participants')).toEqual([
			[1, 1, 0],
			[1, 1, 0],
			[0, 1, 0]
		]);
	});

	it('a theme whose main theme is discarded stands on its own', () => {
		const rows = input();
		rows.themes = rows.themes.map((t) => (t.id === 'M' ? { ...t, status: 'discarded' as const } : t));
		const m = buildMatrix(rows, { rows: 'themes', columns: { kind: 'participants' } });
		expect(m.rows.map((r) => [r.id, r.depth])).toEqual([
			['T1', 0],
			['T2', 0]
		]);
	});

	it('an unknown attribute gives one column with everyone and says so', () => {
		const m = buildMatrix(input(), { rows: 'themes', columns: { kind: 'attribute', name: 'nope' } });
		expect(m.columns).toHaveLength(1);
		expect(m.columns[0].participants).toHaveLength(5);
		expect(m.columnNote).toMatch(/no attribute “nope”/);
	});
});
