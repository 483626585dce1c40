import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTree, childrenOf, flattenTree, isHexColor } from './codebook';
import {
	codebookFileToJson,
	codebookToChanges,
	codesToCodebookFile,
	mergeCodebook,
	parseCodebookFile,
	parseCodebookJson,
	type CodebookFile
} from './codebookFile';
import { applyChangesToList } from './history';
import { SAMPLE } from '../../../tests/shared';
import { code } from '../../../tests/fixtures/codes';

/** An existing project code; named after its id unless given a name. */
const existing = code;

const shippedPath = new URL('../../../codebooks/mct-rtw.json', import.meta.url);
const corpusDir = process.env.TEMA_CORPUS ?? SAMPLE;
const haveCorpus = existsSync(join(corpusDir, 'codebook.json'));

function parsed(json: unknown): CodebookFile {
	const r = parseCodebookFile(json, 'test.json');
	if (!r.ok) throw new Error(r.error);
	return r.file;
}

function errorOf(json: unknown): string {
	const r = parseCodebookFile(json, 'test.json');
	expect(r.ok).toBe(false);
	return r.ok ? '' : r.error;
}


const valid = {
	schemaVersion: 1,
	name: ' Starter ',
	description: 'For tests.',
	codes: [
		{
			name: 'Group',
			color: '#ABC',
			children: [
				{ id: 'G1', name: ' First ', definition: ' Def. ', example: 'Ex.' },
				{ id: 'G2', name: 'Second', include: 'Inc.', exclude: 'Exc.' }
			]
		},
		{ id: 'SOLO', name: 'Solo' }
	]
};

