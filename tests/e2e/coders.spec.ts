// Issue 4, journeys (a) two coders code the same passage differently in blind mode (a second
// coder is added in the coder menu; with blind mode on, each sees only their own coding of
// the passage; with it off, both are there, and the stored codings carry their coders) and
// (d) a coder package exported from one project is imported into another.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, openSample, storedCodingsWhen, storedRows } from './helpers';

async function selectFirstAnswer(page: Page) {
	const editor = page.getByRole('textbox', { name: 'Transcript P02' });
	await editor.focus();
	await page.keyboard.press('Control+Home');
	for (let i = 0; i < 4; i++) await page.keyboard.press('Alt+ArrowDown');
	for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+Control+ArrowRight');
	await expect(page.getByTestId('selection-quote')).toHaveText('“I work as a warehouse supervisor”');
}

/** Hovers the first highlight afresh (moving away first, so the tooltip opens again). */
async function hoverFirst(page: Page) {
	await page.getByRole('button', { name: /^Coding as/ }).hover();
	await page.locator('.ProseMirror .hl').first().hover();
}

async function applyByName(page: Page, name: string) {
	await page.keyboard.press('c');
	await expect(page.getByRole('combobox', { name: 'Find a code' })).toBeFocused();
	await page.keyboard.type(name);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('textbox', { name: 'Transcript P02' })).toBeFocused();
}

test('two coders code the same passage differently in blind mode', async ({ page }, info) => {
	await openSample(page);
	const menu = page.getByRole('button', { name: /^Coding as Me/ });
	await menu.click();
	const dialog = page.getByRole('dialog', { name: 'Coders' });
	await dialog.getByLabel('New coder’s name').fill('Kari');
	await dialog.getByRole('button', { name: 'Add coder' }).click();
	await expect(dialog.getByLabel('Name of coder Kari')).toBeVisible();
	await dialog.getByLabel('Blind mode', { exact: false }).check();
	await expectAccessible(page, 'coder menu');
	await page.screenshot({ path: info.outputPath('coders.png') });
	await dialog.getByRole('button', { name: 'Done' }).click();
	await expect(page.getByRole('button', { name: /^Coding as Me, blind/ })).toBeVisible();

	// Me codes the passage as "Experience of being on sick leave".
	await page.getByRole('link', { name: 'P02', exact: true }).first().click();
	await selectFirstAnswer(page);
	await applyByName(page, 'experience of being on sick');
	await expect(page.locator('.ProseMirror .hl')).toHaveCount(1);

	// Kari, blind: Me's coding is hidden; Kari codes the same passage with another code.
	await page.getByRole('button', { name: /^Coding as Me/ }).click();
	await dialog.getByLabel('Code as Kari').check();
	await dialog.getByRole('button', { name: 'Done' }).click();
	await expect(page.getByRole('button', { name: /^Coding as Kari, blind/ })).toBeVisible();
	await expect(page.locator('.ProseMirror .hl')).toHaveCount(0);
	await selectFirstAnswer(page);
	await applyByName(page, 'graded return');
	await expect(page.locator('.ProseMirror .hl')).toHaveCount(1);
	await hoverFirst(page);
	await expect(page.getByRole('tooltip')).toContainText('Graded return to work');
	await expect(page.getByRole('tooltip')).toContainText('Kari');
	await expect(page.getByRole('tooltip')).not.toContainText('Experience of being on sick leave');

	// Stored: the same span, two codes, two coders.
	const coders = await storedRows<{ id: string; name: string }>(page, 'coders');
	const codes = await storedRows<{ id: string; name: string }>(page, 'codes');
	const stored = await storedCodingsWhen(page, (k) => k.length === 2);
	const byCoder = new Map(stored.map((k) => [coders.find((c) => c.id === k.coderId)?.name, k]));
	expect(byCoder.get('Me')?.quote).toBe('I work as a warehouse supervisor');
	expect(byCoder.get('Kari')?.quote).toBe('I work as a warehouse supervisor');
	expect(codes.find((c) => c.id === byCoder.get('Me')?.codeId)?.name).toBe('Experience of being on sick leave');
	expect(codes.find((c) => c.id === byCoder.get('Kari')?.codeId)?.name).toBe('Graded return to work');
	const project = (await storedRows<{ blind?: boolean; currentCoderId: string }>(page, 'projects'))[0];
	expect(project.blind).toBe(true);
	expect(project.currentCoderId).toBe(coders.find((c) => c.name === 'Kari')?.id);

	// Blind mode off: both codings are on the passage; a layer shows one coder at a time.
	await page.getByRole('button', { name: /^Coding as Kari/ }).click();
	await dialog.getByLabel('Blind mode', { exact: false }).uncheck();
	await dialog.getByLabel('Show codings of').selectOption({ label: 'Me only' });
	await dialog.getByRole('button', { name: 'Done' }).click();
	await hoverFirst(page);
	await expect(page.getByRole('tooltip')).toContainText('Experience of being on sick leave');
	await expect(page.getByRole('tooltip')).not.toContainText('Graded return to work');
	await page.getByRole('button', { name: /^Coding as Kari/ }).click();
	await dialog.getByLabel('Show codings of').selectOption({ label: 'every coder' });
	await dialog.getByRole('button', { name: 'Done' }).click();
	await hoverFirst(page);
	await expect(page.getByRole('tooltip')).toContainText('Experience of being on sick leave');
	await expect(page.getByRole('tooltip')).toContainText('Graded return to work');
});

