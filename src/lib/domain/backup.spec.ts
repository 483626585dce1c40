import { describe, expect, it } from 'vitest';
import { sampleBackup } from '../../../tests/fixtures/sampleBackup';
import { makeBackup, parseBackup, rekeyBackup, type ProjectBackup } from './backup';

function smallBackup(): ProjectBackup {
	const b = sampleBackup();
	const keep = new Set(['P01', 'P02']);
	return makeBackup(
		{
			...b,
			documents: b.documents.filter((d) => keep.has(d.id)),
			contents: b.contents.filter((c) => keep.has(c.docId)),
			participants: b.participants.filter((p) => keep.has(p.label)),
			codings: b.codings.filter((c) => keep.has(c.docId)),
			themes: b.themes.map((t) => ({ ...t, quoteIds: t.quoteIds.filter((q) => b.codings.find((c) => c.id === q && keep.has(c.docId))) })),
			notes: [
				{ id: 'n1', projectId: b.project.id, kind: 'journal', target: { type: 'project' }, text: 'Entry', createdAt: 1, updatedAt: 1 },
				{ id: 'n2', projectId: b.project.id, kind: 'memo', target: { type: 'theme', themeId: 'TH1' }, text: 'Memo', createdAt: 2, updatedAt: 2 },
				{ id: 'n3', projectId: b.project.id, kind: 'familiarisation', target: { type: 'document', docId: 'P01' }, text: 'Note', createdAt: 3, updatedAt: 3 }
			],
			reading: [{ docId: 'P01', projectId: b.project.id, furthest: 100, readAt: null }]
		},
		5
	);
}

/** The small backup plus a consensus layer: one merged coding with provenance, a merge and a rejection. */
function withConsensus(): ProjectBackup {
	const b = smallBackup();
	const pid = b.project.id;
	const [a, c] = b.codings;
	const merged = { ...a, id: 'cons-1', coderId: 'cons', provenance: { decisionId: 'd1', decision: 'merge' as const, fromCoderIds: ['gold'], sourceIds: [a.id], decidedBy: 'gold', decidedAt: 9 } };
	return makeBackup(
		{
			...b,
			project: { ...b.project, analysisCoderId: 'cons' },
			coders: [...b.coders, { id: 'cons', projectId: pid, name: 'Consensus', color: '#059669', consensus: true }],
			codings: [...b.codings, merged],
			decisions: [
				{ id: 'd1', projectId: pid, consensusId: 'cons', docId: a.docId, codeId: a.codeId, start: a.start, end: a.end, status: 'partial', coderIds: ['gold'], decision: 'merge', codingIds: ['cons-1'], decidedBy: 'gold', decidedAt: 9 },
				{ id: 'd2', projectId: pid, consensusId: 'cons', docId: c.docId, codeId: c.codeId, start: c.start, end: c.end, status: 'only', coderIds: ['gold'], decision: 'reject', codingIds: [], decidedBy: 'gold', decidedAt: 10 }
			]
		},
		5
	);
}

