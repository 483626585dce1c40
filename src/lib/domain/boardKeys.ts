// The theme board's moves, planned before anything is written: what the "Move to theme…"
// menus offer, where a dragged or keyboard-moved theme lands, how a code moves among a
// theme's codes, and which codes lie on the pile. Pure: the board turns a plan into one
// ProjectState action, so drag and keyboard share the same rules and messages.

import { buildTree, flattenTree } from './codebook';
import { childThemes, themePath, themesInOrder, unplacedCodes } from './themes';
import type { Code, Id, Theme } from './types';

const key = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase().replace(/\s+/g, ' ');

const active = (t: Theme) => t.status !== 'discarded';

// ---- the move menus ----------------------------------------------------------------------

/** What a menu moves: a code (from the pile, fromThemeId null, or from a theme), or a theme. */
export type MenuSubject =
	| { kind: 'code'; codeId: Id; codeName: string; fromThemeId: Id | null; mode: 'move' | 'copy' }
	| { kind: 'theme'; themeId: Id };

export type MenuChoice =
	| { kind: 'theme'; themeId: Id; label: string; hint?: string }
	/** A new theme with this name (holding the code). */
	| { kind: 'new'; name: string; label: string }
	/** Back to the pile of codes not in any theme (takes the code out of its theme). */
	| { kind: 'pile'; label: string }
	/** The top level (a sub-theme leaves its main theme). */
	| { kind: 'top'; label: string };

export interface MenuPlan {
	choices: MenuChoice[];
	/** Said when there is nothing to choose, and why. */
	empty: string | null;
}

/** The choices of a move menu, narrowed by what was typed (any part of a theme's name). */
export function menuChoices(themes: readonly Theme[], subject: MenuSubject, query = ''): MenuPlan {
	const q = key(query);
	const hit = (label: string) => !q || key(label).includes(q);
	if (subject.kind === 'theme') {
		const t = themes.find((x) => x.id === subject.themeId);
		if (!t) return { choices: [], empty: 'That theme no longer exists.' };
		if (themes.some((x) => x.parentId === t.id))
			return {
				choices: [],
				empty: `“${t.name}” has sub-themes, so it stays a main theme at the top level. Move its sub-themes out first.`
			};
		const choices: MenuChoice[] = childThemes(themes, null)
			.filter((x) => x.id !== t.id && x.id !== t.parentId && active(x) && hit(x.name))
			.map((x) => ({ kind: 'theme', themeId: x.id, label: x.name }));
		if (t.parentId !== null && hit('Top level')) choices.push({ kind: 'top', label: 'Top level (a theme on its own)' });
		const none = t.parentId === null ? 'There is no other theme at the top level to put it under yet.' : 'No theme matches.';
		return { choices, empty: choices.length ? null : q ? `No main theme matches “${query.trim()}”.` : none };
	}
	const choices: MenuChoice[] = [];
	for (const x of themesInOrder(themes)) {
		if (!active(x) || x.id === subject.fromThemeId) continue;
		const has = x.codeIds.includes(subject.codeId);
		if (has && subject.mode === 'copy') continue;
		const label = themePath(themes, x.id);
		if (hit(label)) choices.push({ kind: 'theme', themeId: x.id, label, ...(has ? { hint: 'already has it' } : {}) });
	}
	if (subject.mode === 'move' && subject.fromThemeId !== null && hit('Back to the pile'))
		choices.push({ kind: 'pile', label: 'Back to the pile' });
	const name = query.trim().replace(/\s+/g, ' ') || subject.codeName;
	if (name && !themes.some((x) => active(x) && key(x.name) === key(name)))
		choices.push({ kind: 'new', name, label: `New theme “${name}”` });
	return { choices, empty: choices.length ? null : 'No theme matches.' };
}

// ---- moving themes -------------------------------------------------------------------------

export type ThemeTarget =
	/** Before or after another theme, among its siblings; or into a top-level theme as its last sub-theme. */
	| { themeId: Id; zone: 'before' | 'after' | 'into' }
	/** The end of the top level. */
	| { themeId: null; zone: 'end' };

export type ThemePlan =
	| { ok: true; parentId: Id | null; index: number; noop: boolean }
	| { ok: false; error: string };

function planAt(themes: readonly Theme[], t: Theme, parentId: Id | null, index: number): ThemePlan {
	if (parentId !== null && themes.some((x) => x.parentId === t.id))
		return { ok: false, error: `“${t.name}” has sub-themes, so it stays a main theme at the top level.` };
	const current = childThemes(themes, t.parentId).findIndex((x) => x.id === t.id);
	return { ok: true, parentId, index, noop: t.parentId === parentId && current === index };
}

