// ProjectState's theme, note, reading and coder actions over a real Repo on fake-indexeddb: what
// the phase screens drive, checked against what is stored, including undo.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Repo, TemaDB } from '../db';
import { ProjectState } from './project.svelte';

const SAMPLE = 'static/sample';

let db: TemaDB;
let repo: Repo;
let state: ProjectState;
let docId: string;

beforeEach(async () => {
	db = new TemaDB(`themes-${crypto.randomUUID()}`);
	repo = new Repo(db);
	const p = await repo.createProject({ name: 'Test', description: '' });
	state = new ProjectState(p.id, repo);
	await state.load();
	const bytes = readFileSync(`${SAMPLE}/P01.txt`);
	const report = await state.importFiles([{ name: 'P01.txt', size: bytes.byteLength, arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer }]);
	docId = report.added[0].id;
});

afterEach(async () => {
	state.dispose();
	await db.delete();
});

async function codes(...names: string[]) {
	const out = [];
	for (const name of names) out.push((await state.createCode({ name }))!);
	return out;
}

describe('themes in ProjectState', () => {
	it('builds a main theme with a sub-theme, places codes, and undoes step by step', async () => {
		const [a, b] = await codes('Stigma', 'Support');
		const main = (await state.createTheme({ name: 'Being open' }))!;
		const sub = (await state.createTheme({ name: 'Telling the manager' }))!;
		expect(await state.moveTheme(sub.id, main.id, 0)).toBe(true);
		expect(await state.placeCode(a.id, null, sub.id)).toBe(true);
		expect(await state.placeCode(b.id, null, sub.id)).toBe(true);
		expect(await state.placeCode(b.id, null, main.id)).toBe(true); // a code in two themes
		const stored = await repo.listThemes(state.id);
		expect(stored.find((t) => t.id === sub.id)).toMatchObject({ parentId: main.id, codeIds: [a.id, b.id] });
		expect(stored.find((t) => t.id === main.id)?.codeIds).toEqual([b.id]);
		expect(state.undoLabel).toBe('Put “Support” in “Being open”');
		await state.undo();
		await state.undo();
		expect((await repo.listThemes(state.id)).find((t) => t.id === sub.id)?.codeIds).toEqual([a.id]);
		expect((await repo.listThemes(state.id)).find((t) => t.id === main.id)?.codeIds).toEqual([]);
	});

	it('a merged or deleted code follows into its themes, and undo brings it back', async () => {
		const [a, b, c] = await codes('A', 'B', 'C');
		const t = (await state.createTheme({ name: 'T', codeIds: [a.id, c.id] }))!;
		await state.mergeCodes(a.id, b.id);
		expect(state.themeById.get(t.id)?.codeIds).toEqual([b.id, c.id]);
		await state.deleteCode(c.id, true);
		expect((await repo.listThemes(state.id))[0].codeIds).toEqual([b.id]);
		await state.undo();
		await state.undo();
		expect((await repo.listThemes(state.id))[0].codeIds).toEqual([a.id, c.id]);
	});

	it('memos follow a merged code and leave with a deleted one, so the backup stays whole', async () => {
		const [a, b, c] = await codes('A', 'B', 'C');
		await state.addNote('memo', { type: 'code', codeId: a.id }, 'on A');
		await state.addNote('memo', { type: 'code', codeId: c.id }, 'on C');
		await state.mergeCodes(a.id, b.id);
		expect((await repo.listNotes(state.id)).find((n) => n.text === 'on A')?.target).toEqual({ type: 'code', codeId: b.id });
		await state.deleteCode(c.id, true);
		expect((await repo.listNotes(state.id)).map((n) => n.text)).toEqual(['on A']);
		const backup = await state.backup();
		expect(backup.notes).toHaveLength(1);
		await state.undo();
		expect((await repo.listNotes(state.id)).map((n) => n.text).sort()).toEqual(['on A', 'on C']);
	});

	it('keeps the project’s updatedAt on screen in step with storage, for the backup reminder', async () => {
		const before = state.project!.updatedAt;
		await new Promise((r) => setTimeout(r, 5));
		await state.createTheme({ name: 'T' });
		expect(state.project!.updatedAt).toBeGreaterThan(before);
	});

	it('discards without losing anything, and deleting a theme takes its memos (undo restores both)', async () => {
		const t = (await state.createTheme({ name: 'Workplace' }))!;
		await state.renameTheme(t.id, 'Work as a place of recovery');
		await state.updateTheme(t.id, { status: 'discarded' });
		const memo = await state.addNote('memo', { type: 'theme', themeId: t.id }, 'Thin: only two participants');
		expect(memo).not.toBeNull();
		expect((await repo.listThemes(state.id))[0]).toMatchObject({ status: 'discarded', nameHistory: [{ name: 'Workplace' }] });
		await state.deleteTheme(t.id);
		expect(await repo.listThemes(state.id)).toEqual([]);
		expect(await repo.listNotes(state.id)).toEqual([]);
		await state.undo();
		expect((await repo.listNotes(state.id)).map((n) => n.text)).toEqual(['Thin: only two participants']);
		expect((await repo.listThemes(state.id))[0].name).toBe('Work as a place of recovery');
	});

	it('a not-fitting extract can be moved to another code in one undoable step', async () => {
		const [a, b] = await codes('A', 'B');
		const content = (await state.content(docId))!;
		const start = content.turns[3].textStart;
		const coding = (await state.applyCode(docId, start, start + 40, a.id))!;
		const t = (await state.createTheme({ name: 'T', codeIds: [a.id] }))!;
		await state.setVerdict(t.id, coding.id, 'misfit');
		expect(state.themeById.get(t.id)?.reviews).toEqual({ [coding.id]: 'misfit' });
		await state.moveExtract(coding.id, t.id, b.id);
		expect((await repo.listCodings(state.id))[0].codeId).toBe(b.id);
		expect((await repo.listThemes(state.id))[0].reviews).toEqual({});
		await state.undo();
		expect((await repo.listCodings(state.id))[0].codeId).toBe(a.id);
		expect((await repo.listThemes(state.id))[0].reviews).toEqual({ [coding.id]: 'misfit' });
	});
});

