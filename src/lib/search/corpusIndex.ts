// The corpus index behind search and autocoding (issue 6). fuse.js scans every item per query,
// which is fine for a codebook but not for 1.5 million words; this is an inverted index.
//
// Design: one small index per transcript (like a search engine's segments), so adding or
// removing a transcript touches only its own part and the shared vocabulary counts. Per
// transcript: every word's offsets, term id and sentence in typed arrays (token order), its
// sentences and spoken regions, and postings stored as CSR arrays (distinct term ids, sorted;
// offsets; token indices), found by binary search. The vocabulary (folded word → term id) is
// shared; a sorted copy answers prefix wildcards by binary search, length buckets bound
// fuzzy matching, and other wildcards scan it (it is small: tens of thousands of words).
// Phrases check neighbouring tokens against a bitmap of each position's allowed terms.

import { boundedDistance, fuzzyDistance, literalPrefix, wildcardRegExp, type Clause, type ParsedQuery, type WordPattern } from '../domain/search/query';
import { fold, forEachWord, sentencesIn, spokenRegions, type Region } from '../domain/search/tokens';
import type { Id, SpeakerRole, Turn } from '../domain/types';

export interface IndexInput {
	id: Id;
	text: string;
	turns: readonly Turn[];
	/** Identifies this version of the text (e.g. its fingerprint): a changed key means re-index. */
	key?: string;
}

export interface SearchRestrictions {
	/** Search these documents, in this order (default: every indexed document, in the order added). */
	docIds?: readonly Id[] | null;
	/** Only participants' speech. */
	participantsOnly?: boolean;
	/** Only text inside these stretches (per document, [start, end) pairs, any order or overlap). */
	coded?: ReadonlyMap<Id, readonly (readonly [number, number])[]> | null;
	/** Expand plain words to close spellings (see fuzzyDistance). */
	fuzzy?: boolean;
}

/** One occurrence of a clause: a word or a phrase. */
export interface SearchHit {
	docId: Id;
	start: number;
	end: number;
	/** The document's sentence (index) and spoken region (index) the hit is in. */
	sentence: number;
	region: number;
}

/** The hits in one document, compactly: [first token, last token] per hit, in text order. */
export interface DocHits {
	docId: Id;
	count: number;
	pairs: Int32Array;
}

export interface SearchResult {
	/** Hits in all documents. */
	total: number;
	/** Documents with at least one hit, in search order. */
	docs: DocHits[];
	/** The words of the text that matched, when wildcards or fuzzy matching widened the query. */
	expanded: string[];
}

interface DocIndex {
	id: Id;
	key: string | undefined;
	text: string;
	turns: readonly Turn[];
	regions: Region[];
	sentStart: Int32Array;
	sentEnd: Int32Array;
	sentRegion: Int32Array;
	/** 1 where the sentence is participant speech (the participants-only filter reads this). */
	sentParticipant: Uint8Array;
	tokStart: Int32Array;
	tokEnd: Int32Array;
	tokTerm: Int32Array;
	tokSent: Int32Array;
	/** Postings: distinct term ids (ascending), offsets into pTok (length + 1), token indices. */
	pTerm: Int32Array;
	pOff: Int32Array;
	pTok: Int32Array;
}

/** A clause resolved against the vocabulary: for each word, the terms it allows. */
interface Resolved {
	words: { terms: number[]; allowed: Uint8Array }[];
}

const EMPTY = new Int32Array(0);

export class CorpusIndex {
	#docs = new Map<Id, DocIndex>();
	#termOf = new Map<string, number>();
	#terms: string[] = [];
	/** How many documents hold each term (a term at 0 is kept but no longer matches). */
	#docFreq: number[] = [];
	/** Raw word → term id, so each distinct spelling is folded once (see RawTable). */
	#rawTerm = new RawTable();
	#sorted: number[] | null = null;
	#byLength: Map<number, number[]> | null = null;

	get size(): number {
		return this.#docs.size;
	}