/** Where a theme lands when dropped on a target (or moved there with the keyboard). */
export function planThemeMove(themes: readonly Theme[], id: Id, target: ThemeTarget): ThemePlan {
	const t = themes.find((x) => x.id === id);
	if (!t) return { ok: false, error: 'That theme no longer exists.' };
	if (target.themeId === null) return planAt(themes, t, null, childThemes(themes, null).filter((x) => x.id !== id).length);
	const to = themes.find((x) => x.id === target.themeId);
	if (!to) return { ok: false, error: 'That theme no longer exists.' };
	if (to.id === id) return { ok: true, parentId: t.parentId, index: t.order, noop: true };
	if (target.zone === 'into') {
		if (to.parentId !== null)
			return { ok: false, error: `“${to.name}” is a sub-theme; themes nest two levels deep.` };
		return planAt(themes, t, to.id, childThemes(themes, to.id).filter((x) => x.id !== id).length);
	}
	const level = childThemes(themes, to.parentId).filter((x) => x.id !== id);
	const at = level.findIndex((x) => x.id === to.id) + (target.zone === 'after' ? 1 : 0);
	return planAt(themes, t, to.parentId, at);
}

/**
 * Alt+↑ / Alt+↓ on a theme: one place earlier or later among the siblings on show (discarded
 * themes are not on the board, so they are stepped over). Null at either end.
 */
export function planThemeStep(themes: readonly Theme[], id: Id, dir: -1 | 1): ThemePlan | null {
	const t = themes.find((x) => x.id === id);
	if (!t) return null;
	const shown = childThemes(themes, t.parentId).filter((x) => x.id === id || active(x));
	const i = shown.findIndex((x) => x.id === id);
	const other = shown[i + dir];
	if (!other) return null;
	return planThemeMove(themes, id, { themeId: other.id, zone: dir < 0 ? 'before' : 'after' });
}

/** Alt+← / Alt+→ on a code in a theme: its new index among the theme's codes, or null at an end. */
export function codeStep(theme: Theme, codeId: Id, dir: -1 | 1): number | null {
	const i = theme.codeIds.indexOf(codeId);
	if (i < 0) return null;
	const j = i + dir;
	return j < 0 || j >= theme.codeIds.length ? null : j;
}

/** A code dropped on a theme (before the code beforeCodeId, or at the end). */
export type CodePlan =
	| { ok: true; fromThemeId: Id | null; toThemeId: Id | null; index: number; noop: boolean; copy: boolean }
	| { ok: false; error: string };

export function planCodeDrop(
	themes: readonly Theme[],
	codeId: Id,
	fromThemeId: Id | null,
	toThemeId: Id | null,
	opts: { copy?: boolean; beforeCodeId?: Id | null } = {}
): CodePlan {
	if (toThemeId === null) {
		// To the pile: only a code that sits in a theme can go back.
		if (fromThemeId === null) return { ok: true, fromThemeId, toThemeId, index: 0, noop: true, copy: false };
		return { ok: true, fromThemeId, toThemeId, index: 0, noop: false, copy: false };
	}
	const to = themes.find((x) => x.id === toThemeId);
	if (!to) return { ok: false, error: 'That theme no longer exists.' };
	if (!active(to)) return { ok: false, error: `“${to.name}” is discarded; restore it first.` };
	const copy = !!opts.copy && fromThemeId !== null && fromThemeId !== toThemeId;
	const others = to.codeIds.filter((c) => c !== codeId);
	const before = opts.beforeCodeId ? others.indexOf(opts.beforeCodeId) : -1;
	const index = before >= 0 ? before : others.length;
	if (fromThemeId === toThemeId) {
		return { ok: true, fromThemeId, toThemeId, index, noop: to.codeIds.indexOf(codeId) === index, copy: false };
	}
	if (copy && to.codeIds.includes(codeId)) return { ok: true, fromThemeId, toThemeId, index, noop: true, copy };
	return { ok: true, fromThemeId: copy ? null : fromThemeId, toThemeId, index, noop: false, copy };
}

// ---- the pile ------------------------------------------------------------------------------

export interface PileRow {
	code: Code;
	depth: number;
	/** Has sub-codes on the pile: shown as a heading, and placed with them as a whole. */
	hasChildren: boolean;
	/** Shown only as the heading of a match below it (the filter does not match it). */
	context: boolean;
}

/**
 * The codes in no theme, under their parent codes in codebook order. A code is on the pile
 * only when its parent is too (a placed parent brings its sub-codes), so each row's heading is
 * there. With a filter: the codes whose name contains it, with their parents as headings.
 */
export function pileRows(codes: readonly Code[], themes: readonly Theme[], query = ''): { rows: PileRow[]; matches: number } {
	const flat = flattenTree(buildTree(unplacedCodes(codes, themes)));
	const q = key(query);
	if (!q) return { rows: flat.map((r) => ({ code: r.code, depth: r.depth, hasChildren: r.hasChildren, context: false })), matches: flat.length };
	const byId = new Map(codes.map((c) => [c.id, c]));
	const matched = new Set(flat.filter((r) => key(r.code.name).includes(q)).map((r) => r.code.id));
	const shown = new Set<Id>();
	for (const id of matched) {
		let cur = byId.get(id);
		const seen = new Set<Id>();
		while (cur && !seen.has(cur.id)) {
			seen.add(cur.id);
			shown.add(cur.id);
			cur = cur.parentId ? byId.get(cur.parentId) : undefined;
		}
	}
	const rows = flat
		.filter((r) => shown.has(r.code.id))
		.map((r) => ({ code: r.code, depth: r.depth, hasChildren: r.hasChildren, context: !matched.has(r.code.id) }));
	return { rows, matches: matched.size };
}
