// Bootstrap confidence intervals for alpha and kappa.
//
// Method (percentile bootstrap over units): the units (rows of the category counts, or the
// coded units behind a contingency table's cells) are drawn with replacement, as many as there
// are, B times (default 2,000); the statistic is recomputed on each resample, and the interval
// is the (1 − level)/2 and (1 + level)/2 quantiles of the B values (linear interpolation
// between order statistics, R's type 7). Resamples on which the statistic is undefined (e.g. all
// drawn units agree on one category) are left out and counted in `undefinedReplicates`.
// Randomness comes from a seeded PRNG (mulberry32), so the same seed gives the same interval.
// Note: Hayes & Krippendorff (2007) bootstrap alpha differently (resampling pairable values
// from the coincidence matrix); this unit bootstrap treats units as the sampled objects, which
// is what a study's design samples. Characters are not independent units: for span data,
// bootstrap over documents instead (sum their tables per resample).
import { krippendorffAlpha } from './alpha';
import { cohenKappa, fleissKappa } from './nominal';
import type { CategoryCounts, Level, PairTable, Stat } from './types';
import { mulberry32 } from '../random';

export interface BootstrapOptions {
	/** Number of resamples B (default 2000). */
	replicates?: number;
	/** Confidence level (default 0.95). */
	level?: number;
	/** Seed of the PRNG (default 1); ignored when `random` is given. */
	seed?: number;
	random?: () => number;
}

export type Interval =
	| { lower: number; upper: number; level: number; replicates: number; undefinedReplicates: number }
	| { lower: null; upper: null; reason: string };

export interface Estimate {
	estimate: Stat;
	ci: Interval;
}

/** More units than this are not resampled (see the header: characters are not units). */
export const MAX_BOOTSTRAP_UNITS = 200_000;

