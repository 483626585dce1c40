// The upgrade harness: for every schema version n, a database written at version n (seeded
// from tests/fixtures/db/v{n}.json through a bare Dexie that knows only versions <= n) must
// open with today's TemaDB and read back through the repository. Adding a version without a
// fixture, or editing a shipped version's stores, fails here.

import 'fake-indexeddb/auto';
import { existsSync, readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type {
	Code,
	Coder,
	Coding,
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
import { Repo } from './repo';
import type { CodingSetRow, MetaRow } from './rows';
import { TemaDB } from './schema';
import { LATEST_VERSION, VERSIONS } from './versions';

/** A dump of a database as version `schemaVersion` wrote it. */
interface DbFixture {
	schemaVersion: number;
	description: string;
	/** The stores that version declared, exactly as shipped. */
	stores: Record<string, string | null>;
	tables: {
		projects: Project[];
		coders: Coder[];
		documents: TranscriptDocument[];
		contents: DocumentContent[];
		participants: Participant[];
		codes: Code[];
		codingSets: CodingSetRow[];
		meta: MetaRow[];
		/** From version 2. */
		themes?: Theme[];
		notes?: Note[];
		reading?: ReadingState[];
		/** From version 3. */
		decisions?: Decision[];
		/** From version 4. */
		searches?: SavedSearch[];
	};
}

const FIXTURES = new URL('../../../tests/fixtures/db/', import.meta.url);
const fixturePath = (version: number) => new URL(`v${version}.json`, FIXTURES);

function loadFixture(version: number): DbFixture {
	return JSON.parse(readFileSync(fixturePath(version), 'utf8')) as DbFixture;
}

const opened: Dexie[] = [];
afterEach(async () => {
	for (const d of opened.splice(0)) await d.delete();
});

/** Writes the fixture with a Dexie that declares only versions <= n, as that release did. */
async function seedAtVersion(name: string, n: number, fixture: DbFixture): Promise<void> {
	const raw = new Dexie(name);
	for (const v of VERSIONS.filter((v) => v.version <= n)) raw.version(v.version).stores(v.stores);
	await raw.open();
	expect(raw.verno).toBe(n);
	await raw.transaction('rw', raw.tables, async () => {
		for (const [table, rows] of Object.entries(fixture.tables)) {
			await raw.table(table).bulkAdd(rows);
		}
	});
	raw.close();
}

const byId = <T extends { id: string }>(rows: T[]) => rows.map((r) => r.id).sort();

describe('schema version history', () => {
	it('has strictly increasing positive integer version numbers', () => {
		expect(VERSIONS.length).toBeGreaterThan(0);
		VERSIONS.forEach((v, i) => {
			expect(Number.isInteger(v.version) && v.version > 0).toBe(true);
			if (i > 0) expect(v.version).toBeGreaterThan(VERSIONS[i - 1].version);
		});
		expect(LATEST_VERSION).toBe(VERSIONS[VERSIONS.length - 1].version);
	});

	it.each(VERSIONS.map((v) => v.version))('has a fixture tests/fixtures/db/v%i.json', (n) => {
		expect(existsSync(fixturePath(n)), `add tests/fixtures/db/v${n}.json`).toBe(true);
		expect(loadFixture(n).schemaVersion).toBe(n);
	});

	it.each(VERSIONS.map((v) => v.version))('has not edited the shipped stores of version %i', (n) => {
		const declared = VERSIONS.find((v) => v.version === n)?.stores;
		expect(declared, 'a shipped schema version must never change').toEqual(loadFixture(n).stores);
	});
});

describe.each(VERSIONS.map((v) => v.version))('a database written at version %i', (n) => {
	it(`opens with TemaDB (version ${LATEST_VERSION}) and every row reads back through the repo`, async () => {
		const fixture = loadFixture(n);
		const name = `upgrade-v${n}-${crypto.randomUUID()}`;
		await seedAtVersion(name, n, fixture);

		const db = new TemaDB(name);
		opened.push(db);
		await db.open();
		expect(db.verno).toBe(LATEST_VERSION);
		const repo = new Repo(db);
		const t = fixture.tables;

		// Ids must all survive, whatever later upgrades do to the rows' shape.
		expect(byId(await repo.listProjects())).toEqual(byId(t.projects));
		for (const p of t.projects) {
			expect(await repo.getProject(p.id)).toBeDefined();
			const own = <T extends { projectId: string; id: string }>(rows: T[]) =>
				byId(rows.filter((r) => r.projectId === p.id));
			expect(byId(await repo.listCoders(p.id))).toEqual(own(t.coders));
			expect(byId(await repo.listDocuments(p.id))).toEqual(own(t.documents));
			expect(byId(await repo.listParticipants(p.id))).toEqual(own(t.participants));
			expect(byId(await repo.listCodes(p.id))).toEqual(own(t.codes));
			const codings = t.codingSets.filter((s) => s.projectId === p.id).flatMap((s) => s.codings);
			expect(byId(await repo.listCodings(p.id))).toEqual(byId(codings));
			expect(byId(await repo.listThemes(p.id))).toEqual(own(t.themes ?? []));
			expect(byId(await repo.listNotes(p.id))).toEqual(own(t.notes ?? []));
			const reading = (t.reading ?? []).filter((r) => r.projectId === p.id).map((r) => r.docId);
			expect((await repo.listReading(p.id)).map((r) => r.docId).sort()).toEqual(reading.sort());
			expect(byId(await repo.listDecisions(p.id))).toEqual(own(t.decisions ?? []));
			expect(byId(await repo.listSearches(p.id))).toEqual(own(t.searches ?? []));
		}
		for (const d of t.documents) {
			expect(await repo.getDocument(d.id)).toBeDefined();
			expect(await repo.findByFingerprint(d.projectId, d.fingerprint)).toBeDefined();
		}
		for (const c of t.contents) expect((await repo.getContent(c.docId))?.text).toBe(c.text);
		for (const s of t.codingSets) {
			const listed = await repo.listCodings(s.projectId, { docId: s.docId, coderId: s.coderId });
			expect(byId(listed)).toEqual(byId(s.codings));
		}
		for (const m of t.meta) expect(await repo.getMeta(m.key)).toBeDefined();

		// Rows written by the current version must come back exactly as written.
		if (n === LATEST_VERSION) {
			for (const p of t.projects) {
				expect(await repo.getProject(p.id)).toEqual(p);
				const own = <T extends { projectId: string }>(rows: T[]) =>
					rows.filter((r) => r.projectId === p.id);
				const sortById = <T extends { id: string }>(rows: T[]) =>
					rows.slice().sort((a, b) => (a.id < b.id ? -1 : 1));
				expect(sortById(await repo.listCoders(p.id))).toEqual(sortById(own(t.coders)));
				expect(sortById(await repo.listDocuments(p.id))).toEqual(sortById(own(t.documents)));
				expect(sortById(await repo.listParticipants(p.id))).toEqual(sortById(own(t.participants)));
				expect(sortById(await repo.listCodes(p.id))).toEqual(sortById(own(t.codes)));
				const codings: Coding[] = own(t.codingSets).flatMap((s) => s.codings);
				expect(sortById(await repo.listCodings(p.id))).toEqual(sortById(codings));
				expect(sortById(await repo.listThemes(p.id))).toEqual(sortById(own(t.themes ?? [])));
				expect(sortById(await repo.listNotes(p.id))).toEqual(sortById(own(t.notes ?? [])));
				expect(sortById(await repo.listDecisions(p.id))).toEqual(sortById(own(t.decisions ?? [])));
				expect(sortById(await repo.listSearches(p.id))).toEqual(sortById(own(t.searches ?? [])));
			}
			for (const c of t.contents) expect(await repo.getContent(c.docId)).toEqual(c);
			for (const m of t.meta) expect(await repo.getMeta(m.key)).toEqual(m.value);
			expect(await db.codingSets.toArray()).toEqual(t.codingSets);
		}

		// The upgraded database also takes writes through the normal path.
		const [project] = t.projects;
		const [first] = t.codingSets.flatMap((s) => s.codings);
		if (project && first) {
			await repo.applyChanges([{ kind: 'coding', before: first, after: null }]);
			await repo.applyChanges([{ kind: 'coding', before: null, after: first }]);
			expect(byId(await repo.listCodings(project.id, { docId: first.docId }))).toContain(first.id);
		}
		const [theme] = await repo.listThemes(project?.id ?? '');
		if (theme) {
			const renamed = { ...theme, name: `${theme.name} (renamed)` };
			await repo.applyChanges([{ kind: 'theme', before: theme, after: renamed }]);
			expect((await repo.listThemes(theme.projectId)).find((x) => x.id === theme.id)?.name).toBe(renamed.name);
		}
		if (project) {
			const decision: Decision = {
				id: `decision-new-${n}`,
				projectId: project.id,
				consensusId: project.currentCoderId,
				docId: t.documents[0].id,
				codeId: t.codes[0].id,
				start: 0,
				end: 5,
				status: 'only',
				coderIds: [project.currentCoderId],
				decision: 'reject',
				codingIds: [],
				decidedBy: project.currentCoderId,
				decidedAt: 1
			};
			await repo.applyChanges([{ kind: 'decision', before: null, after: decision }]);
			expect((await repo.listDecisions(project.id)).map((d) => d.id)).toContain(decision.id);
			await repo.applyChanges([{ kind: 'decision', before: decision, after: null }]);
			expect((await repo.listDecisions(project.id)).map((d) => d.id)).not.toContain(decision.id);
			const search: SavedSearch = {
				id: `search-new-${n}`,
				projectId: project.id,
				name: 'Work',
				query: 'work*',
				options: { fuzzy: false, participantsOnly: true, docIds: null, codeIds: null },
				createdAt: 1
			};
			await repo.applyChanges([{ kind: 'search', before: null, after: search }]);
			expect(await repo.listSearches(project.id)).toContainEqual(search);
			const [participant] = await repo.listParticipants(project.id);
			if (participant) {
				const edited = { ...participant, attributes: { ...participant.attributes, age: 50 } };
				await repo.applyChanges([{ kind: 'participant', before: participant, after: edited }]);
				expect((await repo.listParticipants(project.id)).find((x) => x.id === participant.id)?.attributes.age).toBe(50);
			}
		}
	});
});

describe('the v1 fixture', () => {
	it('is the small study the harness promises, with quotes that match the texts', () => {
		const { tables } = loadFixture(1);
		expect(tables.projects).toHaveLength(1);
		expect(tables.coders).toHaveLength(1);
		expect(tables.documents).toHaveLength(2);
		expect(tables.contents).toHaveLength(2);
		expect(tables.participants).toHaveLength(2);
		expect(tables.codes).toHaveLength(3);
		expect(tables.codes.some((c) => c.parentId !== null)).toBe(true);
		const codings = tables.codingSets.flatMap((s) => s.codings);
		expect(codings).toHaveLength(3);
		for (const k of codings) {
			const content = tables.contents.find((c) => c.docId === k.docId);
			expect(content?.text.slice(k.start, k.end)).toBe(k.quote);
		}
		for (const d of tables.documents) {
			const content = tables.contents.find((c) => c.docId === d.id);
			expect(content?.text.length).toBe(d.length);
			expect(content?.turns.length).toBe(d.turnCount);
		}
	});
});

describe('the v4 fixture', () => {
	it('holds typed attributes whose values match their types, and saved searches', () => {
		const { tables } = loadFixture(4);
		const defs = tables.projects[0].attributes ?? [];
		expect(defs.map((a) => a.type)).toEqual(['category', 'number', 'date']);
		for (const p of tables.participants)
			for (const d of defs) {
				const v = p.attributes[d.name];
				if (v === null) continue;
				if (d.type === 'number') expect(typeof v).toBe('number');
				else if (d.type === 'date') expect(String(v)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
				else expect(typeof v).toBe('string');
			}
		expect(tables.searches).toHaveLength(2);
		const docIds = new Set(tables.documents.map((d) => d.id));
		for (const s of tables.searches ?? []) for (const id of s.options.docIds ?? []) expect(docIds.has(id)).toBe(true);
	});
});

describe('the v3 fixture', () => {
	it('holds a consensus layer whose codings carry provenance matching the decisions, and a rejection', () => {
		const { tables } = loadFixture(3);
		const consensus = tables.coders.find((c) => c.consensus);
		expect(consensus).toBeDefined();
		expect(tables.projects[0].analysisCoderId).toBe(consensus?.id);
		const decisions = tables.decisions ?? [];
		expect(new Set(decisions.map((d) => d.decision))).toEqual(new Set(['merge', 'reject', 'accept']));
		const codings = tables.codingSets.flatMap((s) => s.codings);
		const layer = codings.filter((k) => k.coderId === consensus?.id);
		expect(layer.length).toBeGreaterThan(0);
		for (const k of layer) {
			const d = decisions.find((x) => x.id === k.provenance?.decisionId);
			expect(d?.codingIds).toContain(k.id);
			for (const src of k.provenance?.sourceIds ?? []) expect(codings.some((c) => c.id === src)).toBe(true);
		}
		expect(decisions.find((d) => d.decision === 'reject')?.codingIds).toEqual([]);
		for (const k of codings) {
			const content = tables.contents.find((c) => c.docId === k.docId);
			expect(content?.text.slice(k.start, k.end)).toBe(k.quote);
		}
	});
});

describe('the v2 fixture', () => {
	it('holds the v1 study plus a theme under a main theme, notes of every kind and reading progress', () => {
		const { tables } = loadFixture(2);
		const themes = tables.themes ?? [];
		expect(themes).toHaveLength(2);
		const sub = themes.find((t) => t.parentId !== null);
		expect(themes.find((t) => t.id === sub?.parentId)?.parentId).toBeNull();
		const codeIds = new Set(tables.codes.map((c) => c.id));
		for (const id of sub?.codeIds ?? []) expect(codeIds.has(id)).toBe(true);
		expect(new Set((tables.notes ?? []).map((n) => n.kind))).toEqual(new Set(['familiarisation', 'journal', 'memo']));
		const passage = tables.notes?.find((n) => n.target.type === 'passage')?.target;
		const content = tables.contents.find((c) => passage?.type === 'passage' && c.docId === passage.docId);
		if (passage?.type !== 'passage') throw new Error('the v2 fixture needs a passage note');
		expect(content?.text.slice(passage.start, passage.end)).toBe(passage.quote);
		expect(tables.reading ?? []).toHaveLength(2);
	});
});