describe('parseCodebookFile', () => {
	it('accepts a valid file and normalises names, texts and colours', () => {
		const r = parseCodebookFile(valid, 'starter.json');
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.warnings).toEqual([]);
		expect(r.file).toEqual({
			schemaVersion: 1,
			name: 'Starter',
			description: 'For tests.',
			codes: [
				{
					name: 'Group',
					color: '#aabbcc',
					children: [
						{ id: 'G1', name: 'First', definition: 'Def.', example: 'Ex.' },
						{ id: 'G2', name: 'Second', include: 'Inc.', exclude: 'Exc.' }
					]
				},
				{ id: 'SOLO', name: 'Solo' }
			]
		});
	});

	it('names the file and the field path of every problem', () => {
		const error = errorOf({
			schemaVersion: 1,
			name: 'X',
			codes: [
				{ name: 'a' },
				{ name: 'b' },
				{ name: 'c' },
				{ name: 'd', children: [{ definition: 'no name' }, { name: 5 }, 'text'] }
			]
		});
		expect(error).toMatch(/^“test\.json” is not a valid Tema codebook/);
		expect(error).toContain('codes[3].children[0].name is missing');
		expect(error).toContain('codes[3].children[1].name must be text, not number 5');
		expect(error).toContain('codes[3].children[2] must be a code object, not string "text"');
	});

	it('rejects wrong top-level shapes', () => {
		expect(errorOf([])).toContain('the file holds a list, not a codebook object');
		expect(errorOf({ name: 'X', codes: [] })).toContain('schemaVersion is missing');
		expect(errorOf({ schemaVersion: '1', name: 'X', codes: [] })).toContain('schemaVersion must be a whole number');
		expect(errorOf({ schemaVersion: 0, name: 'X', codes: [] })).toContain('schemaVersion must be a whole number from 1, not number 0');
		expect(errorOf({ schemaVersion: 1, codes: [{ name: 'a' }] })).toContain('name is missing');
		expect(errorOf({ schemaVersion: 1, name: '  ', codes: [{ name: 'a' }] })).toContain('name is empty');
		expect(errorOf({ schemaVersion: 1, name: 'X' })).toContain('codes is missing');
		expect(errorOf({ schemaVersion: 1, name: 'X', codes: [] })).toContain('codes is empty');
		expect(errorOf({ schemaVersion: 1, name: 'X', codes: {} })).toContain('codes must be a list of codes, not an object');
		expect(errorOf({ schemaVersion: 1, name: 'X', description: 3, codes: [{ name: 'a' }] })).toContain(
			'description must be text'
		);
	});

	it('refuses files from a newer Tema with a way forward', () => {
		expect(errorOf({ schemaVersion: 2, name: 'X', codes: [{ name: 'a' }] })).toMatch(
			/schemaVersion 2, made by a newer Tema; this version reads up to 1\. Update Tema/
		);
	});

	it('rejects bad fields, duplicate ids and duplicate names at one level', () => {
		const error = errorOf({
			schemaVersion: 1,
			name: 'X',
			codes: [
				{ id: 'A', name: 'Same', color: 'red' },
				{ id: 'A', name: 'same ', definition: ['x'] },
				{ id: '', name: 'C', children: 'nope' }
			]
		});
		expect(error).toContain('codes[0].color must be a colour like "#e6a23c", not string "red"');
		expect(error).toContain('codes[1].id “A” is used twice (also codes[0])');
		expect(error).toContain('codes[1].name “same” is used twice at the same level (also codes[0])');
		expect(error).toContain('codes[1].definition must be text, not a list');
		expect(error).toContain('codes[2].id must be non-empty text');
		expect(error).toContain('codes[2].children must be a list of codes, not string "nope"');
		// The same name at different levels is fine.
		expect(parseCodebookFile({ schemaVersion: 1, name: 'X', codes: [{ name: 'a', children: [{ name: 'a' }] }] }, 'f').ok).toBe(
			true
		);
	});

	it('lists at most a dozen problems and counts the rest', () => {
		const codes = Array.from({ length: 20 }, () => ({ name: '' }));
		const error = errorOf({ schemaVersion: 1, name: 'X', codes });
		expect(error).toContain('codes[11].name is empty');
		expect(error).not.toContain('codes[12]');
		expect(error).toMatch(/and 8 more problems\.$/);
	});

	it('warns about unknown fields instead of failing', () => {
		const r = parseCodebookFile({ schemaVersion: 1, name: 'X', extra: 1, codes: [{ name: 'a', colour: '#fff' }] }, 'f');
		expect(r.ok && r.warnings).toEqual(['extra is not a codebook field and was ignored', 'codes[0].colour is not a code field and was ignored']);
	});

	it('reports unreadable JSON and accepts a byte-order mark', () => {
		const bad = parseCodebookJson('{ "schemaVersion": 1,', 'broken.json');
		expect(bad.ok).toBe(false);
		if (!bad.ok) expect(bad.error).toMatch(/^“broken\.json” is not readable JSON/);
		expect(parseCodebookJson('\uFEFF' + JSON.stringify(valid), 'bom.json').ok).toBe(true);
	});
});

