import { describe, expect, it } from 'vitest';
import {
	contrastRatio,
	describeNode,
	dropAction,
	layoutMap,
	moveChoices,
	neighbour,
	nodeAt,
	nodeText,
	textColorOn,
	textWidth,
	visibleThemes,
	wrapLabel,
	type MapInput,
	type MapLayout,
	type MapNode
} from './mapLayout';
import { THEME_PALETTE } from './themes';
import type { Code, Theme } from './types';
import { code } from '../../../tests/fixtures/codes';
import { sampleCodebook } from '../../../tests/fixtures/sampleBackup';
import { makeTheme } from '../../../tests/fixtures/themes';

function theme(id: string, parentId: string | null, order: number, codeIds: string[], extra: Partial<Theme> = {}): Theme {
	return makeTheme(id, { parentId, order, codeIds, name: `Theme ${id}`, color: THEME_PALETTE[order % THEME_PALETTE.length], ...extra });
}

/** The sample study's structure: 2 main themes, 5 themes, 28 codes (as in its codebook). */
function sampleInput(): MapInput {
	const book = sampleCodebook();
	const codes = book.codes.map((c, i) => code(c.id, null, i, { name: c.name, color: '#9ec5e8' }));
	const themes: Theme[] = book.main_themes.map((m, i) => theme(m.id, null, i, [], { name: m.name }));
	for (const t of book.themes) {
		const order = themes.filter((x) => x.parentId === t.parent_theme_id).length;
		themes.push(theme(t.id, t.parent_theme_id, order, book.codes.filter((c) => c.theme === t.name).map((c) => c.id), { name: t.name }));
	}
	const counts = new Map(codes.map((c, i) => [c.id, { extracts: 10 + ((i * 37) % 90), participants: 5 }]));
	return { title: 'Sample study: back to work after therapy', themes, codes, counts };
}

/** 10 themes (3 main themes with 2 sub-themes each, 1 stand-alone) × 12 codes with long names. */
function bigInput(): MapInput {
	const codes: Code[] = [];
	const themes: Theme[] = [];
	const words = ['feeling', 'ready', 'to', 'return', 'with', 'support', 'from', 'the', 'employer', 'and', 'colleagues', 'at', 'work'];
	let n = 0;
	const codesFor = (tid: string) =>
		Array.from({ length: 12 }, (_, i) => {
			const id = `${tid}-c${i}`;
			const name = words.slice(0, 1 + ((n++ * 7) % words.length)).join(' ');
			codes.push(code(id, null, codes.length, { name: `${name} ${i}` }));
			return id;
		});
	for (let m = 0; m < 3; m++) {
		themes.push(theme(`M${m}`, null, m, codesFor(`M${m}`), { name: `Main theme number ${m} about returning to work after therapy` }));
		for (let s = 0; s < 2; s++) themes.push(theme(`M${m}S${s}`, `M${m}`, s, codesFor(`M${m}S${s}`), { name: `Sub-theme ${s} of ${m}` }));
	}
	themes.push(theme('T', null, 3, codesFor('T'), { name: 'A stand-alone theme' }));
	return { title: 'A big project', themes, codes };
}

