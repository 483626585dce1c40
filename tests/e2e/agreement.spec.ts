// Issue 4, journey (b): the agreement report. A backup of the sample study with two coders —
// the gold codings and the simulated coder C3 on three transcripts — is restored; the report
// shows every statistic per code, per transcript and pooled with bootstrap intervals, changes
// with the unit, and is exported as CSV; that small selection is computed directly, without
// the worker. Then the whole sample with four coders (gold and C1–C3, 14,500 codings: above
// the worker threshold, so the report is computed in the Web Worker) compares each coder with
// gold: C1 > C2 > C3, and that table is exported too.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { makeBackup } from '../../src/lib/domain/backup';
import { sampleBackup } from '../fixtures/sampleBackup';
import { SAMPLE } from '../shared';
import { expectAccessible } from './helpers';

function simulated(b: ReturnType<typeof sampleBackup>, name: string, keep: (doc: string) => boolean) {
	const text = new Map(b.contents.map((c) => [c.docId, c.text]));
	return (JSON.parse(readFileSync(resolve(SAMPLE, 'coders', `${name}.json`), 'utf8')) as { doc: string; code: string; start: number; end: number }[])
		.filter((r) => keep(r.doc))
		.map((r, i) => ({ id: `${name}-${i}`, projectId: b.project.id, docId: r.doc, codeId: r.code, coderId: name.toLowerCase(), start: r.start, end: r.end, quote: text.get(r.doc)!.slice(r.start, r.end), prefix: '', suffix: '', createdAt: 0 }));
}

function twoCoderBackup() {
	const b = sampleBackup();
	const keep = new Set(['P01', 'P02', 'P03']);
	return makeBackup(
		{ ...b, project: { ...b.project, name: 'Two coders' }, coders: [...b.coders, { id: 'c3', projectId: b.project.id, name: 'C3', color: '#b45309' }], codings: [...b.codings.filter((k) => keep.has(k.docId)), ...simulated(b, 'C3', (d) => keep.has(d))] },
		0
	);
}

function fourCoderBackup() {
	const b = sampleBackup();
	const colors = ['#2563eb', '#7c3aed', '#b45309'];
	return makeBackup(
		{
			...b,
			project: { ...b.project, name: 'Four coders' },
			coders: [...b.coders, ...['C1', 'C2', 'C3'].map((name, i) => ({ id: name.toLowerCase(), projectId: b.project.id, name, color: colors[i] }))],
			codings: [...b.codings, ...['C1', 'C2', 'C3'].flatMap((name) => simulated(b, name, () => true))]
		},
		0
	);
}

/** "0.57 (0.41–0.70)" → [0.57, 0.41, 0.70]. */
function withInterval(text: string): [number, number, number] {
	const m = /^(-?\d\.\d\d) \((-?\d\.\d\d)–(-?\d\.\d\d)\)$/.exec(text.trim());
	if (!m) throw new Error(`not a value with an interval: "${text}"`);
	return [Number(m[1]), Number(m[2]), Number(m[3])];
}

async function openAgreement(page: Page, backup: object, file: string, query = '') {
	writeFileSync(file, JSON.stringify(backup));
	await page.goto('/');
	await page.locator('#restore-file').setInputFiles(file);
	await page.waitForURL(/\/overview$/, { timeout: 60_000 });
	if (query) {
		await page.goto(page.url().replace(/overview$/, `agreement${query}`));
		return;
	}
	await page.getByRole('link', { name: /Code/ }).first().click();
	await page.getByRole('navigation', { name: 'Coding' }).getByRole('link', { name: 'Agreement' }).click();
}

