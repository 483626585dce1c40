// For `npm run bench` (and a Node run of the same code): how long a REFI-QDA export and import
// of a large project take. A synthetic project of `docs` transcripts of ~15,000 words each
// (speaker turns, an emoji every ~1,500 words so positions need the code-point conversion),
// `codings` codings by two coders over 40 codes, participants with attributes, themes, notes.
// Ids are UUIDs, as the app makes them. Pure: no database, no DOM.

import { makeBackup, type ProjectBackup } from '../domain/backup';
import { mulberry32 } from '../domain/random';
import { parseTurns } from '../domain/turns';
import type { Code, Coding, DocumentContent, Note, Participant, Theme, TranscriptDocument } from '../domain/types';
import { readQdpx } from '../io/refi/readQdpx';
import { writeQdpx } from '../io/refi/writeQdpx';
import { median } from './analysis';

const WORDS =
	'work back return manager colleagues hours day week felt really think know kind of like just time started again part sick leave therapy anxiety depression sleep tired routine job team support talk told said help better worse stress pressure boss meeting office home plan graded slowly morning evening energy coping thoughts worry shame open honest doctor occupational health because then when maybe quite little bit first second months year'.split(
		' '
	);
const EMOJI = ['🙂', '😅', '👍', '🌱', '👩🏽‍💼'];

function uuid(rand: () => number): string {
	const h = () => Math.floor(rand() * 0x10000).toString(16).padStart(4, '0');
	return `${h()}${h()}-${h()}-4${h().slice(1)}-a${h().slice(1)}-${h()}${h()}${h()}`;
}

/** The synthetic project as a backup (deterministic for the same arguments). */
export function refiBenchBackup(docs: number, codings: number, wordsPerDoc = 15_000, seed = 5): ProjectBackup {
	const rand = mulberry32(seed);
	const P = uuid(rand);
	const coders = [
		{ id: uuid(rand), projectId: P, name: 'Coder A', color: '#2563eb' },
		{ id: uuid(rand), projectId: P, name: 'Coder B', color: '#dc2626' }
	];
	const documents: TranscriptDocument[] = [];
	const contents: DocumentContent[] = [];
	for (let i = 0; i < docs; i++) {
		const label = `P${String(i + 1).padStart(3, '0')}`;
		const parts: string[] = [];
		let words = 0;
		let interviewer = true;
		while (words < wordsPerDoc) {
			const n = interviewer ? 8 + Math.floor(rand() * 20) : 40 + Math.floor(rand() * 120);
			const turn: string[] = [];
			for (let w = 0; w < n; w++) {
				turn.push(WORDS[Math.floor(rand() * WORDS.length)]);
				if ((words + w) % 1500 === 750) turn.push(EMOJI[Math.floor(rand() * EMOJI.length)]);
			}
			parts.push(`${interviewer ? 'Interviewer' : label}: ${turn.join(' ')}.`);
			words += n;
			interviewer = !interviewer;
		}
		const text = parts.join('\n') + '\n';
		const id = uuid(rand);
		const turns = parseTurns(text);
		contents.push({ docId: id, text, turns });
		documents.push({ id, projectId: P, name: label, fileName: `${label}.txt`, participantId: label, encoding: 'utf-8', eol: 'lf', length: text.length, turnCount: turns.length, fingerprint: id, importedAt: 1_700_000_000_000 + i, order: i });
	}
	const participants: Participant[] = documents.map((d, i) => ({
		id: `${P}:${d.participantId}`,
		projectId: P,
		label: d.participantId!,
		attributes: { gender: i % 2 ? 'female' : 'male', age: 25 + (i % 40), score: Math.round(rand() * 70) / 10, site: `Site ${1 + (i % 4)}` }
	}));
	const codes: Code[] = [];
	for (let g = 0; g < 5; g++) {
		const gid = uuid(rand);
		codes.push({ id: gid, projectId: P, parentId: null, order: g, name: `Group ${g + 1}`, color: '#888888', definition: `What group ${g + 1} covers.`, include: '', exclude: '', example: '', createdAt: 0 });
		for (let k = 0; k < 8; k++)
			codes.push({ id: uuid(rand), projectId: P, parentId: gid, order: k, name: `Code ${g + 1}.${k + 1}`, color: '#aaaaaa', definition: 'A definition.', include: 'Includes this.', exclude: 'Not that.', example: '', createdAt: 0 });
	}
	const leaves = codes.filter((c) => c.parentId !== null);
	const rows: Coding[] = [];
	for (let i = 0; i < codings; i++) {
		const c = contents[Math.floor(rand() * contents.length)];
		let start = Math.floor(rand() * (c.text.length - 600));
		start = c.text.lastIndexOf(' ', start) + 1;
		let end = c.text.indexOf(' ', start + 60 + Math.floor(rand() * 400));
		if (end < 0) end = c.text.length;
		rows.push({
			id: uuid(rand),
			projectId: P,
			docId: c.docId,
			codeId: leaves[Math.floor(rand() * leaves.length)].id,
			coderId: coders[i % 2].id,
			start,
			end,
			quote: c.text.slice(start, end),
			prefix: c.text.slice(Math.max(0, start - 32), start),
			suffix: c.text.slice(end, end + 32),
			createdAt: 1_700_000_100_000 + i
		});
	}
	const blank = { concept: 'The idea.', includes: 'This.', excludes: 'That.', relations: '' };
	const theme = (parentId: string | null, order: number, codeIds: string[], main = false): Theme => ({
		id: uuid(rand), projectId: P, parentId, order, name: `Theme ${order + 1}${parentId ? '' : main ? ' (main)' : ''}`, color: '#7c3aed', status: 'kept', ...(main ? { main } : {}), codeIds, definition: blank, quoteIds: [], reviews: {}, nameHistory: [], createdAt: 0, updatedAt: 0
	});
	const themes: Theme[] = [theme(null, 0, [], true), theme(null, 1, [], true)];
	for (let i = 0; i < 6; i++) themes.push(theme(themes[i % 2].id, Math.floor(i / 2), leaves.slice(i * 5, i * 5 + 5).map((c) => c.id)));
	const notes: Note[] = documents.slice(0, 20).map((d, i) => ({ id: uuid(rand), projectId: P, kind: 'familiarisation', target: { type: 'document', docId: d.id }, text: `Note ${i + 1} on ${d.name}.`, createdAt: 0, updatedAt: 0 }));
	return makeBackup(
		{
			project: { id: P, name: 'REFI benchmark', description: '', createdAt: 0, updatedAt: 0, currentCoderId: coders[0].id, recentCodeIds: [] },
			coders,
			documents,
			contents,
			participants,
			codes,
			codings: rows,
			themes,
			notes,
			reading: [],
			decisions: [],
			searches: []
		},
		1_700_000_200_000
	);
}

