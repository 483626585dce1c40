// A project's agreement report: for chosen documents, codes and coders and a unit, every
// statistic per code (pooled over the documents), per document (pooled over the codes), and
// for everything pooled, with the pooling said in words. Units: characters (as NVivo: every
// character is coded with the code or not), speaker turns (a turn is coded if any coding of
// the code overlaps it), and code presence per document (MAXQDA's "code existence"). Each
// code is a binary judgement per unit (coded / not coded), so the coefficients are those of
// a two-category nominal scheme; pooling adds the units of all codes (or documents) together.
// Per code and pooled, alpha and kappa come with 95 % bootstrap intervals over transcripts
// (see `intervalsOver`). Pure: the app's agreement screen (directly, or in a Web Worker for
// large corpora) and `tema agree --project` all call this.

import { characterData } from './characters';
import type { SpansInput } from './inputs';
import { krippendorffAlpha } from './alpha';
import { bennettS, cohenKappa, fleissKappa, gwetAC1, percentAgreement, scottPi, specificAgreement } from './nominal';
import { kappaParadox } from './paradox';
import { clusterBootstrap, drawClusters, REPORT_REPLICATES, type Interval } from './bootstrap';
import { undefinedStat, type CategoryCounts, type PairTable, type Stat } from './types';
import type { Code, Coder, Coding, DocumentContent, Id, TranscriptDocument } from '../types';
import { mulberry32 } from '../random';

export type AgreementUnit = 'char' | 'segment' | 'turn' | 'presence';

export const UNIT_LABELS: Record<AgreementUnit, string> = {
	char: 'characters',
	segment: 'coded segments',
	turn: 'speaker turns',
	presence: 'code presence per transcript'
};

/** The default share of a segment another coder must cover to count as coding it (MAXQDA's 90 %). */
export const DEFAULT_SEGMENT_OVERLAP = 0.9;

export interface ReportInput {
	documents: readonly TranscriptDocument[];
	/** Texts with turns of the chosen documents (lengths for characters, turns for turns). */
	contents: ReadonlyMap<Id, DocumentContent>;
	codes: readonly Code[];
	codings: readonly Coding[];
	coders: readonly Coder[];
	docIds: readonly Id[];
	codeIds: readonly Id[];
	coderIds: readonly Id[];
	unit: AgreementUnit;
	/** For unit 'segment': the share (0–1] of a segment a coder must cover to count as coding it. */
	overlap?: number;
	/** Bootstrap intervals (default: 1,000 resamples of the transcripts, seed 1, 95 %); false for none. */
	bootstrap?: BootstrapSettings | false;
}

export interface BootstrapSettings {
	/** Resamples (default 1,000). */
	replicates?: number;
	/** PRNG seed (default 1): the same seed gives the same intervals, so exports repeat exactly. */
	seed?: number;
	/** Confidence level (default 0.95). */
	level?: number;
}

/** How the intervals of a report were computed. */
export interface BootstrapInfo {
	replicates: number;
	seed: number;
	level: number;
	/** Transcripts resampled (the clusters). */
	transcripts: number;
}

/** Bootstrap intervals of a row; `cohen` only for two coders. */
export interface StatIntervals {
	alpha: Interval;
	cohen: Interval | null;
	fleiss: Interval;
}

export interface StatSet {
	percent: Stat;
	/** Two coders only. */
	cohen: Stat | null;
	scott: Stat;
	fleiss: Stat;
	alpha: Stat;
	ac1: Stat;
	brennanPrediger: Stat;
	/** Positive specific agreement (2 coders: 2a / (2a + b + c), the F1 of one coder against the other). */
	specific: Stat;
	/** Units compared (characters, turns or documents). */
	units: number;
	/** Share of units coded by at least one coder. */
	prevalence: number;
	/** Kappa-paradox warning: high agreement, skewed prevalence, low kappa. */
	paradox: string | null;
	/**
	 * Bootstrap intervals over transcripts: per code and pooled; null per transcript (a single
	 * transcript has nothing to resample) and when the report was asked for none.
	 */
	ci: StatIntervals | null;
}

export interface ReportRow {
	id: Id;
	label: string;
	stats: StatSet;
}

export interface AgreementReport {
	unit: AgreementUnit;
	coders: Coder[];
	perCode: ReportRow[];
	perDocument: ReportRow[];
	pooled: StatSet;
	/** How the pooled figures were pooled (and the intervals computed), in words. */
	pooling: string;
	/** How the intervals were computed; null when the report has none. */
	bootstrap: BootstrapInfo | null;
}