test('agreement report per code, per transcript and pooled, with intervals, exported as CSV', async ({ page }, info) => {
	const workers: string[] = [];
	page.on('worker', (w) => workers.push(w.url()));
	await openAgreement(page, twoCoderBackup(), info.outputPath('two coders.json'));

	await expect(page.getByRole('heading', { name: 'Intercoder agreement' })).toBeVisible();
	await expect(page.getByText('3 transcript(s),')).toBeVisible();
	const pooled = page.getByRole('table', { name: 'Pooled agreement' });
	await expect(pooled.getByRole('columnheader', { name: 'Cohen’s κ (95 % CI)' })).toBeVisible();
	await expect(pooled.getByRole('columnheader', { name: 'Krippendorff’s α (95 % CI)' })).toBeVisible();
	const perCode = page.getByRole('table', { name: 'Agreement per code' });
	await expect(perCode.getByRole('row')).not.toHaveCount(1);
	await expect(page.getByRole('table', { name: 'Agreement per transcript' }).getByRole('row')).toHaveCount(4);
	await expect(page.getByText(/^Two coders independently coded 3 of 23 transcripts with \d+ codes\. Agreement was computed over characters/)).toBeVisible();
	// alpha with its bootstrap interval over the 3 transcripts
	const [alpha, low, high] = withInterval(await pooled.getByRole('cell').nth(4).innerText());
	expect(alpha).toBeGreaterThan(0.3);
	expect(alpha).toBeLessThan(0.9);
	expect(low).toBeLessThanOrEqual(alpha);
	expect(high).toBeGreaterThanOrEqual(alpha);
	await expect(pooled.getByRole('cell').nth(4).locator('.ci')).toHaveAttribute('title', /^95 % confidence interval .* percentile bootstrap over the 3 transcripts, 1,000 resamples/);
	await expect(page.getByText(/percentile bootstrap over the 3 transcripts, drawn whole with replacement \(1,000 resamples, seed 1\).*With only 3 transcripts the intervals are rough\./)).toBeVisible();
	await expect(page.getByText(`Krippendorff's alpha (nominal) pooled over codes and transcripts was α = ${alpha.toFixed(2)} (95 % CI ${low.toFixed(2)}–${high.toFixed(2)}); Cohen's kappa was κ = `, { exact: false })).toBeVisible();
	// per code: an interval (or "no CI" with the reason) in every row; per transcript: none
	const codeAlphas = await perCode.locator('tbody tr td:nth-of-type(5)').allInnerTexts();
	expect(codeAlphas.length).toBeGreaterThan(5);
	for (const t of codeAlphas) expect(t).toMatch(/^(undefined|-?\d\.\d\d \((-?\d\.\d\d–-?\d\.\d\d|no CI)\))$/);
	expect(await page.getByRole('table', { name: 'Agreement per transcript' }).locator('.ci').count()).toBe(0);
	await expectAccessible(page, 'agreement');
	await page.screenshot({ path: info.outputPath('agreement.png') });

	// Other units: coded segments with an overlap threshold, then code presence.
	await page.getByLabel('Unit').selectOption('segment');
	await page.getByLabel('Overlap needed').selectOption({ label: '80 %' });
	await expect(page.getByText(/Agreement was computed over coded segments/)).toBeVisible();
	await expect(page.getByText(/cover at least 80 % of it/)).toBeVisible();
	await page.getByLabel('Unit').selectOption('presence');
	await expect(page.getByText(/Agreement was computed over code presence per transcript/)).toBeVisible();

	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV', exact: true }).click()]);
	expect(download.suggestedFilename()).toBe('Two coders agreement (code presence per transcript).csv');
	const csv = readFileSync(await download.path(), 'utf8');
	expect(csv.startsWith('\uFEFF')).toBe(true);
	const rows = Papa.parse<string[]>(csv.slice(1).trim()).data;
	expect(rows[0].slice(0, 5)).toEqual(['level', 'name', 'units', 'prevalence', 'percent agreement']);
	expect(rows[0].slice(12, 19)).toEqual(['alpha_ci_low', 'alpha_ci_high', 'kappa_ci_low', 'kappa_ci_high', 'fleiss_ci_low', 'fleiss_ci_high', 'notes']);
	expect(rows.filter((r) => r[0] === 'transcript').map((r) => r[1])).toEqual(['P01', 'P02', 'P03']);
	const last = rows.at(-1)!;
	expect(last[0]).toBe('pooled');
	expect(Number(last[2])).toBe(3 * (rows.filter((r) => r[0] === 'code').length));
	expect(Number(last[12])).toBeLessThanOrEqual(Number(last[8]));
	expect(Number(last[13])).toBeGreaterThanOrEqual(Number(last[8]));
	// a small selection is computed directly: no worker was started
	expect(workers.filter((u) => u.includes('agreement.worker'))).toEqual([]);
});

