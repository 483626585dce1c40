// Backup, restore, the phase guide and writing up, through the real UI: the sample study
// coded with its gold codings and grouped into the codebook's themes is restored from a
// backup file, the overview shows where each phase stands, the theme table is exported as
// DOCX and Markdown and copied, and backing up gives back the same project.
import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { sampleBackup } from '../fixtures/sampleBackup';
import { expectAccessible } from './helpers';

test('restore a backup, read the phase guide, export the theme table, back up again', async ({ page, context }, info) => {
	const backup = sampleBackup();
	const file = info.outputPath('sample backup.json');
	writeFileSync(file, JSON.stringify(backup));

	await page.goto('/');
	// A file that is not a backup is refused with its name; nothing is stored.
	const bad = info.outputPath('notes.json');
	writeFileSync(bad, '{"hello": 1}');
	await page.locator('#restore-file').setInputFiles(bad);
	await expect(page.getByText(/notes\.json: is not a Tema project backup.*Nothing was restored/)).toBeVisible();

	await page.locator('#restore-file').setInputFiles(file);
	await page.waitForURL(/\/p\/sample-project\/overview$/);
	const phases = page.getByRole('region', { name: 'Phases of the analysis' }).or(page.locator('section.phases'));
	await expect(phases.getByRole('listitem').filter({ hasText: 'Coding' })).toContainText('23 of 23');
	const themesCard = phases.getByRole('listitem').filter({ hasText: 'Generating themes' });
	await expect(themesCard).toContainText(/main themes\s*2/);
	await expect(themesCard).toContainText(/used codes not yet in a theme\s*13 of 41/);
	await expectAccessible(page, 'overview');

	// Write up: the table has the codebook's structure; export DOCX and Markdown.
	await page.getByRole('link', { name: /Write up/ }).click();
	const preview = page.getByRole('region', { name: 'Theme table preview' });
	await expect(preview.getByRole('row')).toHaveCount(1 + 2 + 5);
	await expect(preview).toContainText('Change in perceptions of mental health and work (n = 23)');
	await expectAccessible(page, 'write-up');
	await page.screenshot({ path: info.outputPath('write-up.png') });

	const [docx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the theme table as Word (.docx)' }).click()]);
	expect(docx.suggestedFilename()).toMatch(/theme table\.docx$/);
	const xml = strFromU8(unzipSync(readFileSync(await docx.path()))['word/document.xml']);
	expect(xml.match(/<w:tr[ >]/g)?.length).toBe(8);
	for (const t of backup.themes) expect(xml).toContain(t.name);
	expect(xml).toContain('<w:i/>'); // quotes in italics

	const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the theme table as Markdown (.md)' }).click()]);
	const markdown = readFileSync(await md.path(), 'utf8');
	expect(markdown).toContain('| Theme | Definition | n | Illustrative quotes |');
	expect(markdown).toMatch(/\| Being open about mental illness at work \| Concept of Being open about mental illness at work \| \d+ \| \*“/);

	// Leaving candidates out changes the table at once.
	await page.getByLabel('Include candidate themes').uncheck();
	await expect(preview.getByRole('row')).toHaveCount(8); // all sample themes are kept

	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.getByRole('button', { name: 'Copy table' }).first().click();
	await expect(page.getByText(/Copied the theme table/)).toBeVisible();
	const clip = await page.evaluate(() => navigator.clipboard.readText());
	expect(clip.split('\n')[0]).toBe('Main theme\tTheme\tDefinition\tn\tIllustrative quotes');

	// Back up: the same project comes back, apart from the time stamps.
	await page.getByRole('link', { name: 'Overview' }).click();
	await expect(page.getByText('Not backed up from this browser yet.')).toBeVisible();
	const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Back up project' }).click()]);
	const again = JSON.parse(readFileSync(await json.path(), 'utf8'));
	expect({ ...again, exportedAt: 0, project: { ...again.project, updatedAt: 0 } }).toEqual({
		...backup,
		exportedAt: 0,
		project: { ...backup.project, updatedAt: 0 }
	});
	await expect(page.getByText(/Last backed up/)).toBeVisible();
	await page.screenshot({ path: info.outputPath('overview.png') });
});
