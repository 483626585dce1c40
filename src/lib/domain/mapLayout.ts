// The thematic map's layout: themes, sub-themes and their codes as a two-sided mind map.
// The project sits in the centre; top-level themes form the first column on either side
// (balanced by height), sub-themes the next, codes the outermost. Every subtree owns a
// horizontal band and every depth owns a column, so nodes never overlap. Pure and
// deterministic: text widths are estimated from a fixed table of character widths (no DOM),
// so the same rows always give the same picture, on screen and in the exported SVG.

import { childThemes } from './themes';
import type { Code, Id, Theme } from './types';

export type MapNodeKind = 'root' | 'main' | 'theme' | 'code';
export type MapSide = -1 | 0 | 1;

export interface MapNode {
	/** Unique on the map: "root", "theme:<id>" or "code:<themeId>:<codeId>". */
	key: string;
	kind: MapNodeKind;
	/** The theme itself (main/theme) or the theme a code node sits under. */
	themeId: Id | null;
	codeId: Id | null;
	parentKey: string | null;
	/** 0 root, 1 top-level theme, 2 sub-theme or code of a top-level theme, 3 code of a sub-theme. */
	depth: number;
	/** -1 left of the centre, 1 right, 0 the centre itself. */
	side: MapSide;
	/** Top-left corner and size, in map units (px at zoom 1). */
	x: number;
	y: number;
	w: number;
	h: number;
	/** The full name and the name wrapped onto at most three lines. */
	label: string;
	lines: string[];
	/** Theme colour, code colour, or the accent for the centre. */
	color: string;
	discarded: boolean;
	/** A small second line: "also in …" for a code in several themes, a count for a folded theme. */
	meta: string | null;
	/** Codes: number of extracts (with sub-codes), when counts were given. */
	count: number | null;
	/** Codes: names of the other themes on the map that hold the same code. */
	alsoIn: string[];
	/** Themes: member codes and sub-themes shown. */
	codeCount: number;
	childCount: number;
}

export interface MapEdge {
	key: string;
	from: string;
	to: string;
	color: string;
	width: number;
	opacity: number;
	/** SVG path data, a horizontal S-curve from the parent to the child. */
	d: string;
}

export interface MapLayout {
	nodes: MapNode[];
	edges: MapEdge[];
	/** The box around every node. */
	bounds: { x: number; y: number; w: number; h: number };
}

export interface MapInput {
	/** What the centre says: the project's name (or "Themes"). */
	title: string;
	themes: readonly Theme[];
	codes: readonly Code[];
	/** Extracts per code (with its sub-codes), e.g. ProjectState.counts.subtree. */
	counts?: ReadonlyMap<Id, { extracts: number; participants?: number }>;
	/** Show codes as leaves (default true). */
	showCodes?: boolean;
	/** Show discarded themes (default false). */
	showDiscarded?: boolean;
}

// ---- look -----------------------------------------------------------------------------------

/** System fonts only: nothing is fetched, and an exported SVG renders the same anywhere. */
export const MAP_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif";
export const MAP_INK = '#1f2328';
export const MAP_MUTED = '#5b6470';
export const MAP_CENTRE = '#2f5d62';
export const MAP_BACKGROUND = '#ffffff';

interface KindSpec {
	size: number;
	weight: number;
	/** Widest line (px) for a label on one line, on two, on three (beyond that it is cut). */
	wrap: number;
	wrap2: number;
	wrap3: number;
	padX: number;
	padY: number;
	minW: number;
	lineHeight: number;
}

const SPEC: Record<MapNodeKind | 'top', KindSpec> = {
	root: { size: 16, weight: 700, wrap: 170, wrap2: 180, wrap3: 200, padX: 18, padY: 13, minW: 130, lineHeight: 21 },
	main: { size: 14.5, weight: 700, wrap: 185, wrap2: 190, wrap3: 205, padX: 15, padY: 11, minW: 120, lineHeight: 19 },
	/** A top-level theme without sub-themes: outlined like a theme, lettered like a main theme. */
	top: { size: 14.5, weight: 700, wrap: 185, wrap2: 190, wrap3: 205, padX: 14, padY: 10, minW: 110, lineHeight: 19 },
	theme: { size: 13.5, weight: 600, wrap: 185, wrap2: 185, wrap3: 205, padX: 12, padY: 8, minW: 96, lineHeight: 18 },
	code: { size: 12.5, weight: 400, wrap: 165, wrap2: 165, wrap3: 185, padX: 10, padY: 5, minW: 60, lineHeight: 15.5 }
};
const META_SIZE = 11;
const META_LINE = 14;
/** Codes: the colour dot's radius and where the text starts after it. */
const DOT_R = 4.5;
const CODE_TEXT_X = 23;
const COUNT_GAP = 9;

