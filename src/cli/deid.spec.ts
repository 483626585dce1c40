// `tema deid`: findings as JSON with UTF-16 offsets into the text as Tema stores it, the
// measurement against a generator's pii.json, and clear errors. Most checks call the command
// in-process; one runs the real `tema` dispatcher as a script would.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, REPO } from '../../tests/shared';
import { FileError, UsageError } from './common';
import { deidCommand } from './deid';

async function run(args: string[]): Promise<{ out: string; err: string }> {
	let out = '';
	let err = '';
	await deidCommand(args, { out: (s) => (out += s), err: (s) => (err += s) });
	return { out, err };
}

let dir = '';
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'tema-deid-cli-'));
	execFileSync('node', [join(CORPUS, 'generate.mjs'), '--out', dir, '--participants', '4', '--words', '1500', '--pii', 'planted', '--coders', '0', '--formats', 'txt,vtt', '--seed', 'deid'], { stdio: 'pipe' });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tema deid', () => {
	it('prints the findings of a folder as JSON: doc, start, end, category, text, offsets into the stored text', async () => {
		const { out, err } = await run([join(dir, 'transcripts'), '--json']);
		const findings = JSON.parse(out) as { doc: string; start: number; end: number; category: string; text: string }[];
		expect(findings.length).toBeGreaterThan(4);
		// The .vtt renderings are left out (the .txt of the same interview is read), and said so.
		expect(err).toMatch(/4 files left out/);
		for (const f of findings) {
			expect(Object.keys(f)).toEqual(['doc', 'start', 'end', 'category', 'text']);
			const text = readFileSync(join(dir, 'transcripts', `${f.doc}.txt`), 'utf8');
			expect(text.slice(f.start, f.end)).toBe(f.text);
		}
		// Every planted identifier is overlapped by a finding of its category.
		const planted = JSON.parse(readFileSync(join(dir, 'pii.json'), 'utf8')) as { doc: string; category: string; start16: number; end16: number }[];
		const cat: Record<string, string> = { first_name: 'name', surname: 'name', employer: 'workplace', city: 'place' };
		for (const p of planted) {
			const hit = findings.some((f) => f.doc === p.doc && f.category === (cat[p.category] ?? p.category) && f.start < p.end16 && p.start16 < f.end);
			expect(hit, `${p.doc} ${p.category}`).toBe(true);
		}
	});

	it('reads single files of any transcript format and prints one finding a line without --json', async () => {
		const file = join(dir, 'P99.md');
		writeFileSync(file, '**Interviewer:** Who helped?\n\n**P99:** My manager, Kari Nordmann, rang me on 968 73 202.\n');
		const { out, err } = await run([file]);
		expect(out.split('\n').filter(Boolean).map((l) => l.split('\t').filter((_, i) => i !== 1 && i !== 3))).toEqual([
			['P99', 'name', 'Kari Nordmann'],
			['P99', 'phone', '968 73 202']
		]);
		expect(err).toBe('2 findings in 1 transcript.\n');
	});

	it('measures recall and precision against a pii.json', async () => {
		const { out } = await run([join(dir, 'transcripts'), '--against', join(dir, 'pii.json')]);
		expect(out).toMatch(/^overall {6}recall {2}1\.000 \(\d+\/\d+\) {3}precision/m);
		expect(out).toMatch(/^ {2}national_id +1\.000/m);
	});

	it('leaves out findings below --min-confidence', async () => {
		const file = join(dir, 'low.txt');
		writeFileSync(file, 'P01: I met Becky on Monday. My manager, Henrik, was kind.\n');
		const all = JSON.parse((await run([file, '--json'])).out) as { text: string }[];
		const sure = JSON.parse((await run([file, '--json', '--min-confidence', '0.8'])).out) as { text: string }[];
		expect(all.map((f) => f.text)).toEqual(['Becky', 'Henrik']);
		expect(sure.map((f) => f.text)).toEqual(['Henrik']);
	});

	it('names the file and the problem', async () => {
		await expect(run([join(dir, 'nope')])).rejects.toThrow(FileError);
		await expect(run([join(dir, 'nope')])).rejects.toThrow(/nope: no such file or folder/);
		const empty = join(dir, 'empty-folder');
		mkdirSync(empty);
		await expect(run([empty])).rejects.toThrow(/empty-folder: the folder holds no transcript files/);
		const bad = join(dir, 'broken.txt');
		writeFileSync(bad, new Uint8Array([0, 1, 2, 3, 0, 0, 255, 0]));
		await expect(run([bad])).rejects.toThrow(/broken\.txt: .*not a plain-text file/);
		await expect(run([join(dir, 'transcripts'), '--against', join(dir, 'manifest.json')])).rejects.toThrow(/manifest\.json: expected a list of planted identifiers/);
		await expect(run([])).rejects.toThrow(UsageError);
		await expect(run([dir, '--min-confidence', '2'])).rejects.toThrow(/--min-confidence is a number from 0 to 1/);
		await expect(run([dir, '--frobnicate'])).rejects.toThrow(/unknown option "--frobnicate"/);
	});

	it('runs through the tema dispatcher with exit codes 0, 1 and 2', () => {
		const tema = (args: string[]) => spawnSync('npx', ['tsx', 'src/cli/tema.ts', ...args], { cwd: REPO, encoding: 'utf8' });
		const ok = tema(['deid', join(dir, 'transcripts', 'P01.txt'), '--json']);
		expect(ok.status).toBe(0);
		expect(JSON.parse(ok.stdout).length).toBeGreaterThan(0);
		const missing = tema(['deid', join(dir, 'missing.txt')]);
		expect(missing.status).toBe(1);
		expect(missing.stderr).toMatch(/missing\.txt: no such file or folder/);
		expect(tema(['deid']).status).toBe(2);
	}, 60_000);
});
