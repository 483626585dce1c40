// Journey (b), continued from the board: the same themes on the thematic map, changed there.
// The sample study's structure (2 main themes, 5 themes, its codes) is stored first; the
// map must show exactly what is stored, and dragging, renaming, the keyboard's "Move
// under…", a new theme and the SVG/PNG downloads must all reach IndexedDB or the files.
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible, openCodedSample, storedRows } from './helpers';

interface StoredTheme {
	id: string;
	projectId: string;
	parentId: string | null;
	order: number;
	name: string;
	codeIds: string[];
	status: string;
	nameHistory: { name: string; until: number }[];
}

const MT1 = 'Change in perceptions of mental health and work';
const MT2 = 'Handling work and psychological symptoms in a new way';
const STRUCTURE: { name: string; parent: string | null; codes: string[] }[] = [
	{ name: MT1, parent: null, codes: [] },
	{ name: MT2, parent: null, codes: [] },
	{
		name: 'Increased awareness and a new understanding of their situation',
		parent: MT1,
		codes: ['Bodily symptoms understood as anxiety', 'Worry and rumination harmed concentration', 'Insight into own thinking patterns', 'Shame eased by learning it is common', 'Looking back at how it built up', 'An explanation that made sense']
	},
	{
		name: 'Improved self-confidence helped to get ready for work',
		parent: MT1,
		codes: ['Experiences of mastery', 'In charge of own process', 'Gently pushed by the therapist', 'Work focus made return seem possible', 'Feeling ready to return']
	},
	{
		name: 'Learning new strategies to handle work',
		parent: MT2,
		codes: ['Letting thoughts be', 'Postponing worry', 'Shifting attention', 'Stopping self-criticism', 'Not avoiding', 'Work adjustments', 'Concrete routines', 'Setting boundaries']
	},
	{
		name: 'Being open about mental illness at work',
		parent: MT2,
		codes: ['Selective disclosure', 'Supportive responses', 'Hurtful responses', 'Openness not an option', 'Relief of not pretending', 'Setting boundaries']
	},
	{ name: 'Handling future problems at work', parent: MT2, codes: ['Spotting signs of relapse', 'Confident about coping', 'Still struggling and unsure', 'A plan for setbacks'] }
];
const PALETTE = ['#7c3aed', '#0f766e', '#c2410c', '#1d4ed8', '#be185d', '#4d7c0f', '#a16207'];

/** Stores the sample's themes straight into IndexedDB (as the board would have), then reloads. */
async function seedThemes(page: Page, projectId: string): Promise<void> {
	const codes = await storedRows<{ id: string; name: string; projectId: string }>(page, 'codes');
	const idOf = new Map(codes.filter((c) => c.projectId === projectId).map((c) => [c.name, c.id]));
	const ids = new Map(STRUCTURE.map((t, i) => [t.name, `seed-theme-${i}`]));
	const rows = STRUCTURE.map((t, i) => ({
		id: ids.get(t.name)!,
		projectId,
		parentId: t.parent ? ids.get(t.parent)! : null,
		order: STRUCTURE.filter((x, j) => j < i && x.parent === t.parent).length,
		name: t.name,
		color: PALETTE[i],
		status: 'candidate',
		codeIds: t.codes.map((n) => {
			const id = idOf.get(n);
			if (!id) throw new Error(`no code “${n}” in the sample`);
			return id;
		}),
		definition: { concept: '', includes: '', excludes: '', relations: '' },
		quoteIds: [],
		reviews: {},
		nameHistory: [],
		createdAt: 1,
		updatedAt: 1
	}));
	await page.evaluate(
		(rows) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('tema');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const tx = db.transaction('themes', 'readwrite');
					for (const r of rows) tx.objectStore('themes').put(r);
					tx.oncomplete = () => {
						db.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		rows
	);
}

const mapNode = (page: Page, name: RegExp) => page.getByRole('group', { name: /^Thematic map of/ }).getByRole('button', { name });
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function storedThemesWhen(page: Page, ok: (t: StoredTheme[]) => boolean): Promise<StoredTheme[]> {
	let last: StoredTheme[] = [];
	await expect.poll(async () => ok((last = await storedRows<StoredTheme>(page, 'themes')))).toBe(true);
	return last;
}

/** A real mouse drag: press on one node, move in steps, release on the other. */
async function dragOnto(page: Page, from: Locator, to: Locator) {
	const a = (await from.boundingBox())!;
	const b = (await to.boundingBox())!;
	await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
	await page.mouse.down();
	await page.mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2 + 8, { steps: 3 });
	await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
	await page.mouse.up();
}

