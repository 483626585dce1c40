// Repository tests against a real IndexedDB implementation (fake-indexeddb), one fresh
// database per test. They pin the contracts the app relies on: atomic multi-table writes,
// applyChanges as the single, reversible mutation path for codes and codings.

import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Change, Code, Coding, Project } from '../domain/types';
import { makeCode, makeCoding, makeDocument } from '../../../tests/fixtures/db/factories';
import { codingSetId } from './changes';
import { DEFAULT_CODER, Repo } from './repo';
import { TemaDB } from './schema';
import { requestPersistence, storageInfo, type StorageApi } from './storage';
import { DB_NAME, db as appDb, repo as appRepo } from './index';

let database: TemaDB;
let repo: Repo;
let clock: number;

beforeEach(() => {
	database = new TemaDB(`test-${crypto.randomUUID()}`);
	clock = 1_000;
	repo = new Repo(database, { now: () => clock });
});

afterEach(async () => {
	await database.delete();
});

/** Swaps before/after and reverses the order: what undo applies. */
function invert(changes: Change[]): Change[] {
	return changes
		.slice()
		.reverse()
		.map((c) => ({ ...c, before: c.after, after: c.before }) as Change);
}

/** Every stored code and coding-set row, exactly as IndexedDB holds them. */
async function snapshot() {
	return {
		codes: await database.codes.orderBy('id').toArray(),
		codingSets: await database.codingSets.orderBy('id').toArray()
	};
}

async function newProject(name = 'Study'): Promise<Project> {
	return repo.createProject({ name, description: `${name} description` });
}

function coding(project: Project, id: string, quote: string, over: Partial<Coding> = {}): Coding {
	return {
		...makeCoding(
			{
				id,
				projectId: project.id,
				docId: 'd1',
				coderId: project.currentCoderId,
				codeId: 'c1'
			},
			quote
		),
		...over
	};
}

const insert = (after: Coding): Change => ({ kind: 'coding', before: null, after });
const remove = (before: Coding): Change => ({ kind: 'coding', before, after: null });
const replace = (before: Coding, after: Coding): Change => ({ kind: 'coding', before, after });

describe('projects', () => {
	it('createProject stores the project and a default coder that is current', async () => {
		const p = await newProject();
		expect(p).toMatchObject({
			name: 'Study',
			description: 'Study description',
			createdAt: 1_000,
			updatedAt: 1_000,
			recentCodeIds: []
		});
		expect(p.sample).toBeUndefined();
		expect(await repo.getProject(p.id)).toEqual(p);
		const coders = await repo.listCoders(p.id);
		expect(coders).toEqual([
			{ id: p.currentCoderId, projectId: p.id, name: DEFAULT_CODER.name, color: DEFAULT_CODER.color }
		]);
	});

	it('createProject marks sample projects', async () => {
		const p = await repo.createProject({ name: 'Sample', description: '', sample: true });
		expect((await repo.getProject(p.id))?.sample).toBe(true);
	});

	it('getProject answers undefined for an unknown id', async () => {
		expect(await repo.getProject('nope')).toBeUndefined();
	});

	it('listProjects lists the most recently changed first', async () => {
		const a = await newProject('A');
		clock = 2_000;
		const b = await newProject('B');
		expect((await repo.listProjects()).map((p) => p.name)).toEqual(['B', 'A']);
		clock = 3_000;
		await repo.updateProject(a.id, { name: 'A2' });
		expect((await repo.listProjects()).map((p) => p.id)).toEqual([a.id, b.id]);
	});

	it('updateProject patches fields and bumps updatedAt', async () => {
		const p = await newProject();
		clock = 5_000;
		await repo.updateProject(p.id, { description: 'new', recentCodeIds: ['x', 'y'] });
		expect(await repo.getProject(p.id)).toEqual({
			...p,
			description: 'new',
			recentCodeIds: ['x', 'y'],
			updatedAt: 5_000
		});
	});

	it('updateProject rejects an unknown project', async () => {
		await expect(repo.updateProject('nope', { name: 'x' })).rejects.toThrow(/Project nope does not exist/);
	});

	it('deleteProject removes everything of the project and nothing of another', async () => {
		const seed = async (p: Project, d: string) => {
			await repo.addDocuments(p.id, [makeDocument(p.id, d)]);
			await repo.putParticipants([{ id: `${p.id}:P01`, projectId: p.id, label: 'P01', attributes: {} }]);
			const code = makeCode(p.id, `code-${d}`);
			await repo.applyChanges([
				{ kind: 'code', before: null, after: code },
				insert({ ...coding(p, `k-${d}`, 'Busy'), docId: d, codeId: code.id })
			]);
		};
		const gone = await newProject('Gone');
		const kept = await newProject('Kept');
		await seed(gone, 'd-gone');
		await seed(kept, 'd-kept');
		const keptBefore = {
			coders: await repo.listCoders(kept.id),
			docs: await repo.listDocuments(kept.id),
			participants: await repo.listParticipants(kept.id),
			codes: await repo.listCodes(kept.id),
			codings: await repo.listCodings(kept.id)
		};

		await repo.deleteProject(gone.id);

		expect(await repo.getProject(gone.id)).toBeUndefined();
		expect(await repo.listCoders(gone.id)).toEqual([]);
		expect(await repo.listDocuments(gone.id)).toEqual([]);
		expect(await repo.getContent('d-gone')).toBeUndefined();
		expect(await repo.listParticipants(gone.id)).toEqual([]);
		expect(await repo.listCodes(gone.id)).toEqual([]);
		expect(await repo.listCodings(gone.id)).toEqual([]);
		expect(await database.codingSets.count()).toBe(1);
		expect({
			coders: await repo.listCoders(kept.id),
			docs: await repo.listDocuments(kept.id),
			participants: await repo.listParticipants(kept.id),
			codes: await repo.listCodes(kept.id),
			codings: await repo.listCodings(kept.id)
		}).toEqual(keptBefore);
		expect(await repo.getContent('d-kept')).toBeDefined();
	});
});

