import { describe, expect, it } from 'vitest';
import { applyChangesToList, invertChanges } from './history';
import {
	childThemes,
	codesInSeveralThemes,
	deleteTheme,
	followCodeChanges,
	isMainTheme,
	moveTheme,
	newTheme,
	placeCode,
	printableQuoteIds,
	renameTheme,
	setQuotes,
	setVerdict,
	themeCounts,
	themeExtracts,
	themeTree,
	unplacedCodes,
	updateTheme,
	verdictIn
} from './themes';
import type { Change, Coding, Theme } from './types';
import { code, sampleTree } from '../../../tests/fixtures/codes';
import { makeTheme } from '../../../tests/fixtures/themes';

let seq = 0;
function theme(id: string, parentId: string | null, order: number, extra: Partial<Theme> = {}): Theme {
	return makeTheme(id, { parentId, order, ...extra });
}

function coding(codeId: string, docId: string, start: number): Coding {
	seq++;
	return { id: `k${seq}`, projectId: 'p1', docId, codeId, coderId: 'c1', start, end: start + 5, quote: 'xxxxx', prefix: '', suffix: '', createdAt: 1 };
}

function apply(themes: Theme[], changes: Change[]): Theme[] {
	return applyChangesToList(themes, changes, 'theme');
}

/** M1 { T1, T2 }, M2 { T3 }, T4 alone. */
function board(): Theme[] {
	return [
		theme('M1', null, 0),
		theme('T1', 'M1', 0, { codeIds: ['A1'] }),
		theme('T2', 'M1', 1, { codeIds: ['A2', 'B'] }),
		theme('M2', null, 1),
		theme('T3', 'M2', 0, { codeIds: ['B'] }),
		theme('T4', null, 2)
	];
}

describe('creating and naming themes', () => {
	it('creates a candidate at the end of its level with a free palette colour', () => {
		const r = newTheme('p1', board(), { name: '  Being  open ', parentId: 'M2' }, 5, 'N');
		if (!r.ok) throw new Error(r.error);
		expect(r.theme).toMatchObject({ name: 'Being open', parentId: 'M2', order: 1, status: 'candidate', createdAt: 5 });
		expect(r.theme.color).not.toBe('#7c3aed');
	});

	it('refuses empty names, duplicates (ignoring case) and a third level', () => {
		expect(newTheme('p1', board(), { name: '  ' }, 1, 'N').ok).toBe(false);
		expect(newTheme('p1', board(), { name: 't1' }, 1, 'N').ok).toBe(false);
		const third = newTheme('p1', board(), { name: 'Deep', parentId: 'T1' }, 1, 'N');
		expect(third.ok).toBe(false);
		if (!third.ok) expect(third.error).toMatch(/two levels/);
	});

	it('lets a discarded theme’s name be used again, and then refuses to bring the old one back under it', () => {
		const themes = [theme('X', null, 0, { name: 'Stigma', status: 'discarded' })];
		const r = newTheme('p1', themes, { name: 'Stigma' }, 1, 'N');
		if (!r.ok) throw new Error(r.error);
		const both = apply(themes, r.changes);
		const back = updateTheme(both, 'X', { status: 'candidate' }, 2);
		expect(back.ok).toBe(false);
		if (!back.ok) expect(back.error).toMatch(/already a theme called “Stigma”.*Rename one of them/);
	});

	it('keeps every earlier name with the time it was replaced, and undo restores name and history', () => {
		let themes = board();
		const r1 = renameTheme(themes, 'T1', 'Awareness', 10);
		if (!r1.ok) throw new Error(r1.error);
		themes = apply(themes, r1.changes);
		const r2 = renameTheme(themes, 'T1', 'New understanding', 20);
		if (!r2.ok) throw new Error(r2.error);
		const after = apply(themes, r2.changes);
		const t1 = after.find((t) => t.id === 'T1')!;
		expect(t1.name).toBe('New understanding');
		expect(t1.nameHistory).toEqual([
			{ name: 'T1', until: 10 },
			{ name: 'Awareness', until: 20 }
		]);
		expect(apply(after, invertChanges(r2.changes)).find((t) => t.id === 'T1')!.nameHistory).toHaveLength(1);
		const same = renameTheme(after, 'T1', 'New understanding', 30);
		expect(same.ok && same.changes).toEqual([]);
	});

	it('discarding keeps codes, definition, quotes and history', () => {
		const themes = [theme('T', null, 0, { codeIds: ['A'], quoteIds: ['k1'], nameHistory: [{ name: 'Old', until: 3 }], definition: { concept: 'c', includes: '', excludes: '', relations: '' } })];
		const r = updateTheme(themes, 'T', { status: 'discarded' }, 9);
		if (!r.ok) throw new Error(r.error);
		const t = apply(themes, r.changes)[0];
		expect(t.status).toBe('discarded');
		expect(t).toMatchObject({ codeIds: ['A'], quoteIds: ['k1'], nameHistory: [{ name: 'Old', until: 3 }], definition: { concept: 'c' } });
	});

	it('merges a partial definition and rejects a bad colour', () => {
		const themes = board();
		const r = updateTheme(themes, 'T1', { definition: { concept: 'Seeing it differently' } }, 2);
		if (!r.ok) throw new Error(r.error);
		expect(apply(themes, r.changes).find((t) => t.id === 'T1')!.definition).toEqual({ concept: 'Seeing it differently', includes: '', excludes: '', relations: '' });
		expect(updateTheme(themes, 'T1', { color: 'red' }, 2).ok).toBe(false);
	});
});