/** One binary (coded / not coded) data set: counts per unit, and the 2-coder table if two. */
interface Binary {
	counts: CategoryCounts;
	pair: PairTable | null;
}

function statsOf(b: Binary, coderCount: number): StatSet {
	const { counts } = b;
	let units = 0;
	let coded = 0;
	const pos = counts.categories.indexOf(1);
	counts.counts.forEach((row, u) => {
		const w = counts.weights ? counts.weights[u] : 1;
		units += w;
		if (pos >= 0 && row[pos] > 0) coded += w;
	});
	const few = coderCount < 2 ? undefinedStat('needs at least two coders') : null;
	const cohen = coderCount === 2 && b.pair ? cohenKappa(b.pair) : null;
	const paradox = b.pair ? kappaParadox(b.pair) : kappaParadox(counts);
	return {
		percent: few ?? percentAgreement(counts),
		cohen,
		scott: few ?? scottPi(counts),
		fleiss: few ?? fleissKappa(counts),
		alpha: few ?? krippendorffAlpha(counts, 'nominal'),
		ac1: few ?? gwetAC1(counts, 2),
		brennanPrediger: few ?? bennettS(counts, 2),
		specific: few ?? specificAgreement(counts, 1),
		units,
		prevalence: units > 0 ? coded / units : 0,
		paradox: paradox.flagged ? paradox.message : null,
		ci: null
	};
}

/** Adds binary data sets (same coders, categories [0, 1]). */
function pool(parts: readonly Binary[]): Binary {
	const counts: CategoryCounts = { categories: [0, 1], counts: [], weights: [] };
	const table: number[][] | null = parts.every((p) => p.pair) ? [[0, 0], [0, 0]] : null;
	for (const p of parts) {
		const map = p.counts.categories.map((c) => (c === 1 ? 1 : 0));
		p.counts.counts.forEach((row, u) => {
			const r = [0, 0];
			row.forEach((n, c) => (r[map[c]] += n));
			counts.counts.push(r);
			counts.weights!.push(p.counts.weights ? p.counts.weights[u] : 1);
		});
		if (table && p.pair) {
			const m = p.pair.categories.map((c) => (c === 1 ? 1 : 0));
			p.pair.table.forEach((row, i) => row.forEach((n, j) => (table![m[i]][m[j]] += n)));
		}
	}
	return { counts, pair: table ? { categories: [0, 1], table } : null };
}

/**
 * Binary data from a reliability matrix of 0/1 values, data[coder][unit] (every coder has a
 * value on every unit). Units with the same number of "coded" values are one weighted row, as
 * characterData's runs are: every statistic takes weights, and a transcript's turns then cost
 * at most m + 1 rows instead of one row each.
 */
function fromMatrix(data: (0 | 1)[][]): Binary {
	const m = data.length;
	const units = data[0]?.length ?? 0;
	const byCoded = new Array<number>(m + 1).fill(0);
	const pair: PairTable | null = m === 2 ? { categories: [0, 1], table: [[0, 0], [0, 0]] } : null;
	for (let u = 0; u < units; u++) {
		let x = 0;
		for (let c = 0; c < m; c++) x += data[c][u];
		byCoded[x]++;
		if (pair) pair.table[data[0][u]][data[1][u]]++;
	}
	const counts: CategoryCounts = { categories: [0, 1], counts: [], weights: [] };
	byCoded.forEach((w, x) => {
		if (w === 0) return;
		counts.counts.push([m - x, x]);
		counts.weights!.push(w);
	});
	return { counts, pair };
}

/**
 * Segments as units (as MAXQDA compares segments, for any number of coders): the coded
 * stretches of all coders for one code are merged into segments (overlapping or touching
 * codings join); a coder coded a segment when their codings cover at least `overlap` of its
 * length. Only coded stretches are units, so text nobody coded does not inflate agreement.
 */
export function segmentMatrix(perCoder: readonly (readonly { start: number; end: number }[])[], overlap: number): (0 | 1)[][] {
	const all = perCoder.flat().filter((k) => k.end > k.start).sort((a, b) => a.start - b.start || a.end - b.end);
	const segments: { start: number; end: number }[] = [];
	for (const k of all) {
		const last = segments.at(-1);
		if (last && k.start <= last.end) last.end = Math.max(last.end, k.end);
		else segments.push({ start: k.start, end: k.end });
	}
	const covered = (mine: readonly { start: number; end: number }[], seg: { start: number; end: number }) => {
		// the union of this coder's codings inside the segment
		const parts = mine
			.map((k) => ({ start: Math.max(k.start, seg.start), end: Math.min(k.end, seg.end) }))
			.filter((k) => k.end > k.start)
			.sort((a, b) => a.start - b.start);
		let total = 0;
		let at = seg.start;
		for (const p of parts) {
			const from = Math.max(p.start, at);
			if (p.end > from) total += p.end - from;
			at = Math.max(at, p.end);
		}
		return total;
	};
	return perCoder.map((mine) => segments.map((seg) => (covered(mine, seg) >= overlap * (seg.end - seg.start) - 1e-9 ? 1 : 0)));
}

