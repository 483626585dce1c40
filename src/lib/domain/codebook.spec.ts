import { describe, it, expect } from 'vitest';
import {
	buildTree,
	childrenOf,
	CODE_PALETTE,
	codePathLabel,
	deleteCode,
	densifyOrders,
	descendantIds,
	flattenTree,
	inVivoName,
	isHexColor,
	mergeCodes,
	moveCode,
	newCode,
	normalizeHexColor,
	pickColor,
	renameCode,
	subtreeIds,
	updateCode
} from './codebook';
import { applyChangesToList, invertChanges } from './history';
import { countsByCode } from './retrieve';
import type { Change, Code, Coding, TranscriptDocument } from './types';
import { code, sampleTree as sample } from '../../../tests/fixtures/codes';


let codingSeq = 0;
function coding(codeId: string, start: number, end: number, extra: Partial<Coding> = {}): Coding {
	codingSeq++;
	return {
		id: `k${codingSeq}`,
		projectId: 'p1',
		docId: 'd1',
		codeId,
		coderId: 'c1',
		start,
		end,
		quote: 'x'.repeat(end - start),
		prefix: '',
		suffix: '',
		createdAt: 1,
		...extra
	};
}


function applyAll(codes: Code[], codings: Coding[], changes: Change[]) {
	return {
		codes: applyChangesToList(codes, changes, 'code'),
		codings: applyChangesToList(codings, changes, 'coding')
	};
}

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));

/** Every sibling list is 0..n-1, every parent exists and no code is its own ancestor. */
function expectWellFormed(codes: Code[]) {
	const ids = new Set(codes.map((c) => c.id));
	for (const parent of [null, ...ids]) {
		const orders = codes.filter((c) => c.parentId === parent).map((c) => c.order).sort((a, b) => a - b);
		expect(orders).toEqual(orders.map((_, i) => i));
	}
	for (const c of codes) {
		if (c.parentId !== null) expect(ids.has(c.parentId)).toBe(true);
		expect(descendantIds(codes, c.id)).not.toContain(c.id);
	}
	expect(flattenTree(buildTree(codes))).toHaveLength(codes.length);
}

function must<T extends object>(r: ({ ok: true } & T) | { ok: false; error: string }): T {
	if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
	return r;
}

function expectFail(r: { ok: boolean; error?: string }, match: RegExp) {
	expect(r.ok).toBe(false);
	expect(r.error).toMatch(match);
}

describe('tree queries', () => {
	it('lists children in order and builds a nested tree with depths', () => {
		const codes = sample();
		expect(childrenOf(codes, null).map((c) => c.id)).toEqual(['A', 'B', 'C']);
		expect(childrenOf(codes, 'A').map((c) => c.id)).toEqual(['A1', 'A2']);
		const tree = buildTree(codes);
		expect(tree.map((n) => n.code.id)).toEqual(['A', 'B', 'C']);
		expect(tree[0].children[0].children[0]).toMatchObject({ code: { id: 'A1a' }, depth: 2 });
	});

	it('flattens in pre-order, skipping collapsed subtrees, with aria positions', () => {
		const tree = buildTree(sample());
		expect(flattenTree(tree).map((r) => `${r.code.id}:${r.depth}`)).toEqual(['A:0', 'A1:1', 'A1a:2', 'A2:1', 'B:0', 'C:0']);
		const rows = flattenTree(tree, new Set(['A1']));
		expect(rows.map((r) => r.code.id)).toEqual(['A', 'A1', 'A2', 'B', 'C']);
		expect(rows[1]).toMatchObject({ hasChildren: true, posInSet: 1, setSize: 2 });
		expect(rows[4]).toMatchObject({ hasChildren: false, posInSet: 3, setSize: 3 });
	});

	it('keeps codes with a missing parent or a parent cycle visible at the top level', () => {
		const codes = [code('A', null, 0), code('lost', 'gone', 0), code('x', 'y', 0), code('y', 'x', 0)];
		const rows = flattenTree(buildTree(codes));
		expect(rows.map((r) => r.code.id).sort()).toEqual(['A', 'lost', 'x', 'y']);
	});

	it('computes subtrees and paths', () => {
		const codes = sample();
		expect(subtreeIds(codes, 'A')).toEqual(['A', 'A1', 'A1a', 'A2']);
		expect(descendantIds(codes, 'A')).toEqual(['A1', 'A1a', 'A2']);
		expect(subtreeIds(codes, 'nope')).toEqual([]);
		expect(codePathLabel(codes, 'A1a')).toBe('A › A1 › A1a');
	});

	it('counts codings per code and per subtree', () => {
		// Counting lives in retrieve.ts (countsByCode), which also counts participants.
		const codings = [coding('A1a', 0, 1), coding('A1a', 2, 3), coding('A', 4, 5), coding('B', 6, 7)];
		const doc = { id: 'd1', name: 'D1', participantId: 'P01', order: 0 } as TranscriptDocument;
		const { own, subtree } = countsByCode(sample(), codings, [doc]);
		expect(new Map([...own].map(([id, n]) => [id, n.extracts]))).toEqual(new Map([['A1a', 2], ['A', 1], ['B', 1]]));
		const totals = (id: string) => subtree.get(id)?.extracts ?? 0;
		expect(totals('A')).toBe(3);
		expect(totals('A1')).toBe(2);
		expect(totals('C')).toBe(0);
	});
});

