// Row shapes that exist only in storage. Domain entities are stored as they are; these are
// the few rows whose layout is a storage decision (codings grouped per document and coder,
// app settings), so nothing outside db/ has to know them.

import type { Coding, Id } from '../domain/types';

/**
 * All codings one coder made in one document. One row per (document, coder) instead of one
 * row per coding because IndexedDB pays per row: 50,000 codings as rows took 14 s to write
 * in Chromium, the same codings grouped per document 0.3 s.
 */
export interface CodingSetRow {
	/** `${docId}|${coderId}`, see codingSetId(). */
	id: string;
	projectId: Id;
	docId: Id;
	coderId: Id;
	/** Kept in canonical order (start, end, id) so equal contents give equal rows. */
	codings: Coding[];
}

/** One app setting, e.g. whether persistent storage was already requested. */
export interface MetaRow {
	key: string;
	value: unknown;
}
