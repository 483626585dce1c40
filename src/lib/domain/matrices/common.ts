// What the matrix, co-occurrence, frequency, saturation and joint-display computations share:
// the project rows they read, the code and theme rows they count for, how a transcript maps
// to its participant, and the small statistics (median, mean and SD) they summarise with.
// Pure; every view reads the analysis layer's codings (ProjectState.analysisCodings).

import { buildTree, flattenTree, subtreeIds } from '../codebook';
import { humanise } from '../table1';
import { naturalCompare, studyParticipants } from '../themeTable';
import { participantOf, themePath, themesInOrder } from '../themes';
import type { AttributeDef, AttributeValue, Code, Coding, Id, Participant, Theme, TranscriptDocument } from '../types';

/** The project's rows every view reads. `codings` are the analysis layer's. */
export interface AnalysisRows {
	codes: readonly Code[];
	codings: readonly Coding[];
	documents: readonly TranscriptDocument[];
	participants: readonly Participant[];
	themes: readonly Theme[];
}

/** One row of a matrix or a frequency table: a code or a theme. */
export interface RowItem {
	kind: 'code' | 'theme';
	id: Id;
	name: string;
	/** "Group › Code" or "Main theme › Theme". */
	path: string;
	/** 0 at the top of the tree; a sub-code or sub-theme is one deeper. */
	depth: number;
	color: string;
	/** A code with sub-codes, or a main theme. */
	parent: boolean;
}

/** Codes in tree order (pre-order, siblings in their order), with depth and path. */
export function codeRows(codes: readonly Code[]): RowItem[] {
	const flat = flattenTree(buildTree(codes));
	const byId = new Map(codes.map((c) => [c.id, c]));
	const pathOf = (c: Code): string => {
		const names = [c.name];
		const seen = new Set([c.id]);
		let cur = c.parentId ? byId.get(c.parentId) : undefined;
		while (cur && !seen.has(cur.id)) {
			names.unshift(cur.name);
			seen.add(cur.id);
			cur = cur.parentId ? byId.get(cur.parentId) : undefined;
		}
		return names.join(' › ');
	};
	return flat.map((f) => ({
		kind: 'code',
		id: f.code.id,
		name: f.code.name,
		path: pathOf(f.code),
		depth: f.depth,
		color: f.code.color,
		parent: f.hasChildren
	}));
}

/**
 * Code ids whose codings count for each code: the code alone, or with `rollUp` the code and
 * every sub-code below it.
 */
export function codeMembers(codes: readonly Code[], rollUp: boolean): Map<Id, Id[]> {
	const out = new Map<Id, Id[]>();
	for (const c of codes) out.set(c.id, rollUp ? subtreeIds(codes, c.id) : [c.id]);
	return out;
}

/** Themes that count by default: all but discarded ones (candidates count, as in the theme table). */
export const countsAsTheme = (t: Theme): boolean => t.status !== 'discarded';

/**
 * Themes that count (`keep`: not discarded by default), in display order. A sub-theme whose
 * main theme does not count stands at the top.
 */
export function themeRows(themes: readonly Theme[], keep: (t: Theme) => boolean = countsAsTheme): RowItem[] {
	const live = themesInOrder(themes).filter(keep);
	const liveIds = new Set(live.map((t) => t.id));
	return live.map((t) => {
		const under = t.parentId !== null && liveIds.has(t.parentId);
		return {
			kind: 'theme',
			id: t.id,
			name: t.name,
			path: under ? themePath(themes, t.id) : t.name,
			depth: under ? 1 : 0,
			color: t.color,
			parent: live.some((x) => x.parentId === t.id)
		};
	});
}

/**
 * Codings grouped by code, skipping orphaned codings (their text is gone) and codings of
 * transcripts that are not in the project. Cached per codings array: rows are immutable and
 * every change makes a new array, so 50,000 codings are grouped once per change, not once
 * per row, view or redraw.
 */
const byCodeCache = new WeakMap<readonly Coding[], { docs: readonly TranscriptDocument[]; index: Map<Id, Coding[]> }>();

export function codingsByCode(codings: readonly Coding[], documents: readonly TranscriptDocument[]): Map<Id, Coding[]> {
	const hit = byCodeCache.get(codings);
	if (hit && hit.docs === documents) return hit.index;
	const known = new Set(documents.map((d) => d.id));
	const index = new Map<Id, Coding[]>();
	for (const c of codings) {
		if (c.orphaned || !known.has(c.docId)) continue;
		const list = index.get(c.codeId);
		if (list) list.push(c);
		else index.set(c.codeId, [c]);
	}
	byCodeCache.set(codings, { docs: documents, index });
	return index;
}

