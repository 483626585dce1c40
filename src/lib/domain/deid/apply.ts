// Applying de-identification: accepted findings and the analyst's own terms become one plan
// of replacements across the corpus, with consistent pseudonyms (the same person, normalised,
// gets the same pseudonym in every transcript; each part of a name keeps its pseudonym, so
// "Kristin Olsen", "Kristin" and "Olsen" stay one person) or category placeholders. The plan
// then rewrites texts, re-parses turns, and moves every coding, passage note and reconciliation
// decision with its words: a coding that covers part of a replaced identifier grows to cover
// the whole replacement, one whose whole quote was an identifier covers the replacement, and
// none is ever dropped. The pseudonym key lists what replaced what, for the analyst to keep
// apart from the project.

import { contextAround } from '../anchors';
import { naturalCompare } from '../themeTable';
import { parseTurns } from '../turns';
import type { Change, Coding, Decision, DocumentContent, Id, Note, TranscriptDocument, Turn } from '../types';
import { INSTITUTION_NOUNS, MONTHS, ORG_HEADS, ORG_SUFFIXES } from './lexicon';
import { FIRST_NAMES, FIRST_NAMES_FEMALE, FIRST_NAMES_MALE, SURNAMES } from './names';
import {
	ENGLISH_STREET_WORDS,
	PSEUDO_FEMALE,
	PSEUDO_MALE,
	PSEUDO_PLACES,
	PSEUDO_STREETS_EN,
	PSEUDO_STREETS_NO,
	PSEUDO_SURNAMES,
	PSEUDO_WORKPLACE_STEMS
} from './pseudonyms';
import { PLACEHOLDER, type DeidCategory, type ReplacementMode } from './types';

/** A finding the analyst accepted (possibly with its span or replacement edited). */
export interface AcceptedItem {
	docId: Id;
	start: number;
	end: number;
	category: DeidCategory;
	/** The replacement typed by the analyst; it then replaces the same detail everywhere. */
	replacement?: string;
}

/** A term the analyst added: replaced wherever it occurs as a whole word, in any case. */
export interface UserTerm {
	text: string;
	category: DeidCategory;
}

/** One stretch of one text and what replaces it. */
export interface Replacement {
	start: number;
	end: number;
	original: string;
	replacement: string;
	category: DeidCategory;
}

/** One line of the pseudonym key. */
export interface KeyEntry {
	original: string;
	replacement: string;
	category: DeidCategory;
	/** Names of the documents where it was replaced. */
	documents: string[];
}

export interface PlanInput {
	/** The texts (and turns, whose labels are never replaced) of the documents to de-identify. */
	docs: readonly { id: Id; name: string; text: string; turns: readonly Turn[] }[];
	items: readonly AcceptedItem[];
	terms?: readonly UserTerm[];
	modes: Record<DeidCategory, ReplacementMode>;
	/** An earlier key: the same originals get the same replacements again. */
	previousKey?: readonly KeyEntry[];
}

export interface Plan {
	/** Per document id: non-overlapping replacements in text order (documents without any are absent). */
	byDoc: Map<Id, Replacement[]>;
	key: KeyEntry[];
}