function overlaps(a: MapNode, b: MapNode): boolean {
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function expectNoOverlap(layout: MapLayout) {
	const bad: string[] = [];
	for (let i = 0; i < layout.nodes.length; i++)
		for (let j = i + 1; j < layout.nodes.length; j++)
			if (overlaps(layout.nodes[i], layout.nodes[j])) bad.push(`${layout.nodes[i].key} × ${layout.nodes[j].key}`);
	expect(bad).toEqual([]);
}

const byKey = (l: MapLayout) => new Map(l.nodes.map((n) => [n.key, n]));

describe('layoutMap', () => {
	it('places the centre, every shown theme and every member code once per theme', () => {
		const input = sampleInput();
		const l = layoutMap(input);
		const keys = l.nodes.map((n) => n.key);
		expect(new Set(keys).size).toBe(keys.length);
		expect(keys[0]).toBe('root');
		const expected = ['root', ...input.themes.map((t) => `theme:${t.id}`), ...input.themes.flatMap((t) => t.codeIds.map((c) => `code:${t.id}:${c}`))];
		expect([...keys].sort()).toEqual([...expected].sort());
		expect(l.nodes.filter((n) => n.kind === 'main')).toHaveLength(2);
		expect(l.nodes.filter((n) => n.kind === 'theme')).toHaveLength(5);
		expect(l.nodes.filter((n) => n.kind === 'code')).toHaveLength(28);
		// One edge per node except the centre, from its parent.
		expect(l.edges).toHaveLength(l.nodes.length - 1);
		for (const n of l.nodes.slice(1)) expect(l.edges.some((e) => e.from === n.parentKey && e.to === n.key)).toBe(true);
	});

	it('is deterministic and does not depend on the order of the rows', () => {
		const a = layoutMap(sampleInput());
		const b = layoutMap(sampleInput());
		expect(b).toEqual(a);
		const input = sampleInput();
		const shuffled = { ...input, themes: [...input.themes].reverse(), codes: [...input.codes].reverse() };
		expect(layoutMap(shuffled)).toEqual(a);
	});

	it('has no overlapping nodes for the sample structure', () => {
		expectNoOverlap(layoutMap(sampleInput()));
		expectNoOverlap(layoutMap({ ...sampleInput(), showCodes: false }));
	});

	it('has no overlapping nodes for 10 themes × 12 codes, with and without counts', () => {
		const input = bigInput();
		const l = layoutMap(input);
		expect(l.nodes.filter((n) => n.kind === 'code')).toHaveLength(120);
		expectNoOverlap(l);
		const counts = new Map(input.codes.map((c) => [c.id, { extracts: 1234 }]));
		expectNoOverlap(layoutMap({ ...input, counts }));
	});

	it('keeps children beside their parent: the next column out, within the parent’s reach', () => {
		for (const input of [sampleInput(), bigInput()]) {
			const l = layoutMap(input);
			const nodes = byKey(l);
			for (const n of l.nodes.slice(1)) {
				const p = nodes.get(n.parentKey!)!;
				expect(n.depth).toBe(p.depth + 1);
				if (p.kind !== 'root') expect(n.side).toBe(p.side);
				// Horizontal gap between facing edges: one column gap.
				const gap = n.side === 1 ? n.x - (p.x + p.w) : p.x - (n.x + n.w);
				expect(gap).toBeGreaterThanOrEqual(30);
				expect(gap).toBeLessThanOrEqual(p.kind === 'root' ? 80 : p.depth === 1 ? 52 + 260 : 40 + 260);
			}
			// A parent sits level with the middle of its children.
			for (const p of l.nodes.filter((x) => x.kind !== 'root' && x.kind !== 'code')) {
				const kids = l.nodes.filter((x) => x.parentKey === p.key);
				if (!kids.length) continue;
				const top = Math.min(...kids.map((k) => k.y));
				const bottom = Math.max(...kids.map((k) => k.y + k.h));
				const cy = p.y + p.h / 2;
				expect(cy).toBeGreaterThanOrEqual(top);
				expect(cy).toBeLessThanOrEqual(bottom);
			}
		}
	});

	it('balances the top-level themes on both sides of the centre', () => {
		const l = layoutMap(sampleInput());
		const mains = l.nodes.filter((n) => n.depth === 1);
		expect(mains.map((n) => n.side).sort()).toEqual([-1, 1]);
		const big = layoutMap(bigInput());
		const sides = big.nodes.filter((n) => n.depth === 1).map((n) => n.side);
		expect(sides).toContain(1);
		expect(sides).toContain(-1);
		// Right side first: the first top-level theme is on the right.
		expect(byKey(big).get('theme:M0')!.side).toBe(1);
	});

	it('shows a code in several themes under each, marked “also in …”', () => {
		const input = sampleInput();
		const strategies = input.themes.find((t) => t.id === 'TH3')!;
		const open = input.themes.find((t) => t.id === 'TH4')!;
		const ready = input.themes.find((t) => t.id === 'TH2')!;
		open.codeIds = [...open.codeIds, 'STRAT_ADJUST'];
		ready.codeIds = [...ready.codeIds, 'STRAT_ADJUST'];
		const l = layoutMap(input);
		const copies = l.nodes.filter((n) => n.codeId === 'STRAT_ADJUST');
		expect(copies.map((n) => n.themeId).sort()).toEqual(['TH2', 'TH3', 'TH4']);
		const inStrategies = copies.find((n) => n.themeId === 'TH3')!;
		expect(inStrategies.alsoIn).toEqual([ready.name, open.name]);
		expect(inStrategies.meta).toMatch(/^also in Improved self-confidence/);
		expect(copies.find((n) => n.themeId === 'TH4')!.alsoIn).toEqual([ready.name, strategies.name]);
		expectNoOverlap(l);
	});

	it('leaves discarded themes out unless asked, and keeps a discarded main theme that still holds kept sub-themes', () => {
		const input = sampleInput();
		input.themes.find((t) => t.id === 'TH5')!.status = 'discarded';
		let l = layoutMap(input);
		expect(l.nodes.some((n) => n.themeId === 'TH5')).toBe(false);
		expect(l.nodes.some((n) => n.codeId === 'FUT_PLAN')).toBe(false);
		l = layoutMap({ ...input, showDiscarded: true });
		const th5 = byKey(l).get('theme:TH5')!;
		expect(th5.discarded).toBe(true);
		expect(th5.meta).toBe('discarded');
		expect(l.nodes.filter((n) => n.themeId === 'TH5' && n.kind === 'code')).toHaveLength(4);

		input.themes.find((t) => t.id === 'MT2')!.status = 'discarded';
		l = layoutMap(input);
		expect(byKey(l).get('theme:MT2')?.discarded).toBe(true);
		expect(byKey(l).has('theme:TH3')).toBe(true);
		// With every sub-theme discarded too, the main theme goes.
		for (const id of ['TH3', 'TH4']) input.themes.find((t) => t.id === id)!.status = 'discarded';
		expect(visibleThemes(input.themes).map((t) => t.id).sort()).toEqual(['MT1', 'TH1', 'TH2']);
		expect(byKey(layoutMap(input)).has('theme:MT2')).toBe(false);
	});

	it('hides codes when asked and says how many each theme has', () => {
		const l = layoutMap({ ...sampleInput(), showCodes: false });
		expect(l.nodes.some((n) => n.kind === 'code')).toBe(false);
		expect(byKey(l).get('theme:TH3')!.meta).toBe('8 codes');
		expect(l.edges).toHaveLength(l.nodes.length - 1);
	});

	it('lays out an empty project as the centre alone, named "Themes" without a title', () => {
		const l = layoutMap({ title: '  ', themes: [], codes: [] });
		expect(l.nodes).toHaveLength(1);
		expect(l.nodes[0].label).toBe('Themes');
		expect(l.edges).toEqual([]);
		expect(l.bounds.w).toBe(l.nodes[0].w);
	});

	it('keeps every label inside its box', () => {
		for (const l of [layoutMap(sampleInput()), layoutMap(bigInput())])
			for (const n of l.nodes) {
				expect(n.lines.length).toBeGreaterThan(0);
				expect(n.lines.length).toBeLessThanOrEqual(3);
				for (const run of nodeText(n)) {
					const w = textWidth(run.text, run.size, run.weight);
					const left = run.anchor === 'middle' ? run.x - w / 2 : run.anchor === 'end' ? run.x - w : run.x;
					expect(left).toBeGreaterThanOrEqual(n.x);
					expect(left + w).toBeLessThanOrEqual(n.x + n.w + 0.5);
					expect(run.y).toBeGreaterThan(n.y);
					expect(run.y).toBeLessThan(n.y + n.h);
				}
			}
	});
});

describe('labels and colours', () => {
	it('wraps onto at most three lines and ends a cut label with an ellipsis', () => {
		expect(wrapLabel('Letting thoughts be', 165, 12.5)).toEqual(['Letting thoughts be']);
		const two = wrapLabel('Worry and rumination harmed concentration', 165, 12.5);
		expect(two.length).toBe(2);
		expect(two.join(' ')).toBe('Worry and rumination harmed concentration');
		const long = wrapLabel('word '.repeat(60), 100, 14);
		expect(long).toHaveLength(3);
		expect(long[2].endsWith('…')).toBe(true);
		for (const line of long) expect(textWidth(line, 14)).toBeLessThanOrEqual(100);
		// A word wider than the line is broken.
		const broken = wrapLabel('Supercalifragilisticexpialidocious', 60, 14);
		expect(broken.join('').replace('…', '')).toMatch(/^Supercal/);
		for (const line of broken) expect(textWidth(line, 14)).toBeLessThanOrEqual(60);
	});

	it('picks white or ink text with at least 4.5:1 contrast', () => {
		for (const c of [...THEME_PALETTE, '#fde68a', '#ffffff', '#000000', '#7dd3fc', '#808080']) {
			expect(contrastRatio(textColorOn(c), c)).toBeGreaterThanOrEqual(4.5);
		}
		expect(textColorOn('#fde68a')).toBe('#1f2328');
		expect(textColorOn('#1d4ed8')).toBe('#ffffff');
	});

	it('describes nodes for screen readers', () => {
		const l = layoutMap(sampleInput());
		const nodes = byKey(l);
		expect(describeNode(nodes.get('theme:TH2')!, l)).toBe(
			'Theme Improved self-confidence helped to get ready for work, under Change in perceptions of mental health and work, 5 codes'
		);
		expect(describeNode(nodes.get('theme:MT2')!, l)).toBe(
			'Main theme Handling work and psychological symptoms in a new way, top level, 3 sub-themes, 0 codes'
		);
		expect(describeNode(nodes.get('code:TH3:STRAT_LET_BE')!, l)).toMatch(/^Code Letting thoughts be, in Learning new strategies to handle work, \d+ extracts$/);
		expect(describeNode(nodes.get('root')!, l)).toBe('Sample study: back to work after therapy, centre of the map, 2 top-level themes');
	});
});

describe('moving around and editing', () => {
	it('finds the node under a point, the innermost first', () => {
		const l = layoutMap(sampleInput());
		const n = byKey(l).get('theme:TH1')!;
		expect(nodeAt(l, n.x + 2, n.y + 2)?.key).toBe('theme:TH1');
		expect(nodeAt(l, 0, 0)?.key).toBe('root');
		expect(nodeAt(l, l.bounds.x - 50, 0)).toBeNull();
	});

	it('moves focus with arrows: along a column, to the parent and out to the children', () => {
		const l = layoutMap(sampleInput());
		const nodes = byKey(l);
		const th1 = nodes.get('theme:TH1')!;
		const mt1 = nodes.get('theme:MT1')!;
		expect(neighbour(l, th1.key, 'down')?.key).toBe('theme:TH2');
		expect(neighbour(l, 'theme:TH2', 'up')?.key).toBe('theme:TH1');
		// Towards the centre is the parent; outwards a child.
		const inward = mt1.side === 1 ? 'left' : 'right';
		const outward = mt1.side === 1 ? 'right' : 'left';
		expect(neighbour(l, th1.key, inward)?.key).toBe(mt1.key);
		expect(neighbour(l, mt1.key, inward)?.key).toBe('root');
		expect(['theme:TH1', 'theme:TH2']).toContain(neighbour(l, mt1.key, outward)?.key);
		expect(neighbour(l, th1.key, outward)?.kind).toBe('code');
		expect(neighbour(l, 'root', mt1.side === 1 ? 'right' : 'left')?.key).toBe(mt1.key);
		expect(neighbour(l, 'root', mt1.side === 1 ? 'left' : 'right')?.key).toBe('theme:MT2');
		// Past the top of a column nothing is above.
		const topCode = l.nodes.filter((n) => n.depth === 3 && n.side === 1).sort((a, b) => a.y - b.y)[0];
		expect(neighbour(l, topCode.key, 'up')).toBeNull();
	});

	it('plans drops of themes: under a main theme, via a sub-theme, to the top level; refuses nesting a main theme', () => {
		const input = sampleInput();
		const l = layoutMap(input);
		const nodes = byKey(l);
		const th1 = nodes.get('theme:TH1')!;
		expect(dropAction(input.themes, l, th1, nodes.get('theme:MT2')!)).toMatchObject({ kind: 'moveTheme', themeId: 'TH1', parentId: 'MT2', index: 3, targetKey: 'theme:MT2' });
		// On a sub-theme or on a code: under that sub-theme's main theme.
		expect(dropAction(input.themes, l, th1, nodes.get('theme:TH4')!)).toMatchObject({ kind: 'moveTheme', parentId: 'MT2', targetKey: 'theme:MT2' });
		expect(dropAction(input.themes, l, th1, nodes.get('code:TH4:OPEN_RELIEF')!)).toMatchObject({ kind: 'moveTheme', parentId: 'MT2' });
		expect(dropAction(input.themes, l, th1, null)).toMatchObject({ kind: 'moveTheme', parentId: null, index: 2, targetKey: 'root' });
		expect(dropAction(input.themes, l, th1, nodes.get('root')!)).toMatchObject({ kind: 'moveTheme', parentId: null });
		expect(dropAction(input.themes, l, th1, nodes.get('theme:TH2')!)).toMatchObject({ kind: 'none', reason: expect.stringContaining('already under') });
		expect(dropAction(input.themes, l, nodes.get('theme:MT1')!, nodes.get('theme:MT2')!)).toMatchObject({
			kind: 'none',
			reason: expect.stringContaining('has sub-themes of its own')
		});
		expect(dropAction(input.themes, l, nodes.get('theme:MT1')!, null)).toMatchObject({ kind: 'none' });
	});

	it('plans drops of codes onto themes, moving or keeping a copy', () => {
		const input = sampleInput();
		const l = layoutMap(input);
		const nodes = byKey(l);
		const letBe = nodes.get('code:TH3:STRAT_LET_BE')!;
		expect(dropAction(input.themes, l, letBe, nodes.get('theme:TH5')!)).toMatchObject({
			kind: 'placeCode',
			codeId: 'STRAT_LET_BE',
			fromThemeId: 'TH3',
			toThemeId: 'TH5',
			keepCopy: false
		});
		expect(dropAction(input.themes, l, letBe, nodes.get('code:TH1:AWR_METACOG')!, true)).toMatchObject({ kind: 'placeCode', toThemeId: 'TH1', keepCopy: true });
		expect(dropAction(input.themes, l, letBe, nodes.get('theme:MT1')!)).toMatchObject({ kind: 'placeCode', toThemeId: 'MT1' });
		expect(dropAction(input.themes, l, letBe, nodes.get('theme:TH3')!).kind).toBe('none');
		expect(dropAction(input.themes, l, letBe, null).kind).toBe('none');
	});

	it('lists the keyboard’s “Move under…” choices', () => {
		const input = sampleInput();
		const l = layoutMap(input);
		const nodes = byKey(l);
		expect(moveChoices(input.themes, l, nodes.get('theme:TH1')!).map((d) => d.targetKey)).toEqual(['root', 'theme:MT2']);
		expect(moveChoices(input.themes, l, nodes.get('theme:MT1')!)).toEqual([]);
		const forCode = moveChoices(input.themes, l, nodes.get('code:TH3:STRAT_LET_BE')!).map((d) => d.targetKey);
		expect(forCode).toHaveLength(6);
		expect(forCode).not.toContain('theme:TH3');
	});
});