/**
 * 1 for each turn that one of the spans overlaps (start < turn end and end > turn start), else
 * 0. A sweep, not turns × spans: with the turns taken by increasing end, the spans starting
 * before a turn's end only grow, and the turn is coded when the furthest end among them passes
 * its start.
 */
export function turnsCoded(turns: readonly { start: number; end: number }[], spans: readonly { start: number; end: number }[]): (0 | 1)[] {
	const out = new Array<0 | 1>(turns.length).fill(0);
	if (!spans.length) return out;
	const byEnd = turns.map((_, i) => i).sort((a, b) => turns[a].end - turns[b].end);
	const byStart = [...spans].sort((a, b) => a.start - b.start);
	let s = 0;
	let furthest = -Infinity;
	for (const i of byEnd) {
		const t = turns[i];
		while (s < byStart.length && byStart[s].start < t.end) furthest = Math.max(furthest, byStart[s++].end);
		if (furthest > t.start) out[i] = 1;
	}
	return out;
}

/**
 * What the report compares by default: the transcripts coded by two or more of the coders
 * (or every transcript), and the codes those coders used in them.
 */
export function defaultSelection(
	documents: readonly TranscriptDocument[],
	codes: readonly Code[],
	codings: readonly Coding[],
	coderIds: readonly Id[],
	allDocuments = false
): { docIds: Id[]; codeIds: Id[] } {
	const by = new Map<Id, Set<Id>>();
	for (const k of codings) {
		if (!coderIds.includes(k.coderId)) continue;
		let set = by.get(k.docId);
		if (!set) by.set(k.docId, (set = new Set()));
		set.add(k.coderId);
	}
	const docIds = documents.filter((d) => allDocuments || (by.get(d.id)?.size ?? 0) >= 2).map((d) => d.id);
	const docs = new Set(docIds);
	const used = new Set(codings.filter((k) => docs.has(k.docId) && coderIds.includes(k.coderId)).map((k) => k.codeId));
	return { docIds, codeIds: codes.filter((c) => used.has(c.id)).map((c) => c.id) };
}

// ---- bootstrap intervals --------------------------------------------------------------
//
// Which units are resampled: whole transcripts, for every unit (a cluster bootstrap).
// - Characters are run-weighted rows, one row standing for thousands of characters of the same
//   coding decision; resampling characters one by one would treat each as an independent
//   observation and give intervals far too narrow.
// - Speaker turns and coded segments are many per transcript (a hundred or more turns), and
//   the turns of one interview share a participant, an interviewer and one sitting of each
//   coder, so they are clustered in the same way; units drawn one by one would again pretend
//   that 2,000 turns from 23 interviews are 2,000 independent observations.
// - Code presence has one unit per transcript and code: per code, resampling transcripts IS
//   resampling units; pooled, a transcript's (code, transcript) units travel together.
// So one rule holds for all four units, and it matches the design: a study samples
// participants (transcripts), not characters or turns. The cost is that few transcripts give
// rough intervals (3 transcripts have only 10 distinct resamples); the pooling sentence says so.
//
// Each (code, transcript) data set is summarised as a vector of additive counts: units by
// (codings on the unit r, of which "coded" x), weighted, plus the 2 × 2 table of two coders.
// A resample adds the vectors of the drawn transcripts; alpha, Fleiss' and Cohen's kappa are
// computed from the sum exactly as the point estimate is (checked in report.spec.ts).

/**
 * Vector of one (code, transcript) data set for m coders. Two coders: the 2 × 2 table
 * [both not, first only, second only, both]. Otherwise: weighted units by (r codings, x of
 * them "coded") at r · (m + 1) + x. (With two coders every unit has both codings, so the
 * table holds everything; the patterns would only repeat it.)
 */
const vectorLength = (m: number) => (m === 2 ? 4 : (m + 1) * (m + 1));

