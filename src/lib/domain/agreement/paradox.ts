// The kappa paradox (Feinstein & Cicchetti 1990): with very skewed prevalence — a code that is
// rarely (or almost always) applied — chance agreement approaches 1, so kappa (and pi, alpha)
// come out low although coders agree on nearly every unit.
//
// Rule: flag when percent agreement ≥ 0.80, the most common category holds ≥ 80% of all
// codings (pooled over coders), and kappa is < 0.60 or undefined. (With balanced categories,
// 80% agreement cannot give a kappa that low, so the gap is the prevalence effect.) The flag
// comes with positive and negative specific agreement and Gwet's AC1, which should be
// reported alongside kappa in that case.
import { cohenKappa, countsFromTable, fleissKappa, gwetAC1, margins, percentAgreement, specificAgreement } from './nominal';
import type { Category, CategoryCounts, PairTable } from './types';

export const PARADOX_RULE = { minAgreement: 0.8, minPrevalence: 0.8, maxKappa: 0.6 } as const;

export interface ParadoxCheck {
	flagged: boolean;
	/** Explanation for the researcher when flagged, else null. */
	message: string | null;
	percentAgreement: number | null;
	/** Cohen's kappa for a two-coder table, Fleiss' kappa for category counts. */
	kappa: number | null;
	/** The most common category and its share of all codings. */
	prevalent: { category: Category; share: number } | null;
	/** The rarest category's positive specific agreement and the rest's (binary data). */
	positiveAgreement: number | null;
	negativeAgreement: number | null;
	ac1: number | null;
}

function isTable(x: PairTable | CategoryCounts): x is PairTable {
	return 'table' in x;
}

export function kappaParadox(data: PairTable | CategoryCounts, rule: typeof PARADOX_RULE = PARADOX_RULE): ParadoxCheck {
	const counts = isTable(data) ? countsFromTable(data) : data;
	const kappa = isTable(data) ? cohenKappa(data) : fleissKappa(data);
	const po = percentAgreement(counts).value;
	// pooled category shares
	const q = counts.categories.length;
	const totals = new Array<number>(q).fill(0);
	if (isTable(data)) {
		const { rows, cols } = margins(data);
		for (let k = 0; k < q; k++) totals[k] = rows[k] + cols[k];
	} else
		counts.counts.forEach((row, u) => {
			const w = counts.weights ? counts.weights[u] : 1;
			for (let k = 0; k < q; k++) totals[k] += w * row[k];
		});
	const all = totals.reduce((s, x) => s + x, 0);
	let top = -1;
	for (let k = 0; k < q; k++) if (top < 0 || totals[k] > totals[top]) top = k;
	const prevalent = all > 0 && top >= 0 ? { category: counts.categories[top], share: totals[top] / all } : null;

	let positiveAgreement: number | null = null;
	let negativeAgreement: number | null = null;
	if (q === 2 && prevalent) {
		const rare = counts.categories[1 - top];
		positiveAgreement = specificAgreement(counts, rare).value;
		negativeAgreement = specificAgreement(counts, rare, true).value;
	}
	const ac1 = gwetAC1(counts).value;
	const flagged =
		po !== null &&
		po >= rule.minAgreement &&
		prevalent !== null &&
		prevalent.share >= rule.minPrevalence &&
		(kappa.value === null || kappa.value < rule.maxKappa);
	const pct = (x: number) => `${Math.round(x * 100)}%`;
	const message = flagged
		? `Coders agree on ${pct(po as number)} of units, but kappa is ${
				kappa.value === null ? 'undefined' : kappa.value.toFixed(2)
			}: ${JSON.stringify(prevalent?.category)} makes up ${pct(prevalent?.share ?? 0)} of all codings, and with prevalence this skewed ` +
			'chance agreement is close to 1 (the kappa paradox). Report positive and negative specific agreement (or AC1) alongside kappa.'
		: null;
	return { flagged, message, percentAgreement: po, kappa: kappa.value, prevalent, positiveAgreement, negativeAgreement, ac1 };
}
