// Corpus search for one open project (issue 6): the index over its transcripts (built once,
// kept while the project is open, following imports, deletions and rewritten texts), the
// query and options on screen, the result, autocoding of hits, and saved searches.
// One SearchState per ProjectState (searchStateFor), so leaving the screen keeps the index.

import { newCode } from '../domain/codebook';
import { planAutocode, UNIT_LABELS, type AutocodePlan, type AutocodeUnit, type Passage } from '../domain/search/autocode';
import { kwic, type Kwic } from '../domain/search/kwic';
import { isSearchable, parseQuery, type ParsedQuery } from '../domain/search/query';
import { cleanOptions, DEFAULT_OPTIONS, deleteSavedSearch, newSavedSearch, renameSavedSearch, type SearchOptions } from '../domain/search/saved';
import type { Change, Id, SavedSearch, SpeakerRole } from '../domain/types';
import { CorpusIndex, type DocHits, type SearchHit, type SearchResult } from '../search/corpusIndex';
import { notices } from './notices.svelte';
import type { ProjectState } from './project.svelte';

export interface SearchOutcome {
	query: string;
	options: SearchOptions;
	parsed: ParsedQuery;
	result: SearchResult;
	/** How long the search took, in milliseconds. */
	ms: number;
	/** Transcripts and codes a saved search names that are no longer in the project. */
	missing: { docs: number; codes: number };
}

export interface HitLine extends Kwic {
	/** Stable within one result: document, start and end. */
	key: string;
	hit: SearchHit;
	speaker: string | null;
	role: SpeakerRole | null;
}

/** Which code autocoding applies: an existing one, or a new one made in the same step. */
export type AutocodeTarget = { codeId: Id } | { newName: string };

export interface AutocodePreview {
	plan: AutocodePlan;
	/** The hits the plan was made from. */
	hits: number;
	codeName: string;
	unit: AutocodeUnit;
}

export const hitKey = (h: { docId: Id; start: number; end: number }) => `${h.docId}:${h.start}:${h.end}`;

const states = new WeakMap<ProjectState, SearchState>();

/** The project's search state, made on first use and kept while the project is open. */
export function searchStateFor(project: ProjectState): SearchState {
	let s = states.get(project);
	if (!s) states.set(project, (s = new SearchState(project)));
	return s;
}

export class SearchState {
	#project: ProjectState;
	#index = new CorpusIndex();
	/** Bumped whenever the index changes, so the result is computed again. */
	#indexVersion = $state(0);
	#syncing = false;
	#syncAgain = false;

	/** Progress while transcripts are being indexed (null when the index is up to date). */
	indexing = $state<{ done: number; total: number } | null>(null);
	/** True once every transcript has been indexed at least once. */
	ready = $state(false);

	/** The query box and options as on screen. */
	query = $state('');
	options = $state<SearchOptions>({ ...DEFAULT_OPTIONS });
	/** The query and options last run (the result follows them, the index and the codings). */
	#ran = $state.raw<{ query: string; options: SearchOptions } | null>(null);

	outcome = $derived.by((): SearchOutcome | null => {
		void this.#indexVersion;
		const ran = this.#ran;
		if (!ran || !this.ready) return null;
		return this.#search(ran.query, ran.options);
	});

	constructor(project: ProjectState) {
		this.#project = project;
	}

	get index(): CorpusIndex {
		return this.#index;
	}

	// ---- the index follows the project's transcripts ---------------------------------------

