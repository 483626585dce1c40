import { describe, expect, it } from 'vitest';
import { codeStep, menuChoices, pileRows, planCodeDrop, planThemeMove, planThemeStep } from './boardKeys';
import { moveTheme, placeCode } from './themes';
import type { Code, Theme } from './types';
import { makeTheme } from '../../../tests/fixtures/themes';

function theme(id: string, parentId: string | null, order: number, codeIds: string[] = [], status: Theme['status'] = 'candidate'): Theme {
	return makeTheme(id, { projectId: 'p', parentId, order, name: id[0].toUpperCase() + id.slice(1), status, codeIds, createdAt: 0, updatedAt: 0 });
}

function code(id: string, parentId: string | null, order: number, name = id): Code {
	return { id, projectId: 'p', parentId, order, name, color: '#ccc', definition: '', include: '', exclude: '', example: '', createdAt: 0 };
}

// change (main) ← insight, confidence; work (top, alone); strategies (top, alone); old (discarded)
const themes = [
	theme('change', null, 0, ['c1']),
	theme('insight', 'change', 0, ['c2', 'c3']),
	theme('confidence', 'change', 1, ['c3']),
	theme('work', null, 1, ['c4']),
	theme('old', null, 2, ['c5'], 'discarded'),
	theme('strategies', null, 3)
];

const labels = (p: ReturnType<typeof menuChoices>) => p.choices.map((c) => c.label);

describe('menuChoices', () => {
	it('offers every theme on the board (not discarded ones, not the one the code is in), a new theme and the pile', () => {
		const p = menuChoices(themes, { kind: 'code', codeId: 'c2', codeName: 'Rumination', fromThemeId: 'insight', mode: 'move' });
		expect(labels(p)).toEqual([
			'Change',
			'Change › Confidence',
			'Work',
			'Strategies',
			'Back to the pile',
			'New theme “Rumination”'
		]);
		// Typing "pile" finds the pile before a new theme of that name.
		const pile = menuChoices(themes, { kind: 'code', codeId: 'c2', codeName: 'Rumination', fromThemeId: 'insight', mode: 'move' }, 'pile');
		expect(pile.choices[0]).toEqual({ kind: 'pile', label: 'Back to the pile' });
	});

	it('narrows by any part of a name; the typed text names a new theme', () => {
		const p = menuChoices(themes, { kind: 'code', codeId: 'c9', codeName: 'X', fromThemeId: null, mode: 'move' }, 'conf');
		expect(p.choices[0]).toMatchObject({ kind: 'theme', themeId: 'confidence' });
		expect(labels(p)).toEqual(['Change › Confidence', 'New theme “conf”']);
		// A pile code has no "back to the pile".
		expect(labels(menuChoices(themes, { kind: 'code', codeId: 'c9', codeName: 'X', fromThemeId: null, mode: 'move' }))).not.toContain('Back to the pile');
	});

	it('does not offer a new theme whose name is taken', () => {
		const p = menuChoices(themes, { kind: 'code', codeId: 'c9', codeName: 'Work', fromThemeId: null, mode: 'move' });
		expect(p.choices.some((c) => c.kind === 'new')).toBe(false);
	});

	it('copying leaves out themes that already hold the code; moving marks them', () => {
		const copy = menuChoices(themes, { kind: 'code', codeId: 'c3', codeName: 'c3', fromThemeId: 'insight', mode: 'copy' });
		expect(copy.choices.map((c) => (c.kind === 'theme' ? c.themeId : c.kind))).toEqual(['change', 'work', 'strategies', 'new']);
		const move = menuChoices(themes, { kind: 'code', codeId: 'c3', codeName: 'c3', fromThemeId: 'insight', mode: 'move' });
		expect(move.choices.find((c) => c.kind === 'theme' && c.themeId === 'confidence')).toMatchObject({ hint: 'already has it' });
	});

	it('a theme can go under any other top-level theme, or back to the top level', () => {
		expect(labels(menuChoices(themes, { kind: 'theme', themeId: 'strategies' }))).toEqual(['Change', 'Work']);
		expect(labels(menuChoices(themes, { kind: 'theme', themeId: 'insight' }))).toEqual(['Work', 'Strategies', 'Top level (a theme on its own)']);
		expect(labels(menuChoices(themes, { kind: 'theme', themeId: 'insight' }, 'str'))).toEqual(['Strategies']);
	});

	it('a main theme cannot go under another theme, and says why', () => {
		const p = menuChoices(themes, { kind: 'theme', themeId: 'change' });
		expect(p.choices).toEqual([]);
		expect(p.empty).toMatch(/has sub-themes/);
	});
});