function toVector(b: Binary, m: number): Float64Array {
	const v = new Float64Array(vectorLength(m));
	if (m === 2) {
		if (!b.pair) throw new Error('two coders without a 2 × 2 table');
		const map = b.pair.categories.map((c) => (c === 1 ? 1 : 0));
		b.pair.table.forEach((row, i) => row.forEach((n, j) => (v[map[i] * 2 + map[j]] += n)));
		return v;
	}
	const pos = b.counts.categories.indexOf(1);
	b.counts.counts.forEach((row, u) => {
		let r = 0;
		for (const c of row) r += c;
		const x = pos >= 0 ? row[pos] : 0;
		v[r * (m + 1) + x] += b.counts.weights ? b.counts.weights[u] : 1;
	});
	return v;
}

/** Units with r codings, x of them "coded", in a vector. */
function unitsAt(v: ArrayLike<number>, m: number, r: number, x: number): number {
	if (m !== 2) return v[r * (m + 1) + x];
	if (r !== 2) return 0;
	return x === 0 ? v[0] : x === 2 ? v[3] : v[1] + v[2];
}

function countsOfVector(v: ArrayLike<number>, m: number): CategoryCounts {
	const counts: number[][] = [];
	const weights: number[] = [];
	for (let r = 0; r <= m; r++)
		for (let x = 0; x <= r; x++) {
			const w = unitsAt(v, m, r, x);
			if (w > 0) {
				counts.push([r - x, x]);
				weights.push(w);
			}
		}
	return { categories: [0, 1], counts, weights };
}

/** The statistics that get intervals, computed from a vector by the library functions (for tests). */
export function statsOfVector(v: ArrayLike<number>, m: number): { alpha: Stat; fleiss: Stat; cohen: Stat | null } {
	const counts = countsOfVector(v, m);
	return {
		alpha: krippendorffAlpha(counts, 'nominal'),
		fleiss: fleissKappa(counts),
		cohen: m === 2 ? cohenKappa({ categories: [0, 1], table: [[v[0], v[1]], [v[2], v[3]]] }) : null
	};
}

// The same three statistics in closed form for binary data, without building count rows: the
// bootstrap computes them tens of thousands of times. report.spec.ts checks them against the
// library functions above. null = undefined (the reason is not needed there).

/** Krippendorff's alpha (nominal, two categories) from a vector: the coincidence-matrix formula. */
export function fastAlpha(v: ArrayLike<number>, m: number): number | null {
	let o00 = 0;
	let o11 = 0;
	let o01 = 0;
	for (let r = 2; r <= m; r++)
		for (let x = 0; x <= r; x++) {
			const w = unitsAt(v, m, r, x);
			if (!w) continue;
			const f = w / (r - 1);
			o00 += f * (r - x) * (r - x - 1);
			o11 += f * x * (x - 1);
			o01 += f * x * (r - x);
		}
	const n0 = o00 + o01;
	const n1 = o11 + o01;
	const n = n0 + n1;
	if (n === 0 || n0 * n1 === 0) return null;
	return 1 - (2 * o01) / n / ((2 * n0 * n1) / (n * (n - 1)));
}

/** Fleiss' kappa (Gwet's form for unequal coders per unit, as `fleissKappa`) from a vector. */
export function fastFleiss(v: ArrayLike<number>, m: number): number | null {
	let coded = 0;
	let p1 = 0;
	let pa = 0;
	let paired = 0;
	for (let r = 1; r <= m; r++)
		for (let x = 0; x <= r; x++) {
			const w = unitsAt(v, m, r, x);
			if (!w) continue;
			coded += w;
			p1 += (w * x) / r;
			if (r < 2) continue;
			pa += (w * (x * (x - 1) + (r - x) * (r - x - 1))) / (r * (r - 1));
			paired += w;
		}
	if (paired === 0) return null;
	p1 /= coded;
	const po = pa / paired;
	const pe = p1 * p1 + (1 - p1) * (1 - p1);
	return 1 - pe <= 1e-12 ? null : (po - pe) / (1 - pe);
}

/** Cohen's kappa from a two-coder vector (the 2 × 2 table). */
export function fastCohen(v: ArrayLike<number>): number | null {
	const n = v[0] + v[1] + v[2] + v[3];
	if (n === 0) return null;
	const pe = ((v[2] + v[3]) / n) * ((v[1] + v[3]) / n) + ((v[0] + v[1]) / n) * ((v[0] + v[2]) / n);
	return 1 - pe <= 1e-12 ? null : ((v[0] + v[3]) / n - pe) / (1 - pe);
}

interface Resampling {
	draws: Uint32Array;
	level: number;
}

type Key = 'alpha' | 'fleiss' | 'cohen';

