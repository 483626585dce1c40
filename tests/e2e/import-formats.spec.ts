// Journey: a researcher brings a Zoom/Teams caption file (.vtt) and a Word transcript (.docx,
// built here with the docx package), sees both as speaker turns with their times in the coding
// view, and codes a passage in each. Then caption and Word files that are not what their name
// says are refused with the file's name and the problem, and nothing stored changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { expect, test, type Page } from '@playwright/test';
import { SAMPLE } from '../shared';
import { createProject, expectAccessible, storedCodingsWhen, storedRows } from './helpers';

const VTT = 'P05.vtt';

async function wordTranscript(): Promise<Buffer> {
	const label = (l: string) => new TextRun({ text: l, bold: true });
	const doc = new Document({
		sections: [
			{
				children: [
					new Paragraph({ children: [new TextRun({ text: 'Interview P24 – transcript (de-identified)', bold: true })] }),
					new Paragraph({ children: [label('[00:00:03] Interviewer:'), new TextRun(' How did your first week back at work go?')] }),
					new Paragraph({
						children: [label('[00:00:09] P24:'), new TextRun(' Honestly, the first week back was harder than I expected. I was tired all the time.')]
					}),
					new Paragraph({ children: [new TextRun('By Friday I could barely keep my eyes open in meetings.')] }),
					new Paragraph({ children: [label('[00:01:15] Interviewer:'), new TextRun(' What helped?')] }),
					new Paragraph({ children: [label('[00:01:20] P24:'), new TextRun(' Talking to my manager about a graded return helped a lot.')] })
				]
			}
		]
	});
	return Packer.toBuffer(doc);
}

function file(name: string, mimeType: string, buffer: Buffer) {
	return { name, mimeType, buffer };
}

async function choose(page: Page, files: ReturnType<typeof file>[]) {
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Choose files…' }).click();
	await (await chooser).setFiles(files);
}

/** Selects the first words of the participant's first answer with the keyboard and codes them in vivo. */
async function codeFirstAnswer(page: Page, transcript: string, words: number): Promise<string> {
	const editor = page.getByRole('textbox', { name: `Transcript ${transcript}` });
	await editor.click();
	await page.keyboard.press('Control+Home');
	await page.keyboard.press('Alt+ArrowDown');
	await page.keyboard.press('Alt+ArrowDown');
	for (let i = 0; i < words; i++) await page.keyboard.press('Shift+Control+ArrowRight');
	const quote = (await page.getByTestId('selection-quote').textContent())!.replace(/^“|”$/g, '');
	await page.keyboard.press('v');
	await expect(page.locator('.ProseMirror .hl')).toHaveCount(1);
	await expect(page.locator('.ProseMirror .hl').first()).toContainText(quote);
	return quote;
}

test('import a .vtt and a .docx; their turns show their times; code a passage in each', async ({ page }) => {
	await createProject(page, 'Formats journey');
	const vtt = readFileSync(join(SAMPLE, 'transcripts', VTT));
	await choose(page, [file(VTT, 'text/vtt', vtt), file('P24.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', await wordTranscript())]);
	await expect(page.getByTestId('import-result')).toHaveText('2 transcripts added.');
	const converted = page.getByRole('list', { name: 'Files converted' });
	await expect(converted).toContainText(/P05\.vtt: captions merged into \d+ speaker turns, each with its start time\./);
	await expect(converted).toContainText('P24.docx: Word paragraphs read as text, 4 speaker turns.');
	await expectAccessible(page, 'documents screen after importing a .vtt and a .docx');
	await page.getByRole('region', { name: 'Add transcripts' }).screenshot({ path: '/tmp/formats-import-panel.png' });

	const docs = await storedRows<{ id: string; name: string; participantId: string; turnCount: number }>(page, 'documents');
	expect(docs.map((d) => [d.name, d.participantId]).sort()).toEqual([
		['P05', 'P05'],
		['P24', 'P24']
	]);
	const contents = await storedRows<{ docId: string; text: string; turns: { speaker: string; timestamp?: string }[] }>(page, 'contents');
	const vttContent = contents.find((c) => c.docId === docs.find((d) => d.name === 'P05')!.id)!;
	// Every caption turn has its time; the stored text is the .txt form of the captions.
	expect(vttContent.turns.length).toBeGreaterThan(100);
	expect(vttContent.turns.every((t) => /^\d\d:\d\d:\d\d$/.test(t.timestamp ?? ''))).toBe(true);
	expect(vttContent.text.startsWith(`[${vttContent.turns[0].timestamp}] Interviewer: `)).toBe(true);

	// The captions in the coding view: speaker turns, each with its time before the label.
	await page.getByRole('link', { name: 'P05', exact: true }).first().click();
	await expect(page.getByRole('textbox', { name: 'Transcript P05' })).toBeVisible();
	await expect(page.locator('.ProseMirror .timestamp')).toHaveCount(vttContent.turns.length);
	await expect(page.locator('.ProseMirror .timestamp').first()).toHaveText(`[${vttContent.turns[0].timestamp}]`);
	await expect(page.locator('.ProseMirror .turn-participant').first()).toContainText('P05:');
	const vttQuote = await codeFirstAnswer(page, 'P05', 4);
	await expectAccessible(page, 'coding screen of a .vtt transcript');
	await page.screenshot({ path: '/tmp/formats-vtt-coding.png' });

	// The Word transcript: its paragraphs as turns, a continued answer inside its turn.
	await page.goBack();
	await page.getByRole('link', { name: 'P24', exact: true }).first().click();
	await expect(page.getByRole('textbox', { name: 'Transcript P24' })).toBeVisible();
	await expect(page.locator('.ProseMirror .timestamp')).toHaveText(['[00:00:03]', '[00:00:09]', '[00:01:15]', '[00:01:20]']);
	// The unlabelled paragraph after P24's answer is shown as part of that turn.
	const continued = page.locator('.ProseMirror p', { hasText: 'By Friday I could barely keep my eyes open' });
	await expect(continued).toHaveClass(/turn-participant/);
	await expect(continued).toHaveAttribute('data-turn', (await page.locator('.ProseMirror .turn-participant').first().getAttribute('data-turn'))!);
	const docxQuote = await codeFirstAnswer(page, 'P24', 5);
	expect(docxQuote).toMatch(/^Honestly, the first week/);
	await page.screenshot({ path: '/tmp/formats-docx-coding.png' });

	const codings = await storedCodingsWhen(page, (c) => c.length === 2);
	expect(codings.map((c) => c.quote).sort()).toEqual([docxQuote, vttQuote].sort());
	const byDoc = new Map(contents.map((c) => [c.docId, c.text]));
	const sets = await storedRows<{ docId: string; codings: { start: number; end: number; quote: string }[] }>(page, 'codingSets');
	for (const s of sets) for (const c of s.codings) expect(byDoc.get(s.docId)!.slice(c.start, c.end)).toBe(c.quote);
});

