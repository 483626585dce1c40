// Saved searches (issue 6): a name, the query as typed and its options, stored as rows
// through the project's one change path, so saving, renaming and deleting are undoable.

import type { Result } from '../codebook';
import type { Change, Id, SavedSearch } from '../types';

export type SearchOptions = SavedSearch['options'];

export const DEFAULT_OPTIONS: SearchOptions = { fuzzy: false, participantsOnly: false, docIds: null, codeIds: null };

const MAX_NAME = 120;

function checkName(searches: readonly SavedSearch[], name: string, except: Id | null): Result<{ name: string }> {
	const clean = name.trim().replace(/\s+/g, ' ');
	if (!clean) return { ok: false, error: 'A saved search needs a name.' };
	if (clean.length > MAX_NAME) return { ok: false, error: `The name is ${clean.length} characters long; keep it under ${MAX_NAME}.` };
	const lower = clean.toLocaleLowerCase();
	if (searches.some((s) => s.id !== except && s.name.toLocaleLowerCase() === lower))
		return { ok: false, error: `There is already a saved search called “${clean}”; choose another name.` };
	return { ok: true, name: clean };
}

/** A plain copy of the options (a component's state may hand in proxies IndexedDB cannot store). */
export function cleanOptions(o: SearchOptions): SearchOptions {
	return {
		fuzzy: !!o.fuzzy,
		participantsOnly: !!o.participantsOnly,
		docIds: o.docIds ? [...o.docIds] : null,
		codeIds: o.codeIds ? [...o.codeIds] : null
	};
}

export function newSavedSearch(
	searches: readonly SavedSearch[],
	input: { projectId: Id; name: string; query: string; options: SearchOptions; now: number; id: Id }
): Result<{ search: SavedSearch; changes: Change[] }> {
	const query = input.query.trim();
	if (!query) return { ok: false, error: 'Type a query before saving the search.' };
	const name = checkName(searches, input.name, null);
	if (!name.ok) return name;
	const search: SavedSearch = {
		id: input.id,
		projectId: input.projectId,
		name: name.name,
		query,
		options: cleanOptions(input.options),
		createdAt: input.now
	};
	return { ok: true, search, changes: [{ kind: 'search', before: null, after: search }] };
}

export function renameSavedSearch(searches: readonly SavedSearch[], id: Id, name: string): Result<{ changes: Change[] }> {
	const s = searches.find((x) => x.id === id);
	if (!s) return { ok: false, error: 'That saved search no longer exists.' };
	const checked = checkName(searches, name, id);
	if (!checked.ok) return checked;
	if (checked.name === s.name) return { ok: true, changes: [] };
	return { ok: true, changes: [{ kind: 'search', before: s, after: { ...s, name: checked.name } }] };
}

export function deleteSavedSearch(searches: readonly SavedSearch[], id: Id): Result<{ changes: Change[] }> {
	const s = searches.find((x) => x.id === id);
	if (!s) return { ok: false, error: 'That saved search no longer exists.' };
	return { ok: true, changes: [{ kind: 'search', before: s, after: null }] };
}

/** The options in a few words: "fuzzy · participants only · 3 transcripts · coded “Stigma”". */
export function describeOptions(o: SearchOptions, codeName: (id: Id) => string | undefined): string {
	const parts: string[] = [];
	if (o.fuzzy) parts.push('fuzzy');
	if (o.participantsOnly) parts.push('participants only');
	if (o.docIds) parts.push(`${o.docIds.length} transcript${o.docIds.length === 1 ? '' : 's'}`);
	if (o.codeIds) {
		const names = o.codeIds.map((id) => codeName(id)).filter((n): n is string => !!n);
		parts.push(names.length === 1 ? `coded “${names[0]}”` : `coded with ${o.codeIds.length} codes`);
	}
	return parts.join(' · ');
}
