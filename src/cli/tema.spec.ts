// Runs the real `tema` command as a child process, as scripts will, and checks its JSON
// against the domain parser and the file's own text, plus its usage and file errors.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeText } from '../lib/domain/decode';
import { parseTurns } from '../lib/domain/turns';
import { REPO, SAMPLE, SHARED } from '../../tests/shared';
import { sampleBackup } from '../../tests/fixtures/sampleBackup';
import { renderTable } from '../lib/io/tables';
import { themeTableFor } from '../lib/io/themeTableDoc';
import { strFromU8, unzipSync } from 'fflate';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { readTranscriptText } from '../lib/io/formats';

const CWD = REPO;
const SAMPLE_DIR = `${SAMPLE}/transcripts`;

function tema(args: string[]): { status: number | null; stdout: string; stderr: string } {
	const r = spawnSync('npx', ['tsx', 'src/cli/tema.ts', ...args], { cwd: CWD, encoding: 'utf8' });
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** stderr without npm's own configuration warnings, which npx may print first. */
const ownStderr = (s: string) => s.split('\n').filter((l) => l && !l.startsWith('npm warn')).join('\n');

describe('tema inspect', () => {
	it.each([
		['P19.txt', 'P19', 'CRLF, I:/R: labels'],
		['P15.txt', 'P15', 'timestamps on every turn, header and trailer']
	])('%s (%s): JSON matches parseTurns and the text', (name, participant) => {
		const file = join(SAMPLE_DIR, name);
		const stdout = execFileSync('npx', ['tsx', 'src/cli/tema.ts', 'inspect', file], { cwd: CWD, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
		const out = JSON.parse(stdout) as { participant: string | null; turns: Record<string, unknown>[] };

		expect(Object.keys(out)).toEqual(['participant', 'turns']);
		expect(out.participant).toBe(participant);

		const decoded = decodeText(readFileSync(file));
		if (!decoded.ok) throw new Error(decoded.message);
		const text = decoded.text;
		const turns = parseTurns(text);
		expect(turns.length).toBeGreaterThan(200);
		expect(out.turns).toEqual(
			turns.map((t) => ({ speaker: t.speaker, role: t.role, start: t.start, end: t.end, ...(t.timestamp ? { timestamp: t.timestamp } : {}) }))
		);
		for (const row of out.turns) expect(Object.keys(row)).toEqual(['speaker', 'role', 'start', 'end', ...('timestamp' in row ? ['timestamp'] : [])]);
		if (name === 'P15.txt') expect(out.turns.every((t) => /^\d\d:\d\d:\d\d$/.test(String(t.timestamp)))).toBe(true);

		for (const t of out.turns) {
			const span = text.slice(t.start as number, t.end as number);
			expect(span).toMatch(new RegExp(String.raw`^(\[\d\d:\d\d:\d\d\] )?${t.speaker}: \S`));
			expect(span).not.toMatch(/[\r\n]/);
			expect(['\r', '\n', undefined]).toContain(text[t.end as number]);
		}
		expect(stdout.startsWith('{"participant": ')).toBe(true);
		expect(stdout.endsWith(']}\n')).toBe(true);
	});

	it('prints participant null when neither labels nor file name name one', () => {
		const dir = mkdtempSync(join(tmpdir(), 'tema-cli-'));
		try {
			const file = join(dir, 'interview.txt');
			writeFileSync(file, 'I: Hi\r\n\r\nR: Hello\r\n');
			const r = tema(['inspect', file]);
			expect(r.status).toBe(0);
			expect(r.stdout).toBe(
				'{"participant": null, "turns": [{"speaker": "I", "role": "interviewer", "start": 0, "end": 5}, ' +
					'{"speaker": "R", "role": "participant", "start": 9, "end": 17}]}\n'
			);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('tema inspect on every transcript format', () => {
	let dir = '';
	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'tema-cli-formats-'));
		execFileSync('node', [join(SHARED, 'corpus', 'generate.mjs'), '--out', dir, '--participants', '2', '--words', '600', '--formats', 'txt,vtt,srt', '--coders', '0', '--seed', 'cli'], { stdio: 'pipe' });
		const doc = new Document({
			sections: [{ children: ['Interview P02', 'Interviewer: How was it?', 'P02: It was fine.'].map((t) => new Paragraph({ children: [new TextRun(t)] })) }]
		});
		writeFileSync(join(dir, 'P02.docx'), await Packer.toBuffer(doc));
		writeFileSync(join(dir, 'P03.md'), '# P03\n\n**Interviewer:** How was it?\n\n**P03:** *Fine*.\n');
		writeFileSync(join(dir, 'nohead.vtt'), '00:00:01.000 --> 00:00:02.000\nP01: hi\n');
		writeFileSync(join(dir, 'text.docx'), 'P01: I am really a text file\n');
	}, 60_000);
	afterAll(() => {
		rmSync(dir, { recursive: true, force: true });
	});

	it('prints the same JSON as the app’s reader for .vtt, .srt, .docx and .md, with timestamps', async () => {
		const files = [`transcripts/P01.vtt`, `transcripts/P01.srt`, 'P02.docx', 'P03.md'];
		const outs: string[] = [];
		for (const f of files) {
			const path = join(dir, f);
			const r = tema(['inspect', path]);
			expect(r.status, f).toBe(0);
			expect(ownStderr(r.stderr)).toMatch(new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&')}: (WebVTT|SubRip|Word|Markdown): `));
			const read = await readTranscriptText(path, readFileSync(path));
			if (read.kind !== 'text') throw new Error(read.kind);
			const turns = parseTurns(read.text, read.labels);
			const out = JSON.parse(r.stdout) as { participant: string; turns: Record<string, unknown>[] };
			expect(out.turns).toEqual(turns.map((t) => ({ speaker: t.speaker, role: t.role, start: t.start, end: t.end, ...(t.timestamp ? { timestamp: t.timestamp } : {}) })));
			expect(out.participant).toBe(f.includes('P01') ? 'P01' : f.startsWith('P02') ? 'P02' : 'P03');
			outs.push(r.stdout);
		}
		// The .vtt and .srt renderings of one interview give the same turns, each with its time.
		expect(outs[1]).toBe(outs[0]);
		const vtt = JSON.parse(outs[0]) as { turns: { timestamp?: string }[] };
		expect(vtt.turns.length).toBeGreaterThan(10);
		expect(vtt.turns.every((t) => /^\d\d:\d\d:\d\d$/.test(t.timestamp ?? ''))).toBe(true);
		const text = tema(['inspect', '--text', join(dir, 'transcripts/P01.srt')]);
		expect(text.stdout).toMatch(/^\[00:00:\d\d\] Interviewer: /);
	});

	it('exits 1 naming the file for a .vtt without header and a .docx that is text', () => {
		const nohead = tema(['inspect', join(dir, 'nohead.vtt')]);
		expect(nohead.status).toBe(1);
		expect(ownStderr(nohead.stderr)).toBe(`tema: ${join(dir, 'nohead.vtt')}: this is not a WebVTT file: its first line must be “WEBVTT”. Export the captions again from the recording tool.`);
		const text = tema(['inspect', join(dir, 'text.docx')]);
		expect(text.status).toBe(1);
		expect(ownStderr(text.stderr)).toBe(`tema: ${join(dir, 'text.docx')}: this is a plain-text file, not a Word document. Rename it to .txt and import it again.`);
	});
});

describe('tema errors', () => {
	let dir = '';
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'tema-cli-'));
	});
	afterAll(() => {
		rmSync(dir, { recursive: true, force: true });
	});

	it('exits 2 with usage on stderr when no command is given', () => {
		const r = tema([]);
		expect(r.status).toBe(2);
		expect(r.stdout).toBe('');
		expect(ownStderr(r.stderr)).toMatch(/^tema: no command given\nRun "tema --help"/);
	});

	it('exits 2 for an unknown command, a missing FILE and an unknown option', () => {
		const unknown = tema(['frobnicate']);
		expect(unknown.status).toBe(2);
		expect(ownStderr(unknown.stderr)).toContain('unknown command "frobnicate"');
		const noFile = tema(['inspect']);
		expect(noFile.status).toBe(2);
		expect(ownStderr(noFile.stderr)).toContain('inspect needs a FILE');
		const option = tema(['inspect', '--fast', join(SAMPLE_DIR, 'P01.txt')]);
		expect(option.status).toBe(2);
		expect(ownStderr(option.stderr)).toContain('unknown option "--fast"');
	});

	it('prints help on stdout and exits 0 for --help', () => {
		const r = tema(['--help']);
		expect(r.status).toBe(0);
		expect(r.stdout).toContain('inspect');
		const sub = tema(['inspect', '--help']);
		expect(sub.status).toBe(0);
		expect(sub.stdout).toContain('Usage: tema inspect');
	});

	it('exits 1 naming the file when it does not exist', () => {
		const missing = join(dir, 'P99.txt');
		const r = tema(['inspect', missing]);
		expect(r.status).toBe(1);
		expect(r.stdout).toBe('');
		expect(ownStderr(r.stderr)).toBe(`tema: ${missing}: file not found`);
	});

	it('exits 1 naming the file for binary and empty files', () => {
		const png = join(dir, 'photo.txt');
		writeFileSync(png, Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
		const bin = tema(['inspect', png]);
		expect(bin.status).toBe(1);
		expect(ownStderr(bin.stderr)).toMatch(new RegExp(`^tema: ${png}: This is not a plain-text file`));
		const empty = join(dir, 'empty.txt');
		writeFileSync(empty, '\n\n');
		const e = tema(['inspect', empty]);
		expect(e.status).toBe(1);
		expect(ownStderr(e.stderr)).toContain(`${empty}: The file contains no text.`);
	});

	it('exits 1 on an ambiguous encoding, and decodes with --encoding', () => {
		const file = join(dir, 'P05.txt');
		// Mac Roman "følte" (ø = 0xBF) is neither UTF-8 nor plausible Windows-1252.
		writeFileSync(file, Uint8Array.from([...Buffer.from('P05: Jeg f'), 0xbf, ...Buffer.from('lte meg sliten.\n')]));
		const r = tema(['inspect', file]);
		expect(r.status).toBe(1);
		expect(ownStderr(r.stderr)).toContain(`${file}: The text encoding could not be recognised`);
		expect(ownStderr(r.stderr)).toContain('--encoding');
		const forced = tema(['inspect', '--encoding', 'windows-1252', file]);
		expect(forced.status).toBe(0);
		expect(JSON.parse(forced.stdout)).toEqual({
			participant: 'P05',
			turns: [{ speaker: 'P05', role: 'participant', start: 0, end: 'P05: Jeg f¿lte meg sliten.'.length }]
		});
	});
});

describe('tema theme-table and codebook-appendix', () => {
	let dir = '';
	let backupFile = '';
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'tema-table-'));
		backupFile = join(dir, 'sample backup.json');
		writeFileSync(backupFile, JSON.stringify(sampleBackup()));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it.each(['md', 'csv', 'latex', 'html'] as const)('prints exactly what the app exports as %s', async (format) => {
		const r = tema(['theme-table', backupFile, '--format', format]);
		expect(ownStderr(r.stderr)).toBe('');
		expect(r.status).toBe(0);
		const b = sampleBackup();
		const expected = await renderTable(themeTableFor({ ...b, contents: new Map(b.contents.map((c) => [c.docId, c])) }), format);
		expect(r.stdout).toBe(expected);
		expect(r.stdout).toContain('Being open about mental illness at work');
	});

	it('writes a DOCX theme table and an XLSX appendix with --out', () => {
		const docx = join(dir, 'themes.docx');
		expect(tema(['theme-table', backupFile, '--format=docx', '--out', docx]).status).toBe(0);
		const xml = strFromU8(unzipSync(readFileSync(docx))['word/document.xml']);
		expect(xml).toContain('Handling future problems at work');
		const xlsx = join(dir, 'appendix.xlsx');
		expect(tema(['codebook-appendix', backupFile, '--format', 'xlsx', '--out', xlsx]).status).toBe(0);
		const strings = strFromU8(unzipSync(readFileSync(xlsx))['xl/sharedStrings.xml']);
		expect(strings).toContain('Bodily symptoms understood as anxiety');
	});

	it('leaves out candidates with --kept-only and prints the full template with --definition full', () => {
		const b = sampleBackup();
		b.themes = b.themes.map((t) => (t.name === 'Handling future problems at work' ? { ...t, status: 'candidate' as const } : t.name === 'Being open about mental illness at work' ? { ...t, definition: { ...t.definition, excludes: 'Talk about colleagues only' } } : t));
		const f = join(dir, 'candidate.json');
		writeFileSync(f, JSON.stringify(b));
		expect(tema(['theme-table', f]).stdout).toContain('Handling future problems at work');
		expect(tema(['theme-table', f, '--kept-only']).stdout).not.toContain('Handling future problems at work');
		expect(tema(['theme-table', f, '--definition', 'full']).stdout).toContain('Talk about colleagues only');
	});

	it('uses only the analysis layer’s codings when the project names one (e.g. a consensus layer)', async () => {
		const b = sampleBackup();
		const first = b.documents[0].id;
		const layer = b.codings.filter((k) => k.docId === first).map((k) => ({ ...k, id: `cons-${k.id}`, coderId: 'cons' }));
		const withLayer = { ...b, project: { ...b.project, analysisCoderId: 'cons' }, coders: [...b.coders, { id: 'cons', projectId: b.project.id, name: 'Consensus', color: '#059669', consensus: true }], codings: [...b.codings, ...layer] };
		const f = join(dir, 'consensus.json');
		writeFileSync(f, JSON.stringify(withLayer));
		const r = tema(['theme-table', f, '--format', 'csv']);
		expect(ownStderr(r.stderr)).toBe('');
		const contents = new Map(b.contents.map((c) => [c.docId, c]));
		expect(r.stdout).toBe(await renderTable(themeTableFor({ ...withLayer, codings: layer, contents }), 'csv'));
		expect(r.stdout).not.toBe(await renderTable(themeTableFor({ ...withLayer, contents }), 'csv'));
	});

	it('names the file and the problem for a broken backup, and explains usage errors', () => {
		const bad = join(dir, 'bad.json');
		const b = sampleBackup();
		b.codings[3] = { ...b.codings[3], docId: 'P99' };
		writeFileSync(bad, JSON.stringify(b));
		const r = tema(['theme-table', bad]);
		expect(r.status).toBe(1);
		expect(ownStderr(r.stderr)).toBe(`tema: ${bad}: codings[3].docId names no document.`);
		const notJson = join(dir, 'notes.txt');
		writeFileSync(notJson, 'hello');
		expect(ownStderr(tema(['theme-table', notJson]).stderr)).toMatch(/notes\.txt: is not valid JSON/);
		expect(tema(['theme-table', backupFile, '--format', 'pdf']).status).toBe(2);
		expect(ownStderr(tema(['theme-table', backupFile, '--format', 'docx']).stderr)).toMatch(/give --out FILE/);
	});
});

