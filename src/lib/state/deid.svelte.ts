// De-identification of a project's transcripts: scan (with progress, cancellable), review each
// finding (accept, reject, edit its span, category or replacement), add the analyst's own
// terms, choose pseudonyms or placeholders per category, then apply: texts are rewritten and
// every coding, passage note and decision moves with its words, in one transaction through
// ProjectState.replaceTexts. The pseudonym key is not stored in the project unless the analyst
// ticks "Keep the key in this project" (Project.deidKey); otherwise it is kept in
// this tab's memory (per project, so it survives moving between screens) until the page is
// reloaded, and offered as a CSV download.
import { detectIdentifiers, knownFrom, spreadKnown } from '../domain/deid/detect';
import { applyPlan, findTerm, mergeKeys, normalise, planReplacements, type AcceptedItem, type KeyEntry, type Plan, type UserTerm } from '../domain/deid/apply';
import { DEFAULT_MODES, DEID_CATEGORIES, type DeidCategory, type Detection, type ReplacementMode } from '../domain/deid/types';
import type { Id, Turn } from '../domain/types';
import { sha256Hex } from '../io/transcripts';
import { notices } from './notices.svelte';
import type { ProjectState } from './project.svelte';

export type ItemStatus = 'pending' | 'accepted' | 'rejected';

export interface DeidItem extends Detection {
	id: string;
	docId: Id;
	status: ItemStatus;
	/** What the analyst typed to replace it (and the same detail everywhere). */
	replacement?: string;
	/** Found by the detector or from one of the analyst's terms. */
	source: 'detector' | 'term';
}

interface ScannedDoc {
	id: Id;
	name: string;
	text: string;
	turns: readonly Turn[];
}

export interface AppliedSummary {
	replacements: number;
	documents: number;
	codings: number;
	notes: number;
	decisions: number;
}

/** Keys of this tab, per project: memory only, gone on reload (never in IndexedDB). */
const keptKeys = new Map<Id, KeyEntry[]>();

/** One review per open project, so leaving the screen to read a transcript does not lose it. */
const reviews = new WeakMap<ProjectState, DeidState>();

export function deidStateFor(project: ProjectState): DeidState {
	let s = reviews.get(project);
	if (!s) reviews.set(project, (s = new DeidState(project)));
	return s;
}

