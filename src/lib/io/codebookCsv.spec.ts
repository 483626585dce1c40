// CSV codebooks: the columns researchers really use, in any order and spelling, parents by
// name (before or after their children), colours with or without "#", and every row that
// cannot be used reported with its row number. Malformed files fail with the file's name.

import { describe, expect, it } from 'vitest';
import { readCodebookCsv } from './codebookCsv';
import { mergeCodebook } from '../domain/codebookFile';
import { code } from '../../../tests/fixtures/codes';
import { applyChangesToList } from '../domain/history';
import { buildTree, flattenTree } from '../domain/codebook';

const bytes = (s: string) => new TextEncoder().encode(s);

function ok(input: string | Uint8Array, name = 'book.csv') {
	const r = readCodebookCsv(input, name);
	if (!r.ok) throw new Error(r.error);
	return r;
}

function errorOf(input: string | Uint8Array, name = 'book.csv') {
	const r = readCodebookCsv(input, name);
	expect(r.ok).toBe(false);
	return r.ok ? '' : r.error;
}

describe('readCodebookCsv', () => {
	it('reads name, parent, definition and colour into a nested codebook named after the file', () => {
		const r = ok(bytes('name,parent,definition,colour\nSupport,,Help from others,#16a34a\nManager,Support,The manager helps,f59e0b\nColleagues,Support,,#abc\nStigma,,"Shame, ""hiding"" it",\n'), 'rtw codes.csv');
		expect(r.problems).toEqual([]);
		expect(r.codes).toBe(4);
		expect(r.file).toEqual({
			schemaVersion: 1,
			name: 'rtw codes',
			codes: [
				{
					name: 'Support',
					color: '#16a34a',
					definition: 'Help from others',
					children: [
						{ name: 'Manager', color: '#f59e0b', definition: 'The manager helps' },
						{ name: 'Colleagues', color: '#aabbcc' }
					]
				},
				{ name: 'Stigma', definition: 'Shame, "hiding" it' }
			]
		});
	});

	it('accepts header variants in any order, semicolons, a BOM, CRLF, and the optional criteria columns', () => {
		const csv = '\uFEFFColor;Description;Parent code;Code;Inclusion criteria;When not to use;Example\r\n#111111;Top;;Work;;;\r\n222222;Hours at work;work;Graded hours;Part-time;Overtime;"I started\r\nwith 4 hours"\r\n';
		const r = ok(bytes(csv));
		expect(r.problems).toEqual([]);
		expect(r.file.codes).toEqual([
			{
				name: 'Work',
				color: '#111111',
				definition: 'Top',
				children: [{ name: 'Graded hours', color: '#222222', definition: 'Hours at work', include: 'Part-time', exclude: 'Overtime', example: 'I started\nwith 4 hours' }]
			}
		]);
	});

	it('reads Windows-1252 bytes from Excel and tab-separated files', () => {
		const latin = Uint8Array.from([...'name\tdefinition\nR'].map((c) => c.charCodeAt(0)).concat([0xe9], [...'sum\u00e9'].map((c) => c.charCodeAt(0)), [0x0a]));
		const r = ok(latin);
		expect(r.file.codes[0].name).toBe('Résumé');
	});

	it('finds parents listed after their children, and adds a parent that is not a row', () => {
		const r = ok('code,parent\nLeaf,Branch\nBranch,Root\nOrphan,Missing\nRoot,\n');
		const names = (cs: { name: string; children?: unknown[] }[], d = 0): string[] =>
			cs.flatMap((c) => [`${d}:${c.name}`, ...names((c.children ?? []) as never, d + 1)]);
		expect(names(r.file.codes)).toEqual(['0:Missing', '1:Orphan', '0:Root', '1:Branch', '2:Leaf']);
		expect(r.problems).toEqual(['Row 4 (“Orphan”): its parent “Missing” is not a row of the file; “Missing” is added as a top-level code (or matched to yours of that name).']);
	});

	it('reports rows it cannot use and keeps the rest', () => {
		const csv = ['name,parent,colour,notes', 'A,,#zzz,x', ',,,just a note', 'A,,,', 'B,B,,', 'C,D,,', 'D,C,,', 'x'.repeat(201) + ',,,', ',,,', 'E,A,red,'].join('\n');
		const r = ok(csv);
		expect(r.problems).toEqual([
			'Column “notes” is not a codebook column and was ignored (columns read: name, parent, definition, colour, include, exclude, example).',
			'Row 2 (“A”): “#zzz” is not a colour like #e6a23c; Tema will choose one.',
			'Row 3 has no code name; it was not used.',
			'Row 8: the name “xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…” is longer than 200 characters; the row was not used.',
			'Row 10 (“E”): “red” is not a colour like #e6a23c; Tema will choose one.',
			'Row 5 (“B”) names itself as its parent; it was put at the top level.',
			'Row 7 (“D”): its parent “C” is inside it (a loop); it was put at the top level.',
			'Row 4 repeats “A” (row 2); it was not used.'
		]);
		expect(flattenTree(buildTree(applyChangesToList([], mergeCodebook(r.file, 'p', [], 1).changes, 'code'))).map((f) => `${f.depth}:${f.code.name}`)).toEqual([
			'0:A',
			'1:E',
			'0:B',
			'0:D',
			'1:C'
		]);
	});

	it('puts a code under the first of two rows with its parent’s name at different places, and says so', () => {
		const r = ok('name,parent\nStigma,Barriers\nStigma,Support\nSelf-stigma,Stigma\nBarriers,\nSupport,\n');
		expect(r.problems).toEqual(['Row 4 (“Self-stigma”): 2 rows are called “Stigma”; it was put under the first (row 2).']);
		expect(r.file.codes).toEqual([
			{ name: 'Barriers', children: [{ name: 'Stigma', children: [{ name: 'Self-stigma' }] }] },
			{ name: 'Support', children: [{ name: 'Stigma' }] }
		]);
	});

	it('reads UTF-16 files (Excel’s “Unicode text”)', () => {
		const text = 'name\tcolour\nÅngest 😟\t#123456\n';
		const bytes16 = new Uint8Array(2 + text.length * 2);
		bytes16.set([0xff, 0xfe]);
		for (let i = 0; i < text.length; i++) new DataView(bytes16.buffer).setUint16(2 + i * 2, text.charCodeAt(i), true);
		expect(ok(bytes16).file.codes).toEqual([{ name: 'Ångest 😟', color: '#123456' }]);
	});

	it('moves what sits under a repeated row to the first row of that name', () => {
		const r = ok('name,parent\nTop,\nTop,\nChild,Top\n');
		expect(r.file.codes).toEqual([{ name: 'Top', children: [{ name: 'Child' }] }]);
		expect(r.problems).toContain('Row 3 repeats “Top” (row 2); it was not used.');
	});

	it('refuses files that are not CSV codebooks, naming the file', () => {
		expect(errorOf(new Uint8Array(), 'empty.csv')).toBe('“empty.csv” is empty.');
		expect(errorOf(' \n\n', 'blank.csv')).toBe('“blank.csv” is empty.');
		expect(errorOf(Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 1, 2, 0, 0, 0, 9, 8, 7]), 'book.xlsx.csv')).toMatch(/^“book\.xlsx\.csv” is not a text file \(is it an Excel workbook\?\)/);
		expect(errorOf('{"schemaVersion":1}', 'x.csv')).toBe('“x.csv” looks like JSON, not CSV. Import it as a Tema codebook (.json) instead.');
		expect(errorOf('<?xml version="1.0"?><CodeBook/>', 'x.csv')).toMatch(/looks like XML/);
		expect(errorOf('colour,definition\n#fff,Something\n', 'nonames.csv')).toBe(
			'“nonames.csv” has no column for the code names. Its first row should name the columns, for example: name, parent, definition, colour (found: “colour”, “definition”).'
		);
		expect(errorOf('name,parent\n,,\n,X\n', 'nocodes.csv')).toBe('“nocodes.csv” has no row with a code name that could be used: Row 3 has no code name; it was not used.');
	});

	it('reports an unclosed quotation mark', () => {
		const r = ok('name,definition\nA,"never closed\nB,fine\n');
		expect(r.problems.some((p) => /never closed/.test(p))).toBe(true);
		expect(r.file.codes.map((c) => c.name)).toEqual(['A']);
	});

	it('keeps an id column and resolves a parent given by id, dropping repeated ids', () => {
		const r = ok('id,name,parent\nW,Work,\nH,Hours,W\nH,Pay,W\n');
		expect(r.file.codes).toEqual([{ id: 'W', name: 'Work', children: [{ id: 'H', name: 'Hours' }, { name: 'Pay' }] }]);
		expect(r.problems).toEqual(['Row 4 (“Pay”): the id “H” is already used in row 3; it was left out.']);
	});

	it('merges into a project: same name at the same place is matched, elsewhere reported, colour differences reported', () => {
		const before = [code('s', null, 0, { name: 'Support', color: '#000000' }), code('b', null, 1, { name: 'Barriers' }), code('st', 'b', 0, { name: 'Stigma' })];
		const r = ok('name,parent,definition,colour\nsupport,,Help,#16a34a\nStigma,,Shame,\n');
		const m = mergeCodebook(r.file, 'p1', before, 1);
		expect(m.report.merged).toBe(1);
		expect(m.report.added).toBe(1);
		expect(m.report.filled).toEqual(['“Support”: its empty definition was filled in from the file.']);
		expect(m.report.colours).toEqual(["“Support”: the file's colour #16a34a differs from the project's #000000; the project's was kept."]);
		expect(m.report.elsewhere).toHaveLength(1);
	});
});
