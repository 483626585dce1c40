// Issue 6, journey: import participants from CSV and export Table 1. A new project gets the
// sample's participants.csv through the Participants screen; a value is corrected in place
// (and undone and redone), an attribute is read as numbers, a participant is added, a second
// CSV updates one row; Table 1 is previewed and exported as Markdown and Word.
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from '@playwright/test';
import { createProject, expectAccessible, storedRows } from './helpers';

const CSV = readFileSync('static/sample/participants.csv');

test('import participants from CSV, edit them, and export Table 1', async ({ page }, info) => {
	const id = await createProject(page, 'Participants study');
	await page.goto(`/p/${id}/participants`);
	await expect(page.getByRole('heading', { name: 'Participants', level: 1 })).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Familiarising' }).getByRole('link', { name: 'Participants' })).toHaveAttribute('aria-current', 'page');
	await page.getByLabel('Participants CSV file to import').setInputFiles({ name: 'participants.csv', mimeType: 'text/csv', buffer: CSV });
	const table = page.getByRole('table', { name: 'Participants' });
	await expect(table.getByRole('row')).toHaveCount(24);
	await expect(page.getByText('participants.csv: 23 participant(s) added, 0 updated.')).toBeVisible();

	// Table 1 from the CSV: 18 female, 5 male.
	const preview = page.getByRole('region', { name: 'Table 1 preview' });
	await expect(preview).toContainText('Table 1. Participant characteristics (N = 23)');
	await expect(preview.getByRole('row', { name: /^Female/ })).toContainText('18 (78.3)');
	await expect(preview.getByRole('row', { name: /^Male/ })).toContainText('5 (21.7)');

	// Correct a value in place; undo and redo it.
	const p01 = page.getByRole('textbox', { name: 'gender of P01', exact: true });
	await p01.fill('male');
	await p01.press('Enter');
	await expect(preview.getByRole('row', { name: /^Male/ })).toContainText('6 (26.1)');
	await page.getByRole('button', { name: 'Undo: Set gender of P01' }).click();
	await expect(preview.getByRole('row', { name: /^Male/ })).toContainText('5 (21.7)');
	await expect(p01).toHaveValue('female');
	await page.getByRole('button', { name: 'Redo: Set gender of P01' }).click();
	await expect(p01).toHaveValue('male');

	// A number typed where a number belongs; text refused with the reason.
	const age = page.getByRole('textbox', { name: 'sick_leave_pct_at_start of P02', exact: true });
	await age.fill('about half');
	await age.press('Enter');
	await expect(page.getByText('P02, sick_leave_pct_at_start: “about half” is not a number.')).toBeVisible();
	await expect(age).toHaveValue('70');

	// Read a category column as numbers: Table 1 then gives mean (SD).
	await page.getByLabel('Type of rtw_self_efficacy_pre').selectOption('category');
	await expect(preview).not.toContainText('Rtw self efficacy pre Mean');
	await page.getByLabel('Type of rtw_self_efficacy_pre').selectOption('number');
	await expect(preview.getByRole('row', { name: /Mean \(SD\)/ }).first()).toBeVisible();

	// Add a participant and update one through a second CSV.
	await page.getByLabel('New participant').fill('P24');
	await page.getByRole('button', { name: 'Add' }).first().click();
	await expect(table.getByRole('row')).toHaveCount(25);
	await page.getByLabel('Participants CSV file to import').setInputFiles({ name: 'update.csv', mimeType: 'text/csv', buffer: Buffer.from('id,gender\nP24,female\n') });
	await expect(page.getByText('update.csv: 0 participant(s) added, 1 updated.')).toBeVisible();
	await expect(preview).toContainText('(N = 24)');
	await expect.poll(async () => (await storedRows<{ label: string; attributes: Record<string, unknown> }>(page, 'participants')).find((p) => p.label === 'P24')?.attributes.gender).toBe('female');
	const project = (await storedRows<{ attributes?: { name: string; type: string }[] }>(page, 'projects'))[0];
	expect(project.attributes?.find((a) => a.name === 'rtw_self_efficacy_pre')?.type).toBe('number');

	await expectAccessible(page, 'participants');
	await page.screenshot({ path: info.outputPath('participants.png'), fullPage: true });

	// Exports.
	const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Table 1 as Markdown (.md)' }).click()]);
	expect(md.suggestedFilename()).toMatch(/Table 1.*\.md$/);
	const text = readFileSync((await md.path())!, 'utf8');
	expect(text).toContain('| Female | 18 (75.0) |');
	expect(text).toContain('| Male | 6 (25.0) |');
	const [docx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Table 1 as Word (.docx)' }).click()]);
	const xml = strFromU8(unzipSync(readFileSync((await docx.path())!))['word/document.xml']);
	expect(xml).toContain('Participant characteristics (N = 24)');
	expect(xml).toContain('18 (75.0)');
});
