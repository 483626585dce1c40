import 'fake-indexeddb/auto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseParticipantId } from '../domain/turns';
import type { Turn } from '../domain/types';
import { Repo, TemaDB } from '../db';
import { ProjectState } from '../state/project.svelte';
import { CORPUS } from '../../../tests/shared';
import { readTranscriptBytes, readTranscriptFiles, sha256Hex, type FileOutcome } from './transcripts';

function fileOf(name: string, data: Uint8Array | string) {
	const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
	return { name, size: bytes.byteLength, arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer };
}

const opts = { projectId: 'p', firstOrder: 0, existing: new Map<string, string>(), now: 1, idFn: () => 'id' };

function okOf(o: FileOutcome): Extract<FileOutcome, { kind: 'ok' }> {
	if (o.kind !== 'ok') throw new Error(o.message);
	return o;
}

async function docxOf(paragraphs: string[]): Promise<Uint8Array> {
	const doc = new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] })) }] });
	return new Uint8Array(await Packer.toBuffer(doc));
}

describe('reading transcript files', () => {
	it('reads a CRLF sample transcript exactly, with turns, participant and fingerprint', async () => {
		const bytes = readFileSync('static/sample/P19.txt');
		const { outcomes } = await readTranscriptFiles([fileOf('P19.txt', bytes)], opts);
		const o = okOf(outcomes[0]);
		expect(o.content.text).toBe(bytes.toString('utf8'));
		expect(o.doc).toMatchObject({ name: 'P19', participantId: 'P19', eol: 'crlf', encoding: 'utf-8', order: 0 });
		expect(o.doc.turnCount).toBe(o.content.turns.length);
		expect(o.doc.fingerprint).toBe(await sha256Hex(o.content.text));
		expect(o.note).toBeNull();
	});

	it('reports progress per file and refuses duplicates within a batch', async () => {
		const seen: string[] = [];
		const text = 'Interviewer: Hi\n\nP01: Hello\n';
		const { outcomes } = await readTranscriptFiles([fileOf('a.txt', text), fileOf('b.txt', text)], {
			...opts,
			idFn: () => crypto.randomUUID(),
			onProgress: (done, total, name) => seen.push(`${done}/${total} ${name}`)
		});
		expect(outcomes.map((o) => o.kind)).toEqual(['ok', 'duplicate']);
		expect(outcomes[1].message).toBe('b.txt: the same text is already in this project as “a”; it was not added again.');
		expect(seen).toEqual(['0/2 a.txt', '1/2 b.txt', '2/2 ']);
	});

	it('says what is wrong with empty, binary, foreign and huge files', async () => {
		const huge = { name: 'huge.txt', size: 30 * 1024 * 1024, arrayBuffer: async () => new ArrayBuffer(30 * 1024 * 1024) };
		const { outcomes } = await readTranscriptFiles(
			[fileOf('e.txt', ''), fileOf('b.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])), fileOf('x.pdf', '%PDF'), huge],
			opts
		);
		expect(outcomes.map((o) => o.kind)).toEqual(['error', 'error', 'error', 'error']);
		expect(outcomes[0].message).toBe('e.txt: the file is empty.');
		expect(outcomes[1].message).toMatch(/^b\.txt: This is not a plain-text file\. If it is a Word document, import the \.docx file itself/);
		expect(outcomes[2].message).toBe('x.pdf: “.pdf” files are not transcripts Tema can read. Tema reads .txt, .docx, .md, .vtt, .srt; save the transcript in one of these.');
		expect(outcomes[3].message).toMatch(/^huge\.txt: the file is 30 MB/);
	});

	it('stops between files when cancelled', async () => {
		const ac = new AbortController();
		const { outcomes, cancelled } = await readTranscriptFiles([fileOf('a.txt', 'P01: a\n'), fileOf('b.txt', 'P01: b\n')], {
			...opts,
			signal: ac.signal,
			onProgress: (done) => done === 1 && ac.abort()
		});
		expect(cancelled).toBe(true);
		expect(outcomes).toHaveLength(1);
	});

	it('reads every format in one batch, with timestamps kept and a note of what was done', async () => {
		const { outcomes } = await readTranscriptFiles(
			[
				fileOf('P01.txt', '[00:00:01] Interviewer: Hi.\n\n[00:00:03] P01: Hello.\n'),
				fileOf('P02.docx', await docxOf(['Interviewer: Hi.', '[00:00:04] P02: Hello from Word.'])),
				fileOf('P03.md', '## P03\n\n**Interviewer:** Hi.\n\n**P03:** Hello *from* Markdown.\n'),
				fileOf('P04.vtt', 'WEBVTT\n\n00:00:01.500 --> 00:00:02.000\n<v Interviewer>Hi.\n\n00:00:02.500 --> 00:00:04.000\n<v P04>Hello from\n\n00:00:04.000 --> 00:00:05.000\n<v P04>captions.\n'),
				fileOf('P05.SRT', '1\n00:00:01,000 --> 00:00:02,000\nInterviewer: Hi.\n\n2\n00:01:02,900 --> 00:01:04,000\nP05: Hello from subtitles.\n')
			],
			{ ...opts, idFn: () => crypto.randomUUID() }
		);
		const ok = outcomes.map(okOf);
		expect(ok.map((o) => [o.doc.name, o.doc.participantId, o.doc.turnCount, o.doc.eol])).toEqual([
			['P01', 'P01', 2, 'lf'],
			['P02', 'P02', 2, 'lf'],
			['P03', 'P03', 2, 'lf'],
			['P04', 'P04', 2, 'lf'],
			['P05', 'P05', 2, 'lf']
		]);
		const spoken = (o: (typeof ok)[number]) => o.content.turns.map((t) => [t.speaker, t.timestamp ?? null, o.content.text.slice(t.textStart, t.end)]);
		expect(spoken(ok[1])).toEqual([
			['Interviewer', null, 'Hi.'],
			['P02', '00:00:04', 'Hello from Word.']
		]);
		expect(spoken(ok[2])).toEqual([
			['Interviewer', null, 'Hi.'],
			['P03', null, 'Hello from Markdown.']
		]);
		expect(spoken(ok[3])).toEqual([
			['Interviewer', '00:00:01', 'Hi.'],
			['P04', '00:00:02', 'Hello from captions.']
		]);
		expect(spoken(ok[4])).toEqual([
			['Interviewer', '00:00:01', 'Hi.'],
			['P05', '00:01:02', 'Hello from subtitles.']
		]);
		expect(ok.map((o) => o.note)).toEqual([
			null,
			'Word: 2 paragraphs read',
			'Markdown: markup removed (1 heading, 3 emphases)',
			'WebVTT: 3 captions merged into 2 speaker turns with their start times',
			'SubRip: 2 captions merged into 2 speaker turns with their start times'
		]);
		expect(ok[3].message).toBe('P04.vtt: 2 speaker turns, participant P04. WebVTT: 3 captions merged into 2 speaker turns with their start times.');
		for (const o of ok) expect(o.doc.fingerprint).toBe(await sha256Hex(o.content.text));
	});

	it('decodes Windows-1252 subtitles, and asks about an encoding it cannot tell, then reads it as told', async () => {
		const cp1252 = Uint8Array.from([...new TextEncoder().encode('1\n00:00:01,000 --> 00:00:02,000\nP06: '), 0x93, 0x46, 0xe5, 0x94, 0x20, 0x96, 0x20, 0x6f, 0x6b, 0x0a]);
		const o = okOf(await readTranscriptBytes('P06.srt', cp1252, 0, opts));
		expect(o.content.text).toBe('[00:00:01] P06: “Få” – ok\n');
		expect(o.doc.encoding).toBe('windows-1252');
		// "Hei på deg \x81 og takk": no encoding fits clearly, so Tema asks (as for a .txt).
		const head = new TextEncoder().encode('WEBVTT\n\n00:01.000 --> 00:02.000\n<v P07>Hei p');
		const odd = Uint8Array.from([...head, 0xe5, ...new TextEncoder().encode(' deg '), 0x81, ...new TextEncoder().encode(' og takk\n')]);
		const asked = await readTranscriptBytes('P07.vtt', odd, 0, opts);
		expect(asked.kind).toBe('ask-encoding');
		expect(asked.message).toMatch(/^P07\.vtt: The text encoding could not be recognised/);
		const told = okOf(await readTranscriptBytes('P07.vtt', odd, 0, { ...opts, assume: 'windows-1252' }));
		expect(told.content.text).toBe('[00:00:01] P07: Hei på deg \u0081 og takk\n');
		expect(told.doc.encoding).toBe('windows-1252');
	});

	it('gives each malformed file a clear “<file>: <problem>” outcome', async () => {
		const junk = Uint8Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256);
		const realDocx = await docxOf(['P01: hello']);
		const { outcomes } = await readTranscriptFiles(
			[
				fileOf('notes.docx', 'Interviewer: this is text\n'),
				fileOf('broken.docx', realDocx.slice(0, 400)),
				fileOf('zoom.vtt', '1\n00:00:01.000 --> 00:00:02.000\nP01: no header\n'),
				fileOf('empty.vtt', ''),
				fileOf('empty.docx', ''),
				fileOf('nocues.srt', 'P01: a transcript, not subtitles\n'),
				fileOf('junk.vtt', junk),
				fileOf('junk.srt', junk),
				fileOf('junk.md', junk),
				fileOf('junk.docx', junk)
			],
			opts
		);
		expect(outcomes.map((o) => o.kind)).toEqual(Array(10).fill('error'));
		expect(outcomes.map((o) => o.message)).toEqual([
			'notes.docx: this is a plain-text file, not a Word document. Rename it to .txt and import it again.',
			'broken.docx: the Word document is damaged or incomplete and could not be opened. If it opens in Word, save it there again as .docx and import that copy.',
			'zoom.vtt: this is not a WebVTT file: its first line must be “WEBVTT”. Export the captions again from the recording tool.',
			'empty.vtt: the file is empty.',
			'empty.docx: the file is empty.',
			'nocues.srt: no subtitles found: an .srt file is numbered cues, each with a time line such as “00:00:01,000 --> 00:00:04,000” and its text.',
			'junk.vtt: the file holds binary data, not WebVTT captions (which are text). Export the captions again from the recording tool.',
			'junk.srt: the file holds binary data, not SubRip subtitles (which are text).',
			'junk.md: the file holds binary data, not Markdown text.',
			'junk.docx: this is not a Word document (.docx): the file is not a Word package; it may be damaged or of another kind.'
		]);
		// Read as bytes (the path the encoding question takes), a 0-byte file says the same.
		expect((await readTranscriptBytes('x.srt', new Uint8Array(0), 0, opts)).message).toBe('x.srt: the file is empty.');
	});
});

// ---------------------------------------------------------------------------------------------
// The same interview rendered as .txt, .vtt and .srt by the shared corpus generator.

interface ManifestDoc {
	id: string;
	label_style: string;
	eol: string;
	timestamps: string;
	header: boolean;
	trailer: boolean;
}

const spokenOf = (text: string, t: Turn) => text.slice(t.textStart, t.end);
/** Who speaks, whatever the label style: "I" for the interviewer, else the participant id. */
const whoOf = (t: Turn, id: string) => (t.role === 'interviewer' ? 'I' : (normaliseParticipantId(t.speaker) ?? id));

describe('every rendering of a corpus interview gives the same turns and text', () => {
	const dirs: Record<string, string> = {};
	beforeAll(() => {
		const generate = (name: string, extra: string[]) => {
			const dir = mkdtempSync(join(tmpdir(), `tema-formats-${name}-`));
			const args = ['--out', dir, '--formats', 'txt,vtt,srt', '--coders', '0', ...extra];
			execFileSync('node', [join(CORPUS, 'generate.mjs'), ...args], { stdio: 'pipe' });
			dirs[name] = dir;
		};
		generate('mixed', ['--participants', '8', '--words', '1500', '--seed', 'formats-mixed']);
		generate('short', ['--participants', '4', '--words', '1500', '--seed', 'formats-short', '--label-style', 'short', '--eol', 'crlf']);
		generate('interviewer', ['--participants', '4', '--words', '1500', '--seed', 'formats-int', '--label-style', 'interviewer']);
		// 23 short interviews with seed "a": two are written Interviewer/Pnn, LF, a timestamp on
		// every turn, no title or trailer, i.e. exactly the layout captions are converted to.
		generate('exact', ['--participants', '23', '--words', '300', '--seed', 'a']);
	}, 60_000);
	afterAll(() => {
		for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
	});

	async function readAll(dir: string, id: string) {
		const out: Record<string, Extract<FileOutcome, { kind: 'ok' }>> = {};
		for (const ext of ['txt', 'vtt', 'srt']) {
			const bytes = readFileSync(join(dir, 'transcripts', `${id}.${ext}`));
			out[ext] = okOf(await readTranscriptBytes(`${id}.${ext}`, bytes, 0, opts));
		}
		return out;
	}

	for (const name of ['mixed', 'short', 'interviewer', 'exact']) {
		it(`${name} corpus: .vtt and .srt give identical documents; the .txt the same turns, speech and times`, async () => {
			const dir = dirs[name];
			const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { documents: ManifestDoc[] };
			let exact = 0;
			for (const d of manifest.documents) {
				const { txt, vtt, srt } = await readAll(dir, d.id);
				// Captions: the same stored text (so the same fingerprint) and the same turns.
				expect(srt.content.text).toBe(vtt.content.text);
				expect(srt.content.turns).toEqual(vtt.content.turns);
				expect(srt.doc.fingerprint).toBe(vtt.doc.fingerprint);
				expect(vtt.doc.participantId).toBe(d.id);
				expect(txt.doc.participantId).toBe(d.id);
				// Against the .txt: turn by turn, the same speaker and role, the same spoken words,
				// and the same time wherever the .txt writes one (captions always have one).
				const [a, b] = [txt.content, vtt.content];
				expect(b.turns.length).toBe(a.turns.length);
				a.turns.forEach((t, i) => {
					const v = b.turns[i];
					expect([whoOf(v, d.id), v.role, spokenOf(b.text, v)]).toEqual([whoOf(t, d.id), t.role, spokenOf(a.text, t)]);
					expect(v.timestamp).toMatch(/^\d\d:\d\d:\d\d$/);
					if (t.timestamp) expect(v.timestamp).toBe(t.timestamp);
				});
				if (d.label_style === 'Interviewer/Pnn' && d.timestamps === 'every' && !d.header && !d.trailer && d.eol === 'lf') {
					expect(b.text).toBe(a.text);
					expect(b.turns).toEqual(a.turns);
					exact++;
				}
			}
			if (name === 'exact') expect(exact).toBe(2);
		});
	}

	it('the .srt of an interview already imported as .vtt is refused as a duplicate', async () => {
		const dir = dirs.mixed;
		const files = ['P01.vtt', 'P01.srt', 'P01.txt'].map((f) => fileOf(f, readFileSync(join(dir, 'transcripts', f))));
		const { outcomes } = await readTranscriptFiles(files, { ...opts, idFn: () => crypto.randomUUID() });
		expect(outcomes.map((o) => o.kind)).toEqual(['ok', 'duplicate', 'ok']);
		expect(outcomes[1].message).toBe('P01.srt: the same text is already in this project as “P01”; it was not added again.');
	});
});

// ---------------------------------------------------------------------------------------------
// Through ProjectState into a real (fake-indexeddb) database: what is stored and what is not.

describe('importing formats into a project', () => {
	let db: TemaDB;
	let repo: Repo;
	let state: ProjectState;
	beforeAll(async () => {
		db = new TemaDB(`formats-${crypto.randomUUID()}`);
		repo = new Repo(db);
		const p = await repo.createProject({ name: 'Formats', description: '' });
		state = new ProjectState(p.id, repo);
		await state.load();
	});
	afterAll(async () => {
		await db.delete();
	});

	it('stores a .vtt and a .docx with their turns; a malformed batch and a cancelled batch change nothing', async () => {
		const vtt = 'WEBVTT\n\n00:00:05.000 --> 00:00:06.000\n<v Interviewer>How are you?\n\n00:00:07.000 --> 00:00:09.000\n<v P08>Fine, thanks.\n';
		const first = await state.importFiles([fileOf('P08.vtt', vtt), fileOf('P09.docx', await docxOf(['I: Hi.', 'R: Hello.']))]);
		expect(first.problems).toEqual([]);
		expect(first.added.map((d) => [d.name, d.participantId, d.turnCount])).toEqual([
			['P08', 'P08', 2],
			['P09', 'P09', 2]
		]);
		const content = await repo.getContent(first.added[0].id);
		expect(content?.turns.map((t) => [t.speaker, t.timestamp])).toEqual([
			['Interviewer', '00:00:05'],
			['P08', '00:00:07']
		]);

		const docsBefore = await repo.listDocuments(state.id);
		const junk = Uint8Array.from({ length: 1024 }, (_, i) => (i * 31 + 7) % 256);
		const bad = await state.importFiles([
			fileOf('P10.docx', 'P10: plain text really\n'),
			fileOf('P11.vtt', '00:00:01.000 --> 00:00:02.000\nP11: no header\n'),
			fileOf('P12.srt', ''),
			fileOf('P13.srt', 'no cues here\n'),
			fileOf('P14.md', junk),
			fileOf('P08 again.srt', '1\n00:00:05,000 --> 00:00:06,000\nInterviewer: How are you?\n\n2\n00:00:07,000 --> 00:00:09,000\nP08: Fine, thanks.\n')
		]);
		expect(bad.added).toEqual([]);
		expect(bad.problems.map((p) => [p.kind, p.message.split(':')[0]])).toEqual([
			['error', 'P10.docx'],
			['error', 'P11.vtt'],
			['error', 'P12.srt'],
			['error', 'P13.srt'],
			['error', 'P14.md'],
			['duplicate', 'P08 again.srt']
		]);
		expect(await repo.listDocuments(state.id)).toEqual(docsBefore);

		const run = state.importFiles([fileOf('P15.vtt', vtt.replace(/P08/g, 'P15')), fileOf('P16.docx', await docxOf(['P16: hi']))]);
		state.cancelImport();
		expect((await run).cancelled).toBe(true);
		expect(await repo.listDocuments(state.id)).toEqual(docsBefore);
	});
});
