// Agreement coefficients for nominal categories: percent agreement, Cohen's kappa, Scott's pi,
// Fleiss' kappa, Gwet's AC1, Brennan–Prediger (Bennett's S) and positive/negative specific
// agreement. Multi-coder forms follow Gwet (2014) / R irrCAC (`*.raw`): observed agreement is
// the mean over units with ≥ 2 codings of the share of agreeing coder pairs; category
// prevalences π_k are the mean over coded units of the share of codings in k. With the same
// number of coders on every unit these are exactly Fleiss (1971).
import {
	REASONS,
	defined,
	rowTotal,
	rowWeight,
	undefinedStat,
	type Category,
	type CategoryCounts,
	type PairTable,
	type Stat
} from './types';

const EPS = 1e-12;

/** (po − pe) / (1 − pe), or undefined when chance agreement is 1. */
function chanceCorrected(po: number, pe: number, whenPeIsOne: string): Stat {
	if (1 - pe <= EPS) return undefinedStat(whenPeIsOne);
	return defined((po - pe) / (1 - pe), { po, pe });
}

export interface Agreement {
	/** Observed agreement: mean share of agreeing coder pairs over units with ≥ 2 codings. */
	po: number;
	/** Mean share of codings per category over units with ≥ 1 coding (π_k). */
	prevalence: number[];
	/** Units (weighted) with ≥ 2 codings. */
	pairedUnits: number;
	/** Most coders on one unit. */
	maxCoders: number;
}

/** Observed agreement and prevalences of category counts; null when no unit has two codings. */
export function agreementOf(counts: CategoryCounts): Agreement | null {
	const q = counts.categories.length;
	const prevalence = new Array<number>(q).fill(0);
	let paSum = 0;
	let paired = 0;
	let coded = 0;
	let maxCoders = 0;
	for (let u = 0; u < counts.counts.length; u++) {
		const row = counts.counts[u];
		const w = rowWeight(counts, u);
		const r = rowTotal(row);
		if (r === 0 || w === 0) continue;
		if (r > maxCoders) maxCoders = r;
		coded += w;
		for (let k = 0; k < q; k++) prevalence[k] += (w * row[k]) / r;
		if (r < 2) continue;
		let agree = 0;
		for (let k = 0; k < q; k++) agree += row[k] * (row[k] - 1);
		paSum += (w * agree) / (r * (r - 1));
		paired += w;
	}
	if (paired === 0) return null;
	for (let k = 0; k < q; k++) prevalence[k] /= coded;
	return { po: paSum / paired, prevalence, pairedUnits: paired, maxCoders };
}

/** Percent agreement (as a proportion 0–1): pairwise, averaged over units. */
export function percentAgreement(counts: CategoryCounts): Stat {
	const a = agreementOf(counts);
	if (!a) return undefinedStat(REASONS.noPairs);
	return defined(a.po, { po: a.po, n: a.pairedUnits });
}

/** Fleiss' kappa for any number of coders (unequal numbers per unit allowed, see header). */
export function fleissKappa(counts: CategoryCounts): Stat {
	const a = agreementOf(counts);
	if (!a) return undefinedStat(REASONS.noPairs);
	let pe = 0;
	for (const p of a.prevalence) pe += p * p;
	return withN(chanceCorrected(a.po, pe, REASONS.noVariation), a.pairedUnits);
}

/**
 * Gwet's AC1: chance agreement pe = Σ π_k(1 − π_k) / (q − 1), q = the number of categories
 * of the scheme (all of counts.categories, used or not, unless q is given).
 */
export function gwetAC1(counts: CategoryCounts, q = counts.categories.length): Stat {
	if (q < 2) return undefinedStat(`${REASONS.oneCategory}; AC1 divides by q − 1 = 0`);
	const a = agreementOf(counts);
	if (!a) return undefinedStat(REASONS.noPairs);
	let s = 0;
	for (const p of a.prevalence) s += p * (1 - p);
	const pe = s / (q - 1);
	return withN(chanceCorrected(a.po, pe, REASONS.noVariation), a.pairedUnits);
}

/** Brennan–Prediger (Bennett, Alpert & Goldstein's S): chance agreement 1/q. */
export function bennettS(counts: CategoryCounts, q = counts.categories.length): Stat {
	if (q < 2) return undefinedStat(REASONS.oneCategory);
	const a = agreementOf(counts);
	if (!a) return undefinedStat(REASONS.noPairs);
	return withN(chanceCorrected(a.po, 1 / q, REASONS.oneCategory), a.pairedUnits);
}