describe('documents', () => {
	it('addDocuments stores metadata and content apart; listDocuments follows order', async () => {
		const p = await newProject();
		const b = makeDocument(p.id, 'b', { order: 1 });
		const a = makeDocument(p.id, 'a', { order: 0 }, 'P01: Other text.\n');
		clock = 7_000;
		await repo.addDocuments(p.id, [b, a]);
		const listed = await repo.listDocuments(p.id);
		expect(listed).toEqual([a.doc, b.doc]);
		expect(listed.some((d) => 'text' in d)).toBe(false);
		expect(await repo.getDocument('a')).toEqual(a.doc);
		expect(await repo.getContent('a')).toEqual(a.content);
		expect(await repo.getContent('b')).toEqual(b.content);
		expect((await repo.getProject(p.id))?.updatedAt).toBe(7_000);
		expect(await repo.getDocument('zzz')).toBeUndefined();
		expect(await repo.getContent('zzz')).toBeUndefined();
	});

	it('replaceTexts rewrites a text and moves its codings in one transaction, or changes nothing', async () => {
		const p = await newProject();
		const d = makeDocument(p.id, 'd1', {}, 'P01: Anna Berg forgets her tablets.\n');
		await repo.addDocuments(p.id, [d]);
		const k: Coding = { id: 'k1', projectId: p.id, docId: 'd1', codeId: 'c1', coderId: p.currentCoderId, start: 15, end: 34, quote: 'forgets her tablets', prefix: 'P01: Anna Berg ', suffix: '.\n', createdAt: 1 };
		await repo.applyChanges([insert(k)]);
		const text = 'P01: [name] forgets her tablets.\n';
		const doc = { ...d.doc, length: text.length };
		const moved = { ...k, start: 12, end: 31 };
		clock = 9_000;
		await repo.replaceTexts([{ doc, content: { ...d.content, text } }], [replace(k, moved)]);
		expect((await repo.getContent('d1'))?.text).toBe(text);
		expect(await repo.listCodings(p.id)).toEqual([moved]);
		expect(text.slice(moved.start, moved.end)).toBe(moved.quote);
		expect((await repo.getProject(p.id))?.updatedAt).toBe(9_000);

		// A length that does not match the text, or a malformed change: nothing is written.
		await expect(repo.replaceTexts([{ doc, content: { ...d.content, text: 'short' } }], [])).rejects.toThrow(/new text has 5/);
		await expect(repo.replaceTexts([{ doc: { ...doc, length: 5 }, content: { ...d.content, text: 'other' } }], [replace(moved, { ...moved, start: 9, end: 2 })])).rejects.toThrow();
		expect((await repo.getContent('d1'))?.text).toBe(text);
		expect(await repo.listCodings(p.id)).toEqual([moved]);
	});

	it('addDocuments with an empty list does nothing', async () => {
		const p = await newProject();
		await repo.addDocuments(p.id, []);
		expect(await repo.listDocuments(p.id)).toEqual([]);
	});

	it('addDocuments stores nothing when one row of the batch fails (duplicate id in the batch)', async () => {
		const p = await newProject();
		const batch = [makeDocument(p.id, 'x'), makeDocument(p.id, 'y'), makeDocument(p.id, 'x')];
		await expect(repo.addDocuments(p.id, batch)).rejects.toThrow();
		expect(await database.documents.count()).toBe(0);
		expect(await database.contents.count()).toBe(0);
		expect((await repo.getProject(p.id))?.updatedAt).toBe(p.updatedAt);
	});

	it('addDocuments stores nothing when a document already exists', async () => {
		const p = await newProject();
		await repo.addDocuments(p.id, [makeDocument(p.id, 'x')]);
		await expect(
			repo.addDocuments(p.id, [makeDocument(p.id, 'new'), makeDocument(p.id, 'x', { name: 'again' })])
		).rejects.toThrow();
		expect((await repo.listDocuments(p.id)).map((d) => d.id)).toEqual(['x']);
		expect(await repo.getDocument('x')).toEqual(makeDocument(p.id, 'x').doc);
		expect(await repo.getContent('new')).toBeUndefined();
	});

	it('addDocuments rejects mismatched content or project before writing', async () => {
		const p = await newProject();
		const good = makeDocument(p.id, 'ok');
		const wrongContent = { ...makeDocument(p.id, 'w'), content: makeDocument(p.id, 'other').content };
		await expect(repo.addDocuments(p.id, [good, wrongContent])).rejects.toThrow(
			/text given for document "w" is for document other/
		);
		await expect(repo.addDocuments(p.id, [good, makeDocument('elsewhere', 'e')])).rejects.toThrow(
			/belongs to project elsewhere/
		);
		expect(await database.documents.count()).toBe(0);
	});

	it('findByFingerprint finds a document with the same text in the same project only', async () => {
		const p = await newProject('P');
		const q = await newProject('Q');
		await repo.addDocuments(p.id, [makeDocument(p.id, 'd1', { fingerprint: 'same' })]);
		await repo.addDocuments(q.id, [makeDocument(q.id, 'd2', { fingerprint: 'same' })]);
		expect((await repo.findByFingerprint(p.id, 'same'))?.id).toBe('d1');
		expect((await repo.findByFingerprint(q.id, 'same'))?.id).toBe('d2');
		expect(await repo.findByFingerprint(p.id, 'different')).toBeUndefined();
	});

	it('updateDocument patches name, participant and order', async () => {
		const p = await newProject();
		const d = makeDocument(p.id, 'd1');
		await repo.addDocuments(p.id, [d]);
		clock = 9_000;
		await repo.updateDocument('d1', { name: 'Renamed', participantId: 'P07', order: 3 });
		expect(await repo.getDocument('d1')).toEqual({
			...d.doc,
			name: 'Renamed',
			participantId: 'P07',
			order: 3
		});
		expect((await repo.getProject(p.id))?.updatedAt).toBe(9_000);
		await expect(repo.updateDocument('nope', { name: 'x' })).rejects.toThrow(/Document nope does not exist/);
	});

	it('deleteDocument removes its content and every coder’s codings in it, nothing else', async () => {
		const p = await newProject();
		await repo.addDocuments(p.id, [makeDocument(p.id, 'd1'), makeDocument(p.id, 'd2', { order: 1 })]);
		const keep = coding(p, 'k3', 'Busy', { docId: 'd2' });
		await repo.applyChanges([
			insert(coding(p, 'k1', 'Busy')),
			insert(coding(p, 'k2', 'Busy', { coderId: 'second-coder' })),
			insert(keep)
		]);
		await repo.deleteDocument('d1');
		expect(await repo.getDocument('d1')).toBeUndefined();
		expect(await repo.getContent('d1')).toBeUndefined();
		expect(await repo.listCodings(p.id)).toEqual([keep]);
		expect((await repo.listDocuments(p.id)).map((d) => d.id)).toEqual(['d2']);
		await repo.deleteDocument('d1');
	});
});

