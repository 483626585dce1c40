// `npm run bench`: Tema's three performance measures in Chromium against the production build
// (not part of `npm test`). Writes bench-results/bench.json and ends by printing one JSON line
// per measure: {"measure", "value", "unit", "baseline"?, "ratio"?, "goal"}.
//
//  (1) open a ~300,000-character transcript with 3,000 codings: first paint (to the 2nd
//      animation frame) of the real createTranscriptView vs the same document in a bare
//      ProseMirror EditorView, interleaved in fresh page loads (/bench route);
//  (2) apply one code through the real coding screen: a real keypress "1" on a fresh
//      selection, from the keydown event's timeStamp to the first animation frame after the
//      new highlight is in the DOM, ≥30 times;
//  (3) import 100 transcripts of 15,000 words through Tema's import path vs a raw IndexedDB
//      write of the same strings (/bench route, scratch databases);
//  (4) the phase screens' derived computations (theme table, phase guide, coverage matrix,
//      board counts, review of the largest theme) on 100 transcripts with 50,000 codings;
//  (5) the agreement report over characters for 3 coders on the same size of corpus;
//  (7) REFI-QDA export and import of 100 transcripts × 15,000 words with 60,000 codings;
//  (8) corpus search on 100 transcripts × 15,000 words: index build and query p95;
//  (6) the compare view (Compare & reconcile) of a 15,000-word transcript coded by 3 coders:
//      from switching transcript to the 2nd animation frame with its side-by-side rows painted.
//
// The data is generated at run time into bench-results/data/ (tests/bench/data.ts), with the
// shared corpus generator (../shared/corpus/generate.mjs, or $TEMA_CORPUS).
//
// Knobs (environment): BENCH_OPEN_RUNS (7), BENCH_APPLY_RUNS (40), BENCH_IMPORT_RUNS (5);
// TEMA_PORT serves the run from another port (playwright.config.ts). For finding where time
// goes: BENCH_PROFILE=1 writes CPU profiles of the applies and of one import
// (bench-results/apply-profile.json, import-profile.json; best with `vite build --minify false`),
// BENCH_TRACE=1 a Chromium timeline of the last 5 applies (bench-results/apply-trace.json).
// Profiled runs are marked "profiled" in bench.json: their timings are inflated.

import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { prepareBigDoc, prepareImportSet, seedRows, RESULTS, ROOT, TARGET_CODINGS, type BigDoc } from './data';
import { fmt, median, round, summarize, type Summary } from './stats';
import { compareBackup } from './compareData';
import type { PaintResult } from '../../src/lib/bench/bench';

const PARTIAL = join(RESULTS, 'partial');
const OPEN_RUNS = Number(process.env.BENCH_OPEN_RUNS ?? 7);
const APPLY_RUNS = Number(process.env.BENCH_APPLY_RUNS ?? 40);
const APPLY_WARMUP = 3;
const IMPORT_RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 5);

const GOALS = {
	open: 'ratio ≤ 1.25 (3,000 highlights vs plain ProseMirror, same run; no chunking)',
	apply: 'p95 < 16 ms (keypress to painted highlight, 3,000 codings on the page)',
	import: 'ratio ≤ 2 (vs raw IndexedDB write of the same strings, same run)',
	analysis: '< 50 ms (recomputed after every theme edit or verdict; must not delay the next frame noticeably)',
	agreement: '< 1 s (3 coders over 100 transcripts of 15,000 words)',
	compare: '< 500 ms (switch transcript to painted side-by-side view, 15,000 words, 3 coders)',
	refi: '< 5 s each (export and import of 100 transcripts × 15,000 words, 60,000 codings)',
	search: 'p95 < 50 ms per query (100 transcripts × 15,000 words)'
};

/** Each measure's results go to a file, so a failed measure does not lose the others. */
function savePartial(name: string, data: object): void {
	mkdirSync(PARTIAL, { recursive: true });
	// The machine's load during the measure: on a shared box it explains a noisy run.
	const extra = { loadAverage1m: round(loadavg()[0]), ...(process.env.BENCH_PROFILE ? { profiled: true } : {}) };
	writeFileSync(join(PARTIAL, `${name}.json`), JSON.stringify({ ...data, ...extra }, null, '\t'));
}

function loadPartial<T>(name: string): T | null {
	const p = join(PARTIAL, `${name}.json`);
	return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as T) : null;
}

/**
 * page.goto that rides out a preview server being restarted (on a shared machine another
 * build can briefly take the port down); any other failure is thrown at once.
 */
async function goto(page: Page, url: string): Promise<void> {
	const deadline = Date.now() + 180_000;
	for (;;) {
		try {
			await page.goto(url);
			return;
		} catch (e) {
			if (!String(e).includes('ERR_CONNECTION_REFUSED') || Date.now() > deadline) throw e;
			await new Promise((r) => setTimeout(r, 2000));
		}
	}
}

async function openBench(page: Page): Promise<void> {
	await goto(page, '/bench');
	try {
		await page.waitForFunction(() => !!window.__temaBench, null, { timeout: 30_000 });
	} catch (e) {
		// A preview left running from an older build is reused silently (reuseExistingServer).
		throw new Error(
			`${page.url()} has no window.__temaBench: the server serves a build without the /bench route. ` +
				`Rebuild (npx vite build) and restart the preview, or stop it and let Playwright start one. (${e})`
		);
	}
}

/** Let the page settle between measurements: collect garbage, wait two frames and a moment. */
async function settle(page: Page, ms = 200): Promise<void> {
	await page.evaluate(async (ms) => {
		window.gc?.();
		await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
		await new Promise((r) => setTimeout(r, ms));
	}, ms);
}

let big: BigDoc | null = null;
function bigDoc(): BigDoc {
	return (big ??= prepareBigDoc());
}

