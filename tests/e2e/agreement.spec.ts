// Issue 4, journey (b): the agreement report. A backup of the sample study with two coders —
// the gold codings and the simulated coder C3 on three transcripts — is restored; the report
// shows every statistic per code, per transcript and pooled, changes with the unit, and is
// exported as CSV.
import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { makeBackup } from '../../src/lib/domain/backup';
import { sampleBackup } from '../fixtures/sampleBackup';
import { SAMPLE } from '../shared';
import { expectAccessible } from './helpers';

function twoCoderBackup() {
	const b = sampleBackup();
	const keep = new Set(['P01', 'P02', 'P03']);
	const text = new Map(b.contents.map((c) => [c.docId, c.text]));
	const c3 = (JSON.parse(readFileSync(resolve(SAMPLE, 'coders', 'C3.json'), 'utf8')) as { doc: string; code: string; start: number; end: number }[])
		.filter((r) => keep.has(r.doc))
		.map((r, i) => ({ id: `c3-${i}`, projectId: b.project.id, docId: r.doc, codeId: r.code, coderId: 'c3', start: r.start, end: r.end, quote: text.get(r.doc)!.slice(r.start, r.end), prefix: '', suffix: '', createdAt: 0 }));
	return makeBackup(
		{ ...b, project: { ...b.project, name: 'Two coders' }, coders: [...b.coders, { id: 'c3', projectId: b.project.id, name: 'C3', color: '#b45309' }], codings: [...b.codings.filter((k) => keep.has(k.docId)), ...c3] },
		0
	);
}

test('agreement report per code, per transcript and pooled, exported as CSV', async ({ page }, info) => {
	const file = info.outputPath('two coders.json');
	writeFileSync(file, JSON.stringify(twoCoderBackup()));
	await page.goto('/');
	await page.locator('#restore-file').setInputFiles(file);
	await page.waitForURL(/\/overview$/);
	await page.getByRole('link', { name: /Code/ }).first().click();
	await page.getByRole('navigation', { name: 'Coding' }).getByRole('link', { name: 'Agreement' }).click();

	await expect(page.getByRole('heading', { name: 'Intercoder agreement' })).toBeVisible();
	await expect(page.getByText('3 transcript(s),')).toBeVisible();
	const pooled = page.getByRole('table', { name: 'Pooled agreement' });
	await expect(pooled.getByRole('columnheader', { name: 'Cohen’s κ' })).toBeVisible();
	const perCode = page.getByRole('table', { name: 'Agreement per code' });
	await expect(perCode.getByRole('row')).not.toHaveCount(1);
	await expect(page.getByRole('table', { name: 'Agreement per transcript' }).getByRole('row')).toHaveCount(4);
	await expect(page.getByText(/^Two coders independently coded 3 of 23 transcripts with \d+ codes\. Agreement was computed over characters/)).toBeVisible();
	const alphaChar = await pooled.getByRole('cell').nth(4).innerText();
	expect(Number(alphaChar)).toBeGreaterThan(0.3);
	expect(Number(alphaChar)).toBeLessThan(0.9);
	await expectAccessible(page, 'agreement');
	await page.screenshot({ path: info.outputPath('agreement.png') });

	// Other units: coded segments with an overlap threshold, then code presence.
	await page.getByLabel('Unit').selectOption('segment');
	await page.getByLabel('Overlap needed').selectOption({ label: '80 %' });
	await expect(page.getByText(/Agreement was computed over coded segments/)).toBeVisible();
	await expect(page.getByText(/cover at least 80 % of it/)).toBeVisible();
	await page.getByLabel('Unit').selectOption('presence');
	await expect(page.getByText(/Agreement was computed over code presence per transcript/)).toBeVisible();

	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
	expect(download.suggestedFilename()).toBe('Two coders agreement (code presence per transcript).csv');
	const csv = readFileSync(await download.path(), 'utf8');
	expect(csv.startsWith('\uFEFF')).toBe(true);
	const rows = Papa.parse<string[]>(csv.slice(1).trim()).data;
	expect(rows[0].slice(0, 5)).toEqual(['level', 'name', 'units', 'prevalence', 'percent agreement']);
	expect(rows.filter((r) => r[0] === 'transcript').map((r) => r[1])).toEqual(['P01', 'P02', 'P03']);
	const last = rows.at(-1)!;
	expect(last[0]).toBe('pooled');
	expect(Number(last[2])).toBe(3 * (rows.filter((r) => r[0] === 'code').length));
});
