// The whole IndexedDB schema history, applied in order by TemaDB's constructor.
// RULE: this list is append-only. Never edit or remove a shipped entry (users have databases
// created by it); change the schema by appending { version: n + 1, stores, upgrade } and a
// fixture tests/fixtures/db/v{n+1}.json, which upgrade.spec.ts opens and reads back.

import type { Transaction } from 'dexie';

export interface SchemaVersion {
	/** Dexie version number; strictly increasing down the list. */
	version: number;
	/**
	 * Dexie store specs: primary key first, then indexed fields. As in Dexie, a later version
	 * lists only the tables it adds or changes; null deletes a table.
	 */
	stores: Record<string, string | null>;
	/** Rewrites existing rows into this version's shape; runs inside the upgrade transaction. */
	upgrade?: (tx: Transaction) => PromiseLike<unknown> | void;
}

export const VERSIONS: readonly SchemaVersion[] = [
	{
		// First shipped version.
		version: 1,
		stores: {
			projects: 'id, updatedAt',
			coders: 'id, projectId',
			// Metadata only: the list of documents must never load transcript texts.
			documents: 'id, projectId, fingerprint',
			contents: 'docId',
			participants: 'id, projectId',
			codes: 'id, projectId, parentId',
			// One row per (document, coder) holding a Coding[]: see CodingSetRow for the measurement.
			codingSets: 'id, projectId, docId',
			meta: 'key'
		}
	},
	{
		// Phases: themes, notes (familiarisation notes, journal entries, memos), reading progress.
		// New tables only, so existing rows need no rewriting.
		version: 2,
		stores: {
			themes: 'id, projectId',
			notes: 'id, projectId',
			reading: 'docId, projectId'
		}
	},
	{
		// Reconciliation: the decisions that settle disagreements between coders into a
		// consensus layer. A new table only; the consensus flag on coders and the provenance on
		// codings are optional fields of existing rows, so nothing needs rewriting.
		version: 3,
		stores: {
			decisions: 'id, projectId, docId'
		}
	},
	{
		// Issue 6: saved corpus searches. Participants' typed attributes are an optional field of
		// the project row, so nothing needs rewriting.
		version: 4,
		stores: {
			searches: 'id, projectId'
		}
	}
];

/** The version a freshly opened TemaDB ends up at. */
export const LATEST_VERSION = VERSIONS[VERSIONS.length - 1].version;