// Tracing would add its own work to every step being timed.
test.use({ trace: 'off', screenshot: 'off', video: 'off' });

test('prepare the data', async () => {
	test.setTimeout(300_000);
	rmSync(PARTIAL, { recursive: true, force: true });
	const t0 = Date.now();
	const b = bigDoc();
	const imp = prepareImportSet();
	savePartial('data', {
		bigDoc: {
			chars: b.text.length,
			turns: b.turns.length,
			codings: b.spans.length,
			codingSources: b.sources,
			codes: b.codeIds.length
		},
		importSet: { files: imp.files.length, bytes: imp.bytes },
		generateMs: Date.now() - t0
	});
	expect(b.spans.length).toBe(TARGET_CODINGS);
	expect(b.text.length).toBeGreaterThan(250_000);
});

// ---- (1) open a transcript: first paint with highlights vs plain ProseMirror --------------

type Paint = PaintResult;

test('(1) open a 300,000-character transcript with 3,000 codings', async ({ page }) => {
	const b = bigDoc();
	const rows = seedRows(b, b.codeIds[0]);
	const codings = rows.codingSet.codings.map((c) => ({ id: c.id, codeId: c.codeId, start: c.start, end: c.end }));
	const colors = rows.codes.map((c) => [c.id, c.color] as [string, string]);
	const text = b.text;

	const one = async (kind: 'tema' | 'plain'): Promise<Paint> => {
		await openBench(page);
		await settle(page, 300);
		return kind === 'tema'
			? page.evaluate(({ text, codings, colors }) => window.__temaBench!.paintTranscript(text, null, codings, colors), {
					text,
					codings,
					colors
				})
			: page.evaluate((text) => window.__temaBench!.paintPlain(text, null), text);
	};

	// One discarded pair: the first render in a new browser is much slower (stack.md §4).
	await one('tema');
	await one('plain');
	const tema: Paint[] = [];
	const plain: Paint[] = [];
	for (let i = 0; i < OPEN_RUNS; i++) {
		const order: ('tema' | 'plain')[] = i % 2 === 0 ? ['tema', 'plain'] : ['plain', 'tema'];
		for (const kind of order) (kind === 'tema' ? tema : plain).push(await one(kind));
	}
	// Where the time goes: createTranscriptView's steps one by one (3 fresh loads).
	const steps: Record<string, number>[] = [];
	for (let i = 0; i < 3; i++) {
		await openBench(page);
		await settle(page, 300);
		steps.push(
			await page.evaluate(
				({ text, codings, colors }) => window.__temaBench!.profileBuild(text, null, codings, colors) as unknown as Promise<Record<string, number>>,
				{ text, codings, colors }
			)
		);
	}
	const by = (list: Paint[], k: keyof Paint) => summarize(list.map((p) => p[k] as number));
	const stepKeys = Object.keys(steps[0]);
	const result = {
		runs: OPEN_RUNS,
		chars: text.length,
		codings: codings.length,
		tema: {
			total: by(tema, 'total'),
			construct: by(tema, 'construct'),
			layout: by(tema, 'layout'),
			frame1: by(tema, 'frame1'),
			frame2: by(tema, 'frame2'),
			allPainted: by(tema, 'allPainted'),
			hlCount: tema[0].hlCount,
			domNodes: tema[0].domNodes,
			heapDeltaMB: summarize(tema.map((p) => (p.heapDelta ?? 0) / 1048576))
		},
		plain: {
			total: by(plain, 'total'),
			construct: by(plain, 'construct'),
			layout: by(plain, 'layout'),
			frame1: by(plain, 'frame1'),
			frame2: by(plain, 'frame2'),
			domNodes: plain[0].domNodes,
			heapDeltaMB: summarize(plain.map((p) => (p.heapDelta ?? 0) / 1048576))
		},
		pairRatios: summarize(tema.map((t, i) => t.total / plain[i].total)),
		steps: Object.fromEntries(stepKeys.map((k) => [k, summarize(steps.map((s) => s[k]))]))
	};
	// Each run's two loads are back to back, so the median of the per-run ratios is steadier
	// than the ratio of the medians when the machine's load drifts during the measure.
	const ratio = median(tema.map((t, i) => t.total / plain[i].total));
	const ratioOfMedians = result.tema.total.median / result.plain.total.median;
	savePartial('open', { ...result, ratio: round(ratio, 3), ratioOfMedians: round(ratioOfMedians, 3) });
	console.log(
		`(1) first paint with highlights ${fmt(result.tema.total)}, plain ${fmt(result.plain.total)}, ratio ${ratio.toFixed(3)} ` +
			`(per-run ${fmt(result.pairRatios, '×')}; ratio of medians ${ratioOfMedians.toFixed(3)})`
	);
	console.log(`    with highlights: construct ${fmt(result.tema.construct)}, layout ${fmt(result.tema.layout)}; plain: construct ${fmt(result.plain.construct)}, layout ${fmt(result.plain.layout)}`);
	console.log(`    every highlight painted (idle slices after the first paint): ${fmt(result.tema.allPainted)}`);
	console.log(`    steps: ${stepKeys.map((k) => `${k} ${result.steps[k].median}`).join(', ')}`);
	expect(result.tema.hlCount).toBeGreaterThan(TARGET_CODINGS);
});

// ---- (2) apply one code through the real coding screen ------------------------------------

interface ApplySample {
	t0: number;
	tMut: number;
	tRaf: number;
	tAfterPaint: number;
	newId: string;
	viewRebuilt: boolean;
	tx: TxRecord[];
}

interface TxRecord {
	stores: string;
	t0: number;
	t1: number | null;
}

interface HarnessWindow {
	__idbLog: TxRecord[];
	__apply: { results: ApplySample[]; pending(): unknown };
}