describe('planThemeMove', () => {
	it('into a top-level theme: as its last sub-theme, and the domain agrees', () => {
		const plan = planThemeMove(themes, 'strategies', { themeId: 'work', zone: 'into' });
		expect(plan).toEqual({ ok: true, parentId: 'work', index: 0, noop: false });
		const into = planThemeMove(themes, 'work', { themeId: 'change', zone: 'into' });
		expect(into).toEqual({ ok: true, parentId: 'change', index: 2, noop: false });
		if (!into.ok) throw new Error();
		const r = moveTheme(themes, 'work', into.parentId, into.index, 1);
		expect(r.ok).toBe(true);
	});

	it('before and after a theme: among its siblings', () => {
		expect(planThemeMove(themes, 'strategies', { themeId: 'change', zone: 'before' })).toEqual({ ok: true, parentId: null, index: 0, noop: false });
		expect(planThemeMove(themes, 'strategies', { themeId: 'confidence', zone: 'before' })).toEqual({ ok: true, parentId: 'change', index: 1, noop: false });
		expect(planThemeMove(themes, 'insight', { themeId: 'confidence', zone: 'after' })).toEqual({ ok: true, parentId: 'change', index: 1, noop: false });
		expect(planThemeMove(themes, 'insight', { themeId: 'confidence', zone: 'before' })).toMatchObject({ ok: true, noop: true });
	});

	it('refuses a third level and a main theme going under another', () => {
		expect(planThemeMove(themes, 'work', { themeId: 'insight', zone: 'into' })).toMatchObject({ ok: false, error: expect.stringMatching(/two levels/) });
		expect(planThemeMove(themes, 'change', { themeId: 'work', zone: 'into' })).toMatchObject({ ok: false, error: expect.stringMatching(/has sub-themes/) });
		expect(planThemeMove(themes, 'change', { themeId: 'insight', zone: 'before' })).toMatchObject({ ok: false });
	});

	it('to the end of the top level', () => {
		expect(planThemeMove(themes, 'insight', { themeId: null, zone: 'end' })).toEqual({ ok: true, parentId: null, index: 4, noop: false });
		expect(planThemeMove(themes, 'strategies', { themeId: null, zone: 'end' })).toMatchObject({ noop: true });
	});
});

describe('planThemeStep', () => {
	it('steps over discarded themes, and stops at the ends', () => {
		// strategies (order 3) is after the discarded "old" (order 2): up goes before "work".
		const up = planThemeStep(themes, 'strategies', -1);
		expect(up).toEqual({ ok: true, parentId: null, index: 1, noop: false });
		expect(planThemeStep(themes, 'strategies', 1)).toBeNull();
		expect(planThemeStep(themes, 'change', -1)).toBeNull();
		expect(planThemeStep(themes, 'insight', 1)).toEqual({ ok: true, parentId: 'change', index: 1, noop: false });
		if (!up?.ok) throw new Error();
		const r = moveTheme(themes, 'strategies', up.parentId, up.index, 1);
		if (!r.ok) throw new Error(r.error);
		const after = r.changes.map((c) => c.after as Theme);
		expect(after.find((t) => t.id === 'strategies')?.order).toBe(1);
		expect(after.find((t) => t.id === 'work')?.order).toBe(2);
	});
});

describe('codes', () => {
	it('codeStep moves a code one place among its theme’s codes', () => {
		expect(codeStep(themes[1], 'c3', -1)).toBe(0);
		expect(codeStep(themes[1], 'c3', 1)).toBeNull();
		expect(codeStep(themes[1], 'c2', -1)).toBeNull();
	});

	it('a drop moves the code; with copy it also stays where it was', () => {
		expect(planCodeDrop(themes, 'c2', 'insight', 'work')).toEqual({ ok: true, fromThemeId: 'insight', toThemeId: 'work', index: 1, noop: false, copy: false });
		const copy = planCodeDrop(themes, 'c2', 'insight', 'work', { copy: true });
		expect(copy).toMatchObject({ ok: true, fromThemeId: null, copy: true });
		if (!copy.ok) throw new Error();
		const r = placeCode(themes, 'c2', copy.fromThemeId, copy.toThemeId, copy.index, 1);
		if (!r.ok) throw new Error(r.error);
		expect(r.changes).toHaveLength(1);
		expect((r.changes[0].after as Theme).codeIds).toEqual(['c4', 'c2']);
		expect(planCodeDrop(themes, 'c3', 'insight', 'confidence', { copy: true })).toMatchObject({ noop: true });
	});

	it('a drop on a code puts the new one before it; within one theme it reorders', () => {
		expect(planCodeDrop(themes, 'c1', 'change', 'insight', { beforeCodeId: 'c3' })).toMatchObject({ index: 1 });
		expect(planCodeDrop(themes, 'c3', 'insight', 'insight', { beforeCodeId: 'c2' })).toMatchObject({ index: 0, noop: false });
		expect(planCodeDrop(themes, 'c2', 'insight', 'insight', { beforeCodeId: 'c3' })).toMatchObject({ noop: true });
	});

	it('refuses a discarded theme', () => {
		expect(planCodeDrop(themes, 'c1', null, 'old')).toMatchObject({ ok: false });
	});
});

describe('pileRows', () => {
	const codes = [
		code('g1', null, 0, 'Reasons'),
		code('a', 'g1', 0, 'Anxiety'),
		code('b', 'g1', 1, 'Burnout'),
		code('g2', null, 1, 'Treatment'),
		code('d', 'g2', 0, 'Doubt'),
		code('e', null, 2, 'Employer')
	];

	it('lists codes in no theme under their parents; a placed parent takes its sub-codes along', () => {
		const t = [theme('x', null, 0, ['g2', 'a'])];
		const { rows } = pileRows(codes, t);
		expect(rows.map((r) => [r.code.id, r.depth, r.hasChildren])).toEqual([
			['g1', 0, true],
			['b', 1, false],
			['e', 0, false]
		]);
		// A discarded theme does not hold its codes.
		expect(pileRows(codes, [theme('x', null, 0, ['g2'], 'discarded')]).rows).toHaveLength(6);
	});

	it('filters by name, keeping the parent as a heading', () => {
		const { rows, matches } = pileRows(codes, [], 'BURN');
		expect(matches).toBe(1);
		expect(rows.map((r) => [r.code.id, r.context])).toEqual([
			['g1', true],
			['b', false]
		]);
		expect(pileRows(codes, [], 'zzz')).toEqual({ rows: [], matches: 0 });
	});
});
