// Matrices, charts and the joint display, through the real UI: the sample study coded with its
// gold codings, grouped into the codebook's themes and carrying the participants.csv
// attributes, is restored from a backup; the theme × work-status matrix is checked cell by
// cell against the stored rows, drilled into and opened at an extract; the matrix is exported
// as CSV; the saturation curve is read and exported as SVG; the joint display is opened for one
// theme with two numeric attributes.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sampleBackup } from '../fixtures/sampleBackup';
import { parseParticipantsCsv } from '../../src/lib/io/participants';
import { SAMPLE } from '../shared';
import type { Coding } from '../../src/lib/domain/types';
import { expectAccessible, storedRows } from './helpers';

interface ThemeRow {
	id: string;
	name: string;
	parentId: string | null;
	status: string;
	codeIds: string[];
	reviews: Record<string, string>;
}

/** The sample backup with the participants table of the study (work status, sick leave, self-efficacy …). */
function backupWithAttributes() {
	const backup = sampleBackup();
	const csv = readFileSync(resolve(SAMPLE, 'participants.csv'), 'utf8');
	const parsed = parseParticipantsCsv(csv, 'participants.csv', backup.project.id);
	if (!parsed.ok) throw new Error(parsed.message);
	return { ...backup, participants: parsed.participants };
}

async function restore(page: Page, file: string): Promise<string> {
	await page.goto('/');
	await page.getByLabel('Backup file to restore').setInputFiles(file);
	await page.waitForURL(/\/p\/[^/]+\/overview$/, { timeout: 60_000 });
	return page.url().split('/p/')[1].split('/')[0];
}