export { humanise, naturalCompare, participantOf, studyParticipants };

/** Transcript id → the participant it counts under. */
export function participantByDoc(documents: readonly TranscriptDocument[]): Map<Id, string> {
	return new Map(documents.map((d) => [d.id, participantOf(d)]));
}

/** Document id → position in the project's document list (for ordering extracts). */
export function docOrder(documents: readonly TranscriptDocument[]): Map<Id, number> {
	return new Map(documents.map((d, i) => [d.id, d.order ?? i]));
}

/** Extracts in document order, then by position in the text. */
export function sortExtracts<T extends Pick<Coding, 'docId' | 'start' | 'end'>>(list: T[], order: ReadonlyMap<Id, number>): T[] {
	return list.sort((a, b) => (order.get(a.docId) ?? 0) - (order.get(b.docId) ?? 0) || a.start - b.start || a.end - b.end);
}

/** A number read from an attribute value ("3,5" and "3.5" are 3.5); null when it is not one. */
export function numberOf(v: AttributeValue | undefined): number | null {
	if (typeof v === 'number') return Number.isFinite(v) ? v : null;
	if (v === null || v === undefined) return null;
	const s = v.trim().replace(/\s/g, '').replace(',', '.');
	return s !== '' && /^[-+]?\d+(\.\d+)?$/.test(s) ? Number(s) : null;
}

/** A category read from an attribute value; null when missing or blank. */
export function categoryOf(v: AttributeValue | undefined): string | null {
	if (v === null || v === undefined) return null;
	const s = String(v).trim();
	return s === '' ? null : s;
}

/** A category value as people read it: "partial_sick_leave" → "Partial sick leave"; "30-39" stays. */
export function valueLabel(value: string): string {
	return /_/.test(value) || /^[a-z]/.test(value) ? humanise(value) : value;
}

/** The middle value of numbers (mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const s = [...values].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface Summary {
	/** Values present (missing ones are left out). */
	n: number;
	mean: number | null;
	/** Sample standard deviation (n − 1); null below two values. */
	sd: number | null;
	median: number | null;
	min: number | null;
	max: number | null;
}

/** n, mean (SD), median and range of the values that are present. */
export function summarise(values: readonly (number | null)[]): Summary {
	const xs = values.filter((x): x is number => x !== null && Number.isFinite(x));
	if (xs.length === 0) return { n: 0, mean: null, sd: null, median: null, min: null, max: null };
	const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
	const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1)) : null;
	return { n: xs.length, mean, sd, median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
}

/** Attributes of a type, as defined on the project (or guessed from the values), in order. */
export function attributesOfType(defs: readonly AttributeDef[], ...types: AttributeDef['type'][]): AttributeDef[] {
	return defs.filter((d) => types.includes(d.type));
}

/** Participant label → their row (absent for participants known only from a transcript). */
export function participantsByLabel(participants: readonly Participant[]): Map<string, Participant> {
	return new Map(participants.map((p) => [p.label, p]));
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const wordCharCache = new Map<number, boolean>();

/** Whether a code point is a letter or digit (ASCII answered at once, the rest looked up once). */
function isWordChar(cp: number): boolean {
	if (cp < 128) return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
	let hit = wordCharCache.get(cp);
	if (hit === undefined) {
		hit = LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
		wordCharCache.set(cp, hit);
	}
	return hit;
}

/**
 * Words in a text: runs of letters and digits, with inner apostrophes and hyphens ("don't",
 * "part-time"), i.e. the matches of /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*\/gu, counted in one
 * pass without building the matches (50,000 quotes are counted on every change).
 */
export function countWords(text: string): number {
	let n = 0;
	let inWord = false;
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		const wide = unit >= 0xd800 && unit <= 0xdbff;
		const cp = wide ? text.codePointAt(i)! : unit;
		// ASCII inline: nearly every character of an English or Norwegian transcript.
		const word = cp < 128 ? (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57) : isWordChar(cp);
		if (word) {
			if (!inWord) n++;
			inWord = true;
		} else if (inWord && (cp === 39 || cp === 0x2019 || cp === 45)) {
			// Joins two runs only when a letter or digit follows at once.
			const next = text.codePointAt(i + 1);
			inWord = next !== undefined && isWordChar(next);
		} else inWord = false;
		if (wide && cp > 0xffff) i++;
	}
	return n;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
