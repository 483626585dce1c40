// For `npm run bench` only: the measurements behind window.__temaBench on the /bench route
// (tests/bench/bench.spec.ts drives them). Everything here writes to scratch IndexedDB
// databases named `bench-…`, which are deleted again; the user's 'tema' database is never
// opened from this module.

import { TemaDB, Repo } from '$lib/db';
import { createTranscriptView } from '$lib/editor/view';
import { createPlainView, profileTranscriptBuild, type BuildSteps } from '$lib/editor/bench';
import type { SpanCoding } from '$lib/domain/segments';
import { decodeText, detectEol } from '$lib/domain/decode';
import { detectParticipant, parseTurns } from '$lib/domain/turns';
import type { Turn } from '$lib/domain/types';
import { readTranscriptFiles, sha256Hex, type FileLike } from '$lib/io/transcripts';
import { agreementTime, analysisTimes, type AnalysisTimes } from './analysis';
import { refiTimes, type RefiTimes } from './refi';
import { searchBench, type SearchBenchResult, type SearchBenchText } from './search';

declare global {
	interface Window {
		__temaBench?: TemaBench;
		gc?: () => void;
	}
	interface Performance {
		memory?: { usedJSHeapSize: number };
	}
}

/** Code id -> colour, as pairs so it crosses page.evaluate. */
export type ColorPairs = [string, string][];

export interface PaintResult {
	/** From the first line of work to the 2nd animation frame after mounting: first paint. */
	total: number;
	/** Synchronous part: document, state (decorations), EditorView DOM. */
	construct: number;
	/** Forced style recalculation and layout right after construct. */
	layout: number;
	/** From the end of layout to the 1st animation frame callback. */
	frame1: number;
	/** From the 1st to the 2nd animation frame callback (the first frame is painted in between). */
	frame2: number;
	/**
	 * From the first line of work until every highlight is painted: long transcripts paint
	 * the text around the reader first and the rest in idle slices. Equals total otherwise.
	 */
	allPainted: number;
	/** Highlight spans in the DOM once everything is painted. */
	hlCount: number;
	domNodes: number;
	/** V8 heap retained by the mounted view (after gc), bytes; null without --expose-gc. */
	heapDelta: number | null;
}

export interface ImportResult {
	/** readTranscriptFiles + Repo.addDocuments. */
	total: number;
	/** readTranscriptFiles: arrayBuffer, decode, SHA-256, parseTurns, for every file. */
	read: number;
	/** Repo.addDocuments: documents + contents in one Dexie transaction. */
	store: number;
	docs: number;
	chars: number;
}

export interface RawWriteResult {
	/** From opening the transaction to its complete event. */
	total: number;
	rows: number;
	chars: number;
}

export interface TemaBench {
	parseTurns(text: string): Turn[];
	paintTranscript(text: string, turns: Turn[] | null, codings: SpanCoding[], colors: ColorPairs): Promise<PaintResult>;
	paintPlain(text: string, turns: Turn[] | null): Promise<PaintResult>;
	profileBuild(
		text: string,
		turns: Turn[] | null,
		codings: SpanCoding[],
		colors: ColorPairs
	): Promise<BuildSteps & { layout: number; frames: number }>;
	/**
	 * The editor's share of applying a code: mounts the real view with `codings`, then adds
	 * each of `added` in turn through TranscriptView.update (as the coding screen does) and
	 * times the synchronous update (state + DOM) and the next animation frame.
	 */
	editorUpdates(
		text: string,
		turns: Turn[] | null,
		codings: SpanCoding[],
		colors: ColorPairs,
		added: SpanCoding[]
	): Promise<{ update: number; frame: number }[]>;
	/** The text of every file in the page's file input (set by Playwright's setInputFiles). */
	fileTexts(): Promise<string[]>;
	/** The phase screens' derived computations on a synthetic project (see analysis.ts). */
	analysis(docs: number, codings: number, runs?: number): AnalysisTimes;
	/** The agreement report over characters, 3 coders (see analysis.ts). */
	agreement(docs: number, codings: number, runs?: number): ReturnType<typeof agreementTime>;
	/** REFI-QDA export and import of a synthetic project (see refi.ts). */
	refi(docs: number, codings: number, runs?: number): Promise<RefiTimes>;
	/** Corpus search: index build and a battery of queries (see search.ts). */
	searchBench(texts: readonly SearchBenchText[]): SearchBenchResult;
	importFiles(): Promise<ImportResult>;
	/**
	 * readTranscriptFiles' steps for every file, each step timed over all files in turn:
	 * reading the bytes, decoding, SHA-256, turns, line endings, participant.
	 */
	readSteps(): Promise<Record<string, number>>;
	/**
	 * One readwrite transaction putting one {docId, text} row per string. With `withTurns`,
	 * each row also carries its parsed Turn[] (parsed before the clock starts), to show what
	 * storing the turns costs on top of the text.
	 */
	rawIdbWrite(strings: string[], withTurns?: boolean): Promise<RawWriteResult>;
	/** Deletes every scratch database this page created. */
	cleanup(): Promise<void>;
}

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));