/** Horizontal gap between the centre and the first column, and between columns. */
const ROOT_GAP = 46;
const COLUMN_GAP = [0, 40, 30];
/** Vertical gaps between neighbouring subtrees: top-level, under a main theme, between codes. */
const GAP_TOP = 30;
const GAP_SUB = 14;
const GAP_CODE = 5;

/**
 * Advance widths (em) close to DejaVu Sans, the widest common system font: an estimate that
 * errs wide on Segoe UI, San Francisco or Roboto, so labels always fit their boxes.
 */
const LOWER: Record<string, number> = {
	a: 0.613, b: 0.635, c: 0.55, d: 0.635, e: 0.615, f: 0.352, g: 0.635, h: 0.634, i: 0.278, j: 0.278,
	k: 0.579, l: 0.278, m: 0.974, n: 0.634, o: 0.612, p: 0.635, q: 0.635, r: 0.411, s: 0.521, t: 0.392,
	u: 0.634, v: 0.592, w: 0.818, x: 0.592, y: 0.592, z: 0.525
};
const NARROW = new Set([' ', '.', ',', ':', ';', "'", '’', '‘', '!', '|', 'I', 'i', 'l', 'j']);

function charWidth(ch: string): number {
	const w = LOWER[ch];
	if (w !== undefined) return w;
	if (NARROW.has(ch)) return ch === ' ' ? 0.318 : 0.3;
	if (ch === 'M' || ch === 'W' || ch === 'm' || ch === '—' || ch === '…' || ch === '@' || ch === '%') return 0.98;
	if (/[A-Z]/.test(ch)) return 0.72;
	if (/[0-9]/.test(ch)) return 0.636;
	if (/[()[\]{}\-–/\\"“”]/.test(ch)) return 0.42;
	// Accented letters, other scripts and symbols: as wide as a capital.
	return 0.72;
}

/** Estimated width in px of `text` at `size` px (bold runs about 8 % wider). */
export function textWidth(text: string, size: number, weight = 400): number {
	let em = 0;
	for (const ch of text) em += charWidth(ch);
	return em * size * (weight >= 600 ? 1.08 : 1);
}

/**
 * Wraps `text` greedily onto lines no wider than `maxWidth` (estimated); at most `maxLines`,
 * the last one ending in "…" when the rest does not fit. Words wider than a line are broken.
 */
export function wrapLabel(text: string, maxWidth: number, size: number, weight = 400, maxLines = 3): string[] {
	const words = text.trim().split(/\s+/).filter(Boolean);
	if (words.length === 0) return [''];
	const fits = (s: string) => textWidth(s, size, weight) <= maxWidth;
	const pieces: string[] = [];
	for (const w of words) {
		if (fits(w)) {
			pieces.push(w);
			continue;
		}
		let part = '';
		for (const ch of w) {
			if (part && !fits(part + ch)) {
				pieces.push(part);
				part = '';
			}
			part += ch;
		}
		if (part) pieces.push(part);
	}
	const lines: string[] = [];
	let cur = '';
	for (const p of pieces) {
		const next = cur ? `${cur} ${p}` : p;
		if (cur && !fits(next)) {
			lines.push(cur);
			cur = p;
		} else cur = next;
	}
	if (cur) lines.push(cur);
	if (lines.length <= maxLines) return lines;
	const kept = lines.slice(0, maxLines);
	let last = `${kept[maxLines - 1]} ${lines.slice(maxLines).join(' ')}`;
	while (last.length > 1 && !fits(`${last}…`)) last = last.slice(0, -1);
	kept[maxLines - 1] = `${last.trimEnd()}…`;
	return kept;
}

/**
 * Wraps a label on as few lines as the kind allows (one line up to `wrap` px wide, two up to
 * `wrap2`, three up to `wrap3`, else cut), then narrows it as far as it keeps that many lines,
 * so the lines come out even ("Feeling ready / to return", not "Feeling ready to / return").
 */
function fitLabel(text: string, s: KindSpec): string[] {
	const at = (w: number) => wrapLabel(text, w, s.size, s.weight);
	const whole = (lines: string[]) => !lines[lines.length - 1].endsWith('…') || text.trim().endsWith('…');
	const limits = [s.wrap, s.wrap2, s.wrap3];
	for (let i = 0; i < 3; i++) {
		let out = at(limits[i]);
		if (out.length > i + 1 || !whole(out)) continue;
		if (out.length === 1) return out;
		for (let w = limits[i] - 4; w > 40; w -= 4) {
			const narrower = at(w);
			if (narrower.length !== out.length || !whole(narrower)) break;
			out = narrower;
		}
		return out;
	}
	return at(s.wrap3);
}

// ---- colours ----------------------------------------------------------------------------------

function rgb(hex: string): [number, number, number] {
	const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
	const n = m ? parseInt(m[1], 16) : 0x888888;
	return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function luminance(hex: string): number {
	const [r, g, b] = rgb(hex).map((v) => {
		const c = v / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours (1–21). */
export function contrastRatio(a: string, b: string): number {
	const la = luminance(a);
	const lb = luminance(b);
	return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** White when it reads at 4.5:1 or better on `fill`, else ink, else whichever of white and black reads best. */
export function textColorOn(fill: string): string {
	if (contrastRatio('#ffffff', fill) >= 4.5) return '#ffffff';
	if (contrastRatio(MAP_INK, fill) >= 4.5) return MAP_INK;
	return contrastRatio('#ffffff', fill) >= contrastRatio('#000000', fill) ? '#ffffff' : '#000000';
}

/** `hex` mixed with white: amount 0 is white, 1 the colour itself. */
export function tint(hex: string, amount: number): string {
	const out = rgb(hex).map((v) => Math.round(255 + (v - 255) * amount));
	return `#${out.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

// ---- drawing instructions shared by the screen and the SVG export ----------------------------

export interface NodeStyle {
	fill: string;
	stroke: string;
	strokeWidth: number;
	/** SVG stroke-dasharray, or null for a solid outline. */
	dash: string | null;
	rx: number;
	opacity: number;
}

export interface TextRun {
	text: string;
	x: number;
	y: number;
	size: number;
	weight: number;
	fill: string;
	anchor: 'start' | 'middle' | 'end';
	italic: boolean;
}

/** Top-level theme without sub-themes? (drawn outlined but lettered like a main theme) */
const isTop = (n: MapNode) => n.kind === 'theme' && n.depth === 1;
const specOf = (n: Pick<MapNode, 'kind' | 'depth'>) => (n.kind === 'theme' && n.depth === 1 ? SPEC.top : SPEC[n.kind]);

export function nodeStyle(n: MapNode): NodeStyle {
	if (n.kind === 'root') return { fill: MAP_CENTRE, stroke: MAP_CENTRE, strokeWidth: 0, dash: null, rx: 16, opacity: 1 };
	if (n.kind === 'code')
		return { fill: '#ffffff', stroke: '#cbc6bb', strokeWidth: 1, dash: null, rx: Math.min(n.h / 2, 12), opacity: n.discarded ? 0.75 : 1 };
	if (n.discarded)
		return { fill: '#f1f0ec', stroke: '#8b9097', strokeWidth: 1.5, dash: '5 4', rx: n.kind === 'main' ? 12 : 10, opacity: 1 };
	if (n.kind === 'main') return { fill: n.color, stroke: n.color, strokeWidth: 0, dash: null, rx: 12, opacity: 1 };
	return { fill: tint(n.color, 0.09), stroke: n.color, strokeWidth: isTop(n) ? 2.5 : 2, dash: null, rx: 10, opacity: 1 };
}

/** The label, meta line and (codes) count of a node, positioned in map units. */
export function nodeText(n: MapNode): TextRun[] {
	const s = specOf(n);
	const style = nodeStyle(n);
	const runs: TextRun[] = [];
	const ink = n.discarded ? MAP_MUTED : n.kind === 'root' || n.kind === 'main' ? textColorOn(style.fill) : MAP_INK;
	const code = n.kind === 'code';
	const x = code ? n.x + CODE_TEXT_X : n.x + n.w / 2;
	const anchor = code ? 'start' : 'middle';
	n.lines.forEach((text, i) => {
		runs.push({ text, x, y: n.y + s.padY + i * s.lineHeight + s.lineHeight / 2 + s.size * 0.35, size: s.size, weight: s.weight, fill: ink, anchor, italic: false });
	});
	if (n.meta) {
		const metaFill = n.kind === 'main' && !n.discarded ? ink : MAP_MUTED;
		runs.push({
			text: n.meta,
			x,
			y: n.y + s.padY + n.lines.length * s.lineHeight + META_LINE / 2 + META_SIZE * 0.35,
			size: META_SIZE,
			weight: 400,
			fill: metaFill,
			anchor,
			italic: true
		});
	}
	if (code && n.count !== null) {
		runs.push({
			text: String(n.count),
			x: n.x + n.w - s.padX,
			y: n.y + s.padY + s.lineHeight / 2 + 11 * 0.35,
			size: 11,
			weight: 400,
			fill: MAP_MUTED,
			anchor: 'end',
			italic: false
		});
	}
	return runs;
}

/** The colour dot of a code node (centre and radius), or null for other nodes. */
export function codeDot(n: MapNode): { cx: number; cy: number; r: number } | null {
	if (n.kind !== 'code') return null;
	return { cx: n.x + SPEC.code.padX + DOT_R, cy: n.y + SPEC.code.padY + SPEC.code.lineHeight / 2, r: DOT_R };
}

// ---- building the tree ------------------------------------------------------------------------

interface Branch {
	node: MapNode;
	children: Branch[];
	/** Height of the band the subtree needs. */
	span: number;
}

function sized(n: Omit<MapNode, 'w' | 'h' | 'lines' | 'x' | 'y'>): MapNode {
	const node = { ...n, x: 0, y: 0, w: 0, h: 0, lines: [] as string[] };
	const s = specOf(node);
	if (n.kind === 'code') {
		const countW = n.count !== null ? COUNT_GAP + textWidth(String(n.count), 11) : 0;
		node.lines = fitLabel(n.label, s);
		const textW = Math.max(...node.lines.map((l) => textWidth(l, s.size, s.weight)), n.meta ? textWidth(n.meta, META_SIZE) * 1.04 : 0);
		node.w = Math.ceil(Math.max(s.minW, CODE_TEXT_X + textW + countW + s.padX));
	} else {
		node.lines = fitLabel(n.label, s);
		const textW = Math.max(...node.lines.map((l) => textWidth(l, s.size, s.weight)), n.meta ? textWidth(n.meta, META_SIZE) * 1.04 : 0);
		node.w = Math.ceil(Math.max(s.minW, textW + 2 * s.padX));
	}
	node.h = Math.ceil(2 * s.padY + node.lines.length * s.lineHeight + (n.meta ? META_LINE : 0));
	return node;
}

function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "also in A", "also in A and B", "also in A, B and 2 more" (kept short for the node). */
function alsoInText(names: string[]): string {
	const short = (s: string) => (s.length > 26 ? `${s.slice(0, 25).trimEnd()}…` : s);
	if (names.length === 1) return `also in ${short(names[0])}`;
	if (names.length === 2) return `also in ${short(names[0])} and ${short(names[1])}`;
	return `also in ${short(names[0])} and ${names.length - 1} more`;
}

/** Which themes are drawn: not discarded, unless asked, or a discarded main theme that still holds kept sub-themes. */
export function visibleThemes(themes: readonly Theme[], showDiscarded = false): Theme[] {
	if (showDiscarded) return [...themes];
	return themes.filter(
		(t) => t.status !== 'discarded' || (t.parentId === null && themes.some((c) => c.parentId === t.id && c.status !== 'discarded'))
	);
}

function buildBranches(input: MapInput): { root: MapNode; top: Branch[] } {
	const showCodes = input.showCodes ?? true;
	const shown = visibleThemes(input.themes, input.showDiscarded);
	const shownIds = new Set(shown.map((t) => t.id));
	const codeById = new Map(input.codes.map((c) => [c.id, c]));
	// Top level: real top-level themes, and any sub-theme whose main theme is missing.
	const top = [
		...childThemes(shown, null),
		...shown.filter((t) => t.parentId !== null && !shownIds.has(t.parentId) && !input.themes.some((p) => p.id === t.parentId))
	];
	const holders = new Map<Id, Theme[]>();
	const ordered: Theme[] = [];
	for (const t of top) ordered.push(t, ...childThemes(shown, t.id));
	for (const t of ordered)
		for (const id of new Set(t.codeIds)) if (codeById.has(id)) holders.set(id, [...(holders.get(id) ?? []), t]);

	const root: MapNode = sized({
		key: 'root',
		kind: 'root',
		themeId: null,
		codeId: null,
		parentKey: null,
		depth: 0,
		side: 0,
		label: input.title.trim() || 'Themes',
		color: MAP_CENTRE,
		discarded: false,
		meta: null,
		count: null,
		alsoIn: [],
		codeCount: 0,
		childCount: top.length
	});

	const codeBranches = (t: Theme, depth: number, discarded: boolean): Branch[] => {
		if (!showCodes) return [];
		return [...new Set(t.codeIds)]
			.map((id) => codeById.get(id))
			.filter((c): c is Code => !!c)
			.map((c) => {
				const others = (holders.get(c.id) ?? []).filter((o) => o.id !== t.id).map((o) => o.name);
				const node = sized({
					key: `code:${t.id}:${c.id}`,
					kind: 'code',
					themeId: t.id,
					codeId: c.id,
					parentKey: `theme:${t.id}`,
					depth,
					side: 0,
					label: c.name,
					color: c.color,
					discarded,
					meta: others.length ? alsoInText(others) : null,
					count: input.counts ? (input.counts.get(c.id)?.extracts ?? 0) : null,
					alsoIn: others,
					codeCount: 0,
					childCount: 0
				});
				return { node, children: [], span: node.h };
			});
	};

	const themeNode = (t: Theme, depth: number, kind: 'main' | 'theme', parentKey: string, subs: number): MapNode => {
		const codeCount = new Set(t.codeIds.filter((id) => codeById.has(id))).size;
		const discarded = t.status === 'discarded';
		const bits: string[] = [];
		if (discarded) bits.push('discarded');
		if (!showCodes && codeCount > 0) bits.push(plural(codeCount, 'code'));
		return sized({
			key: `theme:${t.id}`,
			kind,
			themeId: t.id,
			codeId: null,
			parentKey,
			depth,
			side: 0,
			label: t.name,
			color: t.color,
			discarded,
			meta: bits.length ? bits.join(' · ') : null,
			count: null,
			alsoIn: [],
			codeCount,
			childCount: subs
		});
	};

	const branches = top.map((t): Branch => {
		const subs = childThemes(shown, t.id);
		const node = themeNode(t, 1, subs.length > 0 ? 'main' : 'theme', 'root', subs.length);
		const children: Branch[] = subs.map((s) => {
			const sn = themeNode(s, 2, 'theme', node.key, 0);
			return { node: sn, children: codeBranches(s, 3, sn.discarded || node.discarded), span: 0 };
		});
		children.push(...codeBranches(t, 2, node.discarded));
		return { node, children, span: 0 };
	});
	return { root, top: branches };
}

function gapBetween(a: Branch, b: Branch, parent: MapNode): number {
	if (parent.kind === 'root') return GAP_TOP;
	return a.node.kind === 'code' && b.node.kind === 'code' ? GAP_CODE : GAP_SUB;
}

function measure(b: Branch): number {
	let sum = 0;
	b.children.forEach((c, i) => {
		sum += measure(c) + (i > 0 ? gapBetween(b.children[i - 1], c, b.node) : 0);
	});
	b.span = Math.max(b.node.h, sum);
	return b.span;
}

/** Places a subtree in the band starting at `top`; returns the node's centre y. */
function placeY(b: Branch, top: number): number {
	let childrenSpan = 0;
	b.children.forEach((c, i) => (childrenSpan += c.span + (i > 0 ? gapBetween(b.children[i - 1], c, b.node) : 0)));
	let cy: number;
	if (b.children.length) {
		let at = top + (b.span - childrenSpan) / 2;
		const centres: number[] = [];
		b.children.forEach((c, i) => {
			if (i > 0) at += gapBetween(b.children[i - 1], c, b.node);
			centres.push(placeY(c, at));
			at += c.span;
		});
		cy = (centres[0] + centres[centres.length - 1]) / 2;
		cy = Math.min(Math.max(cy, top + b.node.h / 2), top + b.span - b.node.h / 2);
	} else cy = top + b.span / 2;
	b.node.y = cy - b.node.h / 2;
	return cy;
}

function walk(b: Branch, f: (b: Branch) => void): void {
	f(b);
	for (const c of b.children) walk(c, f);
}

/** Splits the top-level subtrees into a right part (first) and a left part with the most even heights. */
function splitSides(spans: number[]): number {
	const n = spans.length;
	if (n <= 1) return n;
	const total = (k: number, from: number) => spans.slice(from, k).reduce((s, v) => s + v, 0) + GAP_TOP * Math.max(0, k - from - 1);
	let best = 1;
	let bestH = Infinity;
	for (let k = 1; k < n; k++) {
		const h = Math.max(total(k, 0), total(n, k));
		if (h < bestH - 0.5) {
			bestH = h;
			best = k;
		}
	}
	return best;
}

function edgePath(x1: number, y1: number, x2: number, y2: number): string {
	const mx = (x1 + x2) / 2;
	const r = (v: number) => Math.round(v * 10) / 10;
	return `M${r(x1)},${r(y1)} C${r(mx)},${r(y1)} ${r(mx)},${r(y2)} ${r(x2)},${r(y2)}`;
}

/** Lays out the map. Same input, same output. */
export function layoutMap(input: MapInput): MapLayout {
	const { root, top } = buildBranches(input);
	for (const b of top) measure(b);
	const k = splitSides(top.map((b) => b.span));
	const sides: { side: 1 | -1; branches: Branch[] }[] = [
		{ side: 1, branches: top.slice(0, k) },
		{ side: -1, branches: top.slice(k) }
	];
	root.x = -root.w / 2;
	root.y = -root.h / 2;
	const nodes: MapNode[] = [root];
	const edges: MapEdge[] = [];

	for (const { side, branches } of sides) {
		if (!branches.length) continue;
		// Vertical: the side's subtrees stacked, centred on the centre node.
		const height = branches.reduce((s, b) => s + b.span, 0) + GAP_TOP * (branches.length - 1);
		let at = -height / 2;
		for (const b of branches) {
			placeY(b, at);
			at += b.span + GAP_TOP;
		}
		// Horizontal: one column per depth, as wide as its widest node.
		const colWidth = [0, 0, 0, 0];
		for (const b of branches) walk(b, (x) => (colWidth[x.node.depth] = Math.max(colWidth[x.node.depth], x.node.w)));
		const colStart = [0, root.w / 2 + ROOT_GAP, 0, 0];
		colStart[2] = colStart[1] + colWidth[1] + COLUMN_GAP[1];
		colStart[3] = colStart[2] + colWidth[2] + COLUMN_GAP[2];
		for (const b of branches)
			walk(b, (x) => {
				const n = x.node;
				n.side = side;
				n.x = side === 1 ? colStart[n.depth] : -colStart[n.depth] - n.w;
				nodes.push(n);
			});
		// Edges from each parent's outer edge to its child's inner edge.
		const link = (p: MapNode, c: MapNode) => {
			const x1 = side === 1 ? p.x + p.w : p.x;
			const x2 = side === 1 ? c.x : c.x + c.w;
			const code = c.kind === 'code';
			edges.push({
				key: `${p.key}>${c.key}`,
				from: p.key,
				to: c.key,
				color: code ? (p.discarded ? '#8b9097' : p.color) : c.discarded ? '#8b9097' : c.color,
				width: code ? 1.4 : p.kind === 'root' ? 3 : 2.2,
				opacity: code ? 0.55 : 0.85,
				d: edgePath(x1, p.y + p.h / 2, x2, c.y + c.h / 2)
			});
		};
		for (const b of branches) {
			link(root, b.node);
			walk(b, (x) => x.children.forEach((c) => link(x.node, c.node)));
		}
	}

	const minX = Math.min(...nodes.map((n) => n.x));
	const minY = Math.min(...nodes.map((n) => n.y));
	const maxX = Math.max(...nodes.map((n) => n.x + n.w));
	const maxY = Math.max(...nodes.map((n) => n.y + n.h));
	return { nodes, edges, bounds: { x: minX, y: minY, w: maxX - minX, h: maxY - minY } };
}

// ---- reading and editing the map ---------------------------------------------------------------

/** The node whose box contains (x, y), codes before themes before the centre; null on the background. */
export function nodeAt(layout: MapLayout, x: number, y: number, pad = 0): MapNode | null {
	let hit: MapNode | null = null;
	for (const n of layout.nodes) {
		if (x < n.x - pad || x > n.x + n.w + pad || y < n.y - pad || y > n.y + n.h + pad) continue;
		if (!hit || n.depth > hit.depth) hit = n;
	}
	return hit;
}

/** How a node reads aloud: "Theme Self-confidence, under Change in perceptions, 4 codes". */
export function describeNode(n: MapNode, layout: MapLayout): string {
	const byKey = new Map(layout.nodes.map((x) => [x.key, x]));
	const parent = n.parentKey ? byKey.get(n.parentKey) : undefined;
	const bits: string[] = [];
	if (n.kind === 'root') {
		const themes = layout.nodes.filter((x) => x.depth === 1).length;
		return `${n.label}, centre of the map, ${plural(themes, 'top-level theme')}`;
	}
	if (n.kind === 'code') {
		bits.push(`Code ${n.label}`, `in ${parent?.label ?? 'a theme'}`);
		if (n.count !== null) bits.push(plural(n.count, 'extract'));
		if (n.alsoIn.length) bits.push(`also in ${n.alsoIn.join(', ')}`);
		return bits.join(', ');
	}
	bits.push(`${n.kind === 'main' ? 'Main theme' : 'Theme'} ${n.label}`);
	if (n.depth === 2 && parent) bits.push(`under ${parent.label}`);
	else bits.push('top level');
	if (n.discarded) bits.push('discarded');
	if (n.childCount) bits.push(plural(n.childCount, 'sub-theme'));
	bits.push(plural(n.codeCount, 'code'));
	return bits.join(', ');
}

export type MapDirection = 'up' | 'down' | 'left' | 'right';

/**
 * The node an arrow key goes to: up/down to the neighbour in the same column, left/right
 * towards the centre (the parent) or outwards (the child nearest in height); where that finds
 * nothing, the nearest node in that direction.
 */
export function neighbour(layout: MapLayout, key: string, dir: MapDirection): MapNode | null {
	const from = layout.nodes.find((n) => n.key === key);
	if (!from) return layout.nodes[0] ?? null;
	const cx = (n: MapNode) => n.x + n.w / 2;
	const cy = (n: MapNode) => n.y + n.h / 2;
	const nearestBy = (list: MapNode[], cost: (n: MapNode) => number) =>
		list.reduce<MapNode | null>((best, n) => (best === null || cost(n) < cost(best) ? n : best), null);
	if (dir === 'up' || dir === 'down') {
		const sign = dir === 'down' ? 1 : -1;
		const column = layout.nodes.filter((n) => n !== from && n.side === from.side && n.depth === from.depth && (cy(n) - cy(from)) * sign > 0);
		const inColumn = nearestBy(column, (n) => Math.abs(cy(n) - cy(from)));
		if (inColumn) return inColumn;
	} else {
		const sign = dir === 'right' ? 1 : -1;
		const outward = from.side === 0 ? true : from.side === sign;
		if (outward) {
			const children = layout.nodes.filter((n) => n.parentKey === from.key && (from.side !== 0 || n.side === sign));
			const child = nearestBy(children, (n) => Math.abs(cy(n) - cy(from)));
			if (child) return child;
		} else if (from.parentKey) {
			return layout.nodes.find((n) => n.key === from.parentKey) ?? null;
		}
	}
	// Anything in that direction, preferring what lies straight ahead.
	const ahead = layout.nodes.filter((n) => {
		if (n === from) return false;
		// Up and down stay on their side of the centre.
		if ((dir === 'up' || dir === 'down') && from.side !== 0 && n.side !== from.side) return false;
		const dx = cx(n) - cx(from);
		const dy = cy(n) - cy(from);
		return dir === 'right' ? dx > 1 : dir === 'left' ? dx < -1 : dir === 'down' ? dy > 1 : dy < -1;
	});
	return nearestBy(ahead, (n) => {
		const dx = Math.abs(cx(n) - cx(from));
		const dy = Math.abs(cy(n) - cy(from));
		return dir === 'left' || dir === 'right' ? dx + 3 * dy : dy + 3 * dx;
	});
}

export type MapDrop =
	| { kind: 'moveTheme'; themeId: Id; parentId: Id | null; index: number; targetKey: string; label: string }
	| { kind: 'placeCode'; codeId: Id; fromThemeId: Id; toThemeId: Id; targetKey: string; label: string; keepCopy: boolean }
	| { kind: 'none'; targetKey: string | null; reason: string };

/**
 * What dropping `dragged` on `target` (null: the background) would do. A drop on a code means
 * its theme; a theme dropped on a sub-theme goes under that sub-theme's main theme (themes nest
 * two levels deep). `keepCopy` (codes only) adds the code to the target and keeps it where it
 * was. Nothing changes here: the caller runs the action.
 */
export function dropAction(themes: readonly Theme[], layout: MapLayout, dragged: MapNode, target: MapNode | null, keepCopy = false): MapDrop {
	const byKey = new Map(layout.nodes.map((n) => [n.key, n]));
	let t = target;
	if (t && t.kind === 'code') t = t.parentKey ? (byKey.get(t.parentKey) ?? null) : null;
	if (dragged.kind === 'code' && dragged.codeId && dragged.themeId) {
		if (!t || t.kind === 'root' || !t.themeId) return { kind: 'none', targetKey: null, reason: 'Drop a code on a theme to move it there.' };
		const toId = t.themeId;
		const to = themes.find((x) => x.id === toId);
		if (!to) return { kind: 'none', targetKey: null, reason: 'That theme no longer exists.' };
		if (to.id === dragged.themeId) return { kind: 'none', targetKey: t.key, reason: `“${dragged.label}” is already in “${to.name}”.` };
		if (to.codeIds.includes(dragged.codeId)) return { kind: 'none', targetKey: t.key, reason: `“${to.name}” already holds “${dragged.label}”.` };
		const from = themes.find((x) => x.id === dragged.themeId);
		return {
			kind: 'placeCode',
			codeId: dragged.codeId,
			fromThemeId: dragged.themeId,
			toThemeId: to.id,
			targetKey: t.key,
			keepCopy,
			label: keepCopy ? `Put “${dragged.label}” in “${to.name}” too` : `Move “${dragged.label}” from “${from?.name ?? 'its theme'}” to “${to.name}”`
		};
	}
	if ((dragged.kind === 'main' || dragged.kind === 'theme') && dragged.themeId) {
		const me = themes.find((x) => x.id === dragged.themeId);
		if (!me) return { kind: 'none', targetKey: null, reason: 'That theme no longer exists.' };
		const topLevel = childThemes(themes, null).filter((x) => x.id !== me.id);
		if (!t || t.kind === 'root') {
			if (me.parentId === null) return { kind: 'none', targetKey: 'root', reason: `“${me.name}” is already at the top level.` };
			return { kind: 'moveTheme', themeId: me.id, parentId: null, index: topLevel.length, targetKey: 'root', label: `Move “${me.name}” to the top level` };
		}
		if (t.depth === 2 && t.parentKey) t = byKey.get(t.parentKey) ?? t;
		const on = t;
		if (on.key === dragged.key || on.themeId === me.id) return { kind: 'none', targetKey: null, reason: '' };
		const parent = themes.find((x) => x.id === on.themeId);
		if (!parent) return { kind: 'none', targetKey: null, reason: 'That theme no longer exists.' };
		if (me.parentId === parent.id) return { kind: 'none', targetKey: on.key, reason: `“${me.name}” is already under “${parent.name}”.` };
		if (themes.some((x) => x.parentId === me.id))
			return { kind: 'none', targetKey: on.key, reason: `“${me.name}” has sub-themes of its own, so it stays a main theme.` };
		const index = childThemes(themes, parent.id).length;
		return { kind: 'moveTheme', themeId: me.id, parentId: parent.id, index, targetKey: on.key, label: `Move “${me.name}” under “${parent.name}”` };
	}
	return { kind: 'none', targetKey: null, reason: '' };
}

/** Every place a node can be moved to (the keyboard's "Move under…" list), as drops. */
export function moveChoices(themes: readonly Theme[], layout: MapLayout, node: MapNode): (MapDrop & { kind: 'moveTheme' | 'placeCode' })[] {
	const out: (MapDrop & { kind: 'moveTheme' | 'placeCode' })[] = [];
	const candidates: (MapNode | null)[] =
		node.kind === 'code' ? layout.nodes.filter((n) => n.kind === 'main' || n.kind === 'theme') : [null, ...layout.nodes.filter((n) => n.depth === 1)];
	const seen = new Set<string>();
	for (const c of candidates) {
		const d = dropAction(themes, layout, node, c);
		if (d.kind === 'none' || seen.has(d.targetKey)) continue;
		seen.add(d.targetKey);
		out.push(d);
	}
	return out;
}