/** Records every readwrite IndexedDB transaction (start, complete), to split the latency. */
function idbInstrumentation() {
	const w = window as unknown as HarnessWindow;
	w.__idbLog = [];
	const orig = IDBDatabase.prototype.transaction;
	IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<typeof orig>) {
		const tx = orig.apply(this, args);
		if (args[1] === 'readwrite') {
			const rec = { stores: ([] as string[]).concat(args[0] as string | string[]).join(','), t0: performance.now(), t1: null as number | null };
			w.__idbLog.push(rec);
			tx.addEventListener('complete', () => (rec.t1 = performance.now()));
		}
		return tx;
	} as typeof orig;
}

/** In the page: keydown "1" -> new coding id in a .hl -> next animation frame (-> after paint). */
function applyHarness() {
	const w = window as unknown as HarnessWindow;
	// Watch the reading column, not the editor element: if the view is rebuilt, the new
	// highlight arrives inside a new .ProseMirror (recorded as viewRebuilt).
	const reader = document.querySelector('main.reader');
	let editor = document.querySelector('.ProseMirror');
	if (!reader || !editor) throw new Error('no editor');
	const known = new Set<string>();
	const collect = () => {
		for (const el of reader.querySelectorAll('.ProseMirror .hl'))
			for (const id of (el.getAttribute('data-codings') ?? '').split(' ')) if (id) known.add(id);
	};
	collect();
	const results: ApplySample[] = [];
	let pending: (Partial<ApplySample> & { idbFrom: number }) | null = null;
	window.addEventListener(
		'keydown',
		(e) => {
			if (e.key === '1' && !e.repeat) pending = { t0: e.timeStamp, idbFrom: w.__idbLog.length };
		},
		true
	);
	const newIdIn = (el: Element): string | null => {
		if (!el.classList.contains('hl')) return null;
		for (const id of (el.getAttribute('data-codings') ?? '').split(' ')) if (id && !known.has(id)) return id;
		return null;
	};
	const scan = (node: Node): string | null => {
		if (node.nodeType !== 1) return null;
		const el = node as Element;
		const own = newIdIn(el);
		if (own) return own;
		for (const hl of el.querySelectorAll('.hl')) {
			const id = newIdIn(hl);
			if (id) return id;
		}
		return null;
	};
	new MutationObserver((records) => {
		const p = pending;
		if (!p || p.tMut !== undefined) return;
		let found: string | null = null;
		for (const r of records) {
			if (r.type === 'attributes') found = scan(r.target);
			else for (const n of r.addedNodes) if ((found = scan(n))) break;
			if (found) break;
		}
		if (!found) return;
		p.tMut = performance.now();
		p.newId = found;
		const now = document.querySelector('.ProseMirror');
		p.viewRebuilt = now !== editor;
		editor = now;
		requestAnimationFrame(() => {
			p.tRaf = performance.now();
			// A task queued from the frame callback runs after that frame's style, layout and paint.
			const ch = new MessageChannel();
			ch.port1.onmessage = () => {
				p.tAfterPaint = performance.now();
				// Let the commit's second transaction (recent codes) finish before reading the log.
				setTimeout(() => {
					p.tx = w.__idbLog.slice(p.idbFrom);
					results.push(p as ApplySample);
					pending = null;
					collect();
				}, 150);
			};
			ch.port2.postMessage(null);
		});
	}).observe(reader, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-codings'] });
	w.__apply = { results, pending: () => pending };
}

interface CpuProfile {
	nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
	samples: number[];
	timeDeltas: number[];
}

/** Self and inclusive milliseconds per function over several CDP CPU profiles, top first. */
function aggregateProfiles(profiles: CpuProfile[]) {
	const self = new Map<string, number>();
	const incl = new Map<string, number>();
	for (const p of profiles) {
		const byId = new Map(p.nodes.map((n) => [n.id, n]));
		const parent = new Map<number, number>();
		for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
		const key = (id: number) => {
			const f = byId.get(id)!.callFrame;
			return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
		};
		p.samples.forEach((id, i) => {
			const ms = (p.timeDeltas[i + 1] ?? 0) / 1000;
			self.set(key(id), (self.get(key(id)) ?? 0) + ms);
			const seen = new Set<string>();
			for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
				const k = key(n);
				if (seen.has(k)) continue;
				seen.add(k);
				incl.set(k, (incl.get(k) ?? 0) + ms);
			}
		});
	}
	const per = profiles.length || 1;
	const top = (m: Map<string, number>) =>
		[...m].sort((a, b) => b[1] - a[1]).slice(0, 120).map(([fn, ms]) => ({ fn, msPerApply: round(ms / per) }));
	return { applies: profiles.length, self: top(self), inclusive: top(incl) };
}

interface TraceEvent {
	name: string;
	ph: string;
	ts: number;
	dur?: number;
	pid: number;
	tid: number;
	args?: { data?: Record<string, unknown>; beginData?: Record<string, unknown>; elementCount?: number };
}

/**
 * The renderer main thread's work between the keydown and the frame after the new highlight,
 * from a Chromium trace: the slices in order (ms from keydown), and totals by kind.
 */
