// The Dexie database: its tables and the version history from versions.ts.
// Codings are stored one row per (document, coder) holding an array, not one row per coding:
// in Chromium one IndexedDB row costs ~0.2 ms, so 50,000 codings as rows took 14 s to write
// while the same codings as one row per document took 0.3 s (shared/notes/stack.md, §4).

import Dexie, { type EntityTable } from 'dexie';
import type {
	Code,
	Coder,
	Decision,
	DocumentContent,
	Note,
	Participant,
	Project,
	ReadingState,
	SavedSearch,
	Theme,
	TranscriptDocument
} from '../domain/types';
import type { CodingSetRow, MetaRow } from './rows';
import { VERSIONS } from './versions';

export class TemaDB extends Dexie {
	// `declare` so class-field semantics never overwrite the tables Dexie attaches in stores().
	declare projects: EntityTable<Project, 'id'>;
	declare coders: EntityTable<Coder, 'id'>;
	declare documents: EntityTable<TranscriptDocument, 'id'>;
	declare contents: EntityTable<DocumentContent, 'docId'>;
	declare participants: EntityTable<Participant, 'id'>;
	declare codes: EntityTable<Code, 'id'>;
	declare codingSets: EntityTable<CodingSetRow, 'id'>;
	declare meta: EntityTable<MetaRow, 'key'>;
	declare themes: EntityTable<Theme, 'id'>;
	declare notes: EntityTable<Note, 'id'>;
	declare reading: EntityTable<ReadingState, 'docId'>;
	declare decisions: EntityTable<Decision, 'id'>;
	declare searches: EntityTable<SavedSearch, 'id'>;

	/** @param name the IndexedDB database name; the app uses 'tema', tests a unique one each. */
	constructor(name: string) {
		super(name);
		for (const v of VERSIONS) {
			const declared = this.version(v.version).stores(v.stores);
			if (v.upgrade) declared.upgrade(v.upgrade);
		}
	}
}
