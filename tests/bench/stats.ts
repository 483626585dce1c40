// Summary statistics for the benchmark: median and spread of a few runs, percentiles of many.

export interface Summary {
	n: number;
	median: number;
	min: number;
	max: number;
	mean: number;
	p95: number;
	values: number[];
}

const round = (x: number, d = 2) => Number(x.toFixed(d));

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
	const s = [...values].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * s.length);
	return s[Math.min(s.length - 1, Math.max(0, rank - 1))];
}

export function median(values: readonly number[]): number {
	const s = [...values].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function summarize(values: readonly number[]): Summary {
	if (values.length === 0) throw new Error('summarize: no values');
	return {
		n: values.length,
		median: round(median(values)),
		min: round(Math.min(...values)),
		max: round(Math.max(...values)),
		mean: round(values.reduce((a, b) => a + b, 0) / values.length),
		p95: round(percentile(values, 95)),
		values: values.map((v) => round(v))
	};
}

/** "412 ms (380–450)" */
export function fmt(s: Summary, unit = 'ms'): string {
	return `${s.median} ${unit} (${s.min}–${s.max})`;
}

export { round };