describe('notes and reading progress', () => {
	it('adds, edits and deletes notes of each kind, each one undo step; an empty note is refused', async () => {
		expect(await state.addNote('journal', { type: 'project' }, '   ')).toBeNull();
		const n = (await state.addNote('familiarisation', { type: 'document', docId }, 'First read: very concrete'))!;
		await state.updateNote(n.id, 'First read: concrete and hopeful');
		expect((await repo.listNotes(state.id))[0].text).toBe('First read: concrete and hopeful');
		await state.undo();
		expect((await repo.listNotes(state.id))[0].text).toBe('First read: very concrete');
		await state.deleteNote(n.id);
		expect(await repo.listNotes(state.id)).toEqual([]);
	});

	it('reading progress only moves forward; marking as read sets the date and 100%', async () => {
		await state.recordReading(docId, 500);
		await state.recordReading(docId, 200);
		expect((await repo.listReading(state.id))[0]).toMatchObject({ furthest: 500, readAt: null });
		expect(state.readShare(docId)).toBeCloseTo(500 / state.documents[0].length);
		await state.markRead(docId, true);
		expect((await repo.listReading(state.id))[0].readAt).toBeGreaterThan(0);
		expect(state.readShare(docId)).toBe(1);
		await state.markRead(docId, false);
		expect(state.readShare(docId)).toBeLessThan(1);
	});

	it('deleting a document removes its reading progress and notes', async () => {
		await state.recordReading(docId, 100);
		await state.addNote('familiarisation', { type: 'document', docId }, 'x');
		await state.addNote('journal', { type: 'project' }, 'kept');
		await state.deleteDocument(docId);
		expect(await repo.listReading(state.id)).toEqual([]);
		expect((await repo.listNotes(state.id)).map((n) => n.text)).toEqual(['kept']);
		expect(state.notes.map((n) => n.text)).toEqual(['kept']);
	});
});

describe('coders and blind mode', () => {
	it('adds, renames and recolours coders, refuses duplicates, and stores the current coder and blind mode', async () => {
		const kari = (await state.addCoder('Kari', '#ff8800'))!;
		expect(await state.addCoder(' kari ', '#000000')).toBeNull();
		expect(await state.updateCoder(kari.id, { name: 'Kari N.', color: '#00AA00' })).toBe(true);
		expect(await state.updateCoder(kari.id, { color: 'green' })).toBe(false);
		await state.setCurrentCoder(kari.id);
		await state.setBlind(true);
		expect((await repo.listCoders(state.id)).find((c) => c.id === kari.id)).toMatchObject({ name: 'Kari N.', color: '#00aa00' });
		expect(await repo.getProject(state.id)).toMatchObject({ currentCoderId: kari.id, blind: true });
	});

	it('blind mode shows the coding screen only the current coder’s codings; a layer shows one coder', async () => {
		const { CodingSession } = await import('./coding.svelte');
		const [a] = await codes('A');
		const content = (await state.content(docId))!;
		const start = content.turns[3].textStart;
		const me = state.currentCoder!;
		await state.applyCode(docId, start, start + 20, a.id);
		const kari = (await state.addCoder('Kari', '#ff8800'))!;
		await state.setCurrentCoder(kari.id);
		await state.applyCode(docId, start, start + 30, a.id);
		const session = new CodingSession(state, docId);
		expect(session.codings.map((c) => c.coderId).sort()).toEqual([me.id, kari.id].sort());
		await state.setBlind(true);
		expect(session.codings.map((c) => c.coderId)).toEqual([kari.id]);
		await state.setBlind(false);
		state.layer = me.id;
		expect(session.codings.map((c) => c.coderId)).toEqual([me.id]);
	});
});
