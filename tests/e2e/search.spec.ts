// Corpus search and autocoding (issue 6): on the sample study, search, code every hit with a
// new code by sentence, see that code's extracts with the right count, and save the search
// and run it again after a reload.
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { expectAccessible, openSample, storedCodingsWhen, storedRows } from './helpers';

const SAMPLE_DIR = resolve(import.meta.dirname, '../../static/sample');

/** Words starting with "guilt" in the sample transcripts, counted with a plain regex. */
function guiltCounts(): { hits: number; transcripts: number } {
	let hits = 0;
	let transcripts = 0;
	for (const f of readdirSync(SAMPLE_DIR).filter((x) => x.endsWith('.txt'))) {
		const n = (readFileSync(resolve(SAMPLE_DIR, f), 'utf8').match(/(?<![\p{L}\p{N}])guilt[\p{L}\p{N}]*/giu) ?? []).length;
		hits += n;
		if (n) transcripts++;
	}
	return { hits, transcripts };
}

test('search the sample, code every hit by sentence with a new code, see its extracts, save and rerun the search', async ({ page }) => {
	test.setTimeout(120_000);
	const expected = guiltCounts();
	expect(expected.hits).toBeGreaterThan(10);

	const id = await openSample(page);
	await page.goto(`/p/${id}/search`);
	await expect(page.getByRole('heading', { name: 'Search the transcripts' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'How to search' })).toBeVisible();
	await expectAccessible(page, 'search screen');

	// Results as you type (after a short pause), counted per transcript.
	const box = page.getByLabel('Search words');
	await box.fill('guilt*');
	const summary = page.getByTestId('search-summary');
	await expect(summary).toHaveText(`${expected.hits} hits in ${expected.transcripts} transcripts`);
	await expect(page.getByText('Matched 1 word: guilty')).toBeVisible();
	const lines = page.locator('a.kwic');
	await expect(lines).toHaveCount(expected.hits);
	await expect(lines.first().locator('mark')).toHaveText(/^guilt/i);
	await expect(lines.first()).toHaveAttribute('href', new RegExp(`^/p/${id}/d/[^?]+\\?at=\\d+&end=\\d+$`));

	// Keyboard: ↓ from the query box to the first hit, ↓ to the next, Space selects it.
	await box.press('ArrowDown');
	await expect(lines.first()).toBeFocused();
	await page.keyboard.press('ArrowDown');
	await expect(lines.nth(1)).toBeFocused();
	await page.keyboard.press('Space');
	await expect(page.getByText('1 selected', { exact: true })).toBeVisible();
	await expect(page.getByRole('radio', { name: 'the 1 selected' })).toBeChecked();
	await page.getByRole('button', { name: 'Clear selection' }).click();
	await expectAccessible(page, 'search results');

	// Code all hits with a new code, by sentence: the preview says how many codings.
	await page.getByLabel('Code to apply').selectOption({ label: '+ New code…' });
	await expect(page.getByLabel('Name of the new code')).toHaveValue('Guilt');
	await page.getByLabel('Name of the new code').fill('Feeling guilty');
	await expect(page.getByLabel('Each hit codes')).toHaveValue('sentence');
	const preview = page.getByTestId('autocode-preview');
	await expect(preview).toContainText('Adds');
	const made = Number((await preview.locator('strong').first().textContent())?.replace(/\D/g, ''));
	expect(made).toBeGreaterThan(0);
	expect(made).toBeLessThanOrEqual(expected.hits);
	await expect(preview).toContainText(`in ${expected.transcripts} transcripts`);
	await page.getByRole('button', { name: `Code ${made} passages` }).click();
	await expect(page.getByText(`Coded ${made} passages with “Feeling guilty”.`)).toBeVisible();
	await expect(preview).toContainText(`Nothing to add: all ${made} sentences are already coded`);

	// Stored: one coding per sentence, each quoting a guilt word, by the current coder.
	const codes = await storedRows<{ id: string; name: string }>(page, 'codes');
	const code = codes.find((c) => c.name === 'Feeling guilty');
	expect(code).toBeTruthy();
	const stored = await storedCodingsWhen(page, (cs) => cs.filter((c) => c.codeId === code!.id).length === made);
	for (const c of stored.filter((x) => x.codeId === code!.id)) {
		expect(c.quote).toMatch(/guilt/i);
		expect(c.quote).toMatch(/[.!?…]["”’)]*$|[\p{L}\p{N}]$/u);
	}

	// The code's extracts: as many as were made.
	await page.getByRole('link', { name: 'See the coded extracts of “Feeling guilty”' }).click();
	await expect(page).toHaveURL(new RegExp(`/p/${id}/extracts\\?code=${code!.id}$`));
	await expect(page.getByTestId('extract-summary')).toContainText(`${made} extracts from ${expected.transcripts} participants`);

	// Back on the search screen (in the app, no reload) the query and its hits are still there.
	await page.goBack();
	await expect(page.getByLabel('Search words')).toHaveValue('guilt*');
	await expect(summary).toHaveText(`${expected.hits} hits in ${expected.transcripts} transcripts`);

	// Save the search, reload, run it again from the list.
	await page.getByLabel('Save this search as').fill('Guilt and guilty');
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page.getByRole('button', { name: 'Guilt and guilty', exact: true })).toBeVisible();
	await expect.poll(async () => (await storedRows<{ name: string; query: string }>(page, 'searches')).map((s) => [s.name, s.query])).toEqual([['Guilt and guilty', 'guilt*']]);

	await page.reload();
	await expect(page.getByLabel('Search words')).toHaveValue('');
	await page.getByRole('button', { name: 'Guilt and guilty', exact: true }).click();
	await expect(page.getByLabel('Search words')).toHaveValue('guilt*');
	await expect(summary).toHaveText(`${expected.hits} hits in ${expected.transcripts} transcripts`);
	await expect(lines).toHaveCount(expected.hits);

	// Rename it; delete it, and bring it back with Undo.
	await page.getByRole('button', { name: 'Rename “Guilt and guilty”' }).click();
	await page.getByLabel('New name for “Guilt and guilty”').fill('Guilt');
	await page.getByLabel('New name for “Guilt and guilty”').press('Enter');
	await expect(page.getByRole('button', { name: 'Guilt', exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'Delete “Guilt”' }).click();
	await expect(page.getByRole('button', { name: 'Guilt', exact: true })).toHaveCount(0);
	await page.getByRole('button', { name: /^Undo/ }).click();
	await expect(page.getByRole('button', { name: 'Guilt', exact: true })).toBeVisible();
	await expect.poll(async () => (await storedRows<{ name: string }>(page, 'searches')).map((s) => s.name)).toEqual(['Guilt']);
});