test('caption and Word files that are not what they say are refused by name; nothing stored changes', async ({ page }) => {
	await createProject(page, 'Formats bad input');
	await choose(page, [file('P01.srt', 'application/x-subrip', readFileSync(join(SAMPLE, 'transcripts', 'P01.txt')))]);
	await expect(page.getByRole('list', { name: 'Files not added' })).toContainText('P01.srt: no subtitles found');
	await choose(page, [file('P02.vtt', 'text/vtt', readFileSync(join(SAMPLE, 'transcripts', 'P02.vtt')))]);
	await expect(page.getByTestId('import-result')).toHaveText('1 transcript added.');
	const docsBefore = await storedRows(page, 'documents');
	const contentsBefore = await storedRows(page, 'contents');

	const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
	const real = await wordTranscript();
	await choose(page, [
		file('notes.docx', 'application/octet-stream', Buffer.from('Interviewer: saved as text by mistake\n')),
		file('cut.docx', 'application/octet-stream', real.subarray(0, 500)),
		file('zoom.vtt', 'text/vtt', Buffer.from('1\n00:00:01.000 --> 00:00:02.000\nP03: no header\n')),
		file('blank.vtt', 'text/vtt', Buffer.alloc(0)),
		file('junk.srt', 'application/x-subrip', junk),
		file('P02 again.srt', 'application/x-subrip', Buffer.from(srtOf(readFileSync(join(SAMPLE, 'transcripts', 'P02.vtt'), 'utf8'))))
	]);
	const problems = page.getByRole('list', { name: 'Files not added' });
	await expect(problems.getByRole('listitem')).toHaveText([
		'notes.docx: this is a plain-text file, not a Word document. Rename it to .txt and import it again.',
		/^cut\.docx: the Word document is damaged or incomplete and could not be opened/,
		'zoom.vtt: this is not a WebVTT file: its first line must be “WEBVTT”. Export the captions again from the recording tool.',
		'blank.vtt: the file is empty.',
		'junk.srt: the file holds binary data, not SubRip subtitles (which are text).',
		'P02 again.srt: the same text is already in this project as “P02”; it was not added again.'
	]);
	await expect(page.getByTestId('import-result')).toContainText('0 transcripts added');
	await expectAccessible(page, 'documents screen with refused files');
	await page.getByRole('region', { name: 'Add transcripts' }).screenshot({ path: '/tmp/formats-refused.png' });
	expect(await storedRows(page, 'documents')).toEqual(docsBefore);
	expect(await storedRows(page, 'contents')).toEqual(contentsBefore);
});

/** The same cues as SubRip (the corpus writes .srt this way: `Speaker: text`, comma decimals). */
function srtOf(vtt: string): string {
	const cues = vtt.split('\n\n').filter((b) => b.includes('-->'));
	return cues
		.map((b, i) => {
			const lines = b.split('\n');
			const t = lines.findIndex((l) => l.includes('-->'));
			const time = lines[t].replace(/\./g, ',');
			const text = lines
				.slice(t + 1)
				.join(' ')
				.replace(/^<v ([^>]+)>/, '$1: ')
				.replace(/&lt;/g, '<')
				.replace(/&gt;/g, '>')
				.replace(/&amp;/g, '&');
			return `${i + 1}\n${time}\n${text}\n`;
		})
		.join('\n');
}