/**
 * Intervals for alpha, Fleiss' and Cohen's kappa of several rows (each: per-transcript vectors
 * and its point estimates), on the same resamples of the transcripts (see above).
 */
function intervalsOver(rows: readonly { vectors: readonly Float64Array[]; est: StatSet }[], m: number, rs: Resampling | null): (StatIntervals | null)[] {
	if (!rs) return rows.map(() => null);
	const none = (s: Stat, reason: string): Interval => ({ lower: null, upper: null, reason: s.value === null ? `the estimate itself is undefined (${s.reason})` : reason });
	if (m < 2) return rows.map(({ est }) => ({ alpha: none(est.alpha, 'needs at least two coders'), fleiss: none(est.fleiss, 'needs at least two coders'), cohen: null }));
	const fns: Record<Key, (v: Float64Array) => number | null> = { alpha: (v) => fastAlpha(v, m), fleiss: (v) => fastFleiss(v, m), cohen: (v) => fastCohen(v) };
	const wanted = rows.map(({ est }) => {
		const keys: Key[] = [];
		if (est.alpha.value !== null) keys.push('alpha');
		if (est.fleiss.value !== null) keys.push('fleiss');
		if (m === 2 && est.cohen && est.cohen.value !== null) keys.push('cohen');
		return keys;
	});
	const got = clusterBootstrap(
		rows.map((r, i) => ({ clusters: r.vectors, statistics: wanted[i].map((k) => fns[k]) })),
		{ draws: rs.draws, level: rs.level, clusterName: 'transcripts' }
	);
	return rows.map(({ est }, i) => {
		const of = (key: Key, s: Stat): Interval => {
			const at = wanted[i].indexOf(key);
			return at >= 0 ? got[i][at] : none(s, 'not computed');
		};
		return { alpha: of('alpha', est.alpha), fleiss: of('fleiss', est.fleiss), cohen: m === 2 && est.cohen ? of('cohen', est.cohen) : null };
	});
}

function resampling(settings: BootstrapSettings | false | undefined, transcripts: number): { rs: Resampling | null; info: BootstrapInfo | null } {
	if (settings === false) return { rs: null, info: null };
	const replicates = settings?.replicates ?? REPORT_REPLICATES;
	const seed = settings?.seed ?? 1;
	const level = settings?.level ?? 0.95;
	return {
		rs: { draws: drawClusters(transcripts, replicates, mulberry32(seed)), level },
		info: { replicates, seed, level, transcripts }
	};
}

/** The sentence saying how the intervals were computed. */
export function bootstrapSentence(info: BootstrapInfo | null): string {
	if (!info) return '';
	const pct = Math.round(info.level * 100);
	const n = info.transcripts;
	if (n < 2) return ` No ${pct} % confidence intervals: they resample transcripts, and there ${n === 1 ? 'is only one' : 'are none'}.`;
	return (
		` ${pct} % confidence intervals (per code and pooled): percentile bootstrap over the ${n} transcripts, drawn whole with replacement ` +
		`(${info.replicates.toLocaleString('en-GB')} resamples, seed ${info.seed}), because the units of one transcript are not independent.` +
		(n < 10 ? ` With only ${n} transcripts the intervals are rough.` : '')
	);
}

/** Binary data per (code, transcript) for the chosen coders. */
function buildCells(input: Pick<ReportInput, 'contents' | 'codings' | 'unit' | 'overlap'>, coders: readonly Coder[], docs: readonly TranscriptDocument[], codes: readonly Code[]): Map<string, Binary> {
	const wanted = new Set(codes.map((c) => c.id));
	const who = new Set(coders.map((c) => c.id));
	const byDoc = new Map<Id, Coding[]>();
	for (const k of input.codings) {
		if (!wanted.has(k.codeId) || !who.has(k.coderId) || k.orphaned) continue;
		let list = byDoc.get(k.docId);
		if (!list) byDoc.set(k.docId, (list = []));
		list.push(k);
	}
	const cell = new Map<string, Binary>();
	for (const doc of docs) {
		const inDoc = byDoc.get(doc.id) ?? [];
		const content = input.contents.get(doc.id);
		for (const code of codes) {
			const ks = inDoc.filter((k) => k.codeId === code.id);
			let b: Binary;
			if (input.unit === 'char') {
				const spans: SpansInput = {
					document_length: content?.text.length ?? doc.length,
					coders: Object.fromEntries(coders.map((c) => [c.id, ks.filter((k) => k.coderId === c.id).map((k) => ({ start: k.start, end: k.end, code: 1 }))]))
				};
				const d = characterData(spans, 1);
				b = { counts: d.counts, pair: d.pair };
			} else if (input.unit === 'segment') {
				b = fromMatrix(segmentMatrix(coders.map((c) => ks.filter((k) => k.coderId === c.id)), input.overlap ?? DEFAULT_SEGMENT_OVERLAP));
			} else if (input.unit === 'turn') {
				const turns = content?.turns ?? [];
				b = fromMatrix(coders.map((c) => turnsCoded(turns, ks.filter((k) => k.coderId === c.id))));
			} else {
				b = fromMatrix(coders.map((c) => [ks.some((k) => k.coderId === c.id) ? 1 : 0]));
			}
			cell.set(`${code.id}|${doc.id}`, b);
		}
	}
	return cell;
}

