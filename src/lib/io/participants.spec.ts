import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseParticipantsCsv } from './participants';

describe('participants CSV', () => {
	it('reads the sample study table with typed attributes', () => {
		const r = parseParticipantsCsv(readFileSync('static/sample/participants.csv', 'utf8'), 'participants.csv', 'p1');
		if (!r.ok) throw new Error(r.message);
		expect(r.participants).toHaveLength(23);
		expect(r.idColumn).toBe('id');
		const p01 = r.participants[0];
		expect(p01).toMatchObject({ id: 'p1:P01', label: 'P01' });
		expect(p01.attributes.gender).toBe('female');
		expect(p01.attributes.sick_leave_pct_at_start).toBe(100);
		expect(p01.attributes.rtw_self_efficacy_pre).toBe(2.1);
		expect(r.participants.filter((p) => p.attributes.gender === 'male')).toHaveLength(5);
	});

	it('names the file and the problem for bad tables', () => {
		expect(parseParticipantsCsv('', 'a.csv', 'p')).toEqual({ ok: false, message: 'a.csv: the file is empty.' });
		const dup = parseParticipantsCsv('id,age\nP01,30\nP01,31\n', 'b.csv', 'p');
		expect(dup.ok || dup.message).toBe('b.csv: participant “P01” appears twice (row 3).');
		const missing = parseParticipantsCsv('id,age\n,30\n', 'c.csv', 'p');
		expect(missing.ok || missing.message).toBe('c.csv: row 2 has no participant id in column “id”.');
	});

	it('keeps mixed columns as text and empty cells as null; strips a BOM', () => {
		const r = parseParticipantsCsv('\uFEFFParticipant,age,note\nP1,30,\nP2,n/a,x\n', 'd.csv', 'p');
		if (!r.ok) throw new Error(r.message);
		expect(r.idColumn).toBe('Participant');
		expect(r.participants[0].attributes).toEqual({ age: '30', note: null });
	});
});
