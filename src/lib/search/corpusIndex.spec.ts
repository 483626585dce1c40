// The index against a brute-force scan: for a battery of queries on the sample corpus, on a
// generated CRLF corpus and on hand-made texts (Norwegian letters, accents, emoji), the hits
// must equal those of a plain scan of every text with a regular expression for words, the
// same folding and sentence rules, and no index at all.
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, SAMPLE, mulberry32 } from '../../../tests/shared';
import { fuzzyDistance, parseQuery, type ParsedQuery, type WordPattern } from '../domain/search/query';
import { fold, sentencesIn, spokenRegions } from '../domain/search/tokens';
import { parseTurns } from '../domain/turns';
import type { Turn } from '../domain/types';
import { CorpusIndex, mergeSpans, type SearchRestrictions } from './corpusIndex';

interface Doc {
	id: string;
	text: string;
	turns: Turn[];
}

interface Hit {
	docId: string;
	start: number;
	end: number;
}

// ---- the brute-force reference ----------------------------------------------------------

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;

interface BruteToken {
	start: number;
	end: number;
	folded: string;
	/** Position of `folded` in the list of distinct folded words (so predicates run once per word). */
	form: number;
	sentence: number;
	region: number;
	role: string | null;
}

const forms: string[] = [];
const formOf = new Map<string, number>();
const tokenCache = new WeakMap<Doc, BruteToken[]>();

function bruteTokens(doc: Doc): BruteToken[] {
	const cached = tokenCache.get(doc);
	if (cached) return cached;
	const out: BruteToken[] = [];
	let sentence = 0;
	spokenRegions(doc.text, doc.turns).forEach((r, region) => {
		for (const [s, e] of sentencesIn(doc.text, r.start, r.end)) {
			for (const m of doc.text.slice(s, e).matchAll(WORD)) {
				const folded = fold(m[0]);
				if (!folded) continue;
				let form = formOf.get(folded);
				if (form === undefined) {
					form = forms.length;
					forms.push(folded);
					formOf.set(folded, form);
				}
				out.push({ start: s + m.index, end: s + m.index + m[0].length, folded, form, sentence, region, role: r.role });
			}
			sentence++;
		}
	});
	tokenCache.set(doc, out);
	return out;
}

/** Plain dynamic-programming optimal string alignment distance, no cut-offs. */
function osa(a: string, b: string): number {
	const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
	for (let i = 1; i <= a.length; i++)
		for (let j = 1; j <= b.length; j++) {
			d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
		}
	return d[a.length][b.length];
}