describe('participants', () => {
	it('putParticipants inserts and replaces; listParticipants is per project, by label', async () => {
		const p = await newProject();
		const p07 = { id: `${p.id}:P07`, projectId: p.id, label: 'P07', attributes: { age: 40 } };
		const p02 = { id: `${p.id}:P02`, projectId: p.id, label: 'P02', attributes: { gender: 'f' } };
		await repo.putParticipants([p07, p02]);
		await repo.putParticipants([{ id: 'other:P01', projectId: 'other', label: 'P01', attributes: {} }]);
		await repo.putParticipants([]);
		expect(await repo.listParticipants(p.id)).toEqual([p02, p07]);
		const changed = { ...p07, attributes: { age: 41, work: null } };
		await repo.putParticipants([changed]);
		expect(await repo.listParticipants(p.id)).toEqual([p02, changed]);
	});
});

describe('applyChanges: codes', () => {
	it('inserts, updates and deletes codes; listCodes sorts by order', async () => {
		const p = await newProject();
		const root = makeCode(p.id, 'root', { order: 1 });
		const first = makeCode(p.id, 'first', { order: 0 });
		const child = makeCode(p.id, 'child', { parentId: 'root' });
		await repo.applyChanges([
			{ kind: 'code', before: null, after: root },
			{ kind: 'code', before: null, after: first },
			{ kind: 'code', before: null, after: child }
		]);
		expect((await repo.listCodes(p.id)).map((c) => c.id)).toEqual(['child', 'first', 'root']);

		const renamed: Code = { ...root, name: 'Renamed', definition: 'Now defined' };
		await repo.applyChanges([{ kind: 'code', before: root, after: renamed }]);
		expect((await repo.listCodes(p.id)).find((c) => c.id === 'root')).toEqual(renamed);

		await repo.applyChanges([{ kind: 'code', before: child, after: null }]);
		expect((await repo.listCodes(p.id)).map((c) => c.id)).toEqual(['first', 'root']);
		expect(await repo.listCodes('other')).toEqual([]);
	});

	it('applies changes to the same code in list order', async () => {
		const p = await newProject();
		const v1 = makeCode(p.id, 'c', { name: 'one' });
		const v2 = { ...v1, name: 'two' };
		await repo.applyChanges([
			{ kind: 'code', before: null, after: v1 },
			{ kind: 'code', before: v1, after: v2 },
			{ kind: 'code', before: v2, after: null },
			{ kind: 'code', before: null, after: v1 }
		]);
		expect(await repo.listCodes(p.id)).toEqual([v1]);
	});

	it('bumps the project’s updatedAt', async () => {
		const p = await newProject();
		clock = 4_242;
		await repo.applyChanges([{ kind: 'code', before: null, after: makeCode(p.id, 'c') }]);
		expect((await repo.getProject(p.id))?.updatedAt).toBe(4_242);
	});
});