function summarizeTrace(trace: { traceEvents: TraceEvent[] }, sample: ApplySample) {
	const events = trace.traceEvents;
	const main = events.find((e) => e.name === 'thread_name' && (e.args as { name?: string } | undefined)?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'EventDispatch'));
	const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && (e.dur ?? 0) > 300);
	const key = onMain.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown' );
	if (!key) return { error: 'no keydown in trace' };
	const end = key.ts + (sample.tAfterPaint - sample.t0) * 1000 + 2000;
	const kinds = ['EventDispatch', 'FunctionCall', 'RunMicrotasks', 'TimerFire', 'FireAnimationFrame', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'HitTest', 'ParseAuthorStyleSheet'];
	const slices = onMain
		.filter((e) => e.ts >= key.ts && e.ts <= end && kinds.includes(e.name))
		.map((e) => ({
			name: e.name,
			at: round((e.ts - key.ts) / 1000),
			ms: round((e.dur ?? 0) / 1000),
			...(e.name === 'UpdateLayoutTree' ? { elements: e.args?.elementCount ?? (e.args?.beginData as { elementCount?: number } | undefined)?.elementCount } : {}),
			...(e.name === 'Layout' ? { dirty: (e.args?.beginData as { dirtyObjects?: number; totalObjects?: number } | undefined)?.dirtyObjects, total: (e.args?.beginData as { totalObjects?: number } | undefined)?.totalObjects } : {})
		}));
	const totals: Record<string, number> = {};
	for (const sl of slices) totals[sl.name] = round((totals[sl.name] ?? 0) + sl.ms);
	return { keypressToFrame: round(sample.tRaf - sample.t0), totals, slices };
}