	/** Words in the index. */
	get tokenCount(): number {
		let n = 0;
		for (const d of this.#docs.values()) n += d.tokStart.length;
		return n;
	}

	/** Distinct words (folded) present in at least one document. */
	get vocabularySize(): number {
		return this.#docFreq.reduce((n, f) => n + (f > 0 ? 1 : 0), 0);
	}

	/**
	 * Roughly how much memory the index holds, in bytes: its typed arrays exactly, plus an
	 * estimate for region objects and vocabulary strings (the texts themselves are shared).
	 */
	memoryBytes(): number {
		let n = 0;
		for (const d of this.#docs.values()) {
			for (const a of [d.sentStart, d.sentEnd, d.sentRegion, d.sentParticipant, d.tokStart, d.tokEnd, d.tokTerm, d.tokSent, d.pTerm, d.pOff, d.pTok]) n += a.byteLength;
			n += d.regions.length * 48;
		}
		for (const t of this.#terms) n += 2 * t.length + 40;
		n += this.#rawTerm.memoryBytes();
		return n;
	}

	has(id: Id, key?: string): boolean {
		const d = this.#docs.get(id);
		return !!d && (key === undefined || d.key === key);
	}

	ids(): Id[] {
		return [...this.#docs.keys()];
	}

	/** Adds one document, or replaces it (keeping its place in the search order). */
	add(input: IndexInput): void {
		const old = this.#docs.get(input.id);
		if (old) this.#release(old);
		const { text } = input;
		const regions = spokenRegions(text, input.turns);
		const sentStart: number[] = [];
		const sentEnd: number[] = [];
		const sentRegion: number[] = [];
		// A word takes at least one character and one separator: half the text bounds the count.
		const cap = (text.length >> 1) + 1;
		const tokStart = new Int32Array(cap);
		const tokEnd = new Int32Array(cap);
		const tokTerm = new Int32Array(cap);
		const tokSent = new Int32Array(cap);
		let n = 0;
		let si = 0;
		const rawTerm = this.#rawTerm;
		const emit = (ws: number, we: number) => {
			let term = rawTerm.get(text, ws, we);
			if (term === undefined) {
				const raw = text.slice(ws, we);
				const folded = fold(raw);
				term = folded ? this.#termId(folded) : -1;
				rawTerm.set(raw, term);
			}
			if (term < 0) return;
			tokStart[n] = ws;
			tokEnd[n] = we;
			tokTerm[n] = term;
			tokSent[n] = si;
			n++;
		};
		for (let ri = 0; ri < regions.length; ri++) {
			const r = regions[ri];
			for (const [s, e] of sentencesIn(text, r.start, r.end)) {
				si = sentStart.length;
				sentStart.push(s);
				sentEnd.push(e);
				sentRegion.push(ri);
				forEachWord(text, s, e, emit);
			}
		}
		// Postings in CSR form: count per term, then place token indices (already ascending).
		const counts = new Int32Array(this.#terms.length);
		for (let i = 0; i < n; i++) counts[tokTerm[i]]++;
		let distinct = 0;
		for (let t = 0; t < counts.length; t++) if (counts[t] > 0) distinct++;
		const pTerm = new Int32Array(distinct);
		const pOff = new Int32Array(distinct + 1);
		const slot = new Int32Array(counts.length);
		for (let t = 0, k = 0; t < counts.length; t++) {
			if (counts[t] === 0) continue;
			pTerm[k] = t;
			slot[t] = pOff[k];
			pOff[k + 1] = pOff[k] + counts[t];
			k++;
			if (++this.#docFreq[t] === 1) this.#vocabularyChanged();
		}
		const pTok = new Int32Array(n);
		for (let i = 0; i < n; i++) pTok[slot[tokTerm[i]]++] = i;
		this.#docs.set(input.id, {
			id: input.id,
			key: input.key,
			text,
			turns: input.turns,
			regions,
			sentStart: Int32Array.from(sentStart),
			sentEnd: Int32Array.from(sentEnd),
			sentRegion: Int32Array.from(sentRegion),
			sentParticipant: Uint8Array.from(sentRegion, (ri) => (regions[ri].role === 'participant' ? 1 : 0)),
			tokStart: tokStart.slice(0, n),
			tokEnd: tokEnd.slice(0, n),
			tokTerm: tokTerm.slice(0, n),
			tokSent: tokSent.slice(0, n),
			pTerm,
			pOff,
			pTok
		});
	}

	/** Removes one document (nothing happens when it is not indexed). */
	remove(id: Id): void {
		const d = this.#docs.get(id);
		if (!d) return;
		this.#release(d);
		this.#docs.delete(id);
	}

	/** Takes a document's words out of the vocabulary counts. */
	#release(d: DocIndex): void {
		for (const t of d.pTerm) if (--this.#docFreq[t] === 0) this.#vocabularyChanged();
	}

	#termId(folded: string): number {
		let id = this.#termOf.get(folded);
		if (id === undefined) {
			id = this.#terms.length;
			this.#terms.push(folded);
			this.#termOf.set(folded, id);
			this.#docFreq.push(0);
		}
		return id;
	}

	#vocabularyChanged(): void {
		this.#sorted = null;
		this.#byLength = null;
	}

	/** Live term ids sorted by their folded text (for prefix lookups). */
	#sortedTerms(): number[] {
		if (!this.#sorted) {
			const live: number[] = [];
			for (let t = 0; t < this.#terms.length; t++) if (this.#docFreq[t] > 0) live.push(t);
			const terms = this.#terms;
			live.sort((a, b) => (terms[a] < terms[b] ? -1 : terms[a] > terms[b] ? 1 : 0));
			this.#sorted = live;
		}
		return this.#sorted;
	}

	#termsByLength(): Map<number, number[]> {
		if (!this.#byLength) {
			const m = new Map<number, number[]>();
			for (let t = 0; t < this.#terms.length; t++) {
				if (this.#docFreq[t] === 0) continue;
				const n = this.#terms[t].length;
				let list = m.get(n);
				if (!list) m.set(n, (list = []));
				list.push(t);
			}
			this.#byLength = m;
		}
		return this.#byLength;
	}

	/** Term ids a query word stands for. */
	#resolveWord(w: WordPattern, fuzzy: boolean): number[] {
		if (w.kind === 'word') {
			if (!fuzzy || w.exact || fuzzyDistance(w.text) === 0) {
				const t = this.#termOf.get(w.text);
				return t !== undefined && this.#docFreq[t] > 0 ? [t] : [];
			}
			const max = fuzzyDistance(w.text);
			const out: number[] = [];
			const byLength = this.#termsByLength();
			for (let n = w.text.length - max; n <= w.text.length + max; n++) {
				for (const t of byLength.get(n) ?? []) if (boundedDistance(w.text, this.#terms[t], max) <= max) out.push(t);
			}
			return out;
		}
		const prefix = literalPrefix(w.pattern);
		const sorted = this.#sortedTerms();
		const terms = this.#terms;
		let lo = 0;
		let hi = sorted.length;
		if (prefix) {
			lo = lowerBound(sorted, (t) => terms[t] >= prefix);
			hi = lowerBound(sorted, (t) => !terms[t].startsWith(prefix), lo);
		}
		// A plain prefix ("work*") needs no pattern test; anything else does.
		const onlyPrefix = w.pattern === `${prefix}*`;
		const re = onlyPrefix ? null : wildcardRegExp(w.pattern);
		const out: number[] = [];
		for (let i = lo; i < hi; i++) if (!re || re.test(terms[sorted[i]])) out.push(sorted[i]);
		return out;
	}

	#resolve(clause: Clause, fuzzy: boolean): Resolved {
		const phrase = clause.words.length > 1;
		return {
			words: clause.words.map((w) => {
				const terms = this.#resolveWord(w, fuzzy);
				// Only a phrase checks neighbours against the allowed terms.
				const allowed = new Uint8Array(phrase ? this.#terms.length : 0);
				if (phrase) for (const t of terms) allowed[t] = 1;
				return { terms, allowed };
			})
		};
	}

	/** Token indices (ascending) of the tokens of d with one of the given terms. */
	#postings(d: DocIndex, terms: readonly number[]): Int32Array {
		const lists: Int32Array[] = [];
		for (const t of terms) {
			const i = binarySearch(d.pTerm, t);
			if (i >= 0) lists.push(d.pTok.subarray(d.pOff[i], d.pOff[i + 1]));
		}
		if (lists.length === 0) return EMPTY;
		// One list is a view into the postings: only a merged copy may be sorted in place.
		return lists.length === 1 ? lists[0] : concat(lists).sort();
	}

	/** Occurrences of a clause in d as [first token, last token] pairs, in text order. */
	#occurrences(d: DocIndex, r: Resolved): Int32Array {
		const len = r.words.length;
		if (len === 1) {
			const list = this.#postings(d, r.words[0].terms);
			const out = new Int32Array(list.length * 2);
			for (let i = 0; i < list.length; i++) out[2 * i] = out[2 * i + 1] = list[i];
			return out;
		}
		// Anchor the phrase on its rarest word, then check the neighbours.
		let anchor = 0;
		let anchorList: Int32Array | null = null;
		for (let k = 0; k < len; k++) {
			const list = this.#postings(d, r.words[k].terms);
			if (list.length === 0) return EMPTY;
			if (!anchorList || list.length < anchorList.length) {
				anchor = k;
				anchorList = list;
			}
		}
		const out: number[] = [];
		const n = d.tokTerm.length;
		for (const t of anchorList!) {
			const first = t - anchor;
			const last = first + len - 1;
			if (first < 0 || last >= n) continue;
			let ok = d.sentRegion[d.tokSent[first]] === d.sentRegion[d.tokSent[last]];
			for (let k = 0; ok && k < len; k++) if (k !== anchor && !r.words[k].allowed[d.tokTerm[first + k]]) ok = false;
			if (ok) out.push(first, last);
		}
		return Int32Array.from(out);
	}