describe('codebookToChanges', () => {
	const ids = () => {
		let n = 0;
		return (fileId: string | undefined) => fileId ?? `new${++n}`;
	};

	it('creates the whole tree in an empty project, keeping file ids through idFn', () => {
		const file = parsed(valid);
		const r = codebookToChanges(file, 'p1', [], 7, ids());
		expect(r.report).toEqual({ added: 4, merged: 0, clashes: [] });
		const codes = applyChangesToList([], r.changes, 'code');
		expect(flattenTree(buildTree(codes)).map((row) => `${row.depth}:${row.code.id}:${row.code.name}`)).toEqual([
			'0:new1:Group',
			'1:G1:First',
			'1:G2:Second',
			'0:SOLO:Solo'
		]);
		expect(codes.every((c) => c.projectId === 'p1' && c.createdAt === 7 && isHexColor(c.color))).toBe(true);
		expect(codes.find((c) => c.id === 'G1')).toMatchObject({ definition: 'Def.', example: 'Ex.', include: '' });
		expect(new Set(codes.map((c) => c.color)).size).toBe(codes.length);
		expect([...r.idMap]).toEqual([
			['G1', 'G1'],
			['G2', 'G2'],
			['SOLO', 'SOLO']
		]);
	});

	it('merges by name at the same level: keeps existing codes, fills empty fields, reports clashes', () => {
		const before = [
			existing('g', null, 0, { name: 'group' }),
			existing('f', 'g', 0, { name: 'FIRST', definition: 'Our own definition.' }),
			existing('x', null, 1, { name: 'Other' })
		];
		const r = codebookToChanges(parsed(valid), 'p1', before, 7, ids());
		expect(r.report.added).toBe(2);
		expect(r.report.merged).toBe(2);
		expect(r.report.clashes).toEqual(['“group › FIRST”: the file\'s definition differs; the project\'s was kept.']);
		const after = applyChangesToList(before, r.changes, 'code');
		expect(after.find((c) => c.id === 'f')).toMatchObject({ name: 'FIRST', definition: 'Our own definition.', example: 'Ex.' });
		expect(after.find((c) => c.id === 'g')).toEqual(before[0]);
		expect(childrenOf(after, 'g').map((c) => [c.id, c.order])).toEqual([['f', 0], ['G2', 1]]);
		expect(childrenOf(after, null).map((c) => [c.id, c.order])).toEqual([['g', 0], ['x', 1], ['SOLO', 2]]);
		expect(r.idMap.get('G1')).toBe('f');
		// One change per row: the update of f, the inserts of G2 and SOLO.
		expect(r.changes.map((c) => `${c.before ? 'u' : 'i'}:${c.after?.id}`)).toEqual(['u:f', 'i:G2', 'i:SOLO']);
	});

	it('importing the same file twice adds nothing the second time', () => {
		const file = parsed(valid);
		const first = applyChangesToList([], codebookToChanges(file, 'p1', [], 1, ids()).changes, 'code');
		const again = codebookToChanges(file, 'p1', first, 2, ids());
		expect(again.changes).toEqual([]);
		expect(again.report).toEqual({ added: 0, merged: 4, clashes: [] });
	});

	it('makes ids that are already taken unique', () => {
		const before = [existing('SOLO', null, 0, { name: 'Something else' })];
		const r = codebookToChanges(parsed(valid), 'p1', before, 1, ids());
		expect(r.idMap.get('SOLO')).toBe('SOLO-2');
	});

	it('round-trips a project codebook through the file format', () => {
		const codes = [
			existing('a', null, 0, { name: 'A', color: '#112233', definition: 'Def A' }),
			existing('a1', 'a', 0, { name: 'A1', example: 'Ex' }),
			existing('b', null, 1, { name: 'B' })
		];
		const file = codesToCodebookFile(codes, 'Mine');
		const text = codebookFileToJson(file);
		expect(text.endsWith('\n')).toBe(true);
		const back = parseCodebookJson(text, 'mine.json');
		expect(back.ok).toBe(true);
		if (!back.ok) return;
		expect(back.file).toEqual(file);
		const rebuilt = applyChangesToList([], codebookToChanges(back.file, 'p1', [], 1, (id) => id ?? 'x').changes, 'code');
		expect([...rebuilt].sort((x, y) => x.id.localeCompare(y.id))).toEqual(codes);
	});
});

