// Data for bench (6), the compare view: a project backup with two transcripts of about 15,000
// words (the sample interviews strung together, so the turns are real) coded by three coders:
// one reference layer and two noisier copies of it (boundaries moved, codings left out, extra
// codings), as a team's independent coding would look. Restored through the app's own
// "Restore a backup" path before measuring.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../../src/lib/domain/random';
import { parseTurns } from '../../src/lib/domain/turns';
import { makeBackup, type ProjectBackup } from '../../src/lib/domain/backup';
import type { Code, Coding, DocumentContent, TranscriptDocument } from '../../src/lib/domain/types';
import { ROOT } from './data';

const WORDS = 15_000;
const CODINGS_PER_CODER = 300;

export function compareBackup(): { backup: ProjectBackup; words: number[]; codings: number } {
	const dir = join(ROOT, 'static', 'sample');
	const files = readdirSync(dir).filter((f) => /^P\d+\.txt$/.test(f)).sort();
	const rnd = mulberry32(2026);
	const P = 'bench-compare';
	const codes: Code[] = Array.from({ length: 20 }, (_, i) => ({
		id: `code-${i}`, projectId: P, parentId: null, order: i, name: `Code ${i + 1}`, color: `#${(0x305080 + i * 0x0b0d07).toString(16).slice(-6)}`,
		definition: '', include: '', exclude: '', example: '', createdAt: 0
	}));
	const documents: TranscriptDocument[] = [];
	const contents: DocumentContent[] = [];
	const codings: Coding[] = [];
	const words: number[] = [];
	let next = 0;
	for (let d = 0; d < 2; d++) {
		let text = '';
		let count = 0;
		while (count < WORDS) {
			const lines = readFileSync(join(dir, files[next++ % files.length]), 'utf8').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n').split('\n');
			for (const line of lines) {
				if (count >= WORDS) break;
				text += `${line}\n`;
				count += line.split(/\s+/).filter(Boolean).length;
			}
		}
		const turns = parseTurns(text);
		const id = `doc-${d}`;
		words.push(text.split(/\s+/).length);
		documents.push({ id, projectId: P, name: `Long interview ${d + 1}`, fileName: `long-${d + 1}.txt`, participantId: null, encoding: 'utf-8', eol: 'lf', length: text.length, turnCount: turns.length, fingerprint: `fp-${d}`, importedAt: 0, order: d });
		contents.push({ docId: id, text, turns });
		const spoken = turns.filter((t) => t.role === 'participant' && t.end - t.textStart > 40);
		const make = (coder: string, n: number, start: number, end: number, codeId: string) => {
			const s = Math.max(0, Math.min(start, text.length - 2));
			const e = Math.max(s + 1, Math.min(end, text.length));
			codings.push({ id: `${coder}-${d}-${n}`, projectId: P, docId: id, codeId, coderId: coder, start: s, end: e, quote: text.slice(s, e), prefix: text.slice(Math.max(0, s - 32), s), suffix: text.slice(e, e + 32), createdAt: 0 });
		};
		for (let i = 0; i < CODINGS_PER_CODER; i++) {
			const t = spoken[Math.floor(rnd() * spoken.length)];
			const len = t.end - t.textStart;
			const start = t.textStart + Math.floor(rnd() * len * 0.5);
			const end = Math.min(t.end, start + 40 + Math.floor(rnd() * len * 0.6));
			const code = `code-${Math.floor(rnd() * codes.length)}`;
			make('ref', i, start, end, code);
			for (const [coder, noise] of [['b', 0.2], ['c', 0.4]] as const) {
				const r = rnd();
				if (r < noise / 2) continue; // left out
				const shift = () => (rnd() < noise ? Math.floor((rnd() - 0.5) * 60) : 0);
				make(coder, i, start + shift(), end + shift(), rnd() < noise / 3 ? `code-${Math.floor(rnd() * codes.length)}` : code);
			}
		}
	}
	const backup = makeBackup(
		{
			project: { id: P, name: 'Bench: compare view', description: '', createdAt: 0, updatedAt: 0, currentCoderId: 'ref', recentCodeIds: [] },
			coders: [
				{ id: 'ref', projectId: P, name: 'Anna', color: '#2563eb' },
				{ id: 'b', projectId: P, name: 'Ben', color: '#d97706' },
				{ id: 'c', projectId: P, name: 'Cai', color: '#7c3aed' }
			],
			documents, contents, participants: [], codes, codings, themes: [], notes: [], reading: [], decisions: [], searches: []
		},
		0
	);
	return { backup, words, codings: codings.length };
}
