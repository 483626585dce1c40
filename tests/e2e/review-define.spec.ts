// Journeys (c) reviewing a theme against the data and (d) defining and naming it, then
// exporting the theme table. The theme is built on the Themes board with the keyboard, as an analyst would:
// "Openness not an option" (P10, P18, P20, P22) and "Hurtful responses" (P02, P08, P09, P13,
// P17) give 9 of the 23 participants; P22 and P08 contribute exactly one extract each.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expectAccessible, openCodedSample, storedCodings, storedRows } from './helpers';

interface StoredTheme {
	id: string;
	name: string;
	codeIds: string[];
	reviews: Record<string, string>;
	quoteIds: string[];
	nameHistory: { name: string; until: number }[];
	definition: { concept: string; includes: string; excludes: string; relations: string };
}

const THEME = 'Keeping it private';
const CODES = ['Openness not an option', 'Hurtful responses'];

/** Creates a theme on the board from pile codes: T on the first (new theme with it), M on the rest. */
async function themeFromCodes(page: Page, projectId: string, name: string, codes: string[]): Promise<StoredTheme> {
	await page.goto(`/p/${projectId}/themes`);
	const pileCode = (c: string) => page.getByRole('button', { name: new RegExp(`^${c},`) });
	await pileCode(codes[0]).focus();
	await page.keyboard.press('t');
	await page.locator('#new-theme-name').fill(name);
	await page.keyboard.press('Enter');
	await expect(pileCode(codes[0])).toHaveCount(0);
	for (const c of codes.slice(1)) {
		await pileCode(c).focus();
		await page.keyboard.press('m');
		await page.keyboard.type(name);
		await page.keyboard.press('Enter');
		await expect(pileCode(c)).toHaveCount(0);
	}
	let theme: StoredTheme | undefined;
	await expect
		.poll(async () => {
			theme = (await storedRows<StoredTheme>(page, 'themes')).find((t) => t.name === name);
			return theme?.codeIds.length;
		})
		.toBe(codes.length);
	return theme!;
}

async function storedTheme(page: Page, id: string): Promise<StoredTheme | undefined> {
	return (await storedRows<StoredTheme>(page, 'themes')).find((t) => t.id === id);
}

const group = (page: Page, participant: string) => page.getByRole('group', { name: new RegExp(`^${participant}, `) });