test('(2) apply one code with the key 1, 3,000 codings on the page', async ({ page, browser }) => {
	test.setTimeout(600_000);
	const b = bigDoc();
	const rows = seedRows(b, b.codeIds[0]);

	// Seed the app's own database with raw IndexedDB, after the app has created it.
	await goto(page, '/');
	await page.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === 'tema'));
	await page.evaluate(
		(rows) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('tema');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const stores = ['projects', 'coders', 'documents', 'contents', 'codes', 'codingSets'];
					const missing = stores.filter((s) => !db.objectStoreNames.contains(s));
					if (missing.length) return reject(new Error(`tema has no ${missing.join(', ')}`));
					const tx = db.transaction(stores, 'readwrite');
					tx.objectStore('projects').put(rows.project);
					tx.objectStore('coders').put(rows.coder);
					tx.objectStore('documents').put(rows.document);
					tx.objectStore('contents').put(rows.content);
					for (const c of rows.codes) tx.objectStore('codes').put(c);
					tx.objectStore('codingSets').put(rows.codingSet);
					tx.oncomplete = () => {
						db.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		rows
	);

	await page.addInitScript(idbInstrumentation);
	const t0 = Date.now();
	await goto(page, `/p/${rows.project.id}/d/${rows.document.id}`);
	const editor = page.locator('.ProseMirror');
	await expect(editor).toBeVisible({ timeout: 60_000 });
	await expect(page.getByText(`${TARGET_CODINGS} codings`)).toBeVisible({ timeout: 60_000 });
	const openMs = Date.now() - t0;
	const hlBefore = await page.locator('.ProseMirror .hl').count();
	await settle(page, 500);
	await page.evaluate(applyHarness);

	// Targets spread over the whole transcript: a word a little into a participant turn.
	const participant = b.turns.map((t, i) => ({ t, i })).filter(({ t }) => t.role === 'participant' && t.end - t.textStart > 200);
	const total = APPLY_WARMUP + APPLY_RUNS;
	const targets = Array.from({ length: total }, (_, k) => {
		const { t, i } = participant[Math.floor(((k * 7919) % total + 0.5) * (participant.length / total))];
		// Skip 3 words after the label so the selection starts inside the speech.
		let off = t.textStart;
		for (let w = 0; w < 3; w++) off = b.text.indexOf(' ', off + 1) + 1;
		return { turn: i, offsetInLine: off - t.start };
	});

	const quote = page.getByTestId('selection-quote');
	const samples: ApplySample[] = [];
	// BENCH_PROFILE=1: sample the CPU (CDP Profiler) from each keypress to its painted frame,
	// for finding where the time goes; it slows the page, so such a run's numbers are not kept.
	const profiler = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null;
	const profiles: CpuProfile[] = [];
	// BENCH_TRACE=1: a Chromium timeline of the last 5 applies (style, layout, paint, scripts).
	const traces: ReturnType<typeof summarizeTrace>[] = [];
	if (profiler) {
		await profiler.send('Profiler.enable');
		await profiler.send('Profiler.setSamplingInterval', { interval: 100 });
	}
	for (let k = 0; k < total; k++) {
		const { turn, offsetInLine } = targets[k];
		// Scroll the turn into view and find the screen point of the target character.
		const point = await page.evaluate(
			({ turn, offsetInLine }) => {
				const p = document.querySelector(`.ProseMirror p[data-turn="${turn}"]:not(.turn-continued)`);
				if (!p) throw new Error(`turn ${turn} not found`);
				p.scrollIntoView({ block: 'center' });
				const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
				let left = offsetInLine;
				for (let n = walker.nextNode(); n; n = walker.nextNode()) {
					const len = (n as Text).length;
					if (left < len) {
						const r = document.createRange();
						r.setStart(n, left);
						r.setEnd(n, left + 1);
						const rect = r.getClientRects()[0] ?? r.getBoundingClientRect();
						return { x: rect.left + 1, y: rect.top + rect.height / 2 };
					}
					left -= len;
				}
				throw new Error(`offset ${offsetInLine} is past turn ${turn}`);
			},
			{ turn, offsetInLine }
		);
		await page.mouse.click(point.x, point.y);
		for (let w = 0; w < 4; w++) await page.keyboard.press('Shift+Control+ArrowRight');
		await expect(quote).toBeVisible();
		await settle(page, 250);
		const before = await page.evaluate(() => (window as unknown as HarnessWindow).__apply.results.length);
		if (profiler) await profiler.send('Profiler.start');
		const tracing = process.env.BENCH_TRACE && k >= total - 5;
		if (tracing) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
		await page.keyboard.press('1');
		try {
			await page.waitForFunction(
				(n) => (window as unknown as HarnessWindow).__apply.results.length > n,
				before,
				{ timeout: 15_000 }
			);
		} catch (e) {
			const notes = await page.locator('[role="status"], [role="alert"]').allTextContents();
			const sel = await quote.textContent().catch(() => null);
			const state = await page.evaluate(() => {
				const w = window as unknown as HarnessWindow;
				return {
					pending: w.__apply.pending(),
					transactions: w.__idbLog.slice(-3),
					header: document.querySelector('.doc-head p')?.textContent?.replace(/\s+/g, ' '),
					highlights: document.querySelectorAll('.ProseMirror .hl').length
				};
			});
			throw new Error(
				`Press ${k + 1}/${total} (turn ${turn}) painted no new highlight; selection ${JSON.stringify(sel)}; ` +
					`notices ${JSON.stringify(notes)}; page ${JSON.stringify(state)}: ${e}`
			);
		}
		samples.push(await page.evaluate(() => (window as unknown as HarnessWindow).__apply.results.at(-1)!));
		if (profiler) profiles.push((await profiler.send('Profiler.stop')).profile as CpuProfile);
		if (tracing) traces.push(summarizeTrace(JSON.parse((await browser.stopTracing()).toString('utf8')), samples.at(-1)!));
	}
	if (traces.length) {
		mkdirSync(RESULTS, { recursive: true });
		writeFileSync(join(RESULTS, 'apply-trace.json'), JSON.stringify(traces, null, '\t'));
		console.log(`    timeline of the last ${traces.length} applies written to bench-results/apply-trace.json`);
	}
	if (profiler) {
		mkdirSync(RESULTS, { recursive: true });
		writeFileSync(join(RESULTS, 'apply-profile.json'), JSON.stringify(aggregateProfiles(profiles), null, '\t'));
		console.log(`    CPU profile of the applies written to bench-results/apply-profile.json`);
	}
	const hlAfter = await page.locator('.ProseMirror .hl').count();
	const storedCodings = await page.evaluate(
		(id) =>
			new Promise<{ id: string; codeId: string; start: number; end: number }[]>((resolve, reject) => {
				const open = indexedDB.open('tema');
				open.onsuccess = () => {
					const req = open.result.transaction('codingSets').objectStore('codingSets').get(id);
					req.onsuccess = () => {
						open.result.close();
						resolve(
							(req.result?.codings ?? []).map((c: { id: string; codeId: string; start: number; end: number }) => ({
								id: c.id,
								codeId: c.codeId,
								start: c.start,
								end: c.end
							}))
						);
					};
					req.onerror = () => reject(req.error);
				};
				open.onerror = () => reject(open.error);
			}),
		rows.codingSet.id
	);
	const stored = storedCodings.length;

	// The editor's share alone: the same new codings added to a bare createTranscriptView
	// (no Svelte, no IndexedDB) on the /bench route.
	const seeded = new Set(rows.codingSet.codings.map((c) => c.id));
	const made = storedCodings.filter((c) => !seeded.has(c.id));
	await openBench(page);
	await settle(page, 300);
	const editorOnly = await page.evaluate(
		({ text, codings, colors, added }) => window.__temaBench!.editorUpdates(text, null, codings, colors, added),
		{
			text: b.text,
			codings: rows.codingSet.codings.map((c) => ({ id: c.id, codeId: c.codeId, start: c.start, end: c.end })),
			colors: rows.codes.map((c) => [c.id, c.color] as [string, string]),
			added: made
		}
	);
	const editorMeasured = editorOnly.slice(APPLY_WARMUP);

	const measured = samples.slice(APPLY_WARMUP);
	const lat = measured.map((s) => s.tRaf - s.t0);
	const afterPaint = measured.map((s) => s.tAfterPaint - s.t0);
	// The commit's transaction: the first one writing codingSets after the keydown.
	const commitTx = (s: ApplySample) => s.tx.find((t) => t.stores.includes('codingSets'));
	const phase = (f: (s: ApplySample) => number | null) => {
		const v = measured.map(f).filter((x): x is number => x !== null && Number.isFinite(x));
		return v.length ? summarize(v) : null;
	};
	const result = {
		runs: measured.length,
		warmup: samples.slice(0, APPLY_WARMUP).map((s) => round(s.tRaf - s.t0)),
		viewRebuiltOnApply: measured.filter((s) => s.viewRebuilt).length,
		paintedBeforeStored: measured.filter((s) => commitTx(s)?.t1 != null && s.tMut < commitTx(s)!.t1!).length,
		codingsOnPage: { atStart: TARGET_CODINGS, hlSpansBefore: hlBefore, hlSpansAfter: hlAfter, storedAfter: stored },
		openScreenMs: openMs,
		keypressToFrame: { ...summarize(lat), p50: summarize(lat).median },
		keypressToAfterPaint: summarize(afterPaint),
		editorOnly: {
			update: summarize(editorMeasured.map((e) => e.update)),
			updateToFrame: summarize(editorMeasured.map((e) => e.frame))
		},
		phases: {
			keydownToCommitStart: phase((s) => (commitTx(s) ? commitTx(s)!.t0 - s.t0 : null)),
			commitTransaction: phase((s) => (commitTx(s)?.t1 != null ? commitTx(s)!.t1! - commitTx(s)!.t0 : null)),
			// Negative when the highlight is painted before the coding is stored (optimistic commit).
			domMutationMinusCommitEnd: phase((s) => (commitTx(s)?.t1 != null ? s.tMut - commitTx(s)!.t1! : null)),
			keydownToDomMutation: phase((s) => s.tMut - s.t0),
			domMutationToFrame: phase((s) => s.tRaf - s.tMut),
			frameToAfterPaint: phase((s) => s.tAfterPaint - s.tRaf)
		}
	};
	savePartial('apply', result);
	console.log(
		`(2) apply a code, keypress to frame: p50 ${result.keypressToFrame.median} ms, p95 ${result.keypressToFrame.p95} ms, max ${result.keypressToFrame.max} ms (n=${lat.length}); to after paint p95 ${result.keypressToAfterPaint.p95} ms`
	);
	for (const [k, v] of Object.entries(result.phases)) if (v) console.log(`    ${k}: ${fmt(v)} p95 ${v.p95}`);
	console.log(`    editor alone (TranscriptView.update, no Svelte/IndexedDB): update ${fmt(result.editorOnly.update)} p95 ${result.editorOnly.update.p95}, to next frame p95 ${result.editorOnly.updateToFrame.p95}`);
	if (result.viewRebuiltOnApply) console.log(`    the whole transcript view was rebuilt on ${result.viewRebuiltOnApply} of ${measured.length} applies`);
	expect(stored).toBe(TARGET_CODINGS + total);
});

