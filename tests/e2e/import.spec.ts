// Journeys (b) and (d): import transcripts through the file chooser and check speakers and
// turns; then bad files (binary, empty, Windows-1252, unknown encoding) each get a clear
// outcome, and nothing already stored changes.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { createProject, expectAccessible, storedRows } from './helpers';

const SAMPLE = 'static/sample';

function file(name: string, bytes: Buffer | string) {
	return { name, mimeType: 'text/plain', buffer: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8') };
}

test('import two transcripts with the file chooser; speakers and turns are shown', async ({ page }) => {
	await page.goto('/');
	await expectAccessible(page, 'start screen');
	const id = await createProject(page, 'Import journey');
	await expectAccessible(page, 'empty project');

	// P07 uses one label style; P19 has CRLF line ends and "Participant 19:"-style labels.
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Choose files…' }).click();
	await (await chooser).setFiles([
		file('P07.txt', readFileSync(`${SAMPLE}/P07.txt`)),
		file('P19.txt', readFileSync(`${SAMPLE}/P19.txt`))
	]);
	await expect(page.getByTestId('import-result')).toHaveText('2 transcripts added.');
	const rows = page.getByRole('table', { name: 'Transcripts' }).getByRole('row');
	await expect(rows).toHaveCount(3);
	await expect(page.getByLabel('Participant of P19')).toHaveValue('P19');

	const docs = await storedRows<{ name: string; turnCount: number; eol: string; projectId: string }>(page, 'documents');
	expect(docs.map((d) => d.name).sort()).toEqual(['P07', 'P19']);
	expect(docs.every((d) => d.projectId === id)).toBe(true);
	expect(docs.find((d) => d.name === 'P19')?.eol).toBe('crlf');

	// The text the browser stored is byte-for-byte the file (CRLF kept), with its turns.
	const contents = await storedRows<{ text: string; turns: { speaker: string; role: string; start: number; end: number }[] }>(page, 'contents');
	const p19 = readFileSync(`${SAMPLE}/P19.txt`, 'utf8');
	const stored19 = contents.find((c) => c.text === p19);
	expect(stored19).toBeTruthy();
	const roles = new Set(stored19!.turns.map((t) => t.role));
	expect(roles).toEqual(new Set(['interviewer', 'participant']));
	for (const t of stored19!.turns) expect(p19.slice(t.start, t.end)).not.toMatch(/[\r\n]/);

	await page.getByRole('link', { name: 'P19', exact: true }).first().click();
	const editor = page.getByRole('textbox', { name: 'Transcript P19' });
	await expect(editor).toBeVisible();
	const participantTurns = page.locator('.ProseMirror .turn-participant');
	const interviewerTurns = page.locator('.ProseMirror .turn-interviewer');
	expect(await participantTurns.count()).toBe(stored19!.turns.filter((t) => t.role === 'participant').length);
	expect(await interviewerTurns.count()).toBe(stored19!.turns.filter((t) => t.role === 'interviewer').length);
	const firstLabel = stored19!.turns[0].speaker;
	await expect(page.locator('.ProseMirror .speaker-label').first()).toContainText(firstLabel);
	// Interviewer and participant turns look different.
	const bgI = await interviewerTurns.first().evaluate((el) => getComputedStyle(el).backgroundColor);
	const bgP = await participantTurns.first().evaluate((el) => getComputedStyle(el).backgroundColor);
	expect(bgI).not.toBe(bgP);
});

test('binary, empty, Windows-1252 and unknown-encoding files each get a clear outcome', async ({ page }) => {
	await createProject(page, 'Bad input journey');
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Choose files…' }).click();
	await (await chooser).setFiles([file('P01.txt', readFileSync(`${SAMPLE}/P01.txt`))]);
	await expect(page.getByTestId('import-result')).toHaveText('1 transcript added.');
	const docsBefore = await storedRows(page, 'documents');
	const contentsBefore = await storedRows(page, 'contents');

	const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 0)]);
	const chooser2 = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Choose files…' }).click();
	await (await chooser2).setFiles([file('scan.txt', png), file('blank.txt', Buffer.alloc(0))]);
	const problems = page.getByRole('list', { name: 'Files not added' });
	await expect(problems).toContainText('scan.txt: This is not a plain-text file');
	await expect(problems).toContainText('blank.txt: the file is empty');
	await expect(page.getByTestId('import-result')).toContainText('0 transcripts added');
	expect(await storedRows(page, 'documents')).toEqual(docsBefore);
	expect(await storedRows(page, 'contents')).toEqual(contentsBefore);

	// Windows-1252 (typographic quotes, a dash and æøå) is recognised and decoded correctly.
	const text1252 = 'Interviewer: Hvordan gikk det på jobb?\r\n\r\nP04: Jeg følte meg “sliten” – men nærmeste leder var grei.\r\n';
	const bytes1252 = Buffer.from(
		Array.from(text1252, (ch) => ({ '“': 0x93, '”': 0x94, '–': 0x96 })[ch] ?? ch.charCodeAt(0))
	);
	const chooser3 = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Choose files…' }).click();
	await (await chooser3).setFiles([file('P04.txt', bytes1252)]);
	await expect(page.getByTestId('import-result')).toHaveText('1 transcript added.');
	await expect(page.getByRole('row', { name: /P04/ })).toContainText('windows-1252');
	const contents = await storedRows<{ text: string }>(page, 'contents');
	expect(contents.map((c) => c.text)).toContain(text1252);

	// Bytes that fit no encoding clearly: Tema asks; skipping stores nothing.
	const before = await storedRows(page, 'documents');
	const odd = Buffer.from([...Buffer.from('Interviewer: Hei\n\nP05: '), 0xc6, 0xd8, 0xc5, 0xe6, 0xf8, 0xe5, 0xa4, 0xa7, 0x0a]);
	const chooser4 = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Choose files…' }).click();
	await (await chooser4).setFiles([file('P05.txt', odd)]);
	const dialog = page.getByRole('dialog', { name: 'Which encoding is “P05.txt” in?' });
	await expect(dialog).toBeVisible();
	await expectAccessible(page, 'encoding question');
	await dialog.getByRole('button', { name: 'Skip this file' }).click();
	await expect(problems).toContainText('P05.txt: skipped');
	expect(await storedRows(page, 'documents')).toEqual(before);
});

test('drop transcripts onto the import area; another open tab is told its copy is stale', async ({ page, context }) => {
	await createProject(page, 'Drop journey');
	const other = await context.newPage();
	await other.goto(page.url());
	await expect(other.getByRole('heading', { name: 'Add transcripts' })).toBeVisible();
	const texts = ['P08.txt', 'P09.txt'].map((n) => [n, readFileSync(`${SAMPLE}/${n}`, 'utf8')]);
	const dataTransfer = await page.evaluateHandle((texts) => {
		const dt = new DataTransfer();
		for (const [name, text] of texts) dt.items.add(new File([text], name, { type: 'text/plain' }));
		return dt;
	}, texts);
	await page.getByRole('region', { name: 'Add transcripts' }).dispatchEvent('drop', { dataTransfer });
	await expect(page.getByTestId('import-result')).toHaveText('2 transcripts added.');
	await expect(page.getByRole('table', { name: 'Transcripts' }).getByRole('row')).toHaveCount(3);
	expect((await storedRows<{ name: string }>(page, 'documents')).map((d) => d.name).sort()).toEqual(['P08', 'P09']);
	await expect(other.getByRole('status').filter({ hasText: 'changed in another Tema tab' })).toBeVisible();
	await expect(page.getByText('changed in another Tema tab')).toHaveCount(0);
});