test('the thematic map shows the stored structure and edits it: drag, rename, move, create, export', async ({ page }) => {
	const projectId = await openCodedSample(page);
	await seedThemes(page, projectId);
	await page.goto(`/p/${projectId}/themes/map`);
	await expect(page.getByRole('heading', { name: 'Thematic map', exact: true })).toBeVisible();
	await expect(page.getByTestId('map-summary')).toHaveText('2 main themes, 5 sub-themes, 28 codes');

	// Every stored theme and member code is a node, under the parent stored for it.
	const stored = await storedRows<StoredTheme>(page, 'themes');
	const codes = await storedRows<{ id: string; name: string }>(page, 'codes');
	const codeName = new Map(codes.map((c) => [c.id, c.name]));
	const themeName = new Map(stored.map((t) => [t.id, t.name]));
	expect(stored).toHaveLength(7);
	await expect(mapNode(page, /^Main theme /)).toHaveCount(2);
	await expect(mapNode(page, /^Theme /)).toHaveCount(5);
	await expect(mapNode(page, /^Code /)).toHaveCount(29);
	for (const t of stored) {
		if (t.parentId === null) {
			const subs = stored.filter((c) => c.parentId === t.id).length;
			await expect(mapNode(page, new RegExp(`^Main theme ${esc(t.name)}, top level, ${subs} sub-themes, 0 codes$`))).toHaveCount(1);
		} else {
			await expect(mapNode(page, new RegExp(`^Theme ${esc(t.name)}, under ${esc(themeName.get(t.parentId)!)}, ${t.codeIds.length} codes$`))).toHaveCount(1);
			for (const c of t.codeIds) await expect(mapNode(page, new RegExp(`^Code ${esc(codeName.get(c)!)}, in ${esc(t.name)}, \\d+ extracts`))).toHaveCount(1);
		}
	}
	// A code in two themes is under each, and says so.
	await expect(mapNode(page, /^Code Setting boundaries, in Learning new strategies to handle work, \d+ extracts, also in Being open about mental illness at work$/)).toHaveCount(1);
	await expect(page.getByRole('region', { name: 'Map outline' })).toContainText('Sub-theme: Handling future problems at work');
	await page.screenshot({ path: '/tmp/map-sample.png' });
	await expectAccessible(page, 'thematic map');

	// Drag "Improved self-confidence…" onto the other main theme with the mouse.
	const confidence = stored.find((t) => t.name.startsWith('Improved self-confidence'))!;
	const mt2 = stored.find((t) => t.name === MT2)!;
	await dragOnto(page, mapNode(page, /^Theme Improved self-confidence/), mapNode(page, new RegExp(`^Main theme ${esc(MT2)}`)));
	await storedThemesWhen(page, (ts) => ts.find((t) => t.id === confidence.id)?.parentId === mt2.id);
	await expect(mapNode(page, new RegExp(`^Theme Improved self-confidence helped to get ready for work, under ${esc(MT2)}, 5 codes$`))).toBeVisible();
	await expect(mapNode(page, new RegExp(`^Main theme ${esc(MT2)}, top level, 4 sub-themes`))).toBeVisible();

	// Drag a code onto another theme: it leaves the first and joins the second.
	const future = stored.find((t) => t.name === 'Handling future problems at work')!;
	const letBe = codes.find((c) => c.name === 'Letting thoughts be')!;
	const strategies = stored.find((t) => t.name === 'Learning new strategies to handle work')!;
	await dragOnto(page, mapNode(page, /^Code Letting thoughts be,/), mapNode(page, /^Theme Handling future problems at work,/));
	await storedThemesWhen(
		page,
		(ts) => !!ts.find((t) => t.id === future.id)?.codeIds.includes(letBe.id) && !ts.find((t) => t.id === strategies.id)?.codeIds.includes(letBe.id)
	);
	await expect(mapNode(page, /^Code Letting thoughts be, in Handling future problems at work/)).toBeVisible();
	// The move is one undoable step, like on the board.
	await page.keyboard.press('Control+z');
	await storedThemesWhen(page, (ts) => !!ts.find((t) => t.id === strategies.id)?.codeIds.includes(letBe.id));
	await expect(mapNode(page, /^Code Letting thoughts be, in Learning new strategies/)).toBeVisible();
	await page.keyboard.press('Control+Shift+z');
	await storedThemesWhen(page, (ts) => !!ts.find((t) => t.id === future.id)?.codeIds.includes(letBe.id));

	// Ctrl+wheel zooms, dragging the background pans, "Fit to screen" brings it all back.
	const zoom = page.getByRole('status', { name: 'Zoom level' });
	const fitted = await zoom.textContent();
	const stage = (await page.getByRole('group', { name: /^Thematic map of/ }).boundingBox())!;
	await page.mouse.move(stage.x + stage.width / 2, stage.y + 40);
	await page.keyboard.down('Control');
	await page.mouse.wheel(0, -300);
	await page.keyboard.up('Control');
	await expect(zoom).not.toHaveText(fitted!);
	const root = mapNode(page, /centre of the map/);
	const before = (await root.boundingBox())!;
	await page.mouse.move(stage.x + stage.width / 2, stage.y + 30);
	await page.mouse.down();
	await page.mouse.move(stage.x + stage.width / 2 + 120, stage.y + 90, { steps: 5 });
	await page.mouse.up();
	const after = (await root.boundingBox())!;
	expect(Math.round(after.x - before.x)).toBe(120);
	expect(Math.round(after.y - before.y)).toBe(60);
	await page.getByRole('button', { name: 'Fit to screen' }).click();
	await expect(zoom).toHaveText(fitted!);

	// Rename by double-click: the input sits over the node; Enter saves, with the old name kept.
	await mapNode(page, /^Theme Improved self-confidence/).dblclick();
	const field = page.getByRole('textbox', { name: 'Theme name' });
	await expect(field).toBeFocused();
	await expect(field).toHaveValue('Improved self-confidence helped to get ready for work');
	await field.fill('Self-confidence');
	await field.press('Enter');
	const renamed = await storedThemesWhen(page, (ts) => ts.find((t) => t.id === confidence.id)?.name === 'Self-confidence');
	expect(renamed.find((t) => t.id === confidence.id)!.nameHistory.map((h) => h.name)).toEqual(['Improved self-confidence helped to get ready for work']);
	await expect(mapNode(page, new RegExp(`^Theme Self-confidence, under ${esc(MT2)}, 5 codes$`))).toBeFocused();
	// Escape leaves the name as it was.
	await page.keyboard.press('F2');
	await expect(field).toBeFocused();
	await field.fill('Not this');
	await field.press('Escape');
	await expect(mapNode(page, /^Theme Self-confidence,/)).toBeFocused();
	expect((await storedRows<StoredTheme>(page, 'themes')).some((t) => t.name === 'Not this')).toBe(false);

	// The keyboard does what dragging does: M opens "Move under…" and the main theme is chosen.
	await page.keyboard.press('m');
	const dialog = page.getByRole('dialog', { name: /Move “Self-confidence” under/ });
	await expect(dialog).toBeVisible();
	await dialog.getByRole('button', { name: new RegExp(esc(MT1)) }).click();
	const mt1 = stored.find((t) => t.name === MT1)!;
	await storedThemesWhen(page, (ts) => ts.find((t) => t.id === confidence.id)?.parentId === mt1.id);
	await expect(mapNode(page, /^Theme Self-confidence,/)).toBeFocused();
	// Arrows go between nodes: towards the centre is the main theme.
	const box = (await mapNode(page, /^Theme Self-confidence,/).boundingBox())!;
	const mainBox = (await mapNode(page, new RegExp(`^Main theme ${esc(MT1)}`)).boundingBox())!;
	await page.keyboard.press(mainBox.x < box.x ? 'ArrowLeft' : 'ArrowRight');
	await expect(mapNode(page, new RegExp(`^Main theme ${esc(MT1)}`))).toBeFocused();

	// Selecting a node opens its details beside the map.
	await page.keyboard.press('Enter');
	await expect(page.getByRole('complementary', { name: 'Details' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Add sub-theme' })).toBeEnabled();

	// A new theme from the map's own button, named in place.
	await page.getByRole('button', { name: 'New theme', exact: true }).click();
	await expect(field).toBeFocused();
	await field.fill('Looking ahead');
	await field.press('Enter');
	await storedThemesWhen(page, (ts) => ts.some((t) => t.name === 'Looking ahead' && t.parentId === null));
	await expect(mapNode(page, /^Theme Looking ahead, top level, 0 codes$/)).toBeVisible();
	await expectAccessible(page, 'thematic map after edits');

	// Codes can be hidden; the themes then say how many they hold.
	await page.getByRole('checkbox', { name: 'Show codes' }).uncheck();
	await expect(mapNode(page, /^Code /)).toHaveCount(0);
	await page.getByRole('checkbox', { name: 'Show codes' }).check();
	await expect(mapNode(page, /^Code /)).toHaveCount(29);

	// Downloads: a standalone SVG with the names, and a PNG, named after the project.
	const projectName = (await storedRows<{ id: string; name: string }>(page, 'projects')).find((p) => p.id === projectId)!.name;
	const fileBase = `${projectName.replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim()} thematic map`;
	const svgDownload = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download SVG' }).click();
	const svgFile = await svgDownload;
	expect(svgFile.suggestedFilename()).toBe(`${fileBase}.svg`);
	const svg = readFileSync((await svgFile.path())!, 'utf8');
	expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
	expect(svg).toContain(`<title>${projectName} — thematic map</title>`);
	for (const name of [MT1, MT2, 'Self-confidence', 'Looking ahead', 'Letting thoughts be']) expect(svg).toContain(`<title>${name}</title>`);
	expect(svg).not.toMatch(/halo|ring|tabindex|aria-/);

	const pngDownload = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download PNG' }).click();
	const pngFile = await pngDownload;
	expect(pngFile.suggestedFilename()).toBe(`${fileBase}.png`);
	const png = readFileSync((await pngFile.path())!);
	expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	// Twice the SVG's size (IHDR width and height).
	const svgWidth = Number(/width="(\d+)"/.exec(svg)![1]);
	expect(png.readUInt32BE(16)).toBe(svgWidth * 2);
	expect(png.length).toBeGreaterThan(20_000);
});
