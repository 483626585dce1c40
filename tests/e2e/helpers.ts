// Shared steps of the browser journeys: opening the sample study, reading IndexedDB with
// the raw API (so tests check what is really stored, not what the app shows), and the
// axe-core scan every visited screen must pass.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function openSample(page: Page): Promise<string> {
	await page.goto('/');
	await page.getByRole('button', { name: 'Open the sample study' }).click();
	await page.waitForURL(/\/p\/[^/]+$/, { timeout: 60_000 });
	await expect(page.getByRole('table', { name: 'Transcripts' }).getByRole('row')).toHaveCount(24);
	return page.url().split('/p/')[1];
}

export async function createProject(page: Page, name: string): Promise<string> {
	await page.goto('/');
	await page.getByLabel('Project name').fill(name);
	await page.getByRole('button', { name: 'Create project' }).click();
	await page.waitForURL(/\/p\/[^/]+$/);
	return page.url().split('/p/')[1];
}

/** Rows of one object store, read with the raw IndexedDB API. */
export async function storedRows<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
	return page.evaluate(
		(store) =>
			new Promise<T[]>((resolve, reject) => {
				const open = indexedDB.open('tema');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const req = db.transaction(store, 'readonly').objectStore(store).getAll();
					req.onsuccess = () => {
						db.close();
						resolve(req.result as T[]);
					};
					req.onerror = () => reject(req.error);
				};
			}),
		store
	);
}

/** All codings stored, flattened out of the per-(document, coder) rows. */
export async function storedCodings(page: Page): Promise<{ id: string; codeId: string; start: number; end: number; quote: string; coderId: string }[]> {
	const sets = await storedRows<{ codings: { id: string; codeId: string; start: number; end: number; quote: string; coderId: string }[] }>(page, 'codingSets');
	return sets.flatMap((s) => s.codings);
}

export async function expectAccessible(page: Page, what: string): Promise<void> {
	const results = await new AxeBuilder({ page }).analyze();
	const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(
		bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`),
		`axe violations on ${what}`
	).toEqual([]);
}

/**
 * The stored codings once `ok` holds for them. The app shows a change first and stores it
 * right after the next frame, so a test reads the database only when the write has landed.
 */
export async function storedCodingsWhen(
	page: Page,
	ok: (codings: Awaited<ReturnType<typeof storedCodings>>) => boolean
): Promise<Awaited<ReturnType<typeof storedCodings>>> {
	let last: Awaited<ReturnType<typeof storedCodings>> = [];
	await expect.poll(async () => ok((last = await storedCodings(page)))).toBe(true);
	return last;
}

/** Opens (creating the first time) the sample study with the sample coder's 3,680 codings. */
export async function openCodedSample(page: Page): Promise<string> {
	await page.goto('/');
	await page.getByRole('button', { name: 'Open it already coded' }).click();
	await page.waitForURL(/\/p\/[^/]+$/, { timeout: 90_000 });
	await expect(page.getByRole('table', { name: 'Transcripts' }).getByRole('row')).toHaveCount(24);
	return page.url().split('/p/')[1];
}