describe('re-parenting and ordering', () => {
	it('moves a sub-theme to another main theme, closing the gap it leaves', () => {
		const themes = board();
		const r = moveTheme(themes, 'T1', 'M2', 0, 7);
		if (!r.ok) throw new Error(r.error);
		const after = apply(themes, r.changes);
		expect(childThemes(after, 'M2').map((t) => t.id)).toEqual(['T1', 'T3']);
		expect(childThemes(after, 'M1').map((t) => [t.id, t.order])).toEqual([['T2', 0]]);
		expect(apply(after, invertChanges(r.changes))).toEqual(expect.arrayContaining(themes));
	});

	it('makes a stand-alone theme a sub-theme, which turns its new parent into a main theme', () => {
		const themes = board();
		expect(isMainTheme(themes, 'T4')).toBe(false);
		const r = moveTheme(themes, 'M2', 'T4', 0, 1);
		expect(r.ok).toBe(false); // M2 has a sub-theme of its own
		const r2 = moveTheme(themes, 'T3', 'T4', 0, 1);
		if (!r2.ok) throw new Error(r2.error);
		const after = apply(themes, r2.changes);
		expect(isMainTheme(after, 'T4')).toBe(true);
		expect(isMainTheme(after, 'M2')).toBe(false);
	});

	it('a theme made as a main theme is one before it has sub-themes, and stays at the top level', () => {
		const r = newTheme('p1', board(), { name: 'Handling work', main: true }, 1, 'MM');
		if (!r.ok) throw new Error(r.error);
		const themes = apply(board(), r.changes);
		expect(isMainTheme(themes, 'MM')).toBe(true);
		const move = moveTheme(themes, 'MM', 'M1', 0, 2);
		expect(move.ok).toBe(false);
		if (!move.ok) expect(move.error).toMatch(/main theme/);
		expect(newTheme('p1', board(), { name: 'X', main: true, parentId: 'M1' }, 1, 'X').ok).toBe(false);
		expect(moveTheme(themes, 'T4', 'MM', 0, 2).ok).toBe(true);
	});

	it('refuses a parent that is a sub-theme, and the theme itself', () => {
		expect(moveTheme(board(), 'T4', 'T1', 0, 1).ok).toBe(false);
		expect(moveTheme(board(), 'T4', 'T4', 0, 1).ok).toBe(false);
	});

	it('reorders within a level and lifts a sub-theme to the top level', () => {
		const themes = board();
		const r = moveTheme(themes, 'T2', 'M1', 0, 1);
		if (!r.ok) throw new Error(r.error);
		expect(childThemes(apply(themes, r.changes), 'M1').map((t) => t.id)).toEqual(['T2', 'T1']);
		const up = moveTheme(themes, 'T2', null, 1, 1);
		if (!up.ok) throw new Error(up.error);
		expect(themeTree(apply(themes, up.changes)).map((n) => n.theme.id)).toEqual(['M1', 'T2', 'M2', 'T4']);
	});

	it('deleting a main theme moves its sub-themes up in its place', () => {
		const r = deleteTheme(board(), 'M1', 1);
		if (!r.ok) throw new Error(r.error);
		const after = apply(board(), r.changes);
		expect(themeTree(after).map((n) => n.theme.id)).toEqual(['T1', 'T2', 'M2', 'T4']);
	});
});

