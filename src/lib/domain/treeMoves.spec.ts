import { describe, it, expect } from 'vitest';
import { flattenTree, moveCode } from './codebook';
import { applyChangesToList } from './history';
import {
	dropZone,
	filterCodes,
	freeCodeName,
	planDrop,
	planKeyMove,
	planPlace,
	visibleTree,
	type MovePlan
} from './treeMoves';
import type { Code } from './types';
import { code, sampleTree as sample } from '../../../tests/fixtures/codes';



/** The tree as indented lines, to compare whole shapes. */
function shape(codes: Code[]): string[] {
	return flattenTree(visibleTree(codes, null)).map((r) => '  '.repeat(r.depth) + r.code.name);
}

function apply(codes: Code[], id: string, plan: MovePlan): Code[] {
	if (!plan.ok) throw new Error(plan.error);
	const r = moveCode(codes, id, plan.parentId, plan.index);
	if (!r.ok) throw new Error(r.error);
	return applyChangesToList(codes, r.changes, 'code');
}

describe('dropZone', () => {
	it('splits a row in thirds', () => {
		expect(dropZone(0, 30)).toBe('before');
		expect(dropZone(9.9, 30)).toBe('before');
		expect(dropZone(10, 30)).toBe('inside');
		expect(dropZone(19.9, 30)).toBe('inside');
		expect(dropZone(20, 30)).toBe('after');
		expect(dropZone(30, 30)).toBe('after');
	});
	it('treats a row without height as a drop inside', () => {
		expect(dropZone(5, 0)).toBe('inside');
	});
});

describe('planDrop', () => {
	it('drops before and after a sibling further down the same level', () => {
		const codes = sample();
		expect(shape(apply(codes, 'A', planDrop(codes, 'A', 'C', 'before')))).toEqual(['B', 'A', '  A1', '    A1a', '  A2', 'C']);
		expect(shape(apply(codes, 'A', planDrop(codes, 'A', 'C', 'after')))).toEqual(['B', 'C', 'A', '  A1', '    A1a', '  A2']);
	});
	it('drops before and after a sibling further up the same level', () => {
		const codes = sample();
		expect(shape(apply(codes, 'C', planDrop(codes, 'C', 'A', 'before')))[0]).toBe('C');
		expect(shape(apply(codes, 'C', planDrop(codes, 'C', 'A', 'after')))).toEqual(['A', '  A1', '    A1a', '  A2', 'C', 'B']);
	});
	it('drops inside as the last child', () => {
		const codes = sample();
		const plan = planDrop(codes, 'C', 'A', 'inside');
		expect(plan).toEqual({ ok: true, parentId: 'A', index: 2, noop: false });
		expect(shape(apply(codes, 'C', plan))).toEqual(['A', '  A1', '    A1a', '  A2', '  C', 'B']);
	});
	it('drops next to a code at another level', () => {
		const codes = sample();
		expect(shape(apply(codes, 'B', planDrop(codes, 'B', 'A1a', 'after')))).toEqual([
			'A',
			'  A1',
			'    A1a',
			'    B',
			'  A2',
			'C'
		]);
		expect(shape(apply(codes, 'A1a', planDrop(codes, 'A1a', 'B', 'before')))).toEqual([
			'A',
			'  A1',
			'  A2',
			'A1a',
			'B',
			'C'
		]);
	});
	it('marks drops that change nothing as no-ops', () => {
		const codes = sample();
		expect(planDrop(codes, 'B', 'B', 'inside')).toMatchObject({ ok: true, noop: true });
		expect(planDrop(codes, 'B', 'A', 'after')).toMatchObject({ ok: true, noop: true });
		expect(planDrop(codes, 'B', 'C', 'before')).toMatchObject({ ok: true, noop: true });
		expect(planDrop(codes, 'A2', 'A', 'inside')).toMatchObject({ ok: true, noop: true });
		expect(planDrop(codes, 'A1', 'A', 'inside')).toMatchObject({ ok: true, noop: false, index: 1 });
	});
	it('refuses a drop into the dragged code’s own subtree', () => {
		const codes = sample();
		for (const zone of ['before', 'inside', 'after'] as const) {
			const plan = planDrop(codes, 'A', 'A1a', zone);
			expect(plan.ok).toBe(false);
			if (!plan.ok) expect(plan.error).toContain('its own sub-codes');
		}
	});
	it('refuses a drop that would put two codes of the same name side by side', () => {
		const codes = [...sample(), code('X', 'A', 2, { name: 'b' })];
		const plan = planDrop(codes, 'X', 'C', 'after');
		expect(plan.ok).toBe(false);
		if (!plan.ok) expect(plan.error).toMatch(/already a code called “B” at the top level.*merge/);
	});
	it('reports a vanished code', () => {
		expect(planDrop(sample(), 'nope', 'A', 'inside').ok).toBe(false);
	});
});

