// The REFI-QDA project writer: every file it writes validates against the REFI schema
// (xmllint-wasm with ../shared/refi-qda/schema/Project-mrt2019.xsd), selections count code
// points and land on the coded text, nothing is lost without a line in the report, and awkward
// projects (emoji, CRLF, hostile markup, nothing but a transcript) still give valid files.

import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { makeBackup } from '../../domain/backup';
import { SHARED } from '../../../../tests/shared';
import { sampleBackup } from '../../../../tests/fixtures/sampleBackup';
import { bareBackup, code, coding, doc, note, richBackup, TEXTS, theme } from './writeFixtures';
import { buildQdpx, variableType, writeQdpx, writeQdpxWithReport } from './writeQdpx';
import { isGuid, nameGuid, sha1 } from './writeGuid';
import { xmlAttr, xmlText, xsdDecimal } from './writeXml';

const XSD = readFileSync(resolve(SHARED, 'refi-qda/schema/Project-mrt2019.xsd'), 'utf8');

async function validate(qde: string): Promise<string[]> {
	const r = await validateXML({ xml: [{ fileName: 'project.qde', contents: qde }], schema: [{ fileName: 'Project.xsd', contents: XSD }], maxMemoryPages: 16384 });
	return r.errors.map((e) => e.rawMessage);
}

type El = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, trimValues: false, isArray: (name, _path, _leaf, isAttribute) => !isAttribute && !['Project', 'Users', 'CodeBook', 'Codes', 'Variables', 'Cases', 'Sources', 'Notes', 'Sets', 'Description', 'PlainTextContent', 'CodeRef', 'VariableRef'].includes(name) });
const parse = (qde: string) => parser.parse(qde).Project as El;
const list = (e: unknown, key: string) => (((e as El | undefined)?.[key] as El[] | undefined) ?? []) as El[];

function unzip(bytes: Uint8Array) {
	const files = unzipSync(bytes);
	return { names: Object.keys(files), qde: strFromU8(files['project.qde']), file: (p: string) => files[p] };
}

/** Every guid attribute and every reference in the file. */
function guids(qde: string) {
	return {
		defined: [...qde.matchAll(/\sguid="([^"]*)"/g)].map((m) => m[1]),
		refs: [...qde.matchAll(/(?:targetGUID|creatingUser|creatingUserGUID)="([^"]*)"/g)].map((m) => m[1])
	};
}

