// `tema convert`: every supported pair through the real files (the sample study as a backup,
// the vendors' REFI-QDA samples), outputs validated against the REFI schemas, and clear exits
// for unsupported pairs and bad files, which leave no output behind.

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { parseBackup } from '../lib/domain/backup';
import { parseCodebookJson } from '../lib/domain/codebookFile';
import { SHARED } from '../../tests/shared';
import { sampleBackup } from '../../tests/fixtures/sampleBackup';
import { convertCommand } from './convert';
import { run } from './tema';

const SAMPLES = resolve(SHARED, 'refi-qda/samples');
const PROJECT_XSD = readFileSync(resolve(SHARED, 'refi-qda/schema/Project-mrt2019.xsd'), 'utf8');
const CODEBOOK_XSD = readFileSync(resolve(SHARED, 'refi-qda/schema/Codebook.xsd'), 'utf8');

async function valid(xml: string, xsd: string): Promise<string[]> {
	const r = await validateXML({ xml: [{ fileName: 'file.xml', contents: xml }], schema: [{ fileName: 'schema.xsd', contents: xsd }], maxMemoryPages: 16384 });
	return r.errors.map((e) => e.rawMessage);
}

async function tema(...args: string[]) {
	let out = '';
	let err = '';
	const code = await run(['convert', ...args], { out: (s) => (out += s), err: (s) => (err += s) });
	return { code, out, err };
}

let dir: string;
let backupFile: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'tema-convert-'));
	backupFile = join(dir, 'sample.json');
	writeFileSync(backupFile, JSON.stringify(sampleBackup()));
});

describe('tema convert: supported pairs', () => {
	it('backup .json → .qdpx → .json: a valid project, and the same transcripts, codes, codings and themes back', async () => {
		const qdpx = join(dir, 'sample.qdpx');
		const a = await tema(backupFile, qdpx);
		expect(a.code).toBe(0);
		expect(a.err).toBe(`${qdpx}: not written: Themes’ chosen quotes and review verdicts are kept only in Tema backups.\n${qdpx}: not written: Themes’ colours and earlier names are kept only in Tema backups.\n`);
		expect(a.out).toBe(`Wrote ${qdpx} (REFI-QDA project): 23 sources, 41 codes, 3,680 coded selections by 1 user, 23 cases, 7 sets, 0 notes.\n`);
		const files = unzipSync(readFileSync(qdpx));
		expect(await valid(strFromU8(files['project.qde']), PROJECT_XSD)).toEqual([]);

		const back = join(dir, 'back.json');
		const b = await tema(qdpx, back);
		expect(b.code).toBe(0);
		expect(b.out).toMatch(/^Wrote .*back\.json \(Tema project backup\): 23 transcripts, 41 codes, 3,680 codings by 1 coder, .* 7 themes, 0 notes\.\n$/);
		expect(b.err).toMatch(/read 3,680 codings on 3,680 text selections, by 1 coder/);
		const parsed = parseBackup(readFileSync(back, 'utf8'), back);
		if (!parsed.ok) throw new Error(parsed.error);
		const original = sampleBackup();
		expect(parsed.backup.contents.map((c) => c.text).sort()).toEqual(original.contents.map((c) => c.text).sort());
		expect(parsed.backup.codings).toHaveLength(3680);
		expect(parsed.backup.themes.map((t) => t.name).sort()).toEqual(original.themes.map((t) => t.name).sort());
	});

	it('backup .json → .qdc: the codebook with the themes as sets, valid', async () => {
		const out = join(dir, 'sample.qdc');
		const r = await tema(backupFile, out);
		expect(r).toMatchObject({ code: 0, out: `Wrote ${out} (REFI-QDA codebook): 41 codes, 7 themes as sets.\n` });
		const xml = readFileSync(out, 'utf8');
		expect(await valid(xml, CODEBOOK_XSD)).toEqual([]);
		expect([...xml.matchAll(/<Set /g)]).toHaveLength(7);
	});

	it('Tema codebook .json → .qdc, valid', async () => {
		const out = join(dir, 'starter.qdc');
		const r = await tema(resolve('codebooks/mct-rtw.json'), out);
		expect(r.code).toBe(0);
		expect(await valid(readFileSync(out, 'utf8'), CODEBOOK_XSD)).toEqual([]);
	});

	it('MAXQDA .qdpx → .qdc: its 307 codes with colours and descriptions, valid', async () => {
		const out = join(dir, 'maxqda.qdc');
		const r = await tema(join(SAMPLES, 'maxqda-24.7_ICLS_Conf_Themes_just10.qdpx'), out);
		expect(r.code).toBe(0);
		expect(r.out).toMatch(/: 307 codes, /);
		const xml = readFileSync(out, 'utf8');
		expect(await valid(xml, CODEBOOK_XSD)).toEqual([]);
		expect([...xml.matchAll(/<Code /g)]).toHaveLength(307);
	});

	it('NVivo .qdpx → .json → .qdpx: the emoji transcript’s codings stay on their text', async () => {
		const json = join(dir, 'nvivo.json');
		expect((await tema(join(SAMPLES, 'nvivo-win-12.6_oltas0517.qdpx'), json)).code).toBe(0);
		const first = parseBackup(readFileSync(json, 'utf8'), json);
		if (!first.ok) throw new Error(first.error);
		const qdpx = join(dir, 'nvivo-again.qdpx');
		expect((await tema(json, qdpx)).code).toBe(0);
		expect(await valid(strFromU8(unzipSync(readFileSync(qdpx))['project.qde']), PROJECT_XSD)).toEqual([]);
		const json2 = join(dir, 'nvivo-again.json');
		expect((await tema(qdpx, json2)).code).toBe(0);
		const second = parseBackup(readFileSync(json2, 'utf8'), json2);
		if (!second.ok) throw new Error(second.error);
		const quotes = (b: typeof first.backup) => b.codings.map((c) => c.quote).sort();
		expect(quotes(second.backup)).toEqual(quotes(first.backup));
		expect(first.backup.codings.length).toBeGreaterThan(250);
	});

	it('QualCoder and Taguette .qdc → Tema codebook .json (Taguette’s schema-invalid file too)', async () => {
		const q = join(dir, 'qualcoder.json');
		const r = await tema(join(SAMPLES, 'qualcoder-3.8.2-codebook.qdc'), q);
		expect(r).toMatchObject({ code: 0, out: `Wrote ${q} (Tema codebook file): 38 codes.\n` });
		expect(parseCodebookJson(readFileSync(q, 'utf8'), q).ok).toBe(true);
		const t = join(dir, 'taguette.json');
		const r2 = await tema(join(SAMPLES, 'taguette-1.4.1-codebook.qdc'), t);
		expect(r2.code).toBe(0);
		expect(r2.err).toMatch(/empty <Sets\/>/);
		expect(parseCodebookJson(readFileSync(t, 'utf8'), t).ok).toBe(true);
	});
});

