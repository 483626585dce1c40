// Journey (b), the board: on the coded sample, build two main themes with sub-themes from
// the codes, by drag and drop and by keyboard; a code in two themes is marked; the stored
// rows say the same, and Ctrl+Z undoes the last move. The thematic map then shows the same
// structure and changes it.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, openCodedSample, storedRows } from './helpers';

interface ThemeRow {
	id: string;
	name: string;
	parentId: string | null;
	order: number;
	codeIds: string[];
	status: string;
}

const theme = (page: Page, name: string) => page.getByRole('group', { name: new RegExp(`^${name},`) });
const pileCode = (page: Page, name: string) => page.getByRole('complementary', { name: /Codes not in a theme/ }).getByRole('button', { name: new RegExp(`^${name},`) });
const chip = (page: Page, themeName: string, code: string) => theme(page, themeName).getByRole('button', { name: new RegExp(`^${code}`) });

async function create(page: Page, button: string | RegExp, name: string) {
	await page.getByRole('button', { name: button, exact: typeof button === 'string' }).click();
	await expect(page.getByRole('textbox', { name: /^Name of the new/ })).toBeFocused();
	await page.keyboard.type(name);
	await page.keyboard.press('Enter');
	await expect(theme(page, name)).toBeFocused();
}

/** The stored themes once ok holds for them (writes land a frame after they show). */
async function storedThemesWhen(page: Page, ok: (rows: ThemeRow[]) => boolean): Promise<ThemeRow[]> {
	let rows: ThemeRow[] = [];
	await expect.poll(async () => ok((rows = await storedRows<ThemeRow>(page, 'themes')))).toBe(true);
	return rows;
}

