import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTranscriptFiles, sha256Hex } from './transcripts';

function fileOf(name: string, data: Uint8Array | string) {
	const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
	return { name, size: bytes.byteLength, arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer };
}

const opts = { projectId: 'p', firstOrder: 0, existing: new Map<string, string>(), now: 1, idFn: () => 'id' };

describe('reading transcript files', () => {
	it('reads a CRLF sample transcript exactly, with turns, participant and fingerprint', async () => {
		const bytes = readFileSync('static/sample/P19.txt');
		const { outcomes } = await readTranscriptFiles([fileOf('P19.txt', bytes)], opts);
		const o = outcomes[0];
		if (o.kind !== 'ok') throw new Error(o.message);
		expect(o.content.text).toBe(bytes.toString('utf8'));
		expect(o.doc).toMatchObject({ name: 'P19', participantId: 'P19', eol: 'crlf', encoding: 'utf-8', order: 0 });
		expect(o.doc.turnCount).toBe(o.content.turns.length);
		expect(o.doc.fingerprint).toBe(await sha256Hex(o.content.text));
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
			[fileOf('e.txt', ''), fileOf('b.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])), fileOf('x.docx', 'PK'), huge],
			opts
		);
		expect(outcomes.map((o) => o.kind)).toEqual(['error', 'error', 'error', 'error']);
		expect(outcomes[0].message).toBe('e.txt: the file is empty.');
		expect(outcomes[1].message).toMatch(/^b\.txt: This is not a plain-text file/);
		expect(outcomes[2].message).toMatch(/^x\.docx: “\.docx” files are not transcripts Tema can read yet/);
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
});
