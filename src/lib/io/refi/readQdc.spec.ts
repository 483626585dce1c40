import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CodebookFileCode } from '../../domain/codebookFile';
import { SHARED } from '../../../../tests/shared';
import { readQdc } from './readQdc';

const SAMPLES = resolve(SHARED, 'refi-qda', 'samples');
const sample = (name: string) => new Uint8Array(readFileSync(resolve(SAMPLES, name)));
const enc = (s: string) => new TextEncoder().encode(s);

// An independent reading of the files for the expectations: a regex walk over the tags that
// tracks nesting, with the five XML entities decoded by hand. It shares no code with the reader.
function expectedCodes(xml: string): { name: string; depth: number; color?: string; guid: string }[] {
	const out: { name: string; depth: number; color?: string; guid: string }[] = [];
	let depth = 0;
	const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
	for (const m of xml.matchAll(/<(\/?)Code\b([^>]*?)(\/?)>/g)) {
		if (m[1]) {
			depth--;
			continue;
		}
		const attr = (n: string) => new RegExp(`\\b${n}="([^"]*)"`).exec(m[2])?.[1];
		out.push({ name: unescape(attr('name')!), depth: depth + 1, color: attr('color'), guid: attr('guid')! });
		if (!m[3]) depth++;
	}
	return out;
}

function flatten(codes: CodebookFileCode[], depth = 1): (CodebookFileCode & { depth: number })[] {
	return codes.flatMap((c) => [{ ...c, depth }, ...flatten(c.children ?? [], depth + 1)]);
}

describe('readQdc on the real samples', () => {
	it('reads QualCoder 3.8.2 (BOM, CRLF, nesting, escapes, CJK, categories)', () => {
		const bytes = sample('qualcoder-3.8.2-codebook.qdc');
		const xml = new TextDecoder().decode(bytes);
		const want = expectedCodes(xml);
		expect(want.length).toBe(38);
		const r = readQdc(bytes, 'qualcoder-3.8.2-codebook.qdc');
		if (!r.ok) throw new Error(r.error);
		const got = flatten(r.codebook.codes);
		expect(got.map((c) => [c.name, c.depth, c.id])).toEqual(want.map((c) => [c.name, c.depth, c.guid]));
		expect(got.map((c) => c.color)).toEqual(want.map((c) => c.color?.toLowerCase()));
		expect(got.map((c) => c.name)).toContain('Ünïcøde & <angle> "quoted" — 教师');
		const fidelity = got.find((c) => c.name === 'Curriculum fidelity')!;
		// CRLF inside the Description is an XML line end: it reads as LF.
		expect(fidelity.definition).toBe('Teacher follows the published sequence.\nSecond line, after a hard break.');
		expect(got.find((c) => c.name === 'Ongoing coaching')!.definition).toBe('Résumé of coaching; 教师反馈 included.');
		expect(r.codebook.name).toBe('qualcoder-3.8.2-codebook');
		const top = want.filter((c) => c.depth === 1).length;
		const coloured = want.filter((c) => c.color).length;
		const described = xml.split('<Description>').length - 1;
		expect(r.report.read).toEqual([
			`38 codes in 2 levels (${top} at the top), written by QualCoder`,
			`descriptions of ${described} codes, kept as their definitions`,
			`the colours of ${coloured} codes (Tema chose colours for the other ${38 - coloured})`
		]);
		expect(r.report.notes.join(' ')).toMatch(/6 codes are marked not for coding/);
		expect(r.report.dropped).toEqual([]);
	});

	it('reads Taguette 1.4.1 although its empty <Sets/> makes it schema-invalid', () => {
		const bytes = sample('taguette-1.4.1-codebook.qdc');
		const want = expectedCodes(new TextDecoder().decode(bytes));
		const r = readQdc(bytes, 'taguette-1.4.1-codebook.qdc');
		if (!r.ok) throw new Error(r.error);
		expect(r.codebook.codes.map((c) => [c.id, c.name, c.color])).toEqual(want.map((c) => [c.guid, c.name, undefined]));
		expect(r.codebook.codes.map((c) => c.id)).toEqual(['0D62985D-B147-5D01-A9B5-CAE5DCD98342', '6B108EE0-2DC3-5B43-9061-1330F75A6B9B', 'B061A8C8-4FE7-5A79-9E1C-E50874232DA7']);
		expect(r.report.notes.join(' ')).toMatch(/empty <Sets\/>/);
		expect(r.report.read.join(' ')).toMatch(/3 codes, written by Taguette 1\.4\.1/);
		expect(r.report.read).toContain('no code colours (Tema chose them)');
	});
});

