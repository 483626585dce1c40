// Issue 4, journey (c): step through the disagreements between two coders and reconcile them
// into a consensus layer; reload; the decisions and the provenance of every consensus coding
// are kept. The second coder is the sample corpus's simulated coder C3 (sloppy on purpose),
// arriving as a coder package next to the coded sample's "Sample coder" (the gold codings).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { SAMPLE } from '../shared';
import { expectAccessible, openCodedSample, storedRows } from './helpers';

const DOCS = ['P01', 'P02'];

/** C3's codings of two transcripts as a coder package file, as a teammate would send it. */
function c3Package(path: string): number {
	const rows = (JSON.parse(readFileSync(resolve(SAMPLE, 'coders', 'C3.json'), 'utf8')) as { doc: string; code: string; start: number; end: number }[]).filter((r) => DOCS.includes(r.doc));
	const texts = new Map(DOCS.map((d) => [d, readFileSync(`static/sample/${d}.txt`, 'utf8').replace(/^\uFEFF/, '')]));
	const fp = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
	const pkg = {
		format: 'tema-coder-package',
		schemaVersion: 1,
		exportedAt: Date.UTC(2026, 10, 20),
		project: { name: 'MCT sample' },
		coder: { id: 'coder-c3', name: 'C3', color: '#7c3aed' },
		codebook: JSON.parse(readFileSync('codebooks/mct-rtw.json', 'utf8')),
		documents: DOCS.map((d) => ({ fingerprint: fp(texts.get(d)!), name: d, participantId: d, length: texts.get(d)!.length })),
		codings: rows.map((r, i) => {
			const t = texts.get(r.doc)!;
			return { id: `c3-${i}`, document: fp(t), codeId: r.code, start: r.start, end: r.end, quote: t.slice(r.start, r.end), prefix: t.slice(Math.max(0, r.start - 32), r.start), suffix: t.slice(r.end, r.end + 32), createdAt: 0 };
		})
	};
	writeFileSync(path, JSON.stringify(pkg));
	return rows.length;
}

interface StoredCoding { id: string; coderId: string; codeId: string; start: number; end: number; provenance?: { decision: string; fromCoderIds: string[]; sourceIds: string[]; decidedBy: string; decidedAt: number; decisionId: string } }

async function consensusCodings(page: import('@playwright/test').Page, consensusId: string): Promise<StoredCoding[]> {
	const sets = await storedRows<{ coderId: string; codings: StoredCoding[] }>(page, 'codingSets');
	return sets.filter((s) => s.coderId === consensusId).flatMap((s) => s.codings);
}

