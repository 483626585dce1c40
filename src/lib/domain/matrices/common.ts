// What the matrix, co-occurrence, frequency, saturation and joint-display computations share:
// the project rows they read, the code and theme rows they count for, how a transcript maps
// to its participant; the small statistics (median, mean and SD) are Table 1's (table1.ts).
// Pure; every view reads the analysis layer's codings (ProjectState.analysisCodings).

import { buildTree, flattenTree, subtreeIds } from '../codebook';
import { participantOf, themePath, themesInOrder } from '../themes';
import type { Code, Coding, Id, Participant, Theme, TranscriptDocument } from '../types';

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
	// Pre-order: a code's parent path is the last one seen one level up.
	const paths: string[] = [];
	return flattenTree(buildTree(codes)).map((f) => {
		const path = f.depth > 0 ? `${paths[f.depth - 1]} › ${f.code.name}` : f.code.name;
		paths[f.depth] = path;
		return { kind: 'code', id: f.code.id, name: f.code.name, path, depth: f.depth, color: f.code.color, parent: f.hasChildren };
	});
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

// Shared with Table 1 and the theme table, so a value, a median and a participant mean the same everywhere.
export { categoryOf, median, numberOf, summarise, valueLabel, type Summary } from '../table1';
export { naturalCompare, studyParticipants } from '../themeTable';
export { participantOf };

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