describe('colours', () => {
	it('validates and normalises hex colours', () => {
		expect(isHexColor('#a0b1c2')).toBe(true);
		expect(isHexColor('#A0B1C2')).toBe(false);
		expect(isHexColor('red')).toBe(false);
		expect(normalizeHexColor(' #ABC ')).toBe('#aabbcc');
		expect(normalizeHexColor('#A0B1C2')).toBe('#a0b1c2');
		expect(normalizeHexColor('#12345')).toBeNull();
		expect(normalizeHexColor(42)).toBeNull();
	});

	it('ships 16 distinct palette colours that keep black text readable (WCAG AA)', () => {
		expect(new Set(CODE_PALETTE).size).toBe(16);
		for (const hex of CODE_PALETTE) {
			expect(isHexColor(hex)).toBe(true);
			const [r, g, b] = [1, 3, 5].map((i) => {
				const c = parseInt(hex.slice(i, i + 2), 16) / 255;
				return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
			});
			const contrast = (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05) / 0.05;
			expect(contrast).toBeGreaterThanOrEqual(4.5);
		}
	});

	it('picks an unused palette colour, then the least used', () => {
		expect(pickColor([])).toBe(CODE_PALETTE[0]);
		expect(pickColor([code('a', null, 0, { color: CODE_PALETTE[0] })])).toBe(CODE_PALETTE[1]);
		const all = CODE_PALETTE.map((color, i) => code(`c${i}`, null, i, { color }));
		all.push(code('extra', null, 16, { color: CODE_PALETTE[0] }));
		expect(pickColor(all)).toBe(CODE_PALETTE[1]);
	});
});

describe('newCode', () => {
	it('appends at the end of its siblings with a fresh colour', () => {
		const codes = sample();
		const r = must(newCode('p1', { name: '  New   code ', parentId: 'A' }, codes, 99, 'N'));
		expect(r.code).toMatchObject({ id: 'N', parentId: 'A', order: 2, name: 'New code', createdAt: 99, projectId: 'p1' });
		expect(r.code.color).toBe(CODE_PALETTE[0]);
		expect(r.changes).toEqual([{ kind: 'code', before: null, after: r.code }]);
		expectWellFormed(applyChangesToList(codes, r.changes, 'code'));
	});

	it('rejects empty names, sibling duplicates (any case), bad colours and unknown parents', () => {
		const codes = sample();
		expectFail(newCode('p1', { name: '   ' }, codes, 1, 'N'), /needs a name/);
		expectFail(newCode('p1', { name: 'a1', parentId: 'A' }, codes, 1, 'N'), /already a code called “A1” under “A”/);
		expectFail(newCode('p1', { name: 'b' }, codes, 1, 'N'), /at the top level/);
		expectFail(newCode('p1', { name: 'Z', color: 'blue' }, codes, 1, 'N'), /not a colour/);
		expectFail(newCode('p1', { name: 'Z', parentId: 'gone' }, codes, 1, 'N'), /parent/);
		expectFail(newCode('p1', { name: 'Z' }, codes, 1, 'A'), /already exists/);
		// The same name is fine at another level.
		expect(newCode('p1', { name: 'A1', parentId: 'B' }, codes, 1, 'N').ok).toBe(true);
	});
});

