// Pure part of applyChanges: checking a Change list and folding it into in-memory rows.
// Kept apart from Dexie so the rules (put/delete semantics, moves between coding sets,
// canonical order) are plain functions the repository only has to read and write around.

import type { Change, ChangeRows, Code, Coding, Id } from '../domain/types';
import type { CodingSetRow } from './rows';

/** Primary key of the coding set of one coder in one document. */
export function codingSetId(docId: Id, coderId: Id): string {
	return `${docId}|${coderId}`;
}

/** Canonical order inside a set, so a set's row depends only on which codings it holds. */
export function compareCodings(a: Coding, b: Coding): number {
	return a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function describe(c: Coding): string {
	return `coding ${c.id} (document ${c.docId}, coder ${c.coderId})`;
}

/** Throws an Error naming the first malformed change; nothing is written when this throws. */
export function validateChanges(changes: readonly Change[]): void {
	changes.forEach((change, i) => {
		const where = `Change #${i + 1} (${change.kind})`;
		if (change.before === null && change.after === null) {
			throw new Error(`${where} has neither a before nor an after row; there is nothing to apply.`);
		}
		if (change.before && change.after && change.before.id !== change.after.id) {
			throw new Error(
				`${where} changes the id from ${change.before.id} to ${change.after.id}; ` +
					'express that as a removal and an insertion.'
			);
		}
		if (change.kind === 'coding' && change.after) {
			const { start, end } = change.after;
			if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start >= end) {
				throw new Error(
					`${where}: ${describe(change.after)} has start ${start} and end ${end}; ` +
						'a coding needs whole-number offsets with 0 <= start < end.'
				);
			}
		}
	});
}

/** Row kinds stored one row per entity (codings are grouped per set instead). */
export type RowKind = 'code' | 'theme' | 'note' | 'decision' | 'participant' | 'search';

/** Final state of every row of one kind the changes touch: the row to put, or null to delete. */
export function foldRowChanges<K extends RowKind>(
	changes: readonly Change[],
	kind: K
): Map<Id, ChangeRows[K] | null> {
	const out = new Map<Id, ChangeRows[K] | null>();
	for (const change of changes) {
		if (change.kind !== kind) continue;
		const after = change.after as ChangeRows[K] | null;
		if (after) out.set(after.id, after);
		else if (change.before) out.set(change.before.id, null);
	}
	return out;
}

/** foldRowChanges for codes (kept for the callers and tests written before themes). */
export function foldCodeChanges(changes: readonly Change[]): Map<Id, Code | null> {
	return foldRowChanges(changes, 'code');
}

/** Ids of every coding set the changes read or write, each once. */
export function affectedSetIds(changes: readonly Change[]): string[] {
	const ids = new Set<string>();
	for (const change of changes) {
		if (change.kind !== 'coding') continue;
		if (change.before) ids.add(codingSetId(change.before.docId, change.before.coderId));
		if (change.after) ids.add(codingSetId(change.after.docId, change.after.coderId));
	}
	return [...ids];
}

/**
 * Applies the coding changes, in order, to `sets` (set id → stored row, undefined when there
 * is none yet), mutating it. Put/delete semantics, matched by coding id: removing an absent
 * coding is a no-op and inserting an existing one replaces it, so an applied list and its
 * inverse always compose. When before and after live in different sets the coding moves.
 * Returns the rows to write and the ids of sets left empty, which are deleted so that undoing
 * the first coding of a set restores the database exactly, row for row.
 */
export function foldCodingChanges(
	sets: Map<string, CodingSetRow | undefined>,
	changes: readonly Change[]
): { put: CodingSetRow[]; remove: string[] } {
	const touched = new Set<string>();
	for (const change of changes) {
		if (change.kind !== 'coding') continue;
		const { before, after } = change;
		if (before) {
			const id = codingSetId(before.docId, before.coderId);
			const row = sets.get(id);
			if (row) row.codings = row.codings.filter((c) => c.id !== before.id);
			touched.add(id);
		}
		if (after) {
			const id = codingSetId(after.docId, after.coderId);
			let row = sets.get(id);
			if (!row) {
				row = {
					id,
					projectId: after.projectId,
					docId: after.docId,
					coderId: after.coderId,
					codings: []
				};
				sets.set(id, row);
			}
			row.codings = row.codings.filter((c) => c.id !== after.id);
			row.codings.push(after);
			touched.add(id);
		}
	}
	const put: CodingSetRow[] = [];
	const remove: string[] = [];
	for (const id of touched) {
		const row = sets.get(id);
		if (row && row.codings.length > 0) {
			row.codings.sort(compareCodings);
			put.push(row);
		} else {
			remove.push(id);
		}
	}
	return { put, remove };
}

/** Every project a change list touches, so each gets its updatedAt bumped. */
export function affectedProjectIds(changes: readonly Change[]): Id[] {
	const ids = new Set<Id>();
	for (const change of changes) {
		if (change.before) ids.add(change.before.projectId);
		if (change.after) ids.add(change.after.projectId);
	}
	return [...ids];
}