/** The form under which two mentions count as the same detail: case, spacing and a possessive ignored. */
export function normalise(text: string): string {
	return text
		.normalize('NFC')
		.replace(/['’]s$/u, '')
		.replace(/\s+/g, ' ')
		.trim()
		.toLowerCase();
}

/** Key lines that name the same replacement of the same detail share this. */
const keyEntryId = (e: Pick<KeyEntry, 'category' | 'original' | 'replacement'>) => `${e.category}\u0000${normalise(e.original)}\u0000${e.replacement}`;

/** Two keys as one: lines for the same replacement of the same detail joined, their documents merged. */
export function mergeKeys(a: readonly KeyEntry[], b: readonly KeyEntry[]): KeyEntry[] {
	const out = new Map<string, KeyEntry>();
	for (const e of [...a, ...b]) {
		const k = keyEntryId(e);
		const had = out.get(k);
		out.set(k, had ? { ...had, documents: [...new Set([...had.documents, ...e.documents])].sort(naturalCompare) } : { ...e });
	}
	return [...out.values()];
}

/** Where a term occurs as a whole word, any case, outside speaker labels. */
export function findTerm(text: string, term: string, turns: readonly Turn[] = []): { start: number; end: number }[] {
	const clean = term.trim();
	if (!clean) return [];
	const pattern = clean.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
	const re = new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])${pattern}(?![\\p{L}\\p{N}\\p{M}])`, 'giu');
	const out: { start: number; end: number }[] = [];
	for (const m of text.matchAll(re)) {
		const s = m.index;
		const e = s + m[0].length;
		if (turns.some((t) => s < t.textStart && t.start < e)) continue;
		out.push({ start: s, end: e });
	}
	return out;
}

/** Chooses a replacement for each accepted detail, consistently across the corpus. */
export function planReplacements(input: PlanInput): Plan {
	const docById = new Map(input.docs.map((d) => [d.id, d]));
	const pseudo = new Pseudonymiser(input.previousKey ?? []);
	// Every occurrence to replace: accepted items first, then the analyst's terms where no item is.
	const spans = new Map<Id, { start: number; end: number; category: DeidCategory; replacement?: string }[]>();
	for (const it of input.items) {
		const doc = docById.get(it.docId);
		if (!doc || it.start < 0 || it.end > doc.text.length || it.end <= it.start) continue;
		const list = spans.get(it.docId) ?? [];
		list.push({ start: it.start, end: it.end, category: it.category, replacement: it.replacement });
		spans.set(it.docId, list);
	}
	for (const term of input.terms ?? []) {
		for (const doc of input.docs) {
			for (const hit of findTerm(doc.text, term.text, doc.turns)) {
				const list = spans.get(doc.id) ?? [];
				list.push({ start: hit.start, end: hit.end, category: term.category });
				spans.set(doc.id, list);
			}
		}
	}
	// Typed replacements name the detail everywhere, so they are settled before any pseudonym.
	for (const [docId, list] of spans) {
		const text = docById.get(docId)!.text;
		for (const s of list) if (s.replacement !== undefined) pseudo.fix(s.category, text.slice(s.start, s.end), s.replacement);
	}
	const byDoc = new Map<Id, Replacement[]>();
	const keyDocs = new Map<string, { entry: KeyEntry; docs: Set<string> }>();
	for (const doc of input.docs) {
		const list = spans.get(doc.id);
		if (!list) continue;
		// Overlaps: the longer span wins (an edited span may have grown over a neighbour).
		const sorted = [...list].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
		const chosen: typeof list = [];
		for (const s of sorted) if (!chosen.some((c) => c.start < s.end && s.start < c.end)) chosen.push(s);
		chosen.sort((a, b) => a.start - b.start);
		const reps: Replacement[] = [];
		for (const s of chosen) {
			const original = doc.text.slice(s.start, s.end);
			const replacement = s.replacement ?? (input.modes[s.category] === 'placeholder' ? PLACEHOLDER[s.category] : pseudo.get(s.category, original));
			if (replacement === original) continue;
			reps.push({ start: s.start, end: s.end, original, replacement, category: s.category });
			const k = keyEntryId({ category: s.category, original, replacement });
			const entry = keyDocs.get(k) ?? { entry: { original, replacement, category: s.category, documents: [] }, docs: new Set<string>() };
			entry.docs.add(doc.name);
			keyDocs.set(k, entry);
		}
		if (reps.length) byDoc.set(doc.id, reps);
	}
	const key = [...keyDocs.values()]
		.map(({ entry, docs }) => ({ ...entry, documents: [...docs].sort(naturalCompare) }))
		.sort((a, b) => a.category.localeCompare(b.category) || a.original.localeCompare(b.original));
	return { byDoc, key };
}

/**
 * Hands out pseudonyms: one per normalised original and category; names part by part (each
 * first name and surname its own pseudonym, the first name's gender kept when known).
 */
class Pseudonymiser {
	#whole = new Map<string, string>();
	#parts = new Map<string, string>();
	#used = new Set<string>();
	#counters = new Map<string, number>();

	constructor(previous: readonly KeyEntry[]) {
		for (const e of previous) this.fix(e.category, e.original, e.replacement);
	}

	/** Settles the replacement of one original (an earlier key, or one the analyst typed). */
	fix(category: DeidCategory, original: string, replacement: string): void {
		this.#whole.set(`${category}\u0000${normalise(original)}`, replacement);
		this.#used.add(replacement.toLowerCase());
		if (category === 'name') {
			const a = original.trim().split(/\s+/);
			const b = replacement.trim().split(/\s+/);
			if (a.length === b.length) a.forEach((p, i) => this.#parts.set(normalise(p), b[i]));
		}
	}

	get(category: DeidCategory, original: string): string {
		const k = `${category}\u0000${normalise(original)}`;
		const known = this.#whole.get(k);
		if (known !== undefined) return known;
		const made = this.#make(category, original);
		this.#whole.set(k, made);
		return made;
	}

	#next(pool: readonly string[], bucket: string, suffixed = true): string {
		for (;;) {
			const n = this.#counters.get(bucket) ?? 0;
			this.#counters.set(bucket, n + 1);
			const base = pool[n % pool.length];
			const round = Math.floor(n / pool.length);
			const value = round === 0 || !suffixed ? base : `${base}${round + 1}`;
			if (!this.#used.has(value.toLowerCase())) {
				this.#used.add(value.toLowerCase());
				return value;
			}
		}
	}

	#count(bucket: string): number {
		const n = (this.#counters.get(bucket) ?? 0) + 1;
		this.#counters.set(bucket, n);
		return n;
	}

	#make(category: DeidCategory, original: string): string {
		switch (category) {
			case 'name':
				return this.#name(original);
			case 'place':
				return this.#next(PSEUDO_PLACES, 'place');
			case 'workplace':
				return this.#workplace(original);
			case 'address':
				return this.#address(original);
			case 'phone': {
				const n = this.#count('phone');
				return fakeDigits(original, n);
			}
			case 'email':
				return `person${this.#count('email')}@example.org`;
			case 'date_of_birth':
				return dateKeepingYear(original);
			case 'national_id': {
				const n = this.#count('national_id');
				return fakeDigits(original, n);
			}
			case 'other':
				return `[removed ${this.#count('other')}]`;
		}
	}

	#name(original: string): string {
		const parts = original.trim().split(/(\s+)/);
		const words = parts.filter((p, i) => i % 2 === 0);
		return parts
			.map((p, i) => {
				if (i % 2 === 1) return p;
				const w = i / 2;
				const key = normalise(p);
				const known = this.#parts.get(key);
				if (known) return known;
				const asSurname = words.length > 1 ? w > 0 : SURNAMES.has(key) && !FIRST_NAMES.has(key);
				const made = asSurname
					? this.#next(PSEUDO_SURNAMES, 'surname')
					: FIRST_NAMES_MALE.has(key) && !FIRST_NAMES_FEMALE.has(key)
						? this.#next(PSEUDO_MALE, 'male')
						: FIRST_NAMES_FEMALE.has(key) && !FIRST_NAMES_MALE.has(key)
							? this.#next(PSEUDO_FEMALE, 'female')
							: this.#next(this.#count('unknown-gender') % 2 ? PSEUDO_FEMALE : PSEUDO_MALE, 'any');
				this.#parts.set(key, made);
				return made;
			})
			.join('');
	}

	/** Keeps the kind of workplace: "Tusenfryd barnehage" → "Lerkely barnehage", "Universitetet i Bergen" → "Universitetet i Solnes". */
	#workplace(original: string): string {
		const words = original.trim().split(/\s+/);
		const stem = this.#next(PSEUDO_WORKPLACE_STEMS, 'workplace');
		if (words.length > 1 && ORG_HEADS.has(words[0].toLowerCase())) {
			const link = /^(?:for|i|in|of|på)$/.test(words[1]) ? `${words[1]} ` : '';
			return `${words[0]} ${link}${stem}`;
		}
		let k = words.length;
		while (k > 1 && (ORG_SUFFIXES.has(words[k - 1]) || INSTITUTION_NOUNS.has(words[k - 1].toLowerCase()) || words[k - 1] === 'A/S')) k--;
		return k < words.length ? [stem, ...words.slice(k)].join(' ') : stem;
	}

	#address(original: string): string {
		const n = this.#count('address');
		if (/^\s*(?:Flat\s+\d+\w?,?\s+)?\d/.test(original)) {
			const street = PSEUDO_STREETS_EN[(n - 1) % PSEUDO_STREETS_EN.length];
			const kind = ENGLISH_STREET_WORDS[(n - 1) % ENGLISH_STREET_WORDS.length];
			return `${n + 1} ${street} ${kind}`;
		}
		return `${PSEUDO_STREETS_NO[(n - 1) % PSEUDO_STREETS_NO.length]} ${n + 1}`;
	}
}