describe('planKeyMove', () => {
	it('moves up and down among siblings', () => {
		const codes = sample();
		expect(shape(apply(codes, 'B', planKeyMove(codes, 'B', 'up')))[0]).toBe('B');
		expect(shape(apply(codes, 'B', planKeyMove(codes, 'B', 'down')))).toEqual(['A', '  A1', '    A1a', '  A2', 'C', 'B']);
		expect(shape(apply(codes, 'A2', planKeyMove(codes, 'A2', 'up')))).toEqual(['A', '  A2', '  A1', '    A1a', 'B', 'C']);
	});
	it('stops at the ends of a level', () => {
		const codes = sample();
		const up = planKeyMove(codes, 'A', 'up');
		const down = planKeyMove(codes, 'C', 'down');
		expect(up.ok || down.ok).toBe(false);
		if (!up.ok) expect(up.error).toContain('first');
		if (!down.ok) expect(down.error).toContain('last');
	});
	it('nests under the previous sibling as its last child', () => {
		const codes = sample();
		const plan = planKeyMove(codes, 'A2', 'in');
		expect(plan).toEqual({ ok: true, parentId: 'A1', index: 1, noop: false });
		expect(shape(apply(codes, 'A2', plan))).toEqual(['A', '  A1', '    A1a', '    A2', 'B', 'C']);
		expect(planKeyMove(codes, 'A', 'in').ok).toBe(false);
	});
	it('moves out to just after the parent', () => {
		const codes = sample();
		expect(shape(apply(codes, 'A1', planKeyMove(codes, 'A1', 'out')))).toEqual(['A', '  A2', 'A1', '  A1a', 'B', 'C']);
		expect(shape(apply(codes, 'A1a', planKeyMove(codes, 'A1a', 'out')))).toEqual(['A', '  A1', '  A1a', '  A2', 'B', 'C']);
		const top = planKeyMove(codes, 'B', 'out');
		expect(top.ok).toBe(false);
		if (!top.ok) expect(top.error).toContain('top level');
	});
	it('refuses to nest next to a same-named sub-code', () => {
		const codes = [...sample(), code('X', 'B', 0, { name: 'c' })];
		const plan = planKeyMove(codes, 'C', 'in');
		expect(plan.ok).toBe(false);
	});
});

describe('planPlace', () => {
	it('clamps the index and refuses cycles', () => {
		const codes = sample();
		expect(planPlace(codes, 'C', 'A', 99)).toEqual({ ok: true, parentId: 'A', index: 2, noop: false });
		expect(planPlace(codes, 'A', 'A1', 0).ok).toBe(false);
		expect(planPlace(codes, 'A', 'missing', 0).ok).toBe(false);
	});
});

describe('filterCodes', () => {
	it('is null without a query', () => {
		expect(filterCodes(sample(), '   ')).toBeNull();
	});
	it('keeps matches with their ancestors, ignoring case', () => {
		const codes = [...sample(), code('W', 'A1', 1, { name: 'Work and Wellbeing' })];
		const f = filterCodes(codes, 'WORK');
		expect(f && [...f.matches]).toEqual(['W']);
		expect(f && [...f.visible].sort()).toEqual(['A', 'A1', 'W']);
		expect(flattenTree(visibleTree(codes, f)).map((r) => [r.code.id, r.posInSet, r.setSize])).toEqual([
			['A', 1, 1],
			['A1', 1, 1],
			['W', 1, 1]
		]);
	});
	it('finds nothing when no name matches', () => {
		const f = filterCodes(sample(), 'zzz');
		expect(f?.visible.size).toBe(0);
	});
});

describe('freeCodeName', () => {
	it('numbers new codes past the names in use at that level', () => {
		const codes = [code('N', null, 0, { name: 'New code' }), code('N2', null, 1, { name: 'new code 2' })];
		expect(freeCodeName(codes, null)).toBe('New code 3');
		expect(freeCodeName(codes, 'N')).toBe('New code');
	});
});
