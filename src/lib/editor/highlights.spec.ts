import { describe, expect, it } from 'vitest';
import { EditorState, TextSelection, type Plugin } from 'prosemirror-state';
import type { Decoration } from 'prosemirror-view';
import { segmentCodings, type Segment, type SpanCoding } from '../domain/segments';
import { parseTurns } from '../domain/turns';
import { readOnlyGuard } from './guard';
import {
	codingIdsAt,
	extendHighlights,
	highlightKey,
	highlightRule,
	highlightsPlugin,
	recolor,
	setCodings,
	updateCodings
} from './highlights';
import { codingKeymap, type CodingHandlers } from './keymap';
import { buildDoc } from './schema';
import { goldSpans, mulberry32, sampleTranscript } from '../../../tests/shared';

const P01 = sampleTranscript('P01');
const GOLD: SpanCoding[] = goldSpans('P01');

function colorsFor(codings: readonly SpanCoding[]): Map<string, string> {
	const palette = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#46f0f0', '#f032e6'];
	const colors = new Map<string, string>();
	for (const c of codings) if (!colors.has(c.codeId)) colors.set(c.codeId, palette[colors.size % palette.length]);
	return colors;
}

function setup(text: string, codings: readonly SpanCoding[], colors = colorsFor(codings)) {
	const turns = parseTurns(text);
	const { doc, map } = buildDoc(text, turns);
	const state = EditorState.create({
		doc,
		plugins: [readOnlyGuard(), highlightsPlugin({ map, codings, colors })]
	});
	return { state, map, doc, turns };
}