describe('tema convert: what it refuses', () => {
	const refused = async (args: string[], code: number, message: RegExp) => {
		const out = args[1];
		const r = await tema(...args);
		expect(r.code).toBe(code);
		expect(r.err).toMatch(message);
		expect(r.out).toBe('');
		if (out) expect(existsSync(out)).toBe(false);
	};

	it('unsupported pairs and unknown extensions are usage errors (exit 2)', async () => {
		await refused([join(SAMPLES, 'qualcoder-3.8.2-codebook.qdc'), join(dir, 'x.qdpx')], 2, /a \.qdc holds a codebook only/);
		await refused([backupFile, join(dir, 'copy.json')], 2, /both \.json: nothing to convert/);
		await refused([backupFile, join(dir, 'x.docx')], 2, /cannot tell what to write from the extension of ".*x\.docx" \(use \.qdpx, \.qdc or \.json\)/);
		await refused([join(dir, 'notes.txt'), join(dir, 'y.json')], 2, /cannot tell what ".*notes\.txt" is/);
		await refused([backupFile], 2, /convert needs IN and OUT files\nRun "tema convert --help" for usage\./);
		await refused([backupFile, join(dir, 'z.qdpx'), '--force'], 2, /unknown option "--force"/);
	});

	it('bad input files are file errors (exit 1) naming the file, and nothing is written', async () => {
		await refused([join(dir, 'missing.qdpx'), join(dir, 'm.json')], 1, /missing\.qdpx: file not found/);
		const truncated = join(dir, 'truncated.qdpx');
		writeFileSync(truncated, readFileSync(join(SAMPLES, 'maxqda-24.7_ICLS_Conf_Themes_just10.qdpx')).subarray(0, 5000));
		await refused([truncated, join(dir, 't.json')], 1, /truncated\.qdpx.*(damaged|incomplete)/);
		const notBackup = join(dir, 'other.json');
		writeFileSync(notBackup, '{"hello": 1}');
		await refused([notBackup, join(dir, 'o.qdpx')], 1, /other\.json: is neither a Tema project backup .* nor a Tema codebook file/);
		const broken = join(dir, 'broken.json');
		writeFileSync(broken, '{"format": "tema-project-backup", ');
		await refused([broken, join(dir, 'b.qdpx')], 1, /broken\.json: is not valid JSON/);
		await refused([resolve('codebooks/mct-rtw.json'), join(dir, 'cb.qdpx')], 1, /is a codebook file, not a project backup/);
		const empty = join(dir, 'empty.qdc');
		writeFileSync(empty, '');
		await refused([empty, join(dir, 'e.json')], 1, /empty\.qdc/);
	});

	it('an output that cannot be written is a file error', async () => {
		const r = await tema(backupFile, join(dir, 'no-such-folder', 'x.qdpx'));
		expect(r.code).toBe(1);
		expect(r.err).toMatch(/no-such-folder.*could not be written/);
	});

	it('is listed in tema --help and has its own --help; convertCommand gives the same exit codes on its own', async () => {
		let out = '';
		expect(await run(['--help'], { out: (s) => (out += s), err: () => {} })).toBe(0);
		expect(out).toMatch(/convert\s+convert between REFI-QDA/);
		const h = await tema('--help');
		expect(h.code).toBe(0);
		expect(h.out).toMatch(/^Usage: tema convert IN OUT/);
		let err = '';
		expect(await convertCommand([backupFile, join(dir, 'a.docx')], { out: () => {}, err: (s) => (err += s) })).toBe(2);
		expect(err).toMatch(/^tema: cannot tell what to write/);
		expect(await convertCommand([join(dir, 'nothing.qdpx'), join(dir, 'a.json')], { out: () => {}, err: () => {} })).toBe(1);
	});
});
