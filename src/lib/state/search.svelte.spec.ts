// SearchState over a real ProjectState and Repo (fake-indexeddb): the index follows imports
// and deletions, autocoding is one undoable step that is stored, and saved searches are rows.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Repo, TemaDB } from '../db';
import { ProjectState } from './project.svelte';
import { hitKey, searchStateFor } from './search.svelte';

const SAMPLE = 'static/sample';

function fileOf(name: string) {
	const data = new Uint8Array(readFileSync(`${SAMPLE}/${name}`));
	return { name, size: data.byteLength, arrayBuffer: async () => data.slice().buffer as ArrayBuffer };
}

let db: TemaDB;
let repo: Repo;
let project: ProjectState;

beforeEach(async () => {
	db = new TemaDB(`search-${crypto.randomUUID()}`);
	repo = new Repo(db);
	const p = await repo.createProject({ name: 'Search test', description: '' });
	project = new ProjectState(p.id, repo);
	await project.load();
	await project.importFiles(['P01.txt', 'P02.txt', 'P03.txt'].map(fileOf));
});

afterEach(async () => {
	project.dispose();
	await db.delete();
});

/** Codings as stored, flattened out of the per-(document, coder) rows. */
async function storedCodings() {
	return (await db.codingSets.toArray()).flatMap((s) => s.codings);
}

describe('SearchState', () => {
	it('is one per project, indexes its transcripts and follows imports and deletions', async () => {
		const search = searchStateFor(project);
		expect(searchStateFor(project)).toBe(search);
		await search.sync();
		expect(search.index.size).toBe(3);
		search.query = 'guilt*';
		search.run();
		const before = search.outcome!.result.total;
		expect(before).toBeGreaterThan(0);

		await project.importFiles([fileOf('P06.txt')]);
		await search.sync();
		expect(search.index.size).toBe(4);
		expect(search.outcome!.result.total).toBeGreaterThan(before);

		await project.deleteDocument(project.documents[3].id);
		await search.sync();
		expect(search.index.size).toBe(3);
		expect(search.outcome!.result.total).toBe(before);
	});

	it('restricts to transcripts, to participants’ speech and to coded text', async () => {
		const search = searchStateFor(project);
		await search.sync();
		search.query = 'work';
		search.run();
		const all = search.outcome!.result;
		search.options = { ...search.options, participantsOnly: true };
		search.run();
		const spoken = search.outcome!.result;
		expect(spoken.total).toBeLessThan(all.total);
		for (const h of search.index.allHits(spoken)) expect(search.index.role(h)).toBe('participant');

		search.options = { fuzzy: false, participantsOnly: false, docIds: [project.documents[1].id], codeIds: null };
		search.run();
		expect(search.outcome!.result.docs.map((d) => d.docId)).toEqual([project.documents[1].id]);

		// Nothing is coded yet, so a search in coded text finds nothing until a code is applied.
		const code = await project.createCode({ name: 'Work' });
		search.options = { fuzzy: false, participantsOnly: false, docIds: null, codeIds: [code!.id] };
		search.run();
		expect(search.outcome!.result.total).toBe(0);
		const doc = project.documents[0];
		const text = (await project.content(doc.id))!.text;
		const at = text.indexOf('work');
		await project.applyCode(doc.id, at - 20, at + 30, code!.id);
		expect(search.outcome!.result.total).toBeGreaterThanOrEqual(1);
	});

	it('codes all hits with a new code by sentence as one undoable, stored step, skipping what is coded', async () => {
		const search = searchStateFor(project);
		await search.sync();
		search.query = 'guilt*';
		search.run();
		const hits = search.outcome!.result.total;
		const preview = search.preview({ newName: 'Guilt' }, 'sentence', null);
		if ('error' in preview) throw new Error(preview.error);
		expect(preview.hits).toBe(hits);
		const made = await search.autocode({ newName: 'Guilt' }, 'sentence', null);
		expect(made?.made).toBe(preview.plan.codings.length);
		const code = project.codes.find((c) => c.name === 'Guilt')!;
		expect(made?.codeId).toBe(code.id);
		const stored = await storedCodings();
		expect(stored).toHaveLength(made!.made);
		for (const c of stored) {
			expect(c.quote).toMatch(/guilt/i);
			expect(c.coderId).toBe(project.currentCoder!.id);
			expect(c.codeId).toBe(code.id);
		}
		// The same again adds nothing: every sentence is coded already.
		const again = search.preview({ codeId: code.id }, 'sentence', null);
		expect('error' in again ? again.error : again.plan.codings.length).toBe(0);
		expect('error' in again ? 0 : again.plan.skipped).toBe(made!.made);

		// One undo takes the codings and the new code away.
		expect(await project.undo()).toMatch(/^Code \d+ passages \(the sentence\) with new code “Guilt”$/);
		expect(project.codes.some((c) => c.name === 'Guilt')).toBe(false);
		expect(await storedCodings()).toHaveLength(0);
	});

	it('codes only the selected hits, as the matched words or the speaker turn', async () => {
		const search = searchStateFor(project);
		await search.sync();
		search.query = 'guilt*';
		search.run();
		const [first, second] = search.index.allHits(search.outcome!.result);
		const code = await project.createCode({ name: 'Guilt' });
		const r = await search.autocode({ codeId: code!.id }, 'match', new Set([hitKey(first)]));
		expect(r?.made).toBe(1);
		const [c] = await storedCodings();
		expect([c.docId, c.start, c.end]).toEqual([first.docId, first.start, first.end]);
		const turn = await search.autocode({ codeId: code!.id }, 'turn', new Set([hitKey(second)]));
		expect(turn?.made).toBe(1);
		const region = search.index.region(second);
		expect((await storedCodings()).some((x) => x.start === region.start && x.end <= region.end && x.end >= region.end - 2)).toBe(true);
	});

	it('saves, renames, runs and deletes searches as stored rows', async () => {
		const search = searchStateFor(project);
		await search.sync();
		search.query = '"sick leave"';
		search.options = { fuzzy: true, participantsOnly: true, docIds: null, codeIds: null };
		const saved = await search.save('  Sick   leave ');
		expect(saved?.name).toBe('Sick leave');
		expect(await db.searches.toArray()).toEqual([saved]);
		expect(await search.save('sick LEAVE')).toBeNull();

		expect(await search.rename(saved!.id, 'On sick leave')).toBe(true);
		expect((await db.searches.get(saved!.id))?.name).toBe('On sick leave');

		search.clear();
		search.options = { fuzzy: false, participantsOnly: false, docIds: null, codeIds: null };
		search.open(project.searches[0]);
		expect(search.query).toBe('"sick leave"');
		expect(search.options.participantsOnly).toBe(true);
		expect(search.outcome!.result.total).toBeGreaterThan(0);

		expect(await search.remove(saved!.id)).toBe(true);
		expect(await db.searches.count()).toBe(0);
		await project.undo();
		expect(await db.searches.count()).toBe(1);
	});
});
