// The word, sentence and speaker-turn rules of corpus search (issue 6), shared by the index
// (src/lib/search/corpusIndex.ts), the query parser and the tests' brute-force scan, so that
// "a word", "a sentence" and "spoken text" mean the same thing everywhere. All offsets are
// UTF-16 code units into the transcript text, half-open [start, end).

import type { SpeakerRole, Turn } from '../types';

/**
 * A stretch of spoken text: a speaker turn's words (from after "Label: " to the end of the
 * turn), or a paragraph outside every turn (a title, "[End of recording]"). Speaker labels and
 * timestamps are never searched.
 */
export interface Region {
	start: number;
	end: number;
	/** Index into the document's turns, or -1 for a paragraph outside every turn. */
	turn: number;
	role: SpeakerRole | null;
}

const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
const wordCache = new Map<number, boolean>();

/** Whether the code point is part of a word: a letter, a combining mark or a digit. */
export function isWordCodePoint(cp: number): boolean {
	if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57);
	let known = wordCache.get(cp);
	if (known === undefined) {
		known = WORD_CHAR.test(String.fromCodePoint(cp));
		wordCache.set(cp, known);
	}
	return known;
}

const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;

/**
 * Length in UTF-16 units of the word character at i (1, or 2 for a letter outside the Basic
 * Multilingual Plane), or 0 when text[i] does not belong to a word.
 */
function wordCharAt(text: string, i: number, to: number): number {
	const c = text.charCodeAt(i);
	if (c < 128) return ASCII_WORD[c];
	if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
		const d = text.charCodeAt(i + 1);
		if (d >= 0xdc00 && d <= 0xdfff) return isWordCodePoint((c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000) ? 2 : 0;
	}
	return isWordCodePoint(c) ? 1 : 0;
}

/**
 * Calls `emit(start, end)` for every word in text[from, to). A word is a run of letters,
 * combining marks and digits; an apostrophe (' or ’) between two such characters joins them
 * ("don’t", "P01's" are one word). Everything else (spaces, punctuation, hyphens, emoji)
 * separates words, so "sick-leave" is the two words "sick" and "leave".
 */
export function forEachWord(text: string, from: number, to: number, emit: (start: number, end: number) => void): void {
	let i = from;
	let start = -1;
	while (i < to) {
		const n = wordCharAt(text, i, to);
		if (n > 0) {
			if (start < 0) start = i;
			i += n;
			continue;
		}
		if (start >= 0) {
			const c = text.charCodeAt(i);
			if ((c === 0x27 || c === 0x2019) && i + 1 < to && wordCharAt(text, i + 1, to) > 0) {
				i += 1;
				continue;
			}
			emit(start, i);
			start = -1;
		}
		// A surrogate pair that is not a word character (an emoji) is skipped whole.
		const c = text.charCodeAt(i);
		i += c >= 0xd800 && c <= 0xdbff && i + 1 < to && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
	}
	if (start >= 0) emit(start, to);
}

/** The words of text[from, to) as [start, end) pairs. */
export function words(text: string, from = 0, to = text.length): [number, number][] {
	const out: [number, number][] = [];
	forEachWord(text, from, to, (s, e) => out.push([s, e]));
	return out;
}

// Letters of the Norwegian and Danish alphabets that are letters of their own, not accented
// vowels: "år" (year) is not "ar" (scar). Every other diacritic is folded away (é → e, ü → u).
const OWN_LETTERS = new Set(['å', 'æ', 'ø']);
const MARKS = /\p{M}/gu;

/**
 * How a word is compared: lower case, ’ as ', diacritics removed except on å, æ and ø (and
 * text in decomposed form treated as the composed form). May return '' for a "word" made only
 * of combining marks, which is then not searchable.
 */
export function fold(word: string): string {
	const lower = word.toLowerCase();
	// eslint-disable-next-line no-control-regex
	if (/^[\x00-\x7f]*$/.test(lower)) return lower;
	let out = '';
	for (const ch of lower.normalize('NFC')) {
		if (ch === '’') out += "'";
		else if (OWN_LETTERS.has(ch)) out += ch;
		else if (ch.charCodeAt(0) < 128) out += ch;
		else out += ch.normalize('NFD').replace(MARKS, '');
	}
	return out;
}

/**
 * The spoken regions of a text: each turn's words [textStart, end), then every non-blank line
 * outside all turns (trimmed), in text order. Labels and timestamps are left out.
 */
export function spokenRegions(text: string, turns: readonly Turn[]): Region[] {
	const out: Region[] = [];
	const order = turns.map((t, i) => [t, i] as const).sort((a, b) => a[0].start - b[0].start);
	let pos = 0;
	const gap = (from: number, to: number) =>
		forEachLine(text, from, to, (s, e) => {
			while (s < e && /\s/.test(text[s])) s++;
			while (e > s && /\s/.test(text[e - 1])) e--;
			if (s < e) out.push({ start: s, end: e, turn: -1, role: null });
		});
	for (const [t, i] of order) {
		if (t.start > pos) gap(pos, t.start);
		if (t.textStart < t.end) out.push({ start: t.textStart, end: t.end, turn: i, role: t.role });
		pos = Math.max(pos, t.end);
	}
	if (pos < text.length) gap(pos, text.length);
	return out;
}

const TERMINATOR = /[.!?…]+[)\]"'”’»]*/g;
const LOWER = /^\p{Ll}$/u;
const SPACE = /\s/;

/**
 * The sentences of a region, as [start, end) pairs without surrounding spaces. A sentence ends
 * at . ! ? or … (with any closing brackets or quotes after it) followed by a space and a word
 * that does not begin with a lower-case letter, and at every line break. So "I was (…) not
 * sure." is one sentence, and "e.g. the" does not end one.
 */
export function sentencesIn(text: string, from: number, to: number): [number, number][] {
	const out: [number, number][] = [];
	forEachLine(text, from, to, (s, e) => sentencesOfLine(text, s, e, out));
	return out;
}

/** Calls `line(start, end)` for every line of text[from, to), line breaks (\n, \r\n, \r) left out. */
function forEachLine(text: string, from: number, to: number, line: (start: number, end: number) => void): void {
	const lineBreak = /\r\n?|\n/g;
	let lineStart = from;
	for (;;) {
		lineBreak.lastIndex = lineStart;
		const m = lineBreak.exec(text);
		line(lineStart, m && m.index < to ? m.index : to);
		if (!m || m.index >= to) break;
		lineStart = m.index + m[0].length;
	}
}

function sentencesOfLine(text: string, from: number, to: number, out: [number, number][]): void {
	const line = text.slice(from, to);
	let s = 0;
	while (s < line.length && SPACE.test(line[s])) s++;
	TERMINATOR.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = TERMINATOR.exec(line))) {
		const e = m.index + m[0].length;
		if (e < line.length && !SPACE.test(line[e])) continue;
		let n = e;
		while (n < line.length && SPACE.test(line[n])) n++;
		if (n < line.length && LOWER.test(line[n])) continue;
		if (e > s) out.push([from + s, from + e]);
		s = n;
	}
	let e = line.length;
	while (e > s && SPACE.test(line[e - 1])) e--;
	if (e > s) out.push([from + s, from + e]);
}