describe('codes in themes', () => {
	it('places a code from the pile, moves it between themes, and copies it into a second theme', () => {
		let themes = board();
		const r1 = placeCode(themes, 'C', null, 'T4', 0, 1);
		if (!r1.ok) throw new Error(r1.error);
		themes = apply(themes, r1.changes);
		expect(themes.find((t) => t.id === 'T4')!.codeIds).toEqual(['C']);
		const r2 = placeCode(themes, 'C', 'T4', 'T1', 99, 1);
		if (!r2.ok) throw new Error(r2.error);
		themes = apply(themes, r2.changes);
		expect(themes.find((t) => t.id === 'T4')!.codeIds).toEqual([]);
		expect(themes.find((t) => t.id === 'T1')!.codeIds).toEqual(['A1', 'C']);
		// copy: from null keeps it where it already is
		const r3 = placeCode(themes, 'C', null, 'T3', 0, 1);
		if (!r3.ok) throw new Error(r3.error);
		themes = apply(themes, r3.changes);
		expect([...codesInSeveralThemes(themes).keys()].sort()).toEqual(['B', 'C']);
	});

	it('a code in two themes counts in both, and leaving one keeps it in the other', () => {
		const themes = board();
		expect(codesInSeveralThemes(themes).get('B')!.map((t) => t.id)).toEqual(['T2', 'T3']);
		const r = placeCode(themes, 'B', 'T2', null, 0, 1);
		if (!r.ok) throw new Error(r.error);
		const after = apply(themes, r.changes);
		expect(after.find((t) => t.id === 'T3')!.codeIds).toEqual(['B']);
		expect(codesInSeveralThemes(after).size).toBe(0);
	});

	it('counts a parent code’s sub-codes as placed, and discarded themes as not placing anything', () => {
		const codes = sampleTree();
		const themes = [theme('T', null, 0, { codeIds: ['A1'] }), theme('D', null, 1, { codeIds: ['B'], status: 'discarded' })];
		expect(unplacedCodes(codes, themes).map((c) => c.id).sort()).toEqual(['A', 'A2', 'B', 'C']);
	});

	it('follows a merge (source replaced by target, once) and a deletion (code removed)', () => {
		const themes = [theme('T', null, 0, { codeIds: ['A', 'B'] }), theme('U', null, 1, { codeIds: ['C'] })];
		const merged = apply(themes, followCodeChanges(themes, new Set(['A']), { from: 'A', to: 'B' }));
		expect(merged.find((t) => t.id === 'T')!.codeIds).toEqual(['B']);
		const deleted = followCodeChanges(themes, new Set(['C']));
		expect(deleted).toHaveLength(1);
		expect(apply(themes, deleted).find((t) => t.id === 'U')!.codeIds).toEqual([]);
	});
});

