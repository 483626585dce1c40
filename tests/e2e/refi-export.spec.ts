// REFI-QDA export and the backup round trip, through the real UI: the coded sample study (with
// a main theme and a theme made on the board) is exported as .qdpx from the Overview and as
// .qdc from the Codebook screen; both downloads are unzipped and validated against the REFI
// schemas (xmllint-wasm) and counted against what IndexedDB holds. A CSV codebook is imported
// through the preview of what will happen, a broken .qdc is refused; then the project is
// backed up, deleted and restored, and comes back with its codings and themes.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { validateXML } from 'xmllint-wasm';
import { SHARED } from '../shared';
import { expectAccessible, openCodedSample, storedCodings, storedRows } from './helpers';

const PROJECT_XSD = readFileSync(resolve(SHARED, 'refi-qda/schema/Project-mrt2019.xsd'), 'utf8');
const CODEBOOK_XSD = readFileSync(resolve(SHARED, 'refi-qda/schema/Codebook.xsd'), 'utf8');

async function validate(xml: string, xsd: string): Promise<string[]> {
	const r = await validateXML({ xml: [{ fileName: 'file.xml', contents: xml }], schema: [{ fileName: 'schema.xsd', contents: xsd }], maxMemoryPages: 16384 });
	return r.errors.map((e) => e.rawMessage);
}

const count = (xml: string, element: string) => (xml.match(new RegExp(`<${element}[ >/]`, 'g')) ?? []).length;

async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
	const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
	return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

