// Codings painted as inline decorations. The decorations are derived from the codings by the
// pure segmentCodings (one decoration per segment and line, so overlaps show every code); the
// plugin keeps them in its state and takes commands through transaction meta. An update
// recomputes only the overlap cluster around the changed codings, so coding stays instant
// on a long, densely coded transcript. (Timestamps and labels are marks, see schema.ts.)

import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Node } from 'prosemirror-model';
import {
	expandToClusters,
	segmentCodings,
	segmentStyle,
	type OffsetRange,
	type Segment,
	type SpanCoding
} from '../domain/segments';
import type { PositionMap } from './positions';

/** Code id -> CSS colour. */
export type CodeColors = ReadonlyMap<string, string>;

export interface HighlightState {
	decorations: DecorationSet;
	/** The codings currently painted; an update needs the old spans of removed ones. */
	codings: readonly SpanCoding[];
	colors: CodeColors;
	/**
	 * The text range whose highlights are complete. A long transcript is painted around
	 * where the reader looks first and the rest follows in idle slices (`extendHighlights`);
	 * outside this range only highlights from later updates may exist yet.
	 */
	painted: OffsetRange;
}

/** Everything: what a full build paints. */
export const ALL: OffsetRange = { from: 0, to: Number.MAX_SAFE_INTEGER };

export interface CodingUpdate {
	added: readonly SpanCoding[];
	/** Ids of codings that are gone (or whose span changed: remove the old, add the new). */
	removed: readonly string[];
	/** Every coding of the document after the change. */
	all: readonly SpanCoding[];
	/**
	 * The colours after the change, when a code was added (in vivo, new code from the palette).
	 * Only the repainted range uses them: a colour change of an existing code needs `recolor`.
	 */
	colors?: CodeColors;
}

type Meta =
	| { kind: 'set'; codings: readonly SpanCoding[]; colors: CodeColors }
	| { kind: 'extend'; range: OffsetRange }
	| ({ kind: 'update' } & CodingUpdate)
	| { kind: 'recolor'; colors: CodeColors };

export const highlightKey = new PluginKey<HighlightState>('tema-highlights');

const MISSING_COLOR = '#888888';

// One CSS class per combination of colours, with its rule in a shared style sheet, instead
// of an inline style on every highlight: thousands of spans then share a handful of rules,
// which Chromium styles and lays out far faster (and recolouring rewrites rules, not text).
const classByColors = new Map<string, string>();
const ruleByClass = new Map<string, string>();
let styleEl: HTMLStyleElement | null = null;
/** Rules registered since the last flush. */
let pending: string[] = [];

/** The class that paints a segment with these code colours (registered on first use). */
export function highlightClass(colorList: readonly string[]): string {
	const key = colorList.join('|');
	let cls = classByColors.get(key);
	if (cls === undefined) {
		cls = `hlc${classByColors.size}`;
		classByColors.set(key, cls);
		const rule = `.hl.${cls} { ${segmentStyle(colorList)} }`;
		ruleByClass.set(cls, rule);
		pending.push(rule);
	}
	return cls;
}

/**
 * Writes newly registered rules into the page's one highlight style sheet, once per batch of
 * decorations: the first (large) batch as the sheet's text in one go, later ones (a new
 * combination of codes while coding) rule by rule, so the existing rules are not re-parsed.
 */
export function flushHighlightRules(): void {
	if (pending.length === 0 || typeof document === 'undefined') return;
	if (!styleEl) {
		styleEl = document.createElement('style');
		styleEl.dataset.tema = 'highlights';
		styleEl.textContent = pending.join('\n');
		document.head.append(styleEl);
	} else {
		const sheet = styleEl.sheet;
		for (const rule of pending) sheet?.insertRule(rule, sheet.cssRules.length);
	}
	pending = [];
}

/** The CSS rule of a highlight class (for tests and the benchmark). */
export function highlightRule(cls: string): string | undefined {
	return ruleByClass.get(cls);
}

function classFor(codeIds: readonly string[], colors: CodeColors): string {
	return highlightClass(codeIds.map((id) => colors.get(id) ?? MISSING_COLOR));
}

/** Decorations for some segments, split at line boundaries; each carries its segment as spec. */
export function segmentDecorations(
	map: PositionMap,
	segments: readonly Segment[],
	colors: CodeColors
): Decoration[] {
	const out: Decoration[] = [];
	for (const seg of segments) {
		const one = seg.codingIds.length === 1;
		const attrs = {
			class: `hl ${classFor(seg.codeIds, colors)}${seg.orphaned ? ' hl-orphan' : ''}`,
			'data-codings': one ? seg.codingIds[0] : seg.codingIds.join(' '),
			'data-codes': one ? seg.codeIds[0] : seg.codeIds.join(' ')
		};
		// Most segments lie inside one line: map them directly instead of via blockRanges.
		const i = map.blockAt(seg.start);
		if (i >= 0 && seg.end <= map.ends[i]) {
			const base = map.posStarts[i] - map.starts[i];
			out.push(Decoration.inline(base + seg.start, base + seg.end, attrs, seg));
			continue;
		}
		for (const r of map.blockRanges(seg.start, seg.end)) out.push(Decoration.inline(r.from, r.to, attrs, seg));
	}
	flushHighlightRules();
	return out;
}

/** A full build: every segment of every coding. */
export function buildHighlights(
	doc: Node,
	map: PositionMap,
	codings: readonly SpanCoding[],
	colors: CodeColors
): DecorationSet {
	return DecorationSet.create(doc, segmentDecorations(map, segmentCodings(codings), colors));
}