describe('renameCode and updateCode', () => {
	it('renames, trimming, and allows changing only the case of its own name', () => {
		const codes = sample();
		const r = must(renameCode(codes, 'A1', ' a1 '));
		expect(r.changes).toEqual([{ kind: 'code', before: codes[4], after: { ...codes[4], name: 'a1' } }]);
		expectFail(renameCode(codes, 'A1', 'A2'), /already a code called “A2”/);
		expectFail(renameCode(codes, 'A1', ''), /needs a name/);
		expectFail(renameCode(codes, 'A1', 'x'.repeat(201)), /at most 200/);
		expectFail(renameCode(codes, 'gone', 'x'), /no longer exists/);
	});

	it('updates fields, normalising the colour; an edit that changes nothing gives no changes', () => {
		const codes = sample();
		const r = must(updateCode(codes, 'B', { color: '#FFF', definition: ' Defined. ', example: 'e.g.' }));
		expect(r.changes).toHaveLength(1);
		expect(r.changes[0].after).toMatchObject({ color: '#ffffff', definition: 'Defined.', example: 'e.g.', name: 'B' });
		expect(must(updateCode(codes, 'B', { name: 'B', color: '#aabbcc' })).changes).toEqual([]);
		expectFail(updateCode(codes, 'B', { color: '#zzzzzz' }), /not a colour/);
	});
});

describe('moveCode', () => {
	it('rejects moving a code into itself or its own subtree', () => {
		const codes = sample();
		expectFail(moveCode(codes, 'A', 'A', 0), /into itself or one of its own sub-codes/);
		expectFail(moveCode(codes, 'A', 'A1a', 0), /into itself or one of its own sub-codes/);
		expectFail(moveCode(codes, 'A', 'gone', 0), /no longer exists/);
	});

	it('moves a subtree to another parent and keeps both sibling lists dense', () => {
		const codes = sample();
		const r = must(moveCode(codes, 'A1', 'B', 0));
		const after = applyChangesToList(codes, r.changes, 'code');
		expectWellFormed(after);
		expect(childrenOf(after, 'A').map((c) => [c.id, c.order])).toEqual([['A2', 0]]);
		expect(childrenOf(after, 'B').map((c) => c.id)).toEqual(['A1']);
		expect(subtreeIds(after, 'B')).toEqual(['B', 'A1', 'A1a']);
		// Only the moved code and its old sibling changed.
		expect(r.changes.map((c) => c.after?.id).sort()).toEqual(['A1', 'A2']);
	});

	it('reorders within the same parent, clamping the index', () => {
		const codes = sample();
		const last = applyChangesToList(codes, must(moveCode(codes, 'A', null, 99)).changes, 'code');
		expect(childrenOf(last, null).map((c) => c.id)).toEqual(['B', 'C', 'A']);
		expectWellFormed(last);
		const first = applyChangesToList(codes, must(moveCode(codes, 'C', null, -5)).changes, 'code');
		expect(childrenOf(first, null).map((c) => c.id)).toEqual(['C', 'A', 'B']);
		expect(must(moveCode(codes, 'B', null, 1)).changes).toEqual([]);
	});

	it('refuses a move that would put two same-named codes side by side', () => {
		const codes = [...sample(), code('dup', 'B', 0, { name: 'a1' })];
		expectFail(moveCode(codes, 'dup', 'A', 0), /already a code called “A1”.*merge/);
	});
});