describe('writeQdpx: the sample study (23 transcripts, gold codings, themes)', () => {
	const backup = sampleBackup();
	const bytes = writeQdpx(backup);
	const z = unzip(bytes);

	it('validates against Project-mrt2019.xsd', async () => {
		expect(await validate(z.qde)).toEqual([]);
	});

	it('has project.qde at the root and one UTF-8 text per transcript under lowercase sources/, exactly as stored', () => {
		expect(z.names[0]).toBe('project.qde');
		const sources = z.names.filter((n) => n !== 'project.qde');
		expect(sources).toHaveLength(23);
		expect(sources.every((n) => /^sources\/[0-9a-f-]{36}\.txt$/.test(n))).toBe(true);
		const project = parse(z.qde);
		const textSources = list(project.Sources, 'TextSource');
		expect(textSources).toHaveLength(23);
		for (const ts of textSources) {
			const path = String(ts.plainTextPath);
			expect(path).toMatch(/^internal:\/\/[0-9a-f-]{36}\.txt$/);
			const stored = backup.contents.find((c) => c.docId === backup.documents.find((d) => d.name === ts.name)!.id)!.text;
			expect(Buffer.from(z.file(`sources/${path.slice('internal://'.length)}`)).equals(Buffer.from(stored, 'utf8'))).toBe(true);
		}
		// CRLF transcripts stay CRLF.
		expect(backup.contents.some((c) => c.text.includes('\r\n'))).toBe(true);
	});

	it('writes every gold coding as a selection in code points that selects the coded text', () => {
		const project = parse(z.qde);
		const gold = JSON.parse(readFileSync(resolve(SHARED, 'corpus/sample/gold.json'), 'utf8')) as { doc: string; code: string; start16: number; end16: number; startCp: number; endCp: number }[];
		const codeName = new Map(list((project.CodeBook as El).Codes, 'Code').map((c) => [c.guid, c.name]));
		const nameOf = new Map(backup.codes.map((c) => [c.id, c.name]));
		const key = (doc: unknown, code: unknown, s: number, e: number) => `${doc}|${code}|${s}|${e}`;
		const expected = new Map(gold.map((g) => [key(g.doc, nameOf.get(g.code), g.startCp, g.endCp), backup.contents.find((c) => c.docId === g.doc)!.text.slice(g.start16, g.end16)]));
		const written: string[] = [];
		for (const ts of list(project.Sources, 'TextSource')) {
			const points = Array.from(strFromU8(z.file(`sources/${String(ts.plainTextPath).slice(11)}`)));
			for (const sel of list(ts, 'PlainTextSelection')) {
				const [c] = list(sel, 'Coding');
				const s = Number(sel.startPosition);
				const e = Number(sel.endPosition);
				const k = key(ts.name, codeName.get((c.CodeRef as El).targetGUID), s, e);
				written.push(k);
				expect(points.slice(s, e).join(''), k).toBe(expected.get(k));
			}
		}
		expect(written).toHaveLength(3680);
		expect(written.sort()).toEqual([...expected.keys()].sort());
		// 131 gold codings sit after emoji, where code points and UTF-16 units differ.
		expect(gold.filter((g) => g.startCp !== g.start16).length).toBeGreaterThan(100);
	});

	it('writes the codebook, the coder and the themes as Sets named by the convention', () => {
		const project = parse(z.qde);
		expect(list(project.Users, 'User').map((u) => u.name)).toEqual(['Gold']);
		const codes = list((project.CodeBook as El).Codes, 'Code');
		expect(codes).toHaveLength(41);
		expect(codes.every((c) => c.isCodable === 'true' && c.color === '#aabbcc')).toBe(true);
		const sets = list(project.Sets, 'Set');
		expect(sets).toHaveLength(7);
		expect(sets.filter((s) => String(s.name).startsWith('Main theme: '))).toHaveLength(2);
		const sub = sets.filter((s) => / › /.test(String(s.name)));
		expect(sub).toHaveLength(5);
		const th1 = sets.find((s) => s.name === 'Theme: Change in perceptions of mental health and work › Increased awareness and a new understanding of their situation')!;
		expect(th1.Description).toBe('Concept of Increased awareness and a new understanding of their situation\nStatus: kept');
		expect(list(th1, 'MemberCode').length).toBe(backup.themes.find((t) => t.id === 'TH1')!.codeIds.length);
	});

	it('gives every element a valid, unique GUID and every reference a target in the file', () => {
		const { defined, refs } = guids(z.qde);
		expect(defined.every(isGuid)).toBe(true);
		expect(new Set(defined.map((g) => g.toLowerCase())).size).toBe(defined.length);
		const known = new Set(defined);
		expect(refs.filter((r) => !known.has(r))).toEqual([]);
	});

	it('is deterministic: the same backup gives the same bytes', () => {
		expect(Buffer.from(writeQdpx(sampleBackup())).equals(Buffer.from(bytes))).toBe(true);
	});
});

