import { describe, expect, it } from 'vitest';
import type { SavedSearch } from '../types';
import { DEFAULT_OPTIONS, deleteSavedSearch, describeOptions, newSavedSearch, renameSavedSearch } from './saved';

const saved = (id: string, name: string): SavedSearch => ({ id, projectId: 'p', name, query: 'work', options: DEFAULT_OPTIONS, createdAt: 0 });

describe('saved searches', () => {
	it('are created with a clean name, the trimmed query and a plain copy of the options', () => {
		const options = { fuzzy: true, participantsOnly: true, docIds: ['d1'], codeIds: null };
		const r = newSavedSearch([], { projectId: 'p', name: '  Back   to work ', query: ' "back to work" ', options, now: 5, id: 's1' });
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.search).toEqual({ id: 's1', projectId: 'p', name: 'Back to work', query: '"back to work"', options, createdAt: 5 });
		expect(r.search.options.docIds).not.toBe(options.docIds);
		expect(r.changes).toEqual([{ kind: 'search', before: null, after: r.search }]);
	});

	it('refuse an empty query, an empty name and a name already used', () => {
		const base = { projectId: 'p', options: DEFAULT_OPTIONS, now: 0, id: 'x' };
		const list = [saved('a', 'Stigma')];
		const empty = newSavedSearch(list, { ...base, name: 'n', query: '  ' });
		expect(empty.ok || empty.error).toContain('Type a query');
		const noName = newSavedSearch(list, { ...base, name: ' ', query: 'w' });
		expect(noName.ok || noName.error).toContain('needs a name');
		const dup = newSavedSearch(list, { ...base, name: 'stigma', query: 'w' });
		expect(dup.ok || dup.error).toContain('already a saved search called “stigma”');
	});

	it('are renamed and deleted as undoable changes', () => {
		const list = [saved('a', 'Stigma'), saved('b', 'Work')];
		const r = renameSavedSearch(list, 'a', 'Shame');
		expect(r.ok && r.changes).toEqual([{ kind: 'search', before: list[0], after: { ...list[0], name: 'Shame' } }]);
		const same = renameSavedSearch(list, 'a', 'Stigma');
		expect(same.ok && same.changes).toEqual([]);
		const clash = renameSavedSearch(list, 'a', 'work');
		expect(clash.ok).toBe(false);
		const d = deleteSavedSearch(list, 'b');
		expect(d.ok && d.changes).toEqual([{ kind: 'search', before: list[1], after: null }]);
		expect(deleteSavedSearch(list, 'zz').ok).toBe(false);
	});

	it('describe their options in a few words', () => {
		expect(describeOptions(DEFAULT_OPTIONS, () => undefined)).toBe('');
		const names = new Map([['c1', 'Stigma']]);
		expect(describeOptions({ fuzzy: true, participantsOnly: true, docIds: ['a', 'b'], codeIds: ['c1'] }, (id) => names.get(id))).toBe(
			'fuzzy · participants only · 2 transcripts · coded “Stigma”'
		);
	});
});
