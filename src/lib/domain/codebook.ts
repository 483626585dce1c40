// The codebook is a tree kept as a flat Code[] (parentId + dense sibling `order`), because
// rows are what the database stores. Every edit here is pure: it validates, then returns the
// exact rows that change as Change[], so the caller writes them in one transaction and the
// undo history can invert them. Operations that can fail return a Result instead of throwing.

import type { Change, Code, Coding, Id } from './types';

/** Outcome of an operation that can be refused: the error is a sentence to show the user. */
export type Result<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };

export type CodeFields = Pick<Code, 'name' | 'color' | 'definition' | 'include' | 'exclude' | 'example'>;
export type CodePatch = Partial<CodeFields>;

export interface CodeNode {
	code: Code;
	children: CodeNode[];
	/** 0 for top-level codes. */
	depth: number;
}

/** One row of the tree in display order, with what a treeview needs for aria attributes. */
export interface FlatCode {
	code: Code;
	depth: number;
	hasChildren: boolean;
	/** 1-based position among siblings (aria-posinset). */
	posInSet: number;
	/** Number of siblings including this one (aria-setsize). */
	setSize: number;
}

export const MAX_CODE_NAME_LENGTH = 200;

/**
 * Default highlight colours: light enough that black text on them keeps a contrast of at
 * least 8:1, and ordered so that each next colour is the one most unlike those before it
 * (greedy farthest point in OKLab), so a small codebook gets clearly different colours.
 */
export const CODE_PALETTE: readonly string[] = [
	'#ffc48a',
	'#06bde8',
	'#c890ea',
	'#89bd5b',
	'#a9d7ff',
	'#f48a61',
	'#8de9ae',
	'#feb6ee',
	'#d1a429',
	'#f083ac',
	'#0bc6a9',
	'#85a7fe',
	'#5ce9f0',
	'#d6d878',
	'#febebd',
	'#d0c9ff'
];

const HEX6 = /^#[0-9a-f]{6}$/;

/** True for the stored colour form: "#rrggbb" in lower case. */
export function isHexColor(value: unknown): value is string {
	return typeof value === 'string' && HEX6.test(value);
}