/** Every digit zeroed except a running number at the end, the grouping and any + prefix kept: "968 73 202" → "000 00 001". */
function fakeDigits(original: string, n: number): string {
	const tail = String(n);
	const digits = original.replace(/\D/g, '').length;
	let left = Math.max(0, digits - tail.length);
	let t = 0;
	let out = '';
	for (const ch of original) {
		if (/\d/.test(ch)) out += left-- > 0 ? '0' : tail[t++] ?? '0';
		else out += ch;
	}
	// A +47 country code stays a country code.
	return out.replace(/^(\+|00)0{2}/, (m) => (original.startsWith('+47') ? '+47' : original.startsWith('0047') ? '0047' : m));
}

/** A date of birth moved to the first of January of the same year, in the same format. */
function dateKeepingYear(original: string): string {
	const year = /((?:19|20)\d{2})/.exec(original)?.[1];
	// A year alone cannot keep its year and change: it becomes the placeholder.
	if (!year || /^\s*(?:19|20)\d{2}\s*$/.test(original)) return PLACEHOLDER.date_of_birth;
	let m: RegExpExecArray | null;
	if ((m = /^(\d{1,2})([./-])(\d{1,2})\2\d{4}$/.exec(original.trim()))) return `01${m[2]}01${m[2]}${year}`;
	if (/^\d{4}-\d{2}-\d{2}$/.test(original.trim())) return `${year}-01-01`;
	const month = new RegExp(`\\b(${Object.keys(MONTHS).join('|')})\\b`, 'i').exec(original)?.[1];
	if (month) {
		const norwegian = /^(?:januar|februar|mars|mai|juni|juli|oktober|desember)$/i.test(month) || /\d\.\s/.test(original);
		if (/^\p{L}/u.test(original.trim())) return `January 1, ${year}`;
		return norwegian ? `1. januar ${year}` : `1 January ${year}`;
	}
	return year;
}