describe('project backup files', () => {
	it('keep a consensus layer: decisions, provenance and the analysis layer read back, and survive re-keying', () => {
		const b = withConsensus();
		const parsed = parseBackup(JSON.stringify(b), 'b.json');
		if (!parsed.ok) throw new Error(parsed.error);
		expect(parsed.backup).toEqual(b);
		let n = 0;
		const r = rekeyBackup(b, () => `k${++n}`);
		const again = parseBackup(JSON.stringify(r), 'r.json');
		if (!again.ok) throw new Error(again.error);
		const cons = r.coders.find((c) => c.consensus)!;
		expect(r.project.analysisCoderId).toBe(cons.id);
		const merged = r.codings.find((k) => k.provenance)!;
		const d1 = r.decisions.find((d) => d.decision === 'merge')!;
		expect(merged.provenance!.decisionId).toBe(d1.id);
		expect(d1.codingIds).toEqual([merged.id]);
		expect(merged.provenance!.sourceIds[0]).toBe(r.codings.find((k) => k.coderId !== cons.id && k.start === merged.start && k.codeId === merged.codeId)!.id);
		expect(d1.consensusId).toBe(cons.id);
	});

	it('keep typed attributes and saved searches, re-keyed with the transcripts and codes they name', () => {
		const b = smallBackup();
		const withMore = makeBackup(
			{
				...b,
				project: { ...b.project, attributes: [{ name: 'gender', type: 'category' }, { name: 'age', type: 'number' }] },
				searches: [{ id: 's1', projectId: b.project.id, name: 'Work', query: 'work*', options: { fuzzy: false, participantsOnly: true, docIds: ['P01'], codeIds: [b.codes[1].id] }, createdAt: 3 }]
			},
			5
		);
		const parsed = parseBackup(JSON.stringify(withMore), 'b.json');
		if (!parsed.ok) throw new Error(parsed.error);
		expect(parsed.backup).toEqual(withMore);
		let n = 0;
		const r = rekeyBackup(withMore, () => `k${++n}`);
		const [s] = r.searches;
		expect(r.documents.map((d) => d.id)).toContain(s.options.docIds![0]);
		expect(r.codes.map((c) => c.id)).toContain(s.options.codeIds![0]);
		const bad = { ...withMore, project: { ...withMore.project, attributes: [{ name: 'age', type: 'integer' }] } };
		const refused = parseBackup(JSON.stringify(bad), 'b.json');
		expect(refused.ok).toBe(false);
		if (!refused.ok) expect(refused.error).toMatch(/project\.attributes\[0\]\.type is "integer"/);
	});

	it('read backups written before decisions existed (no "decisions" list) as having none', () => {
		const b = smallBackup() as Partial<ProjectBackup>;
		delete b.decisions;
		const parsed = parseBackup(JSON.stringify(b), 'old.json');
		if (!parsed.ok) throw new Error(parsed.error);
		expect(parsed.backup.decisions).toEqual([]);
	});


	it('read back exactly as written', () => {
		const b = smallBackup();
		const parsed = parseBackup(JSON.stringify(b), 'b.json');
		if (!parsed.ok) throw new Error(parsed.error);
		expect(parsed.backup).toEqual(b);
		// a BOM (Windows editors) is fine
		expect(parseBackup(`\uFEFF${JSON.stringify(b)}`, 'b.json').ok).toBe(true);
	});

	it('are canonical: the same rows in another order give the same file', () => {
		const b = smallBackup();
		const shuffled = makeBackup({ ...b, codings: [...b.codings].reverse(), themes: [...b.themes].reverse(), notes: [...b.notes].reverse() }, 5);
		expect(JSON.stringify(shuffled)).toBe(JSON.stringify(b));
	});

	it.each([
		['not JSON', () => '{', /b\.json: is not valid JSON/],
		['another kind of file', () => JSON.stringify({ name: 'x' }), /is not a Tema project backup/],
		['from a newer Tema', () => JSON.stringify({ ...smallBackup(), schemaVersion: 99 }), /newer Tema \(backup version 99/],
		['a missing list', () => JSON.stringify({ ...smallBackup(), themes: undefined }), /themes should be array/],
		['a field of the wrong type', () => {
			const b = smallBackup();
			(b.codings[2] as unknown as Record<string, unknown>).start = '12';
			return JSON.stringify(b);
		}, /codings\[2\]\.start should be number/],
		['a coding on a missing code', () => {
			const b = smallBackup();
			b.codings[0].codeId = 'NOPE';
			return JSON.stringify(b);
		}, /codings\[0\]\.codeId names no code/],
		['a text of the wrong length', () => {
			const b = smallBackup();
			b.contents[1].text += 'x';
			return JSON.stringify(b);
		}, /contents\[1\]\.text is \d+ characters long, but the document says/],
		['a memo on a missing theme', () => {
			const b = smallBackup();
			b.notes[1] = { ...b.notes[1], target: { type: 'theme', themeId: 'gone' } };
			return JSON.stringify(b);
		}, /notes\[1\]\.target points at nothing/],
		['a theme definition without its fields', () => {
			const b = smallBackup();
			(b.themes[2] as unknown as Record<string, unknown>).definition = {};
			return JSON.stringify(b);
		}, /themes\[2\]\.definition\.concept should be string/],
		['a verdict that is not one', () => {
			const b = smallBackup();
			b.themes[3].reviews = { x: 'maybe' as 'fits' };
			return JSON.stringify(b);
		}, /themes\[3\]\.reviews\["x"\] should be "fits" or "misfit"/],
		['a colour that is not one', () => {
			const b = smallBackup();
			b.codes[0].color = 'red;background:url(x)';
			return JSON.stringify(b);
		}, /codes\[0\]\.color should be a colour/],
		['an id that appears twice', () => {
			const b = smallBackup();
			b.codings.push({ ...b.codings[0] });
			return JSON.stringify(b);
		}, /codings\[\d+\]\.id "[^"]+" appears twice/],
		['a decision that is not one', () => {
			const b = withConsensus();
			(b.decisions[0] as unknown as Record<string, unknown>).decision = 'maybe';
			return JSON.stringify(b);
		}, /decisions\[0\]\.decision is "maybe"/],
		['an analysis layer that names no coder', () => {
			const b = withConsensus();
			b.project.analysisCoderId = 'ghost';
			return JSON.stringify(b);
		}, /project\.analysisCoderId names no coder/],
		['provenance of the wrong shape', () => {
			const b = withConsensus();
			(b.codings.find((k) => k.provenance)!.provenance as unknown as Record<string, unknown>).sourceIds = 'x';
			return JSON.stringify(b);
		}, /codings\[\d+\]\.provenance\.sourceIds should be array/],
		['a pseudonym key of the wrong shape', () => {
			const b = smallBackup();
			b.project.deidKey = [{ original: 'Kari', replacement: 'Liv', category: 'name', documents: 'P01' as unknown as string[] }];
			return JSON.stringify(b);
		}, /project\.deidKey\[0\]\.documents should be array/],
		['a row of another project', () => {
			const b = smallBackup();
			b.themes[0].projectId = 'other';
			return JSON.stringify(b);
		}, /themes\[0\]\.projectId is not the project’s id/]
	])('refuse %s with the file name and the first problem', (_what, make, message) => {
		const r = parseBackup(make(), 'b.json');
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error).toMatch(message);
	});

	it('re-key every id consistently, so a restored copy is the same project under new keys', () => {
		const b = smallBackup();
		let n = 0;
		const r = rekeyBackup(b, () => `new-${++n}`);
		const parsed = parseBackup(JSON.stringify(r), 'r.json');
		if (!parsed.ok) throw new Error(parsed.error);
		const oldIds = new Set([b.project.id, ...b.documents.map((d) => d.id), ...b.codes.map((c) => c.id), ...b.codings.map((c) => c.id), ...b.themes.map((t) => t.id)]);
		const json = JSON.stringify(r);
		for (const id of [b.project.id, 'TH1', 'X_REASON', b.codings[0].id]) expect(json).not.toContain(`"${id}"`);
		expect(oldIds.size).toBeGreaterThan(10);
		// structure survives: same codings per code name, same theme tree by name
		const codeName = (bk: ProjectBackup, id: string) => bk.codes.find((c) => c.id === id)!.name;
		expect(r.codings.map((c) => codeName(r, c.codeId)).sort()).toEqual(b.codings.map((c) => codeName(b, c.codeId)).sort());
		const tree = (bk: ProjectBackup) => bk.themes.map((t) => [t.name, bk.themes.find((p) => p.id === t.parentId)?.name ?? null, t.codeIds.map((id) => codeName(bk, id))]).sort();
		expect(tree(r)).toEqual(tree(b));
		expect(r.participants.every((p) => p.id === `${r.project.id}:${p.label}`)).toBe(true);
	});
});