function heap(): number | null {
	if (!window.gc || !performance.memory) return null;
	window.gc();
	return performance.memory.usedJSHeapSize;
}

function scratchName(kind: string): string {
	return `bench-${kind}-${crypto.randomUUID()}`;
}

function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.deleteDatabase(name);
		req.onsuccess = () => resolve();
		req.onerror = () => reject(req.error);
		req.onblocked = () => resolve();
	});
}

export function createBench(host: HTMLElement, input: HTMLInputElement): TemaBench {
	const created: string[] = [];

	// One fresh container per measurement, removed with its view afterwards.
	async function paint(
		mountView: (mount: HTMLElement) => { destroy(): void; painted?: Promise<void> }
	): Promise<PaintResult> {
		host.replaceChildren();
		const mount = document.createElement('div');
		mount.className = 'host';
		host.append(mount);
		const heapBefore = heap();
		const t0 = performance.now();
		const mounted = mountView(mount);
		const t1 = performance.now();
		void mount.getBoundingClientRect().height;
		void document.body.offsetHeight;
		const t2 = performance.now();
		const t3 = await frame();
		const t4 = await frame();
		await mounted.painted;
		const t5 = mounted.painted ? await frame() : t4;
		const heapAfter = heap();
		const result: PaintResult = {
			total: t4 - t0,
			allPainted: t5 - t0,
			construct: t1 - t0,
			layout: t2 - t1,
			frame1: t3 - t2,
			frame2: t4 - t3,
			hlCount: mount.querySelectorAll('.hl').length,
			domNodes: mount.getElementsByTagName('*').length,
			heapDelta: heapBefore !== null && heapAfter !== null ? heapAfter - heapBefore : null
		};
		mounted.destroy();
		host.replaceChildren();
		return result;
	}

	const noop = () => false;

	return {
		parseTurns,

		paintTranscript(text, turns, codings, colors) {
			const t = turns ?? parseTurns(text);
			const colorMap = new Map(colors);
			return paint((mount) => {
				const view = createTranscriptView(mount, {
					text,
					turns: t,
					codings,
					colors: colorMap,
					ariaLabel: 'Transcript (bench)',
					handlers: { applyRecent: noop, openPalette: noop, inVivo: noop, undo: noop, redo: noop },
					onSelection: () => {},
					onCursorCodings: () => {},
					onHover: () => {}
				});
				return { destroy: () => view.destroy(), painted: view.whenPainted() };
			});
		},

		paintPlain(text, turns) {
			const t = turns ?? parseTurns(text);
			return paint((mount) => {
				const view = createPlainView(mount, text, t);
				return { destroy: () => view.destroy() };
			});
		},

		async profileBuild(text, turns, codings, colors) {
			const t = turns ?? parseTurns(text);
			host.replaceChildren();
			const mount = document.createElement('div');
			mount.className = 'host';
			host.append(mount);
			const built = profileTranscriptBuild(mount, text, t, codings, new Map(colors));
			const l0 = performance.now();
			void mount.getBoundingClientRect().height;
			const l1 = performance.now();
			await frame();
			const l2 = await frame();
			built.destroy();
			host.replaceChildren();
			return { ...built.steps, layout: l1 - l0, frames: l2 - l1 };
		},

		async editorUpdates(text, turns, codings, colors, added) {
			const t = turns ?? parseTurns(text);
			host.replaceChildren();
			const mount = document.createElement('div');
			mount.className = 'host';
			host.append(mount);
			const view = createTranscriptView(mount, {
				text,
				turns: t,
				codings,
				colors: new Map(colors),
				ariaLabel: 'Transcript (bench)',
				handlers: { applyRecent: noop, openPalette: noop, inVivo: noop, undo: noop, redo: noop },
				onSelection: () => {},
				onCursorCodings: () => {},
				onHover: () => {}
			});
			await frame();
			await frame();
			const all = [...codings];
			const out: { update: number; frame: number }[] = [];
			for (const c of added) {
				// A keypress lands at any point of a frame: start at a random phase.
				await frame();
				await new Promise((r) => setTimeout(r, Math.random() * 16));
				all.push(c);
				const t0 = performance.now();
				view.update([c], [], all);
				const t1 = performance.now();
				const t2 = await frame();
				out.push({ update: t1 - t0, frame: t2 - t0 });
			}
			view.destroy();
			host.replaceChildren();
			return out;
		},

		async fileTexts() {
			return Promise.all(Array.from(input.files ?? [], (f) => f.text()));
		},

		async importFiles() {
			const files: FileLike[] = Array.from(input.files ?? []);
			const name = scratchName('import');
			created.push(name);
			const db = new TemaDB(name);
			const repo = new Repo(db);
			// Opening the database and creating the project are not part of an import.
			const project = await repo.createProject({ name: 'Bench import', description: '' });
			heap();
			const t0 = performance.now();
			// The options ProjectState.importFiles passes for an empty project.
			const { outcomes } = await readTranscriptFiles(files, {
				projectId: project.id,
				firstOrder: 0,
				existing: new Map(),
				onProgress: () => {}
			});
			const t1 = performance.now();
			const ok = outcomes.flatMap((o) => (o.kind === 'ok' ? [o] : []));
			await repo.addDocuments(
				project.id,
				ok.map((o) => ({ doc: o.doc, content: o.content }))
			);
			const t2 = performance.now();
			const chars = ok.reduce((n, o) => n + o.content.text.length, 0);
			db.close();
			await deleteDatabase(name);
			if (ok.length !== files.length) {
				throw new Error(`Only ${ok.length} of ${files.length} files imported: ${outcomes.find((o) => o.kind !== 'ok')?.message}`);
			}
			return { total: t2 - t0, read: t1 - t0, store: t2 - t1, docs: ok.length, chars };
		},

		async readSteps() {
			const files = Array.from(input.files ?? []);
			const out: Record<string, number> = {};
			let t = performance.now();
			const lap = (k: string) => {
				const now = performance.now();
				out[k] = now - t;
				t = now;
			};
			const bytes: Uint8Array[] = [];
			for (const f of files) bytes.push(new Uint8Array(await f.arrayBuffer()));
			lap('arrayBuffer');
			const texts = bytes.map((b) => {
				const d = decodeText(b);
				if (!d.ok) throw new Error(d.message);
				return d.text;
			});
			lap('decodeText');
			for (const text of texts) await sha256Hex(text);
			lap('sha256Hex');
			const turns = texts.map((text) => parseTurns(text));
			lap('parseTurns');
			texts.forEach((text) => detectEol(text));
			lap('detectEol');
			turns.forEach((tt, i) => detectParticipant(tt, files[i].name));
			lap('detectParticipant');
			return out;
		},

		async rawIdbWrite(strings, withTurns = false) {
			const rows = strings.map((text, i) => (withTurns ? { docId: `raw-${i}`, text, turns: parseTurns(text) } : { docId: `raw-${i}`, text }));
			const name = scratchName('raw');
			created.push(name);
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const req = indexedDB.open(name, 1);
				req.onupgradeneeded = () => req.result.createObjectStore('contents', { keyPath: 'docId' });
				req.onsuccess = () => resolve(req.result);
				req.onerror = () => reject(req.error);
			});
			heap();
			const t0 = performance.now();
			await new Promise<void>((resolve, reject) => {
				const tx = db.transaction('contents', 'readwrite');
				const store = tx.objectStore('contents');
				for (const row of rows) store.put(row);
				tx.oncomplete = () => resolve();
				tx.onerror = () => reject(tx.error);
				tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
			});
			const t1 = performance.now();
			db.close();
			await deleteDatabase(name);
			return { total: t1 - t0, rows: strings.length, chars: strings.reduce((n, s) => n + s.length, 0) };
		},

		analysis(docs, codings, runs) {
			return analysisTimes(docs, codings, runs);
		},

		agreement(docs, codings, runs) {
			return agreementTime(docs, codings, runs);
		},

		refi(docs, codings, runs) {
			return refiTimes(docs, codings, runs);
		},

		searchBench(texts) {
			return searchBench(texts);
		},

		async cleanup() {
			for (const name of created.splice(0)) await deleteDatabase(name);
		}
	};
}