/**
 * Scott's pi: two coders, pooled prevalences. From category counts, only units with exactly
 * two codings count (a unit one coder skipped has no pair); more than two coders per unit is
 * Fleiss' kappa, its generalisation.
 */
export function scottPi(counts: CategoryCounts): Stat {
	const pairsOnly: number[][] = [];
	const weights: number[] = [];
	for (let u = 0; u < counts.counts.length; u++) {
		const r = rowTotal(counts.counts[u]);
		if (r > 2) return undefinedStat('Scott\'s pi compares two coders; for more use Fleiss\' kappa (its generalisation)');
		if (r === 2) {
			pairsOnly.push(counts.counts[u]);
			weights.push(rowWeight(counts, u));
		}
	}
	return fleissKappa({ categories: counts.categories, counts: pairsOnly, weights });
}

function withN(stat: Stat, n: number): Stat {
	if (stat.value === null) return stat;
	return defined(stat.value, { ...stat.parts, n });
}

/** Row and column totals and n of a two-coder table. */
export function margins(t: PairTable): { rows: number[]; cols: number[]; n: number; diagonal: number } {
	const q = t.categories.length;
	const rows = new Array<number>(q).fill(0);
	const cols = new Array<number>(q).fill(0);
	let n = 0;
	let diagonal = 0;
	for (let i = 0; i < q; i++)
		for (let j = 0; j < q; j++) {
			const x = t.table[i][j];
			rows[i] += x;
			cols[j] += x;
			n += x;
			if (i === j) diagonal += x;
		}
	return { rows, cols, n, diagonal };
}

/** Cohen's kappa (1960) for two coders: chance agreement from each coder's own marginals. */
export function cohenKappa(t: PairTable): Stat {
	const { rows, cols, n, diagonal } = margins(t);
	if (n === 0) return undefinedStat(REASONS.noPairs);
	let pe = 0;
	for (let i = 0; i < rows.length; i++) pe += (rows[i] / n) * (cols[i] / n);
	return withN(
		chanceCorrected(
			diagonal / n,
			pe,
			'no variation: both coders put every unit in one and the same category, so chance agreement is 1 and kappa is 0/0'
		),
		n
	);
}

/** A two-coder table as category counts (one weighted row per non-empty cell). */
export function countsFromTable(t: PairTable): CategoryCounts {
	const q = t.categories.length;
	const counts: number[][] = [];
	const weights: number[] = [];
	for (let i = 0; i < q; i++)
		for (let j = 0; j < q; j++) {
			if (!t.table[i][j]) continue;
			const row = new Array<number>(q).fill(0);
			row[i] += 1;
			row[j] += 1;
			counts.push(row);
			weights.push(t.table[i][j]);
		}
	return { categories: t.categories, counts, weights };
}

/**
 * Positive specific agreement (Fleiss 1975; Cicchetti & Feinstein 1990), the F1 of one coder
 * against the other for the positive category: 2a / (2a + b + c) for two coders; for m coders
 * Σ n⁺(n⁺ − 1) / Σ n⁺(r − 1) over units (n⁺ positive codings among r). `negative` gives the
 * same for all other categories together (negative specific agreement).
 */
export function specificAgreement(counts: CategoryCounts, positive: Category, negative = false): Stat {
	const p = counts.categories.indexOf(positive);
	let num = 0;
	let den = 0;
	let paired = 0;
	for (let u = 0; u < counts.counts.length; u++) {
		const row = counts.counts[u];
		const r = rowTotal(row);
		if (r < 2) continue;
		const w = rowWeight(counts, u);
		const pos = p < 0 ? 0 : row[p];
		const x = negative ? r - pos : pos;
		num += w * x * (x - 1);
		den += w * x * (r - 1);
		paired += w;
	}
	if (paired === 0) return undefinedStat(REASONS.noPairs);
	if (den === 0)
		return undefinedStat(
			negative
				? `no coder used anything but "${positive}", so there is no negative agreement to measure`
				: `no coder used "${positive}", so there is no positive agreement to measure`
		);
	return defined(num / den, { agreeing: num, opportunities: den, n: paired });
}
