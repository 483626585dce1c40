// Familiarisation notes and journal entries as data: where a note hangs (a passage is
// anchored exactly like a coding: offsets, quote and 32 characters of context, see
// anchors.ts), how notes are searched (case- and accent-insensitive; every word must match),
// sorted and grouped by transcript.

import { contextAround, normalizeSpan, verifyAnchor } from './anchors';
import type { Result } from './codebook';
import type { Coding, Id, Note, NoteTarget } from './types';

export type PassageTarget = Extract<NoteTarget, { type: 'passage' }>;

/**
 * The target for a note on [start, end) of a document's text: the span trimmed of
 * surrounding whitespace (never half a character), its quote and context, as for a coding.
 */
export function passageTarget(docId: Id, text: string, start: number, end: number): Result<{ target: PassageTarget }> {
	const span = normalizeSpan(text, start, end);
	if (!span.ok) return { ok: false, error: span.error.replace('to code', 'to write a note on') };
	return {
		ok: true,
		target: { type: 'passage', docId, start: span.start, end: span.end, quote: text.slice(span.start, span.end), ...contextAround(text, span.start, span.end) }
	};
}

/** The document a note belongs to (a note on a document or on one of its passages), else null. */
export function noteDocId(note: Note): Id | null {
	return note.target.type === 'document' || note.target.type === 'passage' ? note.target.docId : null;
}

/** The quoted passage of a passage note, '' for any other note. */
export function noteQuote(note: Note): string {
	return note.target.type === 'passage' ? note.target.quote : '';
}

// ---- search -------------------------------------------------------------------------------

/**
 * Text folded for matching: lower case, accents and other combining marks removed, and
 * typographic quotes and dashes written plainly (a transcript's “didn’t” is found by "didn't").
 */
export function foldForSearch(s: string): string {
	return s
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[‘’ʼ′]/g, "'")
		.replace(/[“”„″]/g, '"')
		.replace(/[‐‑‒–—]/g, '-')
		.replace(/ß/g, 'ss')
		.replace(/\s+/g, ' ');
}

/** The words of a query, folded; empty when the query is blank. */
export function queryWords(query: string): string[] {
	return foldForSearch(query).split(' ').filter((w) => w !== '');
}

/**
 * Whether every word of the query occurs (as a substring) in the note's text or in the
 * passage it quotes, or in `extra` (e.g. the transcript's name). A blank query matches.
 */
export function noteMatches(note: Note, query: string | readonly string[], extra = ''): boolean {
	const words = typeof query === 'string' ? queryWords(query) : query;
	if (words.length === 0) return true;
	const hay = foldForSearch(`${note.text}\n${noteQuote(note)}\n${extra}`);
	return words.every((w) => hay.includes(w));
}

/** The notes matching the query, in their given order. */
export function searchNotes<N extends Note>(notes: readonly N[], query: string, extra?: (note: N) => string): N[] {
	const words = queryWords(query);
	if (words.length === 0) return [...notes];
	return notes.filter((n) => noteMatches(n, words, extra ? extra(n) : ''));
}

// ---- order --------------------------------------------------------------------------------

export type NoteOrder = 'newest' | 'oldest' | 'text';

/**
 * Notes sorted: by when they were written (newest or oldest first), or in reading order —
 * transcripts in `docOrder` (ids; unknown documents last), within one a note on the whole
 * document first, then passage notes by where the passage starts (and ends), then by age.
 */
export function sortNotes<N extends Note>(notes: readonly N[], order: NoteOrder, docOrder: readonly Id[] = []): N[] {
	const byAge = (a: N, b: N) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);
	if (order === 'oldest') return [...notes].sort(byAge);
	if (order === 'newest') return [...notes].sort((a, b) => byAge(b, a));
	const rank = new Map(docOrder.map((id, i) => [id, i]));
	const docRank = (n: N) => {
		const d = noteDocId(n);
		return d === null ? Number.MAX_SAFE_INTEGER : (rank.get(d) ?? Number.MAX_SAFE_INTEGER - 1);
	};
	const start = (n: N) => (n.target.type === 'passage' ? n.target.start : -1);
	const end = (n: N) => (n.target.type === 'passage' ? n.target.end : -1);
	return [...notes].sort((a, b) => docRank(a) - docRank(b) || start(a) - start(b) || end(a) - end(b) || byAge(a, b));
}

/** Notes grouped by transcript, in `docOrder`; notes of documents not listed are left out. */
export function groupByDocument<N extends Note>(notes: readonly N[], docOrder: readonly Id[]): { docId: Id; notes: N[] }[] {
	const groups = new Map<Id, N[]>(docOrder.map((id) => [id, []]));
	for (const n of notes) {
		const d = noteDocId(n);
		if (d !== null) groups.get(d)?.push(n);
	}
	return [...groups].filter(([, list]) => list.length > 0).map(([docId, list]) => ({ docId, notes: list }));
}

/** How many notes each document has (on the document or on its passages). */
export function countByDocument(notes: readonly Note[]): Map<Id, number> {
	const out = new Map<Id, number>();
	for (const n of notes) {
		const d = noteDocId(n);
		if (d !== null) out.set(d, (out.get(d) ?? 0) + 1);
	}
	return out;
}

// ---- anchoring ----------------------------------------------------------------------------

export type NoteAnchor = { status: 'ok' } | { status: 'moved'; target: PassageTarget } | { status: 'orphaned' };

/** anchors.ts checks codings; a passage target carries the same anchor fields. */
function asAnchor(note: Note, t: PassageTarget): Coding {
	return { id: note.id, projectId: note.projectId, docId: t.docId, codeId: '', coderId: '', start: t.start, end: t.end, quote: t.quote, prefix: t.prefix, suffix: t.suffix, createdAt: note.createdAt };
}

/**
 * Checks a passage note against its document's text with the same rule as codings: the
 * offsets must still point at the quote; otherwise the quote is looked for again by text and
 * context (the new target has fresh offsets and context), or the note is orphaned (kept,
 * never dropped). Notes on anything but a passage are always 'ok'.
 */
export function anchorNote(text: string, note: Note): NoteAnchor {
	const t = note.target;
	if (t.type !== 'passage') return { status: 'ok' };
	const r = verifyAnchor(text, asAnchor(note, t));
	if (r.status !== 'moved') return r;
	return { status: 'moved', target: { ...t, start: r.start, end: r.end, quote: text.slice(r.start, r.end), ...contextAround(text, r.start, r.end) } };
}

/**
 * Re-anchors every passage note of one document: `moved` are the notes with their new
 * targets (to store), `orphaned` the ids of notes whose passage is gone from the text.
 */
export function reanchorNotes(text: string, notes: readonly Note[]): { moved: { before: Note; after: Note }[]; orphaned: Set<Id> } {
	const moved: { before: Note; after: Note }[] = [];
	const orphaned = new Set<Id>();
	for (const n of notes) {
		const a = anchorNote(text, n);
		if (a.status === 'moved') moved.push({ before: n, after: { ...n, target: a.target } });
		else if (a.status === 'orphaned') orphaned.add(n.id);
	}
	return { moved, orphaned };
}

/** A passage shortened for a list: whitespace collapsed, cut at a word near `max` characters. */
export function truncateQuote(s: string, max = 160): string {
	const t = s.replace(/\s+/g, ' ').trim();
	if (t.length <= max) return t;
	const cut = t.slice(0, max);
	const space = cut.lastIndexOf(' ');
	return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}
