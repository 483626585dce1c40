// Journey (familiarisation): read a transcript (progress is recorded as it scrolls), mark it
// as read, note a passage with the keyboard (N), find the note on the Familiarise screen and
// by search, go back to its passage, keep a reflexive journal entry, and export the notes.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, openSample, storedRows } from './helpers';

interface ReadingRow {
	docId: string;
	furthest: number;
	readAt: number | null;
}
interface NoteRow {
	id: string;
	kind: string;
	text: string;
	target: { type: string; docId?: string; start?: number; end?: number; quote?: string; prefix?: string; suffix?: string };
	createdAt: number;
	updatedAt: number;
}

async function readingOf(page: Page, docId: string): Promise<ReadingRow | undefined> {
	return (await storedRows<ReadingRow>(page, 'reading')).find((r) => r.docId === docId);
}

const SHOTS = process.env.FAMIL_SHOTS; // a folder: save screenshots there

test('read a transcript, note a passage with N, find it, journal and export', async ({ page }) => {
	test.setTimeout(150_000); // a long journey; creating the sample study alone takes a few seconds
	const projectId = await openSample(page);

	// Open P03 from the transcripts table.
	await page.getByRole('link', { name: 'P03', exact: true }).first().click();
	const editor = page.getByRole('textbox', { name: 'Transcript P03' });
	await expect(editor).toBeFocused();
	const docId = page.url().split('/d/')[1].split('?')[0];
	const [content] = (await storedRows<{ docId: string; text: string }>(page, 'contents')).filter((c) => c.docId === docId);
	const text = content.text;

	// Opening shows the first screen: that much counts as seen.
	await expect.poll(async () => (await readingOf(page, docId))?.furthest ?? 0).toBeGreaterThan(0);
	const first = (await readingOf(page, docId))!.furthest;
	expect(first).toBeLessThan(text.length);

	// Scrolling further records more (throttled: at most every 500 ms).
	for (let i = 0; i < 4; i++) await page.mouse.wheel(0, 900);
	await expect.poll(async () => (await readingOf(page, docId))?.furthest ?? 0).toBeGreaterThan(first + 500);
	const furthest = (await readingOf(page, docId))!.furthest;
	expect(furthest).toBeLessThan(text.length);
	const percent = Math.floor((furthest / text.length) * 100);
	await expect(page.getByTestId('read-status')).toHaveText(`Read ${percent}%`);
	await expect(page.getByRole('progressbar', { name: 'Read so far' })).toHaveAttribute('aria-valuenow', String(percent));

	// Select a passage with the keyboard (the second answer's first words) and press N.
	await editor.focus();
	await page.keyboard.press('Control+Home');
	for (let i = 0; i < 4; i++) await page.keyboard.press('Alt+ArrowDown');
	for (let i = 0; i < 7; i++) await page.keyboard.press('Shift+Control+ArrowRight');
	const selected = (await page.evaluate(() => getSelection()?.toString() ?? '')).trim();
	expect(selected.split(/\s+/).length).toBeGreaterThanOrEqual(5);
	await page.keyboard.press('n');
	const noteBox = page.getByRole('textbox', { name: 'Note text' });
	await expect(noteBox).toBeFocused();
	await expect(page.getByRole('tab', { name: /Notes/ })).toHaveAttribute('aria-selected', 'true');
	// The N did not type into anything, and the draft quotes the selected words.
	await expect(noteBox).toHaveValue('');
	await expect(page.getByRole('tabpanel', { name: /Notes/ }).getByRole('blockquote')).toHaveText(selected.replace(/\s+/g, ' '));
	const noteText = 'Feels like déjà vu: work as identity, not only income.';
	await noteBox.fill(noteText);
	await page.keyboard.press('Control+Enter');
	// Focus goes back to the text, with the passage still selected.
	await expect(editor).toBeFocused();

	let notes: NoteRow[] = [];
	await expect.poll(async () => (notes = await storedRows<NoteRow>(page, 'notes')).length).toBe(1);
	const note = notes[0];
	expect(note.kind).toBe('familiarisation');
	expect(note.text).toBe(noteText);
	expect(note.target.type).toBe('passage');
	expect(note.target.docId).toBe(docId);
	const { start, end, quote, prefix, suffix } = note.target as Required<NoteRow['target']>;
	expect(text.slice(start, end)).toBe(quote);
	expect(quote.replace(/\s+/g, ' ')).toBe(selected.replace(/\s+/g, ' '));
	expect(prefix).toBe(text.slice(Math.max(0, start - 32), start));
	expect(suffix).toBe(text.slice(end, end + 32));

	// The panel lists it; clicking the passage selects it in the text again.
	const listed = page.getByTestId('doc-note');
	await expect(listed).toHaveCount(1);
	await expect(listed).toContainText(noteText);
	await page.keyboard.press('Control+End');
	await listed.getByRole('button', { name: /^Go to passage/ }).click();
	await expect(editor).toBeFocused();
	await expect.poll(() => page.evaluate(() => getSelection()?.toString().replace(/\s+/g, ' ').trim())).toBe(quote.replace(/\s+/g, ' '));
	// A note on the whole transcript, from the button.
	await page.getByRole('button', { name: 'Note on transcript' }).click();
	await expect(noteBox).toBeFocused();
	await noteBox.fill('Long pauses before talking about the manager.');
	await page.getByRole('button', { name: 'Save note' }).click();
	await expect(listed).toHaveCount(2);
	await expect(listed.first()).toContainText('Whole transcript');
	await expect(page.getByRole('tab', { name: /Notes/ })).toContainText('2');
	await expectAccessible(page, 'transcript screen with the notes panel');
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/famil-transcript.png` });

	// Edit in place, then delete the document note and bring it back with Ctrl+Z.
	await listed.nth(1).getByRole('button', { name: /^Edit note/ }).click();
	const edit = page.getByRole('textbox', { name: 'Edit note' });
	await edit.fill(`${noteText} Ask about colleagues.`);
	await listed.nth(1).getByRole('button', { name: 'Save', exact: true }).click();
	await expect.poll(async () => (await storedRows<NoteRow>(page, 'notes')).find((n) => n.id === note.id)?.text).toBe(`${noteText} Ask about colleagues.`);
	await listed.first().getByRole('button', { name: /^Delete note/ }).click();
	await expect(listed).toHaveCount(1);
	await expect.poll(async () => (await storedRows<NoteRow>(page, 'notes')).length).toBe(1);
	await page.getByRole('button', { name: /^Undo: Delete/ }).click();
	await expect(listed).toHaveCount(2);
	await expect.poll(async () => (await storedRows<NoteRow>(page, 'notes')).length).toBe(2);

	// Mark as read (keyboard): stored with a time; the scrolled progress is kept beside it.
	const markRead = page.getByRole('checkbox', { name: 'Mark as read' });
	await markRead.focus();
	await page.keyboard.press('Space');
	await expect(markRead).toBeChecked();
	await expect.poll(async () => (await readingOf(page, docId))?.readAt ?? null).not.toBeNull();
	const scrolled = (await readingOf(page, docId))!.furthest;
	expect(scrolled).toBeGreaterThanOrEqual(furthest);
	await expect(page.getByTestId('read-status')).toContainText('Read on');
	await expect(page.getByRole('progressbar', { name: 'Read so far' })).toHaveAttribute('aria-valuenow', '100');
	// Unmarking goes back to the scrolled progress; mark it again.
	await page.keyboard.press('Space');
	await expect(markRead).not.toBeChecked();
	await expect.poll(async () => (await readingOf(page, docId))!.readAt).toBeNull();
	await expect(page.getByTestId('read-status')).toHaveText(`Read ${Math.floor((scrolled / text.length) * 100)}%`);
	await page.keyboard.press('Space');
	await expect.poll(async () => (await readingOf(page, docId))?.readAt ?? null).not.toBeNull();

	// The Familiarise screen: counts, the row, the notes and search.
	await page.getByRole('navigation', { name: 'Phases' }).getByRole('link', { name: /Familiarise/ }).click();
	await expect(page).toHaveURL(new RegExp(`/p/${projectId}/familiarise$`));
	await expect(page.getByTestId('read-summary')).toContainText('1 of 23 transcripts read');
	const row = page.getByTestId('reading-row').filter({ has: page.getByRole('rowheader', { name: 'P03', exact: true }) });
	await expect(row).toContainText('Read on');
	await expect(row).toContainText('100%');
	await expect(row.getByTestId('note-count')).toHaveText('2');
	await expect(page.getByTestId('reading-row').filter({ has: page.getByRole('rowheader', { name: 'P04', exact: true }) })).toContainText('Not started');
	const results = page.getByTestId('note-result');
	await expect(results).toHaveCount(2);
	const search = page.getByRole('searchbox', { name: 'Search notes' });
	await search.fill('DEJA identity'); // accents and case do not matter; every word must match
	await expect(results).toHaveCount(1);
	await expect(results).toContainText(noteText);
	await expect(results).toContainText('P03');
	await search.fill('deja manager');
	await expect(results).toHaveCount(0);
	await search.fill(quote.split(/\s+/).slice(1, 3).join(' ')); // words of the quoted passage
	await expect(results).toHaveCount(1);
	await search.fill('');
	await expect(results).toHaveCount(2);

	// A journal entry.
	const journal = page.getByRole('complementary', { name: 'Reflexive journal' });
	await journal.getByRole('textbox', { name: 'New journal entry' }).fill('I expected anger at employers; P03 is mostly relieved. Check my assumption.');
	await journal.getByRole('button', { name: 'Add entry' }).click();
	await expect(journal.getByTestId('journal-entry')).toHaveCount(1);
	await expect
		.poll(async () => (await storedRows<NoteRow>(page, 'notes')).filter((n) => n.kind === 'journal').map((n) => [n.target.type, n.text]))
		.toEqual([['project', 'I expected anger at employers; P03 is mostly relieved. Check my assumption.']]);
	await expectAccessible(page, 'familiarise screen');
	if (SHOTS) {
		await page.evaluate(() => scrollTo(0, 0));
		await page.screenshot({ path: `${SHOTS}/famil-screen.png` });
	}

	// Export the notes as Markdown and read the file.
	const downloading = page.waitForEvent('download');
	await page.getByRole('group', { name: 'Export the notes' }).getByRole('button', { name: 'Markdown' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/^Familiarisation notes - .+\.md$/);
	const md = await readFile((await download.path())!, 'utf8');
	expect(md).toMatch(/^# Familiarisation notes: /);
	expect(md).toContain('## P03');
	expect(md).toContain(`${noteText} Ask about colleagues.`);
	expect(md).toContain('**On the whole transcript:** Long pauses before talking about the manager.');
	expect(md).toContain(`> ${quote.split(/\r?\n/)[0].slice(0, 20)}`);
	expect(md).toContain(`*Written ${new Date(note.createdAt).toISOString()} · edited `);

	// And as CSV: one row per note.
	const csvDownloading = page.waitForEvent('download');
	await page.getByRole('group', { name: 'Export the notes' }).getByRole('button', { name: 'CSV' }).click();
	const csv = await readFile((await (await csvDownloading).path())!, 'utf8');
	expect(csv.startsWith('\uFEFFDocument,Participant,Passage,Start,End,Note,Created,Edited\r\n')).toBe(true);
	expect(csv).toContain(`P03,P03,,,,Long pauses before talking about the manager.`);

	// The journal exports on its own.
	const journalDownloading = page.waitForEvent('download');
	await journal.getByRole('group', { name: 'Export the journal' }).getByRole('button', { name: 'Markdown' }).click();
	const journalMd = await readFile((await (await journalDownloading).path())!, 'utf8');
	expect(journalMd).toMatch(/^# Reflexive journal: /);
	expect(journalMd).toContain('I expected anger at employers; P03 is mostly relieved. Check my assumption.');
	expect(journalMd).not.toContain(noteText);

	// A note opens its transcript at the passage.
	await results.filter({ hasText: 'déjà vu' }).getByRole('link').click();
	await expect(page).toHaveURL(new RegExp(`/d/${docId}\\?at=${start}&end=${end}`));
	await expect(page.getByRole('textbox', { name: 'Transcript P03' })).toBeFocused();
	await expect.poll(() => page.evaluate(() => getSelection()?.toString().replace(/\s+/g, ' ').trim())).toBe(quote.replace(/\s+/g, ' '));
	await expect(page.getByRole('tab', { name: /Notes/ })).toHaveAttribute('aria-selected', 'true');
});