// ---- rewriting texts and moving anchors ----------------------------------------------------

interface Placed extends Replacement {
	newStart: number;
	newEnd: number;
}

/** The text with the replacements made, and where each replacement now lies. */
export function rewrite(text: string, reps: readonly Replacement[]): { text: string; placed: Placed[] } {
	let out = '';
	let pos = 0;
	const placed: Placed[] = [];
	for (const r of reps) {
		out += text.slice(pos, r.start);
		const newStart = out.length;
		out += r.replacement;
		placed.push({ ...r, newStart, newEnd: out.length });
		pos = r.end;
	}
	out += text.slice(pos);
	return { text: out, placed };
}

/** Index of the last replacement starting before x (binary search), or -1. */
function lastStartingBefore(placed: readonly Placed[], x: number): number {
	let lo = 0;
	let hi = placed.length - 1;
	let ans = -1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if (placed[mid].start < x) {
			ans = mid;
			lo = mid + 1;
		} else hi = mid - 1;
	}
	return ans;
}

/** A position outside every replacement, moved by the replacements before it. */
function shift(placed: readonly Placed[], x: number): number {
	const i = lastStartingBefore(placed, x + 1);
	if (i < 0) return x;
	const r = placed[i];
	if (x >= r.end) return x + (r.newEnd - r.end);
	return r.newStart; // x === r.start (callers handle positions strictly inside)
}

/**
 * Where a span [start, end) lies after the replacements: a boundary inside a replaced stretch
 * moves outwards to cover the whole replacement, so the span keeps covering its words.
 */
export function mapSpan(placed: readonly Placed[], start: number, end: number): { start: number; end: number } {
	let s: number;
	const i = lastStartingBefore(placed, start);
	if (i >= 0 && start < placed[i].end) s = placed[i].newStart;
	else s = shift(placed, start);
	let e: number;
	const j = lastStartingBefore(placed, end);
	if (j >= 0 && end <= placed[j].end) e = placed[j].newEnd;
	else e = shift(placed, end);
	if (end > start && e < s) e = s;
	return { start: s, end: e };
}

/** Replaces the originals inside a stored quote or context string (for codings whose offsets no longer fit). */
function scrub(s: string, reps: readonly Replacement[]): string {
	let out = s;
	for (const r of [...reps].sort((a, b) => b.original.length - a.original.length)) {
		for (const hit of findTerm(out, r.original).reverse()) out = out.slice(0, hit.start) + r.replacement + out.slice(hit.end);
	}
	return out;
}

export interface ApplyInput {
	rows: readonly { doc: TranscriptDocument; content: DocumentContent }[];
	plan: Plan;
	codings: readonly Coding[];
	notes: readonly Note[];
	decisions: readonly Decision[];
}

export interface ApplyResult {
	/** The documents whose text changed, with new length, turn count and text (fingerprint: the caller's to recompute). */
	rows: { doc: TranscriptDocument; content: DocumentContent }[];
	changes: Change[];
	counts: { replacements: number; documents: number; codings: number; notes: number; decisions: number };
}

/**
 * New texts and turns for every document with replacements, and the changes that move its
 * codings, passage notes and decisions with their words. Nothing is dropped: every anchored
 * row of a changed document comes back with fresh offsets, quote and context.
 */