test('each coder against gold on the whole sample, computed in the Web Worker, exported as CSV', async ({ page }, info) => {
	test.setTimeout(120_000);
	const workers: string[] = [];
	page.on('worker', (w) => workers.push(w.url()));
	await openAgreement(page, fourCoderBackup(), info.outputPath('four coders.json'));
	// Record every "Computing…" status the screen shows (it may be brief).
	await page.evaluate(() => {
		const w = window as unknown as { statusTexts: string[] };
		w.statusTexts = [];
		new MutationObserver(() => document.querySelectorAll('[role=status]').forEach((e) => w.statusTexts.push(e.textContent ?? ''))).observe(document.body, { subtree: true, childList: true, characterData: true });
	});
	const pooled = page.getByRole('table', { name: 'Pooled agreement' });
	await expect(pooled).toBeVisible({ timeout: 30_000 });
	await expect(page.getByText('23 transcript(s),')).toBeVisible();
	await expect(pooled.getByRole('columnheader', { name: 'Fleiss’ κ (95 % CI)' })).toBeVisible();
	expect(workers.some((u) => u.includes('agreement.worker'))).toBe(true);

	// Changing the unit recomputes in the worker; the screen says so, with the counts.
	await page.getByLabel('Unit').selectOption('turn');
	await expect(page.getByText(/^Four coders independently coded 23 of 23 transcripts .* computed over speaker turns/)).toBeVisible({ timeout: 30_000 });
	const statuses = await page.evaluate(() => (window as unknown as { statusTexts: string[] }).statusTexts);
	expect(statuses.some((t) => /Computing agreement… 14,\d{3} codings in 23 transcripts \([\d.]+ million characters\), in the background/.test(t))).toBe(true);
	await page.getByLabel('Unit').selectOption('char');

	await page.getByLabel('Compare each coder with').selectOption({ label: 'Gold' });
	const table = page.getByRole('table', { name: 'Agreement with Gold' });
	await expect(table).toBeVisible({ timeout: 30_000 });
	const rows = table.locator('tbody tr');
	await expect(rows).toHaveCount(3);
	expect((await rows.locator('th').allInnerTexts()).map((t) => t.trim())).toEqual(['C1', 'C2', 'C3']);
	const kappas = (await rows.locator('td:nth-of-type(4)').allInnerTexts()).map(withInterval);
	const alphas = (await rows.locator('td:nth-of-type(5)').allInnerTexts()).map(withInterval);
	for (const v of [kappas, alphas]) {
		expect(v[0][0]).toBeGreaterThan(v[1][0]);
		expect(v[1][0]).toBeGreaterThan(v[2][0]);
		for (const [x, lo, hi] of v) {
			expect(lo).toBeLessThanOrEqual(x);
			expect(hi).toBeGreaterThanOrEqual(x);
		}
	}
	expect(await rows.locator('td:nth-of-type(1)').allInnerTexts()).toEqual(['23', '23', '23']);
	await expect(page.getByText(/^Each coder against Gold: pooled over the transcripts both coded/)).toBeVisible();
	await expectAccessible(page, 'agreement with a reference');
	await table.scrollIntoViewIfNeeded();
	await page.screenshot({ path: info.outputPath('agreement-reference.png') });

	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export comparison CSV' }).click()]);
	expect(download.suggestedFilename()).toBe('Four coders agreement with Gold (characters).csv');
	const csv = Papa.parse<string[]>(readFileSync(await download.path(), 'utf8').slice(1).trim()).data;
	expect(csv[0].slice(0, 3)).toEqual(['coder', 'reference', 'transcripts']);
	expect(csv.slice(1, 4).map((r) => r[0])).toEqual(['C1', 'C2', 'C3']);
	const alpha = csv[0].indexOf("Krippendorff's alpha (nominal)");
	expect(csv.slice(1, 4).map((r) => Number(r[alpha]).toFixed(2))).toEqual(alphas.map((a) => a[0].toFixed(2)));
	expect(Number(csv[1][csv[0].indexOf('alpha_ci_low')])).toBeGreaterThan(Number(csv[3][csv[0].indexOf('alpha_ci_high')]));
});