describe('applyChanges: codings', () => {
	it('inserts into a new (document, coder) set row, then into the same row', async () => {
		const p = await newProject();
		const late = coding(p, 'k2', 'My partner reminds me');
		const early = coding(p, 'k1', 'I forget my tablets');
		await repo.applyChanges([insert(late)]);
		const rows = await database.codingSets.toArray();
		expect(rows).toEqual([
			{
				id: codingSetId('d1', p.currentCoderId),
				projectId: p.id,
				docId: 'd1',
				coderId: p.currentCoderId,
				codings: [late]
			}
		]);
		await repo.applyChanges([insert(early)]);
		expect(await database.codingSets.count()).toBe(1);
		// Stored in text order whatever the order of insertion.
		expect(await repo.listCodings(p.id)).toEqual([early, late]);
	});

	it('replaces a coding by id (update)', async () => {
		const p = await newProject();
		const k = coding(p, 'k1', 'Busy');
		const other = coding(p, 'k2', 'My partner');
		await repo.applyChanges([insert(k), insert(other)]);
		const widened = coding(p, 'k1', 'Busy. I forget', { codeId: 'c9' });
		await repo.applyChanges([replace(k, widened)]);
		expect(await repo.listCodings(p.id)).toEqual([widened, other]);
	});

	it('removes a coding by before.id and drops the set row once it is empty', async () => {
		const p = await newProject();
		const a = coding(p, 'k1', 'Busy');
		const b = coding(p, 'k2', 'My partner');
		await repo.applyChanges([insert(a), insert(b)]);
		await repo.applyChanges([remove({ ...a, start: 0, end: 1 })]);
		expect(await repo.listCodings(p.id)).toEqual([b]);
		await repo.applyChanges([remove(b)]);
		expect(await repo.listCodings(p.id)).toEqual([]);
		expect(await database.codingSets.count()).toBe(0);
		// Removing what is not there is a no-op, so an undo can never fail half-way.
		await repo.applyChanges([remove(b)]);
		expect(await database.codingSets.count()).toBe(0);
	});

	it('moves a coding between coders and between documents', async () => {
		const p = await newProject();
		const mine = coding(p, 'k1', 'Busy');
		const stays = coding(p, 'k2', 'My partner');
		await repo.applyChanges([insert(mine), insert(stays)]);
		const theirs = { ...mine, coderId: 'coder-b' };
		await repo.applyChanges([replace(mine, theirs)]);
		expect(await repo.listCodings(p.id, { coderId: p.currentCoderId })).toEqual([stays]);
		expect(await repo.listCodings(p.id, { coderId: 'coder-b' })).toEqual([theirs]);
		const elsewhere = { ...theirs, docId: 'd2' };
		await repo.applyChanges([replace(theirs, elsewhere)]);
		expect(await repo.listCodings(p.id, { docId: 'd2' })).toEqual([elsewhere]);
		expect(await repo.listCodings(p.id, { coderId: 'coder-b', docId: 'd1' })).toEqual([]);
		expect((await database.codingSets.toArray()).map((r) => r.id).sort()).toEqual(
			[codingSetId('d1', p.currentCoderId), codingSetId('d2', 'coder-b')].sort()
		);
	});

	it('listCodings filters by document, coder, both, and never crosses projects', async () => {
		const p = await newProject('P');
		const q = await newProject('Q');
		const a = coding(p, 'a', 'Busy');
		const b = coding(p, 'b', 'Busy', { coderId: 'c2' });
		const c = coding(p, 'c', 'Busy', { docId: 'd2' });
		// Another project's coding, by a coder with the same id as p's.
		const foreign = coding(q, 'z', 'Busy', { docId: 'dq', coderId: p.currentCoderId });
		await repo.applyChanges([insert(a), insert(b), insert(c), insert(foreign)]);
		const ids = (list: Coding[]) => list.map((k) => k.id).sort();
		expect(ids(await repo.listCodings(p.id))).toEqual(['a', 'b', 'c']);
		expect(ids(await repo.listCodings(p.id, { docId: 'd1' }))).toEqual(['a', 'b']);
		expect(ids(await repo.listCodings(p.id, { coderId: 'c2' }))).toEqual(['b']);
		expect(ids(await repo.listCodings(p.id, { docId: 'd1', coderId: 'c2' }))).toEqual(['b']);
		expect(ids(await repo.listCodings(p.id, { docId: 'dq' }))).toEqual([]);
		expect(ids(await repo.listCodings(q.id))).toEqual(['z']);
		expect(ids(await repo.listCodings(q.id, { docId: 'dq', coderId: p.currentCoderId }))).toEqual(['z']);
	});

	it('reads each affected set row once, with one bulkGet, in one transaction', async () => {
		const p = await newProject();
		const a = coding(p, 'a', 'Busy');
		const b = coding(p, 'b', 'My partner');
		await repo.applyChanges([insert(a)]);
		const bulkGet = vi.spyOn(database.codingSets, 'bulkGet');
		const get = vi.spyOn(database.codingSets, 'get');
		const transaction = vi.spyOn(database, 'transaction');
		await repo.applyChanges([
			insert(b),
			replace(a, { ...a, end: a.end + 1 }),
			replace(b, { ...b, coderId: 'c2' }),
			{ kind: 'code', before: null, after: makeCode(p.id, 'c1') }
		]);
		expect(transaction).toHaveBeenCalledTimes(1);
		expect(bulkGet).toHaveBeenCalledTimes(1);
		expect(bulkGet.mock.calls[0][0]).toEqual([
			codingSetId('d1', p.currentCoderId),
			codingSetId('d1', 'c2')
		]);
		expect(get).not.toHaveBeenCalled();
	});

	it('bumps updatedAt of the project', async () => {
		const p = await newProject();
		clock = 8_888;
		await repo.applyChanges([insert(coding(p, 'a', 'Busy'))]);
		expect((await repo.getProject(p.id))?.updatedAt).toBe(8_888);
	});

	it('rejects a coding with start >= end and writes nothing of the list', async () => {
		const p = await newProject();
		const good = coding(p, 'good', 'Busy');
		const empty = { ...coding(p, 'bad', 'Busy'), end: good.start };
		clock = 2_000;
		await expect(
			repo.applyChanges([
				{ kind: 'code', before: null, after: makeCode(p.id, 'c1') },
				insert(good),
				insert(empty)
			])
		).rejects.toThrow(
			new RegExp(`coding bad .*start ${good.start} and end ${good.start}.*0 <= start < end`)
		);
		await expect(repo.applyChanges([insert({ ...good, start: 9, end: 3 })])).rejects.toThrow(/start < end/);
		await expect(repo.applyChanges([insert({ ...good, start: 1.5 })])).rejects.toThrow(/whole-number/);
		expect(await snapshot()).toEqual({ codes: [], codingSets: [] });
		expect((await repo.getProject(p.id))?.updatedAt).toBe(p.updatedAt);
	});

	it('rejects malformed changes: nothing to apply, or an id that changes', async () => {
		const p = await newProject();
		const a = coding(p, 'a', 'Busy');
		await expect(repo.applyChanges([{ kind: 'coding', before: null, after: null }])).rejects.toThrow(
			/neither a before nor an after/
		);
		await expect(repo.applyChanges([replace(a, { ...a, id: 'b' })])).rejects.toThrow(
			/changes the id from a to b/
		);
		await repo.applyChanges([]);
		expect(await snapshot()).toEqual({ codes: [], codingSets: [] });
	});
});

