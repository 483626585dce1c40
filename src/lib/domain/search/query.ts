// The corpus search query language (issue 6), parsed into groups of clauses:
//
//   work            the word "work" (any case; é = e; å, æ, ø are letters of their own)
//   "sick leave"    the words in this order, next to each other in one speaker turn
//                   (punctuation between them is ignored); quoted words are never fuzzy
//   work*  *ing     wildcards: * any letters (or none), ? exactly one letter
//   job OR work     either (OR in capitals joins the clauses on both sides)
//   -manager        leave out sentences that contain "manager"
//   sick leave      several clauses: every one must occur in the same sentence
//
// A word that the word rules split ("sick-leave", "e-mail") is a phrase of its parts.

import { fold } from './tokens';

export type WordPattern =
	/** A word compared after folding; `exact` (quoted) words are not expanded by fuzzy matching. */
	| { kind: 'word'; text: string; exact: boolean }
	/** A folded pattern with * (any run, possibly empty) and ? (one character). */
	| { kind: 'wildcard'; pattern: string };

/** One word, or a phrase: several words that must follow each other. */
export interface Clause {
	words: WordPattern[];
	/** The clause as it was typed, for messages. */
	source: string;
}

export interface ParsedQuery {
	/** Every group must occur in one sentence; a group matches when any of its clauses does. */
	groups: Clause[][];
	/** Sentences containing any of these are left out. */
	exclude: Clause[];
	/** What was ignored, in words a user understands. */
	problems: string[];
}

// A word of the query: the word characters of the text plus the wildcards * and ?.
const QUERY_WORD = /[\p{L}\p{M}\p{N}*?]+(?:['’][\p{L}\p{M}\p{N}*?]+)*/gu;
const HAS_LITERAL = /[\p{L}\p{N}]/u;

interface Chunk {
	text: string;
	quoted: boolean;
	negated: boolean;
}

/** Splits the query at spaces, keeping "quoted phrases" (straight or curly quotes) together. */
function chunks(query: string): Chunk[] {
	const out: Chunk[] = [];
	let i = 0;
	const n = query.length;
	while (i < n) {
		while (i < n && /\s/.test(query[i])) i++;
		if (i >= n) break;
		let negated = false;
		if (query[i] === '-' && i + 1 < n && !/\s/.test(query[i + 1])) {
			negated = true;
			i++;
		}
		if (query[i] === '"' || query[i] === '“' || query[i] === '”') {
			i++;
			let j = i;
			while (j < n && query[j] !== '"' && query[j] !== '”' && query[j] !== '“') j++;
			// An unclosed quote runs to the end of the query.
			out.push({ text: query.slice(i, j), quoted: true, negated });
			i = j + 1;
			continue;
		}
		let j = i;
		while (j < n && !/\s/.test(query[j]) && query[j] !== '"' && query[j] !== '“') j++;
		out.push({ text: query.slice(i, j), quoted: false, negated });
		i = j;
	}
	return out;
}

function clauseOf(chunk: Chunk, problems: string[]): Clause | null {
	const words: WordPattern[] = [];
	for (const m of chunk.text.matchAll(QUERY_WORD)) {
		const piece = fold(m[0]);
		if (/[*?]/.test(piece)) {
			if (!HAS_LITERAL.test(piece)) {
				problems.push(`“${m[0]}” was left out: a wildcard needs at least one letter or digit.`);
				return null;
			}
			words.push({ kind: 'wildcard', pattern: piece.replace(/\*+/g, '*') });
		} else if (piece) {
			words.push({ kind: 'word', text: piece, exact: chunk.quoted });
		}
	}
	if (words.length === 0) {
		if (chunk.text.trim()) problems.push(`“${chunk.text.trim()}” was left out: it has no letters or digits to search for.`);
		return null;
	}
	const source = chunk.quoted ? `"${chunk.text.trim()}"` : chunk.text;
	return { words, source: chunk.negated ? `-${source}` : source };
}

/** Parses a query; an empty result (no groups) means there is nothing to search for. */
export function parseQuery(query: string): ParsedQuery {
	const problems: string[] = [];
	const groups: Clause[][] = [];
	const exclude: Clause[] = [];
	let joinNext = false;
	for (const c of chunks(query)) {
		if (!c.quoted && !c.negated && c.text === 'OR') {
			joinNext = groups.length > 0;
			continue;
		}
		const clause = clauseOf(c, problems);
		if (!clause) {
			joinNext = false;
			continue;
		}
		if (c.negated) {
			exclude.push(clause);
			joinNext = false;
		} else if (joinNext) {
			groups[groups.length - 1].push(clause);
			joinNext = false;
		} else {
			groups.push([clause]);
		}
	}
	if (groups.length === 0 && exclude.length > 0) problems.push('Add a word to find: a query cannot only leave words out.');
	return { groups, exclude, problems };
}

/** Whether the parsed query has anything to find. */
export function isSearchable(q: ParsedQuery): boolean {
	return q.groups.length > 0;
}

/** A wildcard pattern as an anchored regular expression over folded words. */
export function wildcardRegExp(pattern: string): RegExp {
	const body = pattern
		.split('')
		.map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
		.join('');
	return new RegExp(`^${body}$`, 'u');
}

/** The literal text before a pattern's first wildcard (for a prefix lookup). */
export function literalPrefix(pattern: string): string {
	const i = pattern.search(/[*?]/);
	return i < 0 ? pattern : pattern.slice(0, i);
}

/** How far (Damerau–Levenshtein) a fuzzy word may be from a word of the text. */
export function fuzzyDistance(word: string): number {
	const n = [...word].length;
	return n <= 3 ? 0 : n <= 7 ? 1 : 2;
}

/**
 * Optimal-string-alignment distance between a and b (insertions, deletions, substitutions
 * and swaps of neighbours), or max + 1 as soon as it must exceed max. Compares UTF-16 units.
 */
export function boundedDistance(a: string, b: string, max: number): number {
	const la = a.length;
	const lb = b.length;
	if (Math.abs(la - lb) > max) return max + 1;
	if (max === 0) return a === b ? 0 : 1;
	let prev2 = new Array<number>(lb + 1).fill(0);
	let prev = new Array<number>(lb + 1);
	let cur = new Array<number>(lb + 1);
	for (let j = 0; j <= lb; j++) prev[j] = j;
	for (let i = 1; i <= la; i++) {
		cur[0] = i;
		let rowMin = i;
		const ca = a.charCodeAt(i - 1);
		for (let j = 1; j <= lb; j++) {
			const cb = b.charCodeAt(j - 1);
			let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === cb ? 0 : 1));
			if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2] + 1);
			cur[j] = v;
			if (v < rowMin) rowMin = v;
		}
		if (rowMin > max) return max + 1;
		[prev2, prev, cur] = [prev, cur, prev2];
	}
	return Math.min(prev[lb], max + 1);
}

/** A code name suggested by a query: its words without quotes, wildcards or operators, capitalised. */
export function codeNameFromQuery(query: string): string {
	const words = query
		.split(/\s+/)
		.filter((w) => w && w !== 'OR' && !w.startsWith('-'))
		.map((w) => w.replace(/["“”*?]/g, ''))
		.filter(Boolean);
	const s = words.join(' ');
	return s ? s.charAt(0).toLocaleUpperCase() + s.slice(1) : '';
}
