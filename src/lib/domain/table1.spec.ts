import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseParticipantsCsv } from '../io/participants';
import { attributeDefs, buildTable1, fmtNumber, guessType, humanise, percent } from './table1';
import type { Participant } from './types';

const p = (label: string, attributes: Participant['attributes']): Participant => ({ id: `x:${label}`, projectId: 'x', label, attributes });

describe('Table 1', () => {
	it('counts categories with percentages of those with a value, and missing values apart (hand-checked)', () => {
		const ps = [p('P1', { sex: 'female' }), p('P2', { sex: 'female' }), p('P3', { sex: 'male' }), p('P4', { sex: null })];
		const t = buildTable1(ps, [{ name: 'sex', type: 'category' }]);
		expect(t.n).toBe(4);
		expect(t.items).toEqual([
			{ kind: 'category', name: 'sex', label: 'Sex', missing: 1, rows: [{ value: 'female', n: 2, share: 2 / 3 }, { value: 'male', n: 1, share: 1 / 3 }] }
		]);
		expect(percent(2 / 3)).toBe('66.7');
		expect(percent(1)).toBe('100');
	});

	it('summarises numbers with mean, sample SD, median and range (hand-checked)', () => {
		const ps = [2, 4, 4, 4, 5, 5, 7, 9].map((v, i) => p(`P${i}`, { score: v }));
		const [item] = buildTable1(ps, [{ name: 'score', type: 'number' }]).items;
		if (item.kind !== 'number') throw new Error(item.kind);
		expect(item.mean).toBe(5);
		expect(item.sd).toBeCloseTo(2.138, 3); // sample SD: sqrt(32/7)
		expect(item.median).toBe(4.5);
		expect([item.min, item.max]).toEqual([2, 9]);
		// One value: no SD.
		const [one] = buildTable1([p('P1', { score: 3 })], [{ name: 'score', type: 'number' }]).items;
		expect(one.kind === 'number' && one.sd).toBeNull();
		expect(fmtNumber(41.25)).toBe('41.3');
	});

	it('keeps age bands in their natural order and guesses types from the values', () => {
		const ps = [p('a', { band: '40-49' }), p('b', { band: '30-39' }), p('c', { band: '20-29' }), p('d', { band: '30-39' })];
		const [item] = buildTable1(ps, attributeDefs(undefined, ps)).items;
		expect(item.kind === 'category' && item.rows.map((r) => r.value)).toEqual(['20-29', '30-39', '40-49']);
		expect(guessType([1, 2, null])).toBe('number');
		expect(guessType(['2026-01-02', null])).toBe('date');
		expect(guessType(['1', 'x'])).toBe('category');
		expect(humanise('sick_leave_pct_at_start')).toBe('Sick leave pct at start');
	});

	it('gives dates a range and an attribute nobody has a value for nothing but "missing"', () => {
		const ps = [p('a', { d: '2026-03-02', e: null }), p('b', { d: '2025-12-01', e: null })];
		const t = buildTable1(ps, [{ name: 'd', type: 'date' }, { name: 'e', type: 'category' }]);
		expect(t.items[0]).toMatchObject({ kind: 'date', first: '2025-12-01', last: '2026-03-02' });
		expect(t.items[1]).toMatchObject({ kind: 'empty', missing: 2 });
	});

	it('on the sample study: 23 participants, 18 female and 5 male', () => {
		const parsed = parseParticipantsCsv(readFileSync('static/sample/participants.csv', 'utf8'), 'participants.csv', 'x');
		if (!parsed.ok) throw new Error(parsed.message);
		const t = buildTable1(parsed.participants, attributeDefs(undefined, parsed.participants));
		expect(t.n).toBe(23);
		const gender = t.items.find((i) => i.name === 'gender');
		expect(gender?.kind === 'category' && gender.rows.map((r) => [r.value, r.n])).toEqual([['female', 18], ['male', 5]]);
		const start = t.items.find((i) => i.name === 'sick_leave_pct_at_start');
		expect(start?.kind).toBe('number');
	});
});