// The attributes live on the decoration's (internal) type; reading them is the only way to
// check the rendered class and style without a DOM.
function attrsOf(d: Decoration): Record<string, string> {
	return (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs;
}

function dump(state: EditorState): string[] {
	const set = highlightKey.getState(state)!.decorations;
	return set
		.find()
		.map((d) => {
			const a = attrsOf(d);
			return `${d.from}-${d.to} ${a.class} [${a['data-codings']}] [${a['data-codes']}] ${a.style}`;
		})
		.sort();
}

describe('highlights plugin', () => {
	it('paints one decoration per segment and line, over exactly the segment text', () => {
		const { state, map, doc } = setup(P01, GOLD);
		const segments = segmentCodings(GOLD);
		const decos = highlightKey.getState(state)!.decorations.find();
		const expected = segments.flatMap((s) => map.blockRanges(s.start, s.end).map((r) => ({ ...r, s })));
		expect(decos.length).toBe(expected.length);
		const sorted = [...decos].sort((a, b) => a.from - b.from);
		sorted.forEach((d, i) => {
			const e = expected[i];
			expect([d.from, d.to]).toEqual([e.from, e.to]);
			expect(d.spec as Segment).toEqual(e.s);
			const a = attrsOf(d);
			expect(a.class).toMatch(/^hl hlc\d+$/);
			expect(a['data-codings']).toBe(e.s.codingIds.join(' '));
			expect(a['data-codes']).toBe(e.s.codeIds.join(' '));
			expect(highlightRule(a.class.split(' ')[1])).toContain('linear-gradient');
			// Inside one line a decoration covers exactly the characters of its segment.
			const textStart = map.toOffset(d.from);
			expect(doc.textBetween(d.from, d.to)).toBe(P01.slice(textStart, textStart + d.to - d.from));
		});
		expect(segments.some((s) => s.codingIds.length > 1)).toBe(true);
	});

	it('splits a coding that spans several lines into one decoration per line', () => {
		const text = 'P01: first line\r\nsecond line\r\n\r\nInterviewer: third';
		const coding = { id: 'x', codeId: 'c', start: 5, end: text.indexOf('third') + 2 };
		const { state } = setup(text, [coding]);
		const decos = highlightKey.getState(state)!.decorations.find();
		expect(decos.map((d) => state.doc.textBetween(d.from, d.to))).toEqual([
			'first line',
			'second line',
			'Interviewer: th'
		]);
	});

	it('gives the same decorations incrementally as a full rebuild (random add/remove)', () => {
		const rand = mulberry32(20241122);
		const colors = colorsFor([
			...GOLD,
			...['r0', 'r1', 'r2', 'r3'].map((codeId) => ({ id: '', codeId, start: 0, end: 0 }))
		]);
		let all: SpanCoding[] = GOLD.slice(0, 60);
		let { state } = setup(P01, all, colors);
		let next = 0;
		for (let step = 0; step < 150; step++) {
			const added: SpanCoding[] = [];
			const removed: string[] = [];
			const op = rand();
			if (op < 0.45 || all.length < 5) {
				const n = 1 + Math.floor(rand() * 3);
				for (let i = 0; i < n; i++) {
					const start = Math.floor(rand() * P01.length);
					// Mostly short spans, sometimes long ones that cross lines and overlap a lot.
					const len = rand() < 0.8 ? 1 + Math.floor(rand() * 200) : 500 + Math.floor(rand() * 3000);
					added.push({ id: `n${next++}`, codeId: `r${Math.floor(rand() * 4)}`, start, end: Math.min(P01.length, start + len) });
				}
			} else if (op < 0.8) {
				const n = 1 + Math.floor(rand() * 2);
				for (let i = 0; i < n && all.length > 0; i++) {
					const victim = all[Math.floor(rand() * all.length)];
					if (!removed.includes(victim.id)) removed.push(victim.id);
				}
			} else {
				// Resize: the same id removed with its old span and added with a new one.
				const victim = all[Math.floor(rand() * all.length)];
				removed.push(victim.id);
				added.push({ ...victim, end: Math.min(P01.length, victim.end + 40), start: Math.max(0, victim.start - 15) });
			}
			const gone = new Set(removed);
			all = [...all.filter((c) => !gone.has(c.id)), ...added];
			state = state.apply(updateCodings(state, { added, removed, all }));
			const full = state.apply(setCodings(state, all, colors));
			expect(dump(state), `step ${step}`).toEqual(dump(full));
		}
		expect(all.length).toBeGreaterThan(60);
	});

	it('paints a window first and the rest in slices, ending exactly as a full build, updates included', () => {
		const colors = colorsFor([...GOLD, { id: '', codeId: 'late', start: 0, end: 0 }]);
		const turns = parseTurns(P01);
		const { doc, map } = buildDoc(P01, turns);
		const mid = Math.floor(P01.length / 2);
		let state = EditorState.create({
			doc,
			plugins: [highlightsPlugin({ map, codings: GOLD, colors, window: { from: mid - 2000, to: mid + 4000 } })]
		});
		const first = highlightKey.getState(state)!;
		expect(first.painted.from).toBeLessThanOrEqual(mid - 2000);
		expect(first.painted.to).toBeGreaterThanOrEqual(mid + 4000);
		expect(first.decorations.find().length).toBeLessThan(highlightKey.getState(setup(P01, GOLD, colors).state)!.decorations.find().length);
		// A coding applied far outside the painted window, before the slices reach it.
		let all = [...GOLD, { id: 'late1', codeId: 'late', start: 10, end: 400 }];
		state = state.apply(updateCodings(state, { added: [all.at(-1)!], removed: [], all }));
		all = all.filter((c) => c.id !== GOLD[3].id);
		state = state.apply(updateCodings(state, { added: [], removed: [GOLD[3].id], all }));
		for (let guard = 0; guard < 100; guard++) {
			const { painted } = highlightKey.getState(state)!;
			const next =
				painted.to < P01.length
					? { from: painted.to, to: painted.to + 3000 }
					: painted.from > 0
						? { from: Math.max(0, painted.from - 3000), to: painted.from }
						: null;
			if (!next) break;
			state = state.apply(extendHighlights(state, next));
		}
		const { painted } = highlightKey.getState(state)!;
		expect(painted.from).toBe(0);
		expect(painted.to).toBeGreaterThanOrEqual(P01.length);
		expect(dump(state)).toEqual(dump(setup(P01, all, colors).state));
	});

	it('applies codings one by one among 3,000 on a 300,000-character transcript exactly as a full rebuild', () => {
		let text = '';
		while (text.length < 300_000) text += P01;
		const rand = mulberry32(3000);
		const codings: SpanCoding[] = [];
		for (let i = 0; i < 3000; i++) {
			const start = Math.floor(rand() * (text.length - 400));
			codings.push({ id: `k${i}`, codeId: `c${i % 30}`, start, end: start + 20 + Math.floor(rand() * 300) });
		}
		const colors = colorsFor(codings);
		let { state } = setup(text, codings, colors);
		let all = codings;
		for (let i = 0; i < 5; i++) {
			const start = Math.floor(rand() * (text.length - 400));
			const added = [{ id: `new${i}`, codeId: 'c1', start, end: start + 120 }];
			all = [...all, ...added];
			state = state.apply(updateCodings(state, { added, removed: [], all }));
		}
		expect(dump(state)).toEqual(dump(state.apply(setCodings(state, all, colors))));
	});

	it('adds hl-orphan to the pieces of an orphaned coding', () => {
		const text = 'P01: aaaa bbbb cccc';
		const { state } = setup(text, [
			{ id: 'one', codeId: 'x', start: 5, end: 14 },
			{ id: 'lost', codeId: 'y', start: 10, end: 19, orphaned: true }
		]);
		const classes = highlightKey
			.getState(state)!
			.decorations.find()
			.sort((a, b) => a.from - b.from)
			.map((d) => attrsOf(d).class.replace(/ hlc\d+/, ''));
		expect(classes).toEqual(['hl', 'hl hl-orphan', 'hl hl-orphan']);
	});

	it('recolours every decoration', () => {
		const { state } = setup(P01, GOLD);
		const grey = new Map([...colorsFor(GOLD).keys()].map((k) => [k, '#777777']));
		const next = state.apply(recolor(state, grey));
		const rules = highlightKey
			.getState(next)!
			.decorations.find()
			.map((d) => highlightRule(attrsOf(d).class.split(' ')[1]) ?? '');
		expect(rules.every((r) => r.includes('linear-gradient(#565656, #565656)'))).toBe(true);
	});

	it('reports the codings at a position, preferring the character after it', () => {
		const text = 'P01: aaaa bbbb cccc';
		const { state, map } = setup(text, [
			{ id: 'one', codeId: 'x', start: 5, end: 14 },
			{ id: 'two', codeId: 'y', start: 10, end: 19 }
		]);
		expect(codingIdsAt(state, map.toPos(4))).toEqual([]);
		expect(codingIdsAt(state, map.toPos(5))).toEqual(['one']);
		expect(codingIdsAt(state, map.toPos(10))).toEqual(['one', 'two']);
		expect(codingIdsAt(state, map.toPos(14))).toEqual(['two']);
		// At the very end only the character before the caret is coded.
		expect(codingIdsAt(state, map.toPos(19))).toEqual(['two']);
	});

	it('marks the timestamp and the speaker label of every turn in the document', () => {
		const { state, turns } = setup(P01, []);
		const marked = (name: string) => {
			const out: string[] = [];
			state.doc.descendants((node) => {
				if (node.isText && node.marks.some((m) => m.type.name === name)) out.push(node.text!);
			});
			return out;
		};
		const labels = marked('speaker');
		const stamps = marked('timestamp');
		expect(labels.length).toBe(turns.length);
		expect(stamps.length).toBe(turns.filter((t) => t.timestamp).length);
		expect(labels[0]).toBe('Interviewer:');
		expect(stamps[0]).toBe('[00:00:01]');
		// Marks add no positions: every turn still maps 1:1 onto its text.
		expect(state.doc.textContent.length).toBe(P01.split(/\r?\n/).filter((l) => /\S/.test(l)).join('').length);
	});
});

describe('read-only guard', () => {
	it('rejects every document change but lets the selection move', () => {
		const { state } = setup(P01, GOLD);
		const typed = state.apply(state.tr.insertText('x', 5));
		expect(typed.doc.eq(state.doc)).toBe(true);
		const deleted = state.apply(state.tr.delete(3, 40));
		expect(deleted.doc).toBe(state.doc);
		const selected = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 3, 40)));
		expect(selected.selection.from).toBe(3);
		expect(selected.selection.to).toBe(40);
	});

	it('swallows editing keys, paste, drop and typing', () => {
		const guard = readOnlyGuard();
		const props = guard.props as Required<Plugin['props']>;
		const call = <A extends unknown[]>(f: unknown, ...args: A) => (f as (...a: A) => unknown).apply(guard, args);
		for (const key of ['Enter', 'Backspace', 'Delete']) expect(call(props.handleKeyDown, null, { key })).toBe(true);
		expect(call(props.handleKeyDown, null, { key: 'ArrowLeft' })).toBe(false);
		expect(call(props.handlePaste)).toBe(true);
		expect(call(props.handleDrop)).toBe(true);
		expect(call(props.handleTextInput)).toBe(true);
		let prevented = 0;
		const event = { preventDefault: () => prevented++ };
		const dom = props.handleDOMEvents as Record<string, unknown>;
		expect(call(dom.beforeinput, null, event)).toBe(true);
		expect(call(dom.cut, null, event)).toBe(true);
		expect(dom.copy).toBeUndefined();
		expect(prevented).toBe(2);
	});
});