test('(c) review a theme: a participant drops out of the count when their only extract does not fit; undo brings them back', async ({ page }) => {
	test.setTimeout(150_000);
	const pid = await openCodedSample(page);
	const theme = await themeFromCodes(page, pid, THEME, CODES);

	await page.getByRole('navigation', { name: 'Phases' }).getByRole('link', { name: /Review/ }).click();
	await expect(page).toHaveURL(new RegExp(`/p/${pid}/review`));
	const counts = page.getByTestId('review-counts');
	await expect(page.getByRole('heading', { level: 1, name: THEME })).toBeVisible();
	await expect(counts).toContainText('9 of 23 participants');
	await expect(counts).toContainText('28 extracts · 0 fitting, 0 not fitting, 28 undecided');
	await expect(page.getByRole('listitem').filter({ hasText: 'Openness not an option' }).first()).toBeVisible();
	// The list on the left says the same.
	await expect(page.getByRole('link', { name: new RegExp(`${THEME}.*9 of 23`) })).toBeVisible();
	await expectAccessible(page, 'review: check against the data');

	// P22 has exactly one extract in the theme: mark it not fitting with the keyboard.
	const p22 = group(page, 'P22');
	await expect(p22.getByRole('heading')).toContainText('P22 · 1 extract');
	const extract = p22.locator('article.extract');
	const codingId = (await extract.getAttribute('id'))!.replace(/^x-/, '');
	await extract.locator('blockquote').click();
	await expect(extract).toBeFocused();
	await page.keyboard.press('n');
	await expect(counts).toContainText('8 of 23 participants');
	await expect(counts).toContainText('0 fitting, 1 not fitting, 27 undecided');
	await expect(extract.getByRole('radio', { name: 'Not fitting' })).toBeChecked();
	await expect(p22.getByRole('heading')).toContainText('no longer counts');
	await expect(page.getByRole('link', { name: new RegExp(`${THEME}.*8 of 23`) })).toBeVisible();
	await expect.poll(async () => (await storedTheme(page, theme.id))?.reviews).toEqual({ [codingId]: 'misfit' });

	// Ctrl+Z restores the count and the stored verdicts.
	await page.keyboard.press('Control+z');
	await expect(counts).toContainText('9 of 23 participants');
	await expect(extract.getByRole('radio', { name: 'Undecided' })).toBeChecked();
	await expect.poll(async () => (await storedTheme(page, theme.id))?.reviews).toEqual({});

	// From the list, J and K move between extracts; F and U judge the one in focus.
	const idOf = async (n: number) => (await group(page, 'P02').locator('article.extract').nth(n).getAttribute('id'))!;
	const first = page.locator(`[id="${await idOf(0)}"]`);
	const second = page.locator(`[id="${await idOf(1)}"]`);
	const third = page.locator(`[id="${await idOf(2)}"]`);
	await first.locator('blockquote').click();
	await expect(first).toBeFocused();
	await page.keyboard.press('f');
	await page.keyboard.press('j');
	await expect(second).toBeFocused();
	await page.keyboard.press('f');
	await page.keyboard.press('j');
	await expect(third).toBeFocused();
	await page.keyboard.press('k');
	await expect(second).toBeFocused();
	await page.keyboard.press('u');
	await page.keyboard.press('ArrowUp');
	await expect(first).toBeFocused();
	await expect(first.getByRole('radio', { name: 'Fits' })).toBeChecked();
	await expect(second.getByRole('radio', { name: 'Undecided' })).toBeChecked();
	await expect(counts).toContainText('1 fitting, 0 not fitting, 27 undecided');
	// From outside the list, J comes back to the extract last in focus.
	await page.locator('main h1').click();
	await page.keyboard.press('j');
	await expect(first).toBeFocused();

	// An extract that does not fit moves to another code: P08's only extract goes to "Supportive responses".
	const p08 = group(page, 'P08').locator('article.extract');
	const movedId = (await p08.getAttribute('id'))!.replace(/^x-/, '');
	await p08.getByRole('radio', { name: 'Not fitting' }).check();
	await expect(counts).toContainText('8 of 23 participants');
	await p08.getByRole('button', { name: 'Move to code…' }).click();
	const target = p08.getByLabel('Move this extract to');
	await target.selectOption((await target.locator('option', { hasText: 'Supportive responses' }).getAttribute('value'))!);
	await p08.getByRole('button', { name: 'Move', exact: true }).click();
	await expect(group(page, 'P08')).toHaveCount(0);
	await expect(counts).toContainText('8 of 23 participants · 27 extracts');
	await expect.poll(async () => (await storedCodings(page)).find((c) => c.id === movedId)?.codeId).not.toBe(theme.codeIds[1]);
	const supportive = (await storedCodings(page)).find((c) => c.id === movedId)!.codeId;
	await page.keyboard.press('Control+z');
	await expect(group(page, 'P08')).toHaveCount(1);
	await expect.poll(async () => (await storedCodings(page)).find((c) => c.id === movedId)?.codeId).not.toBe(supportive);

	// The filter shows only what is left to decide.
	await page.getByRole('group', { name: 'Show' }).getByRole('radio', { name: /Undecided/ }).check();
	await expect(page.locator('article.extract')).toHaveCount(26);
	await expect(first).toHaveCount(0);

	// Coverage: participants × themes, with a drill-down.
	await page.getByRole('link', { name: 'Coverage' }).click();
	const table = page.getByRole('table', { name: /Participants × themes/ });
	await expect(table.getByRole('row')).toHaveCount(1 + 23 + 1);
	await expect(table.getByRole('columnheader', { name: THEME })).toBeVisible();
	await expect(table.locator('tfoot')).toContainText('8 of 23');
	const cell = table.getByRole('button', { name: `P22 in “${THEME}”: 1 extract. Show them` });
	await cell.click();
	await expect(page.getByRole('heading', { name: `P22 in “${THEME}” · 1 extract` })).toBeVisible();
	await expect(page.getByRole('region', { name: /P22 in/ }).getByRole('link', { name: 'Open in transcript' })).toHaveAttribute(
		'href',
		new RegExp(`/p/${pid}/d/[^?]+\\?at=\\d+&end=\\d+`)
	);
	await expectAccessible(page, 'review: coverage');
});

