// The shared vocabulary of the agreement statistics: a category value, the result of a
// statistic (a number, or null with the reason it is undefined: never a silent 0 or 1), and
// the two data shapes every coefficient works on (category counts per unit, and the
// two-coder contingency table).

/** A category (code, value) as it appears in the data: JSON strings or numbers. */
export type Category = string | number;

export interface DefinedStat {
	value: number;
	/** The ingredients, for reports and checks (e.g. po, pe, Do, De, n). */
	parts?: Record<string, number>;
}

export interface UndefinedStat {
	value: null;
	/** Why the statistic has no value here, in words a researcher can act on. */
	reason: string;
}

export type Stat = DefinedStat | UndefinedStat;

export function defined(value: number, parts?: Record<string, number>): DefinedStat {
	return parts ? { value, parts } : { value };
}

export function undefinedStat(reason: string): UndefinedStat {
	return { value: null, reason };
}

export function isDefined(stat: Stat): stat is DefinedStat {
	return stat.value !== null;
}

/**
 * Per-unit category counts: counts[u][c] = how many coders put unit u in categories[c].
 * weights[u] (default 1) says how many identical units the row stands for, so a contingency
 * table or a run of equally coded characters stays one row.
 */
export interface CategoryCounts {
	categories: Category[];
	counts: number[][];
	weights?: number[];
}

/** Two coders: table[i][j] = units coder 1 put in categories[i] and coder 2 in categories[j]. */
export interface PairTable {
	categories: Category[];
	table: number[][];
}

export type Level = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/** Messages shared by several statistics, so the same situation reads the same everywhere. */
export const REASONS = {
	noVariation: 'no variation: every unit got the same category, so expected disagreement is 0',
	noPairs: 'no unit was coded by two or more coders, so there is nothing to compare',
	fewCoders: 'needs at least two coders',
	oneCategory: 'only one category is possible (q = 1), so chance agreement is 1'
} as const;

/** How many units row u of the counts stands for (1 unless weighted). */
export function rowWeight(counts: CategoryCounts, u: number): number {
	return counts.weights ? counts.weights[u] : 1;
}

/** Sum of a row (the codings of one unit). */
export function rowTotal(row: readonly number[]): number {
	let s = 0;
	for (const x of row) s += x;
	return s;
}
