// One open project: its rows mirrored in runes, changed only through the methods below.
// Every edit of codes and codings goes through commit(): the domain computes Change[], the
// repository stores them in one transaction, the same changes update the in-memory lists,
// and the history keeps them for undo. Errors become notices; nothing throws into the UI.
import { repo, validateChanges, type ProjectPatch, type Repo } from '../db';
import { adjustBoundaries, makeCoding, reanchorAll } from '../domain/anchors';
import {
	deleteCode,
	mergeCodes,
	moveCode,
	newCode,
	updateCode,
	type CodeFields,
	type CodePatch,
	type DeleteSummary
} from '../domain/codebook';
import { codebookToChanges, codesToCodebookFile, type CodebookFile, type CodebookImportReport } from '../domain/codebookFile';
import { makeCoderPackage, planCoderPackage, type CoderPackage, type PackagePlan } from '../domain/coderPackage';
import { applyChangesToList, History, invertChanges } from '../domain/history';
import { countsByCode } from '../domain/retrieve';
import {
	analysisCodings,
	copyAgreements,
	decide,
	undecide,
	type Choice,
	type DecideContext,
	type ReconcileItem,
	type ReconcileState
} from '../domain/agreement/reconcile';
import { makeBackup, parseBackup, type ProjectBackup } from '../domain/backup';
import {
	deleteTheme,
	followCodeChanges,
	moveTheme,
	newTheme,
	placeCode,
	renameTheme,
	setQuotes,
	setVerdict,
	updateTheme,
	type NewThemeInput,
	type ThemePatch
} from '../domain/themes';
import type {
	AttributeDef,
	Change,
	Code,
	Coder,
	Coding,
	Decision,
	DocumentContent,
	ExtractVerdict,
	HistoryEntry,
	Id,
	Note,
	NoteKind,
	NoteTarget,
	Participant,
	Project,
	PseudonymEntry,
	ReadingState,
	SavedSearch,
	TextEncoding,
	Theme,
	TranscriptDocument
} from '../domain/types';
import {
	readTranscriptBytes,
	readTranscriptFiles,
	type FileLike,
	type FileOutcome,
	type ReadOptions
} from '../io/transcripts';
import { notices } from './notices.svelte';

export interface ImportProgress {
	done: number;
	total: number;
	fileName: string;
}

export interface ImportReport {
	added: TranscriptDocument[];
	problems: FileOutcome[];
	cancelled: boolean;
}

const RECENT_LIMIT = 9;

/** How an undo label names a note. */
function noteWord(kind: NoteKind): string {
	return kind === 'journal' ? 'journal entry' : kind === 'memo' ? 'memo' : 'note';
}

/**
 * Resolves once the next frame is on screen (or after 50 ms, when frames do not come: a
 * hidden tab). Storing a coding clones its document's coding row on the main thread, which
 * would otherwise delay the very frame that shows the new highlight.
 */
function afterNextPaint(): Promise<void> {
	return new Promise((resolve) => {
		const fallback = setTimeout(resolve, 50);
		if (typeof requestAnimationFrame === 'function') {
			requestAnimationFrame(() =>
				setTimeout(() => {
					clearTimeout(fallback);
					resolve();
				}, 0)
			);
		}
	});
}

export class ProjectState {
	readonly id: Id;
	#repo: Repo;
	#history = new History();
	#contents = new Map<Id, DocumentContent>();

	status = $state<'loading' | 'ready' | 'missing'>('loading');
	project = $state.raw<Project | null>(null);
	coders = $state.raw<Coder[]>([]);
	documents = $state.raw<TranscriptDocument[]>([]);
	participants = $state.raw<Participant[]>([]);
	codes = $state.raw<Code[]>([]);
	codings = $state.raw<Coding[]>([]);
	themes = $state.raw<Theme[]>([]);
	/** Familiarisation notes, journal entries and memos, oldest first. */
	notes = $state.raw<Note[]>([]);
	reading = $state.raw<ReadingState[]>([]);
	/** Reconciliation decisions (consensus layers), oldest first. */
	decisions = $state.raw<Decision[]>([]);
	/** Saved corpus searches, oldest first. */
	searches = $state.raw<SavedSearch[]>([]);
	/** Bumped whenever the history changes, so the undo/redo labels recompute. */
	historyVersion = $state(0);
	importing = $state<ImportProgress | null>(null);
	#abort: AbortController | null = null;