describe('applyChanges: undo', () => {
	it('applying the inverse of each change list restores the stored rows exactly', async () => {
		const p = await newProject();
		const c1 = makeCode(p.id, 'c1');
		const c2 = makeCode(p.id, 'c2', { parentId: 'c1' });
		const a = coding(p, 'a', 'Busy', { codeId: 'c1' });
		const b = coding(p, 'b', 'I forget my tablets', { codeId: 'c2' });
		const c = coding(p, 'c', 'My partner reminds me', { codeId: 'c2', coderId: 'c2' });
		await repo.applyChanges([
			{ kind: 'code', before: null, after: c1 },
			{ kind: 'code', before: null, after: c2 },
			insert(a),
			insert(b),
			insert(c)
		]);

		const steps: Change[][] = [
			// Apply a new code to a span, in a set that does not exist yet.
			[
				{ kind: 'code', before: null, after: makeCode(p.id, 'c3') },
				insert(coding(p, 'd', 'And at home', { codeId: 'c3', docId: 'd2' }))
			],
			// Widen, recode and move between coders.
			[
				replace(a, { ...a, end: a.end + 6 }),
				replace(b, { ...b, codeId: 'c1' }),
				replace(c, { ...c, coderId: p.currentCoderId })
			],
			// Delete a code together with its codings, emptying a set.
			[remove(b), remove(c), { kind: 'code', before: c2, after: null }],
			// Several changes to the same coding in one list.
			[
				replace(a, { ...a, start: 0 }),
				replace({ ...a, start: 0 }, { ...a, start: 1 }),
				remove({ ...a, start: 1 })
			],
			// Rename and reparent a code.
			[{ kind: 'code', before: c1, after: { ...c1, name: 'Renamed', parentId: 'c2', order: 4 } }]
		];
		for (const changes of steps) {
			const before = await snapshot();
			await repo.applyChanges(changes);
			const after = await snapshot();
			expect(after).not.toEqual(before);
			await repo.applyChanges(invert(changes));
			expect(await snapshot()).toEqual(before);
			await repo.applyChanges(changes);
			expect(await snapshot()).toEqual(after);
			await repo.applyChanges(invert(changes));
		}
	});
});

