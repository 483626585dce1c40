// A coding is anchored by UTF-16 offsets plus the quoted text and a little context around
// it. Offsets are fast; the quote is the ground truth. On load every coding is checked, and
// one whose offsets no longer point at its quote is found again by quote and context, or
// kept and flagged orphaned — a coding is never dropped silently.

import type { Result } from './codebook';
import type { Change, Coding, Id } from './types';

/** Characters of context kept on each side of a quote. */
export const CONTEXT_LENGTH = 32;

export interface MakeCodingInput {
	id: Id;
	projectId: Id;
	docId: Id;
	codeId: Id;
	coderId: Id;
	text: string;
	start: number;
	end: number;
	now: number;
}

export type AnchorStatus =
	| { status: 'ok' }
	| { status: 'moved'; start: number; end: number }
	| { status: 'orphaned' };

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
// \s in a JavaScript regex covers Unicode spaces, NBSP, \r and \n: all that a selection drags along.
const isSpace = (ch: string) => /\s/.test(ch);

/**
 * Validates a selection and narrows it to what should be quoted: surrounding whitespace is
 * dropped and an offset inside a surrogate pair (half an emoji) is widened to the whole
 * character, so a quote never holds a lone surrogate.
 */
export function normalizeSpan(text: string, start: number, end: number): Result<{ start: number; end: number }> {
	if (!Number.isInteger(start) || !Number.isInteger(end))
		return { ok: false, error: 'The selection has no valid start and end.' };
	if (start > end) return { ok: false, error: 'The selection ends before it starts.' };
	if (start < 0 || end > text.length) return { ok: false, error: 'The selection lies outside the document.' };
	let s = start;
	let e = end;
	if (s > 0 && s < text.length && isLow(text.charCodeAt(s)) && isHigh(text.charCodeAt(s - 1))) s--;
	if (e > 0 && e < text.length && isLow(text.charCodeAt(e)) && isHigh(text.charCodeAt(e - 1))) e++;
	while (s < e && isSpace(text[s])) s++;
	while (e > s && isSpace(text[e - 1])) e--;
	if (s === e) return { ok: false, error: 'Select some text to code (the selection is empty or only spaces).' };
	return { ok: true, start: s, end: e };
}

/** The context before start and after end, cut so it never begins or ends in half a character. */
export function contextAround(text: string, start: number, end: number): { prefix: string; suffix: string } {
	let from = Math.max(0, start - CONTEXT_LENGTH);
	if (from > 0 && isLow(text.charCodeAt(from)) && isHigh(text.charCodeAt(from - 1))) from++;
	let to = Math.min(text.length, end + CONTEXT_LENGTH);
	if (to < text.length && isLow(text.charCodeAt(to)) && isHigh(text.charCodeAt(to - 1))) to--;
	return { prefix: text.slice(from, start), suffix: text.slice(end, to) };
}

function anchorFields(text: string, start: number, end: number): Pick<Coding, 'start' | 'end' | 'quote' | 'prefix' | 'suffix'> {
	return { start, end, quote: text.slice(start, end), ...contextAround(text, start, end) };
}

/** A new coding for [start, end) of text, trimmed of surrounding whitespace. */
export function makeCoding(input: MakeCodingInput): Result<{ coding: Coding }> {
	const span = normalizeSpan(input.text, input.start, input.end);
	if (!span.ok) return span;
	const coding: Coding = {
		id: input.id,
		projectId: input.projectId,
		docId: input.docId,
		codeId: input.codeId,
		coderId: input.coderId,
		...anchorFields(input.text, span.start, span.end),
		createdAt: input.now
	};
	return { ok: true, coding };
}

/** Length of the common ending of a and b. */
function commonSuffix(a: string, b: string): number {
	let n = 0;
	while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
	return n;
}

function commonPrefix(a: string, b: string): number {
	let n = 0;
	while (n < a.length && n < b.length && a[n] === b[n]) n++;
	return n;
}

interface Candidate {
	start: number;
	end: number;
}

/** Picks the candidate whose surroundings agree most with the stored context, then the nearest. */
function best(text: string, coding: Coding, candidates: Candidate[]): Candidate | null {
	let pick: Candidate | null = null;
	let pickScore = -1;
	let pickDistance = Infinity;
	for (const c of candidates) {
		const before = text.slice(Math.max(0, c.start - coding.prefix.length), c.start);
		const after = text.slice(c.end, c.end + coding.suffix.length);
		const score = commonSuffix(before, coding.prefix) + commonPrefix(after, coding.suffix);
		const distance = Math.abs(c.start - coding.start);
		if (score > pickScore || (score === pickScore && distance < pickDistance)) {
			pick = c;
			pickScore = score;
			pickDistance = distance;
		}
	}
	return pick;
}