/**
 * Repaints [range) (widened until no coding crosses its edges, so no segment of the old or
 * the new layout crosses them): outside it the decorations stay as they are.
 */
function repaint(
	doc: Node,
	map: PositionMap,
	decorations: DecorationSet,
	codings: readonly SpanCoding[],
	colors: CodeColors,
	want: OffsetRange
): { decorations: DecorationSet; range: OffsetRange } {
	const range = expandToClusters(codings, want);
	const stale = decorations.find(map.toPos(range.from, -1), map.toPos(range.to, 1), (spec) => {
		const s = spec as Segment;
		return s.start >= range.from && s.end <= range.to;
	});
	const fresh = segmentDecorations(map, segmentCodings(codings, range), colors);
	return { decorations: decorations.remove(stale).add(doc, fresh), range };
}

function applyUpdate(doc: Node, map: PositionMap, prev: HighlightState, u: CodingUpdate): HighlightState {
	const removedIds = new Set(u.removed);
	const removedOld = removedIds.size > 0 ? prev.codings.filter((c) => removedIds.has(c.id)) : [];
	let from = Infinity;
	let to = -Infinity;
	for (const c of u.added) {
		if (c.start < from) from = c.start;
		if (c.end > to) to = c.end;
	}
	for (const c of removedOld) {
		if (c.start < from) from = c.start;
		if (c.end > to) to = c.end;
	}
	const colors = u.colors ?? prev.colors;
	if (!(to > from)) return { ...prev, codings: u.all, colors };
	// The span holds every added and removed coding, so repainting it (widened to whole
	// overlap clusters) gives the new layout there and leaves the old one right elsewhere.
	const { decorations } = repaint(doc, map, prev.decorations, u.all, colors, { from, to });
	return { decorations, codings: u.all, colors, painted: prev.painted };
}

/** A first paint of `window` only (widened to whole overlap clusters). */
function paintWindow(doc: Node, map: PositionMap, codings: readonly SpanCoding[], colors: CodeColors, window: OffsetRange): HighlightState {
	if (window.from <= 0 && window.to >= ALL.to) {
		return { decorations: buildHighlights(doc, map, codings, colors), codings, colors, painted: ALL };
	}
	const { decorations, range } = repaint(doc, map, DecorationSet.empty, codings, colors, window);
	return { decorations, codings, colors, painted: range };
}

export interface HighlightOptions {
	map: PositionMap;
	codings?: readonly SpanCoding[];
	colors?: CodeColors;
	/** Paint only this range at first (default: everything); extendHighlights paints the rest. */
	window?: OffsetRange;
}

export function highlightsPlugin(opts: HighlightOptions): Plugin<HighlightState> {
	const { map } = opts;
	return new Plugin<HighlightState>({
		key: highlightKey,
		state: {
			init: (_config, state) => {
				const codings = opts.codings ?? [];
				const colors = opts.colors ?? new Map<string, string>();
				return paintWindow(state.doc, map, codings, colors, opts.window ?? ALL);
			},
			apply(tr, value) {
				// The guard keeps the document fixed; mapping is only a safety net for
				// states built without it (tests, future editing).
				if (tr.docChanged) value = { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) };
				const meta = tr.getMeta(highlightKey) as Meta | undefined;
				if (!meta) return value;
				switch (meta.kind) {
					case 'set':
						return paintWindow(tr.doc, map, meta.codings, meta.colors, value.painted);
					case 'recolor':
						return paintWindow(tr.doc, map, value.codings, meta.colors, value.painted);
					case 'extend': {
						const { decorations, range } = repaint(tr.doc, map, value.decorations, value.codings, value.colors, meta.range);
						const painted = {
							from: Math.min(value.painted.from, range.from),
							to: Math.max(value.painted.to, range.to)
						};
						return { ...value, decorations, painted };
					}
					case 'update':
						return applyUpdate(tr.doc, map, value, meta);
				}
			}
		},
		props: {
			decorations: (state) => highlightKey.getState(state)?.decorations
		}
	});
}

/** Replaces every highlight (on load, or when the coder layer changes). */
export function setCodings(
	state: EditorState,
	codings: readonly SpanCoding[],
	colors: CodeColors
): Transaction {
	return state.tr.setMeta(highlightKey, { kind: 'set', codings, colors } satisfies Meta);
}

/**
 * Paints the highlights of one more range, next to the painted one (the view calls this in
 * idle slices after a windowed first paint).
 */
export function extendHighlights(state: EditorState, range: OffsetRange): Transaction {
	return state.tr.setMeta(highlightKey, { kind: 'extend', range } satisfies Meta).setMeta('addToHistory', false);
}

/** Applies a small change (apply a code, undo, delete a coding) by rebuilding only its cluster. */
export function updateCodings(state: EditorState, update: CodingUpdate): Transaction {
	return state.tr.setMeta(highlightKey, { kind: 'update', ...update } satisfies Meta);
}

/** New code colours for the same codings. */
export function recolor(state: EditorState, colors: CodeColors): Transaction {
	return state.tr.setMeta(highlightKey, { kind: 'recolor', colors } satisfies Meta);
}

/**
 * Ids of the codings at a position: those covering the character after it, or, when there
 * are none (the caret sits just past a highlight), the character before it.
 */
export function codingIdsAt(state: EditorState, pos: number): string[] {
	const set = highlightKey.getState(state)?.decorations;
	if (!set) return [];
	const found = set.find(pos, pos);
	const after = found.find((d) => d.from <= pos && pos < d.to);
	const hit = after ?? found.find((d) => d.to === pos && d.from < pos);
	return hit ? [...(hit.spec as Segment).codingIds] : [];
}