test('(d) define a theme: template fields, rename with history, two quotes, then export the theme table as DOCX and Markdown', async ({ page }) => {
	test.setTimeout(150_000);
	const pid = await openCodedSample(page);
	const theme = await themeFromCodes(page, pid, THEME, CODES);

	await page.getByRole('navigation', { name: 'Phases' }).getByRole('link', { name: /Define/ }).click();
	await expect(page).toHaveURL(new RegExp(`/p/${pid}/define`));
	await expect(page.getByRole('textbox', { name: 'Theme name', exact: true })).toHaveValue(THEME);
	await expect(page.getByTestId('define-counts')).toContainText('9 of 23 participants');
	const nav = page.getByRole('navigation', { name: 'Themes' });
	await expect(nav).toContainText('no definition');
	await expect(nav).toContainText('no quotes');
	await expectAccessible(page, 'define');

	const text = {
		concept: 'Keeping a mental health problem private at work, to protect one’s standing.',
		includes: 'Choosing not to tell; hurtful reactions that taught people to stay silent.',
		excludes: 'Selective disclosure to a trusted few (see “Choosing whom to tell”).',
		relations: 'The other side of openness: what disclosure costs when work is not safe.'
	};
	await page.getByRole('textbox', { name: 'Central organising concept', exact: true }).fill(text.concept);
	await page.getByRole('textbox', { name: 'Includes', exact: true }).fill(text.includes);
	await page.getByRole('textbox', { name: 'Excludes', exact: true }).fill(text.excludes);
	await page.getByRole('textbox', { name: 'Relation to other themes', exact: true }).fill(text.relations);
	await page.getByRole('textbox', { name: 'Relation to other themes', exact: true }).press('Control+Enter');
	await expect.poll(async () => (await storedTheme(page, theme.id))?.definition).toEqual(text);
	await expect(nav).not.toContainText('no definition');
	// Each field edit is one undo step.
	await page.getByRole('heading', { name: 'Definition' }).click();
	await page.keyboard.press('Control+z');
	await expect(page.getByRole('textbox', { name: 'Relation to other themes', exact: true })).toHaveValue('');
	await expect(page.getByRole('textbox', { name: 'Excludes', exact: true })).toHaveValue(text.excludes);
	await page.keyboard.press('Control+Shift+z');
	await expect(page.getByRole('textbox', { name: 'Relation to other themes', exact: true })).toHaveValue(text.relations);

	// Rename: the earlier name stays visible with its date.
	await page.getByRole('textbox', { name: 'Theme name', exact: true }).fill('Keeping it to oneself');
	await page.getByRole('textbox', { name: 'Theme name', exact: true }).press('Enter');
	await expect(page.getByTestId('earlier-names')).toHaveText(/Earlier names: Keeping it private \(until \d{1,2} \w{3} \d{4}\)/);
	await expect(nav.getByRole('link', { name: /Keeping it to oneself/ })).toBeVisible();
	await expect
		.poll(async () => {
			const t = await storedTheme(page, theme.id);
			return [t?.name, t?.nameHistory.map((h) => h.name)];
		})
		.toEqual(['Keeping it to oneself', [THEME]]);

	// Pick two quotes from P02 (the first two extracts): Tema hints that they share one source.
	const candidates = page.locator('ul.candidates > li');
	await candidates.nth(0).getByLabel('Use as quote').check();
	await candidates.nth(1).getByLabel('Use as quote').check();
	const chosen = page.getByRole('list', { name: 'Chosen quotes' }).getByRole('listitem');
	await expect(chosen).toHaveCount(2);
	await expect(chosen.first()).toContainText('(P02)');
	await expect(page.getByRole('note')).toContainText('All chosen quotes come from P02');
	let picked: string[] = [];
	await expect
		.poll(async () => (picked = (await storedTheme(page, theme.id))?.quoteIds ?? []).length)
		.toBe(2);
	const firstText = await chosen.first().locator('.quote').innerText();

	// Reorder, and undo the reorder with Ctrl+Z.
	await page.getByRole('button', { name: 'Move quote 1 down' }).click();
	await expect(chosen.nth(1).locator('.quote')).toHaveText(firstText);
	await expect.poll(async () => (await storedTheme(page, theme.id))?.quoteIds).toEqual([picked[1], picked[0]]);
	await page.keyboard.press('Control+z');
	await expect(chosen.first().locator('.quote')).toHaveText(firstText);
	await expect.poll(async () => (await storedTheme(page, theme.id))?.quoteIds).toEqual(picked);

	// Filter by participant: replacing the second quote with one from P17 ends the hint.
	await page.getByRole('button', { name: 'Remove quote 2 (P02)' }).click();
	await page.getByLabel('Participant').selectOption({ label: 'P17 (6)' });
	await expect(candidates).toHaveCount(6);
	await candidates.nth(0).getByLabel('Use as quote').check();
	await expect(chosen).toHaveCount(2);
	await expect(chosen.nth(1)).toContainText('(P17)');
	await expect(candidates).toHaveCount(6); // the filter stays while picking
	await expect(page.getByRole('note')).toHaveCount(0);
	await expect(nav).toContainText('defined, with quotes');
	await expect.poll(async () => (await storedTheme(page, theme.id))?.quoteIds.length).toBe(2);
	expect((await storedTheme(page, theme.id))?.quoteIds[0]).toBe(picked[0]);

	// Reloading keeps everything.
	await page.reload();
	await expect(page.getByRole('textbox', { name: 'Central organising concept', exact: true })).toHaveValue(text.concept);
	await expect(page.getByTestId('earlier-names')).toContainText(THEME);
	await expect(chosen).toHaveCount(2);
	await expectAccessible(page, 'define with quotes');
	const quotes = await chosen.locator('.quote').allInnerTexts();

	// Write up: the theme table as DOCX and Markdown holds the definition, the count and both quotes.
	await page.getByRole('navigation', { name: 'Phases' }).getByRole('link', { name: /Write up/ }).click();
	const core = (q: string) => q.replace(/^[“"]|[”"]$/g, '').replace(/\s+/g, ' ').trim().slice(0, 40);
	const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the theme table as Markdown (.md)' }).click()]);
	const markdown = readFileSync(await md.path(), 'utf8');
	const row = markdown.split('\n').find((l) => l.startsWith('| Keeping it to oneself |'));
	expect(row).toContain(text.concept);
	expect(row).toMatch(/\| 9 \|/);
	for (const q of quotes) expect(row).toContain(core(q));
	expect(row).toMatch(/\(P02\).*\(P17\)/);
	const [docx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the theme table as Word (.docx)' }).click()]);
	const xml = strFromU8(unzipSync(readFileSync(await docx.path()))['word/document.xml']);
	const plain = xml.replace(/<[^>]+>/g, '');
	expect(plain).toContain('Keeping it to oneself');
	expect(plain).toContain(text.concept);
	for (const q of quotes) expect(plain.replace(/\s+/g, ' ')).toContain(core(q).replace(/&/g, '&amp;'));
});
