// One open project: its rows mirrored in runes, changed only through the methods below.
// Every edit of codes and codings goes through commit(): the domain computes Change[], the
// repository stores them in one transaction, the same changes update the in-memory lists,
// and the history keeps them for undo. Errors become notices; nothing throws into the UI.
import { repo, validateChanges, type Repo } from '../db';
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
import { codebookToChanges, type CodebookFile, type CodebookImportReport } from '../domain/codebookFile';
import { applyChangesToList, History, invertChanges } from '../domain/history';
import { countsByCode } from '../domain/retrieve';
import type {
	Change,
	Code,
	Coder,
	Coding,
	DocumentContent,
	HistoryEntry,
	Id,
	Participant,
	Project,
	TextEncoding,
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
	/** Bumped whenever the history changes, so the undo/redo labels recompute. */
	historyVersion = $state(0);
	importing = $state<ImportProgress | null>(null);
	#abort: AbortController | null = null;

	codeById = $derived(new Map(this.codes.map((c) => [c.id, c])));
	colors = $derived(new Map(this.codes.map((c) => [c.id, c.color])));
	coderById = $derived(new Map(this.coders.map((c) => [c.id, c])));
	counts = $derived(countsByCode(this.codes, this.codings, this.documents));
	currentCoder = $derived(this.coders.find((c) => c.id === this.project?.currentCoderId) ?? this.coders[0]);
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
		const [coders, documents, participants, codes, codings] = await Promise.all([
			this.#repo.listCoders(this.id),
			this.#repo.listDocuments(this.id),
			this.#repo.listParticipants(this.id),
			this.#repo.listCodes(this.id),
			this.#repo.listCodings(this.id)
		]);
		this.project = project;
		this.coders = coders;
		this.documents = documents;
		this.participants = participants;
		this.codes = codes;
		this.codings = codings;
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
		this.documents = this.documents.map((d) => (d.id === docId ? { ...d, participantId: label } : d));
	}

	async renameDocument(docId: Id, name: string): Promise<void> {
		const clean = name.trim();
		if (!clean) return;
		await this.#repo.updateDocument(docId, { name: clean });
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
		// Undo entries may point at codings of the deleted document; they cannot be replayed.
		this.#history.clear();
		this.historyVersion++;
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

	#mirror(changes: Change[]): void {
		if (changes.some((c) => c.kind === 'code')) this.codes = applyChangesToList(this.codes, changes, 'code');
		if (changes.some((c) => c.kind === 'coding'))
			this.codings = applyChangesToList(this.codings, changes, 'coding');
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
		this.project = { ...p, recentCodeIds };
		await this.#repo.updateProject(p.id, { recentCodeIds });
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
		const ok = await this.commit(`Merge “${s}” into “${t}”`, r.changes);
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
		return this.commit(`Delete “${name}”`, r.changes);
	}

	/** Code ids are global row keys, so a starter codebook's ids are never reused as they are. */
	async loadCodebook(file: CodebookFile): Promise<CodebookImportReport | null> {
		const { changes, report } = codebookToChanges(file, this.id, this.codes, Date.now(), () => crypto.randomUUID());
		const ok = await this.commit(`Load codebook “${file.name}”`, changes);
		return ok ? report : null;
	}
}