describe('the shipped mct-rtw codebook', () => {
	const text = readFileSync(shippedPath, 'utf8');
	const result = parseCodebookJson(text, 'mct-rtw.json');

	it('parses without warnings and is grouped by interview topic', () => {
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.warnings).toEqual([]);
		expect(result.file.codes.map((g) => g.name)).toEqual([
			'Reasons for seeking help',
			'Sick leave and return to work',
			'The treatment',
			'Cooperation: GP, NAV, employer',
			'Looking ahead'
		]);
		// The file is exactly what the build script writes (tabs, trailing newline).
		expect(codebookFileToJson(result.file)).toBe(text);
	});

	it('has 41 leaf codes with definitions, criteria, examples and sibling-distinct colours', () => {
		if (!result.ok) throw new Error(result.error);
		const codes = applyChangesToList([], codebookToChanges(result.file, 'p1', [], 1, (id) => id ?? crypto.randomUUID()).changes, 'code');
		const leaves = codes.filter((c) => !codes.some((d) => d.parentId === c.id));
		expect(leaves).toHaveLength(41);
		for (const leaf of leaves) {
			expect(leaf.parentId).not.toBeNull();
			expect(leaf.definition && leaf.include && leaf.exclude && leaf.example).toBeTruthy();
		}
		for (const parent of [null, ...codes.map((c) => c.id)]) {
			const colours = childrenOf(codes, parent).map((c) => c.color);
			expect(new Set(colours).size).toBe(colours.length);
		}
	});

	it.skipIf(!haveCorpus)('uses the corpus code ids, texts and gold example spans', () => {
		if (!result.ok) throw new Error(result.error);
		const corpus = JSON.parse(readFileSync(join(corpusDir, 'codebook.json'), 'utf8')) as {
			codes: { id: string; name: string; definition: string; include: string; exclude: string; example_id: string }[];
		};
		const gold = JSON.parse(readFileSync(join(corpusDir, 'gold.json'), 'utf8')) as {
			id: string;
			doc: string;
			start: number;
			end: number;
		}[];
		const leaves = result.file.codes.flatMap((g) => g.children ?? []);
		expect(leaves.map((c) => c.id).sort()).toEqual(corpus.codes.map((c) => c.id).sort());
		for (const c of corpus.codes) {
			const leaf = leaves.find((l) => l.id === c.id);
			expect(leaf).toMatchObject({ name: c.name, definition: c.definition, include: c.include, exclude: c.exclude });
			const g = gold.find((x) => x.id === c.example_id);
			if (!g) throw new Error(`no gold span ${c.example_id}`);
			const doc = readFileSync(join(corpusDir, 'transcripts', `${g.doc}.txt`), 'utf8').replace(/^\uFEFF/, '');
			expect(leaf?.example).toBe(doc.slice(g.start, g.end).trim());
		}
	});
});

describe('mergeCodebook: the detailed report of a merge', () => {
	const ids = () => {
		let n = 0;
		return () => `m${++n}`;
	};
	const file = (codes: unknown[]) => parsed({ schemaVersion: 1, name: 'In', codes });

	it('says which empty fields were filled, which colours and texts differ, and keeps the project’s', () => {
		const before = [existing('w', null, 0, { name: 'Work', color: '#112233', definition: 'Ours.' })];
		const r = mergeCodebook(file([{ name: 'work', color: '#445566', definition: 'Theirs.', include: 'Hours.', example: 'Ex.' }]), 'p1', before, 1, ids());
		expect(r.report).toEqual({
			added: 0,
			merged: 1,
			clashes: ["“Work”: the file's definition differs; the project's was kept."],
			filled: ['“Work”: its empty inclusion criteria, example were filled in from the file.'],
			elsewhere: [],
			colours: ["“Work”: the file's colour #445566 differs from the project's #112233; the project's was kept."]
		});
		const after = applyChangesToList(before, r.changes, 'code');
		expect(after[0]).toMatchObject({ color: '#112233', definition: 'Ours.', include: 'Hours.', example: 'Ex.' });
	});

	it('reports a new code whose name the project uses elsewhere in the tree, and still makes it where the file says', () => {
		const before = [existing('b', null, 0, { name: 'Barriers' }), existing('s', 'b', 0, { name: 'Stigma' })];
		const r = mergeCodebook(file([{ name: 'Stigma' }, { name: 'Support', children: [{ name: 'stigma' }] }]), 'p1', before, 1, ids());
		expect(r.report.added).toBe(3);
		expect(r.report.elsewhere).toEqual([
			'“Stigma”: the file has it at the top level, but the project already has “Barriers › Stigma”; a separate code was made (merge them if they are the same).',
			'“stigma”: the file has it under “Support”, but the project already has “Barriers › Stigma”; a separate code was made (merge them if they are the same).'
		]);
		const after = applyChangesToList(before, r.changes, 'code');
		expect(after.filter((c) => c.name.toLowerCase() === 'stigma')).toHaveLength(3);
	});

	it('codebookToChanges gives the same changes with the summary report only', () => {
		const before = [existing('w', null, 0, { name: 'Work', color: '#112233' })];
		const f = file([{ name: 'Work', color: '#445566', children: [{ name: 'Hours' }] }]);
		const full = mergeCodebook(f, 'p1', before, 1, ids());
		const summary = codebookToChanges(f, 'p1', before, 1, ids());
		expect(summary.changes).toEqual(full.changes);
		expect(summary.report).toEqual({ added: 1, merged: 1, clashes: [] });
	});
});
