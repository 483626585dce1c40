import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { SHARED } from '../../tests/shared';
import { readQdpx } from '../lib/io/refi/readQdpx';
import { importCommand, type ImportSummary } from './import';
import { run } from './tema';

const SAMPLES = resolve(SHARED, 'refi-qda', 'samples');
const NVIVO = join(SAMPLES, 'nvivo-win-12.6_oltas0517.qdpx');
const tmp = mkdtempSync(join(tmpdir(), 'tema-import-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
	let out = '';
	let err = '';
	const code = await run(['import', ...args], { out: (s) => (out += s), err: (s) => (err += s) });
	return { code, out, err };
}

describe('tema import --summary', () => {
	it('lists the NVivo sample’s selections as UTF-16 offsets into the stored text, with the selected text', async () => {
		const { code, out, err } = await cli([NVIVO, '--summary']);
		expect([code, err]).toEqual([0, '']);
		const s = JSON.parse(out) as ImportSummary;
		expect(Object.keys(s)).toEqual(['sources', 'codes', 'dropped']);
		// Independent expectations: the .txt files and the .qde's own counts.
		const files = unzipSync(new Uint8Array(readFileSync(NVIVO)));
		const qde = new TextDecoder().decode(files['project.qde']);
		const names = [...qde.matchAll(/<TextSource guid="([^"]+)" name="([^"]+)"/g)].map((m) => ({ guid: m[1], name: m[2] }));
		expect(s.sources.map((x) => x.name)).toEqual(names.map((n) => n.name));
		expect(s.sources.reduce((n, x) => n + x.selections.length, 0)).toBe((qde.match(/<PlainTextSelection /g) ?? []).length);
		expect(s.codes).toHaveLength((qde.match(/<Code /g) ?? []).length);
		expect(s.codes[1]).toEqual({ name: 'COVID', parent: '1. Oltás típusa' });
		for (const [i, src] of s.sources.entries()) {
			const text = new TextDecoder().decode(files[`Sources/${names[i].guid}.txt`]).replace(/^\uFEFF/, '');
			expect(src.length).toBe(text.length);
			for (const sel of src.selections) expect(sel.text).toBe(text.slice(sel.start, sel.end));
		}
		const after = s.sources[1].selections.find((x) => x.text === 'A kurva anyátokat oltsátok!')!;
		expect(after).toMatchObject({ start: 23064, end: 23091, coder: 'Gergo' });
		expect(s.dropped).toEqual([]);
	});

	it('reads a .qdc (no sources) and a Tema backup .json the same way', async () => {
		const qdc = await cli([join(SAMPLES, 'qualcoder-3.8.2-codebook.qdc'), '--summary']);
		const c = JSON.parse(qdc.out) as ImportSummary;
		expect(c.sources).toEqual([]);
		expect(c.codes).toHaveLength(38);
		expect(c.codes.find((x) => x.name === 'Pacing adherence')).toEqual({ name: 'Pacing adherence', parent: 'Implementation Quality' });

		const read = await readQdpx(new Uint8Array(readFileSync(NVIVO)), 'oltas.qdpx');
		if (!read.ok) throw new Error(read.error);
		const backupFile = join(tmp, 'oltas.json');
		writeFileSync(backupFile, JSON.stringify(read.backup));
		const fromBackup = JSON.parse((await cli([backupFile, '--summary'])).out) as ImportSummary;
		const fromQdpx = JSON.parse((await cli([NVIVO, '--summary'])).out) as ImportSummary;
		expect(fromBackup).toEqual(fromQdpx);
	});

	it('prints the report without --summary', async () => {
		const { code, out } = await cli([join(SAMPLES, 'maxqda-24.7_ICLS_Conf_Themes_just10.qdpx')]);
		expect(code).toBe(0);
		expect(out).toMatch(/^Read from .*maxqda-24\.7_ICLS_Conf_Themes_just10\.qdpx:\n {2}- a project written by MAXQDA 24 \(Release 24\.7\.0\)\n/);
		expect(out).toContain('Left out (2):\n  - Set “ICLS 2024” (5 sources): Tema has no sets of transcripts; only sets of codes become themes');
	});
});

describe('tema import: problems', () => {
	it('a missing, an empty and a damaged file exit 1 with the file named', async () => {
		expect(await cli([join(tmp, 'nope.qdpx')])).toEqual({ code: 1, out: '', err: `tema: ${join(tmp, 'nope.qdpx')}: file not found\n` });
		const empty = join(tmp, 'empty.qdpx');
		writeFileSync(empty, '');
		expect(await cli([empty, '--summary'])).toEqual({ code: 1, out: '', err: `tema: “${empty}” is empty (0 bytes).\n` });
		const cut = join(tmp, 'cut.qdpx');
		writeFileSync(cut, readFileSync(NVIVO).subarray(0, 4000));
		const r = await cli([cut]);
		expect(r.code).toBe(1);
		expect(r.err).toMatch(/^tema: “.*cut\.qdpx” is damaged or incomplete/);
		const notBackup = join(tmp, 'other.json');
		writeFileSync(notBackup, '{"hello": 1}');
		expect((await cli([notBackup])).err).toMatch(/is not a Tema project backup/);
	});

	it('usage errors exit 2; --help and the command list mention import', async () => {
		expect((await cli([])).code).toBe(2);
		expect((await cli([NVIVO, '--pretty'])).err).toBe('tema: unknown option "--pretty"\nRun "tema import --help" for usage.\n');
		expect((await cli([join(tmp, 'notes.txt')])).code).toBe(2);
		expect((await cli(['--help'])).out).toMatch(/^Usage: tema import FILE \[--summary\]/);
		let help = '';
		await run(['--help'], { out: (s) => (help += s), err: () => undefined });
		expect(help).toMatch(/\n {2}import +show what Tema imports/);
		let direct = '';
		expect(await importCommand(['-h'], { out: (s) => (direct += s), err: () => undefined })).toBe(0);
		expect(direct).toContain('--summary');
	});
});