function escapeRegExp(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Checks that a coding still points at its quote. If not, looks for the quote elsewhere —
 * first exactly, then allowing whitespace to differ (a file re-saved with other line endings
 * turns "\n" into "\r\n") — and prefers the occurrence with the best-matching context,
 * then the one nearest the old position.
 */
export function verifyAnchor(text: string, coding: Coding): AnchorStatus {
	const { start, end, quote } = coding;
	if (quote === '') return { status: 'orphaned' };
	const inRange = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= text.length;
	if (inRange && text.slice(start, end) === quote) return { status: 'ok' };
	const exact: Candidate[] = [];
	for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) exact.push({ start: i, end: i + quote.length });
	let pick = best(text, coding, exact);
	if (!pick) {
		const words = quote.trim().split(/\s+/).filter((w) => w !== '');
		if (words.length > 0) {
			const loose = new RegExp(words.map(escapeRegExp).join('\\s+'), 'g');
			const found: Candidate[] = [];
			for (const m of text.matchAll(loose)) found.push({ start: m.index, end: m.index + m[0].length });
			pick = best(text, coding, found);
		}
	}
	return pick ? { status: 'moved', start: pick.start, end: pick.end } : { status: 'orphaned' };
}

/** A copy without the orphaned flag (absent, not false, so found codings equal fresh ones). */
function withoutOrphaned(coding: Coding): Coding {
	const copy = { ...coding };
	delete copy.orphaned;
	return copy;
}

/**
 * Verifies every coding against the document text. Moved codings get fresh offsets and
 * context; lost ones are kept with orphaned: true; codings found again lose the flag.
 * `changed` holds one Change per coding that differs, to be stored (and undone) as one step.
 */
export function reanchorAll(text: string, codings: readonly Coding[]): { codings: Coding[]; changed: Change[] } {
	const changed: Change[] = [];
	const out = codings.map((coding) => {
		const result = verifyAnchor(text, coding);
		let next: Coding = coding;
		if (result.status === 'ok') {
			if (coding.orphaned !== undefined) next = withoutOrphaned(coding);
		} else if (result.status === 'moved') {
			next = { ...withoutOrphaned(coding), ...anchorFields(text, result.start, result.end) };
		} else if (coding.orphaned !== true) {
			next = { ...coding, orphaned: true };
		}
		if (next !== coding) changed.push({ kind: 'coding', before: coding, after: next });
		return next;
	});
	return { codings: out, changed };
}

/**
 * Moves a coding's boundaries (dragging a handle, or keyboard nudges), with the same
 * trimming and checks as a new coding; an unchanged span gives ok with no changes.
 */
export function adjustBoundaries(
	text: string,
	coding: Coding,
	start: number,
	end: number
): Result<{ coding: Coding; changes: Change[] }> {
	const span = normalizeSpan(text, start, end);
	if (!span.ok) return span;
	const next: Coding = { ...withoutOrphaned(coding), ...anchorFields(text, span.start, span.end) };
	const same =
		coding.orphaned === undefined &&
		next.start === coding.start &&
		next.end === coding.end &&
		next.quote === coding.quote &&
		next.prefix === coding.prefix &&
		next.suffix === coding.suffix;
	if (same) return { ok: true, coding, changes: [] };
	return { ok: true, coding: next, changes: [{ kind: 'coding', before: coding, after: next }] };
}

const WORD = /[\p{L}\p{N}\p{M}\p{Pc}]/u;
// An apostrophe or hyphen between letters belongs to the word: "didn’t", "return-to-work".
const JOINER = /^['’\-‐]$/u;

function charBefore(text: string, i: number): string {
	if (i <= 0) return '';
	if (i >= 2 && isLow(text.charCodeAt(i - 1)) && isHigh(text.charCodeAt(i - 2))) return text.slice(i - 2, i);
	return text[i - 1];
}

function charAt(text: string, i: number): string {
	if (i >= text.length) return '';
	const cp = text.codePointAt(i);
	return cp === undefined ? '' : String.fromCodePoint(cp);
}

function isWordAt(text: string, i: number): boolean {
	const ch = charAt(text, i);
	if (ch === '') return false;
	if (WORD.test(ch)) return true;
	return JOINER.test(ch) && WORD.test(charBefore(text, i)) && WORD.test(charAt(text, i + 1));
}

function isWordBefore(text: string, i: number): boolean {
	const ch = charBefore(text, i);
	return ch !== '' && isWordAt(text, i - ch.length);
}

/**
 * Widens a selection to whole words (a caret inside a word selects the word). Surrounding
 * whitespace is dropped first, so a double-click's trailing space does not count.
 */
export function snapToWords(text: string, start: number, end: number): { start: number; end: number } {
	let s = Math.max(0, Math.min(start, end, text.length));
	let e = Math.min(text.length, Math.max(start, end, 0));
	while (s < e && isSpace(text[s])) s++;
	while (e > s && isSpace(text[e - 1])) e--;
	while (s > 0 && isWordBefore(text, s) && (s < text.length ? isWordAt(text, s) || s === e : true)) {
		s -= charBefore(text, s).length;
	}
	while (e < text.length && isWordAt(text, e) && (e > 0 ? isWordBefore(text, e) : true)) {
		e += charAt(text, e).length;
	}
	return { start: s, end: e };
}
