import Papa from 'papaparse';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Note, NoteTarget, TranscriptDocument } from '../domain/types';
import {
	exportName,
	journalToCsv,
	journalToMarkdown,
	localStamp,
	noteRecords,
	notesToCsv,
	notesToDocx,
	notesToMarkdown
} from './notesExport';

function doc(id: string, name: string, participantId: string | null, order: number): TranscriptDocument {
	return { id, projectId: 'p', name, fileName: `${name}.txt`, participantId, encoding: 'utf-8', eol: 'lf', length: 1000, turnCount: 10, fingerprint: id, importedAt: 0, order };
}

const T0 = Date.UTC(2026, 2, 4, 9, 30, 0);
let seq = 0;
function note(kind: Note['kind'], target: NoteTarget, text: string, createdAt: number, updatedAt = createdAt): Note {
	return { id: `n${++seq}`, projectId: 'p', kind, target, text, createdAt, updatedAt };
}
const passage = (docId: string, start: number, quote: string): NoteTarget => ({ type: 'passage', docId, start, end: start + quote.length, quote, prefix: '', suffix: '' });

const docs = [doc('d2', 'Interview 2', 'P02', 1), doc('d1', 'P01', 'P01', 0)];
const notes: Note[] = [
	note('familiarisation', passage('d2', 40, 'I felt *watched*, like | a suspect'), 'Surveillance?\nCompare with P01.', T0 + 5000, T0 + 9000),
	note('familiarisation', passage('d1', 300, 'the café at lunch'), 'Rituals of belonging', T0 + 1000),
	note('familiarisation', { type: 'document', docId: 'd1' }, 'Long, reflective interview', T0 + 2000),
	note('familiarisation', passage('d1', 12, '# not a heading\r\n- not a list'), 'early passage', T0 + 3000),
	note('journal', { type: 'project' }, 'I notice I expect stories of stigma.', T0 + 4000),
	note('journal', { type: 'project' }, 'Second entry, after P02.', T0 + 8000, T0 + 60_000),
	note('memo', { type: 'code', codeId: 'c' }, 'a code memo: not exported here', T0)
];
const ctx = { projectName: 'Return to work', documents: docs, exportedAt: T0 + 86_400_000 };

describe('noteRecords', () => {
	it('lists familiarisation notes only, in reading order, with participant and ISO dates', () => {
		const r = noteRecords(notes, docs);
		expect(r.map((x) => x.note)).toEqual(['Long, reflective interview', 'early passage', 'Rituals of belonging', 'Surveillance?\nCompare with P01.']);
		expect(r[3]).toEqual({
			document: 'Interview 2',
			participant: 'P02',
			passage: 'I felt *watched*, like | a suspect',
			start: 40,
			end: 74,
			note: 'Surveillance?\nCompare with P01.',
			created: '2026-03-04T09:30:05.000Z',
			edited: '2026-03-04T09:30:09.000Z'
		});
		expect(r[0]).toMatchObject({ passage: '', start: null, end: null, edited: '' });
	});
});

describe('Markdown', () => {
	const md = notesToMarkdown(notes, ctx);

	it('has a title, a summary line and one section per transcript in order', () => {
		expect(md.startsWith('# Familiarisation notes: Return to work\n\nExported 2026-03-05T09:30:00.000Z · 4 notes on 2 transcripts\n')).toBe(true);
		const p01 = md.indexOf('## P01\n');
		const p02 = md.indexOf('## Interview 2 (participant P02)\n');
		expect(p01).toBeGreaterThan(0);
		expect(p02).toBeGreaterThan(p01);
	});

	it('quotes passages as block quotes with Markdown escaped, notes as written, dates ISO', () => {
		expect(md).toContain('> I felt \\*watched\\*, like \\| a suspect\n\nSurveillance?\nCompare with P01.\n\n*Written 2026-03-04T09:30:05.000Z · edited 2026-03-04T09:30:09.000Z*');
		expect(md).toContain('> \\# not a heading\n> \\- not a list\n\nearly passage');
		expect(md).toContain('**On the whole transcript:** Long, reflective interview\n\n*Written 2026-03-04T09:30:02.000Z*');
		expect(md).not.toContain('stigma');
		expect(md).not.toContain('code memo');
	});

	it('says so when there are no notes', () => {
		expect(notesToMarkdown([], ctx)).toContain('0 notes on 0 transcripts\n\nNo familiarisation notes yet.');
	});

	it('writes the journal newest first with local headings and ISO dates', () => {
		const j = journalToMarkdown(notes, ctx);
		expect(j.startsWith('# Reflexive journal: Return to work\n\nExported 2026-03-05T09:30:00.000Z · 2 entries, newest first\n')).toBe(true);
		const second = j.indexOf('Second entry, after P02.');
		const first = j.indexOf('I notice I expect stories of stigma.');
		expect(second).toBeGreaterThan(0);
		expect(first).toBeGreaterThan(second);
		expect(j).toContain(`## ${localStamp(T0 + 8000)}\n\nSecond entry, after P02.\n\n*Written 2026-03-04T09:30:08.000Z · edited 2026-03-04T09:31:00.000Z*`);
		expect(j).not.toContain('Rituals');
		expect(localStamp(T0)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
	});
});

describe('CSV', () => {
	it('writes one row per note with a header, BOM and CRLF, and reads back exactly', () => {
		const text = notesToCsv(notes, docs);
		expect(text.startsWith('\uFEFFDocument,Participant,Passage,Start,End,Note,Created,Edited\r\n')).toBe(true);
		const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
		expect(parsed).toHaveLength(5);
		expect(parsed[4]).toEqual(['Interview 2', 'P02', 'I felt *watched*, like | a suspect', '40', '74', 'Surveillance?\nCompare with P01.', '2026-03-04T09:30:05.000Z', '2026-03-04T09:30:09.000Z']);
		expect(parsed[1]).toEqual(['P01', 'P01', '', '', '', 'Long, reflective interview', '2026-03-04T09:30:02.000Z', '']);
		expect(parsed[2][2]).toBe('# not a heading\r\n- not a list');
	});

	it('writes the journal with created, edited and text', () => {
		const parsed = Papa.parse<string[]>(journalToCsv(notes).slice(1), { skipEmptyLines: true }).data;
		expect(parsed).toEqual([
			['Created', 'Edited', 'Entry'],
			['2026-03-04T09:30:08.000Z', '2026-03-04T09:31:00.000Z', 'Second entry, after P02.'],
			['2026-03-04T09:30:04.000Z', '', 'I notice I expect stories of stigma.']
		]);
	});
});

describe('Word', () => {
	it('writes the notes as a table grouped by transcript', async () => {
		const bytes = await notesToDocx(notes, ctx);
		const xml = strFromU8(unzipSync(bytes)['word/document.xml']);
		expect(xml).toContain('Familiarisation notes: Return to work');
		expect(xml).toContain('Interview 2 (participant P02)');
		expect(xml).toContain('Rituals of belonging');
		expect(xml).toContain('Whole transcript');
		expect(xml.indexOf('early passage')).toBeLessThan(xml.indexOf('Rituals of belonging'));
	});
});

describe('file names', () => {
	it('names the file after what, project and date', () => {
		expect(exportName('Reflexive journal', 'Return to work', T0, 'md')).toMatch(/^Reflexive journal - Return to work - 2026-03-0[45]\.md$/);
	});
});
