// Journey: open the NVivo for Windows sample (.qdpx) from the start page, read the import
// report (position unit chosen, nothing left out), open the project, and follow a coded
// extract that comes after emoji and CRLFs in its transcript to check that the passage
// selected in the transcript is the one NVivo coded. A broken file changes nothing stored.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, storedCodings, storedRows } from './helpers';
import { SHARED } from '../shared';

const NVIVO = resolve(SHARED, 'refi-qda', 'samples', 'nvivo-win-12.6_oltas0517.qdpx');

async function chooseRefi(page: Page, name: string, buffer: Buffer) {
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Open a REFI-QDA project (.qdpx)…' }).click();
	await (await chooser).setFiles([{ name, mimeType: 'application/zip', buffer }]);
}

test('open the NVivo sample, read the report, and find a coded passage after emoji on the right words', async ({ page }) => {
	test.setTimeout(120_000);
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Your projects' })).toBeVisible();
	await page.waitForLoadState('networkidle');
	await expectAccessible(page, 'start screen');
	const before = (await storedRows(page, 'projects')).length;

	await chooseRefi(page, 'oltas0517.qdpx', readFileSync(NVIVO));
	const dialog = page.getByRole('dialog', { name: '“Untitled” is ready' });
	await expect(dialog).toBeVisible({ timeout: 60_000 });
	await expect(dialog).toContainText('Imported from oltas0517.qdpx, written by NVivo for Windows 12.6.');
	await expect(dialog.getByRole('region', { name: 'What was read' })).toContainText('303 codings on 303 text selections, by 1 coder');
	await expect(dialog.getByRole('region', { name: 'Text positions' })).toContainText(
		'NVivo for Windows 12.6 counts in UTF-16 code units with CRLF as two (NVivo’s habit; the standard says code points); 300 of 303 selections start and end on word boundaries'
	);
	await expect(dialog.getByRole('region', { name: 'Left out' })).toContainText('Nothing was left out.');
	await page.screenshot({ path: '/tmp/refiin-report.png' });
	await expectAccessible(page, 'REFI-QDA import report');

	// Stored as one project: both transcripts and every coding.
	expect((await storedRows(page, 'projects')).length).toBe(before + 1);
	const codings = await storedCodings(page);
	const target = codings.find((c) => c.quote === 'A kurva anyátokat oltsátok!');
	expect(target).toBeTruthy();
	const contents = await storedRows<{ docId: string; text: string }>(page, 'contents');
	const text = contents.find((c) => c.text.length === 601382)!.text;
	// 17 emoji and 422 CRLFs come before this passage in the stored text.
	expect([...text.slice(0, target!.start).matchAll(/\p{Extended_Pictographic}/gu)].length).toBeGreaterThanOrEqual(17);
	expect(text.slice(0, target!.start).split('\r\n').length - 1).toBe(422);

	await dialog.getByRole('button', { name: 'Open the project' }).click();
	await page.waitForURL(/\/p\/[^/]+$/);
	const projectId = page.url().split('/p/')[1];
	await expect(page.getByRole('table', { name: 'Transcripts' }).getByRole('row')).toHaveCount(3);
	await page.screenshot({ path: '/tmp/refiin-documents.png' });

	// Coded extracts of that code → Open in transcript.
	await page.goto(`/p/${projectId}/extracts?code=${encodeURIComponent(target!.codeId)}`);
	const extract = page.locator('li, article, blockquote').filter({ hasText: 'A kurva anyátokat oltsátok!' }).first();
	await expect(extract).toBeVisible();
	await page.screenshot({ path: '/tmp/refiin-extracts.png' });
	await expectAccessible(page, 'coded extracts of an imported project');
	await extract.getByRole('link', { name: 'Open in transcript' }).click();
	await page.waitForURL(/\/d\//);
	await expect(page.getByRole('textbox', { name: /^Transcript / })).toBeVisible();
	await expect.poll(() => page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('A kurva anyátokat oltsátok!');
	// The words around it are the ones in the .txt, and the passage is highlighted as coded.
	const highlighted = page.locator('.ProseMirror [class*="hl"]').filter({ hasText: 'A kurva anyátokat oltsátok!' });
	await expect(highlighted.first()).toBeVisible();
	await page.screenshot({ path: '/tmp/refiin-transcript.png' });
});

test('a damaged .qdpx is refused with the file named, and nothing is stored', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Your projects' })).toBeVisible();
	await page.waitForLoadState('networkidle');
	const before = await storedRows(page, 'projects');
	await chooseRefi(page, 'cut.qdpx', readFileSync(NVIVO).subarray(0, 20_000));
	await expect(page.getByText(/“cut\.qdpx” is damaged or incomplete: its zip archive cannot be read.*Nothing was imported\./)).toBeVisible();
	await page.screenshot({ path: '/tmp/refiin-error.png' });
	expect(await storedRows(page, 'projects')).toEqual(before);
	await chooseRefi(page, 'notes.qdpx', Buffer.from('just some notes'));
	await expect(page.getByText('“notes.qdpx” is not a REFI-QDA project: a .qdpx is a zip archive, and this file is not one. Nothing was imported.')).toBeVisible();
	expect(await storedRows(page, 'projects')).toEqual(before);
});
