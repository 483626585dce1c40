// Journey: de-identify a transcript with planted identifiers. Import it, code a passage that
// names a person, scan, review with the keyboard and "Accept all", apply with pseudonyms, then
// check the stored text, that the coding still covers its (now pseudonymised) passage, and the
// downloaded key.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { CORPUS } from '../shared';
import { createProject, expectAccessible, storedCodings, storedCodingsWhen, storedRows } from './helpers';

interface Planted {
	doc: string;
	category: string;
	text: string;
	start16: number;
	end16: number;
}

test('de-identify a transcript: scan, review, apply pseudonyms; codings stay on their passages; the key downloads', async ({ page }) => {
	const dir = mkdtempSync(join(tmpdir(), 'tema-deid-e2e-'));
	try {
		execFileSync('node', [join(CORPUS, 'generate.mjs'), '--out', dir, '--participants', '1', '--words', '2500', '--pii', 'planted', '--coders', '0', '--formats', 'txt', '--seed', 'journey'], { stdio: 'pipe' });
		const text = readFileSync(join(dir, 'transcripts', 'P01.txt'), 'utf8');
		const planted = JSON.parse(readFileSync(join(dir, 'pii.json'), 'utf8')) as Planted[];
		// A first name on its own (not the first half of a full name), as "my manager, Henrik, …".
		const name = planted.find((p) => p.category === 'first_name' && !planted.some((q) => q.category === 'surname' && q.start16 === p.end16 + 1))!;
		expect(name).toBeTruthy();

		const projectId = await createProject(page, 'De-identification journey');
		const chooser = page.waitForEvent('filechooser');
		await page.getByRole('button', { name: 'Choose files…' }).click();
		await (await chooser).setFiles([{ name: 'P01.txt', mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') }]);
		await expect(page.getByTestId('import-result')).toHaveText('1 transcript added.');
		const [doc] = await storedRows<{ id: string; fingerprint: string }>(page, 'documents');

		// Code the sentence that names a person: open the transcript with it selected, C, a new code, Enter.
		const from = Math.max(text.lastIndexOf('. ', name.start16) + 2, text.lastIndexOf(': ', name.start16) + 2);
		const to = text.indexOf('.', name.end16) + 1;
		const sentence = text.slice(from, to);
		expect(sentence).toContain(name.text);
		await page.goto(`/p/${projectId}/d/${doc.id}?at=${from}&end=${to}`);
		await expect.poll(() => page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe(sentence);
		await page.keyboard.press('c');
		await page.getByRole('combobox', { name: 'Find a code' }).fill('Support from the manager');
		await page.keyboard.press('Enter');
		const [coding] = await storedCodingsWhen(page, (c) => c.length === 1);
		expect(coding.quote).toBe(sentence);

		// Scan.
		await page.goto(`/p/${projectId}/deid`);
		await expect(page.getByRole('heading', { name: 'De-identify transcripts' })).toBeVisible();
		await expectAccessible(page, 'de-identification before the scan');
		await page.getByRole('button', { name: 'Scan 1 transcript' }).click();
		const status = page.getByRole('status').filter({ hasText: /findings? in 1 transcript/ });
		await expect(status).toBeVisible();
		const findings = page.locator('li.finding');
		const found = await findings.count();
		expect(found).toBeGreaterThanOrEqual(planted.length - planted.filter((p) => p.category === 'surname').length);
		const total = () => findings.count();
		// The name in the coded sentence is listed in its context.
		await expect(findings.filter({ hasText: sentence.slice(0, 30) }).first()).toBeVisible();
		await page.screenshot({ path: '/tmp/deid-findings.png', fullPage: false });
		await expectAccessible(page, 'de-identification findings');

		// Review with the keyboard: J to the first, A accepts and moves on to the next to review.
		await page.keyboard.press('j');
		await expect(findings.first()).toHaveClass(/\bon\b/);
		await page.keyboard.press('a');
		await expect(findings.first()).toHaveClass(/accepted/);
		await expect(findings.nth(1)).toHaveClass(/\bon\b/);
		// R rejects (the finding stays listed, struck through), and clicking Accept takes it back.
		await page.keyboard.press('r');
		await expect(findings.nth(1)).toHaveClass(/rejected/);
		await expect(status).toContainText('1 rejected');
		await findings.nth(1).getByRole('button', { name: 'Accept' }).click();
		await expect(findings.nth(1)).toHaveClass(/accepted/);

		// E edits a finding: the place gets a replacement typed by the analyst.
		const place = planted.find((p) => p.category === 'city')!;
		const placeRow = findings.filter({ has: page.locator('mark', { hasText: place.text }) }).first();
		await placeRow.getByRole('button', { name: new RegExp(`^place: ${place.text}`) }).click();
		await page.keyboard.press('e');
		await expect(page.getByLabel('Text to replace')).toHaveValue(place.text);
		await page.getByLabel('Replace with').fill('a town in the west');
		await page.screenshot({ path: '/tmp/deid-edit.png' });
		await page.getByRole('button', { name: 'Save and accept' }).click();
		await expect(placeRow.locator('.to')).toHaveText(/^→ a town in the west\s*\(typed\)$/);
		await expect(placeRow).toHaveClass(/accepted/);

		// An own term: a word of the first question, found wherever it occurs (never in a speaker label).
		const firstLine = text.slice(text.indexOf(': ') + 2, text.indexOf('\n'));
		const term = firstLine.split(/[^\p{L}]+/u).filter((w) => w.length >= 6 && !sentence.includes(w)).sort((a, b) => b.length - a.length)[0];
		const times = text.match(new RegExp(`(?<!\\p{L})${term}(?!\\p{L})`, 'giu'))!.length;
		await page.getByLabel('Word or phrase').fill(term);
		await page.getByRole('button', { name: 'Add', exact: true }).click();
		await expect(page.getByRole('listitem').filter({ hasText: `found ${times} time` })).toBeVisible();

		// Everything else, category by category; names stay pseudonyms (the default).
		await expect(page.getByRole('combobox', { name: 'Replace names with' })).toHaveValue('pseudonym');
		const acceptAll = page.getByRole('button', { name: /^Accept all \d+/ });
		while ((await acceptAll.count()) > 0) await acceptAll.first().click();
		await expect(page.locator('li.finding.pending')).toHaveCount(0);
		await expect(status).toContainText(`${await total()} accepted`);

		// The preview reads as the transcript will.
		await page.getByRole('button', { name: 'Preview a transcript' }).click();
		const preview = page.getByLabel(/Preview of P01/);
		await expect(preview).toContainText('Interviewer');
		await expect(preview).not.toContainText(name.text);
		await page.screenshot({ path: '/tmp/deid-preview.png' });
		await page.getByRole('button', { name: 'Findings', exact: true }).click();

		// Apply, with the confirmation saying what will change.
		await page.getByRole('button', { name: 'Apply…' }).click();
		const dialog = page.getByRole('dialog');
		await expect(dialog).toContainText('This cannot be undone');
		await expect(dialog).toContainText('1 coding and 0 passage notes in these transcripts move with their text');
		await page.screenshot({ path: '/tmp/deid-confirm.png' });
		await expectAccessible(page, 'de-identification confirmation');
		await dialog.getByRole('button', { name: /^Replace \d+ details?$/ }).click();
		await expect(dialog).toBeHidden();
		await expect(page.getByRole('status').filter({ hasText: /Replaced \d+ details? in 1 transcript/ })).toBeVisible();

		// The stored text: no planted identifier is left, the coding covers its sentence with the pseudonym.
		const [content] = await storedRows<{ text: string; turns: unknown[] }>(page, 'contents');
		for (const p of planted) expect(content.text, `${p.category} ${p.text}`).not.toContain(p.text);
		expect(content.text).toContain('a town in the west');
		expect(content.text.toLowerCase()).not.toContain(term.toLowerCase());
		const key = page.getByRole('region', { name: 'Pseudonym key' });
		await expect(key).toBeVisible();
		const row = key.getByRole('row').filter({ has: page.getByRole('cell', { name: name.text, exact: true }) }).first();
		const pseudonym = (await row.getByRole('cell').nth(1).textContent())!.trim();
		expect(pseudonym).not.toBe(name.text);
		const [after] = await storedCodings(page);
		expect(after.id).toBe(coding.id);
		expect(content.text.slice(after.start, after.end)).toBe(after.quote);
		expect(after.quote).toContain(pseudonym);
		expect(after.quote).toBe(sentence.split(name.text).join(pseudonym));
		const [docAfter] = await storedRows<{ fingerprint: string; length: number }>(page, 'documents');
		expect(docAfter.length).toBe(content.text.length);
		expect(docAfter.fingerprint).not.toBe(doc.fingerprint);
		await page.screenshot({ path: '/tmp/deid-applied.png' });
		await expectAccessible(page, 'de-identification key');

		// The key as CSV.
		const download = page.waitForEvent('download');
		await key.getByRole('button', { name: 'Download key (CSV)' }).click();
		const file = await download;
		expect(file.suggestedFilename()).toMatch(/^De-identification journey pseudonym key \d{4}-\d\d-\d\d\.csv$/);
		const csv = readFileSync(await file.path(), 'utf8');
		const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r\n/);
		expect(lines[0]).toBe('original,replacement,category,documents');
		expect(lines).toContain(`${name.text},${pseudonym},name,P01`);

		// In the transcript the coded passage reads with the pseudonym and is still highlighted.
		await page.goto(`/p/${projectId}/d/${doc.id}`);
		const highlighted = page.locator('.ProseMirror .hl').filter({ hasText: pseudonym });
		await expect(highlighted.first()).toBeVisible();
		await expect(page.locator('.ProseMirror')).not.toContainText(name.text);
		await highlighted.first().scrollIntoViewIfNeeded();
		await page.screenshot({ path: '/tmp/deid-transcript.png' });
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
