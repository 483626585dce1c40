// The app's whole storage API over one TemaDB: async functions taking ids, returning domain
// entities. Multi-table writes run in one Dexie transaction so a failure leaves nothing half
// written; codes and codings change only through applyChanges, the path undo/redo replays.

import type {
	Change,
	Code,
	Coder,
	Coding,
	Decision,
	DocumentContent,
	Id,
	Note,
	Participant,
	Project,
	ReadingState,
	SavedSearch,
	Theme,
	TranscriptDocument
} from '../domain/types';
import {
	affectedProjectIds,
	affectedSetIds,
	codingSetId,
	compareCodings,
	foldCodingChanges,
	foldRowChanges,
	type RowKind,
	validateChanges
} from './changes';
import type { BackupRows } from '../domain/backup';
import type { CodingSetRow } from './rows';
import type { TemaDB } from './schema';

export interface RepoOptions {
	/** Clock for createdAt/updatedAt; tests pass a fake one. */
	now?: () => number;
	/** Id generator for new projects and coders. */
	newId?: () => string;
}

export interface NewProject {
	name: string;
	description: string;
	sample?: boolean;
	sampleCoded?: boolean;
}

export type ProjectPatch = Partial<Omit<Project, 'id' | 'createdAt'>>;
export type DocumentPatch = Partial<Pick<TranscriptDocument, 'name' | 'participantId' | 'order'>>;

export interface NewDocument {
	doc: TranscriptDocument;
	content: DocumentContent;
}

export interface CodingFilter {
	docId?: Id;
	coderId?: Id;
}

/** The coder every new project starts with, so codings always have an author. */
export const DEFAULT_CODER = { name: 'Me', color: '#2563eb' } as const;

