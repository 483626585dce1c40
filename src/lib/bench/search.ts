// Corpus search benchmark (issue 6): builds the search index over the given transcripts and
// times a fixed, seeded battery of 220 queries (words, phrases, wildcards, fuzzy words,
// AND/OR/NOT, restrictions to participants, transcripts and coded text) as the search screen
// runs them: parse, search, and the keyword-in-context lines of the first 200 hits.
// Runs in the browser (the /bench page) and in Node; it stores nothing.

import { kwic } from '../domain/search/kwic';
import { parseQuery } from '../domain/search/query';
import { words } from '../domain/search/tokens';
import { parseTurns } from '../domain/turns';
import type { Turn } from '../domain/types';
import { mulberry32 } from '../domain/random';
import { CorpusIndex, type SearchRestrictions } from '../search/corpusIndex';

export interface SearchBenchText {
	id: string;
	text: string;
	/** Parsed when absent (not timed: the app stores turns at import). */
	turns?: Turn[];
}

export interface QueryStats {
	n: number;
	p50: number;
	p95: number;
	max: number;
}

export interface SearchBenchResult {
	docs: number;
	/** Words indexed, and distinct folded words. */
	words: number;
	vocabulary: number;
	/** Building the index over every text, ms. */
	buildMs: number;
	/** Memory the index holds, MB: typed arrays exactly, objects and strings estimated. */
	indexMB: number;
	/** JS heap growth while building (after garbage collection), MB; null without gc(). */
	heapMB: number | null;
	/** Per query (parse + search + KWIC of the first 200 hits), ms. */
	queries: number;
	p50: number;
	p95: number;
	max: number;
	mean: number;
	byKind: Record<string, QueryStats>;
	/** Hits over the whole battery (a check that the queries find something). */
	hits: number;
	/** The slowest queries, for looking into. */
	slowest: { query: string; kind: string; ms: number; hits: number }[];
}

interface BenchQuery {
	kind: string;
	query: string;
	fuzzy?: boolean;
	participantsOnly?: boolean;
	docs?: boolean;
	coded?: boolean;
}

const SHOWN = 200;