describe('mergeCodes', () => {
	function setup() {
		const codes = [
			code('S', null, 0, { name: 'Source', definition: 'Source def.', example: 'Source example.' }),
			code('S1', 'S', 0, { name: 'Only in source' }),
			code('S2', 'S', 1, { name: 'Shared child', include: 'from source' }),
			code('T', null, 1, { name: 'Target', definition: 'Target def.' }),
			code('T1', 'T', 0, { name: 'shared child' }),
			code('U', null, 2, { name: 'Untouched' })
		];
		const codings = [
			coding('S', 0, 10), // duplicates a target coding: removed
			coding('S', 20, 30), // re-pointed
			coding('S', 0, 10, { coderId: 'c2' }), // other coder: re-pointed
			coding('T', 0, 10),
			coding('S2', 5, 6), // re-pointed to T1
			coding('T1', 5, 6, { docId: 'd2' }),
			coding('U', 0, 10)
		];
		return { codes, codings };
	}

	it('re-points codings, removes exact duplicates and reports both', () => {
		const { codes, codings } = setup();
		const r = must(mergeCodes(codes, codings, 'S', 'T'));
		expect(r).toMatchObject({ repointed: 3, duplicatesRemoved: 1, subcodesMerged: 1 });
		const after = applyAll(codes, codings, r.changes);
		expect(after.codings).toHaveLength(codings.length - 1);
		expect(after.codings.filter((c) => c.codeId === 'T')).toHaveLength(3);
		expect(after.codings.filter((c) => c.codeId === 'T1')).toHaveLength(2);
		expect(after.codings.some((c) => c.codeId === 'S' || c.codeId === 'S2')).toBe(false);
		const removed = r.changes.filter((c) => c.kind === 'coding' && c.after === null);
		expect(removed.map((c) => c.before?.id)).toEqual([codings[0].id]);
	});

	it('moves the children under the target, merging a same-named child, and appends texts', () => {
		const { codes, codings } = setup();
		const after = applyAll(codes, codings, must(mergeCodes(codes, codings, 'S', 'T')).changes).codes;
		expectWellFormed(after);
		expect(after.find((c) => c.id === 'S')).toBeUndefined();
		expect(childrenOf(after, 'T').map((c) => c.name)).toEqual(['shared child', 'Only in source']);
		const target = after.find((c) => c.id === 'T');
		expect(target).toMatchObject({ name: 'Target', definition: 'Target def.\n\nSource def.', example: 'Source example.' });
		expect(after.find((c) => c.id === 'T1')?.include).toBe('from source');
		expect(childrenOf(after, null).map((c) => [c.id, c.order])).toEqual([['T', 0], ['U', 1]]);
	});

	it('is undone exactly by the inverted changes', () => {
		const { codes, codings } = setup();
		const r = must(mergeCodes(codes, codings, 'S', 'T'));
		const merged = applyAll(codes, codings, r.changes);
		const back = applyAll(merged.codes, merged.codings, invertChanges(r.changes));
		expect(byId(back.codes)).toEqual(byId(codes));
		expect(byId(back.codings)).toEqual(byId(codings));
	});

	it('merges a parent into its own descendant without creating a cycle', () => {
		const codes = sample();
		const codings = [coding('A', 0, 1), coding('A1a', 2, 3)];
		const r = must(mergeCodes(codes, codings, 'A', 'A1a'));
		const after = applyAll(codes, codings, r.changes);
		expectWellFormed(after.codes);
		expect(childrenOf(after.codes, null).map((c) => c.id)).toEqual(['A1a', 'B', 'C']);
		expect(subtreeIds(after.codes, 'A1a')).toEqual(['A1a', 'A1', 'A2']);
		expect(after.codings.every((c) => c.codeId === 'A1a')).toBe(true);
	});

	it('rejects merging a code into itself or an unknown code', () => {
		expectFail(mergeCodes(sample(), [], 'A', 'A'), /into itself/);
		expectFail(mergeCodes(sample(), [], 'A', 'gone'), /no longer exists/);
	});
});