test('theme × work status matrix with drill-down, CSV, saturation curve and the joint display', async ({ page }, info) => {
	test.setTimeout(180_000);
	const file = info.outputPath('sample with attributes.json');
	writeFileSync(file, JSON.stringify(backupWithAttributes()));
	const id = await restore(page, file);

	// What the cell must say, computed here from the stored rows: the theme's codes (with their
	// sub-codes), its codings that were not judged not to fit, their transcripts' participants
	// and those participants' work status.
	const THEME = 'Being open about mental illness at work';
	const themes = await storedRows<ThemeRow>(page, 'themes');
	const codes = await storedRows<{ id: string; parentId: string | null }>(page, 'codes');
	const docs = await storedRows<{ id: string; participantId: string | null; name: string; order: number }>(page, 'documents');
	const people = await storedRows<{ label: string; attributes: Record<string, string | number | null> }>(page, 'participants');
	// Stored one row per (transcript, coder); every coding in it is a whole Coding row.
	const codings = (await storedRows<{ codings: Coding[] }>(page, 'codingSets')).flatMap((set) => set.codings);
	const theme = themes.find((t) => t.name === THEME)!;
	const held = new Set<string>();
	const add = (cid: string) => {
		held.add(cid);
		for (const c of codes) if (c.parentId === cid) add(c.id);
	};
	theme.codeIds.forEach(add);
	const participantOf = new Map(docs.map((d) => [d.id, d.participantId ?? d.name]));
	const status = new Map(people.map((p) => [p.label, p.attributes.work_status_at_interview]));
	const inCell = codings.filter((c) => held.has(c.codeId) && theme.reviews[c.id] !== 'misfit' && status.get(participantOf.get(c.docId)!) === 'working');
	const expectedExtracts = inCell.length;
	const expectedPeople = new Set(inCell.map((c) => participantOf.get(c.docId))).size;
	const working = people.filter((p) => p.attributes.work_status_at_interview === 'working').length;
	expect(expectedExtracts).toBeGreaterThan(0);

	// ---- the matrix: themes × work status at interview ----
	await page.goto(`/p/${id}/matrices`);
	await expect(page.getByRole('heading', { name: 'Matrices and charts' })).toBeVisible();
	await page.getByLabel('Rows').selectOption('themes');
	await page.getByLabel('Columns').selectOption({ label: 'Work status at interview' });
	await page.getByLabel('Cells').selectOption('extracts');
	const grid = page.getByRole('grid', { name: /Themes × work status at interview/ });
	await expect(grid.getByRole('columnheader')).toContainText(['Theme', 'Partial sick leave', 'Working', 'Total']);
	const cellName = new RegExp(`^${THEME} × Working: ${expectedExtracts} extracts, ${expectedPeople} participants \\(`);
	await expect(grid.getByRole('gridcell', { name: cellName })).toHaveText(String(expectedExtracts));
	await page.getByLabel('Cells').selectOption('participants');
	await expect(grid.getByRole('gridcell', { name: cellName })).toHaveText(String(expectedPeople));
	await expectAccessible(page, 'matrix');
	await page.screenshot({ path: '/tmp/matrix-grid.png', fullPage: true });

	// Keyboard: from the first cell, arrows to the theme's "Working" cell, Enter drills down.
	const rowNames = (await grid.getByRole('rowheader').allTextContents()).map((t) => t.trim());
	const colNames = (await grid.getByRole('columnheader').allTextContents()).map((t) => t.trim());
	const r = rowNames.indexOf(THEME);
	const k = colNames.findIndex((c) => c.startsWith('Working')) - 1;
	expect(r).toBeGreaterThanOrEqual(0);
	await grid.getByRole('gridcell').first().focus();
	for (let i = 0; i < r; i++) await page.keyboard.press('ArrowDown');
	for (let i = 0; i < k; i++) await page.keyboard.press('ArrowRight');
	await expect(page.locator(':focus')).toHaveAccessibleName(cellName);
	await page.keyboard.press('Enter');
	const drill = page.getByRole('region', { name: new RegExp(`× Working$`) }).or(page.locator('section.drill'));
	await expect(page.getByTestId('drill-summary')).toHaveText(
		`${expectedExtracts} extracts from ${expectedPeople} participants of the ${working} in this column.`
	);
	const list = drill.getByRole('list', { name: `Extracts: ${THEME} × Working` });
	await expect(list.getByRole('listitem')).toHaveCount(Math.min(50, expectedExtracts));
	await page.screenshot({ path: '/tmp/matrix-drill.png', fullPage: true });

	// ---- CSV export of the matrix ----
	const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
	expect(csv.suggestedFilename()).toMatch(/themes by work status at interview\.csv$/);
	const lines = readFileSync(await csv.path(), 'utf8').replace(/^\uFEFF/, '').split('\r\n');
	expect(lines[0]).toBe(`Theme,Partial sick leave (n = ${people.length - working}),Working (n = ${working}),Total`);
	const line = lines.find((l) => l.includes(THEME))!;
	expect(line.split(',')[2]).toBe(String(expectedPeople));

	// Open the first extract in its transcript.
	const first = inCell.sort((a, b) => docs.find((d) => d.id === a.docId)!.order - docs.find((d) => d.id === b.docId)!.order || a.start - b.start)[0];
	await list.getByRole('link', { name: 'Open in transcript' }).first().click();
	await page.waitForURL(new RegExp(`/p/${id}/d/${first.docId}\\?at=${first.start}&end=${first.end}$`));
	await expect(page.getByText(first.quote.trim().slice(0, 40)).first()).toBeVisible();

	// ---- co-occurrence: a cell checked against a count made here, at two distances ----
	await page.goto(`/p/${id}/matrices?view=cooccurrence`);
	const co = page.getByRole('grid', { name: /Code co-occurrence/ });
	await expect(co.getByRole('rowheader')).not.toHaveCount(0);
	const codeNames = new Map((await storedRows<{ id: string; name: string }>(page, 'codes')).map((c) => [c.id, c.name]));
	const [codeA, codeB] = [theme.codeIds[0], theme.codeIds[1]];
	const pairsWithin = (n: number) => {
		let count = 0;
		for (const a of codings.filter((c) => c.codeId === codeA))
			for (const b of codings.filter((c) => c.codeId === codeB && c.docId === a.docId)) {
				const gap = Math.max(a.start, b.start) - Math.min(a.end, b.end);
				if (gap < 0 || (n > 0 && gap <= n)) count++;
			}
		return count;
	};
	const pairCell = (n: number) => co.getByRole('gridcell', { name: `${codeNames.get(codeA)} with ${codeNames.get(codeB)}: ${n} pair${n === 1 ? '' : 's'}`, exact: true });
	await expect(pairCell(pairsWithin(0))).toHaveCount(1);
	await page.getByLabel('Within (characters)').fill('200');
	await expect(pairCell(pairsWithin(200))).toHaveCount(1);
	await pairCell(pairsWithin(200)).click();
	await expect(page.getByTestId('pairs-summary')).toContainText(`${pairsWithin(200)} pair`);
	// Clicking scrolled the grid; cells under its sticky header and first column would be
	// judged against the header's background, so scan it scrolled back to the start.
	await page.getByRole('region', { name: /^Code co-occurrence.*scrolls/ }).evaluate((el) => el.scrollTo(0, 0));
	await expectAccessible(page, 'co-occurrence');
	await page.screenshot({ path: '/tmp/matrix-cooc.png', fullPage: true });
	await page.goto(`/p/${id}/matrices?view=frequencies`);
	await expect(page.getByRole('table', { name: 'Code frequencies' })).toBeVisible();
	await expectAccessible(page, 'code frequencies');
	await page.screenshot({ path: '/tmp/matrix-freq.png', fullPage: true });

	// ---- the saturation curve ----
	await page.getByRole('link', { name: 'Saturation' }).click();
	await expect(page.getByTestId('saturation-result')).toContainText(
		'Saturation point: the first interview after which 3 interviews in a row add no new code.'
	);
	const table = page.getByRole('table', { name: 'New codes per interview' });
	await expect(table.getByRole('row')).toHaveCount(1 + docs.length);
	const usedCodes = new Set(codings.map((c) => c.codeId)).size;
	await expect(table.getByRole('row').last().getByRole('cell').nth(3)).toHaveText(String(usedCodes));
	await expect(page.getByRole('img', { name: /new codes per interview/ })).toBeVisible();
	await expectAccessible(page, 'saturation');
	await page.screenshot({ path: '/tmp/matrix-saturation.png', fullPage: true });
	const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Chart as SVG' }).click()]);
	expect(svg.suggestedFilename()).toMatch(/saturation curve\.svg$/);
	const svgText = readFileSync(await svg.path(), 'utf8');
	expect(svgText.startsWith('<?xml')).toBe(true);
	expect(svgText).toContain('<polyline');
	expect(svgText).toContain(`Distinct codes so far`);
	const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Chart as PNG' }).click()]);
	expect(png.suggestedFilename()).toMatch(/saturation curve\.png$/);
	expect([...readFileSync(await png.path()).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

	// ---- the joint display: one theme with sick leave at start and at end ----
	await page.goto(`/p/${id}/joint`);
	await expect(page.getByRole('heading', { name: 'Joint display' })).toBeVisible();
	await expect(page.getByLabel('Sick leave pct at start')).toBeChecked();
	await expect(page.getByLabel('Sick leave pct at end')).toBeChecked();
	await expect(page.getByLabel('Before')).toHaveValue('sick_leave_pct_at_start');
	await expect(page.getByLabel('After')).toHaveValue('sick_leave_pct_at_end');
	await page.getByLabel('Theme', { exact: true }).selectOption({ label: `— ${THEME}` });
	const contributors = new Set(codings.filter((c) => held.has(c.codeId) && theme.reviews[c.id] !== 'misfit').map((c) => participantOf.get(c.docId)!));
	const starts = [...contributors].map((p) => Number(people.find((x) => x.label === p)!.attributes.sick_leave_pct_at_start));
	const mean = starts.reduce((a, b) => a + b, 0) / starts.length;
	await expect(page.getByTestId('joint-summary')).toContainText(`${contributors.size} of ${people.length} participants contribute to “${THEME}”.`);
	await expect(page.getByTestId('joint-summary')).toContainText(`Sick leave pct at start: contributors ${mean.toFixed(1)} (`);
	const preview = page.getByRole('region', { name: 'Participants of the theme' });
	await expect(preview).toContainText(`Contributors (n = ${contributors.size})`);
	await expect(preview.getByRole('columnheader')).toContainText(['Participant', 'Extracts', 'Sick leave pct at start', 'Sick leave pct at end', 'Change (Sick leave pct at end − Sick leave pct at start)']);
	await expectAccessible(page, 'joint display');
	await page.screenshot({ path: '/tmp/matrix-joint.png', fullPage: true });
	const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the joint display as Markdown (.md)' }).click()]);
	const markdown = readFileSync(await md.path(), 'utf8');
	expect(markdown).toContain(`› ${THEME}** |`);
	expect(markdown).toContain(`| Contributors | ${contributors.size} |`);

	// Everyone touches on every theme in the sample; a higher bar splits the participants.
	await page.getByLabel('A contributor has at least').fill('12');
	const dwelling = [...contributors].filter((p) => codings.filter((c) => held.has(c.codeId) && participantOf.get(c.docId) === p).length >= 12);
	await expect(page.getByTestId('joint-summary')).toContainText(`${dwelling.length} of ${people.length} participants contribute to “${THEME}” (at least 12 extracts).`);
	await expect(preview).toContainText(`Non-contributors (n = ${people.length - dwelling.length})`);
	await page.screenshot({ path: '/tmp/matrix-joint-12.png', fullPage: true });
});
