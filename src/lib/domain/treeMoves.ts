// Where a code goes when it is dragged or moved with the keyboard in the codebook tree, as
// the (parentId, index) pair moveCode takes, plus the tree filter. Pure: the screen asks
// these before it writes anything, so a drop that cannot work is refused while dragging,
// with a sentence saying why, instead of failing after the drop.

import { buildTree, childrenOf, cleanCodeName, subtreeIds, validateCodeName, type CodeNode } from './codebook';
import type { Code, Id } from './types';

/** Upper third of a row: before it; middle: as its last child; lower third: after it. */
export type DropZone = 'before' | 'inside' | 'after';

/** Alt+Arrow moves: among siblings, into the previous sibling, out to after the parent. */
export type KeyMove = 'up' | 'down' | 'in' | 'out';

/**
 * A move as moveCode takes it: the new parent and the index among the new siblings
 * (counted without the moved code). noop is true when the code would stay where it is.
 */
export type MovePlan = { ok: true; parentId: Id | null; index: number; noop: boolean } | { ok: false; error: string };

/** Which third of a row of the given height the pointer is in (offsetY from the row's top). */
export function dropZone(offsetY: number, height: number): DropZone {
	if (!(height > 0)) return 'inside';
	const f = offsetY / height;
	if (f < 1 / 3) return 'before';
	if (f >= 2 / 3) return 'after';
	return 'inside';
}

function quote(name: string): string {
	return `“${name}”`;
}

/** Checks that id may become child number index of parentId and says whether it is a no-op. */
export function planPlace(codes: readonly Code[], id: Id, parentId: Id | null, index: number): MovePlan {
	const cur = codes.find((c) => c.id === id);
	if (!cur) return { ok: false, error: 'That code no longer exists.' };
	if (parentId !== null) {
		const parent = codes.find((c) => c.id === parentId);
		if (!parent) return { ok: false, error: 'The target code no longer exists.' };
		if (subtreeIds(codes, id).includes(parentId))
			return { ok: false, error: `${quote(cur.name)} cannot be moved into itself or one of its own sub-codes.` };
	}
	const siblings = childrenOf(codes, parentId).filter((c) => c.id !== id);
	const at = Math.max(0, Math.min(Math.trunc(index), siblings.length));
	if (parentId !== cur.parentId) {
		const name = validateCodeName(codes, parentId, cur.name, id);
		if (!name.ok) return { ok: false, error: `${name.error} Rename one of them or merge them instead.` };
	}
	const now = childrenOf(codes, cur.parentId).findIndex((c) => c.id === id);
	return { ok: true, parentId, index: at, noop: parentId === cur.parentId && at === now };
}

/** Where draggedId lands when dropped on the given zone of targetId's row. */
export function planDrop(codes: readonly Code[], draggedId: Id, targetId: Id, zone: DropZone): MovePlan {
	const dragged = codes.find((c) => c.id === draggedId);
	const target = codes.find((c) => c.id === targetId);
	if (!dragged || !target) return { ok: false, error: 'That code no longer exists.' };
	if (draggedId === targetId) {
		const now = childrenOf(codes, dragged.parentId).findIndex((c) => c.id === draggedId);
		return { ok: true, parentId: dragged.parentId, index: now, noop: true };
	}
	if (subtreeIds(codes, draggedId).includes(targetId))
		return { ok: false, error: `${quote(dragged.name)} cannot be moved into one of its own sub-codes.` };
	if (zone === 'inside') {
		const n = childrenOf(codes, targetId).filter((c) => c.id !== draggedId).length;
		return planPlace(codes, draggedId, targetId, n);
	}
	const siblings = childrenOf(codes, target.parentId).filter((c) => c.id !== draggedId);
	const at = siblings.findIndex((c) => c.id === targetId);
	return planPlace(codes, draggedId, target.parentId, zone === 'before' ? at : at + 1);
}

/** The Alt+Arrow moves of the codebook tree; a move that is impossible says why. */
export function planKeyMove(codes: readonly Code[], id: Id, move: KeyMove): MovePlan {
	const cur = codes.find((c) => c.id === id);
	if (!cur) return { ok: false, error: 'That code no longer exists.' };
	const siblings = childrenOf(codes, cur.parentId);
	const at = siblings.findIndex((c) => c.id === id);
	switch (move) {
		case 'up':
			if (at <= 0) return { ok: false, error: `${quote(cur.name)} is already the first at its level.` };
			return planPlace(codes, id, cur.parentId, at - 1);
		case 'down':
			if (at >= siblings.length - 1) return { ok: false, error: `${quote(cur.name)} is already the last at its level.` };
			return planPlace(codes, id, cur.parentId, at + 1);
		case 'in': {
			if (at <= 0)
				return { ok: false, error: `${quote(cur.name)} has no code above it at its level to become a sub-code of.` };
			const prev = siblings[at - 1];
			return planPlace(codes, id, prev.id, childrenOf(codes, prev.id).length);
		}
		case 'out': {
			const parent = cur.parentId === null ? undefined : codes.find((c) => c.id === cur.parentId);
			if (!parent) return { ok: false, error: `${quote(cur.name)} is already at the top level.` };
			const level = childrenOf(codes, parent.parentId);
			return planPlace(codes, id, parent.parentId, level.findIndex((c) => c.id === parent.id) + 1);
		}
	}
}

/** Case-insensitive form used by the tree filter. */
function foldCase(s: string): string {
	return s.normalize('NFC').toLocaleLowerCase();
}

export interface TreeFilter {
	/** Codes whose name contains the query. */
	matches: Set<Id>;
	/** The matches and all their ancestors: what the filtered tree shows. */
	visible: Set<Id>;
}

/** Substring filter on code names; an empty query gives null (no filter). */
export function filterCodes(codes: readonly Code[], query: string): TreeFilter | null {
	const q = foldCase(cleanCodeName(query));
	if (q === '') return null;
	const byId = new Map(codes.map((c) => [c.id, c]));
	const matches = new Set<Id>();
	const visible = new Set<Id>();
	for (const c of codes) {
		if (!foldCase(c.name).includes(q)) continue;
		matches.add(c.id);
		let cur: Code | undefined = c;
		while (cur && !visible.has(cur.id)) {
			visible.add(cur.id);
			cur = cur.parentId === null ? undefined : byId.get(cur.parentId);
		}
	}
	return { matches, visible };
}

/** The tree with only the visible codes (ancestors of a visible code are visible too). */
export function pruneTree(tree: readonly CodeNode[], visible: ReadonlySet<Id>): CodeNode[] {
	return tree
		.filter((n) => visible.has(n.code.id))
		.map((n) => ({ ...n, children: pruneTree(n.children, visible) }));
}

/** The filtered tree for display: all of it when there is no filter. */
export function visibleTree(codes: readonly Code[], filter: TreeFilter | null): CodeNode[] {
	const tree = buildTree(codes);
	return filter ? pruneTree(tree, filter.visible) : tree;
}

/** "New code", or "New code 2", 3 … : the first such name free under parentId. */
export function freeCodeName(codes: readonly Code[], parentId: Id | null, base = 'New code'): string {
	for (let n = 1; ; n++) {
		const name = n === 1 ? base : `${base} ${n}`;
		if (validateCodeName(codes, parentId, name).ok) return name;
	}
}