/** Accepts "#rgb" or "#rrggbb" in any case (what people type and files carry); null otherwise. */
export function normalizeHexColor(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const v = value.trim().toLowerCase();
	if (HEX6.test(v)) return v;
	if (/^#[0-9a-f]{3}$/.test(v)) return '#' + [...v.slice(1)].map((c) => c + c).join('');
	return null;
}

/** The first palette colour no code uses yet; when all are taken, the least used one. */
export function pickColor(codes: readonly Code[], palette: readonly string[] = CODE_PALETTE): string {
	const uses = new Map<string, number>(palette.map((c) => [c, 0]));
	for (const code of codes) {
		const c = code.color.toLowerCase();
		const n = uses.get(c);
		if (n !== undefined) uses.set(c, n + 1);
	}
	let best = palette[0];
	let bestUses = Infinity;
	for (const c of palette) {
		const n = uses.get(c) ?? 0;
		if (n < bestUses) {
			best = c;
			bestUses = n;
		}
	}
	return best;
}

/** Collapses whitespace so a name pasted with a line break still reads as one line. */
export function cleanCodeName(name: string): string {
	return name.trim().replace(/\s+/g, ' ');
}

/** The key under which sibling names must be unique: case, accents form and spacing ignored. */
export function nameKey(name: string): string {
	return cleanCodeName(name).normalize('NFC').toLocaleLowerCase();
}

function bySiblingOrder(a: Code, b: Code): number {
	// Ties only happen in damaged data; name and id keep the result deterministic.
	return a.order - b.order || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The direct children of parentId (null = top level), in sibling order. */
export function childrenOf(codes: readonly Code[], parentId: Id | null): Code[] {
	return codes.filter((c) => c.parentId === parentId).sort(bySiblingOrder);
}

function childIndex(codes: readonly Code[]): Map<Id | null, Code[]> {
	const index = new Map<Id | null, Code[]>();
	for (const c of codes) {
		const list = index.get(c.parentId);
		if (list) list.push(c);
		else index.set(c.parentId, [c]);
	}
	for (const list of index.values()) list.sort(bySiblingOrder);
	return index;
}

/** id and all its descendants (pre-order, id first). Empty when id is unknown. */
export function subtreeIds(codes: readonly Code[], id: Id): Id[] {
	if (!codes.some((c) => c.id === id)) return [];
	const index = childIndex(codes);
	const out: Id[] = [];
	const seen = new Set<Id>();
	const visit = (cur: Id) => {
		// The seen-set guards against a parent cycle in damaged data.
		if (seen.has(cur)) return;
		seen.add(cur);
		out.push(cur);
		for (const child of index.get(cur) ?? []) visit(child.id);
	};
	visit(id);
	return out;
}

/** All descendants of id, without id itself. */
export function descendantIds(codes: readonly Code[], id: Id): Id[] {
	return subtreeIds(codes, id).slice(1);
}

/** Ancestors from the top level down to the code itself; empty when id is unknown. */
export function codePath(codes: readonly Code[], id: Id): Code[] {
	const byId = new Map(codes.map((c) => [c.id, c]));
	const path: Code[] = [];
	const seen = new Set<Id>();
	let cur = byId.get(id);
	while (cur && !seen.has(cur.id)) {
		seen.add(cur.id);
		path.unshift(cur);
		cur = cur.parentId === null ? undefined : byId.get(cur.parentId);
	}
	return path;
}

/** "Group › Code", for messages that must say which of two same-named codes is meant. */
export function codePathLabel(codes: readonly Code[], id: Id): string {
	return codePath(codes, id)
		.map((c) => c.name)
		.join(' › ');
}

/**
 * Nested tree for display. A code whose parent is missing, or that sits in a parent cycle,
 * is shown at the top level instead of being hidden: damaged data must stay visible.
 */
export function buildTree(codes: readonly Code[]): CodeNode[] {
	const ids = new Set(codes.map((c) => c.id));
	const index = childIndex(codes);
	const placed = new Set<Id>();
	const build = (code: Code, depth: number): CodeNode => {
		placed.add(code.id);
		const children = (index.get(code.id) ?? [])
			.filter((c) => !placed.has(c.id))
			.map((c) => build(c, depth + 1));
		return { code, children, depth };
	};
	const roots = codes
		.filter((c) => c.parentId === null || !ids.has(c.parentId))
		.sort(bySiblingOrder)
		.map((c) => build(c, 0));
	for (const c of [...codes].sort(bySiblingOrder)) {
		if (!placed.has(c.id)) roots.push(build(c, 0));
	}
	return roots;
}

/** Pre-order rows for keyboard navigation; children of collapsed codes are skipped. */
export function flattenTree(tree: readonly CodeNode[], collapsed: ReadonlySet<Id> = new Set()): FlatCode[] {
	const out: FlatCode[] = [];
	const walk = (nodes: readonly CodeNode[]) => {
		nodes.forEach((node, i) => {
			out.push({
				code: node.code,
				depth: node.depth,
				hasChildren: node.children.length > 0,
				posInSet: i + 1,
				setSize: nodes.length
			});
			if (!collapsed.has(node.code.id)) walk(node.children);
		});
	};
	walk(tree);
	return out;
}

/** Checks a name for a code placed under parentId; exceptId is the code being renamed. */
export function validateCodeName(
	codes: readonly Code[],
	parentId: Id | null,
	name: string,
	exceptId: Id | null = null
): Result<{ name: string }> {
	const clean = cleanCodeName(name);
	if (clean === '') return { ok: false, error: 'A code needs a name.' };
	if (clean.length > MAX_CODE_NAME_LENGTH)
		return { ok: false, error: `A code name can be at most ${MAX_CODE_NAME_LENGTH} characters long.` };
	const key = nameKey(clean);
	const clash = codes.find((c) => c.parentId === parentId && c.id !== exceptId && nameKey(c.name) === key);
	if (clash) {
		const where = parentId === null ? 'at the top level' : `under “${codePathLabel(codes, parentId)}”`;
		return { ok: false, error: `There is already a code called “${clash.name}” ${where}.` };
	}
	return { ok: true, name: clean };
}

/**
 * Turns the rows that differ between two states of the codebook into Changes: one per row,
 * updates and deletions in input order, then insertions in the map's order.
 */
export function diffCodes(before: readonly Code[], after: ReadonlyMap<Id, Code>): Change[] {
	const changes: Change[] = [];
	const seen = new Set<Id>();
	for (const b of before) {
		seen.add(b.id);
		const a = after.get(b.id) ?? null;
		if (a === null) changes.push({ kind: 'code', before: b, after: null });
		else if (a !== b && !sameRow(a, b)) changes.push({ kind: 'code', before: b, after: a });
	}
	for (const a of after.values()) if (!seen.has(a.id)) changes.push({ kind: 'code', before: null, after: a });
	return changes;
}

function diffCodings(before: readonly Coding[], after: ReadonlyMap<Id, Coding>): Change[] {
	const changes: Change[] = [];
	for (const b of before) {
		const a = after.get(b.id) ?? null;
		if (a === null) changes.push({ kind: 'coding', before: b, after: null });
		else if (a !== b && !sameRow(a, b)) changes.push({ kind: 'coding', before: b, after: a });
	}
	return changes;
}

function sameRow(a: object, b: object): boolean {
	const ak = Object.keys(a);
	const bk = Object.keys(b);
	if (ak.length !== bk.length) return false;
	const ra = a as Record<string, unknown>;
	const rb = b as Record<string, unknown>;
	return ak.every((k) => Object.is(ra[k], rb[k]) || JSON.stringify(ra[k]) === JSON.stringify(rb[k]));
}

/** A mutable working copy of the codebook; edits copy rows so the inputs stay untouched. */
class Draft {
	readonly rows: Map<Id, Code>;
	constructor(codes: readonly Code[]) {
		this.rows = new Map(codes.map((c) => [c.id, c]));
	}
	get(id: Id): Code | undefined {
		return this.rows.get(id);
	}
	list(): Code[] {
		return [...this.rows.values()];
	}
	children(parentId: Id | null): Code[] {
		return childrenOf(this.list(), parentId);
	}
	patch(id: Id, patch: Partial<Code>): void {
		const cur = this.rows.get(id);
		if (!cur) return;
		const changed = (Object.keys(patch) as (keyof Code)[]).some((k) => cur[k] !== patch[k]);
		if (changed) this.rows.set(id, { ...cur, ...patch });
	}
	/** Gives the listed siblings orders 0..n-1 under parentId, touching only rows that differ. */
	place(parentId: Id | null, siblings: readonly Code[]): void {
		siblings.forEach((c, i) => this.patch(c.id, { parentId, order: i }));
	}
	remove(id: Id): void {
		this.rows.delete(id);
	}
}

/**
 * Builds a new code appended after its siblings. A missing colour is taken from the
 * palette (one not in use yet). The returned changes insert it.
 */
export function newCode(
	projectId: Id,
	fields: Partial<CodeFields> & { name: string; parentId?: Id | null },
	codes: readonly Code[],
	now: number,
	id: Id
): Result<{ code: Code; changes: Change[] }> {
	const parentId = fields.parentId ?? null;
	if (codes.some((c) => c.id === id)) return { ok: false, error: `A code with id “${id}” already exists.` };
	if (parentId !== null && !codes.some((c) => c.id === parentId))
		return { ok: false, error: 'The parent code no longer exists.' };
	const name = validateCodeName(codes, parentId, fields.name);
	if (!name.ok) return name;
	let color = pickColor(codes);
	if (fields.color !== undefined) {
		const c = normalizeHexColor(fields.color);
		if (c === null) return { ok: false, error: `“${fields.color}” is not a colour; use the form #rrggbb.` };
		color = c;
	}
	const code: Code = {
		id,
		projectId,
		parentId,
		order: childrenOf(codes, parentId).length,
		name: name.name,
		color,
		definition: (fields.definition ?? '').trim(),
		include: (fields.include ?? '').trim(),
		exclude: (fields.exclude ?? '').trim(),
		example: (fields.example ?? '').trim(),
		createdAt: now
	};
	return { ok: true, code, changes: createCodeChanges(code) };
}

/** The change that inserts an already built code. */
export function createCodeChanges(code: Code): Change[] {
	return [{ kind: 'code', before: null, after: code }];
}

export function renameCode(codes: readonly Code[], id: Id, name: string): Result<{ changes: Change[] }> {
	return updateCode(codes, id, { name });
}

/** Edits a code's own fields. No change at all gives ok with an empty list (nothing to undo). */
export function updateCode(codes: readonly Code[], id: Id, patch: CodePatch): Result<{ changes: Change[] }> {
	const cur = codes.find((c) => c.id === id);
	if (!cur) return { ok: false, error: 'That code no longer exists.' };
	const next: Partial<Code> = {};
	if (patch.name !== undefined) {
		const name = validateCodeName(codes, cur.parentId, patch.name, id);
		if (!name.ok) return name;
		next.name = name.name;
	}
	if (patch.color !== undefined) {
		const color = normalizeHexColor(patch.color);
		if (color === null) return { ok: false, error: `“${patch.color}” is not a colour; use the form #rrggbb.` };
		next.color = color;
	}
	for (const key of ['definition', 'include', 'exclude', 'example'] as const) {
		const v = patch[key];
		if (v !== undefined) next[key] = v.trim();
	}
	const draft = new Draft(codes);
	draft.patch(id, next);
	return { ok: true, changes: diffCodes(codes, draft.rows) };
}

/**
 * Moves a code (with its subtree) to be child number `index` of newParentId (null = top
 * level); index is clamped. Both the old and the new sibling lists end up dense.
 */
export function moveCode(
	codes: readonly Code[],
	id: Id,
	newParentId: Id | null,
	index: number
): Result<{ changes: Change[] }> {
	const cur = codes.find((c) => c.id === id);
	if (!cur) return { ok: false, error: 'That code no longer exists.' };
	if (newParentId !== null) {
		if (!codes.some((c) => c.id === newParentId)) return { ok: false, error: 'The target code no longer exists.' };
		if (subtreeIds(codes, id).includes(newParentId))
			return { ok: false, error: `“${cur.name}” cannot be moved into itself or one of its own sub-codes.` };
	}
	if (newParentId !== cur.parentId) {
		const name = validateCodeName(codes, newParentId, cur.name, id);
		if (!name.ok) return { ok: false, error: `${name.error} Rename one of them or merge them instead.` };
	}
	const draft = new Draft(codes);
	const oldSiblings = draft.children(cur.parentId).filter((c) => c.id !== id);
	draft.place(cur.parentId, oldSiblings);
	const newSiblings = draft.children(newParentId).filter((c) => c.id !== id);
	const at = Math.max(0, Math.min(Number.isFinite(index) ? Math.trunc(index) : newSiblings.length, newSiblings.length));
	newSiblings.splice(at, 0, cur);
	draft.place(newParentId, newSiblings);
	return { ok: true, changes: diffCodes(codes, draft.rows) };
}

export interface MergeSummary {
	/** Codings now pointing at the target (or at a same-named sub-code of it). */
	repointed: number;
	/** Codings removed because the target already had the same span from the same coder. */
	duplicatesRemoved: number;
	/** Sub-codes of the source folded into a same-named sub-code of the target. */
	subcodesMerged: number;
}

const TEXT_FIELDS = ['definition', 'include', 'exclude', 'example'] as const;

function spanKey(c: Coding): string {
	return `${c.docId}\u0000${c.coderId}\u0000${c.start}\u0000${c.end}`;
}

/**
 * Merges source into target: the source's codings move to the target (exact duplicates of a
 * target coding are removed, as explicit changes), its sub-codes move under the target (a
 * sub-code whose name the target already has below it is merged into that one, so sibling
 * names stay unique), the target keeps its fields with the source's non-empty texts
 * appended, and the source is deleted. When the target lies inside the source's subtree it
 * first takes the source's place, so the tree cannot end up in a cycle.
 */
export function mergeCodes(
	codes: readonly Code[],
	codings: readonly Coding[],
	sourceId: Id,
	targetId: Id
): Result<{ changes: Change[] } & MergeSummary> {
	const source = codes.find((c) => c.id === sourceId);
	const target = codes.find((c) => c.id === targetId);
	if (!source || !target) return { ok: false, error: 'One of the codes to merge no longer exists.' };
	if (sourceId === targetId) return { ok: false, error: 'A code cannot be merged into itself.' };

	const draft = new Draft(codes);
	const work = new Map(codings.map((c) => [c.id, c]));
	const summary: MergeSummary = { repointed: 0, duplicatesRemoved: 0, subcodesMerged: 0 };

	if (subtreeIds(codes, sourceId).includes(targetId)) {
		const clash = validateCodeName(
			codes.filter((c) => c.id !== sourceId),
			source.parentId,
			target.name,
			targetId
		);
		if (!clash.ok) return { ok: false, error: `${clash.error} Rename one of them first.` };
		draft.place(
			target.parentId,
			draft.children(target.parentId).filter((c) => c.id !== targetId)
		);
		const level = draft.children(source.parentId);
		level.splice(level.findIndex((c) => c.id === sourceId) + 1, 0, target);
		draft.place(source.parentId, level);
	}

	const mergeInto = (srcId: Id, tgtId: Id) => {
		const keys = new Set<string>();
		for (const c of work.values()) if (c.codeId === tgtId) keys.add(spanKey(c));
		for (const c of [...work.values()]) {
			if (c.codeId !== srcId) continue;
			const key = spanKey(c);
			if (keys.has(key)) {
				work.delete(c.id);
				summary.duplicatesRemoved++;
			} else {
				keys.add(key);
				work.set(c.id, { ...c, codeId: tgtId });
				summary.repointed++;
			}
		}
		const src = draft.get(srcId);
		const tgt = draft.get(tgtId);
		if (!src || !tgt) return;
		const texts: Partial<Code> = {};
		for (const f of TEXT_FIELDS) {
			const add = src[f].trim();
			if (add !== '' && !tgt[f].includes(add)) texts[f] = tgt[f].trim() === '' ? add : `${tgt[f]}\n\n${add}`;
		}
		draft.patch(tgtId, texts);
		for (const child of draft.children(srcId)) {
			const match = draft.children(tgtId).find((c) => nameKey(c.name) === nameKey(child.name));
			if (match) {
				summary.subcodesMerged++;
				mergeInto(child.id, match.id);
			} else {
				draft.place(tgtId, [...draft.children(tgtId), child]);
			}
		}
		const parentId = src.parentId;
		draft.remove(srcId);
		draft.place(parentId, draft.children(parentId));
	};
	mergeInto(sourceId, targetId);

	return { ok: true, changes: [...diffCodes(codes, draft.rows), ...diffCodings(codings, work)], ...summary };
}

export interface DeleteSummary {
	/** Codes that will be deleted. */
	codes: number;
	/** Codings that will be deleted with them. */
	codings: number;
}

/**
 * Deletes a code and its codings. With withDescendants the whole subtree goes; without it
 * the sub-codes move up to the deleted code's parent, in its place. The summary lets the UI
 * say what will be lost before anything is written.
 */
export function deleteCode(
	codes: readonly Code[],
	codings: readonly Coding[],
	id: Id,
	options: { withDescendants: boolean }
): Result<{ changes: Change[]; summary: DeleteSummary }> {
	const cur = codes.find((c) => c.id === id);
	if (!cur) return { ok: false, error: 'That code no longer exists.' };
	const draft = new Draft(codes);
	const doomed = new Set(options.withDescendants ? subtreeIds(codes, id) : [id]);
	if (!options.withDescendants) {
		const level = draft.children(cur.parentId);
		const children = draft.children(id);
		for (const child of children) {
			const clash = level.find((c) => c.id !== id && nameKey(c.name) === nameKey(child.name));
			if (clash) {
				return {
					ok: false,
					error: `The sub-code “${child.name}” cannot move up next to the existing “${clash.name}”. Rename or merge it first, or delete the sub-codes too.`
				};
			}
		}
		const at = level.findIndex((c) => c.id === id);
		level.splice(at, 1, ...children);
		draft.place(cur.parentId, level);
	}
	for (const d of doomed) draft.remove(d);
	if (options.withDescendants) draft.place(cur.parentId, draft.children(cur.parentId));
	const work = new Map(codings.filter((c) => !doomed.has(c.codeId)).map((c) => [c.id, c]));
	const changes = [...diffCodes(codes, draft.rows), ...diffCodings(codings, work)];
	return {
		ok: true,
		changes,
		summary: { codes: doomed.size, codings: codings.length - work.size }
	};
}

/**
 * Repairs sibling orders that are not 0..n-1 (rows from an old file or an interrupted
 * write); an empty list means the codebook is already dense.
 */
export function densifyOrders(codes: readonly Code[]): Change[] {
	const draft = new Draft(codes);
	const ids = new Set(codes.map((c) => c.id));
	const parents = new Set<Id | null>(codes.map((c) => (c.parentId !== null && ids.has(c.parentId) ? c.parentId : null)));
	for (const p of parents) {
		// A code whose parent is gone is kept where it is: buildTree shows it at the top level.
		const siblings = codes.filter((c) => c.parentId === p).sort(bySiblingOrder);
		siblings.forEach((c, i) => draft.patch(c.id, { order: i }));
	}
	return diffCodes(codes, draft.rows);
}

/** In-vivo code names keep to a readable length; the full words stay in the coding's quote. */
export const IN_VIVO_MAX = 60;

/** A code name made from the selected words: spaces folded, quotes and end punctuation off. */
export function inVivoName(quote: string): string {
	const words = quote.replace(/\s+/g, ' ').trim().replace(/^["“”'‘’(]+|["“”'‘’).,;:!?…]+$/g, '');
	if (words.length <= IN_VIVO_MAX) return words;
	const cut = words.slice(0, IN_VIVO_MAX);
	return `${cut.slice(0, cut.lastIndexOf(' ') > 20 ? cut.lastIndexOf(' ') : IN_VIVO_MAX)}…`;
}