describe('coding keymap', () => {
	function keyTester(selectionEmpty: boolean) {
		const calls: string[] = [];
		const handlers: CodingHandlers = {
			applyRecent: (n) => (calls.push(`recent ${n}`), true),
			openPalette: () => (calls.push('palette'), true),
			inVivo: () => (calls.push('vivo'), true),
			undo: () => (calls.push('undo'), true),
			redo: () => (calls.push('redo'), true)
		};
		const plugin = codingKeymap(handlers);
		const { state: base } = setup('P01: some words here', []);
		const state = selectionEmpty
			? base
			: base.apply(base.tr.setSelection(TextSelection.create(base.doc, 6, 10)));
		const view = { state, dispatch: () => {} };
		const press = (key: string, mods: { ctrlKey?: boolean; shiftKey?: boolean; metaKey?: boolean } = {}) => {
			const event = { key, keyCode: 0, ctrlKey: false, shiftKey: false, metaKey: false, altKey: false, ...mods };
			return (plugin.props.handleKeyDown as (v: unknown, e: unknown) => boolean).call(plugin, view, event);
		};
		return { calls, press };
	}

	it('acts on digits, c, / and v only with a selection', () => {
		const on = keyTester(false);
		expect(on.press('3')).toBe(true);
		expect(on.press('c')).toBe(true);
		expect(on.press('/')).toBe(true);
		expect(on.press('v')).toBe(true);
		expect(on.press('x')).toBe(false);
		expect(on.calls).toEqual(['recent 3', 'palette', 'palette', 'vivo']);

		const off = keyTester(true);
		for (const key of ['1', '9', 'c', '/', 'v']) expect(off.press(key)).toBe(false);
		expect(off.calls).toEqual([]);
	});

	it('always handles undo and redo', () => {
		const k = keyTester(true);
		const mod = process.platform === 'darwin' ? { metaKey: true } : { ctrlKey: true };
		expect(k.press('z', mod)).toBe(true);
		expect(k.press('Z', { ...mod, shiftKey: true })).toBe(true);
		expect(k.press('y', mod)).toBe(true);
		expect(k.calls).toEqual(['undo', 'redo', 'redo']);
	});
});