describe('readQdc on edited and broken files', () => {
	const qdc = (codes: string, extra = '') =>
		enc(`<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Test"><Codes>${codes}</Codes>${extra}</CodeBook>`);

	it('refuses a 0-byte file', () => {
		expect(readQdc(new Uint8Array(), 'empty.qdc')).toEqual({ ok: false, error: '“empty.qdc” is empty (0 bytes).' });
	});

	it('refuses text that is not XML, and XML that is not a codebook', () => {
		const a = readQdc(enc('name,parent\nStigma,'), 'codes.qdc');
		expect(a.ok || a.error).toBe('“codes.qdc” is not XML (it does not start with “<”).');
		const b = readQdc(enc('<?xml version="1.0"?><html><body/></html>'), 'page.qdc');
		expect(b.ok || b.error).toMatch(/“page\.qdc” is XML but not a REFI-QDA codebook \(its root element is <html>/);
		const c = readQdc(enc('<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>'), 'p.qdc');
		expect(c.ok || c.error).toMatch(/is a REFI-QDA project, not a codebook/);
	});

	it('refuses a file cut short, naming the file', () => {
		const whole = new TextDecoder().decode(sample('qualcoder-3.8.2-codebook.qdc'));
		const r = readQdc(enc(whole.slice(0, 2000)), 'cut.qdc');
		expect(r.ok || r.error).toMatch(/^“cut\.qdc” is not well-formed XML/);
	});

	it('refuses a DOCTYPE (no entity expansion) and a codebook without codes', () => {
		const bomb = '<?xml version="1.0"?><!DOCTYPE CodeBook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><CodeBook><Codes><Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98342" name="&b;" isCodable="true"/></Codes></CodeBook>';
		const b = readQdc(enc(bomb), 'bomb.qdc');
		expect(b.ok || b.error).toMatch(/^“bomb\.qdc” contains a DOCTYPE declaration/);
		const none = readQdc(enc('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>'), 'none.qdc');
		expect(none.ok || none.error).toBe('“none.qdc” holds no codes.');
		const bare = readQdc(enc('<CodeBook><Codes><Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98342" name="A" isCodable="true"/></Codes></CodeBook>'), 'bare.qdc');
		expect(bare.ok && bare.report.notes.join(' ')).toMatch(/declares no namespace/);
	});

	it('makes sibling names unique, drops bad colours, keeps braces GUIDs and says so', () => {
		const r = readQdc(
			qdc(
				'<Code guid="{11111111-1111-1111-1111-111111111111}" name="Stigma" isCodable="true" color="#ABC"/>' +
					'<Code guid="22222222-2222-2222-2222-222222222222" name=" stigma " isCodable="true" color="red"/>' +
					'<Code guid="33333333-3333-3333-3333-333333333333" name="" isCodable="true"/>'
			),
			'edge.qdc'
		);
		if (!r.ok) throw new Error(r.error);
		expect(r.codebook.codes.map((c) => [c.id, c.name, c.color])).toEqual([
			['{11111111-1111-1111-1111-111111111111}', 'Stigma', '#aabbcc'],
			['22222222-2222-2222-2222-222222222222', 'stigma (2)', undefined],
			['33333333-3333-3333-3333-333333333333', 'Unnamed code', undefined]
		]);
		expect(r.report.dropped).toEqual([{ what: 'Colour “red” of code “stigma (2)”', why: 'is not a colour of the form #rrggbb; Tema chose one' }]);
		expect(r.report.notes.join('\n')).toMatch(/Two codes are called “stigma”.*“stigma \(2\)”/);
		expect(r.report.notes.join('\n')).toMatch(/has no name; it is called “Unnamed code”/);
		expect(r.report.notes.join('\n')).not.toMatch(/namespace/i);
	});

	it('gives a repeated GUID a fresh id, reports sets it does not read, and reads character references', () => {
		const ids = ['fresh-1'];
		const r = readQdc(
			qdc(
				'<Code guid="11111111-1111-1111-1111-111111111111" name="Work &#x1F4BC;" isCodable="true"><Description>Line&#13;&#10;two</Description></Code>' +
					'<Code guid="11111111-1111-1111-1111-111111111111" name="Again" isCodable="true"/>',
				'<Sets><Set guid="44444444-4444-4444-4444-444444444444" name="Theme: Work"><MemberCode guid="11111111-1111-1111-1111-111111111111"/></Set></Sets>'
			),
			'dup.qdc',
			{ newId: () => ids.shift()! }
		);
		if (!r.ok) throw new Error(r.error);
		expect(r.codebook.codes.map((c) => [c.id, c.name])).toEqual([
			['11111111-1111-1111-1111-111111111111', 'Work 💼'],
			['fresh-1', 'Again']
		]);
		// A CR written as &#13; is decoded; Tema keeps line ends in definitions as LF.
		expect(r.codebook.codes[0].definition).toBe('Line\ntwo');
		expect(r.report.dropped).toEqual([{ what: 'Set “Theme: Work” (1 code)', why: 'a codebook file brings codes only; open the whole project (.qdpx) to turn sets into themes' }]);
	});

	it('reads the include, exclude and example lines Tema writes into a Description', () => {
		const r = readQdc(qdc('<Code guid="11111111-1111-1111-1111-111111111111" name="Work" isCodable="true"><Description>Talk about work.\nIncludes: paid work\nExcludes: school\nExample: “I went back”</Description></Code>'), 'labels.qdc');
		if (!r.ok) throw new Error(r.error);
		expect(r.codebook.codes[0]).toMatchObject({ definition: 'Talk about work.', include: 'paid work', exclude: 'school', example: '“I went back”' });
	});
});