test('build main themes with sub-themes from codes, by drag and by keyboard; undo the last move', async ({ page }) => {
	const id = await openCodedSample(page);
	await page.getByRole('navigation', { name: 'Phases' }).getByRole('link', { name: /Themes/ }).click();
	await expect(page).toHaveURL(new RegExp(`/p/${id}/themes$`));
	await expect(page.getByRole('heading', { name: 'No themes yet' })).toBeVisible();
	await expect(pileCode(page, 'Postponing worry')).toBeVisible();
	await expectAccessible(page, 'empty theme board');

	// Two main themes with sub-themes, and one theme made on its own.
	await create(page, 'New main theme', 'Change in perceptions');
	await create(page, /New sub-theme of “Change in perceptions”/, 'New understanding');
	await create(page, /New sub-theme of “Change in perceptions”/, 'Self-confidence');
	await create(page, 'New main theme', 'Handling work differently');
	await create(page, 'New theme', 'Strategies');
	await expect(theme(page, 'Strategies')).toHaveAttribute('aria-label', /, theme, /);

	// Keyboard: the theme goes under a main theme (M, type part of its name, Enter).
	await theme(page, 'Strategies').press('m');
	const menu = page.getByRole('dialog', { name: 'Move “Strategies” under a main theme' });
	await expect(menu.getByRole('combobox')).toBeFocused();
	await expect(menu.getByRole('option')).toHaveText(['Change in perceptions', 'Handling work differently']);
	await page.keyboard.type('handl');
	await expect(menu.getByRole('option')).toHaveText(['Handling work differently']);
	await page.keyboard.press('Enter');
	await expect(menu).toBeHidden();
	await expect(theme(page, 'Strategies')).toHaveAttribute('aria-label', /sub-theme of Handling work differently/);
	await expect(theme(page, 'Strategies')).toBeFocused();
	await expect(page.getByRole('status').filter({ hasText: 'Moved theme “Strategies” under “Handling work differently”' })).toBeVisible();

	// Drag codes from the pile into themes.
	await pileCode(page, 'Insight into own thinking patterns').dragTo(theme(page, 'New understanding'));
	await expect(chip(page, 'New understanding', 'Insight into own thinking patterns')).toBeVisible();
	await pileCode(page, 'Confident about coping').dragTo(theme(page, 'Self-confidence'));
	await pileCode(page, 'Experiences of mastery').dragTo(theme(page, 'Self-confidence'));
	await pileCode(page, 'Setting boundaries').dragTo(theme(page, 'Strategies'));
	await expect(chip(page, 'Self-confidence', 'Experiences of mastery')).toBeVisible();
	await expect(chip(page, 'Strategies', 'Setting boundaries')).toBeVisible();
	await expect(pileCode(page, 'Setting boundaries')).toHaveCount(0);

	// A chip dragged to another theme moves; with Ctrl held it is copied and stays.
	await pileCode(page, 'Letting thoughts be').dragTo(theme(page, 'New understanding'));
	await chip(page, 'New understanding', 'Letting thoughts be').dragTo(theme(page, 'Strategies'));
	await expect(chip(page, 'Strategies', 'Letting thoughts be')).toBeVisible();
	await expect(chip(page, 'New understanding', 'Letting thoughts be')).toHaveCount(0);
	await page.keyboard.down('Control');
	await chip(page, 'New understanding', 'Insight into own thinking patterns').dragTo(theme(page, 'Self-confidence'));
	await page.keyboard.up('Control');
	await expect(chip(page, 'Self-confidence', 'Insight into own thinking patterns')).toBeVisible();
	await expect(chip(page, 'New understanding', 'Insight into own thinking patterns')).toBeVisible();
	await expect(chip(page, 'New understanding', 'Insight into own thinking patterns')).toContainText('in 2 themes');
	await expect(chip(page, 'Self-confidence', 'Insight into own thinking patterns')).toHaveAttribute('aria-label', /also in New understanding/);

	// Keyboard: a pile code into a theme (M, type, Enter); focus follows it to its new place.
	await pileCode(page, 'Postponing worry').focus();
	await page.keyboard.press('m');
	const codeMenu = page.getByRole('dialog', { name: 'Move “Postponing worry” to a theme' });
	await expect(codeMenu.getByRole('combobox')).toBeFocused();
	await page.keyboard.type('strat');
	await expect(codeMenu.getByRole('option').first()).toHaveText(/Handling work differently › Strategies/);
	await page.keyboard.press('Enter');
	await expect(chip(page, 'Strategies', 'Postponing worry')).toBeFocused();
	await expect(pileCode(page, 'Postponing worry')).toHaveCount(0);

	// What is stored.
	const codes = await storedRows<{ id: string; name: string }>(page, 'codes');
	const codeId = (name: string) => codes.find((c) => c.name === name)!.id;
	const rows = await storedThemesWhen(page, (r) => r.find((t) => t.name === 'Strategies')?.codeIds.length === 3);
	const byName = (name: string) => rows.find((t) => t.name === name)!;
	const change = byName('Change in perceptions');
	const handling = byName('Handling work differently');
	expect(rows).toHaveLength(5);
	expect(change.parentId).toBeNull();
	expect(handling.parentId).toBeNull();
	expect(byName('New understanding').parentId).toBe(change.id);
	expect(byName('Self-confidence').parentId).toBe(change.id);
	expect(byName('Strategies').parentId).toBe(handling.id);
	expect(byName('New understanding').codeIds).toEqual([codeId('Insight into own thinking patterns')]);
	// (A drop on a code puts the new one before it, so the order follows where the pointer was.)
	const sorted = (ids: string[]) => [...ids].sort();
	expect(sorted(byName('Self-confidence').codeIds)).toEqual(
		sorted(['Confident about coping', 'Experiences of mastery', 'Insight into own thinking patterns'].map(codeId))
	);
	expect(sorted(byName('Strategies').codeIds)).toEqual(sorted(['Setting boundaries', 'Letting thoughts be', 'Postponing worry'].map(codeId)));
	// The keyboard puts a code at the end of the theme.
	expect(byName('Strategies').codeIds.at(-1)).toBe(codeId('Postponing worry'));
	expect(rows.every((t) => t.status === 'candidate')).toBe(true);

	// Ctrl+Z undoes the last move: the code is back on the pile, and in the database.
	await page.keyboard.press('Control+z');
	await expect(chip(page, 'Strategies', 'Postponing worry')).toHaveCount(0);
	await expect(pileCode(page, 'Postponing worry')).toBeVisible();
	const undone = await storedThemesWhen(page, (r) => r.find((t) => t.name === 'Strategies')?.codeIds.length === 2);
	expect(undone.find((t) => t.name === 'Strategies')!.codeIds).toEqual(byName('Strategies').codeIds.slice(0, -1));

	// The board with themes, and with a theme's details open, passes the scan.
	await expectAccessible(page, 'theme board with themes');
	await theme(page, 'Self-confidence').focus();
	await page.keyboard.press('Enter');
	const panel = page.getByRole('complementary', { name: 'Theme details' });
	await expect(panel.getByRole('heading', { name: /Self-confidence/ })).toBeVisible();
	await expect(panel).toContainText('also in other themes');
	await expect(panel.getByRole('link', { name: 'Review this theme' })).toHaveAttribute('href', `/p/${id}/review?theme=${byName('Self-confidence').id}`);
	await expectAccessible(page, 'theme board with the details panel');

	// The thematic map shows the same structure, and changes it: drag "Self-confidence" onto
	// the other main theme, and the board follows.
	await page.getByRole('navigation', { name: 'Themes' }).getByRole('link', { name: 'Thematic map' }).click();
	const node = (name: RegExp) => page.getByRole('group', { name: /^Thematic map of/ }).getByRole('button', { name });
	await expect(node(/^Main theme Change in perceptions, top level, 2 sub-themes/)).toBeVisible();
	await expect(node(/^Main theme Handling work differently, top level, 1 sub-themes?/)).toBeVisible();
	await expect(node(/^Theme Self-confidence, under Change in perceptions, 3 codes$/)).toBeVisible();
	await expect(node(/^Code Insight into own thinking patterns, in Self-confidence, \d+ extracts, also in New understanding$/)).toBeVisible();
	const from = (await node(/^Theme Self-confidence,/).boundingBox())!;
	const to = (await node(/^Main theme Handling work differently,/).boundingBox())!;
	await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
	await page.mouse.down();
	await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 + 8, { steps: 3 });
	await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
	await page.mouse.up();
	await storedThemesWhen(page, (r) => r.find((t) => t.name === 'Self-confidence')?.parentId === handling.id);
	await expect(node(/^Theme Self-confidence, under Handling work differently, 3 codes$/)).toBeVisible();
	await page.getByRole('navigation', { name: 'Themes' }).getByRole('link', { name: 'Board' }).click();
	await expect(theme(page, 'Self-confidence')).toHaveAttribute('aria-label', /sub-theme of Handling work differently/);
});