function quantile(sorted: readonly number[], q: number): number {
	if (sorted.length === 0) return 0;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function stats(ms: number[]): QueryStats {
	const s = [...ms].sort((a, b) => a - b);
	return { n: s.length, p50: quantile(s, 0.5), p95: quantile(s, 0.95), max: s[s.length - 1] ?? 0 };
}

function heapUsed(): number | null {
	const g = globalThis as { gc?: () => void; process?: { memoryUsage?: () => { heapUsed: number } } };
	g.gc?.();
	const mem = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
	if (mem && g.gc) return mem.usedJSHeapSize;
	if (g.process?.memoryUsage && g.gc) return g.process.memoryUsage().heapUsed;
	return null;
}

/** The seeded battery, drawn from the texts so that most queries find something. */
function battery(texts: readonly SearchBenchText[], seed: number): BenchQuery[] {
	const random = mulberry32(seed);
	const pick = <T>(a: readonly T[]): T => a[Math.floor(random() * a.length)];
	// Runs of words at random places (so common words come up as often as they are common).
	const runs: string[][] = [];
	for (let i = 0; i < 600; i++) {
		const t = pick(texts).text;
		const at = Math.floor(random() * Math.max(1, t.length - 200));
		runs.push(words(t, at, Math.min(t.length, at + 200)).slice(1, 6).map(([s, e]) => t.slice(s, e)));
	}
	const word = (min = 1) => {
		for (;;) {
			const w = pick(pick(runs).filter((x) => x.length >= min).concat(['work']));
			if (w.length >= min) return w;
		}
	};
	const typo = (w: string) => {
		const i = 1 + Math.floor(random() * (w.length - 2));
		return random() < 0.5 ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w.slice(0, i) + w.slice(i + 1);
	};
	const phrase = () => {
		const r = pick(runs.filter((x) => x.length >= 4));
		const n = 2 + Math.floor(random() * 3);
		return `"${r.slice(0, n).join(' ')}"`;
	};
	const out: BenchQuery[] = [];
	const add = (n: number, make: () => BenchQuery) => {
		for (let i = 0; i < n; i++) out.push(make());
	};
	add(50, () => ({ kind: 'word', query: word() }));
	add(40, () => ({ kind: 'phrase', query: phrase() }));
	add(25, () => ({ kind: 'prefix', query: `${word(5).slice(0, 3 + Math.floor(random() * 3))}*` }));
	add(15, () => {
		const w = word(6).toLowerCase();
		return { kind: 'suffix/infix', query: random() < 0.6 ? `*${w.slice(-3)}` : `*${w.slice(1, 4)}*` };
	});
	add(30, () => ({ kind: 'fuzzy', query: typo(word(5)), fuzzy: true }));
	add(20, () => ({ kind: 'and', query: `${word(4)} ${word(4)}` }));
	add(10, () => ({ kind: 'or/not', query: random() < 0.5 ? `${word(4)} OR ${word(4)}` : `${word(3)} -${word(4)}` }));
	add(30, () => {
		const k = Math.floor(random() * 3);
		const q = random() < 0.5 ? word() : phrase();
		return k === 0
			? { kind: 'restricted', query: q, participantsOnly: true }
			: k === 1
				? { kind: 'restricted', query: q, docs: true }
				: { kind: 'restricted', query: q, coded: true, participantsOnly: random() < 0.5 };
	});
	return out;
}

/** Builds the index over `texts` and runs the battery; see SearchBenchResult. */
export function searchBench(texts: readonly SearchBenchText[], seed = 20261123): SearchBenchResult {
	const docs = texts.map((t) => ({ id: t.id, text: t.text, turns: t.turns ?? parseTurns(t.text) }));
	const before = heapUsed();
	const index = new CorpusIndex();
	const t0 = performance.now();
	for (const d of docs) index.add(d);
	const buildMs = performance.now() - t0;
	const after = heapUsed();

	// Codings to restrict to, as a project holds them: participant turns (those at every third
	// turn position) coded with one of six codes; restricted queries use two of the codes.
	const random = mulberry32(seed + 1);
	const codings: { docId: string; codeId: string; start: number; end: number }[] = [];
	for (const d of docs)
		d.turns.forEach((t, i) => {
			if (t.role === 'participant' && i % 3 === 0) codings.push({ docId: d.id, codeId: `c${Math.floor(random() * 6)}`, start: t.textStart, end: t.end });
		});
	const someDocs = docs.filter(() => random() < 0.3).map((d) => d.id);
	const order = docs.map((d) => d.id);

	const queries = battery(docs, seed);
	const run = (q: BenchQuery): number => {
		let coded: Map<string, [number, number][]> | null = null;
		if (q.coded) {
			// As SearchState does per query: the chosen codes' stretches per transcript.
			coded = new Map();
			for (const c of codings) {
				if (c.codeId !== 'c1' && c.codeId !== 'c2') continue;
				const list = coded.get(c.docId);
				if (list) list.push([c.start, c.end]);
				else coded.set(c.docId, [[c.start, c.end]]);
			}
		}
		const restrict: SearchRestrictions = { fuzzy: !!q.fuzzy, participantsOnly: !!q.participantsOnly, docIds: q.docs ? someDocs : order, coded };
		const result = index.search(parseQuery(q.query), restrict);
		let left = SHOWN;
		for (const dh of result.docs) {
			if (left <= 0) break;
			for (const h of index.hits(dh, 0, Math.min(left, dh.count))) {
				const r = index.region(h);
				kwic(index.text(h.docId) ?? '', r.start, r.end, h.start, h.end);
			}
			left -= dh.count;
		}
		return result.total;
	};

	for (const q of queries.slice(0, 20)) run(q);
	const times: number[] = [];
	const byKind = new Map<string, number[]>();
	const timed: { query: string; kind: string; ms: number; hits: number }[] = [];
	let hits = 0;
	for (const q of queries) {
		const s = performance.now();
		const n = run(q);
		const ms = performance.now() - s;
		hits += n;
		times.push(ms);
		const list = byKind.get(q.kind) ?? [];
		list.push(ms);
		byKind.set(q.kind, list);
		timed.push({ query: q.query + (q.fuzzy ? ' (fuzzy)' : '') + (q.participantsOnly ? ' (participants)' : '') + (q.docs ? ' (30 % of transcripts)' : '') + (q.coded ? ' (coded)' : ''), kind: q.kind, ms, hits: n });
	}
	const all = stats(times);
	return {
		docs: docs.length,
		words: index.tokenCount,
		vocabulary: index.vocabularySize,
		buildMs,
		indexMB: index.memoryBytes() / 1048576,
		heapMB: before !== null && after !== null ? (after - before) / 1048576 : null,
		queries: times.length,
		p50: all.p50,
		p95: all.p95,
		max: all.max,
		mean: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length),
		byKind: Object.fromEntries([...byKind].map(([k, v]) => [k, stats(v)])),
		hits,
		slowest: timed.sort((a, b) => b.ms - a.ms).slice(0, 5)
	};
}
