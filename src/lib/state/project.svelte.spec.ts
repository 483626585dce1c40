// ProjectState over a real Repo on fake-indexeddb: the flows the screens drive (import,
// apply, adjust, remove, merge, delete, undo/redo), checked against what is stored.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Repo, TemaDB } from '../db';
import { ProjectState } from './project.svelte';
import { starterCodebook } from '../io/starterCodebooks';

const SAMPLE = 'static/sample';

function fileOf(name: string, bytes: Uint8Array | string) {
	const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
	return { name, size: data.byteLength, arrayBuffer: async () => data.slice().buffer as ArrayBuffer };
}

let db: TemaDB;
let repo: Repo;
let state: ProjectState;

beforeEach(async () => {
	db = new TemaDB(`state-${crypto.randomUUID()}`);
	repo = new Repo(db);
	const p = await repo.createProject({ name: 'Test', description: '' });
	state = new ProjectState(p.id, repo);
	await state.load();
});

afterEach(async () => {
	await db.delete();
});

async function importP01(): Promise<string> {
	const report = await state.importFiles([fileOf('P01.txt', readFileSync(`${SAMPLE}/P01.txt`))]);
	expect(report.added).toHaveLength(1);
	return report.added[0].id;
}

describe('ProjectState', () => {
	it('imports files, refuses duplicates and bad files, and stores only the good ones', async () => {
		const report = await state.importFiles([
			fileOf('P01.txt', readFileSync(`${SAMPLE}/P01.txt`)),
			fileOf('P01 copy.txt', readFileSync(`${SAMPLE}/P01.txt`)),
			fileOf('empty.txt', ''),
			fileOf('notes.pdf', '%PDF-1.4')
		]);
		expect(report.added.map((d) => d.name)).toEqual(['P01']);
		expect(report.problems.map((p) => p.kind)).toEqual(['duplicate', 'error', 'error']);
		expect(report.problems[1].message).toMatch(/^empty\.txt: /);
		expect(await repo.listDocuments(state.id)).toHaveLength(1);
		expect(state.documents[0].participantId).toBe('P01');
	});

	it('a cancelled batch stores nothing', async () => {
		const files = [fileOf('P01.txt', readFileSync(`${SAMPLE}/P01.txt`)), fileOf('P02.txt', readFileSync(`${SAMPLE}/P02.txt`))];
		const run = state.importFiles(files);
		state.cancelImport();
		const report = await run;
		expect(report.cancelled).toBe(true);
		expect(await repo.listDocuments(state.id)).toHaveLength(0);
		expect(state.importing).toBeNull();
	});

	it('applies, adjusts and removes codings with undo and redo for each', async () => {
		const docId = await importP01();
		const code = (await state.createCode({ name: 'Stigma' }))!;
		const text = (await state.content(docId))!.text;
		const start = text.indexOf('P01:') + 5;
		const c = (await state.applyCode(docId, start, start + 40, code.id))!;
		expect(c.quote).toBe(text.slice(c.start, c.end));
		expect(state.project?.recentCodeIds[0]).toBe(code.id);
		expect(await repo.listCodings(state.id)).toHaveLength(1);

		expect(await state.adjustCoding(c.id, start, start + 80)).toBe(true);
		expect((await repo.listCodings(state.id))[0].end).toBeGreaterThan(c.end);
		await state.undo();
		expect((await repo.listCodings(state.id))[0]).toEqual(c);

		await state.removeCoding(c.id);
		expect(await repo.listCodings(state.id)).toEqual([]);
		await state.undo();
		expect(await repo.listCodings(state.id)).toEqual([c]);
		await state.undo(); // the apply
		expect(state.codings).toEqual([]);
		await state.redo();
		expect(state.codings).toEqual([c]);
		expect(await repo.listCodings(state.id)).toEqual([c]);
	});

	it('refuses an empty selection and an exact duplicate coding', async () => {
		const docId = await importP01();
		const code = (await state.createCode({ name: 'Stigma' }))!;
		expect(await state.applyCode(docId, 10, 10, code.id)).toBeNull();
		expect(await state.applyCode(docId, 100, 140, code.id)).not.toBeNull();
		expect(await state.applyCode(docId, 100, 140, code.id)).toBeNull();
		expect(state.codings).toHaveLength(1);
	});

	it('merging two codes moves the codings; undo restores both codes and codings exactly', async () => {
		const docId = await importP01();
		const a = (await state.createCode({ name: 'Shame' }))!;
		const b = (await state.createCode({ name: 'Stigma' }))!;
		await state.applyCode(docId, 100, 140, a.id);
		await state.applyCode(docId, 300, 360, b.id);
		const codesBefore = await repo.listCodes(state.id);
		const codingsBefore = await repo.listCodings(state.id);

		expect(await state.mergeCodes(a.id, b.id)).toBe(true);
		expect((await repo.listCodes(state.id)).map((c) => c.name)).toEqual(['Stigma']);
		expect((await repo.listCodings(state.id)).every((c) => c.codeId === b.id)).toBe(true);

		await state.undo();
		expect(await repo.listCodes(state.id)).toEqual(codesBefore);
		expect(await repo.listCodings(state.id)).toEqual(codingsBefore);
	});

	it('deleting a code with codings reports what is lost, and undo brings it back', async () => {
		const docId = await importP01();
		const parent = (await state.createCode({ name: 'Work' }))!;
		const child = (await state.createCode({ name: 'Manager', parentId: parent.id }))!;
		await state.applyCode(docId, 100, 140, child.id);
		expect(state.deleteSummary(parent.id, true)).toEqual({ codes: 2, codings: 1 });
		await state.deleteCode(parent.id, true);
		expect(await repo.listCodes(state.id)).toEqual([]);
		expect(await repo.listCodings(state.id)).toEqual([]);
		await state.undo();
		expect((await repo.listCodes(state.id)).map((c) => c.name).sort()).toEqual(['Manager', 'Work']);
		expect(await repo.listCodings(state.id)).toHaveLength(1);
	});

	it('loads the starter codebook as a nested tree of 41 codes under topic groups', async () => {
		const cb = starterCodebook('mct-rtw');
		expect(cb).toBeDefined();
		const report = await state.loadCodebook(cb!.file);
		expect(report?.added).toBeGreaterThanOrEqual(41);
		const leaves = state.codes.filter((c) => !state.codes.some((d) => d.parentId === c.id));
		expect(leaves).toHaveLength(41);
		expect(state.codes.some((c) => c.parentId === null && leaves.includes(c))).toBe(false);
	});

	it('re-anchors a coding whose offsets drifted and marks a lost one orphaned, never dropping it', async () => {
		const docId = await importP01();
		const code = (await state.createCode({ name: 'Stigma' }))!;
		const text = (await state.content(docId))!.text;
		const c = (await state.applyCode(docId, 200, 260, code.id))!;
		// Simulate stored rows from a damaged session: offsets off by 5, and a quote that is gone.
		const lost = { ...c, id: 'lost', quote: 'words that are not in this transcript at all', start: 10, end: 20 };
		await repo.applyChanges([
			{ kind: 'coding', before: c, after: { ...c, start: c.start + 5, end: c.end + 5 } },
			{ kind: 'coding', before: null, after: lost }
		]);
		const fresh = new ProjectState(state.id, repo);
		await fresh.load();
		await fresh.content(docId);
		const stored = await repo.listCodings(state.id);
		expect(stored).toHaveLength(2);
		const moved = stored.find((x) => x.id === c.id)!;
		expect(text.slice(moved.start, moved.end)).toBe(c.quote);
		expect(stored.find((x) => x.id === 'lost')?.orphaned).toBe(true);
	});
});