function wordMatches(w: WordPattern, folded: string, fuzzy: boolean): boolean {
	if (w.kind === 'wildcard') return new RegExp(`^${w.pattern.replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'u').test(folded);
	if (fuzzy && !w.exact) return osa(w.text, folded) <= fuzzyDistance(w.text);
	return w.text === folded;
}

/** wordMatches for every distinct word seen so far, computed once per pattern. */
const matchTables = new Map<string, Uint8Array>();
function matchTable(w: WordPattern, fuzzy: boolean): Uint8Array {
	const key = JSON.stringify([w, fuzzy]);
	let t = matchTables.get(key);
	if (!t || t.length < forms.length) {
		t = Uint8Array.from(forms, (f) => (wordMatches(w, f, fuzzy) ? 1 : 0));
		matchTables.set(key, t);
	}
	return t;
}

/** Every run of tokens matching the words, scanning the whole document (kept per query). */
const occurrenceCache = new WeakMap<BruteToken[], Map<string, [number, number][]>>();
function bruteOccurrences(toks: BruteToken[], words: WordPattern[], fuzzy: boolean): [number, number][] {
	let cache = occurrenceCache.get(toks);
	if (!cache) occurrenceCache.set(toks, (cache = new Map()));
	const key = JSON.stringify([words, fuzzy]);
	const known = cache.get(key);
	if (known) return known;
	const tables = words.map((w) => matchTable(w, fuzzy));
	const out: [number, number][] = [];
	const n = words.length;
	for (let i = 0; i + n <= toks.length; i++) {
		if (toks[i + n - 1].region !== toks[i].region) continue;
		let ok = true;
		for (let k = 0; ok && k < n; k++) ok = tables[k][toks[i + k].form] === 1;
		if (ok) out.push([i, i + n - 1]);
	}
	cache.set(key, out);
	return out;
}

function bruteSearch(docs: Doc[], q: ParsedQuery, r: SearchRestrictions): Hit[] {
	const hits: Hit[] = [];
	if (q.groups.length === 0) return hits;
	const byId = new Map(docs.map((d) => [d.id, d]));
	for (const id of r.docIds ?? docs.map((d) => d.id)) {
		const doc = byId.get(id);
		if (!doc) continue;
		const toks = bruteTokens(doc);
		// Which characters are coded: a plain mark per character.
		let codedChars: Uint8Array | null = null;
		if (r.coded) {
			codedChars = new Uint8Array(doc.text.length);
			for (const [s, e] of r.coded.get(id) ?? []) codedChars.fill(1, s, e);
		}
		const covered = (start: number, end: number) => {
			for (let c = start; c < end; c++) if (!codedChars![c]) return false;
			return true;
		};
		const keep = ([a, b]: [number, number]) =>
			(!r.participantsOnly || toks[a].role === 'participant') && (!codedChars || covered(toks[a].start, toks[b].end));
		const groups = q.groups.map((g) => g.flatMap((c) => bruteOccurrences(toks, c.words, !!r.fuzzy)).filter(keep));
		const excluded = new Set(q.exclude.flatMap((c) => bruteOccurrences(toks, c.words, false)).map(([a]) => toks[a].sentence));
		const groupSentences = groups.map((g) => new Set(g.map(([a]) => toks[a].sentence)));
		const sentenceOk = (s: number) => !excluded.has(s) && groupSentences.every((g) => g.has(s));
		const found = new Map<string, Hit>();
		for (const g of groups)
			for (const [a, b] of g) {
				if (!sentenceOk(toks[a].sentence)) continue;
				const h = { docId: id, start: toks[a].start, end: toks[b].end };
				found.set(`${h.start}:${h.end}`, h);
			}
		hits.push(...[...found.values()].sort((x, y) => x.start - y.start || x.end - y.end));
	}
	return hits;
}

// ---- test material ----------------------------------------------------------------------

function loadDir(dir: string): Doc[] {
	return readdirSync(dir)
		.filter((f) => f.endsWith('.txt'))
		.sort()
		.map((f) => {
			const text = readFileSync(resolve(dir, f), 'utf8');
			return { id: f.replace(/\.txt$/, ''), text, turns: parseTurns(text) };
		});
}

const HANDMADE: Doc[] = [
	'Intervjuer: Hvordan gikk dialogmøtet?\r\n\r\nP01: Det var et DIALOGMØTE med nærmeste leder. Jeg hadde dårlig samvittighet, ærlig talt.\r\n\r\nIntervjuer: Og på jobben?\r\n\r\nP01: Å, jobben gikk bra. Året etter var bedre. Café-besøk hjalp også.\r\n',
	'Interviewer: Did the café help?\n\nP02: The cafe\u0301 helped 😊 and the CAFÉ did too. Don’t ask me why; I don\'t know.\n\nInterviewer: Work?\n\nP02: Work, work, work. Back to work after the sick-leave. Sick leave is hard.\n',
	'Notes without any speaker labels. Work is mentioned here.\n\nAnd again: work* is not a wildcard in text.'
].map((text, i) => ({ id: `H${i + 1}`, text, turns: parseTurns(text) }));

/** Queries drawn from the texts themselves, so most of them find something. */
function battery(docs: Doc[], seed: number, n: number): string[] {
	const random = mulberry32(seed);
	const pick = <T>(a: readonly T[]): T => a[Math.floor(random() * a.length)];
	const toks = docs.flatMap((d) => bruteTokens(d).map((t, i, all) => ({ t, next: all[i + 1], next2: all[i + 2], raw: d.text.slice(t.start, t.end) })));
	const typo = (w: string) => {
		if (w.length < 4) return w;
		const i = 1 + Math.floor(random() * (w.length - 2));
		return random() < 0.5 ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w.slice(0, i) + w.slice(i + 1);
	};
	const fixed = [
		'work',
		'WORK',
		'the',
		'sick leave',
		'"sick leave"',
		'"back to work"',
		'work*',
		'*ing',
		'w?rk',
		'*ark*',
		'manager OR boss',
		'work -manager',
		'dialogmøte',
		'Dialogmøtet',
		'"dårlig samvittighet"',
		'nærmeste',
		'år',
		'ar',
		'cafe',
		'café',
		"don't",
		'don’t',
		'sick-leave',
		'tilrettelegging',
		'NAV',
		'wrok',
		'colleauge',
		'"I was"',
		'i',
		'treatment "my GP"',
		'-work',
		'zzzz',
		'"work work work"',
		'work work'
	];
	const out = [...fixed];
	while (out.length < n) {
		const x = pick(toks);
		const k = Math.floor(random() * 9);
		if (k === 0) out.push(x.raw);
		// The next token may sit in the next turn: such a phrase must find nothing there.
		else if (k === 1 && x.next) out.push(`"${x.raw} ${x.next.folded}"`);
		else if (k === 2 && x.next && x.next2) out.push(`"${x.t.folded} ${x.next.folded} ${x.next2.folded}"`);
		else if (k === 3 && x.t.folded.length > 3) out.push(`${x.t.folded.slice(0, 3)}*`);
		else if (k === 4 && x.t.folded.length > 4) out.push(`*${x.t.folded.slice(-3)}`);
		else if (k === 5) out.push(typo(x.t.folded));
		else if (k === 6 && x.next) out.push(`${x.t.folded} ${pick(toks).t.folded}`);
		else if (k === 7) out.push(`${x.t.folded} OR ${pick(toks).t.folded}`);
		else if (k === 8 && x.next) out.push(`${x.t.folded} -${pick(toks).t.folded}`);
	}
	return out;
}

function restrictionsFor(docs: Doc[], coded: Map<string, [number, number][]>): [string, SearchRestrictions][] {
	const some = docs.filter((_, i) => i % 3 !== 1).map((d) => d.id).reverse();
	return [
		['plain', {}],
		['fuzzy', { fuzzy: true }],
		['participants', { participantsOnly: true }],
		['documents', { docIds: some }],
		['coded', { coded }],
		['all', { fuzzy: true, participantsOnly: true, docIds: some, coded }]
	];
}

function expectSame(index: CorpusIndex, docs: Doc[], queries: string[], restrictions: [string, SearchRestrictions][]): number {
	let total = 0;
	for (const [name, r] of restrictions) {
		for (const q of queries) {
			const parsed = parseQuery(q);
			const result = index.search(parsed, r);
			const key = (h: Hit) => `${h.docId}:${h.start}-${h.end}`;
			const want = bruteSearch(docs, parsed, r);
			// Compared as one string per hit list: a deep comparison of thousands of objects is slow.
			expect(index.allHits(result).map(key).join(' '), `${name}: ${q}`).toBe(want.map(key).join(' '));
			expect(result.total).toBe(want.length);
			expect(result.docs.length).toBe(new Set(want.map((h) => h.docId)).size);
			total += want.length;
		}
	}
	return total;
}

// ---- the tests ----------------------------------------------------------------------------

/** The brute-force scans take seconds, more on a busy machine. */
const SLOW = 180_000;

describe('CorpusIndex against a brute-force scan', () => {
	let sample: Doc[];
	let generated: Doc[];
	let sampleCoded: Map<string, [number, number][]>;

	beforeAll(async () => {
		sample = loadDir(resolve(SAMPLE, 'transcripts'));
		const gold = JSON.parse(readFileSync(resolve(SAMPLE, 'gold.json'), 'utf8')) as { doc: string; code: string; start: number; end: number }[];
		sampleCoded = new Map();
		for (const g of gold.filter((x) => x.code.startsWith('AWR') || x.code.startsWith('X_'))) {
			const list = sampleCoded.get(g.doc) ?? [];
			list.push([g.start, g.end]);
			sampleCoded.set(g.doc, list);
		}
		const gen = (await import(pathToFileURL(resolve(CORPUS, 'generate.mjs')).href)) as {
			generateCorpus: (o: object) => { docs: { prof: { id: string }; text: string }[]; pii: { doc: string; start16: number; end16: number }[] };
		};
		const corpus = gen.generateCorpus({ participants: 6, words: 2500, seed: 'search-spec', coders: 0, formats: ['txt'], eol: 'crlf', pii: 'planted' });
		generated = corpus.docs.map((d) => ({ id: d.prof.id, text: d.text, turns: parseTurns(d.text) }));
	}, SLOW);

	it('finds the same hits on the sample corpus, for every restriction', () => {
		const index = new CorpusIndex();
		for (const d of sample) index.add(d);
		const queries = battery(sample, 7, 120);
		const total = expectSame(index, sample, queries, restrictionsFor(sample, sampleCoded));
		expect(total).toBeGreaterThan(10000);
	}, SLOW);

	it('finds the same hits on a generated corpus with CRLF line ends and planted names', () => {
		expect(generated.every((d) => d.text.includes('\r\n'))).toBe(true);
		const index = new CorpusIndex();
		for (const d of generated) index.add(d);
		const coded = new Map(generated.map((d) => [d.id, d.turns.filter((_, i) => i % 4 === 1).map((t) => [t.textStart, t.end] as [number, number])]));
		expectSame(index, generated, battery(generated, 11, 80), restrictionsFor(generated, coded));
	}, SLOW);

	it('finds the same hits in hand-made Norwegian, accented and emoji texts', () => {
		const index = new CorpusIndex();
		for (const d of HANDMADE) index.add(d);
		const coded = new Map([['H1', [[0, 60] as [number, number]]], ['H2', [[30, 120] as [number, number]]]]);
		const total = expectSame(index, HANDMADE, battery(HANDMADE, 3, 60), restrictionsFor(HANDMADE, coded));
		expect(total).toBeGreaterThan(50);
	}, SLOW);

	it('stays correct as transcripts are added, replaced and removed (no rebuild)', () => {
		const index = new CorpusIndex();
		const current = new Map<string, Doc>();
		const queries = battery(sample.slice(0, 6), 5, 40);
		const check = () => expectSame(index, [...current.values()], queries, [['plain', {}], ['fuzzy', { fuzzy: true }]]);
		for (const d of sample.slice(0, 6)) {
			index.add(d);
			current.set(d.id, d);
		}
		check();
		index.remove(sample[1].id);
		current.delete(sample[1].id);
		index.remove(sample[4].id);
		current.delete(sample[4].id);
		check();
		// A de-identified version replaces the old text under the same id.
		const changed = { ...sample[2], text: sample[2].text.replace(/work/g, 'jobb') };
		changed.turns = parseTurns(changed.text);
		index.add(changed);
		current.set(changed.id, changed);
		check();
		expect(index.size).toBe(4);
		// Words that only the removed texts held are gone from wildcard and fuzzy lookups too.
		index.remove(changed.id);
		current.delete(changed.id);
		check();
		for (const d of [...current.values()]) {
			index.remove(d.id);
			current.delete(d.id);
		}
		expect(index.search(parseQuery('work*')).total).toBe(0);
		expect(index.vocabularySize).toBe(0);
	}, SLOW);
});

describe('CorpusIndex hits', () => {
	const text = 'Interviewer: How was work?\n\nP03: Work was hard. I went back to work in May! Then I quit.\n';
	const index = new CorpusIndex();
	index.add({ id: 'd', text, turns: parseTurns(text) });

	it('reports sentence and speaker turn of a hit', () => {
		const r = index.search(parseQuery('back'));
		const [hit] = index.allHits(r);
		expect(text.slice(hit.start, hit.end)).toBe('back');
		expect(text.slice(...index.sentenceSpan(hit))).toBe('I went back to work in May!');
		const reg = index.region(hit);
		expect(text.slice(reg.start, reg.end)).toBe('Work was hard. I went back to work in May! Then I quit.');
		expect(reg.speaker).toBe('P03');
		expect(index.role(hit)).toBe('participant');
	});

	it('lists what wildcards and fuzzy words stood for, not plain words', () => {
		expect(index.search(parseQuery('work')).expanded).toEqual([]);
		expect(index.search(parseQuery('w*')).expanded).toEqual(['was', 'went', 'work']);
		expect(index.search(parseQuery('wrok'), { fuzzy: true }).expanded).toEqual(['work']);
	});

	it('matches a phrase within a turn only, never across turns', () => {
		expect(index.search(parseQuery('"work work"')).total).toBe(0);
		expect(index.search(parseQuery('"hard i went"')).total).toBe(1);
	});

	it('merges coded stretches before checking that a hit lies inside', () => {
		expect(mergeSpans([[5, 10], [0, 3], [9, 12], [3, 4]])).toEqual([
			[0, 4],
			[5, 12]
		]);
	});
});