describe('deleteCode', () => {
	const codings = () => [coding('A', 0, 1), coding('A1', 0, 1), coding('A1a', 0, 1), coding('A1a', 2, 3), coding('B', 0, 1)];

	it('summarises and deletes a whole subtree with its codings', () => {
		const codes = sample();
		const all = codings();
		const r = must(deleteCode(codes, all, 'A', { withDescendants: true }));
		expect(r.summary).toEqual({ codes: 4, codings: 4 });
		const after = applyAll(codes, all, r.changes);
		expect(after.codes.map((c) => c.id).sort()).toEqual(['B', 'C']);
		expect(after.codings.map((c) => c.codeId)).toEqual(['B']);
		expectWellFormed(after.codes);
	});

	it('without descendants moves the children up into the deleted code’s place', () => {
		const codes = sample();
		const all = codings();
		const r = must(deleteCode(codes, all, 'A', { withDescendants: false }));
		expect(r.summary).toEqual({ codes: 1, codings: 1 });
		const after = applyAll(codes, all, r.changes);
		expectWellFormed(after.codes);
		expect(childrenOf(after.codes, null).map((c) => c.id)).toEqual(['A1', 'A2', 'B', 'C']);
		expect(subtreeIds(after.codes, 'A1')).toEqual(['A1', 'A1a']);
		expect(after.codings).toHaveLength(4);
		const back = applyAll(after.codes, after.codings, invertChanges(r.changes));
		expect(byId(back.codes)).toEqual(byId(codes));
		expect(byId(back.codings)).toEqual(byId(all));
	});

	it('refuses to move a child up next to a same-named code', () => {
		const codes = [...sample(), code('clash', 'A', 2, { name: 'b' })];
		expectFail(deleteCode(codes, [], 'A', { withDescendants: false }), /“b” cannot move up next to the existing “B”/);
		expect(deleteCode(codes, [], 'A', { withDescendants: true }).ok).toBe(true);
	});
});

describe('densifyOrders', () => {
	it('repairs gaps and duplicates in sibling orders', () => {
		const codes = [code('a', null, 5), code('b', null, 5), code('c', null, 9), code('d', 'a', 3)];
		const after = applyChangesToList(codes, densifyOrders(codes), 'code');
		expectWellFormed(after);
		expect(densifyOrders(after)).toEqual([]);
	});
});

describe('random sequences of tree edits', () => {
	it('keep the tree well-formed, and undoing everything restores the start', () => {
		// Small deterministic PRNG (mulberry32) so a failure is reproducible.
		let seed = 7;
		const rand = () => {
			seed = (seed + 0x6d2b79f5) | 0;
			let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
			t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
			return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
		};
		const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
		const start = sample();
		const startCodings = Array.from({ length: 30 }, (_, i) => coding(pick(start).id, i % 7, (i % 7) + 3));
		let codes = start;
		let all = startCodings;
		const done: Change[][] = [];
		const succeeded = [0, 0, 0, 0, 0];
		for (let step = 0; step < 300; step++) {
			const ids = codes.map((c) => c.id);
			let op = Math.floor(rand() * 5);
			if ((op === 2 || op === 3) && codes.length <= 3) op = 4;
			const r =
				op === 0
					? newCode('p1', { name: `n${step}`, parentId: rand() < 0.3 ? null : pick(ids) }, codes, step, `n${step}`)
					: op === 1
						? moveCode(codes, pick(ids), rand() < 0.3 ? null : pick(ids), Math.floor(rand() * 4))
						: op === 2
							? mergeCodes(codes, all, pick(ids), pick(ids))
							: op === 3
								? deleteCode(codes, all, pick(ids), { withDescendants: rand() < 0.5 })
								: renameCode(codes, pick(ids), pick(['x', 'y', 'z']));
			if (!r.ok) continue;
			succeeded[op]++;
			({ codes, codings: all } = applyAll(codes, all, r.changes));
			expectWellFormed(codes);
			done.push(r.changes);
		}
		// Every kind of edit must really have happened, not just been refused.
		for (const n of succeeded) expect(n).toBeGreaterThan(5);
		for (const changes of done.reverse()) ({ codes, codings: all } = applyAll(codes, all, invertChanges(changes)));
		expect(byId(codes)).toEqual(byId(start));
		expect(byId(all)).toEqual(byId(startCodings));
	});
});

describe('inVivoName', () => {
	it('names a code after the selected words, without quotes, end punctuation or line breaks', () => {
		expect(inVivoName('“like a fog in my head.”')).toBe('like a fog in my head');
		expect(inVivoName('  I was,\r\n  so tired…  ')).toBe('I was, so tired');
	});

	it('cuts long selections at a word boundary with an ellipsis', () => {
		const name = inVivoName('I think the thing that helped most was that somebody finally explained what was going on in my body');
		expect(name.length).toBeLessThanOrEqual(61);
		expect(name.endsWith('…')).toBe(true);
		expect(name).toMatch(/^I think the thing that helped most was that somebody\b/);
	});
});