// ---- (3) import 100 transcripts of 15,000 words -------------------------------------------

test('(3) import 100 transcripts of 15,000 words', async ({ page }) => {
	test.setTimeout(600_000);
	const set = prepareImportSet();
	const one = async (kind: 'tema' | 'raw' | 'rawTurns') => {
		await openBench(page);
		await page.getByTestId('bench-files').setInputFiles(set.files);
		if (kind !== 'tema') {
			// The same strings Tema stores, read before the clock starts.
			await page.evaluate(async () => {
				(window as unknown as { __texts: string[] }).__texts = await window.__temaBench!.fileTexts();
			});
		}
		await settle(page, 500);
		return kind === 'tema'
			? page.evaluate(() => window.__temaBench!.importFiles())
			: page.evaluate(
					(withTurns) => window.__temaBench!.rawIdbWrite((window as unknown as { __texts: string[] }).__texts, withTurns),
					kind === 'rawTurns'
				);
	};
	await one('tema');
	await one('raw');
	if (process.env.BENCH_PROFILE) {
		const cdp = await page.context().newCDPSession(page);
		await openBench(page);
		await page.getByTestId('bench-files').setInputFiles(set.files);
		await settle(page, 500);
		await cdp.send('Profiler.enable');
		await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
		await cdp.send('Profiler.start');
		await page.evaluate(() => window.__temaBench!.importFiles());
		const { profile } = await cdp.send('Profiler.stop');
		writeFileSync(join(RESULTS, 'import-profile.json'), JSON.stringify(aggregateProfiles([profile as CpuProfile]), null, '\t'));
		console.log('    CPU profile of one import written to bench-results/import-profile.json');
	}
	const tema: { total: number; read: number; store: number; docs: number; chars: number }[] = [];
	const raw: { total: number; rows: number; chars: number }[] = [];
	const rawTurns: { total: number }[] = [];
	for (let i = 0; i < IMPORT_RUNS; i++) {
		const order: ('tema' | 'raw')[] = i % 2 === 0 ? ['tema', 'raw'] : ['raw', 'tema'];
		for (const kind of order) {
			const r = await one(kind);
			if (kind === 'tema') tema.push(r as (typeof tema)[number]);
			else raw.push(r as (typeof raw)[number]);
		}
	}
	// Diagnostics, not the baseline: the same raw write with each text's Turn[] in its row, and
	// the read phase's steps timed one by one.
	const readSteps: Record<string, number>[] = [];
	for (let i = 0; i < Math.min(3, IMPORT_RUNS); i++) {
		rawTurns.push((await one('rawTurns')) as (typeof rawTurns)[number]);
		await openBench(page);
		await page.getByTestId('bench-files').setInputFiles(set.files);
		await settle(page, 500);
		readSteps.push(await page.evaluate(() => window.__temaBench!.readSteps()));
	}
	const result = {
		runs: IMPORT_RUNS,
		files: set.files.length,
		bytes: set.bytes,
		chars: tema[0].chars,
		tema: {
			total: summarize(tema.map((r) => r.total)),
			read: summarize(tema.map((r) => r.read)),
			store: summarize(tema.map((r) => r.store))
		},
		raw: { total: summarize(raw.map((r) => r.total)) },
		rawWithTurns: { total: summarize(rawTurns.map((r) => r.total)) },
		readSteps: Object.fromEntries(Object.keys(readSteps[0]).map((k) => [k, summarize(readSteps.map((r) => r[k]))])),
		pairRatios: summarize(tema.map((t, i) => t.total / raw[i].total))
	};
	const ratio = median(tema.map((t, i) => t.total / raw[i].total));
	const ratioOfMedians = result.tema.total.median / result.raw.total.median;
	savePartial('import', { ...result, ratio: round(ratio, 3), ratioOfMedians: round(ratioOfMedians, 3) });
	console.log(
		`(3) import ${fmt(result.tema.total)} (read ${fmt(result.tema.read)}, store ${fmt(result.tema.store)}), raw write ${fmt(result.raw.total)}, ` +
			`ratio ${ratio.toFixed(3)} (per-run ${fmt(result.pairRatios, '×')}; ratio of medians ${ratioOfMedians.toFixed(3)})`
	);
	console.log(`    raw write with the Turn[] of each text in its row: ${fmt(result.rawWithTurns.total)}`);
	console.log(`    read steps: ${Object.entries(result.readSteps).map(([k, v]) => `${k} ${v.median}`).join(', ')}`);
	expect(tema.every((r) => r.docs === 100)).toBe(true);
	expect(raw[0].chars).toBe(tema[0].chars);
});