describe('meta', () => {
	it('stores and reads settings by key', async () => {
		expect(await repo.getMeta('persistenceAsked')).toBeUndefined();
		await repo.setMeta('persistenceAsked', true);
		await repo.setMeta('layout', { sidebar: 240 });
		expect(await repo.getMeta<boolean>('persistenceAsked')).toBe(true);
		expect(await repo.getMeta('layout')).toEqual({ sidebar: 240 });
		await repo.setMeta('persistenceAsked', false);
		expect(await repo.getMeta('persistenceAsked')).toBe(false);
	});
});

describe('storage', () => {
	it('answers null everywhere when the Storage API is missing', async () => {
		expect(await storageInfo(undefined)).toEqual({ persisted: null, usage: null, quota: null });
		expect(await storageInfo({})).toEqual({ persisted: null, usage: null, quota: null });
		expect(await requestPersistence(undefined)).toBeNull();
		expect(await requestPersistence({})).toBeNull();
		// The default reads navigator.storage, absent in Node 20 or without the API.
		const info = await storageInfo();
		expect(info.persisted === null || typeof info.persisted === 'boolean').toBe(true);
	});

	it('reports what the browser reports', async () => {
		const storage: StorageApi = {
			persisted: async () => false,
			estimate: async () => ({ usage: 1_234, quota: 5_000_000 }),
			persist: async () => true
		};
		expect(await storageInfo(storage)).toEqual({ persisted: false, usage: 1_234, quota: 5_000_000 });
		expect(await requestPersistence(storage)).toBe(true);
	});

	it('turns a failing browser call into null', async () => {
		const storage: StorageApi = {
			persisted: () => Promise.reject(new Error('denied')),
			estimate: async () => ({}),
			persist: () => Promise.reject(new Error('denied'))
		};
		expect(await storageInfo(storage)).toEqual({ persisted: null, usage: null, quota: null });
		expect(await requestPersistence(storage)).toBeNull();
	});
});