/** Per-transcript vectors of the pooled data: each transcript's vectors of every code added. */
function sumByTranscript(perCode: readonly (readonly Float64Array[])[], transcripts: number, m: number): Float64Array[] {
	return Array.from({ length: transcripts }, (_, d) => {
		const v = new Float64Array(vectorLength(m));
		for (const code of perCode) for (let j = 0; j < v.length; j++) v[j] += code[d][j];
		return v;
	});
}

const UNIT_WORD: Record<AgreementUnit, string> = { char: 'character', segment: 'segment', turn: 'turn', presence: 'transcript' };

/**
 * The whole report. Codings of codes outside `codeIds` and of coders outside `coderIds` are
 * ignored; a code's sub-codes are separate codes (choose them too to include them).
 */
export function agreementReport(input: ReportInput): AgreementReport {
	const coders = input.coders.filter((c) => input.coderIds.includes(c.id));
	const docs = input.documents.filter((d) => input.docIds.includes(d.id));
	const codes = input.codes.filter((c) => input.codeIds.includes(c.id));
	const cell = buildCells(input, coders, docs, codes);
	const n = coders.length;
	const { rs, info } = resampling(input.bootstrap, docs.length);
	const perCode = codes.map((code) => {
		const parts = docs.map((d) => cell.get(`${code.id}|${d.id}`)!);
		return { id: code.id, label: code.name, stats: statsOf(pool(parts), n), vectors: n >= 2 ? parts.map((b) => toVector(b, n)) : [] };
	});
	const perDocument = docs.map((doc) => ({
		id: doc.id,
		label: doc.name,
		stats: statsOf(pool(codes.map((c) => cell.get(`${c.id}|${doc.id}`)!)), n)
	}));
	const pooled = statsOf(pool([...cell.values()]), n);
	const pooledRow = { stats: pooled, vectors: n >= 2 ? sumByTranscript(perCode.map((r) => r.vectors), docs.length, n) : [] };
	const cis = intervalsOver([...perCode, pooledRow].map((r) => ({ vectors: r.vectors, est: r.stats })), n, rs);
	perCode.forEach((r, i) => (r.stats.ci = cis[i]));
	pooled.ci = cis[perCode.length];
	const pooling =
		`Pooled over ${codes.length} code(s) and ${docs.length} transcript(s): every (code, ${UNIT_WORD[input.unit]}) ` +
		'pair is one unit, coded or not coded by each coder, and all units enter one calculation.' +
		(input.unit === 'segment'
			? ` A segment is a stretch any coder coded with the code; a coder counts as coding it when their codings cover at least ${Math.round((input.overlap ?? DEFAULT_SEGMENT_OVERLAP) * 100)} % of it.`
			: '') +
		bootstrapSentence(info);
	return { unit: input.unit, coders, perCode: perCode.map(({ id, label, stats }) => ({ id, label, stats })), perDocument, pooled, pooling, bootstrap: info };
}

// ---- each coder against a reference ----------------------------------------------------

/** As `ReportInput`, without the transcript and code choice: each pair makes its own. */
export interface ReferenceInput extends Omit<ReportInput, 'docIds' | 'codeIds'> {
	/** Compare on every transcript (else on those both the coder and the reference coded). */
	allDocuments?: boolean;
	/** Only these transcripts are candidates (default: all). */
	docIds?: readonly Id[];
}

export interface ReferenceRow {
	coder: Coder;
	/** Transcripts and codes compared for this pair. */
	docs: number;
	codes: number;
	/** Pooled over the pair's codes and transcripts, with intervals over the transcripts. */
	stats: StatSet;
}

export interface ReferenceComparison {
	reference: Coder;
	unit: AgreementUnit;
	rows: ReferenceRow[];
	/** How each row was computed, in words. */
	pooling: string;
	bootstrap: BootstrapSettings | null;
}