test('every drag has a keyboard equivalent: new theme from a code, copy, take out, reorder, rename, discard', async ({ page }) => {
	const id = await openCodedSample(page);
	await page.goto(`/p/${id}/themes`);
	const filter = page.getByRole('searchbox', { name: 'Filter the codes not in a theme' });

	// T on a pile code: a new theme holding it (the name starts as the code's, here replaced).
	await filter.fill('postpon');
	await filter.press('ArrowDown');
	await expect(pileCode(page, 'Postponing worry')).toBeFocused();
	await page.keyboard.press('t');
	const name = page.getByRole('textbox', { name: 'Name of a new theme with “Postponing worry”' });
	await expect(name).toBeFocused();
	await expect(name).toHaveValue('Postponing worry');
	await page.keyboard.type('Coping strategies');
	await page.keyboard.press('Enter');
	await expect(chip(page, 'Coping strategies', 'Postponing worry')).toBeFocused();
	await expect(page.getByText('No code on the pile has “postpon” in its name.')).toBeVisible();

	// M on another pile code, then Alt+← puts it first among the theme's codes.
	await filter.fill('letting');
	await filter.press('ArrowDown');
	await page.keyboard.press('m');
	await page.keyboard.type('coping');
	await page.keyboard.press('Enter');
	await expect(chip(page, 'Coping strategies', 'Letting thoughts be')).toBeFocused();
	await page.keyboard.press('Alt+ArrowLeft');
	await expect(chip(page, 'Coping strategies', 'Letting thoughts be')).toBeFocused();
	await expect(theme(page, 'Coping strategies').getByRole('listitem')).toHaveText([/Letting thoughts be/, /Postponing worry/]);

	// C copies into a new theme named in the menu; the code is then in two themes.
	await page.keyboard.press('c');
	const copyMenu = page.getByRole('dialog', { name: 'Copy “Letting thoughts be” into another theme' });
	await expect(copyMenu.getByRole('combobox')).toBeFocused();
	await expectAccessible(page, 'move menu');
	await page.keyboard.type('Worry work');
	await expect(copyMenu.getByRole('option')).toHaveText([/^\W*New theme “Worry work”\s*$/]);
	await page.keyboard.press('Enter');
	await expect(chip(page, 'Worry work', 'Letting thoughts be')).toBeFocused();
	await expect(chip(page, 'Coping strategies', 'Letting thoughts be')).toContainText('in 2 themes');

	// Delete takes it out of this theme only; focus stays on the theme.
	await page.keyboard.press('Delete');
	await expect(chip(page, 'Worry work', 'Letting thoughts be')).toHaveCount(0);
	await expect(theme(page, 'Worry work')).toBeFocused();
	await expect(page.getByRole('status').filter({ hasText: 'It is still in “Coping strategies”' })).toBeVisible();
	await expect(chip(page, 'Coping strategies', 'Letting thoughts be')).not.toContainText('in 2 themes');

	// Alt+↑ reorders themes; F2 renames (the old name is kept); Escape leaves a menu where it was.
	await page.keyboard.press('Alt+ArrowUp');
	await expect(page.locator('.theme').first()).toHaveAttribute('aria-label', /^Worry work,/);
	await expect(theme(page, 'Worry work')).toBeFocused();
	await page.keyboard.press('F2');
	await expect(page.getByRole('textbox', { name: 'New name for “Worry work”' })).toBeFocused();
	await page.keyboard.press('Control+a');
	await page.keyboard.type('Worry as work');
	await page.keyboard.press('Enter');
	await expect(theme(page, 'Worry as work')).toBeFocused();
	await page.keyboard.press('m');
	await expect(page.getByRole('dialog', { name: 'Move “Worry as work” under a main theme' })).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(page.getByRole('dialog', { name: /under a main theme/ })).toBeHidden();
	await expect(theme(page, 'Worry as work')).toBeFocused();

	// Delete asks first, and offers discarding instead; a discarded theme waits at the bottom.
	await page.keyboard.press('Delete');
	const dialog = page.getByRole('dialog', { name: 'Delete theme “Worry as work”?' });
	await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
	await expectAccessible(page, 'delete theme dialog');
	await page.keyboard.press('Tab');
	await expect(dialog.getByRole('button', { name: 'Discard instead' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(dialog).toBeHidden();
	await expect(theme(page, 'Coping strategies')).toBeFocused();
	await expect(page.getByText('Discarded (1)')).toBeVisible();
	let rows = await storedThemesWhen(page, (r) => r.some((t) => t.status === 'discarded'));
	const worry = rows.find((t) => t.name === 'Worry as work') as ThemeRow & { nameHistory: { name: string }[] };
	expect(worry.status).toBe('discarded');
	expect(worry.nameHistory.map((h) => h.name)).toEqual(['Worry work']);
	expect(rows.find((t) => t.name === 'Coping strategies')!.order).toBe(1);

	// M on a code in a theme offers the pile; it goes back there and keeps the focus.
	await chip(page, 'Coping strategies', 'Postponing worry').focus();
	await page.keyboard.press('m');
	await page.keyboard.type('pile');
	await page.keyboard.press('Enter');
	// (The pile's filter, still "letting", is cleared so the code is seen where it went.)
	await expect(pileCode(page, 'Postponing worry')).toBeFocused();
	await expect(filter).toHaveValue('');
	rows = await storedThemesWhen(page, (r) => r.find((t) => t.name === 'Coping strategies')?.codeIds.length === 1);
	expect(rows.find((t) => t.name === 'Coping strategies')!.codeIds).toHaveLength(1);
});