describe('app singletons', () => {
	it('db() and repo() are created once, on the "tema" database, without opening it', () => {
		expect(appDb()).toBe(appDb());
		expect(appDb().name).toBe(DB_NAME);
		expect(DB_NAME).toBe('tema');
		expect(appDb().isOpen()).toBe(false);
		expect(appRepo()).toBe(appRepo());
		expect(appRepo().db).toBe(appDb());
	});
});

describe('whole projects: backup rows and restore', () => {
	it('restores a backup’s rows and exports them again unchanged, and refuses ids that are taken', async () => {
		const { sampleBackup } = await import('../../../tests/fixtures/sampleBackup');
		const { makeBackup } = await import('../domain/backup');
		const b = sampleBackup();
		b.notes = [{ id: 'n1', projectId: b.project.id, kind: 'journal', target: { type: 'project' }, text: 'x', createdAt: 1, updatedAt: 1 }];
		b.reading = [{ docId: 'P03', projectId: b.project.id, furthest: 10, readAt: 5 }];
		await repo.restoreProject(b);
		const again = makeBackup(await repo.exportProject(b.project.id), b.exportedAt);
		expect(JSON.stringify(again)).toBe(JSON.stringify(b));
		await expect(repo.restoreProject(b)).rejects.toThrow();
		// the failed second restore stored nothing more
		expect(await repo.listProjects()).toHaveLength(1);
		expect(await repo.listCodings(b.project.id)).toHaveLength(b.codings.length);
		await repo.deleteProject(b.project.id);
		expect(await database.themes.count()).toBe(0);
		expect(await database.notes.count()).toBe(0);
		expect(await database.reading.count()).toBe(0);
	});
});