test('(4) the phase screens on 100 transcripts with 50,000 codings', async ({ page }) => {
	await openBench(page);
	const result = await page.evaluate(() => window.__temaBench!.analysis(100, 50_000, 15));
	savePartial('analysis', result);
	console.log(
		`(4) ${result.docs} transcripts, ${result.codings} codings, 10 themes: theme table ${result.themeTable} ms, phase guide ${result.phaseGuide} ms, ` +
			`coverage ${result.coverage} ms, board counts ${result.boardCounts} ms, review of the largest theme ${result.reviewLargest} ms (medians of ${result.runs})`
	);
	expect(result.codings).toBe(50_000);
});

test('(5) agreement over characters: 3 coders, 100 transcripts of 15,000 words', async ({ page }) => {
	await openBench(page);
	const result = await page.evaluate(() => window.__temaBench!.agreement(100, 50_000, 5));
	savePartial('agreement', result);
	console.log(`(5) agreement report, ${result.docs} transcripts × 90,000 characters, 3 coders, ${result.codings} codings, ${result.codes} codes: ${result.ms} ms (median of 5)`);
	expect(result.codings).toBe(50_000);
});

test('(6) compare view: a 15,000-word transcript, 3 coders side by side', async ({ page }) => {
	test.setTimeout(180_000);
	const { backup, words, codings } = compareBackup();
	await goto(page, '/');
	await page.getByLabel('Backup file to restore').setInputFiles({ name: 'bench-compare.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) });
	await page.waitForURL(/\/p\/[^/]+/);
	const id = new URL(page.url()).pathname.split('/')[2];
	await goto(page, `/p/${id}/compare`);
	const select = page.getByLabel('Transcript');
	await expect(select.locator('option')).toHaveCount(2);
	await expect(page.locator('.grid [role=cell]').first()).toBeVisible();
	const runs: number[] = [];
	const docIds = backup.documents.map((d) => d.id);
	for (let i = 0; i < 9; i++) {
		const to = docIds[(i + 1) % 2];
		await settle(page);
		const ms = await page.evaluate(async (to) => {
			const sel = document.querySelector<HTMLSelectElement>('select[id$="-doc"]')!;
			const name = sel.querySelector<HTMLOptionElement>(`option[value="${to}"]`)!.textContent!.split(' — ')[0];
			const t0 = performance.now();
			sel.value = to;
			sel.dispatchEvent(new Event('change', { bubbles: true }));
			for (;;) {
				await new Promise((r) => requestAnimationFrame(r));
				const grid = document.querySelector('.grid');
				if (grid?.getAttribute('aria-label')?.startsWith(name) && grid.querySelectorAll('[role=cell]').length > 30) break;
				if (performance.now() - t0 > 30_000) throw new Error('the compare view did not paint');
			}
			await new Promise((r) => requestAnimationFrame(r));
			return performance.now() - t0;
		}, to);
		if (i > 0) runs.push(ms);
	}
	const s = summarize(runs);
	savePartial('compare', { words, codings, coders: 3, runs: runs.length, firstPaint: s });
	console.log(`(6) compare view, ${words.join(' and ')} words, 3 coders, ${codings} codings: switch to painted ${fmt(s)}`);
	expect(runs.length).toBe(8);
});

test('(7) REFI-QDA export and import: 100 transcripts × 15,000 words, 60,000 codings', async ({ page }) => {
	test.setTimeout(300_000);
	await openBench(page);
	const r = await page.evaluate(() => window.__temaBench!.refi(100, 60_000, 3));
	savePartial('refi', r);
	console.log(`(7) REFI-QDA, ${r.docs} transcripts (${r.chars.toLocaleString()} characters), ${r.codings} codings, .qdpx ${(r.bytes / 1e6).toFixed(1)} MB: export ${Math.round(r.exportMs)} ms, import ${Math.round(r.importMs)} ms (medians of ${r.runs})`);
	expect(r.codingsBack).toBe(60_000);
});

test('(8) corpus search: 100 transcripts × 15,000 words', async ({ page }) => {
	test.setTimeout(300_000);
	const texts = prepareImportSet().files.map((f) => ({ id: f.split('/').pop()!.replace(/\.txt$/, ''), text: readFileSync(f, 'utf8').replace(/^\uFEFF/, '') }));
	await openBench(page);
	const runs = [];
	for (let i = 0; i < 3; i++) {
		await settle(page);
		runs.push(await page.evaluate((t) => window.__temaBench!.searchBench(t), texts));
	}
	const p95 = median(runs.map((r) => r.p95));
	const build = median(runs.map((r) => r.buildMs));
	savePartial('search', { p95, p50: median(runs.map((r) => r.p50)), buildMs: build, queries: runs[0].queries, words: runs[0].words, indexMB: runs[0].indexMB, runs: runs.map((r) => ({ p95: r.p95, buildMs: r.buildMs, max: r.max })) });
	console.log(`(8) search over ${runs[0].words.toLocaleString()} words: index build ${Math.round(build)} ms, ${runs[0].queries} queries p50 ${median(runs.map((r) => r.p50)).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (median of 3 runs)`);
	expect(runs[0].queries).toBeGreaterThanOrEqual(200);
});

// ---- results --------------------------------------------------------------------------------

function git(args: string[]): string | null {
	try {
		return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
	} catch {
		return null;
	}
}

test('write bench-results/bench.json and print the results', async ({ page, browser }) => {
	await openBench(page);
	const hw = await page.evaluate(() => ({ hardwareConcurrency: navigator.hardwareConcurrency, deviceMemory: (navigator as { deviceMemory?: number }).deviceMemory ?? null }));
	const data = loadPartial<Record<string, unknown>>('data');
	const open = loadPartial<{ tema: { total: Summary }; plain: { total: Summary }; ratio: number }>('open');
	const apply = loadPartial<{ keypressToFrame: Summary }>('apply');
	const imp = loadPartial<{ tema: { total: Summary }; raw: { total: Summary }; ratio: number }>('import');
	const analysis = loadPartial<Record<string, number>>('analysis');
	const agreement = loadPartial<{ ms: number }>('agreement');
	const compare = loadPartial<{ firstPaint: Summary }>('compare');
	const refi = loadPartial<{ exportMs: number; importMs: number }>('refi');
	const search = loadPartial<{ p95: number; buildMs: number }>('search');

	type Line = { measure: string; value: number; unit: 'ms'; baseline?: number; ratio?: number; goal: string };
	const lines: Line[] = [];
	if (open)
		lines.push({
			measure: 'open_transcript_300k_chars_3000_codings_first_paint',
			value: open.tema.total.median,
			unit: 'ms',
			baseline: open.plain.total.median,
			ratio: open.ratio,
			goal: GOALS.open
		});
	if (apply)
		lines.push({
			measure: 'apply_code_keypress_to_painted_highlight_p95',
			value: apply.keypressToFrame.p95,
			unit: 'ms',
			goal: GOALS.apply
		});
	if (imp)
		lines.push({
			measure: 'import_100_transcripts_15000_words',
			value: imp.tema.total.median,
			unit: 'ms',
			baseline: imp.raw.total.median,
			ratio: imp.ratio,
			goal: GOALS.import
		});

	if (analysis)
		for (const key of ['themeTable', 'phaseGuide', 'coverage', 'boardCounts', 'reviewLargest'])
			lines.push({ measure: `phases_${key}_100_transcripts_50000_codings`, value: analysis[key], unit: 'ms', goal: GOALS.analysis });

	if (agreement)
		lines.push({ measure: 'agreement_char_3_coders_100_transcripts_15000_words', value: agreement.ms, unit: 'ms', goal: GOALS.agreement });
	if (compare)
		lines.push({ measure: 'compare_view_15000_words_3_coders_first_paint', value: compare.firstPaint.median, unit: 'ms', goal: GOALS.compare });
	if (refi) {
		lines.push({ measure: 'refi_qdpx_export_100_transcripts_60000_codings', value: Math.round(refi.exportMs), unit: 'ms', goal: GOALS.refi });
		lines.push({ measure: 'refi_qdpx_import_100_transcripts_60000_codings', value: Math.round(refi.importMs), unit: 'ms', goal: GOALS.refi });
	}
	if (search) {
		lines.push({ measure: 'search_query_p95_100_transcripts_15000_words', value: round(search.p95, 1), unit: 'ms', goal: GOALS.search });
		lines.push({ measure: 'search_index_build_100_transcripts_15000_words', value: Math.round(search.buildMs), unit: 'ms', goal: 'reported (built once per session, with a progress line)' });
	}

	const report = {
		date: new Date().toISOString(),
		environment: {
			chromium: browser.version(),
			cpus: cpus().length,
			cpuModel: cpus()[0]?.model ?? null,
			hardwareConcurrency: hw.hardwareConcurrency,
			totalMemoryGiB: round(totalmem() / 2 ** 30, 1),
			loadAverage: loadavg().map((x) => round(x)),
			node: process.version,
			platform: `${process.platform} ${process.arch}`,
			playwright: JSON.parse(readFileSync(join(ROOT, 'node_modules/@playwright/test/package.json'), 'utf8')).version,
			commit: git(['rev-parse', 'HEAD']),
			dirty: (git(['status', '--porcelain']) ?? '') !== '',
			baseURL: test.info().project.use.baseURL ?? null
		},
		method: {
			open: `median of ${OPEN_RUNS} interleaved runs, each in a fresh page load, after one discarded pair; first paint = mount start to the 2nd requestAnimationFrame; ratio = median of the per-run ratios (both loads of a run back to back)`,
			apply: `${APPLY_RUNS} real keypresses of "1" (after ${APPLY_WARMUP} discarded), each on a fresh 4-word selection (mouse click + Shift+Ctrl+Right ×4) spread over the transcript; keydown timeStamp to the first requestAnimationFrame after a .hl with the new coding id appears (MutationObserver)`,
			import: `median of ${IMPORT_RUNS} interleaved runs in fresh page loads, after one discarded pair; Tema = readTranscriptFiles + Repo.addDocuments into a scratch TemaDB; raw = one readwrite transaction putting one {docId, text} row per file; ratio = median of the per-run ratios`,
			analysis: 'the pure functions behind the Overview, board, review and write-up screens on a synthetic project (src/lib/bench/analysis.ts), median of 15 calls after one warm-up, in the bench page',
			compare: 'the real Compare & reconcile screen on a restored project (tests/bench/compareData.ts); 9 switches between its two transcripts, the first discarded; from the select change to the 2nd requestAnimationFrame after the new rows are in the DOM (60 rows are rendered at first, more on scrolling)',
			refi: 'writeQdpx and readQdpx (src/lib/bench/refi.ts) on a synthetic project in the bench page: 100 transcripts × ~15,000 words with an emoji every ~1,500 words, 60,000 codings by 2 coders, 45 codes, participants, themes, notes; median of 3 after one warm-up',
			search: 'searchBench (src/lib/bench/search.ts) in the bench page on the 100 generated transcripts: index build, then a fixed battery of ≥ 200 queries (words, phrases, wildcards, fuzzy, restrictions); medians over 3 runs of each run\'s p50/p95'
		},
		data,
		goals: GOALS,
		results: { open, apply, import: imp, analysis, agreement, compare, refi, search },
		lines
	};
	mkdirSync(RESULTS, { recursive: true });
	writeFileSync(join(RESULTS, 'bench.json'), JSON.stringify(report, null, '\t') + '\n');
	rmSync(PARTIAL, { recursive: true, force: true });
	for (const l of lines) console.log(JSON.stringify(l));
	expect(lines.length).toBe(14);
});
