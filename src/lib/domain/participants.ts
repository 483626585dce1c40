// Editing the participants table: values typed by their attribute (a number must be a number,
// a date "YYYY-MM-DD"), attributes renamed or removed across every participant, participants
// added and removed, and a CSV merged into what exists. Every edit is a Change[] of
// participant rows, so the screen commits it as one undoable step. Pure.

import type { Result } from './codebook';
import { numberOf } from './table1';
import type { AttributeDef, AttributeType, AttributeValue, Change, Id, Participant } from './types';

/** Reads what was typed into a cell as a value of the attribute's type ('' = missing). */
export function parseValue(raw: string, type: AttributeType): Result<{ value: AttributeValue }> {
	const s = raw.trim();
	if (s === '') return { ok: true, value: null };
	if (type === 'number') {
		const n = numberOf(s);
		return n === null ? { ok: false, error: `“${s}” is not a number.` } : { ok: true, value: n };
	}
	if (type === 'date') {
		const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) ?? null;
		const nb = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
		const [y, mo, d] = m ? [m[1], m[2], m[3]] : nb ? [nb[3], nb[2].padStart(2, '0'), nb[1].padStart(2, '0')] : [];
		if (!y) return { ok: false, error: `“${s}” is not a date (write it as 2026-03-02 or 2.3.2026).` };
		const date = new Date(`${y}-${mo}-${d}T00:00:00Z`);
		if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(d)) return { ok: false, error: `“${s}” is not a real date.` };
		return { ok: true, value: `${y}-${mo}-${d}` };
	}
	return { ok: true, value: s };
}

/** The value as the cell shows it. */
export function showValue(v: AttributeValue | undefined): string {
	return v === null || v === undefined ? '' : String(v);
}

/** Whether a stored value fits its attribute's type (the table marks those that do not). */
export function fitsType(v: AttributeValue | undefined, type: AttributeType): boolean {
	if (v === null || v === undefined) return true;
	if (type === 'number') return typeof v === 'number';
	if (type === 'date') return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
	return true;
}

function update(p: Participant, attributes: Participant['attributes']): Change {
	return { kind: 'participant', before: p, after: { ...p, attributes } };
}

export function setValue(participants: readonly Participant[], label: string, def: AttributeDef, raw: string): Result<{ changes: Change[] }> {
	const p = participants.find((x) => x.label === label);
	if (!p) return { ok: false, error: `There is no participant ${label}.` };
	const parsed = parseValue(raw, def.type);
	if (!parsed.ok) return parsed;
	if ((p.attributes[def.name] ?? null) === parsed.value) return { ok: true, changes: [] };
	return { ok: true, changes: [update(p, { ...p.attributes, [def.name]: parsed.value })] };
}

/** Converts every value of an attribute to a new type; values that cannot be read stay as they are and are listed. */
export function convertValues(participants: readonly Participant[], name: string, type: AttributeType): { changes: Change[]; unreadable: string[] } {
	const changes: Change[] = [];
	const unreadable: string[] = [];
	for (const p of participants) {
		const v = p.attributes[name];
		if (v === undefined || v === null) continue;
		const parsed = parseValue(String(v), type);
		if (!parsed.ok) unreadable.push(p.label);
		else if (parsed.value !== v) changes.push(update(p, { ...p.attributes, [name]: parsed.value }));
	}
	return { changes, unreadable };
}

export function renameAttribute(participants: readonly Participant[], from: string, to: string): Result<{ changes: Change[] }> {
	const name = to.trim();
	if (!name) return { ok: false, error: 'An attribute needs a name.' };
	if (name !== from && participants.some((p) => Object.hasOwn(p.attributes, name))) return { ok: false, error: `There is already an attribute called “${name}”.` };
	if (name === from) return { ok: true, changes: [] };
	return {
		ok: true,
		changes: participants
			.filter((p) => Object.hasOwn(p.attributes, from))
			.map((p) => update(p, Object.fromEntries(Object.entries(p.attributes).map(([k, v]) => [k === from ? name : k, v]))))
	};
}

export function removeAttribute(participants: readonly Participant[], name: string): Change[] {
	return participants
		.filter((p) => Object.hasOwn(p.attributes, name))
		.map((p) => update(p, Object.fromEntries(Object.entries(p.attributes).filter(([k]) => k !== name))));
}

export function addParticipant(projectId: Id, participants: readonly Participant[], label: string, attributeNames: readonly string[]): Result<{ changes: Change[]; participant: Participant }> {
	const clean = label.trim();
	if (!clean) return { ok: false, error: 'A participant needs an id, such as P24.' };
	if (participants.some((p) => p.label.toLocaleLowerCase() === clean.toLocaleLowerCase())) return { ok: false, error: `There is already a participant ${clean}.` };
	const participant: Participant = { id: `${projectId}:${clean}`, projectId, label: clean, attributes: Object.fromEntries(attributeNames.map((n) => [n, null])) };
	return { ok: true, participant, changes: [{ kind: 'participant', before: null, after: participant }] };
}

export function removeParticipant(p: Participant): Change[] {
	return [{ kind: 'participant', before: p, after: null }];
}

/**
 * A participants CSV merged into the table: participants matched by id; an imported value
 * replaces the stored one, attributes the CSV does not have are kept; new participants added.
 */
export function mergeParticipants(existing: readonly Participant[], imported: readonly Participant[]): { changes: Change[]; added: number; updated: number } {
	const byLabel = new Map(existing.map((p) => [p.label, p]));
	const changes: Change[] = [];
	let added = 0;
	let updated = 0;
	for (const q of imported) {
		const p = byLabel.get(q.label);
		if (!p) {
			changes.push({ kind: 'participant', before: null, after: q });
			added++;
			continue;
		}
		const attributes = { ...p.attributes, ...q.attributes };
		if (JSON.stringify(attributes) !== JSON.stringify(p.attributes)) {
			changes.push(update(p, attributes));
			updated++;
		}
	}
	return { changes, added, updated };
}