describe('tema agree', () => {
	const vectors = JSON.parse(readFileSync(`${SHARED}/agreement/public-vectors.json`, 'utf8')) as {
		vectors: { id: string; statistic: string; level?: string; code?: string; input: unknown; expected: number; tolerance?: number }[];
	};

	it('reproduces every published vector through the command line', () => {
		const dir = mkdtempSync(join(tmpdir(), 'tema-agree-'));
		try {
			for (const v of vectors.vectors) {
				const f = join(dir, `${v.id}.json`);
				writeFileSync(f, JSON.stringify({ statistic: v.statistic, level: v.level, code: v.code, input: v.input }));
				const r = tema(['agree', f]);
				expect(ownStderr(r.stderr), v.id).toBe('');
				const out = JSON.parse(r.stdout) as { statistic: string; value: number | null };
				expect(Object.keys(out)).toEqual(['statistic', 'value']);
				expect(Math.abs((out.value ?? Number.NaN) - v.expected), v.id).toBeLessThanOrEqual(v.tolerance ?? 0.0005);
			}
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('says why a statistic is undefined, and names the file for bad input', () => {
		const dir = mkdtempSync(join(tmpdir(), 'tema-agree-'));
		try {
			const same = join(dir, 'same.json');
			writeFileSync(same, JSON.stringify({ statistic: 'krippendorff_alpha', level: 'nominal', input: { format: 'reliability_matrix', data: [[1, 1, 1], [1, 1, 1]] } }));
			const r = JSON.parse(tema(['agree', same]).stdout) as { value: null; reason: string };
			expect(r.value).toBeNull();
			expect(r.reason).toMatch(/variation/i);
			const bad = join(dir, 'bad.json');
			writeFileSync(bad, JSON.stringify({ statistic: 'cohen_kappa', input: { format: 'nonsense' } }));
			const b = tema(['agree', bad]);
			expect(b.status).toBe(1);
			expect(ownStderr(b.stderr)).toMatch(/bad\.json: /);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('tema agree --project', () => {
	it('reports a backup’s agreement per code, per transcript and pooled, as the app does', async () => {
		const { agreementReport } = await import('../lib/domain/agreement/report');
		const dir = mkdtempSync(join(tmpdir(), 'tema-agree-p-'));
		try {
			const b = sampleBackup();
			const keep = new Set(['P01', 'P02']);
			const shifted = b.codings.filter((k) => keep.has(k.docId)).map((k) => ({ ...k, id: `x-${k.id}`, coderId: 'other', end: Math.max(k.start + 1, k.end - 20) }));
			const backup = { ...b, coders: [...b.coders, { id: 'other', projectId: b.project.id, name: 'Other', color: '#123456' }], codings: [...b.codings, ...shifted] };
			const f = join(dir, 'b.json');
			writeFileSync(f, JSON.stringify(backup));
			const r = tema(['agree', '--project', f, '--unit', 'turn']);
			expect(ownStderr(r.stderr)).toBe('');
			const out = JSON.parse(r.stdout) as { unit: string; coders: string[]; perDocument: { document: string }[]; pooled: { alpha: { value: number } }; methods: string };
			expect(out.unit).toBe('turn');
			expect(out.coders).toEqual(['Gold', 'Other']);
			expect(out.perDocument.map((d) => d.document)).toEqual(['P01', 'P02']);
			const codeIds = [...new Set(backup.codings.filter((k) => keep.has(k.docId)).map((k) => k.codeId))];
			const expected = agreementReport({ ...backup, contents: new Map(backup.contents.map((c) => [c.docId, c])), docIds: ['P01', 'P02'], codeIds: backup.codes.filter((c) => codeIds.includes(c.id)).map((c) => c.id), coderIds: ['gold', 'other'], unit: 'turn' });
			expect(out.pooled.alpha.value).toBeCloseTo(expected.pooled.alpha.value!, 10);
			expect(out.methods).toMatch(/^Two coders independently coded 2 of 23 transcripts/);
			const seg = JSON.parse(tema(['agree', '--project', f, '--unit', 'segment:0.8']).stdout) as { unit: string; pooling: string };
			expect(seg.unit).toBe('segment:0.8');
			expect(seg.pooling).toMatch(/at least 80 % of it/);
			expect(tema(['agree', '--project', f, '--unit', 'segment:1.5']).status).toBe(2);
			const bad = tema(['agree', '--project', f, '--coders', 'Gold,Nobody']);
			expect(bad.status).toBe(1);
			expect(ownStderr(bad.stderr)).toMatch(/no coder called "Nobody" \(coders: Gold, Other\)/);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
