// Round trips. (1) qdpx → Tema → qdpx → Tema: what a project means (transcripts, codebook with
// colours, definitions and hierarchy, codings on the same text by the same coder, themes as
// themes, participants with attributes, notes on the same things) survives Tema's writer and
// reader, and from the first import on the files are a fixed point. (2) backup → restore →
// backup through the real database code (fake-indexeddb): the same file apart from timestamps,
// also when the restore has to re-key every id because the original is still there.

import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBackup, parseBackup, rekeyBackup, type ProjectBackup } from '../../domain/backup';
import { buildTree, codePathLabel, flattenTree } from '../../domain/codebook';
import { isMainTheme, themePath, themesInOrder } from '../../domain/themes';
import type { Note } from '../../domain/types';
import { Repo } from '../../db/repo';
import { TemaDB } from '../../db/schema';
import { sampleBackup } from '../../../../tests/fixtures/sampleBackup';
import { readQdpx } from './readQdpx';
import { P, richBackup, theme } from './writeFixtures';
import { writeQdpx } from './writeQdpx';

/** What a project means, without ids, colours Tema picks itself, or timestamps. */
function essence(b: ProjectBackup) {
	const doc = new Map(b.documents.map((d) => [d.id, d.name]));
	const coder = new Map(b.coders.map((c) => [c.id, c.name]));
	const code = (id: string) => codePathLabel(b.codes, id);
	const text = new Map(b.contents.map((c) => [c.docId, c.text]));
	const target = (n: Note) => {
		const t = n.target;
		if (t.type === 'project') return 'project';
		if (t.type === 'document') return `document ${doc.get(t.docId)}`;
		if (t.type === 'passage') return `passage ${doc.get(t.docId)} ${t.start}-${t.end} “${t.quote}”`;
		if (t.type === 'code') return `code ${code(t.codeId)}`;
		return `theme ${themePath(b.themes, t.themeId)}`;
	};
	return {
		project: { name: b.project.name, description: b.project.description },
		coders: b.coders.map((c) => c.name).sort(),
		documents: b.documents.map((d) => ({ name: d.name, participant: d.participantId, length: d.length, text: text.get(d.id) })),
		codes: flattenTree(buildTree(b.codes)).map((f) => ({ depth: f.depth, name: f.code.name, color: f.code.color, definition: f.code.definition, include: f.code.include, exclude: f.code.exclude, example: f.code.example })),
		codings: b.codings.map((c) => `${doc.get(c.docId)} | ${code(c.codeId)} | ${coder.get(c.coderId)} | ${c.start}-${c.end} | ${c.quote}`).sort(),
		themes: themesInOrder(b.themes).map((t) => ({ path: themePath(b.themes, t.id), main: isMainTheme(b.themes, t.id), status: t.status, definition: t.definition, codes: t.codeIds.map(code) })),
		notes: b.notes.map((n) => `${n.kind} | ${target(n)} | ${n.text}`).sort(),
		participants: b.participants
			.map((p) => ({ label: p.label, attributes: Object.fromEntries(Object.entries(p.attributes).sort(([a], [c]) => (a < c ? -1 : 1))) }))
			.sort((a, c) => (a.label < c.label ? -1 : 1))
	};
}