	/**
	 * Brings the index in line with the project's transcripts: new ones are indexed, deleted
	 * ones dropped, rewritten ones (de-identification) indexed again. Texts are loaded one by
	 * one with a progress line; calling it while it runs makes it run once more afterwards.
	 */
	async sync(): Promise<void> {
		if (this.#syncing) {
			this.#syncAgain = true;
			return;
		}
		this.#syncing = true;
		try {
			do {
				this.#syncAgain = false;
				await this.#syncOnce();
			} while (this.#syncAgain);
		} finally {
			this.#syncing = false;
		}
	}

	async #syncOnce(): Promise<void> {
		const docs = this.#project.documents;
		const keyOf = (d: (typeof docs)[number]) => `${d.fingerprint}:${d.length}`;
		const wanted = new Map(docs.map((d) => [d.id, d]));
		let changed = false;
		for (const id of this.#index.ids()) {
			if (!wanted.has(id)) {
				this.#index.remove(id);
				changed = true;
			}
		}
		const loaded = this.#project.loadedContents();
		const todo = docs.filter((d) => {
			if (!this.#index.has(d.id, keyOf(d))) return true;
			const c = loaded.get(d.id);
			return !!c && c.text !== this.#index.text(d.id);
		});
		if (todo.length > 0) {
			this.indexing = { done: 0, total: todo.length };
			try {
				for (const d of todo) {
					const content = await this.#project.content(d.id);
					if (content) this.#index.add({ id: d.id, text: content.text, turns: content.turns, key: keyOf(d) });
					this.indexing = { done: this.indexing.done + 1, total: todo.length };
				}
			} catch (e) {
				notices.error(`The transcripts could not all be read for searching: ${e instanceof Error ? e.message : String(e)}.`);
			} finally {
				this.indexing = null;
			}
			changed = true;
		}
		this.ready = true;
		if (changed) this.#indexVersion++;
	}

	// ---- searching ----------------------------------------------------------------------------

	/** Runs the query and options on screen (the screen calls it on Enter and after typing). */
	run(): void {
		this.#ran = { query: this.query, options: cleanOptions(this.options) };
	}

	/** Forgets the query and its result. */
	clear(): void {
		this.query = '';
		this.#ran = null;
	}

	#search(query: string, options: SearchOptions): SearchOutcome {
		const t0 = performance.now();
		const p = this.#project;
		const parsed = parseQuery(query);
		const order = p.documents.map((d) => d.id);
		const present = new Set(order);
		const docIds = options.docIds ? order.filter((id) => options.docIds!.includes(id)) : order;
		const missing = {
			docs: options.docIds ? options.docIds.filter((id) => !present.has(id)).length : 0,
			codes: options.codeIds ? options.codeIds.filter((id) => !p.codeById.has(id)).length : 0
		};
		let coded: Map<Id, [number, number][]> | null = null;
		if (options.codeIds) {
			const codes = new Set(options.codeIds);
			const coders = p.shownCoderIds;
			coded = new Map();
			for (const c of p.codings) {
				if (!codes.has(c.codeId) || c.orphaned || (coders && !coders.has(c.coderId))) continue;
				const list = coded.get(c.docId);
				if (list) list.push([c.start, c.end]);
				else coded.set(c.docId, [[c.start, c.end]]);
			}
		}
		const result = isSearchable(parsed)
			? this.#index.search(parsed, { docIds, participantsOnly: options.participantsOnly, coded, fuzzy: options.fuzzy })
			: { total: 0, docs: [], expanded: [] };
		return { query, options, parsed, result, ms: performance.now() - t0, missing };
	}