/** Type-7 quantile of sorted values. */
export function quantile(sorted: ArrayLike<number>, p: number): number {
	const h = (sorted.length - 1) * p;
	const lo = Math.floor(h);
	const hi = Math.ceil(h);
	return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Percentile bootstrap over weighted rows: each row stands for `weights[r]` units (integers).
 * `statistic` gets the resampled weights (how often each row was drawn).
 */
export function bootstrapRows(weights: number[], statistic: (w: number[]) => Stat, options: BootstrapOptions = {}): Interval {
	const B = options.replicates ?? 2000;
	const level = options.level ?? 0.95;
	const random = options.random ?? mulberry32(options.seed ?? 1);
	if (weights.some((w) => !Number.isInteger(w) || w < 0))
		return { lower: null, upper: null, reason: 'the bootstrap resamples whole units: weights must be whole numbers' };
	const cum: number[] = [];
	let total = 0;
	for (const w of weights) cum.push((total += w));
	if (total === 0) return { lower: null, upper: null, reason: 'there are no units to resample' };
	if (total > MAX_BOOTSTRAP_UNITS)
		return {
			lower: null,
			upper: null,
			reason: `${total} units are too many to resample one by one; characters are not independent units, so bootstrap over documents instead`
		};
	const values: number[] = [];
	let undefinedReplicates = 0;
	const drawn = new Array<number>(weights.length);
	for (let b = 0; b < B; b++) {
		drawn.fill(0);
		for (let d = 0; d < total; d++) {
			const x = random() * total;
			let lo = 0;
			let hi = cum.length - 1;
			while (lo < hi) {
				const mid = (lo + hi) >> 1;
				if (cum[mid] > x) hi = mid;
				else lo = mid + 1;
			}
			drawn[lo]++;
		}
		const s = statistic(drawn);
		if (s.value === null) undefinedReplicates++;
		else values.push(s.value);
	}
	return percentileInterval(values, undefinedReplicates, B, level);
}

/** A statistic of category counts with a unit-bootstrap interval. */
export function bootstrapCounts(
	counts: CategoryCounts,
	statistic: (c: CategoryCounts) => Stat,
	options: BootstrapOptions = {}
): Estimate {
	const estimate = statistic(counts);
	const weights = counts.weights ?? counts.counts.map(() => 1);
	const ci = bootstrapRows(weights, (w) => statistic({ categories: counts.categories, counts: counts.counts, weights: w }), options);
	return { estimate, ci };
}

/** A statistic of a two-coder table with a unit-bootstrap interval (units = the table's n). */
export function bootstrapTable(table: PairTable, statistic: (t: PairTable) => Stat, options: BootstrapOptions = {}): Estimate {
	const q = table.categories.length;
	const weights = table.table.flat();
	const ci = bootstrapRows(
		weights,
		(w) => statistic({ categories: table.categories, table: Array.from({ length: q }, (_, i) => w.slice(i * q, i * q + q)) }),
		options
	);
	return { estimate: statistic(table), ci };
}

/** Krippendorff's alpha with its 95% (or `level`) percentile-bootstrap interval. */
export function alphaWithCI(counts: CategoryCounts, level: Level = 'nominal', options: BootstrapOptions = {}): Estimate {
	return bootstrapCounts(counts, (c) => krippendorffAlpha(c, level), options);
}

/** Cohen's kappa with its percentile-bootstrap interval. */
export function cohenKappaWithCI(table: PairTable, options: BootstrapOptions = {}): Estimate {
	return bootstrapTable(table, cohenKappa, options);
}

/** Fleiss' kappa with its percentile-bootstrap interval. */
export function fleissKappaWithCI(counts: CategoryCounts, options: BootstrapOptions = {}): Estimate {
	return bootstrapCounts(counts, fleissKappa, options);
}

// ---- cluster bootstrap (resampling documents) -------------------------------------------
//
// Units inside one transcript are not independent: a run of characters is one coding
// decision, and the turns and segments of one interview share a participant, an interviewer
// and one sitting of each coder. A study samples transcripts, so the bootstrap draws whole
// transcripts with replacement (a cluster bootstrap; Field & Welsh 2007): each transcript is a
// vector of additive counts (e.g. its units per pattern of codings), a resample adds the
// vectors of the drawn transcripts, and the statistic is recomputed from the sum.

/** Default number of resamples for reports (1,000: percentile ends stable to about ±0.01). */
export const REPORT_REPLICATES = 1000;

/**
 * Which clusters each resample draws: `draws[b * n + i]` is how often cluster i was drawn in
 * resample b (each resample draws n clusters with replacement). Drawing once and reusing the
 * draws for every row of a report keeps all rows on the same resamples and saves time.
 */
export function drawClusters(n: number, replicates: number, random: () => number): Uint32Array {
	const draws = new Uint32Array(n * replicates);
	for (let b = 0; b < replicates; b++) for (let d = 0; d < n; d++) draws[b * n + Math.floor(random() * n)]++;
	return draws;
}

export interface ClusterBootstrapOptions extends BootstrapOptions {
	/** Draws from `drawClusters` for exactly this many clusters (else drawn from the seed). */
	draws?: Uint32Array;
	/** What a cluster is, in the plural, for reasons ("transcripts"). */
	clusterName?: string;
}

/** A statistic of a resample's summed vector; null where it is undefined. */
export type ClusterStatistic = (sum: Float64Array) => number | null;

/** One row of a cluster bootstrap: a vector per cluster, and the statistics wanted from their sums. */
export interface ClusterRow {
	clusters: readonly ArrayLike<number>[];
	statistics: readonly ClusterStatistic[];
}

/** The percentile interval of bootstrap values (some resamples may have been undefined). */
function percentileInterval(values: number[] | Float64Array, undefinedReplicates: number, B: number, level: number): Interval {
	if (values.length < 2)
		return { lower: null, upper: null, reason: `the statistic was undefined on ${undefinedReplicates} of ${B} resamples` };
	// a typed array sorts numerically, natively (no comparator calls)
	const sorted = Float64Array.from(values).sort();
	return { lower: quantile(sorted, (1 - level) / 2), upper: quantile(sorted, (1 + level) / 2), level, replicates: B, undefinedReplicates };
}

/**
 * Percentile cluster bootstrap of several rows at once (every code of a report, and the pooled
 * row), all over the same clusters and on the same resamples. `row.clusters[i]` is cluster i's
 * vector of additive counts (one length for all rows and clusters); each statistic gets the
 * summed vector of a resample. Returns one interval per statistic per row. Fewer than two
 * clusters give no interval: there is nothing to resample.
 */
export function clusterBootstrap(rows: readonly ClusterRow[], options: ClusterBootstrapOptions = {}): Interval[][] {
	const n = rows[0]?.clusters.length ?? 0;
	if (rows.some((r) => r.clusters.length !== n)) throw new RangeError('every row needs the same clusters');
	const name = options.clusterName ?? 'clusters';
	if (n < 2) {
		const reason = `needs at least two ${name} to resample, and there ${n === 1 ? 'is one' : 'are none'}`;
		return rows.map((r) => r.statistics.map(() => ({ lower: null, upper: null, reason })));
	}
	const level = options.level ?? 0.95;
	const B = options.draws ? options.draws.length / n : (options.replicates ?? 2000);
	if (!Number.isInteger(B)) throw new RangeError(`draws are for ${options.draws!.length} cells, not a multiple of ${n} clusters`);
	const draws = options.draws ?? drawClusters(n, B, options.random ?? mulberry32(options.seed ?? 1));
	const len = rows[0].clusters[0].length;
	if (rows.some((r) => r.clusters.some((v) => v.length !== len))) throw new RangeError('every cluster needs a vector of the same length');
	// Only the entries some row uses, packed cluster by cluster (all rows of a cluster side by
	// side), so each drawn cluster adds one contiguous block: this loop is the whole cost.
	const used: number[] = [];
	for (let j = 0; j < len; j++) if (rows.some((r) => r.clusters.some((v) => v[j] !== 0))) used.push(j);
	const U = used.length;
	const R = rows.length;
	const block = R * U;
	const packed = new Float64Array(n * block);
	for (let i = 0; i < n; i++) for (let r = 0; r < R; r++) for (let u = 0; u < U; u++) packed[i * block + r * U + u] = rows[r].clusters[i][used[u]];
	const values = rows.map((r) => r.statistics.map(() => new Float64Array(B)));
	const defined = rows.map((r) => r.statistics.map(() => 0));
	const sums = new Float64Array(block);
	const full = new Float64Array(len);
	for (let b = 0; b < B; b++) {
		sums.fill(0);
		const at = b * n;
		for (let i = 0; i < n; i++) {
			const times = draws[at + i];
			if (times === 0) continue;
			const from = i * block;
			for (let k = 0; k < block; k++) sums[k] += times * packed[from + k];
		}
		for (let r = 0; r < R; r++) {
			for (let u = 0; u < U; u++) full[used[u]] = sums[r * U + u];
			const stats = rows[r].statistics;
			for (let s = 0; s < stats.length; s++) {
				const x = stats[s](full);
				if (x !== null) values[r][s][defined[r][s]++] = x;
			}
		}
	}
	return rows.map((row, r) => row.statistics.map((_, s) => percentileInterval(values[r][s].subarray(0, defined[r][s]), B - defined[r][s], B, level)));
}
