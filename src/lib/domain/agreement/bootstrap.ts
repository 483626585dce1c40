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
export function quantile(sorted: number[], p: number): number {
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
	if (values.length < 2)
		return { lower: null, upper: null, reason: `the statistic was undefined on ${undefinedReplicates} of ${B} resamples` };
	values.sort((a, b) => a - b);
	return {
		lower: quantile(values, (1 - level) / 2),
		upper: quantile(values, (1 + level) / 2),
		level,
		replicates: B,
		undefinedReplicates
	};
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
