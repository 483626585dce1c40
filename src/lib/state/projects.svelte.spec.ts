// ProjectsState.importRefi over a real Repo on fake-indexeddb: a REFI-QDA project becomes a
// stored project in one step, a second import of the same file gets fresh ids, and a file that
// cannot be read stores nothing.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Repo, TemaDB } from '../db';
import { ProjectsState } from './projects.svelte';
import { SHARED } from '../../../tests/shared';

const NVIVO = resolve(SHARED, 'refi-qda', 'samples', 'nvivo-win-12.6_oltas0517.qdpx');

function fileOf(name: string, data: Uint8Array) {
	return { name, arrayBuffer: async () => data.slice().buffer as ArrayBuffer };
}

let db: TemaDB;
let repo: Repo;
let projects: ProjectsState;

beforeEach(async () => {
	db = new TemaDB(`projects-${crypto.randomUUID()}`);
	repo = new Repo(db);
	projects = new ProjectsState(repo);
	await projects.refresh();
});

afterEach(async () => {
	await db.delete();
});

async function storedCounts() {
	return {
		projects: await db.projects.count(),
		documents: await db.documents.count(),
		codes: await db.codes.count(),
		codings: (await db.codingSets.toArray()).reduce((n, s) => n + s.codings.length, 0)
	};
}

describe('ProjectsState.importRefi', () => {
	it('stores the NVivo sample with its codings, reporting progress, and again as a copy with new ids', async () => {
		const seen: string[] = [];
		const first = await projects.importRefi(fileOf('oltas.qdpx', new Uint8Array(readFileSync(NVIVO))), (m) => {
			seen.push(m);
		});
		expect(first.project.name).toBe('Untitled');
		expect(seen[0]).toBe('Reading oltas.qdpx…');
		expect(seen.at(-1)).toBe('Storing 2 transcripts and 303 codings…');
		expect(projects.importing).toBeNull();
		expect(await storedCounts()).toEqual({ projects: 1, documents: 2, codes: 152, codings: 303 });
		const docs = await repo.listDocuments(first.project.id);
		expect(docs.map((d) => d.id).sort()).toEqual(['68bbdc14-c361-4432-b4dd-ae1dbfc12890', 'ddbebe1b-306f-4271-acdd-ae1da7c06fcd']);
		expect(first.report.notes.some((n) => n.startsWith('Positions: NVivo for Windows 12.6 counts in UTF-16 code units'))).toBe(true);

		const second = await projects.importRefi(fileOf('oltas.qdpx', new Uint8Array(readFileSync(NVIVO))));
		expect(second.project.name).toBe('Untitled (2)');
		expect(second.report.notes).toContain('Parts of this project were already in this browser (it was imported before), so this copy was given new internal ids.');
		expect(await storedCounts()).toEqual({ projects: 2, documents: 4, codes: 304, codings: 606 });
		expect(projects.list.map((p) => p.name).sort()).toEqual(['Untitled', 'Untitled (2)']);
	});

	it('stores nothing when the file cannot be read, and says why', async () => {
		const bytes = new Uint8Array(readFileSync(NVIVO));
		await expect(projects.importRefi(fileOf('cut.qdpx', bytes.subarray(0, 5000)))).rejects.toThrow(/^“cut\.qdpx” is damaged or incomplete/);
		await expect(projects.importRefi(fileOf('empty.qdpx', new Uint8Array()))).rejects.toThrow('“empty.qdpx” is empty (0 bytes).');
		expect(await storedCounts()).toEqual({ projects: 0, documents: 0, codes: 0, codings: 0 });
		expect(projects.importing).toBeNull();
	});
});