describe('extracts, verdicts and quotes', () => {
	const codes = [code('A', null, 0), code('A1', 'A', 0), code('B', null, 1)];
	const order = new Map([
		['d1', 0],
		['d2', 1]
	]);

	it('a theme’s extracts include sub-codes, a main theme’s its sub-themes’ extracts, in document order', () => {
		const k = [coding('A1', 'd2', 0), coding('B', 'd1', 50), coding('A', 'd1', 10), { ...coding('B', 'd1', 90), orphaned: true }];
		const themes = [theme('M', null, 0, { codeIds: ['B'] }), theme('S', 'M', 0, { codeIds: ['A'] })];
		expect(themeExtracts(themes[1], themes, codes, k, order).map((c) => c.id)).toEqual([k[2].id, k[0].id]);
		expect(themeExtracts(themes[0], themes, codes, k, order).map((c) => c.id)).toEqual([k[2].id, k[1].id, k[0].id]);
	});

	it('marking an extract as not fitting drops it from the quotes; undecided removes the verdict', () => {
		let themes = [theme('T', null, 0, { quoteIds: ['k1', 'k2'] })];
		const r = setVerdict(themes, 'T', 'k1', 'misfit', 1);
		if (!r.ok) throw new Error(r.error);
		themes = apply(themes, r.changes);
		expect(themes[0]).toMatchObject({ reviews: { k1: 'misfit' }, quoteIds: ['k2'] });
		expect(verdictIn(themes[0], themes, [], { id: 'k1', codeId: 'A' })).toBe('misfit');
		const back = setVerdict(themes, 'T', 'k1', null, 2);
		if (!back.ok) throw new Error(back.error);
		expect(apply(themes, back.changes)[0].reviews).toEqual({});
	});

	it('a main theme sees the verdicts of the live sub-themes that hold the extract’s code', () => {
		const themes = [
			theme('M', null, 0),
			theme('S', 'M', 0, { codeIds: ['A'], reviews: { k9: 'misfit' } }),
			theme('T', 'M', 1, { codeIds: ['A'], reviews: { k9: 'fits' } }),
			theme('D', 'M', 2, { codeIds: ['B'], status: 'discarded', reviews: { k8: 'misfit' } }),
			theme('X', 'M', 3, { codeIds: ['B'], reviews: { k7: 'misfit' } })
		];
		// fits in one holder wins over not fitting in another
		expect(verdictIn(themes[0], themes, codes, { id: 'k9', codeId: 'A' })).toBe('fits');
		expect(verdictIn(themes[0], themes.filter((t) => t.id !== 'T'), codes, { id: 'k9', codeId: 'A' })).toBe('misfit');
		// a discarded sub-theme's verdict does not count
		expect(verdictIn(themes[0], themes, codes, { id: 'k8', codeId: 'B' })).toBeNull();
		// nor a verdict for an extract whose code the sub-theme no longer holds
		expect(verdictIn(themes[0], themes, codes, { id: 'k7', codeId: 'A1' })).toBeNull();
		// the main theme's own verdict comes first
		const own = [{ ...themes[0], reviews: { k9: 'misfit' as const } }, ...themes.slice(1)];
		expect(verdictIn(own[0], own, codes, { id: 'k9', codeId: 'A' })).toBe('misfit');
	});

	it('counts participants without extracts judged not to fit, and prints only quotes among them', () => {
		const k = [coding('A', 'd1', 0), coding('A', 'd2', 0), coding('B', 'd2', 9)];
		const docs = new Map([
			['d1', { participantId: 'P1', name: 'd1' }],
			['d2', { participantId: 'P2', name: 'd2' }]
		]);
		const t = theme('T', null, 0, { codeIds: ['A'], reviews: { [k[1].id]: 'misfit' }, quoteIds: [k[2].id, k[0].id, k[1].id] });
		const { counted, participants } = themeCounts(t, [t], codes, k, docs);
		expect(counted.map((c) => c.id)).toEqual([k[0].id]);
		expect([...participants]).toEqual(['P1']);
		expect(printableQuoteIds(t, counted)).toEqual([k[0].id]);
	});

	it('chosen quotes keep their order, once each', () => {
		const r = setQuotes([theme('T', null, 0)], 'T', ['k3', 'k1', 'k3'], 1);
		if (!r.ok) throw new Error(r.error);
		expect(apply([theme('T', null, 0)], r.changes)[0].quoteIds).toEqual(['k3', 'k1']);
	});
});
