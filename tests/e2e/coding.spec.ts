// Journey (a): open the sample study, code a passage with the keyboard only, reload, and
// find the coding again, on screen and in IndexedDB.
import { expect, test } from '@playwright/test';
import { expectAccessible, openSample, storedCodings, storedCodingsWhen } from './helpers';

test('code a passage with the keyboard only; it survives a reload', async ({ page }) => {
	await openSample(page);
	await expectAccessible(page, 'documents screen');

	// Open P02 from the transcripts table with the keyboard.
	await page.getByRole('link', { name: 'P02', exact: true }).first().focus();
	await page.keyboard.press('Enter');
	const editor = page.getByRole('textbox', { name: 'Transcript P02' });
	await expect(editor).toBeFocused();
	await expectAccessible(page, 'coding screen');

	// Caret to the start of P02's first long answer ("I work as a warehouse supervisor…"):
	// Alt+Down jumps turn by turn (to the spoken text, after the label; the first press to
	// the first turn's text, the fourth to the second answer); then select six
	// words with Shift+Ctrl+Right.
	await page.keyboard.press('Control+Home');
	for (let i = 0; i < 4; i++) await page.keyboard.press('Alt+ArrowDown');
	for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+Control+ArrowRight');
	const quote = page.getByTestId('selection-quote');
	await expect(quote).toHaveText('“I work as a warehouse supervisor”');

	// Two keystrokes after selecting would do with a recent code; the first code of a
	// session is found by name: C, type, Enter.
	await page.keyboard.press('c');
	const search = page.getByRole('combobox', { name: 'Find a code' });
	await expect(search).toBeFocused();
	await page.keyboard.type('experience of being on sick');
	await page.keyboard.press('Enter');
	await expect(editor).toBeFocused();
	await expect(page.locator('.ProseMirror .hl')).toHaveCount(1);
	await expect(page.locator('.ProseMirror .hl')).toContainText('warehouse supervisor');

	// The recent code is now on key 1: select the next sentence and press 1 (one keystroke).
	await page.keyboard.press('ArrowRight');
	for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+Control+ArrowRight');
	await page.keyboard.press('1');
	await expect(page.locator('.ProseMirror .hl')).toHaveCount(2);

	// In vivo straight after a keyboard selection: Shift+End, then V at once.
	await page.keyboard.press('Control+Home');
	for (let i = 0; i < 2; i++) await page.keyboard.press('Alt+ArrowDown');
	await page.keyboard.press('Shift+End');
	await page.keyboard.press('v');
	await expect(page.locator('.ProseMirror .hl')).toHaveCount(3);
	await expect(page.getByRole('button', { name: /^Apply Yes, let's do it/ }).first()).toBeVisible();
	await page.keyboard.press('Control+z');
	await page.keyboard.press('Control+z');
	await expect(page.locator('.ProseMirror .hl')).toHaveCount(2);

	// Hover shows code and coder.
	await page.locator('.ProseMirror .hl').first().hover();
	await expect(page.getByRole('tooltip')).toContainText('Experience of being on sick leave');
	await expect(page.getByRole('tooltip')).toContainText('Me');

	// Adjust the first coding's boundaries to a new selection, undo; remove it, undo.
	const original = await storedCodingsWhen(page, (c) => c.length === 2);
	await page.keyboard.press('Control+Home');
	for (let i = 0; i < 4; i++) await page.keyboard.press('Alt+ArrowDown');
	for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Control+ArrowRight');
	const here = page.getByTestId('cursor-coding');
	await expect(here).toHaveCount(1);
	await here.getByRole('button', { name: 'Use selection as boundaries' }).click();
	await expect.poll(async () => (await storedCodings(page)).map((c) => c.quote).sort()).toContain('I work as');
	await page.keyboard.press('Control+z');
	await expect.poll(async () => (await storedCodings(page)).map((c) => c.quote).sort()).toEqual(original.map((c) => c.quote).sort());
	await page.getByRole('button', { name: 'Remove coding Experience of being on sick leave' }).first().click();
	await expect(page.locator('.ProseMirror .hl')).toHaveCount(1);
	await storedCodingsWhen(page, (c) => c.length === 1);
	await page.keyboard.press('Control+z');
	await expect(page.locator('.ProseMirror .hl')).toHaveCount(2);

	const before = await storedCodingsWhen(page, (c) => c.length === 2);
	expect(before.map((c) => c.quote).join(' ')).toContain('warehouse supervisor');

	await page.reload();
	await expect(page.locator('.ProseMirror .hl')).toHaveCount(2);
	await expect(page.locator('.ProseMirror .hl').first()).toContainText('warehouse supervisor');
	expect(await storedCodings(page)).toEqual(before);

	// Retrieve: the code's extracts across documents, with counts and a link back.
	await page.getByRole('link', { name: 'Coded extracts' }).click();
	await page.getByRole('navigation', { name: 'Codes' }).getByRole('link', { name: /Experience of being on sick leave/ }).click();
	await expect(page.getByTestId('extract-summary')).toHaveText('2 extracts from 1 participant');
	await expect(page.getByRole('region', { name: /P02/ }).getByRole('blockquote').first()).toContainText('warehouse supervisor');
	await expectAccessible(page, 'coded extracts');
	// The parent group counts its sub-codes' extracts.
	await expect(page.getByRole('navigation', { name: 'Codes' }).getByRole('link', { name: /Sick leave and return to work/ })).toContainText('2 · 1');
	await page.getByRole('link', { name: 'Open in transcript' }).first().click();
	await expect(page.getByTestId('selection-quote')).toHaveText('“I work as a warehouse supervisor”');

	// Settings: whether storage is persistent, and how much is used.
	await page.getByRole('link', { name: 'Storage and settings' }).click();
	await expect(page.getByTestId('persisted')).not.toBeEmpty();
	await expect(page.getByTestId('usage')).toContainText('available to this site');
	await expectAccessible(page, 'settings');
});
