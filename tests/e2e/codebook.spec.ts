// Journey (c): build a nested codebook, code with it, merge two codes and undo the merge;
// codings follow the merge and come back with the undo, in IndexedDB as on screen.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { createProject, expectAccessible, storedCodings, storedCodingsWhen, storedRows } from './helpers';

async function newCode(page: Page, button: 'New code' | 'New sub-code', name: string) {
	await page.getByRole('button', { name: button, exact: true }).first().click();
	const field = page.getByRole('textbox', { name: 'Name', exact: true });
	await expect(field).toBeFocused();
	await field.fill(name);
	await field.press('Enter');
	await expect(page.getByRole('treeitem', { name: new RegExp(`^${name},`) })).toBeVisible();
}

async function codeTurn(page: Page, turnPresses: number, words: number, codeName: string) {
	await page.keyboard.press('Control+Home');
	for (let i = 0; i < turnPresses; i++) await page.keyboard.press('Alt+ArrowDown');
	for (let i = 0; i < words; i++) await page.keyboard.press('Shift+Control+ArrowRight');
	await page.keyboard.press('c');
	await page.keyboard.type(codeName);
	await page.keyboard.press('Enter');
}

test('nest codes, merge two, undo the merge: no coding is lost', async ({ page }) => {
	const id = await createProject(page, 'Codebook journey');
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Choose files…' }).click();
	await (await chooser).setFiles([{ name: 'P01.txt', mimeType: 'text/plain', buffer: readFileSync('static/sample/P01.txt') }]);
	await expect(page.getByTestId('import-result')).toHaveText('1 transcript added.');

	await page.getByRole('link', { name: 'Codebook' }).click();
	await expectAccessible(page, 'empty codebook');
	await newCode(page, 'New code', 'Work');
	await newCode(page, 'New sub-code', 'Manager');
	await page.getByRole('treeitem', { name: /^Work,/ }).click();
	await newCode(page, 'New sub-code', 'Boss');
	await newCode(page, 'New code', 'Colleagues');
	await expect(page.getByRole('treeitem', { name: /^Manager,/ })).toHaveAttribute('aria-level', '2');
	await expect(page.getByRole('treeitem', { name: /^Boss,/ })).toHaveAttribute('aria-level', '2');
	await expect(page.getByRole('treeitem', { name: /^Colleagues,/ })).toHaveAttribute('aria-level', '1');

	// Drag "Colleagues" onto the middle of "Work": it becomes a sub-code.
	await page.getByRole('treeitem', { name: /^Colleagues,/ }).dragTo(page.getByRole('treeitem', { name: /^Work,/ }));
	await expect(page.getByRole('treeitem', { name: /^Colleagues,/ })).toHaveAttribute('aria-level', '2');
	// And back out with the keyboard: Alt+Left moves it after its parent.
	await page.getByRole('treeitem', { name: /^Colleagues,/ }).focus();
	await page.keyboard.press('Alt+ArrowLeft');
	await expect(page.getByRole('treeitem', { name: /^Colleagues,/ })).toHaveAttribute('aria-level', '1');
	await expectAccessible(page, 'codebook with codes');

	// Code two passages of P01, one with Boss and one with Manager.
	await page.getByRole('link', { name: 'Documents' }).click();
	await page.getByRole('link', { name: 'P01', exact: true }).first().click();
	await expect(page.getByRole('textbox', { name: 'Transcript P01' })).toBeFocused();
	await codeTurn(page, 2, 4, 'Boss');
	await expect(page.locator('.ProseMirror .hl')).toHaveCount(1);
	await codeTurn(page, 4, 4, 'Manager');
	await expect(page.locator('.ProseMirror .hl')).toHaveCount(2);
	const codes = await storedRows<{ id: string; name: string; parentId: string | null }>(page, 'codes');
	const boss = codes.find((c) => c.name === 'Boss')!;
	const manager = codes.find((c) => c.name === 'Manager')!;
	const before = await storedCodingsWhen(page, (c) => c.length === 2);
	expect(before.map((c) => c.codeId).sort()).toEqual([boss.id, manager.id].sort());

	// Merge Boss into Manager.
	await page.getByRole('link', { name: 'Codebook' }).click();
	await page.getByRole('treeitem', { name: /^Boss,/ }).click();
	await page.getByRole('button', { name: 'Merge into…' }).click();
	const dialog = page.getByRole('dialog', { name: 'Merge “Boss” into another code' });
	await expect(dialog).toBeVisible();
	await expectAccessible(page, 'merge dialog');
	await dialog.getByRole('radio', { name: 'Manager' }).check();
	await dialog.getByRole('button', { name: 'Merge into “Manager”' }).click();
	await expect(page.getByRole('treeitem', { name: /^Boss,/ })).toHaveCount(0);
	await expect(page.getByRole('treeitem', { name: /^Manager, 2 extracts/ })).toBeVisible();
	const merged = await storedCodingsWhen(page, (c) => c.every((x) => x.codeId === manager.id));
	expect(merged).toHaveLength(2);
	expect(merged.every((c) => c.codeId === manager.id)).toBe(true);

	// Undo with the keyboard: Boss and its coding come back exactly.
	await page.getByRole('treeitem', { name: /^Manager,/ }).focus();
	await page.keyboard.press('Control+z');
	await expect(page.getByRole('treeitem', { name: /^Boss, 1 extract/ })).toBeVisible();
	const restored = await storedCodingsWhen(page, (c) => c.some((x) => x.codeId === boss.id));
	expect(restored.map((c) => [c.id, c.codeId, c.start, c.end]).sort()).toEqual(before.map((c) => [c.id, c.codeId, c.start, c.end]).sort());
	expect((await storedRows<{ name: string }>(page, 'codes')).map((c) => c.name).sort()).toEqual(['Boss', 'Colleagues', 'Manager', 'Work']);

	// Deleting a code with codings asks first, says what would be lost, and offers merging.
	await page.getByRole('treeitem', { name: /^Manager,/ }).click();
	await page.getByRole('button', { name: 'Delete…' }).click();
	const del = page.getByRole('dialog', { name: /Delete “Manager”/ });
	await expect(del).toContainText('1 coding');
	await expect(del.getByRole('button', { name: 'Merge into another code instead…' })).toBeVisible();
	await expectAccessible(page, 'delete dialog');
	await del.getByRole('button', { name: 'Cancel' }).click();
	expect(await storedCodings(page)).toHaveLength(2);

	// Redo is there too.
	await page.getByRole('button', { name: /^Redo: Merge/ }).click();
	await expect(page.getByRole('treeitem', { name: /^Boss,/ })).toHaveCount(0);
	expect(page.url()).toContain(id);
});
