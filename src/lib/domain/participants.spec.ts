import { describe, expect, it } from 'vitest';
import { applyChangesToList } from './history';
import { addParticipant, convertValues, fitsType, mergeParticipants, parseValue, removeAttribute, renameAttribute, setValue } from './participants';
import type { Participant } from './types';

const p = (label: string, attributes: Participant['attributes']): Participant => ({ id: `x:${label}`, projectId: 'x', label, attributes });
const apply = (list: Participant[], changes: import('./types').Change[]) => applyChangesToList(list, changes, 'participant');

describe('editing the participants table', () => {
	it('reads typed values: numbers (decimal comma too), dates (ISO or d.m.yyyy), empty as missing', () => {
		expect(parseValue(' 41 ', 'number')).toEqual({ ok: true, value: 41 });
		expect(parseValue('2,5', 'number')).toEqual({ ok: true, value: 2.5 });
		expect(parseValue('forty', 'number').ok).toBe(false);
		expect(parseValue('2.3.2026', 'date')).toEqual({ ok: true, value: '2026-03-02' });
		expect(parseValue('2026-02-30', 'date').ok).toBe(false);
		expect(parseValue('', 'category')).toEqual({ ok: true, value: null });
		expect(fitsType('41', 'number')).toBe(false);
		expect(fitsType(null, 'date')).toBe(true);
	});

	it('sets a value as one change, refuses a wrong type, and changes nothing for the same value', () => {
		const list = [p('P1', { age: 40 })];
		const r = setValue(list, 'P1', { name: 'age', type: 'number' }, '41');
		if (!r.ok) throw new Error(r.error);
		expect(apply(list, r.changes)[0].attributes.age).toBe(41);
		expect(setValue(list, 'P1', { name: 'age', type: 'number' }, 'old').ok).toBe(false);
		const same = setValue(list, 'P1', { name: 'age', type: 'number' }, '40');
		expect(same.ok && same.changes).toEqual([]);
	});

	it('converts values to a new type and lists the ones it cannot read', () => {
		const list = [p('P1', { age: '40' }), p('P2', { age: 'unknown' }), p('P3', { age: null })];
		const r = convertValues(list, 'age', 'number');
		expect(r.unreadable).toEqual(['P2']);
		expect(apply(list, r.changes).map((x) => x.attributes.age)).toEqual([40, 'unknown', null]);
	});

	it('renames and removes an attribute on every participant, keeping the column order', () => {
		const list = [p('P1', { a: 1, b: 2, c: 3 }), p('P2', { a: 4, c: 6 })];
		const r = renameAttribute(list, 'a', 'age');
		if (!r.ok) throw new Error(r.error);
		expect(Object.keys(apply(list, r.changes)[0].attributes)).toEqual(['age', 'b', 'c']);
		expect(renameAttribute(list, 'a', 'c').ok).toBe(false);
		expect(apply(list, removeAttribute(list, 'c')).map((x) => Object.keys(x.attributes))).toEqual([['a', 'b'], ['a']]);
	});

	it('adds a participant with a unique id and merges an imported CSV into what exists', () => {
		const list = [p('P1', { sex: 'female', note: 'x' })];
		expect(addParticipant('x', list, 'p1', ['sex']).ok).toBe(false);
		const added = addParticipant('x', list, 'P2', ['sex']);
		expect(added.ok && added.participant).toEqual(p('P2', { sex: null }));
		const m = mergeParticipants(list, [p('P1', { sex: 'male' }), p('P3', { sex: 'female' })]);
		expect([m.added, m.updated]).toEqual([1, 1]);
		expect(apply(list, m.changes).map((x) => x.attributes)).toEqual([{ sex: 'male', note: 'x' }, { sex: 'female' }]);
	});
});
