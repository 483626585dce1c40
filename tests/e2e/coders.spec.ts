// Issue 4, journey (a): two coders code the same passage differently in blind mode. A second
// coder is added in the coder menu; with blind mode on, each sees only their own coding of
// the passage; with it off, both are there, and the stored codings carry their coders.
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
	await page.locator('.ProseMirror .hl').first().hover();
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
	await page.locator('.ProseMirror .hl').first().hover();
	await expect(page.getByRole('tooltip')).toContainText('Experience of being on sick leave');
	await expect(page.getByRole('tooltip')).not.toContainText('Graded return to work');
	await page.getByRole('button', { name: /^Coding as Kari/ }).click();
	await dialog.getByLabel('Show codings of').selectOption({ label: 'every coder' });
	await dialog.getByRole('button', { name: 'Done' }).click();
	await page.locator('.ProseMirror .hl').first().hover();
	await expect(page.getByRole('tooltip')).toContainText('Experience of being on sick leave');
	await expect(page.getByRole('tooltip')).toContainText('Graded return to work');
});