test('export .qdpx and .qdc from the coded sample, import a CSV codebook, back up, delete, restore', async ({ page }, info) => {
	test.setTimeout(180_000);
	const id = await openCodedSample(page);

	// Two themes made on the board: a main theme, and a theme holding a code (key T on the pile).
	await page.goto(`/p/${id}/themes`);
	await page.getByRole('button', { name: 'New main theme', exact: true }).click();
	await page.keyboard.type('Change at work');
	await page.keyboard.press('Enter');
	const filter = page.getByRole('searchbox', { name: 'Filter the codes not in a theme' });
	await filter.fill('postpon');
	await filter.press('ArrowDown');
	await page.keyboard.press('t');
	await expect(page.getByRole('textbox', { name: /^Name of a new theme with/ })).toBeFocused();
	await page.keyboard.press('Control+a');
	await page.keyboard.type('Coping strategies');
	await page.keyboard.press('Enter');
	await expect.poll(async () => (await storedRows(page, 'themes')).length).toBe(2);

	const codes = await storedRows<{ id: string; name: string }>(page, 'codes');
	const coders = await storedRows<{ id: string; name: string }>(page, 'coders');
	const codings = await storedCodings(page);
	expect(codings.length).toBeGreaterThanOrEqual(3680);

	// Overview: the backup card offers the REFI-QDA export.
	await page.getByRole('navigation', { name: 'Phases' }).getByRole('link', { name: /Overview/ }).click();
	await expect(page.getByRole('heading', { name: 'Backup' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: /live only in this browser/ })).toBeVisible();
	await expectAccessible(page, 'overview with export');
	await page.locator('section.backup').screenshot({ path: '/tmp/refiout-overview-backup.png' });

	const qdpx = await download(page, 'Export REFI-QDA project (.qdpx)');
	expect(qdpx.name).toMatch(/\.qdpx$/);
	await expect(page.getByText(/^Exported “.*\.qdpx”: 23 transcripts/)).toBeVisible();
	const files = unzipSync(new Uint8Array(qdpx.bytes));
	const names = Object.keys(files);
	expect(names[0]).toBe('project.qde');
	expect(names.filter((n) => /^sources\/[0-9a-f-]{36}\.txt$/.test(n))).toHaveLength(23);
	const qde = strFromU8(files['project.qde']);
	expect(await validate(qde, PROJECT_XSD)).toEqual([]);
	expect(count(qde, 'TextSource')).toBe(23);
	expect(count(qde, 'PlainTextSelection')).toBe(codings.length);
	expect(count(qde, 'Coding')).toBe(codings.length);
	expect(count(qde, 'Code')).toBe(codes.length);
	expect(count(qde, 'User')).toBe(coders.length);
	expect(count(qde, 'Case')).toBe(23);
	expect(count(qde, 'Variable')).toBeGreaterThan(5);
	expect([...qde.matchAll(/<Set guid="[^"]+" name="([^"]+)"/g)].map((m) => m[1])).toEqual(['Main theme: Change at work', 'Theme: Coping strategies']);
	// A coded passage of the first transcript, read from its source file by code points, is the stored quote.
	const sel = /<TextSource guid="([^"]+)" name="([^"]+)"[^>]*>\n<PlainTextSelection guid="[^"]+" startPosition="(\d+)" endPosition="(\d+)"/.exec(qde)!;
	const text = Array.from(strFromU8(files[`sources/${sel[1]}.txt`]));
	const quote = text.slice(Number(sel[3]), Number(sel[4])).join('');
	expect(codings.some((c) => c.quote === quote)).toBe(true);

	// Codebook: export .qdc.
	await page.goto(`/p/${id}/codebook`);
	const qdc = await download(page, 'Export codebook (.qdc)');
	expect(qdc.name).toMatch(/codebook\.qdc$/);
	const book = qdc.bytes.toString('utf8');
	expect(await validate(book, CODEBOOK_XSD)).toEqual([]);
	expect(count(book, 'Code')).toBe(codes.length);
	expect(count(book, 'Set')).toBe(2);

	// A first backup: the reminder goes.
	await page.goto(`/p/${id}/overview`);
	await download(page, 'Back up project');
	await expect(page.getByText(/Last backed up/)).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: /since the last backup|live only in this browser/ })).toHaveCount(0);
	await page.goto(`/p/${id}/codebook`);

	// Import a CSV codebook: the dialog says what will happen before anything changes.
	const existing = codes.find((c) => c.name === 'Postponing worry')!;
	const csv = info.outputPath('extra codes.csv');
	writeFileSync(csv, `Code;Parent;Description;Color\nSleep;;Sleep problems and rest;16a34a\nNight waking;Sleep;;#zz0000\nPostponing worry;;Our own text;\n`);
	const chooser = page.locator('input[type="file"][accept*=".csv"]');
	await chooser.setInputFiles(csv);
	const dialog = page.getByRole('dialog', { name: 'Import “extra codes.csv”' });
	await expect(dialog).toBeVisible();
	await expect(dialog).toContainText('3 new codes will be added.');
	await expect(dialog).toContainText(/Same name elsewhere in your codebook \(1\)/);
	await expect(dialog).toContainText(/“Postponing worry”: the file has it at the top level, but the project already has “.* › Postponing worry”/);
	await expect(dialog).toContainText(/Left out or changed from the file \(1\)/);
	await expect(dialog).toContainText('“#zz0000” is not a colour');
	await expectAccessible(page, 'codebook import dialog');
	await dialog.screenshot({ path: '/tmp/refiout-import-dialog.png' });
	await dialog.getByRole('button', { name: 'Import codebook' }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByText(/Loaded “extra codes\.csv”: 3 codes added/)).toBeVisible();
	await expect.poll(async () => (await storedRows(page, 'codes')).length).toBe(codes.length + 3);
	const after = await storedRows<{ id: string; name: string; parentId: string | null; color: string; definition: string }>(page, 'codes');
	const sleep = after.find((c) => c.name === 'Sleep')!;
	expect(sleep).toMatchObject({ parentId: null, color: '#16a34a', definition: 'Sleep problems and rest' });
	expect(after.find((c) => c.name === 'Night waking')?.parentId).toBe(sleep.id);
	expect(after.find((c) => c.id === existing.id)).toMatchObject({ name: 'Postponing worry' });
	await page.screenshot({ path: '/tmp/refiout-codebook.png' });

	// A broken .qdc is refused with its name; nothing changes.
	const broken = info.outputPath('broken.qdc');
	writeFileSync(broken, '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="x"');
	await chooser.setInputFiles(broken);
	await expect(page.getByText(/“broken\.qdc”.*Nothing was imported\./)).toBeVisible();
	await expect(page.getByRole('dialog')).toBeHidden();
	expect(await storedRows(page, 'codes')).toHaveLength(codes.length + 3);

	// The Overview says what changed since the backup; back up again, delete the project,
	// restore the backup: codings and themes are back.
	await page.goto(`/p/${id}/overview`);
	await expect(page.getByRole('status').filter({ hasText: 'Changed since the last backup: 3 new codes.' })).toBeVisible();
	const backup = await download(page, 'Back up project');
	const backupFile = info.outputPath(backup.name);
	writeFileSync(backupFile, backup.bytes);
	await expect(page.getByText(/Last backed up/)).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: /since the last backup/ })).toHaveCount(0);
	const projectName = JSON.parse(backup.bytes.toString('utf8')).project.name as string;

	await page.goto('/');
	await page.getByRole('button', { name: `Delete project ${projectName}` }).click();
	await page.getByLabel('Type the project’s name to confirm').fill(projectName);
	await page.getByRole('button', { name: 'Delete project', exact: true }).click();
	await expect(page.getByText(`Deleted “${projectName}” from this browser.`)).toBeVisible();
	expect(await storedRows(page, 'projects')).toHaveLength(0);
	expect(await storedCodings(page)).toHaveLength(0);

	await page.locator('#restore-file').setInputFiles(backupFile);
	await page.waitForURL(new RegExp(`/p/${id}/overview$`));
	expect(await storedCodings(page)).toHaveLength(codings.length);
	const themes = await storedRows<{ name: string; codeIds: string[] }>(page, 'themes');
	expect(themes.map((t) => t.name).sort()).toEqual(['Change at work', 'Coping strategies']);
	expect(themes.find((t) => t.name === 'Coping strategies')?.codeIds).toEqual([existing.id]);
	expect(await storedRows(page, 'codes')).toHaveLength(codes.length + 3);
	const phases = page.locator('section.phases');
	await expect(phases.getByRole('listitem').filter({ hasText: 'Coding' })).toContainText('23 of 23');
	await expectAccessible(page, 'restored overview');
});