describe('writeQdpx: a project with everything REFI can carry', () => {
	const backup = richBackup();
	const { bytes, report } = writeQdpxWithReport(backup);
	const z = unzip(bytes);
	const project = parse(z.qde);

	it('validates', async () => {
		expect(await validate(z.qde)).toEqual([]);
	});

	it('counts code points after emoji and across CRLF, so each selection is the coded text', () => {
		const ts = list(project.Sources, 'TextSource').find((s) => s.name === 'P01 interview')!;
		const text = strFromU8(z.file(`sources/${String(ts.plainTextPath).slice(11)}`));
		expect(text).toBe(TEXTS.emoji);
		const points = Array.from(text);
		const got = list(ts, 'PlainTextSelection')
			.filter((s) => list(s, 'Coding').length)
			.map((s) => points.slice(Number(s.startPosition), Number(s.endPosition)).join(''));
		const want = backup.codings.filter((c) => c.docId === 'doc-emoji').map((c) => c.quote);
		expect(got.sort()).toEqual(want.sort());
		// "Short days." sits after three emoji (one of them a 5-unit ZWJ sequence) and three CRLFs.
		const k4 = backup.codings.find((c) => c.id === 'k4')!;
		const sel = list(ts, 'PlainTextSelection').find((s) => points.slice(Number(s.startPosition), Number(s.endPosition)).join('') === k4.quote)!;
		expect(Number(sel.startPosition)).toBe(Array.from(TEXTS.emoji.slice(0, k4.start)).length);
		expect(Number(sel.startPosition)).toBeLessThan(k4.start);
	});

	it('keeps each coding’s coder as the selection’s and coding’s creatingUser', () => {
		const users = new Map(list(project.Users, 'User').map((u) => [u.guid, u.name]));
		expect([...users.values()]).toEqual(['Ana', 'Ben']);
		// Ana's id is a GUID and is kept; Ben's is not and gets a name-based one.
		expect(users.has('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(true);
		const byCoder: Record<string, number> = {};
		for (const ts of list(project.Sources, 'TextSource'))
			for (const s of list(ts, 'PlainTextSelection'))
				for (const c of list(s, 'Coding')) {
					expect(c.creatingUser).toBe(s.creatingUser);
					const name = String(users.get(String(c.creatingUser)));
					byCoder[name] = (byCoder[name] ?? 0) + 1;
				}
		expect(byCoder).toEqual({ Ana: 4, Ben: 3 });
	});

	it('nests codes and writes definition, criteria and example into the Description', () => {
		const codes = list((project.CodeBook as El).Codes, 'Code');
		expect(codes.map((c) => c.name)).toEqual(['Work', 'Feelings', 'Never used']);
		const work = codes[0];
		expect(list(work, 'Code').map((c) => c.name)).toEqual(['Manager support', 'Graded hours']);
		expect(work.Description).toBe('Anything about paid work.\nIncludes: Hours, tasks.\nAlso commuting.\nExcludes: Housework.\nExample: “Short days.”');
		expect(work.color).toBe('#16a34a');
		expect(codes[1].Description).toBe('Emotions <named> & “quoted”.');
		expect(report.codes).toBe(5);
	});

	it('writes participants as Cases with typed Variables, linked to their transcripts', () => {
		const vars = list(project.Variables, 'Variable');
		expect(Object.fromEntries(vars.map((v) => [v.name, v.typeOfVariable]))).toEqual({
			gender: 'Text',
			age: 'Integer',
			score: 'Float',
			interviewed: 'Date',
			consent: 'Boolean',
			note: 'Text',
			mixed: 'Text'
		});
		const cases = list(project.Cases, 'Case');
		expect(cases.map((c) => c.name)).toEqual(['P01', 'P02']);
		const varName = new Map(vars.map((v) => [v.guid, v.name]));
		const values = (c: El) =>
			Object.fromEntries(
				list(c, 'VariableValue').map((vv) => {
					const [k, v] = Object.entries(vv).find(([k]) => k.endsWith('Value'))!;
					return [varName.get((vv.VariableRef as El).targetGUID), `${k}:${(v as unknown[])[0]}`];
				})
			);
		expect(values(cases[0])).toEqual({ gender: 'TextValue:female', age: 'IntegerValue:34', score: 'FloatValue:2.5', interviewed: 'DateValue:2025-03-01', consent: 'BooleanValue:true', mixed: 'TextValue:n/a' });
		expect(values(cases[1]).note).toBe('TextValue:prefers mornings');
		const sourceName = new Map(list(project.Sources, 'TextSource').map((s) => [s.guid, s.name]));
		expect(list(cases[0], 'SourceRef').map((r) => sourceName.get(r.targetGUID))).toEqual(['P01 interview']);
	});

	it('follows the project’s own attribute order and types when it keeps them', () => {
		const b = richBackup();
		b.project = { ...b.project, attributes: [{ name: 'score', type: 'number' }, { name: 'age', type: 'category' }, { name: 'interviewed', type: 'date' }, { name: 'unused', type: 'number' }] };
		const vars = list(parse(buildQdpx(b).qde).Variables, 'Variable');
		expect(vars.map((v) => `${v.name}:${v.typeOfVariable}`)).toEqual(['score:Float', 'age:Text', 'interviewed:Date', 'gender:Text', 'consent:Boolean', 'note:Text', 'mixed:Text']);
	});

	it('writes themes as Sets: main theme, its themes with the path, a top-level theme, a discarded one', () => {
		const sets = list(project.Sets, 'Set');
		expect(sets.map((s) => s.name)).toEqual([
			'Main theme: Returning to work',
			'Theme: Returning to work › Support at work',
			'Theme: Returning to work › Pacing',
			'Theme: Emotional labour',
			'Theme: Money worries'
		]);
		expect(sets[0].Description).toBe('How people return.\nRelations: Frames the others.\nStatus: kept');
		expect(sets[1].Description).toBe('Who helps, and how.\nIncludes: Managers, colleagues.\nExcludes: Family.\nRelations: Leads to pacing.\nStatus: kept');
		expect(sets[2].Description).toBeUndefined();
		expect(sets[4].Description).toBe('Status: discarded');
		const codeName = new Map<unknown, unknown>();
		const walk = (cs: El[]) => cs.forEach((c) => (codeName.set(c.guid, c.name), walk(list(c, 'Code'))));
		walk(list((project.CodeBook as El).Codes, 'Code'));
		expect(list(sets[1], 'MemberCode').map((m) => codeName.get(m.targetGUID))).toEqual(['Manager support', 'Work']);
	});

	it('writes notes with NoteRefs from the project, a source, a passage, a code and a theme', () => {
		const notes = list(project.Notes, 'Note');
		expect(notes).toHaveLength(6);
		const byGuid = new Map(notes.map((n) => [n.guid, n]));
		const name = (g: unknown) => String(byGuid.get(g)?.name);
		expect(list(project, 'NoteRef').map((r) => name(r.targetGUID)).sort()).toEqual(['Memo: Project memo: start with P01.', 'Reflexive journal entry: I noticed my own assumptions about work.']);
		expect(notes.find((n) => String(n.name).startsWith('Memo: Project'))!.PlainTextContent).toBe('Project memo: start with P01.\r\nSecond line.');
		const plain = list(project.Sources, 'TextSource').find((s) => s.name === 'P02 interview')!;
		expect(list(plain, 'NoteRef').map((r) => name(r.targetGUID))).toEqual(['Familiarisation note: Short, guarded interview.']);
		const emoji = list(project.Sources, 'TextSource').find((s) => s.name === 'P01 interview')!;
		const passage = list(emoji, 'PlainTextSelection').find((s) => list(s, 'NoteRef').length)!;
		expect(list(passage, 'Coding')).toEqual([]);
		expect(name(list(passage, 'NoteRef')[0].targetGUID)).toBe('Familiarisation note: Graded return!');
		const manager = list(list((project.CodeBook as El).Codes, 'Code')[0], 'Code')[0];
		expect(list(manager, 'NoteRef').map((r) => name(r.targetGUID))).toEqual(['Memo: Managers matter more than policy.']);
		const support = list(project.Sets, 'Set')[1];
		expect(list(support, 'MemberNote').map((r) => name(r.targetGUID))).toEqual(['Memo: Check against P02.']);
	});

	it('escapes markup in names and texts, and keeps the project name and description', () => {
		expect(project.name).toBe('Return to work <pilot> & “friends”');
		expect(project.Description).toBe('A pilot study.');
		expect(z.qde).toContain('name="Return to work &lt;pilot&gt; &amp; “friends”"');
	});

	it('reports what REFI cannot hold, and the counts', () => {
		expect(report).toMatchObject({ sources: 3, selections: 7, users: 2, cases: 2, variables: 7, sets: 5, notes: 6 });
		expect(report.notWritten).toContain('Themes’ colours and earlier names are kept only in Tema backups.');
		expect(report.notWritten.some((l) => /orphaned/.test(l))).toBe(false);
		const withSearch = { ...backup, searches: [{ id: 's', projectId: backup.project.id, name: 'x', query: 'x', options: { fuzzy: false, participantsOnly: false, docIds: null, codeIds: null }, createdAt: 1 }] };
		expect(buildQdpx(withSearch).report.notWritten).toContain('1 saved search is kept only in Tema backups.');
	});
});

describe('writeQdpx: edge cases still validate', () => {
	it('a project with no themes, no participants, no notes and no codings: no empty lists', async () => {
		const b = bareBackup();
		const { qde, report } = buildQdpx(b);
		expect(await validate(qde)).toEqual([]);
		for (const el of ['Sets', 'Cases', 'Variables', 'Notes']) expect(qde).not.toContain(`<${el}`);
		expect(qde).toContain('<Code guid=');
		expect(report.selections).toBe(0);
	});

	it('a project with nothing at all (no coders, codes or transcripts) is a bare Project element', async () => {
		const b = makeBackup({ ...bareBackup(), coders: [], documents: [], contents: [], codes: [] }, 1);
		const { qde } = buildQdpx(b);
		expect(await validate(qde)).toEqual([]);
		expect(qde).not.toMatch(/<(Users|CodeBook|Sources)/);
		expect(unzip(writeQdpx(b)).names).toEqual(['project.qde']);
	});

	it('control characters and lone surrogates are replaced, reported, and the file stays valid', async () => {
		const b = bareBackup();
		b.codes[0] = { ...b.codes[0], name: 'Bad\u0001name', definition: 'Broken \ud800 pair and a bell \u0007.' };
		b.project = { ...b.project, name: '' };
		const { qde, report } = buildQdpx(b);
		expect(await validate(qde)).toEqual([]);
		expect(qde).toContain('name="Bad\ufffdname"');
		expect(qde).toContain('name="Tema project"');
		expect(report.notWritten).toContain('3 characters that XML cannot hold (control characters) were replaced by �.');
	});

	it('leaves out orphaned codings and codings past the end of the text, and says so', async () => {
		const b = richBackup();
		b.codings[0] = { ...b.codings[0], orphaned: true };
		b.codings[1] = { ...b.codings[1], start: 10_000, end: 10_010 };
		const { qde, report } = buildQdpx(b);
		expect(await validate(qde)).toEqual([]);
		expect(report.selections).toBe(5);
		expect(report.notWritten).toContain('1 orphaned coding (whose passage Tema could no longer find in the text) was not written.');
		expect(report.notWritten).toContain("1 coding outside its transcript's text or without a code was not written.");
	});

	it('a transcript linked to a participant who has no row still gets a Case with the link', () => {
		const b = richBackup();
		b.participants = [];
		const project = parse(buildQdpx(b).qde);
		expect(list(project.Cases, 'Case').map((c) => [c.name, list(c, 'SourceRef').length])).toEqual([
			['P01', 1],
			['P02', 1]
		]);
		expect(project.Variables).toBeUndefined();
	});

	it('a selection that starts right after an emoji and one that ends inside a CRLF pair', async () => {
		const text = '😀a\r\nb😀\r\nc';
		const d = doc('d', text, 0, null);
		const b = makeBackup(
			{
				...bareBackup(),
				documents: [d.d],
				contents: [d.c],
				codes: [code('x', 'X', null, 0)],
				codings: [coding('a', 'd', 'x', 'me', text, 'a\r\nb'), coding('b', 'd', 'x', 'me', text, '😀', 1), coding('c', 'd', 'x', 'me', text, '\r\nc')],
				notes: [note('n', 'familiarisation', { type: 'passage', docId: 'd', start: 2, end: 3, quote: 'a', prefix: '', suffix: '' }, 'x')]
			},
			1
		);
		const { qde } = buildQdpx(b);
		expect(await validate(qde)).toEqual([]);
		const sels = [...qde.matchAll(/startPosition="(\d+)" endPosition="(\d+)"/g)].map((m) => Array.from(text).slice(+m[1], +m[2]).join(''));
		expect(sels).toEqual(['a\r\nb', '😀', '\r\nc', 'a']);
	});

	it('themes with no codes and a code in two themes', async () => {
		const b = bareBackup();
		b.themes = [theme('t1', 'One', null, 0, { codeIds: ['lonely'] }), theme('t2', 'Two', null, 1, { codeIds: ['lonely'] }), theme('t3', 'Empty main', null, 2, { main: true })];
		const { qde } = buildQdpx(b);
		expect(await validate(qde)).toEqual([]);
		expect([...qde.matchAll(/<MemberCode /g)]).toHaveLength(2);
		expect(qde).toContain('name="Main theme: Empty main"');
	});
});

describe('pieces', () => {
	it('sha1 matches node:crypto, including across block boundaries', () => {
		for (const s of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'ü😀'.repeat(100)]) {
			const bytes = new TextEncoder().encode(s);
			expect(Buffer.from(sha1(bytes)).toString('hex')).toBe(createHash('sha1').update(bytes).digest('hex'));
		}
	});

	it('nameGuid is a version 5 UUID, stable and different per name', () => {
		const g = nameGuid('code:AWR_SOMATIC');
		expect(g).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(nameGuid('code:AWR_SOMATIC')).toBe(g);
		expect(nameGuid('code:AWR_SOMATIc')).not.toBe(g);
	});

	it('variableType picks the narrowest type all values fit', () => {
		expect(variableType([1, 2, null])).toBe('Integer');
		expect(variableType([1, 2.5])).toBe('Float');
		expect(variableType(['2025-01-31', null])).toBe('Date');
		expect(variableType(['2025-02-30x'])).toBe('Text');
		expect(variableType(['2025-01-31T10:00:00Z'])).toBe('DateTime');
		expect(variableType(['true', 'false'])).toBe('Boolean');
		expect(variableType(['yes', 'no'])).toBe('Text');
		expect(variableType([1, 'a'])).toBe('Text');
		expect(variableType([null])).toBe('Text');
		expect(variableType([1, 2], 'category')).toBe('Text');
		expect(variableType(['2025-01-31'], 'category')).toBe('Text');
		expect(variableType(['n/a', 3], 'number')).toBe('Text');
		expect(variableType(['2025-01-31', 'soon'], 'date')).toBe('Text');
		expect(variableType(['2025-01-31'], 'date')).toBe('Date');
	});

	it('escapes for element text and attributes', () => {
		expect(xmlText('a & b < c > d\r\n"')).toBe('a &amp; b &lt; c &gt; d&#13;\n"');
		expect(xmlAttr('x\t"y"\n')).toBe('x&#9;&quot;y&quot;&#10;');
	});

	it('writes decimals without exponents', () => {
		expect(xsdDecimal(2.5)).toBe('2.5');
		expect(xsdDecimal(1e-7)).toBe('0.0000001');
		expect(xsdDecimal(1e21)).toBe('1000000000000000000000');
		expect(xsdDecimal(-3)).toBe('-3');
		expect(xsdDecimal(-1.5e-9)).toBe('-0.0000000015');
		expect(xsdDecimal(1.25e22)).toBe('12500000000000000000000');
	});
});

