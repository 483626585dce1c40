// Themes as first-class objects (phases 3–5): creating, renaming with a name history,
// placing codes, nesting themes under main themes, discarding, reviewing extracts and
// choosing quotes. Every operation is pure: it takes the current rows and returns the
// Change[] that the state class stores and the history can undo.

import { subtreeIds, type Result } from './codebook';
import type { Change, Code, Coding, ExtractVerdict, Id, Theme, ThemeDefinition, ThemeStatus } from './types';

/** Theme colours: distinct from one another and from the code palette's pastel tints. */
export const THEME_PALETTE = [
	'#7c3aed',
	'#0f766e',
	'#c2410c',
	'#1d4ed8',
	'#be185d',
	'#4d7c0f',
	'#a16207',
	'#0369a1',
	'#9333ea',
	'#b91c1c'
] as const;

export const EMPTY_DEFINITION: ThemeDefinition = { concept: '', includes: '', excludes: '', relations: '' };

export const STATUS_LABELS: Record<ThemeStatus, string> = {
	candidate: 'Candidate',
	kept: 'Kept',
	discarded: 'Discarded'
};

const nameKey = (s: string) => s.trim().toLocaleLowerCase().replace(/\s+/g, ' ');

function byOrder(a: Theme, b: Theme): number {
	return a.order - b.order || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Themes under `parentId` (null: top level) in their order. */
export function childThemes(themes: readonly Theme[], parentId: Id | null): Theme[] {
	return themes.filter((t) => t.parentId === parentId).sort(byOrder);
}

/** True when the theme is a top-level theme made as a main theme or holding sub-themes. */
export function isMainTheme(themes: readonly Theme[], id: Id): boolean {
	const t = themes.find((x) => x.id === id);
	return !!t && t.parentId === null && (t.main === true || themes.some((x) => x.parentId === id));
}

/** The two levels in display order: each top-level theme with its sub-themes. */
export function themeTree(themes: readonly Theme[]): { theme: Theme; children: Theme[] }[] {
	return childThemes(themes, null).map((theme) => ({ theme, children: childThemes(themes, theme.id) }));
}

/** Themes in display order, each main theme followed by its sub-themes. */
export function themesInOrder(themes: readonly Theme[]): Theme[] {
	return themeTree(themes).flatMap(({ theme, children }) => [theme, ...children]);
}

/** "Main › Theme" or just the name. */
export function themePath(themes: readonly Theme[], id: Id): string {
	const t = themes.find((x) => x.id === id);
	if (!t) return '';
	const parent = t.parentId ? themes.find((x) => x.id === t.parentId) : undefined;
	return parent ? `${parent.name} › ${t.name}` : t.name;
}

function validateName(themes: readonly Theme[], name: string, exceptId?: Id): Result<{ name: string }> {
	const clean = name.trim().replace(/\s+/g, ' ');
	if (!clean) return { ok: false, error: 'A theme needs a name.' };
	if (clean.length > 200) return { ok: false, error: 'A theme name can be at most 200 characters.' };
	const clash = themes.find((t) => t.id !== exceptId && t.status !== 'discarded' && nameKey(t.name) === nameKey(clean));
	if (clash) return { ok: false, error: `There is already a theme called “${clash.name}”.` };
	return { ok: true, name: clean };
}

/** Puts `level` in order under parentId, returning changes for rows whose order or parent moved. */
function placeLevel(level: readonly Theme[], parentId: Id | null, now: number, out: Map<Id, Theme>): void {
	level.forEach((t, i) => {
		const cur = out.get(t.id) ?? t;
		if (cur.order !== i || cur.parentId !== parentId) out.set(t.id, { ...cur, order: i, parentId, updatedAt: now });
	});
}

function toChanges(themes: readonly Theme[], after: ReadonlyMap<Id, Theme | null>): Change[] {
	const changes: Change[] = [];
	for (const [id, a] of after) {
		const b = themes.find((t) => t.id === id) ?? null;
		if (b === a) continue;
		changes.push({ kind: 'theme', before: b, after: a });
	}
	return changes;
}

export interface NewThemeInput {
	name: string;
	parentId?: Id | null;
	color?: string;
	codeIds?: Id[];
	status?: ThemeStatus;
	/** Made as a main theme (to hold sub-themes). */
	main?: boolean;
}

export function newTheme(
	projectId: Id,
	themes: readonly Theme[],
	input: NewThemeInput,
	now: number,
	id: Id
): Result<{ theme: Theme; changes: Change[] }> {
	const named = validateName(themes, input.name);
	if (!named.ok) return named;
	const parentId = input.parentId ?? null;
	if (parentId !== null) {
		if (input.main) return { ok: false, error: 'A main theme stands at the top level.' };
		const parent = themes.find((t) => t.id === parentId);
		if (!parent) return { ok: false, error: 'The main theme to put it under no longer exists.' };
		if (parent.parentId !== null) return { ok: false, error: `“${parent.name}” is itself a sub-theme; themes nest two levels deep.` };
	}
	const used = new Set(themes.map((t) => t.color));
	const color = input.color ?? THEME_PALETTE.find((c) => !used.has(c)) ?? THEME_PALETTE[themes.length % THEME_PALETTE.length];
	const theme: Theme = {
		id,
		projectId,
		parentId,
		order: childThemes(themes, parentId).length,
		name: named.name,
		color,
		status: input.status ?? 'candidate',
		codeIds: [...new Set(input.codeIds ?? [])],
		definition: { ...EMPTY_DEFINITION },
		quoteIds: [],
		reviews: {},
		nameHistory: [],
		createdAt: now,
		updatedAt: now,
		...(input.main ? { main: true } : {})
	};
	return { ok: true, theme, changes: [{ kind: 'theme', before: null, after: theme }] };
}

/** Renames, keeping the old name in the history (a rename back to an earlier name is recorded too). */
export function renameTheme(themes: readonly Theme[], id: Id, name: string, now: number): Result<{ changes: Change[] }> {
	const t = themes.find((x) => x.id === id);
	if (!t) return { ok: false, error: 'That theme no longer exists.' };
	const named = validateName(themes, name, id);
	if (!named.ok) return named;
	if (named.name === t.name) return { ok: true, changes: [] };
	const after: Theme = {
		...t,
		name: named.name,
		nameHistory: [...t.nameHistory, { name: t.name, until: now }],
		updatedAt: now
	};
	return { ok: true, changes: [{ kind: 'theme', before: t, after }] };
}

export interface ThemePatch {
	color?: string;
	status?: ThemeStatus;
	definition?: Partial<ThemeDefinition>;
}

export function updateTheme(themes: readonly Theme[], id: Id, patch: ThemePatch, now: number): Result<{ changes: Change[] }> {
	const t = themes.find((x) => x.id === id);
	if (!t) return { ok: false, error: 'That theme no longer exists.' };
	if (patch.color !== undefined && !/^#[0-9a-f]{6}$/i.test(patch.color))
		return { ok: false, error: `“${patch.color}” is not a colour of the form #rrggbb.` };
	if (t.status === 'discarded' && patch.status !== undefined && patch.status !== 'discarded') {
		// Its name may have been given to another theme meanwhile.
		const named = validateName(themes, t.name, id);
		if (!named.ok) return { ok: false, error: `${named.error} Rename one of them before bringing “${t.name}” back.` };
	}
	const after: Theme = {
		...t,
		...(patch.color !== undefined ? { color: patch.color.toLowerCase() } : {}),
		...(patch.status !== undefined ? { status: patch.status } : {}),
		...(patch.definition ? { definition: { ...t.definition, ...patch.definition } } : {}),
		updatedAt: now
	};
	const same =
		after.color === t.color &&
		after.status === t.status &&
		JSON.stringify(after.definition) === JSON.stringify(t.definition);
	return { ok: true, changes: same ? [] : [{ kind: 'theme', before: t, after }] };
}

/**
 * Moves a theme under `parentId` (null: top level) at `index` among its new siblings.
 * Two levels only: the parent must be a top-level theme, and a theme with sub-themes
 * cannot itself become a sub-theme.
 */
export function moveTheme(
	themes: readonly Theme[],
	id: Id,
	parentId: Id | null,
	index: number,
	now: number
): Result<{ changes: Change[] }> {
	const t = themes.find((x) => x.id === id);
	if (!t) return { ok: false, error: 'That theme no longer exists.' };
	if (parentId === id) return { ok: false, error: 'A theme cannot go under itself.' };
	if (parentId !== null) {
		const parent = themes.find((x) => x.id === parentId);
		if (!parent) return { ok: false, error: 'That main theme no longer exists.' };
		if (parent.parentId !== null)
			return { ok: false, error: `“${parent.name}” is a sub-theme; themes nest two levels deep, so put it under “${themes.find((x) => x.id === parent.parentId)?.name ?? 'its main theme'}” instead.` };
		if (themes.some((x) => x.parentId === id))
			return { ok: false, error: `“${t.name}” has sub-themes of its own, so it stays a main theme. Move its sub-themes out first.` };
		if (t.main) return { ok: false, error: `“${t.name}” is a main theme, so it stays at the top level.` };
	}
	const out = new Map<Id, Theme>();
	const oldLevel = childThemes(themes, t.parentId).filter((x) => x.id !== id);
	if (t.parentId !== parentId) placeLevel(oldLevel, t.parentId, now, out);
	const level = childThemes(themes, parentId).filter((x) => x.id !== id);
	const at = Math.max(0, Math.min(Math.trunc(index), level.length));
	level.splice(at, 0, t);
	placeLevel(level, parentId, now, out);
	return { ok: true, changes: toChanges(themes, out) };
}

/**
 * Places a code in a theme (from the pile, `fromThemeId` null, or from another theme, which
 * it then leaves) at `index` among the theme's codes. `toThemeId` null takes the code out of
 * `fromThemeId` only: a code in several themes stays in the others.
 */
export function placeCode(
	themes: readonly Theme[],
	codeId: Id,
	fromThemeId: Id | null,
	toThemeId: Id | null,
	index: number,
	now: number
): Result<{ changes: Change[] }> {
	const out = new Map<Id, Theme>();
	if (fromThemeId !== null && fromThemeId !== toThemeId) {
		const from = themes.find((x) => x.id === fromThemeId);
		if (!from) return { ok: false, error: 'That theme no longer exists.' };
		out.set(from.id, { ...from, codeIds: from.codeIds.filter((c) => c !== codeId), updatedAt: now });
	}
	if (toThemeId !== null) {
		const to = themes.find((x) => x.id === toThemeId);
		if (!to) return { ok: false, error: 'That theme no longer exists.' };
		const ids = to.codeIds.filter((c) => c !== codeId);
		const at = Math.max(0, Math.min(Math.trunc(index), ids.length));
		ids.splice(at, 0, codeId);
		if (ids.join('\n') !== to.codeIds.join('\n')) out.set(to.id, { ...to, codeIds: ids, updatedAt: now });
	}
	return { ok: true, changes: toChanges(themes, out) };
}

/** Deletes a theme; its sub-themes move up to the top level after it. */
export function deleteTheme(themes: readonly Theme[], id: Id, now: number): Result<{ changes: Change[] }> {
	const t = themes.find((x) => x.id === id);
	if (!t) return { ok: false, error: 'That theme no longer exists.' };
	const out = new Map<Id, Theme | null>();
	const children = childThemes(themes, id);
	const level = childThemes(themes, t.parentId).filter((x) => x.id !== id);
	const at = childThemes(themes, t.parentId).findIndex((x) => x.id === id);
	level.splice(at, 0, ...children);
	const placed = new Map<Id, Theme>();
	placeLevel(level, t.parentId, now, placed);
	for (const [k, v] of placed) out.set(k, v);
	out.set(id, null);
	return { ok: true, changes: toChanges(themes, out) };
}

export function setVerdict(
	themes: readonly Theme[],
	themeId: Id,
	codingId: Id,
	verdict: ExtractVerdict | null,
	now: number
): Result<{ changes: Change[] }> {
	const t = themes.find((x) => x.id === themeId);
	if (!t) return { ok: false, error: 'That theme no longer exists.' };
	if ((t.reviews[codingId] ?? null) === verdict) return { ok: true, changes: [] };
	const reviews = { ...t.reviews };
	if (verdict === null) delete reviews[codingId];
	else reviews[codingId] = verdict;
	// An extract judged not to fit cannot illustrate the theme.
	const quoteIds = verdict === 'misfit' ? t.quoteIds.filter((q) => q !== codingId) : t.quoteIds;
	return { ok: true, changes: [{ kind: 'theme', before: t, after: { ...t, reviews, quoteIds, updatedAt: now } }] };
}

export function setQuotes(themes: readonly Theme[], themeId: Id, quoteIds: readonly Id[], now: number): Result<{ changes: Change[] }> {
	const t = themes.find((x) => x.id === themeId);
	if (!t) return { ok: false, error: 'That theme no longer exists.' };
	const ids = [...new Set(quoteIds)];
	if (ids.join('\n') === t.quoteIds.join('\n')) return { ok: true, changes: [] };
	return { ok: true, changes: [{ kind: 'theme', before: t, after: { ...t, quoteIds: ids, updatedAt: now } }] };
}

/**
 * Theme changes that follow a codebook edit: codes that no longer exist leave their themes,
 * and a merged code's place is taken by the code it was merged into. Returns [] when no
 * theme refers to the codes.
 */
export function followCodeChanges(themes: readonly Theme[], removed: ReadonlySet<Id>, mergedInto?: { from: Id; to: Id }): Change[] {
	const changes: Change[] = [];
	for (const t of themes) {
		let ids = t.codeIds;
		if (mergedInto && ids.includes(mergedInto.from)) {
			ids = ids.map((c) => (c === mergedInto.from ? mergedInto.to : c));
		}
		ids = [...new Set(ids)].filter((c) => !removed.has(c));
		if (ids.join('\n') !== t.codeIds.join('\n')) changes.push({ kind: 'theme', before: t, after: { ...t, codeIds: ids } });
	}
	return changes;
}

// ---- reading the data through a theme ------------------------------------------------------

/** Label a document counts under: its participant, or its own name when not linked. */
export function participantOf(doc: { participantId: string | null; name: string }): string {
	return doc.participantId ?? doc.name;
}

/** Ids of the codes whose codings belong to the theme: its members and their sub-codes. */
export function themeCodeIds(codes: readonly Code[], theme: Theme): Set<Id> {
	// Rows are immutable, so (theme row, codes array) identifies the answer: verdicts and
	// counts ask it once per extract, which on a large project is tens of thousands of times.
	const cached = codeIdsCache.get(theme);
	if (cached && cached.codes === codes) return new Set(cached.ids);
	const ids = new Set<Id>();
	const known = new Set(codes.map((c) => c.id));
	for (const id of theme.codeIds) {
		if (!known.has(id)) continue;
		for (const d of subtreeIds(codes, id)) ids.add(d);
	}
	codeIdsCache.set(theme, { codes, ids });
	return new Set(ids);
}

const codeIdsCache = new WeakMap<Theme, { codes: readonly Code[]; ids: ReadonlySet<Id> }>();

/** themeCodeIds without the defensive copy, for hot loops that only read it. */
function heldCodeIds(codes: readonly Code[], theme: Theme): ReadonlySet<Id> {
	themeCodeIds(codes, theme);
	return codeIdsCache.get(theme)!.ids;
}

/**
 * Codings grouped by code, computed once per codings array. Rows are immutable and every
 * change makes a new array, so the array itself is the cache key; 50,000 codings are
 * grouped once instead of being filtered again for every theme on every redraw.
 */
const byCodeCache = new WeakMap<readonly Coding[], Map<Id, Coding[]>>();

function codingsByCode(codings: readonly Coding[]): Map<Id, Coding[]> {
	let index = byCodeCache.get(codings);
	if (!index) {
		index = new Map();
		for (const c of codings) {
			if (c.orphaned) continue;
			const list = index.get(c.codeId);
			if (list) list.push(c);
			else index.set(c.codeId, [c]);
		}
		byCodeCache.set(codings, index);
	}
	return index;
}

/**
 * The theme's extracts: codings of its codes and, for a main theme, of its sub-themes'
 * codes, each once. Orphaned codings are left out (their text is gone). With `docOrder`
 * they come in document then text order; without it (for counting) in no particular order.
 */
export function themeExtracts(
	theme: Theme,
	themes: readonly Theme[],
	codes: readonly Code[],
	codings: readonly Coding[],
	docOrder?: ReadonlyMap<Id, number>
): Coding[] {
	const ids = themeCodeIds(codes, theme);
	for (const child of themes)
		if (child.parentId === theme.id && child.status !== 'discarded') for (const id of themeCodeIds(codes, child)) ids.add(id);
	const index = codingsByCode(codings);
	const out: Coding[] = [];
	for (const id of ids) {
		const list = index.get(id);
		if (list) for (const c of list) out.push(c);
	}
	if (docOrder)
		out.sort((a, b) => (docOrder.get(a.docId) ?? 0) - (docOrder.get(b.docId) ?? 0) || a.start - b.start || a.end - b.end);
	return out;
}

/**
 * An extract's verdict in a theme. A main theme's own verdict counts first; otherwise the
 * verdicts of the live sub-themes that hold the extract's code: it fits if any of them says
 * so, does not fit if those that judged it all said it does not, and is undecided otherwise.
 */
export function verdictIn(
	theme: Theme,
	themes: readonly Theme[],
	codes: readonly Code[],
	coding: Pick<Coding, 'id' | 'codeId'>
): ExtractVerdict | null {
	const own = theme.reviews[coding.id];
	if (own) return own;
	let misfit = false;
	for (const child of themes) {
		if (child.parentId !== theme.id || child.status === 'discarded') continue;
		const v = child.reviews[coding.id];
		if (!v || !heldCodeIds(codes, child).has(coding.codeId)) continue;
		if (v === 'fits') return 'fits';
		misfit = true;
	}
	return misfit ? 'misfit' : null;
}

/**
 * The extracts that count for a theme (all of its extracts except those judged not to fit)
 * and the distinct participants they come from: the one rule behind every "n of N".
 */
export function themeCounts(
	theme: Theme,
	themes: readonly Theme[],
	codes: readonly Code[],
	codings: readonly Coding[],
	docById: ReadonlyMap<Id, { participantId: string | null; name: string }>
): { counted: Coding[]; participants: Set<string> } {
	const counted: Coding[] = [];
	const participants = new Set<string>();
	for (const c of themeExtracts(theme, themes, codes, codings)) {
		const doc = docById.get(c.docId);
		if (!doc || verdictIn(theme, themes, codes, c) === 'misfit') continue;
		counted.push(c);
		participants.add(participantOf(doc));
	}
	return { counted, participants };
}

/** The chosen quotes that would print: those among the theme's counted extracts, in order. */
export function printableQuoteIds(theme: Theme, counted: readonly Coding[]): Id[] {
	const ids = new Set(counted.map((c) => c.id));
	return theme.quoteIds.filter((id) => ids.has(id));
}

/** Codes placed in more than one theme that is not discarded: code id → those themes. */
export function codesInSeveralThemes(themes: readonly Theme[]): Map<Id, Theme[]> {
	const by = new Map<Id, Theme[]>();
	for (const t of themesInOrder(themes)) {
		if (t.status === 'discarded') continue;
		for (const id of t.codeIds) by.set(id, [...(by.get(id) ?? []), t]);
	}
	return new Map([...by].filter(([, ts]) => ts.length > 1));
}

/** Codes in no theme that is not discarded (with their sub-codes counted as placed when the parent is). */
export function unplacedCodes(codes: readonly Code[], themes: readonly Theme[]): Code[] {
	const placed = new Set<Id>();
	for (const t of themes) if (t.status !== 'discarded') for (const id of themeCodeIds(codes, t)) placed.add(id);
	return codes.filter((c) => !placed.has(c.id));
}
