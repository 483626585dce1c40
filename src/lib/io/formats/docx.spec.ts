// Word transcripts are built here with the docx package (no binary fixtures), read back through
// mammoth, and checked against the text and turns a researcher would expect.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseTurns } from '../../domain/turns';
import { SAMPLE } from '../../../../tests/shared';
import { readDocx } from './docx';

type Block = Paragraph | Table;

async function docxOf(children: Block[]): Promise<Uint8Array> {
	return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

async function ok(bytes: Uint8Array) {
	const r = await readDocx(bytes);
	if (!r.ok) throw new Error(r.message);
	return { ...r, turns: parseTurns(r.text) };
}

const para = (...runs: (string | TextRun)[]) => new Paragraph({ children: runs.map((r) => (typeof r === 'string' ? new TextRun(r) : r)) });
const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });

// A 1×1 PNG, to check that pictures are left out of the text.
const PNG = Uint8Array.from(
	atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
	(c) => c.charCodeAt(0)
);

describe('Word transcripts', () => {
	it('reads paragraphs as the .txt form: bold labels, headings, continued answers, notes', async () => {
		const r = await ok(
			await docxOf([
				new Paragraph({ text: 'Interview P07', heading: HeadingLevel.HEADING_1 }),
				para(new TextRun({ text: 'Interviewer:', bold: true }), ' How did it start?'),
				para(new TextRun({ text: 'P07:', bold: true }), ' It started at ', new TextRun({ text: 'work', italics: true }), '.'),
				para('And then it got worse.'),
				para(''),
				para('Then a paragraph after an empty one.'),
				para('[00:04:10] Interviewer:\tAnd now?', new TextRun({ text: 'Second line.', break: 1 })),
				para('[End of recording]'),
				new Paragraph({ children: [new ImageRun({ type: 'png', data: PNG, transformation: { width: 10, height: 10 } })] })
			])
		);
		expect(r.text).toBe(
			'Interview P07\n\n' +
				'Interviewer: How did it start?\n\n' +
				'P07: It started at work.\nAnd then it got worse.\n\n' +
				'Then a paragraph after an empty one.\n\n' +
				'[00:04:10] Interviewer:\tAnd now?\nSecond line.\n\n' +
				'[End of recording]\n'
		);
		const turns = r.turns.map((t) => [t.speaker, t.timestamp, r.text.slice(t.textStart, t.end)]);
		expect(turns).toEqual([
			['Interviewer', undefined, 'How did it start?'],
			['P07', undefined, 'It started at work.\nAnd then it got worse.'],
			['Interviewer', '00:04:10', 'And now?\nSecond line.']
		]);
		expect(r.note).toBe('Word: 7 paragraphs read; 1 image left out');
	});

	it('reads a transcript laid out as a table (time | speaker | text), skipping the header row', async () => {
		const r = await ok(
			await docxOf([
				new Table({
					rows: [
						new TableRow({ children: [cell('Time'), cell('Speaker'), cell('Text')] }),
						new TableRow({ children: [cell('00:00:05'), cell('Interviewer'), cell('Welcome.')] }),
						new TableRow({ children: [cell('0:12'), cell('P02'), cell('Thank you.')] }),
						new TableRow({ children: [cell(''), cell('Note'), cell('')] })
					]
				})
			])
		);
		expect(r.text).toBe('[00:00:05] Interviewer: Welcome.\n\n[0:12] P02: Thank you.\n\nNote\n');
		expect(r.turns.map((t) => [t.speaker, t.timestamp])).toEqual([
			['Interviewer', '00:00:05'],
			['P02', '00:00:12']
		]);
		expect(r.note).toBe('Word: 0 paragraphs read; 1 table read row by row');
	});

	it.each(['P15', 'P16', 'P19'])('a Word copy of sample %s (one paragraph per paragraph) gives the .txt text and turns', async (id) => {
		const txt = readFileSync(join(SAMPLE, 'transcripts', `${id}.txt`), 'utf8').replace(/\r\n/g, '\n');
		const paragraphs = txt.replace(/\n$/, '').split('\n\n');
		const r = await ok(await docxOf(paragraphs.map((p) => para(p))));
		expect(r.text).toBe(txt);
		expect(r.turns).toEqual(parseTurns(txt));
	});

	it('says what is wrong with files that are not Word documents', async () => {
		const real = await docxOf([para('P01: hello')]);
		const cases: [string, Uint8Array, RegExp][] = [
			['text', strToU8('Interviewer: this was saved as text\n'), /^this is a plain-text file, not a Word document\. Rename it to \.txt/],
			['truncated', real.slice(0, Math.floor(real.length / 2)), /^the Word document is damaged or incomplete and could not be opened\. If it opens in Word, save it there again as \.docx and import that copy\.$/],
			['zip without a document', zipSync({ 'notes.txt': strToU8('hi') }), /^this zip file holds no Word document/],
			['Word 97', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), /older Word document \(\.doc/],
			['RTF', strToU8('{\\rtf1\\ansi P01: hi}'), /Rich Text \(RTF\)/],
			['PDF', strToU8('%PDF-1.7\n'), /this is a PDF/],
			['junk', Uint8Array.from({ length: 512 }, (_, i) => (i * 7919) % 256), /^this is not a Word document \(\.docx\)/],
			['no text', await docxOf([para(''), para('   ')]), /^the Word document holds no text\.$/]
		];
		for (const [what, bytes, message] of cases) {
			const r = await readDocx(bytes);
			expect(r.ok, what).toBe(false);
			if (!r.ok) expect(r.message, what).toMatch(message);
		}
	});
});