	/**
	 * Runs a parsed query. Restrictions filter occurrences first (participant speech, coded
	 * text); then a sentence counts when it holds an occurrence of every group and none of an
	 * excluded clause, and every remaining occurrence in such a sentence is a hit.
	 */
	search(query: ParsedQuery, restrict: SearchRestrictions = {}): SearchResult {
		const docs: DocHits[] = [];
		if (query.groups.length === 0) return { total: 0, docs, expanded: [] };
		const fuzzy = !!restrict.fuzzy;
		const groups = query.groups.map((g) => g.map((c) => this.#resolve(c, fuzzy)));
		const exclude = query.exclude.map((c) => this.#resolve(c, false));
		const order = restrict.docIds ?? [...this.#docs.keys()];
		const simple = groups.length === 1 && exclude.length === 0;
		let total = 0;
		for (const id of order) {
			const d = this.#docs.get(id);
			if (!d) continue;
			const coded = restrict.coded ? mergeSpans(restrict.coded.get(id) ?? []) : null;
			if (coded && coded.length === 0) continue;
			const filter = !!restrict.participantsOnly || !!coded;
			const keep = (first: number, last: number): boolean => {
				if (restrict.participantsOnly && d.sentParticipant[d.tokSent[first]] === 0) return false;
				return !coded || inside(coded, d.tokStart[first], d.tokEnd[last]);
			};
			const perGroup: Int32Array[] = [];
			for (const g of groups) {
				const parts: Int32Array[] = [];
				for (const c of g) {
					const o = this.#occurrences(d, c);
					if (o.length) parts.push(filter ? filterPairs(o, keep) : o);
				}
				const occ = parts.length === 1 ? parts[0] : concat(parts);
				if (occ.length === 0) break;
				perGroup.push(occ);
			}
			if (perGroup.length < groups.length) continue;
			let pairs: Int32Array;
			if (simple) {
				pairs = groups[0].length > 1 ? sortPairs(perGroup[0]) : perGroup[0];
			} else {
				// Per sentence, how many groups (in order) it holds; an excluded clause clears it.
				const seen = new Int32Array(d.sentStart.length);
				for (let gi = 0; gi < perGroup.length; gi++) {
					const occ = perGroup[gi];
					for (let i = 0; i < occ.length; i += 2) {
						const s = d.tokSent[occ[i]];
						if (seen[s] === gi) seen[s] = gi + 1;
					}
				}
				for (const x of exclude) {
					const o = this.#occurrences(d, x);
					for (let i = 0; i < o.length; i += 2) seen[d.tokSent[o[i]]] = -1;
				}
				const need = perGroup.length;
				const kept: Int32Array[] = perGroup.map((occ) => filterPairs(occ, (first) => seen[d.tokSent[first]] === need));
				pairs = sortPairs(concat(kept));
			}
			if (pairs.length === 0) continue;
			docs.push({ docId: id, count: pairs.length / 2, pairs });
			total += pairs.length / 2;
		}
		// The words of the text a wildcard or fuzzy word stood for, to show what was searched.
		const expanded = new Set<string>();
		query.groups.forEach((g, gi) =>
			g.forEach((c, ci) =>
				c.words.forEach((w, wi) => {
					const terms = groups[gi][ci].words[wi].terms;
					if (w.kind === 'wildcard' || terms.some((t) => this.#terms[t] !== w.text)) for (const t of terms) expanded.add(this.#terms[t]);
				})
			)
		);
		return { total, docs, expanded: [...expanded].sort() };
	}

	/** The i-th hit of a document's hits. */
	hit(dh: DocHits, i: number): SearchHit {
		const d = this.#docs.get(dh.docId)!;
		const first = dh.pairs[2 * i];
		const last = dh.pairs[2 * i + 1];
		const sentence = d.tokSent[first];
		return { docId: dh.docId, start: d.tokStart[first], end: d.tokEnd[last], sentence, region: d.sentRegion[sentence] };
	}

	/** Hits from..to (exclusive) of a document's hits. */
	hits(dh: DocHits, from = 0, to = dh.count): SearchHit[] {
		const out: SearchHit[] = [];
		for (let i = from; i < Math.min(to, dh.count); i++) out.push(this.hit(dh, i));
		return out;
	}

	/** Every hit of a result, document by document. */
	allHits(result: SearchResult): SearchHit[] {
		return result.docs.flatMap((dh) => this.hits(dh));
	}

	// ---- what a hit is inside -------------------------------------------------------------

	text(docId: Id): string | undefined {
		return this.#docs.get(docId)?.text;
	}

	/** The sentence a hit is in, as [start, end). */
	sentenceSpan(hit: SearchHit): [number, number] {
		const d = this.#docs.get(hit.docId)!;
		return [d.sentStart[hit.sentence], d.sentEnd[hit.sentence]];
	}

	/** The spoken region a hit is in: its speaker turn's words, or its paragraph. */
	region(hit: SearchHit): Region & { speaker: string | null } {
		const d = this.#docs.get(hit.docId)!;
		const r = d.regions[hit.region];
		return { ...r, speaker: r.turn >= 0 ? d.turns[r.turn].speaker : null };
	}

	/** The role of the speaker of a hit (null outside every turn). */
	role(hit: SearchHit): SpeakerRole | null {
		return this.#docs.get(hit.docId)?.regions[hit.region]?.role ?? null;
	}
}

/**
 * Raw spelling → term id, looked up straight from the text (no substring per word): an
 * open-addressing hash table over the words' UTF-16 units. Indexing 1.5 million words spends
 * most of its time finding each word's term; this halves that against slice + Map.
 */
class RawTable {
	#hashes = new Int32Array(1024);
	/** '' marks an empty slot (a word is never empty); a packed array reads faster than holes. */
	#keys: string[] = new Array<string>(1024).fill('');
	#values = new Int32Array(1024);
	#size = 0;

	static hash(text: string, start: number, end: number): number {
		let h = 0x811c9dc5;
		for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
		return h;
	}

	get(text: string, start: number, end: number): number | undefined {
		let h = 0x811c9dc5;
		for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
		const hashes = this.#hashes;
		const keys = this.#keys;
		const mask = hashes.length - 1;
		const len = end - start;
		for (let i = h & mask; ; i = (i + 1) & mask) {
			const k = keys[i];
			if (k === '') return undefined;
			if (hashes[i] !== h || k.length !== len) continue;
			let j = 0;
			while (j < len && k.charCodeAt(j) === text.charCodeAt(start + j)) j++;
			if (j === len) return this.#values[i];
		}
	}

	set(key: string, value: number): void {
		if ((this.#size + 1) * 2 > this.#hashes.length) this.#grow();
		this.#put(RawTable.hash(key, 0, key.length), key, value);
		this.#size++;
	}

	#put(h: number, key: string, value: number): void {
		const mask = this.#hashes.length - 1;
		let i = h & mask;
		while (this.#keys[i] !== '') i = (i + 1) & mask;
		this.#hashes[i] = h;
		this.#keys[i] = key;
		this.#values[i] = value;
	}

	#grow(): void {
		const hashes = this.#hashes;
		const keys = this.#keys;
		const values = this.#values;
		this.#hashes = new Int32Array(hashes.length * 2);
		this.#keys = new Array<string>(hashes.length * 2).fill('');
		this.#values = new Int32Array(hashes.length * 2);
		for (let i = 0; i < keys.length; i++) if (keys[i] !== '') this.#put(hashes[i], keys[i], values[i]);
	}

	memoryBytes(): number {
		let n = this.#hashes.byteLength * 2 + this.#keys.length * 8;
		for (const k of this.#keys) if (k !== '') n += 2 * k.length + 16;
		return n;
	}
}

/** First index in [from, sorted.length) where pred holds (pred is monotone). */
function lowerBound(sorted: readonly number[], pred: (t: number) => boolean, from = 0): number {
	let lo = from;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (pred(sorted[mid])) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

function binarySearch(a: Int32Array, x: number): number {
	let lo = 0;
	let hi = a.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >>> 1;
		const v = a[mid];
		if (v === x) return mid;
		if (v < x) lo = mid + 1;
		else hi = mid - 1;
	}
	return -1;
}

/** The pairs for which keep(first, last) holds. */
function filterPairs(pairs: Int32Array, keep: (first: number, last: number) => boolean): Int32Array {
	const out = new Int32Array(pairs.length);
	let n = 0;
	for (let i = 0; i < pairs.length; i += 2) {
		if (!keep(pairs[i], pairs[i + 1])) continue;
		out[n++] = pairs[i];
		out[n++] = pairs[i + 1];
	}
	return n === pairs.length ? pairs : out.slice(0, n);
}

function concat(parts: readonly Int32Array[]): Int32Array {
	if (parts.length === 1) return parts[0];
	let n = 0;
	for (const p of parts) n += p.length;
	const out = new Int32Array(n);
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

/** [first, last] pairs in text order (by first, then last), duplicates removed. */
function sortPairs(pairs: Int32Array): Int32Array {
	// One number per pair (a phrase is far shorter than 2^22 words), sorted natively.
	const SPAN = 4194304;
	const keys = new Float64Array(pairs.length / 2);
	for (let i = 0; i < keys.length; i++) keys[i] = pairs[2 * i] * SPAN + (pairs[2 * i + 1] - pairs[2 * i]);
	keys.sort();
	const out = new Int32Array(pairs.length);
	let m = 0;
	for (let i = 0; i < keys.length; i++) {
		if (i > 0 && keys[i] === keys[i - 1]) continue;
		const first = Math.floor(keys[i] / SPAN);
		out[m++] = first;
		out[m++] = first + (keys[i] - first * SPAN);
	}
	return out.slice(0, m);
}

/** Sorted, merged stretches (overlapping or touching ones joined). */
export function mergeSpans(spans: readonly (readonly [number, number])[]): [number, number][] {
	const sorted = spans.filter(([s, e]) => e > s).map(([s, e]) => [s, e] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	const out: [number, number][] = [];
	for (const [s, e] of sorted) {
		const last = out[out.length - 1];
		if (last && s <= last[1]) last[1] = Math.max(last[1], e);
		else out.push([s, e]);
	}
	return out;
}

/** Whether [start, end) lies inside one of the merged stretches. */
function inside(merged: readonly [number, number][], start: number, end: number): boolean {
	let lo = 0;
	let hi = merged.length - 1;
	let at = -1;
	while (lo <= hi) {
		const mid = (lo + hi) >>> 1;
		if (merged[mid][0] <= start) {
			at = mid;
			lo = mid + 1;
		} else hi = mid - 1;
	}
	return at >= 0 && end <= merged[at][1];
}
