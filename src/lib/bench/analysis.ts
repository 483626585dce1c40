// For `npm run bench` only: how long the phase screens' derived computations take on a large
// project (they rerun whenever a theme, coding or verdict changes). A synthetic project of
// `docs` transcripts with `codings` codings over 40 codes in 5 groups and 10 themes (2 main
// themes with 5 sub-themes, 3 on their own), a tenth of each theme's extracts reviewed; the
// same pure functions the Overview, board, review and write-up screens call.

import { phaseStatus } from '$lib/domain/phases';
import { coverageMatrix, themeReview } from '$lib/domain/review';
import { buildThemeTable } from '$lib/domain/themeTable';
import { participantOf, themeExtracts } from '$lib/domain/themes';
import { agreementReport } from '$lib/domain/agreement/report';
import { mulberry32 } from '$lib/domain/random';
import type { Code, Coding, Participant, Theme, TranscriptDocument } from '$lib/domain/types';

export interface AnalysisTimes {
	docs: number;
	codings: number;
	/** Median milliseconds per call, over `runs` calls. */
	themeTable: number;
	phaseGuide: number;
	coverage: number;
	/** The board's extract and participant counts for every theme. */
	boardCounts: number;
	/** themeReview of the largest theme (the review screen's main derived value). */
	reviewLargest: number;
	runs: number;
}

/** The middle value (the upper one of an even count): the benchmark's summary of its runs. */
export function median(xs: readonly number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}

function time(runs: number, f: () => unknown): number {
	f(); // warm-up
	const out: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		f();
		out.push(performance.now() - t0);
	}
	return Math.round(median(out) * 100) / 100;
}

export function syntheticProject(docCount: number, codingCount: number, seed = 7) {
	const rand = mulberry32(seed);
	const P = 'bench';
	const documents: TranscriptDocument[] = Array.from({ length: docCount }, (_, i) => ({
		id: `d${i}`,
		projectId: P,
		name: `P${i + 1}`,
		fileName: `P${i + 1}.txt`,
		participantId: `P${i + 1}`,
		encoding: 'utf-8',
		eol: 'lf',
		length: 90_000,
		turnCount: 300,
		fingerprint: `f${i}`,
		importedAt: 0,
		order: i
	}));
	const participants: Participant[] = documents.map((d) => ({ id: `${P}:${d.participantId}`, projectId: P, label: d.participantId!, attributes: {} }));
	const codes: Code[] = [];
	for (let g = 0; g < 5; g++) {
		codes.push({ id: `g${g}`, projectId: P, parentId: null, order: g, name: `Group ${g}`, color: '#888888', definition: '', include: '', exclude: '', example: '', createdAt: 0 });
		for (let k = 0; k < 8; k++)
			codes.push({ id: `c${g}-${k}`, projectId: P, parentId: `g${g}`, order: k, name: `Code ${g}.${k}`, color: '#aaaaaa', definition: '', include: '', exclude: '', example: '', createdAt: 0 });
	}
	const leaves = codes.filter((c) => c.parentId !== null);
	const codings: Coding[] = Array.from({ length: codingCount }, (_, i) => {
		const start = Math.floor(rand() * 89_000);
		return {
			id: `k${i}`,
			projectId: P,
			docId: `d${Math.floor(rand() * docCount)}`,
			codeId: leaves[Math.floor(rand() * leaves.length)].id,
			coderId: 'me',
			start,
			end: start + 50 + Math.floor(rand() * 400),
			quote: 'x',
			prefix: '',
			suffix: '',
			createdAt: 0
		};
	});
	const blank = { concept: 'c', includes: '', excludes: '', relations: '' };
	const theme = (id: string, parentId: string | null, order: number, codeIds: string[]): Theme => ({
		id, projectId: P, parentId, order, name: id, color: '#7c3aed', status: 'kept', codeIds, definition: blank, quoteIds: [], reviews: {}, nameHistory: [], createdAt: 0, updatedAt: 0
	});
	const pick = (n: number) => Array.from({ length: n }, () => leaves[Math.floor(rand() * leaves.length)].id);
	const themes: Theme[] = [theme('M1', null, 0, []), theme('M2', null, 1, [])];
	for (let i = 0; i < 5; i++) themes.push(theme(`S${i}`, i < 2 ? 'M1' : 'M2', i < 2 ? i : i - 2, [...new Set(pick(6))]));
	for (let i = 0; i < 3; i++) themes.push(theme(`T${i}`, null, 2 + i, [...new Set(pick(4))]));
	const order = new Map(documents.map((d, i) => [d.id, i]));
	for (const t of themes) {
		const ex = themeExtracts(t, themes, codes, codings, order);
		for (let i = 0; i < ex.length; i += 10) t.reviews[ex[i].id] = i % 30 === 0 ? 'misfit' : 'fits';
		t.quoteIds = ex.slice(0, 2).map((c) => c.id);
	}
	return { documents, participants, codes, codings, themes };
}

export function analysisTimes(docCount: number, codingCount: number, runs = 15): AnalysisTimes {
	const p = syntheticProject(docCount, codingCount);
	const input = { ...p, reading: [], notes: [] };
	const docOrder = new Map(p.documents.map((d, i) => [d.id, i]));
	const docById = new Map(p.documents.map((d) => [d.id, d]));
	const largest = p.themes
		.map((t) => ({ t, n: themeExtracts(t, p.themes, p.codes, p.codings, docOrder).length }))
		.sort((a, b) => b.n - a.n)[0].t;
	return {
		docs: docCount,
		codings: codingCount,
		themeTable: time(runs, () => buildThemeTable(p)),
		phaseGuide: time(runs, () => phaseStatus(input)),
		coverage: time(runs, () => coverageMatrix(p)),
		boardCounts: time(runs, () => {
			for (const t of p.themes) {
				const who = new Set<string>();
				for (const c of themeExtracts(t, p.themes, p.codes, p.codings)) who.add(participantOf(docById.get(c.docId)!));
			}
		}),
		reviewLargest: time(runs, () => themeReview(largest, p)),
		runs
	};
}

/**
 * The agreement report over characters for 3 coders on `docs` transcripts of 90,000
 * characters (≈ 15,000 words) with `codings` codings spread over the coders: every code,
 * per code, per transcript and pooled. Median milliseconds of `runs` calls.
 */
export function agreementTime(docCount: number, codingCount: number, runs = 5): { ms: number; codes: number; docs: number; codings: number } {
	const p = syntheticProject(docCount, codingCount, 11);
	const coderIds = ['c1', 'c2', 'c3'];
	const codings = p.codings.map((c, i) => ({ ...c, coderId: coderIds[i % 3] }));
	const coders = coderIds.map((id) => ({ id, projectId: 'bench', name: id, color: '#000000' }));
	const input = {
		documents: p.documents,
		contents: new Map(),
		codes: p.codes,
		codings,
		coders,
		docIds: p.documents.map((d) => d.id),
		codeIds: p.codes.map((c) => c.id),
		coderIds,
		unit: 'char' as const
	};
	return { ms: time(runs, () => agreementReport(input)), codes: p.codes.length, docs: docCount, codings: codingCount };
}