/**
 * Each chosen coder (`coderIds`, the reference left out) against one reference coder — a gold
 * standard, a senior coder or a consensus layer. Every pair is its own two-coder report,
 * pooled: over the transcripts both coded (or all, with `allDocuments`) and the codes either
 * used there, exactly as `agreementReport` with those two coders chosen would pool it; so
 * Cohen's kappa is defined for every row, and the specific agreement is the coder's F1 against
 * the reference.
 */
export function agreementWithReference(input: ReferenceInput, referenceId: Id): ReferenceComparison {
	const reference = input.coders.find((c) => c.id === referenceId);
	if (!reference) throw new RangeError(`no coder with id ${referenceId}`);
	const candidates = input.docIds ? input.documents.filter((d) => input.docIds!.includes(d.id)) : input.documents;
	const others = input.coders.filter((c) => c.id !== referenceId && input.coderIds.includes(c.id));
	const rows = others.map((coder) => {
		const pairIds = [coder.id, referenceId];
		const sel = defaultSelection(candidates, input.codes, input.codings, pairIds, input.allDocuments ?? false);
		const docs = candidates.filter((d) => sel.docIds.includes(d.id));
		const codes = input.codes.filter((c) => sel.codeIds.includes(c.id));
		const pair = [coder, reference];
		const cell = buildCells(input, pair, docs, codes);
		const stats = statsOf(pool([...cell.values()]), 2);
		const { rs } = resampling(input.bootstrap, docs.length);
		const perCode = codes.map((code) => docs.map((d) => toVector(cell.get(`${code.id}|${d.id}`)!, 2)));
		stats.ci = intervalsOver([{ vectors: sumByTranscript(perCode, docs.length, 2), est: stats }], 2, rs)[0];
		return { coder, docs: docs.length, codes: codes.length, stats };
	});
	const settings = input.bootstrap === false ? null : { replicates: REPORT_REPLICATES, seed: 1, level: 0.95, ...input.bootstrap };
	const pooling =
		`Each coder against ${reference.name}: pooled over the transcripts ${input.allDocuments ? 'of the project' : 'both coded'} and the codes either used there, ` +
		`every (code, ${UNIT_WORD[input.unit]}) pair one unit.` +
		(input.unit === 'segment'
			? ` A segment counts as coded when a coder's codings cover at least ${Math.round((input.overlap ?? DEFAULT_SEGMENT_OVERLAP) * 100)} % of it.`
			: '') +
		(settings
			? ` ${Math.round(settings.level * 100)} % confidence intervals: percentile bootstrap over those transcripts, drawn whole with replacement (${settings.replicates.toLocaleString('en-GB')} resamples, seed ${settings.seed}).`
			: '');
	return { reference, unit: input.unit, rows, pooling, bootstrap: settings };
}

const fmt = (s: Stat | null) => (s === null ? '' : s.value === null ? 'undefined' : s.value.toFixed(3));
const ends = (i: Interval | null | undefined): [string, string] => (!i ? ['', ''] : i.lower === null ? ['undefined', 'undefined'] : [i.lower.toFixed(3), i.upper.toFixed(3)]);

/** Why intervals of a row could not be computed, for the notes column. */
function intervalNotes(ci: StatIntervals | null): string[] {
	if (!ci) return [];
	const out: string[] = [];
	const add = (name: string, i: Interval | null) => {
		if (i && i.lower === null && !i.reason.startsWith('the estimate itself is undefined')) out.push(`no ${name} interval: ${i.reason}`);
		else if (i && i.lower !== null && i.undefinedReplicates > 0) out.push(`${name} undefined on ${i.undefinedReplicates} of ${i.replicates} resamples (left out of its interval)`);
	};
	add('alpha', ci.alpha);
	add('kappa', ci.cohen);
	return out;
}

/** The interval columns of the CSV exports (after the statistics, before the notes). */
export const CI_COLUMNS = ['alpha_ci_low', 'alpha_ci_high', 'kappa_ci_low', 'kappa_ci_high', 'fleiss_ci_low', 'fleiss_ci_high'];

/**
 * One line per code, per document and pooled, with every statistic (undefined with its
 * reason) and the bootstrap intervals (kappa = Cohen's, two coders only; empty per transcript).
 */