	codeById = $derived(new Map(this.codes.map((c) => [c.id, c])));
	themeById = $derived(new Map(this.themes.map((t) => [t.id, t])));
	readingByDoc = $derived(new Map(this.reading.map((r) => [r.docId, r])));
	colors = $derived(new Map(this.codes.map((c) => [c.id, c.color])));
	coderById = $derived(new Map(this.coders.map((c) => [c.id, c])));
	counts = $derived(countsByCode(this.codes, this.codings, this.documents));
	/** The layer themes, review, definitions and the write-up use (see Project.analysisCoderId). */
	analysisLayer = $derived(this.coderById.get(this.project?.analysisCoderId ?? '') ?? null);
	/** The codings themes, review, definitions and the write-up use. */
	analysisCodings = $derived(analysisCodings(this.codings, this.analysisLayer?.id));
	currentCoder = $derived(this.coders.find((c) => c.id === this.project?.currentCoderId) ?? this.coders[0]);
	/**
	 * Whose codings the coding screen shows: null for everyone's; in blind mode only the
	 * current coder's; otherwise the layer chosen in the coder menu (this tab only).
	 */
	layer = $state<'all' | Id>('all');
	shownCoderIds = $derived.by((): ReadonlySet<Id> | null => {
		if (this.project?.blind) return new Set(this.currentCoder ? [this.currentCoder.id] : []);
		return this.layer === 'all' ? null : new Set([this.layer]);
	});
	recentCodes = $derived(
		(this.project?.recentCodeIds ?? []).map((id) => this.codeById.get(id)).filter((c): c is Code => !!c)
	);
	undoLabel = $derived.by(() => (this.historyVersion, this.#history.peekUndoLabel()));
	redoLabel = $derived.by(() => (this.historyVersion, this.#history.peekRedoLabel()));

	/** Writes shown on screen but not yet stored (the page warns before closing meanwhile). */
	pendingWrites = $state(0);

	/** Tells other tabs of this browser that the project changed (they keep their own copy). */
	#channel: BroadcastChannel | null = null;
	staleElsewhere = $state(false);

	constructor(id: Id, r: Repo = repo()) {
		this.id = id;
		this.#repo = r;
		if (typeof BroadcastChannel === 'function') {
			this.#channel = new BroadcastChannel('tema-projects');
			this.#channel.onmessage = (e: MessageEvent<{ projectId?: Id }>) => {
				if (e.data?.projectId !== this.id || this.staleElsewhere) return;
				this.staleElsewhere = true;
				notices.warn('This project was changed in another Tema tab or window. Reload this page to see those changes before you go on.');
			};
		}
	}

	/** Stops listening to other tabs (the project layout calls it when it goes away). */
	dispose(): void {
		this.#channel?.close();
		this.#channel = null;
	}

	#announce(): void {
		this.#channel?.postMessage({ projectId: this.id });
	}

	async load(): Promise<void> {
		const project = await this.#repo.getProject(this.id);
		if (!project) {
			this.status = 'missing';
			return;
		}
		const [coders, documents, participants, codes, codings, themes, notes, reading, decisions, searches] = await Promise.all([
			this.#repo.listCoders(this.id),
			this.#repo.listDocuments(this.id),
			this.#repo.listParticipants(this.id),
			this.#repo.listCodes(this.id),
			this.#repo.listCodings(this.id),
			this.#repo.listThemes(this.id),
			this.#repo.listNotes(this.id),
			this.#repo.listReading(this.id),
			this.#repo.listDecisions(this.id),
			this.#repo.listSearches(this.id)
		]);
		this.decisions = decisions;
		this.searches = searches;
		this.themes = themes;
		this.notes = notes;
		this.reading = reading;
		this.project = project;
		this.coders = coders;
		this.documents = documents;
		this.participants = participants;
		this.codes = codes;
		this.codings = codings;
		await this.loadBackupInfo();
		this.status = 'ready';
	}

	// ---- documents -------------------------------------------------------------------

	/**
	 * A document's text and turns. On first load its codings are checked against the text:
	 * a coding whose quote moved is re-anchored, one whose quote is gone is marked orphaned
	 * (kept and listed, never dropped).
	 */
	async content(docId: Id): Promise<DocumentContent | undefined> {
		const cached = this.#contents.get(docId);
		if (cached) return cached;
		const content = await this.#repo.getContent(docId);
		if (!content) return undefined;
		this.#contents.set(docId, content);
		const mine = this.codings.filter((c) => c.docId === docId);
		const { changed } = reanchorAll(content.text, mine);
		if (changed.length > 0) {
			await this.#repo.applyChanges(changed);
			this.codings = applyChangesToList(this.codings, changed, 'coding');
			const orphans = changed.filter((c) => c.after && 'orphaned' in c.after && c.after.orphaned).length;
			if (orphans > 0)
				notices.warn(`${orphans} coding(s) in this transcript no longer match its text; they are listed as orphaned.`);
		}
		return content;
	}

	/** The texts loaded so far (retrieval loads what it needs through contentsFor first). */
	loadedContents(): ReadonlyMap<Id, DocumentContent> {
		return this.#contents;
	}

	async contentsFor(docIds: Iterable<Id>): Promise<Map<Id, DocumentContent>> {
		const out = new Map<Id, DocumentContent>();
		for (const id of docIds) {
			const c = await this.content(id);
			if (c) out.set(id, c);
		}
		return out;
	}

	async setParticipant(docId: Id, participantId: string | null): Promise<void> {
		const label = participantId?.trim() || null;
		await this.#repo.updateDocument(docId, { participantId: label });
		this.#touched();
		this.documents = this.documents.map((d) => (d.id === docId ? { ...d, participantId: label } : d));
	}

	async renameDocument(docId: Id, name: string): Promise<void> {
		const clean = name.trim();
		if (!clean) return;
		await this.#repo.updateDocument(docId, { name: clean });
		this.#touched();
		this.documents = this.documents.map((d) => (d.id === docId ? { ...d, name: clean } : d));
	}

	/**
	 * Imports a batch of files. The whole batch is stored in one transaction at the end, so
	 * a cancelled batch stores nothing; files that cannot be read are reported one by one and
	 * do not stop the others.
	 */
	async importFiles(files: FileLike[]): Promise<ImportReport> {
		if (this.importing) return { added: [], problems: [], cancelled: true };
		this.#abort = new AbortController();
		this.importing = { done: 0, total: files.length, fileName: '' };
		try {
			const { outcomes, cancelled } = await readTranscriptFiles(files, {
				...this.#readOptions(),
				signal: this.#abort.signal,
				onProgress: (done, total, fileName) => (this.importing = { done, total, fileName })
			});
			if (cancelled) return { added: [], problems: [], cancelled: true };
			const ok = outcomes.filter((o) => o.kind === 'ok');
			await this.#store(ok);
			return { added: ok.map((o) => o.doc), problems: outcomes.filter((o) => o.kind !== 'ok'), cancelled: false };
		} finally {
			this.importing = null;
			this.#abort = null;
		}
	}

	cancelImport(): void {
		this.#abort?.abort();
	}

	/** Re-reads a file whose encoding Tema could not tell, with the encoding the user chose. */
	async importWithEncoding(fileName: string, bytes: Uint8Array, encoding: TextEncoding): Promise<FileOutcome> {
		const outcome = await readTranscriptBytes(fileName, bytes, this.documents.length, {
			...this.#readOptions(),
			assume: encoding
		});
		if (outcome.kind === 'ok') await this.#store([outcome]);
		return outcome;
	}

	/** New documents go after the existing ones; a text already in the project is refused. */
	#readOptions(): ReadOptions {
		return {
			projectId: this.id,
			firstOrder: this.documents.length,
			existing: new Map(this.documents.map((d) => [d.fingerprint, d.name]))
		};
	}

	async #store(ok: Extract<FileOutcome, { kind: 'ok' }>[]): Promise<void> {
		if (ok.length === 0) return;
		await this.#repo.addDocuments(
			this.id,
			ok.map((o) => ({ doc: o.doc, content: o.content }))
		);
		for (const o of ok) this.#contents.set(o.doc.id, o.content);
		this.documents = [...this.documents, ...ok.map((o) => o.doc)];
		this.#announce();
	}

	async deleteDocument(docId: Id): Promise<void> {
		await this.#repo.deleteDocument(docId);
		this.#contents.delete(docId);
		this.documents = this.documents.filter((d) => d.id !== docId);
		this.codings = this.codings.filter((c) => c.docId !== docId);
		this.reading = this.reading.filter((r) => r.docId !== docId);
		this.decisions = this.decisions.filter((d) => d.docId !== docId);
		this.notes = this.notes.filter(
			(n) => !((n.target.type === 'document' || n.target.type === 'passage') && n.target.docId === docId)
		);
		// Undo entries may point at codings of the deleted document; they cannot be replayed.
		this.#history.clear();
		this.historyVersion++;
	}

	/**
	 * Changes fields of the project row (not undoable: settings, not edits of the analysis):
	 * shown at once, stored, and other tabs told. The repository bumps updatedAt; so does the copy.
	 */
	async #patchProject(patch: ProjectPatch, announce = true): Promise<void> {
		const p = this.project;
		if (!p) return;
		this.project = { ...p, ...patch, updatedAt: Date.now() };
		await this.#repo.updateProject(p.id, patch);
		if (announce) this.#announce();
	}

	/** Keeps the de-identification key in the project row (entries) or removes it (null). */
	async setDeidKey(entries: PseudonymEntry[] | null): Promise<void> {
		const kept = entries?.length ? entries.map((e) => ({ ...e, documents: [...e.documents] })) : undefined;
		await this.#patchProject({ deidKey: kept });
	}

	/** The participant attributes' types and order (not undoable: part of setting up the table). */
	async setAttributeDefs(defs: AttributeDef[]): Promise<void> {
		await this.#patchProject({ attributes: defs.map((d) => ({ name: d.name, type: d.type })) });
	}

	/**
	 * Rewrites transcript texts (de-identification) with the changes that keep codings and notes
	 * on their words, in one transaction. Not undoable (the old texts are what was removed on
	 * purpose); the undo history is cleared because its entries point at the old offsets.
	 */
	async replaceTexts(rows: { doc: TranscriptDocument; content: DocumentContent }[], changes: Change[], label: string): Promise<boolean> {
		try {
			await this.#repo.replaceTexts(rows, changes);
		} catch (e) {
			notices.error(`${label} failed: ${e instanceof Error ? e.message : String(e)}. Nothing was changed.`);
			return false;
		}
		const byId = new Map(rows.map((r) => [r.doc.id, r.doc]));
		this.documents = this.documents.map((d) => byId.get(d.id) ?? d);
		for (const r of rows) this.#contents.set(r.doc.id, r.content);
		this.#mirror(changes);
		this.#history.clear();
		this.historyVersion++;
		this.#touched();
		this.#announce();
		return true;
	}

	async setParticipants(rows: Participant[]): Promise<void> {
		await this.#repo.putParticipants(rows);
		this.participants = await this.#repo.listParticipants(this.id);
	}

	// ---- the one mutation path for codes and codings ------------------------------------

	/**
	 * Shows the changes at once (the highlight must paint within a frame of the keypress),
	 * then stores them. If storing fails, the screen and the history are put back and the
	 * user is told that nothing was changed.
	 */
	async commit(label: string, changes: Change[], record = true): Promise<boolean> {
		if (changes.length === 0) return true;
		try {
			validateChanges(changes);
		} catch (e) {
			notices.error(`${label} failed: ${e instanceof Error ? e.message : String(e)}. Nothing was changed.`);
			return false;
		}
		const entry: HistoryEntry = { label, changes };
		this.#mirror(changes);
		if (record) {
			this.#history.push(entry);
			this.historyVersion++;
		}
		this.pendingWrites++;
		try {
			await afterNextPaint();
			await this.#repo.applyChanges(changes);
			this.#touched();
			this.#announce();
			return true;
		} catch (e) {
			this.#mirror(invertChanges(changes));
			if (record && this.#history.discard(entry)) this.historyVersion++;
			notices.error(`${label} failed: ${e instanceof Error ? e.message : String(e)}. Nothing was changed.`);
			return false;
		} finally {
			this.pendingWrites--;
		}
	}

	/** The repository bumped the project's updatedAt; keep the copy on screen in step. */
	#touched(): void {
		if (this.project) this.project = { ...this.project, updatedAt: Date.now() };
	}

	#mirror(changes: Change[]): void {
		const has = (kind: Change['kind']) => changes.some((c) => c.kind === kind);
		if (has('code')) this.codes = applyChangesToList(this.codes, changes, 'code');
		if (has('coding')) this.codings = applyChangesToList(this.codings, changes, 'coding');
		if (has('theme')) this.themes = applyChangesToList(this.themes, changes, 'theme');
		if (has('note')) this.notes = applyChangesToList(this.notes, changes, 'note');
		if (has('decision')) this.decisions = applyChangesToList(this.decisions, changes, 'decision');
		if (has('participant')) this.participants = applyChangesToList(this.participants, changes, 'participant');
		if (has('search')) this.searches = applyChangesToList(this.searches, changes, 'search');
	}

	async undo(): Promise<string | null> {
		return this.#replay('undo');
	}

	async redo(): Promise<string | null> {
		return this.#replay('redo');
	}

	/**
	 * Undoes or redoes the last action: shown at once, then stored; if storing fails the
	 * screen and the history go back to where they were.
	 */
	async #replay(direction: 'undo' | 'redo'): Promise<string | null> {
		const entry = direction === 'undo' ? this.#history.undo() : this.#history.redo();
		if (!entry) return null;
		this.historyVersion++;
		this.#mirror(entry.changes);
		this.pendingWrites++;
		try {
			await afterNextPaint();
			await this.#repo.applyChanges(entry.changes);
			this.#touched();
		} catch (e) {
			this.#mirror(invertChanges(entry.changes));
			if (direction === 'undo') this.#history.redo();
			else this.#history.undo();
			this.historyVersion++;
			const verb = direction === 'undo' ? 'Undo' : 'Redo';
			notices.error(`${verb} failed: ${e instanceof Error ? e.message : String(e)}. Nothing was changed.`);
			return null;
		} finally {
			this.pendingWrites--;
		}
		this.#announce();
		notices.info(`${direction === 'undo' ? 'Undone' : 'Redone'}: ${entry.label}`);
		return entry.label;
	}

	// ---- coding ----------------------------------------------------------------------------

	/** Applies a code to [start, end) of a document; returns the new coding or null. */
	async applyCode(docId: Id, start: number, end: number, codeId: Id): Promise<Coding | null> {
		const content = await this.content(docId);
		const code = this.codeById.get(codeId);
		const coder = this.currentCoder;
		if (!content || !code || !coder) return null;
		const made = makeCoding({
			id: crypto.randomUUID(),
			projectId: this.id,
			docId,
			codeId,
			coderId: coder.id,
			text: content.text,
			start,
			end,
			now: Date.now()
		});
		if (!made.ok) {
			notices.error(made.error);
			return null;
		}
		const c = made.coding;
		const dup = this.codings.find(
			(x) => x.docId === docId && x.codeId === codeId && x.coderId === coder.id && x.start === c.start && x.end === c.end
		);
		if (dup) {
			notices.info(`“${code.name}” is already applied to exactly this passage.`);
			return null;
		}
		const doc = this.documents.find((d) => d.id === docId);
		const ok = await this.commit(`Apply “${code.name}” in ${doc?.name ?? 'transcript'}`, [
			{ kind: 'coding', before: null, after: c }
		]);
		if (!ok) return null;
		await this.#touchRecent(codeId);
		return c;
	}

	async removeCoding(id: Id): Promise<void> {
		const c = this.codings.find((x) => x.id === id);
		if (!c) return;
		const name = this.codeById.get(c.codeId)?.name ?? 'code';
		await this.commit(`Remove “${name}” coding`, [{ kind: 'coding', before: c, after: null }]);
	}

	async adjustCoding(id: Id, start: number, end: number): Promise<boolean> {
		const c = this.codings.find((x) => x.id === id);
		if (!c) return false;
		const content = await this.content(c.docId);
		if (!content) return false;
		const r = adjustBoundaries(content.text, c, start, end);
		if (!r.ok) {
			notices.error(r.error);
			return false;
		}
		const name = this.codeById.get(c.codeId)?.name ?? 'code';
		return this.commit(`Adjust “${name}” boundaries`, r.changes);
	}

	async #touchRecent(codeId: Id): Promise<void> {
		const p = this.project;
		if (!p) return;
		const recentCodeIds = [codeId, ...p.recentCodeIds.filter((id) => id !== codeId)].slice(0, RECENT_LIMIT);
		await this.#patchProject({ recentCodeIds }, false);
	}

	// ---- codebook --------------------------------------------------------------------------

	async createCode(
		fields: Partial<CodeFields> & { name: string; parentId?: Id | null }
	): Promise<Code | null> {
		const r = newCode(this.id, fields, this.codes, Date.now(), crypto.randomUUID());
		if (!r.ok) {
			notices.error(r.error);
			return null;
		}
		return (await this.commit(`Create code “${r.code.name}”`, r.changes)) ? r.code : null;
	}

	async updateCode(id: Id, patch: CodePatch, label?: string): Promise<boolean> {
		const r = updateCode(this.codes, id, patch);
		if (!r.ok) {
			notices.error(r.error);
			return false;
		}
		const name = this.codeById.get(id)?.name ?? 'code';
		const what =
			label ?? (patch.name !== undefined && patch.name.trim() !== name ? `Rename “${name}” to “${patch.name.trim()}”` : `Edit “${name}”`);
		return this.commit(what, r.changes);
	}

	async moveCode(id: Id, parentId: Id | null, index: number): Promise<boolean> {
		const r = moveCode(this.codes, id, parentId, index);
		if (!r.ok) {
			notices.error(r.error);
			return false;
		}
		const name = this.codeById.get(id)?.name ?? 'code';
		return this.commit(`Move “${name}”`, r.changes);
	}

	async mergeCodes(sourceId: Id, targetId: Id): Promise<boolean> {
		const r = mergeCodes(this.codes, this.codings, sourceId, targetId);
		if (!r.ok) {
			notices.error(r.error);
			return false;
		}
		const s = this.codeById.get(sourceId)?.name;
		const t = this.codeById.get(targetId)?.name;
		const gone = new Set(r.changes.filter((c) => c.kind === 'code' && c.after === null).map((c) => c.before!.id));
		const themed = followCodeChanges(this.themes, gone, { from: sourceId, to: targetId });
		// Memos on the merged code now hang on the code it became part of.
		const memos = this.#codeNotesChanges(gone, targetId);
		const ok = await this.commit(`Merge “${s}” into “${t}”`, [...r.changes, ...themed, ...memos]);
		if (ok) {
			const dup = r.duplicatesRemoved ? `; ${r.duplicatesRemoved} identical coding(s) folded together` : '';
			notices.info(`Merged “${s}” into “${t}”: ${r.repointed} coding(s) moved${dup}.`);
		}
		return ok;
	}

	deleteSummary(id: Id, withDescendants: boolean): DeleteSummary | null {
		const r = deleteCode(this.codes, this.codings, id, { withDescendants });
		return r.ok ? r.summary : null;
	}

	async deleteCode(id: Id, withDescendants: boolean): Promise<boolean> {
		const r = deleteCode(this.codes, this.codings, id, { withDescendants });
		if (!r.ok) {
			notices.error(r.error);
			return false;
		}
		const name = this.codeById.get(id)?.name ?? 'code';
		const gone = new Set(r.changes.filter((c) => c.kind === 'code' && c.after === null).map((c) => c.before!.id));
		// The deleted codes' memos go with them (and come back with undo).
		return this.commit(`Delete “${name}”`, [...r.changes, ...followCodeChanges(this.themes, gone), ...this.#codeNotesChanges(gone, null)]);
	}

	/** Notes on codes that are going: moved to `to`, or removed when `to` is null. */
	#codeNotesChanges(gone: ReadonlySet<Id>, to: Id | null): Change[] {
		return this.notes
			.filter((n) => n.target.type === 'code' && gone.has(n.target.codeId))
			.map((n): Change => ({ kind: 'note', before: n, after: to ? { ...n, target: { type: 'code', codeId: to } } : null }));
	}

	/** Code ids are global row keys, so a starter codebook's ids are never reused as they are. */
	async loadCodebook(file: CodebookFile): Promise<(CodebookImportReport & { idMap: Map<string, Id> }) | null> {
		const { changes, report, idMap } = codebookToChanges(file, this.id, this.codes, Date.now(), () => crypto.randomUUID());
		const ok = await this.commit(`Load codebook “${file.name}”`, changes);
		return ok ? { ...report, idMap } : null;
	}

	/**
	 * Adds a coder with codings given as [document name, code id, start, end] (the coded
	 * sample study). Not undoable: it is part of setting the project up. Rows whose document
	 * or code is unknown, or whose offsets fall outside the text, are refused with an error.
	 */
	async addCoderWithCodings(
		coder: { name: string; color: string },
		rows: readonly [string, string, number, number][],
		codeIdMap: ReadonlyMap<string, Id>
	): Promise<number> {
		const c: Coder = { id: crypto.randomUUID(), projectId: this.id, name: coder.name, color: coder.color };
		const byName = new Map(this.documents.map((d) => [d.name, d]));
		const changes: Change[] = [];
		const now = Date.now();
		for (const [docName, codeKey, start, end] of rows) {
			const doc = byName.get(docName);
			const codeId = codeIdMap.get(codeKey);
			const content = doc && (await this.content(doc.id));
			if (!doc || !codeId || !content) throw new Error(`Sample coding ${docName} ${codeKey} ${start}–${end} names an unknown document or code.`);
			const made = makeCoding({ id: crypto.randomUUID(), projectId: this.id, docId: doc.id, codeId, coderId: c.id, text: content.text, start, end, now });
			if (!made.ok) throw new Error(`Sample coding ${docName} ${codeKey}: ${made.error}`);
			changes.push({ kind: 'coding', before: null, after: made.coding });
		}
		await this.#repo.addCoder(c);
		await this.#repo.applyChanges(changes);
		this.coders = [...this.coders, c];
		this.#mirror(changes);
		return changes.length;
	}

	// ---- coders ---------------------------------------------------------------------------

	/** Adds a coder (not undoable: coders are part of setting up a team). */
	async addCoder(name: string, color: string): Promise<Coder | null> {
		const clean = name.trim().replace(/\s+/g, ' ');
		if (!clean) {
			notices.error('A coder needs a name.');
			return null;
		}
		if (this.coders.some((c) => c.name.toLocaleLowerCase() === clean.toLocaleLowerCase())) {
			notices.error(`There is already a coder called “${clean}”.`);
			return null;
		}
		const coder: Coder = { id: crypto.randomUUID(), projectId: this.id, name: clean, color };
		return (await this.#addCoderRow(coder, 'The coder could not be added')) ? coder : null;
	}

	/** Stores a new coder row and shows it; false (with a notice) when it cannot be stored. */
	async #addCoderRow(coder: Coder, failure: string): Promise<boolean> {
		try {
			await this.#repo.addCoder(coder);
		} catch (e) {
			notices.error(`${failure}: ${e instanceof Error ? e.message : String(e)}.`);
			return false;
		}
		this.coders = [...this.coders, coder];
		this.#touched();
		this.#announce();
		return true;
	}

	async updateCoder(id: Id, patch: { name?: string; color?: string }): Promise<boolean> {
		const coder = this.coderById.get(id);
		if (!coder) return false;
		const name = patch.name?.trim().replace(/\s+/g, ' ');
		if (name !== undefined && !name) {
			notices.error('A coder needs a name.');
			return false;
		}
		if (name && this.coders.some((c) => c.id !== id && c.name.toLocaleLowerCase() === name.toLocaleLowerCase())) {
			notices.error(`There is already a coder called “${name}”.`);
			return false;
		}
		if (patch.color !== undefined && !/^#[0-9a-f]{6}$/i.test(patch.color)) {
			notices.error(`“${patch.color}” is not a colour of the form #rrggbb.`);
			return false;
		}
		const clean = { ...(name ? { name } : {}), ...(patch.color ? { color: patch.color.toLowerCase() } : {}) };
		await this.#repo.updateCoder(id, clean);
		this.coders = this.coders.map((c) => (c.id === id ? { ...c, ...clean } : c));
		this.#touched();
		this.#announce();
		return true;
	}

	/** Whose name new codings carry. */
	async setCurrentCoder(id: Id): Promise<void> {
		if (!this.coderById.has(id) || this.project?.currentCoderId === id) return;
		await this.#patchProject({ currentCoderId: id });
	}

	/** Blind mode: while coding, only the current coder's codings are shown. */
	async setBlind(blind: boolean): Promise<void> {
		if (!!this.project?.blind === blind) return;
		await this.#patchProject({ blind });
	}

	// ---- consensus layers and reconciliation ----------------------------------------------

	/** Adds a consensus layer: a coder row the reconciliation fills (not undoable, like adding a coder). */
	async addConsensusLayer(color = '#059669'): Promise<Coder | null> {
		const taken = new Set(this.coders.map((c) => c.name.toLocaleLowerCase()));
		let name = 'Consensus';
		for (let i = 2; taken.has(name.toLocaleLowerCase()); i++) name = `Consensus ${i}`;
		const coder: Coder = { id: crypto.randomUUID(), projectId: this.id, name, color, consensus: true };
		return (await this.#addCoderRow(coder, 'The consensus layer could not be added')) ? coder : null;
	}

	async #decideContext(consensusId: Id, docId: Id, coderIds: readonly Id[]): Promise<DecideContext | null> {
		const content = await this.content(docId);
		const me = this.currentCoder;
		if (!content || !me || !this.coderById.get(consensusId)?.consensus) return null;
		return {
			projectId: this.id,
			consensusId,
			docId,
			coderIds,
			text: content.text,
			decidedBy: me.id,
			now: Date.now(),
			newId: () => crypto.randomUUID(),
			consensusCodings: this.codings.filter((k) => k.coderId === consensusId && k.docId === docId)
		};
	}

	#stretchLabel(codeId: Id, docId: Id): string {
		const doc = this.documents.find((d) => d.id === docId);
		return `“${this.codeById.get(codeId)?.name ?? 'code'}” in ${doc?.name ?? 'transcript'}`;
	}

	/** Settles one stretch of a comparison into the consensus layer (undoable). */
	async decide(consensusId: Id, docId: Id, coderIds: readonly Id[], item: ReconcileItem, choice: Choice): Promise<boolean> {
		const ctx = await this.#decideContext(consensusId, docId, coderIds);
		if (!ctx) return false;
		const r = decide(ctx, item, choice);
		if (!r.ok) {
			notices.error(r.error);
			return false;
		}
		const what = this.#stretchLabel(item.stretch.codeId, docId);
		const label =
			choice.kind === 'accept'
				? `Accept ${this.coderById.get(choice.coderId)?.name ?? 'coder'}’s ${what}`
				: choice.kind === 'both'
					? `Keep every version of ${what}`
					: choice.kind === 'merge'
						? `Merge boundaries of ${what}`
						: choice.kind === 'reject'
							? `Reject ${what}`
							: `Copy agreed ${what}`;
		return this.commit(label, r.changes);
	}

	/** Reopens a settled stretch: its decision and consensus codings go (undoable). */
	async undecide(decision: Decision): Promise<boolean> {
		return this.commit(
			`Reopen ${this.#stretchLabel(decision.codeId, decision.docId)}`,
			undecide(decision, this.codings.filter((k) => k.coderId === decision.consensusId))
		);
	}

	/** Copies a transcript's agreements into the consensus layer (one undoable step). */
	async copyAgreements(consensusId: Id, docId: Id, coderIds: readonly Id[], state: ReconcileState): Promise<number> {
		const ctx = await this.#decideContext(consensusId, docId, coderIds);
		if (!ctx) return 0;
		const { changes, copied } = copyAgreements(ctx, state);
		if (copied === 0) return 0;
		const doc = this.documents.find((d) => d.id === docId);
		return (await this.commit(`Copy ${copied} agreement${copied === 1 ? '' : 's'} in ${doc?.name ?? 'transcript'} to the consensus`, changes)) ? copied : 0;
	}

	/** Which layer themes and reports use: one coder's (e.g. a consensus layer) or everyone's (null). */
	async setAnalysisLayer(coderId: Id | null): Promise<void> {
		if ((coderId !== null && !this.coderById.has(coderId)) || (this.project?.analysisCoderId ?? null) === coderId) return;
		await this.#patchProject({ analysisCoderId: coderId });
	}

	// ---- coder packages (exchange between team members) ------------------------------------

	/** One coder's codings with the codebook and transcript fingerprints, for a teammate. */
	coderPackage(coderId: Id): CoderPackage | null {
		const coder = this.coderById.get(coderId);
		if (!coder || !this.project) return null;
		const book = codesToCodebookFile(this.codes, `${this.project.name} codebook`);
		return makeCoderPackage(this.project.name, coder, book, this.documents, this.codings, Date.now());
	}

	/** What importing a package would do; nothing changes until applyCoderPackage. */
	async planCoderPackage(pkg: CoderPackage): Promise<PackagePlan> {
		const fps = new Set(pkg.documents.map((d) => d.fingerprint));
		const contents = await this.contentsFor(this.documents.filter((d) => fps.has(d.fingerprint)).map((d) => d.id));
		return planCoderPackage(pkg, {
			projectId: this.id,
			coders: this.coders,
			documents: this.documents,
			codes: this.codes,
			codings: this.codings,
			contents,
			now: Date.now(),
			newId: () => crypto.randomUUID()
		});
	}

	/** Imports a planned package: the coder (if new), then codes and codings as one undo step. */
	async applyCoderPackage(plan: PackagePlan): Promise<boolean> {
		if (plan.newCoder && !this.coderById.has(plan.newCoder.id) && !(await this.#addCoderRow(plan.newCoder, 'The coder could not be added; nothing was imported')))
			return false;
		return this.commit(`Import ${plan.report.codings.added} codings by “${plan.report.coder.name}”`, plan.changes);
	}

	// ---- themes (phases 3–5) ----------------------------------------------------------------

	#themeName(id: Id | null): string {
		return (id && this.themeById.get(id)?.name) || 'theme';
	}

	async #themeEdit(label: string, r: { ok: true; changes: Change[] } | { ok: false; error: string }): Promise<boolean> {
		if (!r.ok) {
			notices.error(r.error);
			return false;
		}
		return this.commit(label, r.changes);
	}

	async createTheme(input: NewThemeInput): Promise<Theme | null> {
		const r = newTheme(this.id, this.themes, input, Date.now(), crypto.randomUUID());
		if (!r.ok) {
			notices.error(r.error);
			return null;
		}
		const where = input.parentId ? ` under “${this.#themeName(input.parentId)}”` : '';
		return (await this.commit(`Create theme “${r.theme.name}”${where}`, r.changes)) ? r.theme : null;
	}

	async renameTheme(id: Id, name: string): Promise<boolean> {
		const old = this.#themeName(id);
		return this.#themeEdit(`Rename theme “${old}” to “${name.trim()}”`, renameTheme(this.themes, id, name, Date.now()));
	}

	async updateTheme(id: Id, patch: ThemePatch, label?: string): Promise<boolean> {
		const name = this.#themeName(id);
		const what =
			label ??
			(patch.status === 'discarded'
				? `Discard theme “${name}”`
				: patch.status
					? `Mark theme “${name}” as ${patch.status}`
					: patch.definition
						? `Edit the definition of “${name}”`
						: `Edit theme “${name}”`);
		return this.#themeEdit(what, updateTheme(this.themes, id, patch, Date.now()));
	}

	async moveTheme(id: Id, parentId: Id | null, index: number): Promise<boolean> {
		const where = parentId ? `under “${this.#themeName(parentId)}”` : 'to the top level';
		return this.#themeEdit(`Move theme “${this.#themeName(id)}” ${where}`, moveTheme(this.themes, id, parentId, index, Date.now()));
	}

	/** Moves a code between themes and the pile of unplaced codes (null). */
	async placeCode(codeId: Id, fromThemeId: Id | null, toThemeId: Id | null, index = Number.MAX_SAFE_INTEGER): Promise<boolean> {
		const code = this.codeById.get(codeId)?.name ?? 'code';
		const label =
			toThemeId === null
				? `Take “${code}” out of “${this.#themeName(fromThemeId)}”`
				: fromThemeId === null || fromThemeId === toThemeId
					? `Put “${code}” in “${this.#themeName(toThemeId)}”`
					: `Move “${code}” from “${this.#themeName(fromThemeId)}” to “${this.#themeName(toThemeId)}”`;
		return this.#themeEdit(label, placeCode(this.themes, codeId, fromThemeId, toThemeId, index, Date.now()));
	}

	async deleteTheme(id: Id): Promise<boolean> {
		const name = this.#themeName(id);
		const memos = this.notes.filter((n) => n.target.type === 'theme' && n.target.themeId === id);
		const r = deleteTheme(this.themes, id, Date.now());
		if (!r.ok) return this.#themeEdit('', r);
		// The theme's memos go with it (and come back with undo).
		return this.commit(`Delete theme “${name}”`, [...r.changes, ...memos.map((n): Change => ({ kind: 'note', before: n, after: null }))]);
	}

	async setVerdict(themeId: Id, codingId: Id, verdict: ExtractVerdict | null): Promise<boolean> {
		const what = verdict === 'fits' ? 'fitting' : verdict === 'misfit' ? 'not fitting' : 'undecided';
		return this.#themeEdit(`Mark an extract of “${this.#themeName(themeId)}” as ${what}`, setVerdict(this.themes, themeId, codingId, verdict, Date.now()));
	}

	async setQuotes(themeId: Id, quoteIds: Id[]): Promise<boolean> {
		return this.#themeEdit(`Choose quotes for “${this.#themeName(themeId)}”`, setQuotes(this.themes, themeId, quoteIds, Date.now()));
	}

	/**
	 * Recodes an extract that does not fit its theme: the coding moves to another code (its
	 * verdict in the theme is cleared, since it now belongs elsewhere). One undoable step.
	 */
	async moveExtract(codingId: Id, themeId: Id, toCodeId: Id): Promise<boolean> {
		const c = this.codings.find((x) => x.id === codingId);
		const to = this.codeById.get(toCodeId);
		if (!c || !to) return false;
		if (c.codeId === toCodeId) return true;
		const dup = this.codings.find(
			(x) => x.docId === c.docId && x.coderId === c.coderId && x.codeId === toCodeId && x.start === c.start && x.end === c.end
		);
		const changes: Change[] = dup
			? [{ kind: 'coding', before: c, after: null }]
			: [{ kind: 'coding', before: c, after: { ...c, codeId: toCodeId } }];
		const cleared = setVerdict(this.themes, themeId, codingId, null, Date.now());
		if (cleared.ok) changes.push(...cleared.changes);
		return this.commit(`Move an extract to “${to.name}”`, changes);
	}

	// ---- notes, journal, memos ----------------------------------------------------------------

	async addNote(kind: NoteKind, target: NoteTarget, text: string): Promise<Note | null> {
		const clean = text.trim();
		if (!clean) {
			notices.error('The note is empty; write something first.');
			return null;
		}
		const now = Date.now();
		// A plain copy: a target built from component state may be a proxy IndexedDB cannot store.
		const plain = $state.snapshot(target) as NoteTarget;
		const note: Note = { id: crypto.randomUUID(), projectId: this.id, kind, target: plain, text: clean, createdAt: now, updatedAt: now };
		const what = noteWord(kind);
		return (await this.commit(`Add ${what}`, [{ kind: 'note', before: null, after: note }])) ? note : null;
	}

	async updateNote(id: Id, text: string): Promise<boolean> {
		const n = this.notes.find((x) => x.id === id);
		const clean = text.trim();
		if (!n || clean === n.text) return true;
		if (!clean) return this.deleteNote(id);
		const what = noteWord(n.kind);
		return this.commit(`Edit ${what}`, [{ kind: 'note', before: n, after: { ...n, text: clean, updatedAt: Date.now() } }]);
	}

	async deleteNote(id: Id): Promise<boolean> {
		const n = this.notes.find((x) => x.id === id);
		if (!n) return false;
		const what = noteWord(n.kind);
		return this.commit(`Delete ${what}`, [{ kind: 'note', before: n, after: null }]);
	}

	/** Notes and memos hanging on one object, newest first. */
	notesOn(match: (t: NoteTarget) => boolean, kind?: NoteKind): Note[] {
		return this.notes.filter((n) => (!kind || n.kind === kind) && match(n.target)).sort((a, b) => b.createdAt - a.createdAt);
	}

	// ---- reading progress (phase 1; not part of undo) -------------------------------------------

	#readingRow(docId: Id): ReadingState {
		return this.readingByDoc.get(docId) ?? { docId, projectId: this.id, furthest: 0, readAt: null };
	}

	async #putReading(row: ReadingState): Promise<void> {
		const old = this.reading;
		this.reading = [...old.filter((r) => r.docId !== row.docId), row];
		try {
			await this.#repo.putReading(row);
		} catch (e) {
			this.reading = old;
			notices.error(`Reading progress could not be stored: ${e instanceof Error ? e.message : String(e)}.`);
		}
	}

	/** Records how far the analyst has scrolled; only ever moves forward. */
	async recordReading(docId: Id, offset: number): Promise<void> {
		const row = this.#readingRow(docId);
		const doc = this.documents.find((d) => d.id === docId);
		const furthest = Math.min(Math.max(0, Math.round(offset)), doc?.length ?? offset);
		if (furthest <= row.furthest) return;
		await this.#putReading({ ...row, furthest });
	}

	/** Marks a transcript as read (or not); the scrolled progress is kept as it was. */
	async markRead(docId: Id, read: boolean): Promise<void> {
		const row = this.#readingRow(docId);
		await this.#putReading({ ...row, readAt: read ? Date.now() : null });
	}

	/** Share of the document read, 0–1 (1 when marked as read). */
	readShare(docId: Id): number {
		const row = this.readingByDoc.get(docId);
		const doc = this.documents.find((d) => d.id === docId);
		if (!row || !doc) return 0;
		if (row.readAt !== null) return 1;
		return doc.length > 0 ? Math.min(1, row.furthest / doc.length) : 0;
	}

	// ---- backup ------------------------------------------------------------------------------

	/** Everything in the project as a backup file's content. */
	async backup(): Promise<ProjectBackup> {
		const backup = await this.snapshot();
		// A backup that could not be restored is worse than none: check it as Restore will.
		const check = parseBackup(JSON.stringify(backup), 'the backup');
		if (!check.ok) throw new Error(`${check.error} Please report this; nothing was saved.`);
		const at = Date.now();
		await this.#repo.setMeta(`lastBackup:${this.id}`, { at, updatedAt: this.project?.updatedAt ?? at });
		this.lastBackupAt = at;
		return backup;
	}

	/** Everything in the project as stored, for an export that is not a backup (nothing is recorded). */
	async snapshot(): Promise<ProjectBackup> {
		return makeBackup(await this.#repo.exportProject(this.id), Date.now());
	}

	/** When the project was last backed up in this browser (null: never). */
	lastBackupAt = $state<number | null>(null);

	async loadBackupInfo(): Promise<void> {
		const info = await this.#repo.getMeta<{ at: number }>(`lastBackup:${this.id}`);
		this.lastBackupAt = info?.at ?? null;
	}
}