test('step through disagreements and reconcile them into a consensus layer; reload keeps decisions and provenance', async ({ page }, info) => {
	test.setTimeout(90_000);
	const projectId = await openCodedSample(page);
	const pkgPath = info.outputPath('C3.tema-coder.json');
	const n = c3Package(pkgPath);

	// C3's package joins the project.
	await page.getByRole('button', { name: /^Coding as/ }).click();
	const dialog = page.getByRole('dialog', { name: 'Coders' });
	await dialog.getByLabel('Coder package to import').setInputFiles(pkgPath);
	const preview = dialog.getByRole('region', { name: 'Package import preview' });
	await expect(preview).toContainText('Adds the coder “C3”.');
	await preview.getByRole('button', { name: `Import ${n} codings` }).click();
	await expect(preview).toBeHidden();
	await dialog.getByRole('button', { name: 'Done' }).click();

	await page.getByRole('link', { name: 'Compare & reconcile' }).click();
	await expect(page.getByRole('heading', { name: 'Compare and reconcile' })).toBeVisible();
	await expect(page.getByLabel('Transcript')).toHaveValue(/.+/);
	const transcript = page.getByLabel('Transcript');
	await expect(transcript.locator('option')).toHaveCount(2);
	await expect(page.getByRole('columnheader', { name: 'Sample coder' })).toBeVisible();
	await expect(page.getByRole('columnheader', { name: 'C3' })).toBeVisible();
	const list = page.getByRole('list', { name: 'Disagreements in P01' });
	const total = await list.getByRole('listitem').count();
	expect(total).toBeGreaterThan(3);
	const panel = page.getByRole('complementary', { name: 'Disagreements' });
	await expect(panel).toContainText(`0 of ${total} disagreements settled`);
	await expectAccessible(page, 'compare and reconcile');

	// Without a consensus layer nothing can be decided yet.
	await expect(panel.getByRole('button', { name: 'Reject' })).toBeDisabled();
	await page.getByRole('button', { name: 'Start a consensus layer' }).click();
	await expect(page.getByRole('columnheader', { name: 'Consensus' })).toBeVisible();
	const coders = await storedRows<{ id: string; name: string; consensus?: boolean }>(page, 'coders');
	const consensus = coders.find((c) => c.consensus)!;
	const sample = coders.find((c) => c.name === 'Sample coder')!;
	const c3 = coders.find((c) => c.name === 'C3')!;
	const me = coders.find((c) => c.name === 'Me')!;
	expect(consensus.name).toBe('Consensus');

	// Agreements go over in one step.
	const copy = panel.getByRole('button', { name: /^Copy \d+ agreements? to the consensus$/ });
	const agreements = Number((await copy.textContent())!.match(/\d+/)![0]);
	await copy.click();
	await expect(panel).toContainText(`${agreements} copied to the consensus`);
	await expect.poll(async () => (await consensusCodings(page, consensus.id)).length).toBeGreaterThanOrEqual(agreements);

	// The person deciding is the current coder (Me); step with the keyboard: accept the first as the Sample coder's, merge the second, reject the third.
	const current = panel.locator('.current-item h2');
	const first = await current.textContent();
	// Columns and number keys follow the coders' names: 1 = C3, 2 = Sample coder. The accept
	// button of a coder who did not code the passage is disabled.
	const accept = panel.getByRole('button', { name: /^Accept / }).and(page.locator(':enabled')).first();
	const acceptedName = (await accept.textContent())!.match(/^Accept (.+)’s/)![1];
	await page.keyboard.press((await accept.locator('kbd').textContent())!);
	await expect(panel).toContainText(`1 of ${total} disagreements settled`);
	await expect(current).not.toHaveText(first!);
	// A partial overlap chosen in the list is merged: one coding spanning both versions.
	await list.getByRole('button').filter({ hasText: 'partial overlap' }).first().click();
	await expect(current).toContainText('partial overlap');
	await page.keyboard.press('m');
	await expect(panel).toContainText(`2 of ${total} disagreements settled`);
	await page.keyboard.press('r');
	await expect(panel).toContainText(`3 of ${total} disagreements settled`);
	// J/K move without deciding; a decided item shows its decision and who made it.
	await page.keyboard.press('k');
	await expect(panel.locator('.decided')).toContainText('rejected · by Me');
	await page.keyboard.press('j');
	await expect(panel.locator('.decided')).toHaveCount(0);

	// Undo takes back the last decision; redo brings it back.
	await page.keyboard.press('Control+z');
	await expect(panel).toContainText(`2 of ${total} disagreements settled`);
	await page.keyboard.press('Control+Shift+z');
	await expect(panel).toContainText(`3 of ${total} disagreements settled`);
	await page.getByLabel('Use it for themes, review and write-up').check();
	await page.screenshot({ path: info.outputPath('compare.png') });

	// Stored: three decisions (plus the agreements), consensus codings with their provenance.
	await expect.poll(async () => (await storedRows(page, 'decisions')).filter((d) => (d as { decision: string }).decision !== 'agreed').length).toBe(3);
	const decisions = await storedRows<{ id: string; decision: string; acceptedCoderId?: string; codingIds: string[]; decidedBy: string }>(page, 'decisions');
	const made = decisions.filter((d) => d.decision !== 'agreed');
	expect(made.map((d) => d.decision).sort()).toEqual(['accept', 'merge', 'reject']);
	expect(made.find((d) => d.decision === 'accept')?.acceptedCoderId).toBe(acceptedName === 'C3' ? c3.id : sample.id);
	expect(made.find((d) => d.decision === 'reject')?.codingIds).toEqual([]);
	const stored = await consensusCodings(page, consensus.id);
	for (const d of decisions) for (const id of d.codingIds) {
		const k = stored.find((x) => x.id === id);
		expect(k?.provenance?.decisionId).toBe(d.id);
		expect(k?.provenance?.decidedBy).toBe(me.id);
	}
	const merged = stored.find((k) => k.provenance?.decision === 'merge')!;
	expect(merged.provenance!.fromCoderIds.sort()).toEqual([sample.id, c3.id].sort());
	await expect.poll(async () => (await storedRows<{ analysisCoderId?: string }>(page, 'projects')).find(() => true)?.analysisCoderId).toBe(consensus.id);

	// Pause: reload, and everything is where it was.
	await page.reload();
	await expect(panel).toContainText(`3 of ${total} disagreements settled`);
	await expect(panel).toContainText(`${agreements} copied to the consensus`);
	await expect(page.getByLabel('Use it for themes, review and write-up')).toBeChecked();
	await page.getByLabel('Which disagreements to list').selectOption('open');
	await expect(list.getByRole('listitem')).toHaveCount(total - 3);
	// Provenance is shown on the consensus column.
	const mark = page.locator('.cell mark.consensus').first();
	await expect(mark).toHaveAttribute('title', /decided by Me/);
	// The transcript list says what is left.
	await expect(transcript.locator('option').first()).toContainText(`${total - 3} open of ${total}`);

	// The consensus is the coding the theme screens work from now.
	await page.goto(`/p/${projectId}/review`);
	const note = page.getByTestId('analysis-layer');
	await expect(note).toContainText('Working from the codings of Consensus only');
	const layerCount = (await consensusCodings(page, consensus.id)).length;
	await expect(note).toContainText(`(${layerCount.toLocaleString('en-US')} of`);
});