export function agreementCsvRows(report: AgreementReport): string[][] {
	const header = ['level', 'name', 'units', 'prevalence', 'percent agreement', "Cohen's kappa", "Scott's pi", "Fleiss' kappa", "Krippendorff's alpha (nominal)", "Gwet's AC1", 'Brennan–Prediger', 'positive specific agreement', ...CI_COLUMNS, 'notes'];
	const line = (level: string, name: string, s: StatSet) => {
		const reasons = [s.percent, s.cohen, s.fleiss, s.alpha].filter((x): x is Exclude<Stat, { value: number }> => !!x && x.value === null).map((x) => x.reason);
		return [
			level, name, String(s.units), s.prevalence.toFixed(3), fmt(s.percent), fmt(s.cohen), fmt(s.scott), fmt(s.fleiss), fmt(s.alpha), fmt(s.ac1), fmt(s.brennanPrediger), fmt(s.specific),
			...ends(s.ci?.alpha), ...ends(s.ci?.cohen), ...ends(s.ci?.fleiss),
			[...new Set([...reasons, ...(s.paradox ? [s.paradox] : []), ...intervalNotes(s.ci)])].join('; ')
		];
	};
	return [
		header,
		...report.perCode.map((r) => line('code', r.label, r.stats)),
		...report.perDocument.map((r) => line('transcript', r.label, r.stats)),
		line('pooled', report.pooling, report.pooled)
	];
}

/** The each-coder-against-a-reference table as CSV rows. */
export function referenceCsvRows(cmp: ReferenceComparison): string[][] {
	const header = ['coder', 'reference', 'transcripts', 'codes', 'units', 'percent agreement', "Cohen's kappa", 'kappa_ci_low', 'kappa_ci_high', "Krippendorff's alpha (nominal)", 'alpha_ci_low', 'alpha_ci_high', 'positive specific agreement (F1)', 'notes'];
	return [
		header,
		...cmp.rows.map(({ coder, docs, codes, stats: s }) => {
			const reasons = [s.percent, s.cohen, s.alpha, s.specific].filter((x): x is Exclude<Stat, { value: number }> => !!x && x.value === null).map((x) => x.reason);
			return [
				coder.name, cmp.reference.name, String(docs), String(codes), String(s.units), fmt(s.percent), fmt(s.cohen), ...ends(s.ci?.cohen), fmt(s.alpha), ...ends(s.ci?.alpha), fmt(s.specific),
				[...new Set([...reasons, ...(s.paradox ? [s.paradox] : []), ...intervalNotes(s.ci)])].join('; ')
			];
		}),
		['', '', '', '', '', '', '', '', '', '', '', '', '', cmp.pooling]
	];
}

/** "0.74 (95 % CI 0.61–0.83)", or why there is no interval. */
function withInterval(symbol: string, s: Stat, i: Interval | null | undefined): string {
	if (s.value === null) return `undefined (${s.reason})`;
	const v = `${symbol} = ${s.value.toFixed(2)}`;
	if (!i) return v;
	if (i.lower === null) return `${v} (no confidence interval: ${i.reason})`;
	return `${v} (${Math.round(i.level * 100)} % CI ${i.lower.toFixed(2)}–${i.upper.toFixed(2)})`;
}

/** The methods paragraph a paper needs. */
export function methodsParagraph(report: AgreementReport, totalDocuments: number): string {
	const names = report.coders.length;
	const words = ['No', 'One', 'Two', 'Three', 'Four', 'Five', 'Six'];
	const count = words[names] ?? String(names);
	const p = report.pooled;
	const docs = report.perDocument.length;
	const b = report.bootstrap;
	const kappa = names === 2 && p.cohen ? `; Cohen's kappa was ${withInterval('κ', p.cohen, p.ci?.cohen)}` : '';
	const definedCi = p.ci && (p.ci.alpha.lower !== null || (p.ci.cohen && p.ci.cohen.lower !== null));
	return (
		`${count} coder${names === 1 ? '' : 's'} independently coded ${docs} of ${totalDocuments} transcripts with ${report.perCode.length} code${report.perCode.length === 1 ? '' : 's'}. ` +
		`Agreement was computed over ${UNIT_LABELS[report.unit]}, each code judged as applied or not; ` +
		`Krippendorff's alpha (nominal) pooled over codes and transcripts was ${withInterval('α', p.alpha, p.ci?.alpha)}${kappa}` +
		(p.percent.value !== null ? `, with ${(p.percent.value * 100).toFixed(1)} % observed agreement` : '') +
		'.' +
		(b && definedCi
			? ` Confidence intervals are percentile bootstrap intervals over transcripts (whole transcripts resampled with replacement, ${b.replicates.toLocaleString('en-GB')} replicates).`
			: '')
	);
}