/** readQdpx with fixed ids for rows without a GUID and a fixed clock, so runs compare. */
async function read(bytes: Uint8Array) {
	let n = 0;
	const r = await readQdpx(bytes, 'project.qdpx', { now: 1_800_000_000_000, newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` });
	if (!r.ok) throw new Error(r.error);
	return r;
}

describe('qdpx → Tema → qdpx → Tema', () => {
	it('the rich project comes back with everything a .qdpx carries', async () => {
		const a = richBackup();
		const { backup: b, report } = await read(writeQdpx(a));
		expect(report.dropped).toEqual([]);
		expect(parseBackup(JSON.stringify(b), 'b.json').ok).toBe(true);
		const want = essence(a);
		// REFI has no empty value: an attribute left empty (null) is simply not written; a column
		// holding numbers and text is a Text variable, so its numbers come back as text.
		want.participants = want.participants.map((p) => ({
			label: p.label,
			attributes: Object.fromEntries(Object.entries(p.attributes).filter(([, v]) => v !== null).map(([k, v]) => [k, k === 'mixed' ? String(v) : v]))
		}));
		const got = essence(b);
		expect(got.project).toEqual(want.project);
		expect(got.coders).toEqual(want.coders);
		expect(got.documents).toEqual(want.documents);
		expect(got.codes).toEqual(want.codes);
		expect(got.codings).toEqual(want.codings);
		expect(got.themes).toEqual(want.themes);
		expect(got.participants).toEqual(want.participants);
		expect(got.notes).toEqual(want.notes);
	});

	it('ids survive: every row keeps its GUID, and Tema ids that were GUIDs stay the same', async () => {
		const a = richBackup();
		const { backup: b } = await read(writeQdpx(a));
		expect(b.coders.map((c) => c.id)).toContain('0f8fad5b-d9cb-469f-a165-70867728950e');
		const { backup: c } = await read(writeQdpx(b));
		for (const key of ['coders', 'documents', 'codes', 'codings', 'themes', 'notes'] as const)
			expect(c[key].map((r) => r.id).sort(), key).toEqual(b[key].map((r) => r.id).sort());
	});

	it('after the first import the files are a fixed point: export, import, export gives the same bytes', async () => {
		const { backup: b1 } = await read(writeQdpx(richBackup()));
		const q2 = writeQdpx(b1);
		const { backup: b2 } = await read(q2);
		expect(essence(b2)).toEqual(essence(b1));
		expect(Buffer.from(writeQdpx(b2)).equals(Buffer.from(q2))).toBe(true);
	});

	it('the sample study: 23 transcripts, 3,680 gold codings on the same text by the same coder, 2 main themes and 5 themes', async () => {
		const a = sampleBackup();
		const { backup: b } = await read(writeQdpx(a));
		const got = essence(b);
		const want = essence(a);
		expect(b.documents).toHaveLength(23);
		expect(b.codings).toHaveLength(3680);
		expect(got.documents).toEqual(want.documents);
		expect(got.codes).toEqual(want.codes);
		expect(got.codings).toEqual(want.codings);
		expect(got.themes).toEqual(want.themes);
		expect(got.themes.filter((t) => t.main)).toHaveLength(2);
		// And once more through Tema's writer and reader: nothing moves.
		const { backup: c } = await read(writeQdpx(b));
		expect(essence(c)).toEqual(got);
	});

	it('participants without attributes come back as the link from each transcript to its participant', async () => {
		// A Case with no VariableValue only groups sources; Tema's reader keeps that as each
		// transcript's participant label rather than as a row of the participants table.
		const a = sampleBackup();
		const { backup: b } = await read(writeQdpx(a));
		expect(a.participants.every((p) => Object.keys(p.attributes).length === 0)).toBe(true);
		expect(b.documents.map((d) => [d.name, d.participantId])).toEqual(a.documents.map((d) => [d.name, d.participantId]));
	});

	it('a theme that holds no codes and a code that is in two themes survive', async () => {
		const a = richBackup();
		a.themes = [...a.themes, theme('th-twice', 'Also support', null, 3, { codeIds: ['c-manager'] })];
		const { backup: b } = await read(writeQdpx(a));
		const themes = essence(b).themes;
		expect(themes.find((t) => t.path === 'Money worries')).toMatchObject({ codes: [], status: 'discarded' });
		expect(themes.filter((t) => t.codes.includes('Work › Manager support')).map((t) => t.path)).toEqual(['Returning to work › Support at work', 'Also support']);
	});
});

describe('backup → restore → backup', () => {
	let database: TemaDB;
	let repo: Repo;
	beforeEach(() => {
		database = new TemaDB(`roundtrip-${crypto.randomUUID()}`);
		repo = new Repo(database);
	});
	afterEach(async () => {
		await database.delete();
	});

	/** A project with every kind of row, including reading progress, a consensus layer, a decision and a saved search. */
	function everything(): ProjectBackup {
		const b = richBackup();
		const consensus = { id: 'coder-consensus', projectId: P, name: 'Consensus', color: '#059669', consensus: true };
		const k = b.codings[0];
		return makeBackup(
			{
				...b,
				project: { ...b.project, analysisCoderId: consensus.id, attributes: [{ name: 'age', type: 'number' }] },
				coders: [...b.coders, consensus],
				codings: [
					...b.codings,
					{ ...k, id: 'k-consensus', coderId: consensus.id, provenance: { decisionId: 'dec-1', decision: 'accept', fromCoderIds: [k.coderId], sourceIds: [k.id], decidedBy: k.coderId, decidedAt: 7 } }
				],
				decisions: [{ id: 'dec-1', projectId: P, consensusId: consensus.id, docId: k.docId, codeId: k.codeId, start: k.start, end: k.end, status: 'partial', coderIds: [k.coderId], decision: 'accept', acceptedCoderId: k.coderId, codingIds: ['k-consensus'], decidedBy: k.coderId, decidedAt: 7 }],
				reading: [{ docId: 'doc-emoji', projectId: P, furthest: 40, readAt: null }, { docId: 'doc-plain', projectId: P, furthest: 99, readAt: 12345 }],
				themes: b.themes.map((t, i) => (i === 1 ? { ...t, quoteIds: ['k2'], reviews: { k2: 'fits', k6: 'misfit' }, nameHistory: [{ name: 'Support', until: 5 }] } : t)),
				searches: [{ id: 'search-1', projectId: P, name: 'Hours', query: 'hour*', options: { fuzzy: false, participantsOnly: true, docIds: null, codeIds: ['c-hours'] }, createdAt: 3 }]
			},
			b.exportedAt
		);
	}

	it('gives the same file apart from the time it was made', async () => {
		const original = everything();
		const file = JSON.stringify(original);
		const parsed = parseBackup(file, 'backup.json');
		if (!parsed.ok) throw new Error(parsed.error);
		await repo.restoreProject(parsed.backup);
		const again = makeBackup(await repo.exportProject(original.project.id), Date.now());
		expect(JSON.stringify({ ...again, exportedAt: 0 })).toBe(JSON.stringify({ ...original, exportedAt: 0 }));
	});

	it('restoring next to the original re-keys every id and still gives the same project', async () => {
		const original = everything();
		await repo.restoreProject(original);
		const copy = rekeyBackup(original, () => crypto.randomUUID());
		await repo.restoreProject(copy);
		const back = makeBackup(await repo.exportProject(copy.project.id), 0);
		expect(JSON.stringify(back)).toBe(JSON.stringify(makeBackup(copy, 0)));
		// The same project as the original under other ids.
		expect(essence(back)).toEqual(essence(original));
	});
});
