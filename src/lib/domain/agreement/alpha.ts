// Krippendorff's alpha by the coincidence-matrix method of Krippendorff (2011), "Computing
// Krippendorff's Alpha-Reliability": any number of coders, missing values, and the nominal,
// ordinal, interval and ratio difference functions. alpha = 1 − Do/De with
// Do = Σ o_ck δ²_ck / n and De = Σ n_c n_k δ²_ck / (n(n − 1)); units with fewer than two
// values are not pairable and drop out.
import {
	REASONS,
	defined,
	rowTotal,
	rowWeight,
	undefinedStat,
	type Category,
	type CategoryCounts,
	type Level,
	type Stat
} from './types';

/** Coincidence matrix o[c][k] and its margins n_c, n = Σ n_c (pairable values). */
export function coincidences(counts: CategoryCounts): { o: number[][]; nc: number[]; n: number } {
	const q = counts.categories.length;
	const o = Array.from({ length: q }, () => new Array<number>(q).fill(0));
	for (let u = 0; u < counts.counts.length; u++) {
		const row = counts.counts[u];
		const mu = rowTotal(row);
		if (mu < 2) continue;
		const w = rowWeight(counts, u) / (mu - 1);
		for (let c = 0; c < q; c++) {
			if (!row[c]) continue;
			for (let k = 0; k < q; k++) {
				if (!row[k]) continue;
				o[c][k] += w * row[c] * (c === k ? row[k] - 1 : row[k]);
			}
		}
	}
	const nc = o.map((r) => rowTotal(r));
	return { o, nc, n: rowTotal(nc) };
}

/** The numeric value of a category for interval/ratio metrics, or null. */
export function numericValue(c: Category): number | null {
	if (typeof c === 'number') return Number.isFinite(c) ? c : null;
	const t = c.trim();
	if (t === '') return null;
	const x = Number(t);
	return Number.isFinite(x) ? x : null;
}

/**
 * The squared difference function δ²[c][k] of a level over categories, given the margins n_c
 * (the ordinal metric depends on them). Ordinal ranks follow numeric order when every category
 * is numeric, else the order of `categories`. Returns a reason when the level cannot apply.
 */
export function differences(categories: Category[], nc: number[], level: Level): number[][] | string {
	const q = categories.length;
	const d = Array.from({ length: q }, () => new Array<number>(q).fill(0));
	if (level === 'nominal') {
		for (let c = 0; c < q; c++) for (let k = 0; k < q; k++) d[c][k] = c === k ? 0 : 1;
		return d;
	}
	const nums = categories.map(numericValue);
	const allNumeric = nums.every((x) => x !== null);
	if (level === 'ordinal') {
		const order = categories.map((_, i) => i);
		if (allNumeric) order.sort((a, b) => (nums[a] as number) - (nums[b] as number));
		const rank = new Array<number>(q);
		order.forEach((c, r) => (rank[c] = r));
		// cumulative margins in rank order
		const cum = new Array<number>(q + 1).fill(0);
		for (let r = 0; r < q; r++) cum[r + 1] = cum[r] + nc[order[r]];
		for (let c = 0; c < q; c++)
			for (let k = 0; k < q; k++) {
				if (c === k) continue;
				const lo = Math.min(rank[c], rank[k]);
				const hi = Math.max(rank[c], rank[k]);
				const s = cum[hi + 1] - cum[lo] - (nc[c] + nc[k]) / 2;
				d[c][k] = s * s;
			}
		return d;
	}
	if (!allNumeric) {
		const bad = categories.filter((_, i) => nums[i] === null);
		return `the ${level} metric needs numeric values; not numeric: ${bad.map((b) => JSON.stringify(b)).join(', ')}`;
	}
	for (let c = 0; c < q; c++)
		for (let k = 0; k < q; k++) {
			const a = nums[c] as number;
			const b = nums[k] as number;
			if (level === 'interval') d[c][k] = (a - b) * (a - b);
			else {
				if (a < 0 || b < 0) return 'the ratio metric needs values ≥ 0';
				d[c][k] = a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2;
			}
		}
	return d;
}

/** Krippendorff's alpha of per-unit category counts at a level of measurement. */
export function krippendorffAlpha(counts: CategoryCounts, level: Level = 'nominal'): Stat {
	const { o, nc, n } = coincidences(counts);
	if (n === 0) return undefinedStat(REASONS.noPairs);
	const d = differences(counts.categories, nc, level);
	if (typeof d === 'string') return undefinedStat(d);
	let obs = 0;
	let exp = 0;
	const q = nc.length;
	for (let c = 0; c < q; c++)
		for (let k = 0; k < q; k++) {
			if (d[c][k] === 0) continue;
			obs += o[c][k] * d[c][k];
			exp += nc[c] * nc[k] * d[c][k];
		}
	if (exp === 0) return undefinedStat(REASONS.noVariation);
	const Do = obs / n;
	const De = exp / (n * (n - 1));
	return defined(1 - Do / De, { Do, De, n });
}