export function applyPlan(input: ApplyInput): ApplyResult {
	const rows: ApplyResult['rows'] = [];
	const changes: Change[] = [];
	const counts = { replacements: 0, documents: 0, codings: 0, notes: 0, decisions: 0 };
	const placedByDoc = new Map<Id, { placed: Placed[]; text: string; oldText: string }>();
	for (const { doc, content } of input.rows) {
		const reps = input.plan.byDoc.get(doc.id);
		if (!reps?.length) continue;
		const { text, placed } = rewrite(content.text, reps);
		const turns = parseTurns(text, [...new Set(content.turns.map((t) => t.speaker))]);
		rows.push({ doc: { ...doc, length: text.length, turnCount: turns.length }, content: { docId: doc.id, text, turns } });
		placedByDoc.set(doc.id, { placed, text, oldText: content.text });
		counts.replacements += reps.length;
		counts.documents++;
	}
	for (const c of input.codings) {
		const p = placedByDoc.get(c.docId);
		if (!p) continue;
		const fits = p.oldText.slice(c.start, c.end) === c.quote;
		let after: Coding;
		if (fits) {
			const span = mapSpan(p.placed, c.start, c.end);
			after = { ...c, start: span.start, end: span.end, quote: p.text.slice(span.start, span.end), ...contextAround(p.text, span.start, span.end) };
		} else {
			// Its offsets no longer point at its quote (it is orphaned or about to be re-anchored):
			// keep it, with the identifiers in its stored quote and context replaced too.
			after = { ...c, quote: scrub(c.quote, p.placed), prefix: scrub(c.prefix, p.placed), suffix: scrub(c.suffix, p.placed) };
		}
		if (after.start !== c.start || after.end !== c.end || after.quote !== c.quote || after.prefix !== c.prefix || after.suffix !== c.suffix) {
			changes.push({ kind: 'coding', before: c, after });
			counts.codings++;
		}
	}
	for (const n of input.notes) {
		if (n.target.type !== 'passage') continue;
		const p = placedByDoc.get(n.target.docId);
		if (!p) continue;
		const t = n.target;
		const fits = p.oldText.slice(t.start, t.end) === t.quote;
		const target = fits
			? (() => {
					const span = mapSpan(p.placed, t.start, t.end);
					return { ...t, start: span.start, end: span.end, quote: p.text.slice(span.start, span.end), ...contextAround(p.text, span.start, span.end) };
				})()
			: { ...t, quote: scrub(t.quote, p.placed), prefix: scrub(t.prefix, p.placed), suffix: scrub(t.suffix, p.placed) };
		if (JSON.stringify(target) !== JSON.stringify(t)) {
			changes.push({ kind: 'note', before: n, after: { ...n, target } });
			counts.notes++;
		}
	}
	for (const d of input.decisions) {
		const p = placedByDoc.get(d.docId);
		if (!p) continue;
		const span = mapSpan(p.placed, d.start, d.end);
		if (span.start !== d.start || span.end !== d.end) {
			changes.push({ kind: 'decision', before: d, after: { ...d, start: span.start, end: span.end } });
			counts.decisions++;
		}
	}
	return { rows, changes, counts };
}

/**
 * The key as CSV (RFC 4180, CRLF, a UTF-8 BOM so Excel reads æøå right): original,
 * replacement, category, documents. A cell starting with = + - or @ gets a leading ' so a
 * spreadsheet never runs it as a formula (as every CSV Tema writes).
 */
export function keyToCsv(key: readonly KeyEntry[]): string {
	const cell = (raw: string) => {
		const v = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
		return /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
	};
	const lines = [['original', 'replacement', 'category', 'documents'], ...key.map((k) => [k.original, k.replacement, k.category, k.documents.join('; ')])];
	return '\uFEFF' + lines.map((l) => l.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Reads a key written by keyToCsv (to keep pseudonyms consistent in a later round); null if it is not one. */
export function keyFromCsv(csv: string): KeyEntry[] | null {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	const text = csv.replace(/^\uFEFF/, '');
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			row.push(cell);
			cell = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += ch;
	}
	if (cell !== '' || row.length) {
		row.push(cell);
		rows.push(row);
	}
	const [head, ...body] = rows.filter((r) => r.some((c) => c !== ''));
	if (!head || head.slice(0, 3).join(',').toLowerCase() !== 'original,replacement,category') return null;
	const cats = new Set<string>(Object.keys(PLACEHOLDER));
	const out: KeyEntry[] = [];
	for (const r of body) {
		if (!cats.has(r[2])) return null;
		const unescape = (v: string) => (/^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v);
		out.push({ original: unescape(r[0]), replacement: unescape(r[1]), category: r[2] as DeidCategory, documents: (r[3] ?? '').split(/;\s*/).filter(Boolean) });
	}
	return out;
}
