import { describe, it, expect } from 'vitest';
import { applyChangesToList, History, HISTORY_LIMIT, invertChanges } from './history';
import type { Change, Code, Coding, HistoryEntry } from './types';

function code(id: string, name = id): Code {
	return {
		id,
		projectId: 'p1',
		parentId: null,
		order: 0,
		name,
		color: '#aabbcc',
		definition: '',
		include: '',
		exclude: '',
		example: '',
		createdAt: 1
	};
}

function coding(id: string, codeId: string): Coding {
	return {
		id,
		projectId: 'p1',
		docId: 'd1',
		codeId,
		coderId: 'u1',
		start: 0,
		end: 1,
		quote: 'x',
		prefix: '',
		suffix: '',
		createdAt: 1
	};
}

const a = code('a');
const b = code('b');
const entry = (label: string, changes: Change[] = [{ kind: 'code', before: null, after: code(label) }]): HistoryEntry => ({
	label,
	changes
});

describe('invertChanges', () => {
	it('swaps before and after and reverses the order', () => {
		const changes: Change[] = [
			{ kind: 'code', before: null, after: a },
			{ kind: 'coding', before: coding('k', 'a'), after: null },
			{ kind: 'code', before: b, after: { ...b, name: 'B' } }
		];
		expect(invertChanges(changes)).toEqual([
			{ kind: 'code', before: { ...b, name: 'B' }, after: b },
			{ kind: 'coding', before: null, after: coding('k', 'a') },
			{ kind: 'code', before: a, after: null }
		]);
		expect(invertChanges(invertChanges(changes))).toEqual(changes);
	});

	it('undoes a sequence that touches the same row twice', () => {
		const renamed = { ...a, name: 'A' };
		const recoloured = { ...renamed, color: '#000000' };
		const changes: Change[] = [
			{ kind: 'code', before: a, after: renamed },
			{ kind: 'code', before: renamed, after: recoloured }
		];
		const done = applyChangesToList([a, b], changes, 'code');
		expect(done).toEqual([recoloured, b]);
		expect(applyChangesToList(done, invertChanges(changes), 'code')).toEqual([a, b]);
	});
});

describe('History', () => {
	it('undoes with inverted changes and redoes with the original entry', () => {
		const h = new History();
		expect([h.canUndo, h.canRedo, h.peekUndoLabel(), h.peekRedoLabel()]).toEqual([false, false, null, null]);
		const e = entry('Create a', [{ kind: 'code', before: null, after: a }]);
		h.push(e);
		expect([h.canUndo, h.peekUndoLabel()]).toEqual([true, 'Create a']);
		const undo = h.undo();
		expect(undo).toEqual({ label: 'Create a', changes: [{ kind: 'code', before: a, after: null }] });
		expect([h.canUndo, h.canRedo, h.peekRedoLabel()]).toEqual([false, true, 'Create a']);
		expect(h.undo()).toBeNull();
		expect(h.redo()).toBe(e);
		expect([h.canUndo, h.canRedo]).toEqual([true, false]);
		expect(h.redo()).toBeNull();
	});

	it('undoes in reverse order and redoes forward', () => {
		const h = new History();
		for (const l of ['one', 'two', 'three']) h.push(entry(l));
		expect([h.undo()?.label, h.undo()?.label]).toEqual(['three', 'two']);
		expect(h.redo()?.label).toBe('two');
		expect([h.peekUndoLabel(), h.peekRedoLabel()]).toEqual(['two', 'three']);
	});

	it('a new action after undo starts a branch and forgets the redo stack', () => {
		const h = new History();
		h.push(entry('one'));
		h.push(entry('two'));
		h.undo();
		h.push(entry('other'));
		expect(h.canRedo).toBe(false);
		expect(h.redo()).toBeNull();
		expect([h.undo()?.label, h.undo()?.label, h.undo()]).toEqual(['other', 'one', null]);
	});

	it(`keeps at most ${HISTORY_LIMIT} entries, dropping the oldest`, () => {
		const h = new History();
		for (let i = 0; i < HISTORY_LIMIT + 20; i++) h.push(entry(`e${i}`));
		expect(h.size).toBe(HISTORY_LIMIT);
		let last: string | undefined;
		while (h.canUndo) last = h.undo()?.label;
		expect(last).toBe('e20');
		const small = new History(2);
		['x', 'y', 'z'].forEach((l) => small.push(entry(l)));
		expect(small.size).toBe(2);
	});

	it('ignores entries without changes and can be cleared', () => {
		const h = new History();
		h.push(entry('one'));
		h.undo();
		h.push({ label: 'nothing', changes: [] });
		expect([h.canUndo, h.canRedo]).toEqual([false, true]);
		h.clear();
		expect([h.canUndo, h.canRedo, h.size]).toEqual([false, false, 0]);
	});
});

describe('applyChangesToList', () => {
	it('inserts, updates in place and deletes rows of one kind, without touching the input', () => {
		const list = [a, b];
		const c = code('c');
		const changes: Change[] = [
			{ kind: 'code', before: null, after: c },
			{ kind: 'code', before: a, after: { ...a, name: 'A' } },
			{ kind: 'code', before: b, after: null },
			{ kind: 'coding', before: null, after: coding('k', 'a') }
		];
		expect(applyChangesToList(list, changes, 'code')).toEqual([{ ...a, name: 'A' }, c]);
		expect(list).toEqual([a, b]);
		expect(applyChangesToList([], changes, 'coding')).toEqual([coding('k', 'a')]);
	});

	it('treats an update of a missing row as an insert and a delete of a missing row as nothing', () => {
		expect(applyChangesToList([b], [{ kind: 'code', before: a, after: a }], 'code')).toEqual([b, a]);
		expect(applyChangesToList([b], [{ kind: 'code', before: a, after: null }], 'code')).toEqual([b]);
	});

	it('restores the same rows after applying changes and then their inverse', () => {
		const codings = [coding('k1', 'a'), coding('k2', 'a'), coding('k3', 'b')];
		const changes: Change[] = [
			{ kind: 'coding', before: codings[0], after: null },
			{ kind: 'coding', before: codings[1], after: { ...codings[1], codeId: 'b' } },
			{ kind: 'coding', before: null, after: coding('k4', 'b') }
		];
		const done = applyChangesToList(codings, changes, 'coding');
		expect(done.map((c) => c.id)).toEqual(['k2', 'k3', 'k4']);
		const back = applyChangesToList(done, invertChanges(changes), 'coding');
		expect([...back].sort((x, y) => x.id.localeCompare(y.id))).toEqual(codings);
	});

	it('discards an entry that could not be stored, from either stack', () => {
		const h = new History();
		const x = entry('x');
		const y = entry('y');
		h.push(x);
		h.push(y);
		expect(h.discard(y)).toBe(true);
		expect(h.peekUndoLabel()).toBe('x');
		h.undo();
		expect(h.discard(x)).toBe(true);
		expect(h.canRedo).toBe(false);
		expect(h.discard(x)).toBe(false);
	});
});