describe('ProjectState when storing fails', () => {
	it('shows a coding at once, and takes it back with the history entry when the write fails', async () => {
		const docId = await importP01();
		const code = (await state.createCode({ name: 'Stigma' }))!;
		const original = repo.applyChanges.bind(repo);
		let release!: (v: unknown) => void;
		const gate = new Promise((r) => (release = r));
		repo.applyChanges = async () => {
			await gate;
			throw new Error('QuotaExceededError');
		};
		const pending = state.applyCode(docId, 100, 140, code.id);
		// Mirrored before the write finishes: the highlight can paint now.
		await Promise.resolve();
		await Promise.resolve();
		expect(state.codings).toHaveLength(1);
		expect(state.undoLabel).toMatch(/^Apply “Stigma”/);
		expect(state.pendingWrites).toBe(1);
		release(undefined);
		expect(await pending).toBeNull();
		expect(state.pendingWrites).toBe(0);
		expect(state.codings).toEqual([]);
		expect(state.undoLabel).toBe('Create code “Stigma”');
		repo.applyChanges = original;
		expect(await repo.listCodings(state.id)).toEqual([]);
	});
});

describe('ProjectState in two tabs', () => {
	it('tells the other copy of the project that it is stale after a change', async () => {
		const other = new ProjectState(state.id, repo);
		await other.load();
		const seen = new Promise<void>((resolve) => {
			const t = setInterval(() => {
				if (other.staleElsewhere) {
					clearInterval(t);
					resolve();
				}
			}, 5);
		});
		await state.createCode({ name: 'Stigma' });
		await seen;
		expect(other.staleElsewhere).toBe(true);
		expect(state.staleElsewhere).toBe(false);
		other.dispose();
		state.dispose();
	});
});

describe('ProjectState.replaceTexts (de-identification)', () => {
	it('stores the new text with its moved codings, shows them, and clears the undo history', async () => {
		const docId = await importP01();
		const content = (await state.content(docId))!;
		const code = (await state.createCode({ name: 'Work', parentId: null }))!;
		const at = content.text.indexOf('engineer');
		const k = (await state.applyCode(docId, at, at + 'engineer'.length, code.id))!;
		expect(state.undoLabel).not.toBeNull();
		// Replace the first word of the text with a longer one: the coding moves right.
		const cut = content.text.indexOf(' ');
		const text = `[replaced]${content.text.slice(cut)}`;
		const shift = text.length - content.text.length;
		const doc = { ...state.documents[0], length: text.length };
		const moved = { ...k, start: k.start + shift, end: k.end + shift };
		expect(await state.replaceTexts([{ doc, content: { ...content, text } }], [{ kind: 'coding', before: k, after: moved }], 'De-identify')).toBe(true);
		expect((await state.content(docId))!.text).toBe(text);
		expect(state.codings.find((c) => c.id === k.id)).toEqual(moved);
		expect(text.slice(moved.start, moved.end)).toBe('engineer');
		expect(state.undoLabel).toBeNull();
		expect((await repo.getContent(docId))?.text).toBe(text);
		// A broken request changes nothing.
		expect(await state.replaceTexts([{ doc: { ...doc, length: 3 }, content: { ...content, text: 'abc' } }], [{ kind: 'coding', before: moved, after: { ...moved, end: 0 } }], 'De-identify')).toBe(false);
		expect((await repo.getContent(docId))?.text).toBe(text);
	});
});