	/** Keyword-in-context lines for hits from..to of one document. */
	lines(dh: DocHits, from: number, to: number): HitLine[] {
		return this.#index.hits(dh, from, to).map((hit) => {
			const r = this.#index.region(hit);
			const text = this.#index.text(hit.docId) ?? '';
			return { key: hitKey(hit), hit, ...kwic(text, r.start, r.end, hit.start, hit.end), speaker: r.speaker, role: r.role };
		});
	}

	// ---- autocoding -----------------------------------------------------------------------------

	/** The passage a hit codes in the chosen unit. */
	passage(hit: SearchHit, unit: AutocodeUnit): Passage {
		if (unit === 'sentence') {
			const [start, end] = this.#index.sentenceSpan(hit);
			return { docId: hit.docId, start, end };
		}
		if (unit === 'turn') {
			const r = this.#index.region(hit);
			return { docId: hit.docId, start: r.start, end: r.end };
		}
		return { docId: hit.docId, start: hit.start, end: hit.end };
	}

	/** The hits of the current result, all of them or those whose keys are selected. */
	#chosenHits(selected: ReadonlySet<string> | null): SearchHit[] {
		const o = this.outcome;
		if (!o) return [];
		const all = this.#index.allHits(o.result);
		return selected ? all.filter((h) => selected.has(hitKey(h))) : all;
	}

	#plan(target: AutocodeTarget, unit: AutocodeUnit, hits: SearchHit[], newId: () => Id, now: number): { plan: AutocodePlan; codeId: Id; codeName: string; codeChanges: Change[] } | { error: string } {
		const p = this.#project;
		const coder = p.currentCoder;
		if (!coder) return { error: 'There is no coder to attribute the codings to.' };
		let codeId: Id;
		let codeName: string;
		let codeChanges: Change[] = [];
		if ('codeId' in target) {
			const code = p.codeById.get(target.codeId);
			if (!code) return { error: 'Choose a code to apply.' };
			codeId = code.id;
			codeName = code.name;
		} else {
			const made = newCode(p.id, { name: target.newName }, p.codes, now, newId());
			if (!made.ok) return { error: made.error };
			codeId = made.code.id;
			codeName = made.code.name;
			codeChanges = made.changes;
		}
		const texts = new Map<Id, string>();
		for (const h of hits) if (!texts.has(h.docId)) texts.set(h.docId, this.#index.text(h.docId) ?? '');
		const plan = planAutocode({
			passages: hits.map((h) => this.passage(h, unit)),
			texts,
			existing: p.codings,
			projectId: p.id,
			codeId,
			coderId: coder.id,
			now,
			newId
		});
		return { plan, codeId, codeName, codeChanges };
	}

	/** What autocoding would do, without doing it. */
	preview(target: AutocodeTarget, unit: AutocodeUnit, selected: ReadonlySet<string> | null): AutocodePreview | { error: string } {
		const hits = this.#chosenHits(selected);
		let n = 0;
		const r = this.#plan(target, unit, hits, () => `preview-${++n}`, Date.now());
		if ('error' in r) return r;
		return { plan: r.plan, hits: hits.length, codeName: r.codeName, unit };
	}

	/** Codes the hits (all, or the selected ones) as one undoable step; null when nothing was made. */
	async autocode(
		target: AutocodeTarget,
		unit: AutocodeUnit,
		selected: ReadonlySet<string> | null
	): Promise<{ made: number; codeId: Id; codeName: string } | null> {
		const hits = this.#chosenHits(selected);
		if (hits.length === 0) {
			notices.error('There are no hits to code.');
			return null;
		}
		const r = this.#plan(target, unit, hits, () => crypto.randomUUID(), Date.now());
		if ('error' in r) {
			notices.error(r.error);
			return null;
		}
		const n = r.plan.codings.length;
		if (n === 0) {
			notices.info(`Nothing to add: every passage is already coded with “${r.codeName}”.`);
			return null;
		}
		const what = `${n} passage${n === 1 ? '' : 's'} (${UNIT_LABELS[unit]})`;
		const label = r.codeChanges.length ? `Code ${what} with new code “${r.codeName}”` : `Code ${what} with “${r.codeName}”`;
		const ok = await this.#project.commit(label, [...r.codeChanges, ...r.plan.changes]);
		return ok ? { made: n, codeId: r.codeId, codeName: r.codeName } : null;
	}

	// ---- saved searches -------------------------------------------------------------------------

	async save(name: string): Promise<SavedSearch | null> {
		const p = this.#project;
		const r = newSavedSearch(p.searches, { projectId: p.id, name, query: this.query, options: this.options, now: Date.now(), id: crypto.randomUUID() });
		if (!r.ok) {
			notices.error(r.error);
			return null;
		}
		return (await p.commit(`Save search “${r.search.name}”`, r.changes)) ? r.search : null;
	}

	async rename(id: Id, name: string): Promise<boolean> {
		const p = this.#project;
		const old = p.searches.find((s) => s.id === id)?.name ?? 'search';
		const r = renameSavedSearch(p.searches, id, name);
		if (!r.ok) {
			notices.error(r.error);
			return false;
		}
		return p.commit(`Rename search “${old}” to “${name.trim()}”`, r.changes);
	}

	async remove(id: Id): Promise<boolean> {
		const p = this.#project;
		const name = p.searches.find((s) => s.id === id)?.name ?? 'search';
		const r = deleteSavedSearch(p.searches, id);
		if (!r.ok) {
			notices.error(r.error);
			return false;
		}
		return p.commit(`Delete saved search “${name}”`, r.changes);
	}

	/** Puts a saved search's query and options on screen and runs it. */
	open(s: SavedSearch): void {
		this.query = s.query;
		this.options = cleanOptions(s.options);
		this.run();
	}
}