/** Lets the browser paint between documents of a long scan. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class DeidState {
	#project: ProjectState;
	#nextId = 1;
	#cancel = false;

	phase = $state<'idle' | 'scanning' | 'ready' | 'applying'>('idle');
	progress = $state<{ done: number; total: number; name: string } | null>(null);
	scanned = $state.raw<ScannedDoc[]>([]);
	items = $state.raw<DeidItem[]>([]);
	/** The analyst's own terms, in the order added. */
	terms = $state.raw<UserTerm[]>([]);
	modes = $state<Record<DeidCategory, ReplacementMode>>({ ...DEFAULT_MODES });
	/** The key of replacements made in this tab (and any earlier key the analyst loaded). */
	key = $state.raw<KeyEntry[]>([]);
	/** What the last apply did. */
	applied = $state.raw<AppliedSummary | null>(null);

	/** Replacements as they would be made if every finding not rejected were accepted. */
	preview: Plan = $derived.by(() =>
		planReplacements({
			docs: this.scanned,
			items: this.items.filter((i) => i.status !== 'rejected').map((i) => this.#asAccepted(i)),
			modes: this.modes,
			previousKey: this.key
		})
	);
	/** Where each finding's planned replacement is, by `${docId}:${start}`. */
	replacementAt = $derived.by(() => {
		const m = new Map<string, string>();
		for (const [docId, reps] of this.preview.byDoc) for (const r of reps) m.set(`${docId}:${r.start}`, r.replacement);
		return m;
	});
	counts = $derived.by(() => {
		const by = Object.fromEntries(DEID_CATEGORIES.map((c) => [c, { found: 0, accepted: 0, rejected: 0, pending: 0 }])) as Record<
			DeidCategory,
			{ found: number; accepted: number; rejected: number; pending: number }
		>;
		for (const i of this.items) {
			by[i.category].found++;
			by[i.category][i.status]++;
		}
		const total = { found: this.items.length, accepted: 0, rejected: 0, pending: 0 };
		for (const i of this.items) total[i.status]++;
		return { by, total };
	});

	/** The analyst chose to keep the key in the project (it then travels with backups). */
	keepInProject = $state(false);

	constructor(project: ProjectState) {
		this.#project = project;
		const stored = (project.project?.deidKey ?? []) as KeyEntry[];
		this.keepInProject = stored.length > 0;
		this.key = mergeKeys(keptKeys.get(project.id) ?? [], stored);
	}

	/** Keeps the key in the project (stored now, and after every later round) or takes it out. */
	async setKeepInProject(on: boolean): Promise<void> {
		this.keepInProject = on;
		await this.#project.setDeidKey(on ? this.key : null);
	}

	/** In transcript order, then text order. */
	#sorted(items: DeidItem[]): DeidItem[] {
		const order = new Map(this.scanned.map((d, i) => [d.id, i]));
		return items.sort((a, b) => (order.get(a.docId) ?? 0) - (order.get(b.docId) ?? 0) || a.start - b.start);
	}

	#asAccepted(i: DeidItem): AcceptedItem {
		return { docId: i.docId, start: i.start, end: i.end, category: i.category, replacement: i.replacement };
	}

	// ---- scanning -----------------------------------------------------------------------

	/** Scans every transcript. Cancelling keeps what was there before. */
	async scan(): Promise<void> {
		if (this.phase === 'scanning' || this.phase === 'applying') return;
		const docs = [...this.#project.documents].sort((a, b) => a.order - b.order);
		const previous = { phase: this.phase, scanned: this.scanned, items: this.items };
		this.#cancel = false;
		this.phase = 'scanning';
		this.progress = { done: 0, total: docs.length, name: '' };
		const scanned: ScannedDoc[] = [];
		const found: Detection[][] = [];
		try {
			for (const [i, d] of docs.entries()) {
				if (this.#cancel) {
					Object.assign(this, previous);
					return;
				}
				this.progress = { done: i, total: docs.length, name: d.name };
				await breathe();
				const content = await this.#project.content(d.id);
				if (!content) continue;
				scanned.push({ id: d.id, name: d.name, text: content.text, turns: content.turns });
				found.push(detectIdentifiers(content.text, { turns: content.turns }));
			}
			// Details found with good evidence in one transcript are looked for in all of them.
			const known = knownFrom(found);
			const items: DeidItem[] = [];
			scanned.forEach((d, i) => {
				for (const x of spreadKnown(d.text, found[i], known, d.turns)) items.push({ id: `f${this.#nextId++}`, docId: d.id, ...x, status: 'pending', source: 'detector' });
			});
			this.scanned = scanned;
			this.items = items;
			this.phase = 'ready';
			for (const t of this.terms) this.#addTermItems(t.text, t.category);
		} catch (e) {
			Object.assign(this, previous);
			notices.error(`The scan stopped: ${e instanceof Error ? e.message : String(e)}. Nothing was changed.`);
		} finally {
			this.progress = null;
		}
	}

	cancelScan(): void {
		this.#cancel = true;
	}

	// ---- reviewing ----------------------------------------------------------------------

	setStatus(ids: readonly string[], status: ItemStatus): void {
		const set = new Set(ids);
		this.items = this.items.map((i) => (set.has(i.id) && i.status !== status ? { ...i, status } : i));
	}

	/** Accepts every finding of a category that is still to be reviewed. */
	acceptAll(category: DeidCategory): number {
		const ids = this.items.filter((i) => i.category === category && i.status === 'pending').map((i) => i.id);
		this.setStatus(ids, 'accepted');
		return ids.length;
	}

	/**
	 * Edits a finding: its text (the span is moved to that text where it occurs at or next to
	 * the finding), its category, or what replaces it ("" clears a typed replacement). Returns
	 * a message when the edit cannot be made, else null; an edited finding counts as accepted.
	 */
	edit(id: string, patch: { text?: string; category?: DeidCategory; replacement?: string }): string | null {
		const item = this.items.find((i) => i.id === id);
		if (!item) return 'That finding is no longer listed.';
		const doc = this.scanned.find((d) => d.id === item.docId);
		if (!doc) return 'Its transcript is no longer scanned; scan again.';
		let { start, end } = item;
		if (patch.text !== undefined && patch.text !== item.text) {
			const wanted = patch.text.trim();
			if (!wanted) return 'Type the text to replace (or reject the finding).';
			const from = Math.max(0, item.start - wanted.length - 80);
			const to = Math.min(doc.text.length, item.end + wanted.length + 80);
			let best: { start: number; end: number } | null = null;
			for (let at = doc.text.indexOf(wanted, from); at !== -1 && at < to; at = doc.text.indexOf(wanted, at + 1)) {
				const c = { start: at, end: at + wanted.length };
				const overlaps = c.start < item.end && item.start < c.end;
				const dist = Math.abs(c.start - item.start);
				if (!best || (overlaps && !(best.start < item.end && item.start < best.end)) || dist < Math.abs(best.start - item.start)) best = c;
			}
			if (!best) return `“${wanted}” does not occur here in ${doc.name}. Type text as it stands in the transcript, around “${item.text}”.`;
			if (doc.turns.some((t) => best!.start < t.textStart && t.start < best!.end)) return 'A speaker label cannot be replaced; choose text from what is said.';
			if (this.items.some((o) => o.id !== id && o.docId === item.docId && o.status !== 'rejected' && o.start < best!.end && best!.start < o.end))
				return `“${wanted}” overlaps another finding here; reject that one first.`;
			start = best.start;
			end = best.end;
		}
		let replacement = item.replacement;
		if (patch.replacement !== undefined) replacement = patch.replacement.trim() === '' ? undefined : patch.replacement.trim();
		const next: DeidItem = { ...item, start, end, text: doc.text.slice(start, end), category: patch.category ?? item.category, replacement, status: 'accepted' };
		if (next.replacement === undefined) delete next.replacement;
		this.items = this.#sorted(this.items.map((i) => (i.id === id ? next : i)));
		return null;
	}

	// ---- the analyst's own terms ---------------------------------------------------------

	/** Adds a term, found in every scanned transcript as a whole word in any case. Returns a message when it cannot be added. */
	addTerm(text: string, category: DeidCategory): string | null {
		const clean = text.trim().replace(/\s+/g, ' ');
		if (clean.length < 2) return 'Type a word or phrase of at least two characters.';
		if (this.terms.some((t) => normalise(t.text) === normalise(clean))) return `“${clean}” is already in your terms.`;
		this.terms = [...this.terms, { text: clean, category }];
		const n = this.#addTermItems(clean, category);
		return n === 0 && this.scanned.length ? `“${clean}” was added, but it does not occur in the scanned transcripts as a whole word.` : null;
	}

	removeTerm(text: string): void {
		this.terms = this.terms.filter((t) => t.text !== text);
		this.items = this.items.filter((i) => !(i.source === 'term' && normalise(i.text) === normalise(text)));
	}

	/** How many times a term is listed (as its own finding, or a finding of the scan it matches). */
	termCount(text: string): number {
		return this.items.filter((i) => i.status !== 'rejected' && normalise(i.text) === normalise(text)).length;
	}

	/** Lists the term's occurrences; returns how many there are (new ones and findings it confirmed). */
	#addTermItems(text: string, category: DeidCategory): number {
		const added: DeidItem[] = [];
		let confirmed = 0;
		for (const d of this.scanned) {
			for (const hit of findTerm(d.text, text, d.turns)) {
				// Where the detector already found it, that finding is accepted instead of a second one.
				const overlapping = this.items.filter((o) => o.docId === d.id && o.start < hit.end && hit.start < o.end);
				if (overlapping.some((o) => o.status !== 'rejected')) {
					confirmed++;
					this.setStatus(
						overlapping.filter((o) => o.status === 'pending').map((o) => o.id),
						'accepted'
					);
					continue;
				}
				added.push({
					id: `f${this.#nextId++}`,
					docId: d.id,
					start: hit.start,
					end: hit.end,
					category,
					text: d.text.slice(hit.start, hit.end),
					confidence: 1,
					reason: 'one of your own terms',
					status: 'accepted',
					source: 'term'
				});
			}
		}
		if (added.length) this.items = this.#sorted([...this.items, ...added]);
		return added.length + confirmed;
	}

	// ---- replacing ------------------------------------------------------------------------

	setMode(category: DeidCategory, mode: ReplacementMode): void {
		this.modes = { ...this.modes, [category]: mode };
	}

	/** Starts from an earlier key (CSV), so the same originals get the same pseudonyms again. */
	useKey(entries: KeyEntry[]): void {
		this.key = mergeKeys(this.key, entries);
		keptKeys.set(this.#project.id, this.key);
	}

	forgetKey(): void {
		this.key = [];
		keptKeys.delete(this.#project.id);
		if (this.keepInProject) {
			this.keepInProject = false;
			void this.#project.setDeidKey(null);
		}
	}

	/** The replacements Apply will make: the accepted findings, with the pseudonyms shown in the list. */
	plan(): Plan {
		return planReplacements({
			docs: this.scanned,
			items: this.items.filter((i) => i.status === 'accepted').map((i) => this.#asAccepted(i)),
			modes: this.modes,
			previousKey: mergeKeys(this.key, this.preview.key)
		});
	}

	/** What Apply would change, for the confirmation. */
	summary(): { plan: Plan; documents: number; replacements: number; codings: number; notes: number; pending: number } {
		const plan = this.plan();
		const ids = new Set(plan.byDoc.keys());
		return {
			plan,
			documents: ids.size,
			replacements: [...plan.byDoc.values()].reduce((n, r) => n + r.length, 0),
			codings: this.#project.codings.filter((c) => ids.has(c.docId)).length,
			notes: this.#project.notes.filter((n) => n.target.type === 'passage' && ids.has(n.target.docId)).length,
			pending: this.counts.total.pending
		};
	}

	/**
	 * Rewrites the transcripts with the accepted replacements, moving codings, passage notes and
	 * decisions with their words. Refused (nothing changed) when a transcript changed since the scan.
	 */
	async apply(): Promise<boolean> {
		if (this.phase !== 'ready') return false;
		const plan = this.plan();
		if (plan.byDoc.size === 0) {
			notices.warn('Nothing is accepted yet: accept findings (or add your own terms) first.');
			return false;
		}
		this.phase = 'applying';
		try {
			const rows = [];
			for (const docId of plan.byDoc.keys()) {
				const doc = this.#project.documents.find((d) => d.id === docId);
				const content = await this.#project.content(docId);
				const scanned = this.scanned.find((d) => d.id === docId);
				if (!doc || !content || !scanned) {
					notices.error(`${scanned?.name ?? 'A transcript'} is no longer in the project. Scan again; nothing was changed.`);
					return false;
				}
				if (content.text !== scanned.text) {
					notices.error(`${doc.name} changed since the scan. Scan again; nothing was changed.`);
					return false;
				}
				rows.push({ doc, content });
			}
			const result = applyPlan({ rows, plan, codings: this.#project.codings, notes: this.#project.notes, decisions: this.#project.decisions });
			for (const r of result.rows) r.doc = { ...r.doc, fingerprint: await sha256Hex(r.content.text) };
			const n = result.counts.documents;
			const ok = await this.#project.replaceTexts(result.rows, result.changes, `De-identify ${n} transcript${n === 1 ? '' : 's'}`);
			if (!ok) return false;
			this.key = mergeKeys(this.key, plan.key);
			keptKeys.set(this.#project.id, this.key);
			if (this.keepInProject) await this.#project.setDeidKey(this.key);
			this.applied = result.counts;
			// The texts changed: the old findings' offsets mean nothing now.
			this.items = [];
			this.scanned = [];
			this.phase = 'idle';
			return true;
		} finally {
			if (this.phase === 'applying') this.phase = 'ready';
		}
	}
}