test('export a coder package and import it into a second project: matched by content, not by name', async ({ page }) => {
	const first = await openSample(page);
	await page.getByRole('button', { name: /^Coding as Me/ }).click();
	const dialog = page.getByRole('dialog', { name: 'Coders' });
	await dialog.getByLabel('New coder’s name').fill('Kari');
	await dialog.getByRole('button', { name: 'Add coder' }).click();
	await dialog.getByLabel('Code as Kari').check();
	await dialog.getByRole('button', { name: 'Done' }).click();
	await page.getByRole('link', { name: 'P02', exact: true }).first().click();
	await selectFirstAnswer(page);
	await applyByName(page, 'graded return');
	await storedCodingsWhen(page, (k) => k.length === 1);

	await page.getByRole('button', { name: /^Coding as Kari/ }).click();
	const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export a coder package of Kari’s codings' }).click()]);
	expect(download.suggestedFilename()).toMatch(/^Kari codings \d{4}-\d{2}-\d{2}\.tema-coder\.json$/);
	const pkgPath = await download.path();
	await dialog.getByRole('button', { name: 'Done' }).click();

	// A second project holding the same interview under another file name.
	await page.goto('/');
	await page.getByLabel('Project name').fill('Second copy');
	await page.getByRole('button', { name: 'Create project' }).click();
	await page.waitForURL(/\/p\/[^/]+$/);
	const second = page.url().split('/p/')[1];
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Choose files…' }).click();
	await (await chooser).setFiles([{ name: 'interview-two.txt', mimeType: 'text/plain', buffer: readFileSync('static/sample/P02.txt') }]);
	await expect(page.getByTestId('import-result')).toHaveText('1 transcript added.');

	await page.getByRole('button', { name: /^Coding as Me/ }).click();
	await dialog.getByLabel('Coder package to import').setInputFiles(pkgPath);
	const preview = dialog.getByRole('region', { name: 'Package import preview' });
	await expect(preview).toContainText('Adds the coder “Kari”.');
	await expect(preview).toContainText('1 transcript(s) matched by content.');
	await expect(preview).toContainText('Graded return to work');
	await expect(preview).toContainText('Codings: 1 to add.');
	await expectAccessible(page, 'coder package preview');
	await preview.getByRole('button', { name: 'Import 1 codings' }).click();
	await expect(preview).toBeHidden();
	await expect(dialog.getByLabel('Name of coder Kari')).toBeVisible();

	const docs = await storedRows<{ id: string; projectId: string; name: string }>(page, 'documents');
	const target = docs.find((d) => d.projectId === second)!;
	expect(target.name).toBe('interview-two');
	const coders = await storedRows<{ id: string; name: string; projectId: string }>(page, 'coders');
	const codings = await storedCodingsWhen(page, (k) => k.length === 2);
	const imported = codings.find((k) => (k as unknown as { docId: string }).docId === target.id)!;
	expect(imported.quote).toBe('I work as a warehouse supervisor');
	expect(coders.find((c) => c.id === imported.coderId)).toMatchObject({ name: 'Kari', projectId: second });
	expect(first).not.toBe(second);

	// Importing the same package again adds nothing.
	await dialog.getByLabel('Coder package to import').setInputFiles(pkgPath);
	await expect(preview).toContainText('Codings: 0 to add, 1 already here.');
	await expect(preview.getByRole('button', { name: 'Import 0 codings' })).toBeDisabled();
});
