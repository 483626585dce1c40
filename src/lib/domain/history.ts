// Undo/redo over Change lists. Each user action is one HistoryEntry; undoing it means
// applying its changes inverted (before/after swapped, last change first), so the history
// never needs to know what the action was. Plain TypeScript: state classes wrap it.

import type { Change, ChangeRows, HistoryEntry } from './types';

export const HISTORY_LIMIT = 200;

/** The changes that undo `changes`: each one swapped, in reverse order. */
export function invertChanges(changes: readonly Change[]): Change[] {
	const out: Change[] = [];
	for (let i = changes.length - 1; i >= 0; i--) {
		const c = changes[i];
		out.push({ ...c, before: c.after, after: c.before } as Change);
	}
	return out;
}

export class History {
	#undo: HistoryEntry[] = [];
	#redo: HistoryEntry[] = [];
	readonly #limit: number;

	constructor(limit = HISTORY_LIMIT) {
		this.#limit = Math.max(1, Math.trunc(limit));
	}

	/** Records a done action. Starting a new branch forgets what could be redone. */
	push(entry: HistoryEntry): void {
		// An action that changed nothing would make Undo appear to do nothing.
		if (entry.changes.length === 0) return;
		this.#undo.push(entry);
		if (this.#undo.length > this.#limit) this.#undo.splice(0, this.#undo.length - this.#limit);
		this.#redo = [];
	}

	/** The entry to apply to undo the last action (its changes already inverted), or null. */
	undo(): HistoryEntry | null {
		const entry = this.#undo.pop();
		if (!entry) return null;
		this.#redo.push(entry);
		return { label: entry.label, changes: invertChanges(entry.changes) };
	}

	/** The entry to apply again, exactly as it was first pushed, or null. */
	redo(): HistoryEntry | null {
		const entry = this.#redo.pop();
		if (!entry) return null;
		this.#undo.push(entry);
		return entry;
	}

	get canUndo(): boolean {
		return this.#undo.length > 0;
	}

	get canRedo(): boolean {
		return this.#redo.length > 0;
	}

	/** Number of actions that can be undone. */
	get size(): number {
		return this.#undo.length;
	}

	peekUndoLabel(): string | null {
		return this.#undo.at(-1)?.label ?? null;
	}

	peekRedoLabel(): string | null {
		return this.#redo.at(-1)?.label ?? null;
	}

	/**
	 * Forgets an entry that was pushed but could not be stored, wherever it now is (the user
	 * may have undone it meanwhile). Returns whether it was found.
	 */
	discard(entry: HistoryEntry): boolean {
		for (const stack of [this.#undo, this.#redo]) {
			const i = stack.lastIndexOf(entry);
			if (i >= 0) {
				stack.splice(i, 1);
				return true;
			}
		}
		return false;
	}

	clear(): void {
		this.#undo = [];
		this.#redo = [];
	}
}

/**
 * Applies the changes of one kind to an in-memory copy of a table, returning a new array:
 * updated rows stay in place, deleted rows go, inserted rows are appended. The input list
 * is not modified. Lets a state class mirror exactly what it just wrote to the database.
 */
export function applyChangesToList<K extends Change['kind']>(
	list: readonly ChangeRows[K][],
	changes: readonly Change[],
	kind: K
): ChangeRows[K][] {
	const out: (ChangeRows[K] | null)[] = [...list];
	const at = new Map<string, number>();
	out.forEach((row, i) => {
		if (row) at.set(row.id, i);
	});
	for (const change of changes) {
		if (change.kind !== kind) continue;
		const after = change.after as ChangeRows[K] | null;
		const id = (after ?? change.before)?.id;
		if (id === undefined) continue;
		const i = at.get(id);
		if (after === null) {
			if (i !== undefined) {
				out[i] = null;
				at.delete(id);
			}
		} else if (i !== undefined) {
			out[i] = after;
		} else {
			at.set(id, out.length);
			out.push(after);
		}
	}
	return out.filter((row): row is ChangeRows[K] => row !== null);
}
