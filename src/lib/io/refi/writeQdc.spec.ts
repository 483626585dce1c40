// The REFI-QDA codebook writer: validates against Codebook.xsd (xmllint-wasm), keeps the tree,
// colours and the definition fields, writes themes as Sets of member codes, and reads back
// through Tema's own .qdc reader to the same codebook.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { codesToCodebookFile, parseCodebookJson } from '../../domain/codebookFile';
import { SHARED } from '../../../../tests/shared';
import { sampleBackup } from '../../../../tests/fixtures/sampleBackup';
import { readQdc } from './readQdc';
import { richBackup } from './writeFixtures';
import { writeQdc } from './writeQdc';

const XSD = readFileSync(resolve(SHARED, 'refi-qda/schema/Codebook.xsd'), 'utf8');

async function validate(xml: string): Promise<string[]> {
	const r = await validateXML({ xml: [{ fileName: 'codebook.qdc', contents: xml }], schema: [{ fileName: 'Codebook.xsd', contents: XSD }] });
	return r.errors.map((e) => e.rawMessage);
}

const bytes = (s: string) => new TextEncoder().encode(s);

describe('writeQdc', () => {
	it('writes a project’s codes and themes as a valid codebook', async () => {
		const b = richBackup();
		const xml = writeQdc(b.codes, { themes: b.themes });
		expect(await validate(xml)).toEqual([]);
		expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Tema">')).toBe(true);
		expect([...xml.matchAll(/<Code /g)]).toHaveLength(5);
		expect(xml).toContain('<Description>Emotions &lt;named&gt; &amp; “quoted”.</Description>');
		expect([...xml.matchAll(/<Set guid="[^"]+" name="([^"]+)"/g)].map((m) => m[1])).toEqual([
			'Main theme: Returning to work',
			'Theme: Returning to work › Support at work',
			'Theme: Returning to work › Pacing',
			'Theme: Emotional labour',
			'Theme: Money worries'
		]);
		// MemberCode in a codebook names its code with guid= (not targetGUID= as in a project).
		const codeGuids = new Set([...xml.matchAll(/<Code guid="([^"]+)"/g)].map((m) => m[1]));
		const members = [...xml.matchAll(/<MemberCode guid="([^"]+)"\/>/g)].map((m) => m[1]);
		expect(members).toHaveLength(4);
		expect(members.every((g) => codeGuids.has(g))).toBe(true);
	});

	it('writes the sample study’s 41 codes and the shipped starter codebook (codes without ids) validly and deterministically', async () => {
		const sample = writeQdc(sampleBackup().codes, { themes: sampleBackup().themes });
		expect(await validate(sample)).toEqual([]);
		const starter = parseCodebookJson(readFileSync(resolve('codebooks/mct-rtw.json'), 'utf8'), 'mct-rtw.json');
		if (!starter.ok) throw new Error(starter.error);
		const xml = writeQdc(starter.file);
		expect(await validate(xml)).toEqual([]);
		expect(writeQdc(starter.file)).toBe(xml);
		expect(xml).not.toContain('<Sets>');
	});

	it('reads back through readQdc to the same tree, colours, definitions, criteria and examples', () => {
		const b = richBackup();
		const back = readQdc(bytes(writeQdc(b.codes)), 'rich.qdc');
		expect(back.ok).toBe(true);
		if (!back.ok) return;
		const strip = (codes: unknown): unknown => JSON.parse(JSON.stringify(codes, (k, v) => (k === 'id' ? undefined : v)));
		expect(strip(back.codebook.codes)).toEqual(strip(codesToCodebookFile(b.codes, 'x').codes));
	});

	it('refuses a codebook with no codes (the schema needs one)', () => {
		expect(() => writeQdc([])).toThrow(/no codes/);
	});

	it('stays valid with markup and control characters in names', async () => {
		const b = richBackup();
		const codes = [{ ...b.codes[3], parentId: null, name: 'A <b> & "c"\u0002', definition: 'line\r\nbreak' }];
		const xml = writeQdc(codes);
		expect(await validate(xml)).toEqual([]);
		expect(xml).toContain('name="A &lt;b&gt; &amp; &quot;c&quot;\ufffd"');
		expect(xml).toContain('<Description>line&#13;\nbreak</Description>');
	});
});