function byOrderThenName(a: { order: number; name: string }, b: { order: number; name: string }) {
	return a.order - b.order || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Oldest first by a time field, then by id, so equal times still give one order. */
function byTime<T extends { id: string }>(time: (row: T) => number) {
	return (a: T, b: T) => time(a) - time(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export class Repo {
	readonly db: TemaDB;
	private readonly now: () => number;
	private readonly newId: () => string;

	constructor(db: TemaDB, options: RepoOptions = {}) {
		this.db = db;
		this.now = options.now ?? Date.now;
		this.newId = options.newId ?? (() => crypto.randomUUID());
	}

	// ---- projects -------------------------------------------------------------------------

	/** Most recently changed first. */
	async listProjects(): Promise<Project[]> {
		return this.db.projects.orderBy('updatedAt').reverse().toArray();
	}

	async getProject(id: Id): Promise<Project | undefined> {
		return this.db.projects.get(id);
	}

	/** Creates the project and its default coder together, the coder set as current. */
	async createProject(input: NewProject): Promise<Project> {
		const now = this.now();
		const coder: Coder = {
			id: this.newId(),
			projectId: '',
			name: DEFAULT_CODER.name,
			color: DEFAULT_CODER.color
		};
		const project: Project = {
			id: this.newId(),
			name: input.name,
			description: input.description,
			createdAt: now,
			updatedAt: now,
			currentCoderId: coder.id,
			recentCodeIds: [],
			...(input.sample ? { sample: true } : {}),
			...(input.sampleCoded ? { sampleCoded: true } : {})
		};
		coder.projectId = project.id;
		await this.db.transaction('rw', this.db.projects, this.db.coders, async () => {
			await this.db.projects.add(project);
			await this.db.coders.add(coder);
		});
		return project;
	}

	/** Bumps updatedAt unless the patch sets it. Throws when the project does not exist. */
	async updateProject(id: Id, patch: ProjectPatch): Promise<void> {
		const count = await this.db.projects.update(id, { updatedAt: this.now(), ...patch });
		if (count === 0 && !(await this.db.projects.get(id))) {
			throw new Error(`Project ${id} does not exist; it may have been deleted.`);
		}
	}

	/** Deletes the project and everything in it, all or nothing. */
	async deleteProject(id: Id): Promise<void> {
		const db = this.db;
		await db.transaction(
			'rw',
			[
				db.projects,
				db.coders,
				db.documents,
				db.contents,
				db.participants,
				db.codes,
				db.codingSets,
				db.themes,
				db.notes,
				db.reading,
				db.decisions,
				db.searches
			],
			async () => {
				const docIds = (await db.documents.where('projectId').equals(id).primaryKeys()) as Id[];
				await db.decisions.where('projectId').equals(id).delete();
				await db.searches.where('projectId').equals(id).delete();
				await db.themes.where('projectId').equals(id).delete();
				await db.notes.where('projectId').equals(id).delete();
				await db.reading.where('projectId').equals(id).delete();
				await db.contents.bulkDelete(docIds);
				await db.documents.bulkDelete(docIds);
				await db.codingSets.where('projectId').equals(id).delete();
				await db.codes.where('projectId').equals(id).delete();
				await db.participants.where('projectId').equals(id).delete();
				await db.coders.where('projectId').equals(id).delete();
				await db.projects.delete(id);
			}
		);
	}

	/** Marks the project as changed, for the "recent projects" order. */
	private async touch(projectIds: readonly Id[]): Promise<void> {
		const updatedAt = this.now();
		for (const id of projectIds) await this.db.projects.update(id, { updatedAt });
	}

	// ---- coders ---------------------------------------------------------------------------

	async listCoders(projectId: Id): Promise<Coder[]> {
		return this.db.coders.where('projectId').equals(projectId).toArray();
	}

	async addCoder(coder: Coder): Promise<void> {
		await this.db.transaction('rw', this.db.coders, this.db.projects, async () => {
			await this.db.coders.add(coder);
			await this.touch([coder.projectId]);
		});
	}

	/** Renames or recolours a coder; throws when the coder does not exist. */
	async updateCoder(id: Id, patch: Partial<Pick<Coder, 'name' | 'color'>>): Promise<void> {
		await this.db.transaction('rw', this.db.coders, this.db.projects, async () => {
			const coder = await this.db.coders.get(id);
			if (!coder) throw new Error(`Coder ${id} does not exist; it may have been removed.`);
			await this.db.coders.update(id, patch);
			await this.touch([coder.projectId]);
		});
	}

	// ---- documents ------------------------------------------------------------------------

	/** Metadata only, in the project's document order; texts stay unloaded. */
	async listDocuments(projectId: Id): Promise<TranscriptDocument[]> {
		const docs = await this.db.documents.where('projectId').equals(projectId).toArray();
		return docs.sort(byOrderThenName);
	}

	async getDocument(id: Id): Promise<TranscriptDocument | undefined> {
		return this.db.documents.get(id);
	}

	async getContent(docId: Id): Promise<DocumentContent | undefined> {
		return this.db.contents.get(docId);
	}

	/**
	 * Stores documents with their contents in one transaction: if any row fails (an id that
	 * already exists, a duplicate in the batch) the transaction aborts and nothing is stored.
	 */
	async addDocuments(projectId: Id, items: readonly NewDocument[]): Promise<void> {
		if (items.length === 0) return;
		for (const { doc, content } of items) {
			if (doc.projectId !== projectId) {
				throw new Error(
					`Document "${doc.name}" belongs to project ${doc.projectId}, not ${projectId}; ` +
						'nothing was imported.'
				);
			}
			if (content.docId !== doc.id) {
				throw new Error(
					`The text given for document "${doc.name}" is for document ${content.docId}; ` +
						'nothing was imported.'
				);
			}
		}
		const db = this.db;
		await db.transaction('rw', db.documents, db.contents, db.projects, async () => {
			await db.documents.bulkAdd(items.map((i) => i.doc));
			await db.contents.bulkAdd(items.map((i) => i.content));
			await this.touch([projectId]);
		});
	}

	/** A document of the project with the same text, to warn before importing it twice. */
	async findByFingerprint(
		projectId: Id,
		fingerprint: string
	): Promise<TranscriptDocument | undefined> {
		return this.db.documents
			.where('fingerprint')
			.equals(fingerprint)
			.filter((d) => d.projectId === projectId)
			.first();
	}

	/** Throws when the document does not exist. */
	async updateDocument(id: Id, patch: DocumentPatch): Promise<void> {
		const db = this.db;
		await db.transaction('rw', db.documents, db.projects, async () => {
			const doc = await db.documents.get(id);
			if (!doc) throw new Error(`Document ${id} does not exist; it may have been deleted.`);
			await db.documents.update(id, patch);
			await this.touch([doc.projectId]);
		});
	}

	/** Deletes the document with its text and every coder's codings in it; no-op when absent. */
	async deleteDocument(id: Id): Promise<void> {
		const db = this.db;
		await db.transaction('rw', [db.documents, db.contents, db.codingSets, db.reading, db.notes, db.decisions, db.projects], async () => {
			const doc = await db.documents.get(id);
			if (!doc) return;
			await db.codingSets.where('docId').equals(id).delete();
			await db.decisions.where('docId').equals(id).delete();
			await db.reading.delete(id);
			// Notes on the document or its passages go with it (the user confirmed deleting it).
			await db.notes
				.where('projectId')
				.equals(doc.projectId)
				.filter((n) => (n.target.type === 'document' || n.target.type === 'passage') && n.target.docId === id)
				.delete();
			await db.contents.delete(id);
			await db.documents.delete(id);
			await this.touch([doc.projectId]);
		});
	}

	// ---- participants ---------------------------------------------------------------------

	async listParticipants(projectId: Id): Promise<Participant[]> {
		const rows = await this.db.participants.where('projectId').equals(projectId).toArray();
		return rows.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
	}

	/** Inserts or replaces, by row id. */
	async putParticipants(rows: readonly Participant[]): Promise<void> {
		if (rows.length === 0) return;
		await this.db.participants.bulkPut([...rows]);
	}

	// ---- codes and codings ----------------------------------------------------------------

	/** Sorted by sibling order; the caller builds the tree from parentId. */
	async listCodes(projectId: Id): Promise<Code[]> {
		const codes = await this.db.codes.where('projectId').equals(projectId).toArray();
		return codes.sort(byOrderThenName);
	}

	/** Codings of the project, optionally of one document and/or one coder, as a flat list. */
	async listCodings(projectId: Id, opts: CodingFilter = {}): Promise<Coding[]> {
		const { docId, coderId } = opts;
		let sets: CodingSetRow[];
		if (docId !== undefined && coderId !== undefined) {
			const row = await this.db.codingSets.get(codingSetId(docId, coderId));
			sets = row ? [row] : [];
		} else if (docId !== undefined) {
			sets = await this.db.codingSets.where('docId').equals(docId).toArray();
		} else {
			sets = await this.db.codingSets.where('projectId').equals(projectId).toArray();
		}
		return sets
			.filter((s) => s.projectId === projectId && (coderId === undefined || s.coderId === coderId))
			.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
			.flatMap((s) => s.codings);
	}

	/**
	 * The only way codes, codings, themes and notes change. Applies the list in order, in one transaction,
	 * reading each affected coding set once, and bumps the touched projects' updatedAt.
	 * Code changes put `after` or delete `before`; coding changes insert, replace, remove or
	 * move a coding inside its (document, coder) set. Malformed changes (e.g. a coding with
	 * start >= end) are rejected before anything is written. Cascades (codings of a deleted
	 * code) are the caller's to include, so that undo restores them too.
	 */
	async applyChanges(changes: readonly Change[]): Promise<void> {
		if (changes.length === 0) return;
		validateChanges(changes);
		const db = this.db;
		const rowTables = this.#rowTables();
		await db.transaction('rw', [...Object.values(rowTables), db.codingSets, db.projects], async () => {
			for (const kind of Object.keys(rowTables) as RowKind[]) await this.#putRows(kind, changes);

			const setIds = affectedSetIds(changes);
			if (setIds.length) {
				const rows = await db.codingSets.bulkGet(setIds);
				const sets = new Map(setIds.map((id, i) => [id, rows[i]]));
				const { put, remove } = foldCodingChanges(sets, changes);
				if (put.length) await db.codingSets.bulkPut(put);
				if (remove.length) await db.codingSets.bulkDelete(remove);
			}

			await this.touch(affectedProjectIds(changes));
		});
	}

	/**
	 * Rewrites transcript texts (de-identification replaces names and places) together with the
	 * changes that keep everything anchored to them (codings and passage notes moved to their new
	 * offsets), all in one transaction: either every text and every anchor changes, or nothing.
	 */
	async replaceTexts(rows: readonly { doc: TranscriptDocument; content: DocumentContent }[], changes: readonly Change[]): Promise<void> {
		for (const r of rows) {
			if (r.doc.id !== r.content.docId) throw new Error(`Document ${r.doc.id} was given the text of ${r.content.docId}.`);
			if (r.doc.length !== r.content.text.length) throw new Error(`Document ${r.doc.name} says ${r.doc.length} characters but its new text has ${r.content.text.length}.`);
		}
		const db = this.db;
		// applyChanges joins this transaction (same tables), and checks the changes before writing.
		await db.transaction(
			'rw',
			[db.documents, db.contents, ...Object.values(this.#rowTables()), db.codingSets, db.projects],
			async () => {
				for (const r of rows) if (!(await db.documents.get(r.doc.id))) throw new Error(`Document ${r.doc.name} is no longer in the project.`);
				await db.documents.bulkPut(rows.map((r) => r.doc));
				await db.contents.bulkPut(rows.map((r) => r.content));
				await this.applyChanges(changes);
				await this.touch([...new Set(rows.map((r) => r.doc.projectId))]);
			}
		);
	}

	/** The table of each kind of row stored one row per entity (codings go to coding sets). */
	#rowTables() {
		const db = this.db;
		return { code: db.codes, theme: db.themes, note: db.notes, decision: db.decisions, participant: db.participants, search: db.searches } satisfies Record<RowKind, unknown>;
	}

	async #putRows(kind: RowKind, changes: readonly Change[]): Promise<void> {
		const rows = foldRowChanges(changes, kind);
		if (rows.size === 0) return;
		const table = this.#rowTables()[kind] as unknown as {
			bulkPut(rows: unknown[]): Promise<unknown>;
			bulkDelete(ids: Id[]): Promise<unknown>;
		};
		const put = [...rows.values()].filter((r) => r !== null);
		const remove = [...rows].filter(([, r]) => r === null).map(([id]) => id);
		if (put.length) await table.bulkPut(put);
		if (remove.length) await table.bulkDelete(remove);
	}

	// ---- themes, notes, reading -------------------------------------------------------------

	/** Sorted by sibling order; the caller builds the two levels from parentId. */
	async listThemes(projectId: Id): Promise<Theme[]> {
		const rows = await this.db.themes.where('projectId').equals(projectId).toArray();
		return rows.sort(byOrderThenName);
	}

	/** Oldest first. */
	async listNotes(projectId: Id): Promise<Note[]> {
		const rows = await this.db.notes.where('projectId').equals(projectId).toArray();
		return rows.sort(byTime((n) => n.createdAt));
	}

	/** Saved corpus searches, oldest first. */
	async listSearches(projectId: Id): Promise<SavedSearch[]> {
		const rows = await this.db.searches.where('projectId').equals(projectId).toArray();
		return rows.sort(byTime((q) => q.createdAt));
	}

	/** Reconciliation decisions, oldest first. */
	async listDecisions(projectId: Id): Promise<Decision[]> {
		const rows = await this.db.decisions.where('projectId').equals(projectId).toArray();
		return rows.sort(byTime((d) => d.decidedAt));
	}

	async listReading(projectId: Id): Promise<ReadingState[]> {
		return this.db.reading.where('projectId').equals(projectId).toArray();
	}

	/** Reading progress is not part of undo: it is a record of what the analyst did, not an edit. */
	async putReading(row: ReadingState): Promise<void> {
		await this.db.reading.put(row);
	}

	// ---- whole projects (backup and restore) ----------------------------------------------

	/** Every row of a project, for a backup file. */
	async exportProject(id: Id): Promise<BackupRows> {
		const project = await this.getProject(id);
		if (!project) throw new Error(`Project ${id} does not exist; it may have been deleted.`);
		const documents = await this.listDocuments(id);
		const contents = (await this.db.contents.bulkGet(documents.map((d) => d.id))).filter(
			(c): c is DocumentContent => c !== undefined
		);
		const [coders, participants, codes, codings, themes, notes, reading, decisions, searches] = await Promise.all([
			this.listCoders(id),
			this.listParticipants(id),
			this.listCodes(id),
			this.listCodings(id),
			this.listThemes(id),
			this.listNotes(id),
			this.listReading(id),
			this.listDecisions(id),
			this.listSearches(id)
		]);
		return { project, coders, documents, contents, participants, codes, codings, themes, notes, reading, decisions, searches };
	}

	/**
	 * Stores a whole project in one transaction: if any row cannot be added (an id that is
	 * already taken) nothing is stored. The caller re-keys a backup whose ids exist here.
	 */
	async restoreProject(rows: BackupRows): Promise<void> {
		const db = this.db;
		const sets = new Map<string, CodingSetRow>();
		for (const c of rows.codings) {
			const id = codingSetId(c.docId, c.coderId);
			let set = sets.get(id);
			if (!set) sets.set(id, (set = { id, projectId: c.projectId, docId: c.docId, coderId: c.coderId, codings: [] }));
			set.codings.push(c);
		}
		for (const set of sets.values()) set.codings.sort(compareCodings);
		await db.transaction(
			'rw',
			[db.projects, db.coders, db.documents, db.contents, db.participants, db.codes, db.codingSets, db.themes, db.notes, db.reading, db.decisions, db.searches],
			async () => {
				await db.projects.add(rows.project);
				await db.coders.bulkAdd(rows.coders);
				await db.documents.bulkAdd(rows.documents);
				await db.contents.bulkAdd(rows.contents);
				await db.participants.bulkAdd(rows.participants);
				await db.codes.bulkAdd(rows.codes);
				await db.codingSets.bulkAdd([...sets.values()]);
				await db.themes.bulkAdd(rows.themes);
				await db.notes.bulkAdd(rows.notes);
				await db.reading.bulkAdd(rows.reading);
				await db.decisions.bulkAdd(rows.decisions);
				await db.searches.bulkAdd(rows.searches);
			}
		);
	}

	// ---- app settings ---------------------------------------------------------------------

	/** The stored value; its type is the caller's promise, as with any untyped storage. */
	async getMeta<T = unknown>(key: string): Promise<T | undefined> {
		const row = await this.db.meta.get(key);
		return row?.value as T | undefined;
	}

	async setMeta(key: string, value: unknown): Promise<void> {
		await this.db.meta.put({ key, value });
	}
}