export interface RefiTimes {
	docs: number;
	codings: number;
	/** Characters of transcript text in the project. */
	chars: number;
	/** Size of the .qdpx file. */
	bytes: number;
	/** Median ms of writeQdpx (backup → .qdpx bytes). */
	exportMs: number;
	/** Median ms of readQdpx (.qdpx bytes → backup and report). */
	importMs: number;
	/** The import found every coding again (same count). */
	codingsBack: number;
	runs: number;
}

const medianMs = (xs: number[]) => Math.round(median(xs) * 10) / 10;

/**
 * Export and import times of the synthetic project: `runs` timed calls each (after one
 * untimed warm-up), median ms. Node: `await refiTimes(100, 60_000)`; the bench page calls the same.
 */
export async function refiTimes(docs: number, codings: number, runs = 3): Promise<RefiTimes> {
	const backup = refiBenchBackup(docs, codings);
	let bytes = writeQdpx(backup);
	const exp: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		bytes = writeQdpx(backup);
		exp.push(performance.now() - t0);
	}
	let back = await readQdpx(bytes, 'bench.qdpx');
	const imp: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		back = await readQdpx(bytes, 'bench.qdpx');
		imp.push(performance.now() - t0);
	}
	if (!back.ok) throw new Error(`The benchmark's own .qdpx could not be read back: ${back.error}`);
	return {
		docs,
		codings,
		chars: backup.contents.reduce((n, c) => n + c.text.length, 0),
		bytes: bytes.byteLength,
		exportMs: medianMs(exp),
		importMs: medianMs(imp),
		codingsBack: back.backup.codings.length,
		runs
	};
}
