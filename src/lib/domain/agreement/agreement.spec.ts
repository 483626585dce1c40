// The agreement statistics against every published vector in ../shared/agreement/public-vectors.json,
// hand-checked small cases (published values from Cohen 1960, Brennan & Prediger 1981, Gwet 2008,
// Krippendorff 1995/2004/2011 as asserted by DKPro Statistics), the undefined cases, the bootstrap,
// the kappa-paradox flag, and a corpus-sized run of the span statistics.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED } from '../../../../tests/shared';
import {
	alphaWithCI,
	binaryUAlpha,
	characterData,
	cohenKappa,
	cohenKappaWithCI,
	computeAgreement,
	concatenateSpans,
	countsFromMatrix,
	countsFromTable,
	cuAlpha,
	fleissKappa,
	fleissKappaWithCI,
	gwetAC1,
	bennettS,
	kappaParadox,
	krippendorffAlpha,
	kuAlpha,
	percentAgreement,
	scottPi,
	specificAgreement,
	spansFrom2004,
	tableFromMatrix,
	uAlpha,
	unitizingAlpha2004,
	type AgreementRequest,
	type PairTable,
	type Span,
	type SpansInput,
	type Stat
} from './index';

const VECTORS = resolve(SHARED, 'agreement', 'public-vectors.json');

interface Vector extends AgreementRequest {
	id: string;
	expected: number;
	tolerance: number;
}

/** Vectors deliberately not supported, with the reason (none so far). */
const OUT_OF_SCOPE: Record<string, string> = {};

function valueOf(stat: Stat): number {
	if (stat.value === null) throw new Error(`undefined: ${stat.reason}`);
	return stat.value;
}

function reasonOf(stat: Stat): string {
	if (stat.value !== null) throw new Error(`expected undefined, got ${stat.value}`);
	return stat.reason;
}

describe('published vectors (../shared/agreement/public-vectors.json)', () => {
	it('the vector file is there and has vectors', () => {
		expect(existsSync(VECTORS), `missing ${VECTORS}`).toBe(true);
	});
	const file = existsSync(VECTORS) ? (JSON.parse(readFileSync(VECTORS, 'utf8')) as { vectors: Vector[] }) : { vectors: [] };
	it('has at least one vector', () => expect(file.vectors.length).toBeGreaterThan(0));
	for (const v of file.vectors) {
		const skip = OUT_OF_SCOPE[v.id];
		if (skip) {
			it.skip(`${v.id}: out of scope: ${skip}`, () => {});
			continue;
		}
		it(`${v.id}: ${v.statistic}${v.level ? ` (${v.level})` : ''} = ${v.expected} ± ${v.tolerance}`, () => {
			const got = computeAgreement({ statistic: v.statistic, level: v.level, code: v.code, input: v.input });
			expect(Math.abs(valueOf(got) - v.expected), `got ${got.value}`).toBeLessThanOrEqual(v.tolerance);
		});
	}
	it('the spans vector digitizes to its published per-character strings', () => {
		const v = file.vectors.find((x) => x.input.format === 'spans' && x.input.digitized);
		if (!v) return;
		const digitized = v.input.digitized as Record<string, string>;
		const [a, b] = Object.values(digitized);
		const d = characterData(v.input as unknown as SpansInput, v.code);
		const table = d.pair as PairTable;
		const count = (x: string, y: string) => [...a].filter((ch, i) => ch === x && b[i] === y).length;
		expect(table.table).toEqual([
			[count('0', '0'), count('0', '1')],
			[count('1', '0'), count('1', '1')]
		]);
	});
});

// Krippendorff (2011), example C: 4 observers × 12 units with missing values.
const K2011 = {
	data: [
		[1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
		[1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
		[null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
		[1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null]
	]
};

describe('Krippendorff alpha (coincidence matrix)', () => {
	const counts = countsFromMatrix(K2011);
	it('reproduces Krippendorff (2011) at every level', () => {
		expect(valueOf(krippendorffAlpha(counts, 'nominal'))).toBeCloseTo(0.743, 3);
		expect(valueOf(krippendorffAlpha(counts, 'ordinal'))).toBeCloseTo(0.815, 3);
		const interval = krippendorffAlpha(counts, 'interval');
		expect(valueOf(interval)).toBeCloseTo(0.849, 3);
		expect(interval.value !== null && interval.parts?.Do).toBeCloseTo(0.433, 3);
		expect(interval.value !== null && interval.parts?.De).toBeCloseTo(2.872, 3);
		expect(valueOf(krippendorffAlpha(counts, 'ratio'))).toBeCloseTo(0.797, 3);
	});
	it('needs numbers for interval and ratio data', () => {
		const words = countsFromMatrix({ data: [['a', 'b'], ['a', 'a']] });
		expect(reasonOf(krippendorffAlpha(words, 'interval'))).toMatch(/numeric/);
	});
	it('is 1 when coders agree on varied data', () => {
		expect(valueOf(krippendorffAlpha(countsFromMatrix({ data: [['a', 'b', 'c'], ['a', 'b', 'c']] })))).toBe(1);
	});
});

describe('two-coder and multi-coder coefficients (hand-checked published values)', () => {
	const cohenP45: PairTable = { categories: [1, 2, 3], table: [[88, 14, 18], [10, 40, 10], [2, 6, 12]] };
	it("Cohen's kappa, Gwet's AC1 on Cohen (1960) p. 45", () => {
		expect(valueOf(cohenKappa(cohenP45))).toBeCloseTo(0.492, 3);
		expect(valueOf(gwetAC1(countsFromTable(cohenP45)))).toBeCloseTo(0.576, 3);
	});
	it('Brennan & Prediger (1981): kappa .27 / .29, S .40', () => {
		const ex1: PairTable = { categories: [1, 2, 3], table: [[50, 0, 0], [10, 10, 10], [20, 0, 0]] };
		const ex2: PairTable = { categories: [1, 2, 3], table: [[50, 0, 10], [0, 10, 10], [10, 10, 0]] };
		expect(valueOf(cohenKappa(ex1))).toBeCloseTo(0.27, 2);
		expect(valueOf(cohenKappa(ex2))).toBeCloseTo(0.29, 2);
		expect(valueOf(bennettS(countsFromTable(ex1)))).toBeCloseTo(0.4, 3);
		expect(valueOf(bennettS(countsFromTable(ex2)))).toBeCloseTo(0.4, 3);
		expect(valueOf(computeAgreement({ statistic: 'bennett_s', input: { format: 'contingency_table', table: ex1.table, q: 4 } }))).toBeCloseTo(
			(0.6 - 0.25) / 0.75,
			9
		);
	});
	it("Gwet (2008) hand example: AC1 .8658 where Scott's pi is .6078", () => {
		const t: PairTable = { categories: ['y', 'n'], table: [[8, 1], [0, 1]] };
		expect(valueOf(gwetAC1(countsFromTable(t)))).toBeCloseTo(0.8658, 4);
		expect(valueOf(scottPi(countsFromTable(t)))).toBeCloseTo(0.6078, 4);
		expect(valueOf(gwetAC1(countsFromTable({ categories: [1, 2], table: [[80, 7], [8, 5]] })))).toBeCloseTo(0.808, 3);
	});
	it('Fleiss (1971) from a reliability matrix equals the subject-count form; Scott = Fleiss for two coders', () => {
		const m = { data: [['a', 'a', 'b', 'b', 'a'], ['a', 'b', 'b', 'b', 'a']] };
		const counts = countsFromMatrix(m);
		expect(valueOf(scottPi(counts))).toBeCloseTo(valueOf(fleissKappa(counts)), 12);
		// po = .8, π_a = π_b = .5 → pi = (.8 − .5) / .5
		expect(valueOf(scottPi(counts))).toBeCloseTo(0.6, 12);
		expect(valueOf(percentAgreement(counts))).toBeCloseTo(0.8, 12);
	});
	it("Fleiss' kappa with unequal numbers of coders per unit (Gwet's form)", () => {
		// units: {a,a,a}, {a,b}, {b,b}, {b} (one coder only: no pair, but counts for prevalence)
		const counts = countsFromMatrix({ data: [['a', 'a', 'b', 'b'], ['a', 'b', 'b', null], ['a', null, null, null]] });
		const po = (1 + 0 + 1) / 3;
		const pa = (1 + 0.5 + 0 + 0) / 4;
		const pe = pa * pa + (1 - pa) * (1 - pa);
		expect(valueOf(fleissKappa(counts))).toBeCloseTo((po - pe) / (1 - pe), 12);
	});
	it('positive and negative specific agreement', () => {
		const t = countsFromTable({ categories: ['yes', 'no'], table: [[40, 5], [5, 50]] });
		expect(valueOf(specificAgreement(t, 'yes'))).toBeCloseTo(80 / 90, 12);
		expect(valueOf(specificAgreement(t, 'yes', true))).toBeCloseTo(100 / 110, 12);
		// three coders: units (+,+,+), (+,+,−), (−,−,−): Σ n⁺(n⁺−1) = 6 + 2, Σ n⁺(r−1) = 6 + 4
		const three = countsFromMatrix({ data: [[1, 1, 0], [1, 1, 0], [1, 0, 0]] });
		expect(valueOf(specificAgreement(three, 1))).toBeCloseTo(8 / 10, 12);
	});
	it('tables per code: one code, and pooled over codes', () => {
		const input = { format: 'tables_per_code', tables: { A: [[40, 5], [5, 50]], B: [[2, 3], [3, 92]] } };
		const a = computeAgreement({ statistic: 'cohen_kappa', code: 'A', input });
		expect(valueOf(a)).toBeCloseTo(valueOf(cohenKappa({ categories: [1, 0], table: [[40, 5], [5, 50]] })), 12);
		const psa = computeAgreement({ statistic: 'positive_specific_agreement', input });
		expect(valueOf(psa)).toBeCloseTo((80 + 4) / (90 + 10), 12);
		// De Vries et al. (2008): po and pe averaged over codes
		const poA = 0.9;
		const peA = 0.45 * 0.45 + 0.55 * 0.55;
		const poB = 0.94;
		const peB = 0.05 * 0.05 + 0.95 * 0.95;
		const po = (poA + poB) / 2;
		const pe = (peA + peB) / 2;
		expect(valueOf(computeAgreement({ statistic: 'cohen_kappa', input }))).toBeCloseTo((po - pe) / (1 - pe), 12);
	});
	it('per-code statistics from a reliability matrix (code against the rest)', () => {
		const input = { format: 'reliability_matrix', data: [['x', 'y', 'z', 'x'], ['x', 'z', 'y', 'y']] };
		const k = computeAgreement({ statistic: 'cohen_kappa', code: 'x', input });
		expect(valueOf(k)).toBeCloseTo(valueOf(cohenKappa({ categories: [0, 1], table: [[2, 0], [1, 1]] })), 12);
	});
});

// Krippendorff (1995) p. 57, pairs A and C, as spans (DKPro's digitized assertions).
const PAIR_A: SpansInput = {
	document_length: 24,
	coders: {
		Bertha: [{ start: 2, end: 10, code: 'X' }, { start: 14, end: 20, code: 'X' }],
		Bill: [{ start: 4, end: 8, code: 'X' }, { start: 15, end: 17, code: 'X' }]
	}
};
const PAIR_C: SpansInput = {
	document_length: 24,
	coders: {
		Gerret: [2, 8, 10, 12, 14, 18, 20, 22].reduce<Span[]>((s, x, i, a) => (i % 2 ? s : [...s, { start: x, end: a[i + 1], code: 'X' }]), []),
		Gill: [0, 2, 4, 8, 10, 14, 16, 18, 20, 22].reduce<Span[]>((s, x, i, a) => (i % 2 ? s : [...s, { start: x, end: a[i + 1], code: 'X' }]), [])
	}
};

describe('character-level statistics (swept over span boundaries)', () => {
	it('Krippendorff (1995) pair A: kappa .385, pi .314, alpha .329; pair C: kappa = pi = .314', () => {
		const a = characterData(PAIR_A, 'X');
		expect(valueOf(cohenKappa(a.pair as PairTable))).toBeCloseTo(0.385, 3);
		expect(valueOf(scottPi(a.counts))).toBeCloseTo(0.314, 3);
		expect(valueOf(krippendorffAlpha(a.counts))).toBeCloseTo(0.329, 3);
		const c = characterData(PAIR_C, 'X');
		expect(valueOf(cohenKappa(c.pair as PairTable))).toBeCloseTo(0.314, 3);
		expect(valueOf(computeAgreement({ statistic: 'char_level_scott_pi', code: 'X', input: { format: 'spans', ...PAIR_C } }))).toBeCloseTo(0.314, 3);
	});
	it('percent agreement and positive specific agreement per character', () => {
		const input = { format: 'spans', ...PAIR_A };
		// 16 of 24 characters agree; a = 6 both coded, b + c = 8
		expect(valueOf(computeAgreement({ statistic: 'char_level_percent_agreement', code: 'X', input }))).toBeCloseTo(16 / 24, 12);
		expect(valueOf(computeAgreement({ statistic: 'char_level_positive_specific_agreement', code: 'X', input }))).toBeCloseTo(12 / 20, 12);
	});
	it("merges a coder's overlapping spans of the same code", () => {
		const overlapping: SpansInput = {
			document_length: 24,
			coders: {
				Bertha: [{ start: 2, end: 7, code: 'X' }, { start: 5, end: 10, code: 'X' }, { start: 14, end: 20, code: 'X' }],
				Bill: (PAIR_A.coders as Record<string, Span[]>).Bill
			}
		};
		expect(characterData(overlapping, 'X').pair).toEqual(characterData(PAIR_A, 'X').pair);
	});
	it('without a code, the set of codes on a character is its category', () => {
		const input: SpansInput = {
			document_length: 10,
			coders: [
				[{ start: 0, end: 5, code: 'A' }, { start: 3, end: 8, code: 'B' }],
				[{ start: 0, end: 5, code: 'A' }, { start: 3, end: 8, code: 'B' }]
			]
		};
		const d = characterData(input);
		expect(d.counts.categories).toEqual(['[]', '["A"]', '["A","B"]', '["B"]']);
		expect(valueOf(krippendorffAlpha(d.counts))).toBe(1);
	});
});

describe('undefined values say why', () => {
	it('no variation: every unit got the same category', () => {
		const same = countsFromMatrix({ data: [['a', 'a', 'a'], ['a', 'a', 'a']] });
		expect(reasonOf(krippendorffAlpha(same))).toMatch(/no variation/);
		expect(reasonOf(fleissKappa(same))).toMatch(/no variation/);
		expect(reasonOf(cohenKappa(tableFromMatrix({ data: [['a', 'a'], ['a', 'a']] }) as PairTable))).toMatch(/no variation/);
		expect(valueOf(percentAgreement(same))).toBe(1);
	});
	it('a single unit', () => {
		const one = { data: [['a'], ['a']] };
		expect(reasonOf(krippendorffAlpha(countsFromMatrix(one)))).toMatch(/no variation/);
		expect(reasonOf(cohenKappa(tableFromMatrix(one) as PairTable))).toMatch(/no variation/);
	});
	it('all values missing, or one coder only', () => {
		const none = { data: [[null, null], [null, null]] };
		expect(reasonOf(krippendorffAlpha(countsFromMatrix(none)))).toMatch(/two or more coders/);
		expect(reasonOf(percentAgreement(countsFromMatrix(none)))).toMatch(/two or more coders/);
		expect(reasonOf(fleissKappa(countsFromMatrix({ data: [['a', 'b', 'c']] })))).toMatch(/two or more coders/);
		expect(reasonOf(computeAgreement({ statistic: 'cohen_kappa', input: { format: 'reliability_matrix', data: [['a', 'b', 'c']] } }))).toMatch(
			/two coders/
		);
		expect(reasonOf(uAlpha({ document_length: 10, coders: { A: [{ start: 0, end: 3, code: 'x' }] } }))).toMatch(/two coders/);
	});
	it("Cohen's kappa with three coders points to Fleiss and alpha", () => {
		const input = { format: 'reliability_matrix', data: [['a', 'b'], ['a', 'b'], ['a', 'a']] };
		expect(reasonOf(computeAgreement({ statistic: 'cohen_kappa', input }))).toMatch(/Fleiss/);
		expect(reasonOf(computeAgreement({ statistic: 'scott_pi', input }))).toMatch(/Fleiss/);
	});
	it('a code nobody used', () => {
		const input = { format: 'spans', ...PAIR_A };
		expect(reasonOf(computeAgreement({ statistic: 'char_level_cohen_kappa', code: 'Z', input }))).toMatch(/no variation/);
		expect(reasonOf(computeAgreement({ statistic: 'char_level_krippendorff_alpha', code: 'Z', input }))).toMatch(/no variation/);
		expect(reasonOf(computeAgreement({ statistic: 'char_level_positive_specific_agreement', code: 'Z', input }))).toMatch(/no coder used/);
		expect(reasonOf(kuAlpha(PAIR_A, 'Z'))).toMatch(/no coder used/);
		expect(reasonOf(unitizingAlpha2004(PAIR_A, 'Z'))).toMatch(/no coder marked/);
	});
	it('no codings at all', () => {
		const empty: SpansInput = { document_length: 50, coders: { A: [], B: [] } };
		expect(reasonOf(uAlpha(empty))).toMatch(/no coder marked any unit/);
		expect(reasonOf(binaryUAlpha(empty))).toMatch(/no coder marked any unit/);
		expect(reasonOf(cuAlpha(empty))).toMatch(/intersects/);
		expect(reasonOf(computeAgreement({ statistic: 'char_level_krippendorff_alpha', code: 'X', input: { format: 'spans', ...empty } }))).toMatch(
			/no variation/
		);
	});
	it("a coder's overlapping spans: the unitizing alphas refuse them", () => {
		const input: SpansInput = {
			document_length: 30,
			coders: { A: [{ start: 0, end: 10, code: 'x' }, { start: 5, end: 15, code: 'y' }], B: [{ start: 0, end: 10, code: 'x' }] }
		};
		expect(reasonOf(uAlpha(input))).toMatch(/coder A has overlapping spans/);
		expect(reasonOf(cuAlpha(input))).toMatch(/overlapping/);
	});
	it('usage errors throw instead of returning a value', () => {
		expect(() => computeAgreement({ statistic: 'light_kappa', input: { format: 'reliability_matrix', data: [[1]] } })).toThrow(/unknown statistic/);
		expect(() => computeAgreement({ statistic: 'cohen_kappa', input: { format: 'xml' } })).toThrow(/format/);
		expect(() => computeAgreement({ statistic: 'cohen_kappa', level: 'ordinal', input: { format: 'contingency_table', table: [[1]] } })).toThrow(
			/nominal/
		);
		expect(() => characterData({ document_length: 5, coders: { A: [{ start: 3, end: 9, code: 'x' }] } })).toThrow(/outside/);
	});
});

describe('unitizing alphas', () => {
	// Krippendorff (2004, p. 254) via DKPro: alpha_c .7286 (Do .0144, De .0532), alpha_k 1, overall .8591
	const K2004 = {
		format: 'unitizing_2004',
		continuum_begin: 150,
		continuum_length: 300,
		coders: [
			[
				{ begin: 225, length: 70, category: 'c' },
				{ begin: 370, length: 30, category: 'c' },
				{ begin: 180, length: 60, category: 'k' },
				{ begin: 300, length: 50, category: 'k' }
			],
			[
				{ begin: 220, length: 80, category: 'c' },
				{ begin: 355, length: 20, category: 'c' },
				{ begin: 400, length: 20, category: 'c' },
				{ begin: 180, length: 60, category: 'k' },
				{ begin: 300, length: 50, category: 'k' }
			]
		]
	};
	it('Krippendorff (2004) alpha_U per category and overall', () => {
		const c = computeAgreement({ statistic: 'unitizing_alpha_2004_category', code: 'c', input: K2004 });
		expect(valueOf(c)).toBeCloseTo(0.7286, 4);
		expect(c.value !== null && c.parts?.Do).toBeCloseTo(0.0144, 4);
		expect(c.value !== null && c.parts?.De).toBeCloseTo(0.0532, 4);
		const k = unitizingAlpha2004(spansFrom2004(K2004), 'k');
		expect(valueOf(k)).toBe(1);
		expect(k.value !== null && k.parts?.De).toBeCloseTo(0.049, 4);
		expect(Math.abs(valueOf(unitizingAlpha2004(spansFrom2004(K2004))) - 0.8591)).toBeLessThan(0.0005);
	});
	it('Krippendorff (1995) pairs A–D: observed disagreements exactly, expected ones for a long continuum', () => {
		const pairs: Record<string, [number, number, number][]> = {
			A: [[2, 8, 0], [14, 6, 0], [4, 4, 1], [15, 2, 1]],
			B: [[0, 18, 0], [0, 2, 1], [2, 1, 1], [3, 1, 1], [4, 1, 1], [5, 1, 1], [6, 3, 1], [9, 1, 1]],
			C: [[2, 6, 0], [10, 2, 0], [14, 4, 0], [20, 2, 0], [0, 2, 1], [4, 4, 1], [10, 4, 1], [16, 2, 1], [20, 2, 1]],
			D: [[0, 2, 0], [2, 8, 0], [10, 4, 0], [14, 6, 0], [20, 4, 0], [0, 4, 1], [4, 4, 1], [8, 7, 1], [15, 2, 1], [17, 7, 1]]
		};
		const study = (stretch: number): SpansInput => {
			const coders: Span[][] = [[], []];
			for (const [code, units] of Object.entries(pairs))
				for (const [b, l, r] of units) coders[r].push({ start: Math.trunc(b * stretch), end: Math.trunc(b * stretch) + Math.trunc(l * stretch), code });
			return { document_length: Math.trunc(24 * stretch), coders };
		};
		const observed = { A: 0.03125, B: 2.26736, C: 0.02777, D: 0.38715 };
		const expected = { A: 0.0699, B: 1.17731, C: 0.08642, D: 0.41445 };
		const alpha = { A: 0.553, B: -0.926, C: 0.679, D: 0.066 };
		for (const code of ['A', 'B', 'C', 'D'] as const) {
			const short = unitizingAlpha2004(study(1), code);
			expect(Math.abs((short.value !== null ? short.parts?.Do ?? NaN : NaN) - observed[code])).toBeLessThan(1e-5);
			const long = unitizingAlpha2004(study(50_000), code);
			expect(Math.abs((long.value !== null ? long.parts?.De ?? NaN : NaN) - expected[code])).toBeLessThan(0.005);
			expect(Math.abs(valueOf(long) - alpha[code])).toBeLessThan(0.02);
		}
	});
	it('u-alpha by hand: one shifted unit', () => {
		// A: [0,2) x, B: [1,3) x, L = 4. u: xx 2, x∅ 2, ∅x 2, ∅∅ 2; e_xx = 8(16 − 8)/52, e_∅∅ = 8(16 − 4)/52
		const input: SpansInput = { document_length: 4, coders: { A: [{ start: 0, end: 2, code: 'x' }], B: [{ start: 1, end: 3, code: 'x' }] } };
		expect(valueOf(uAlpha(input))).toBeCloseTo(1 - 4 / (8 - 160 / 52), 12);
		expect(valueOf(uAlpha(input))).toBeCloseTo(3 / 16, 12);
		expect(valueOf(binaryUAlpha(input))).toBeCloseTo(3 / 16, 12);
		expect(reasonOf(cuAlpha(input))).toMatch(/one code/);
	});
	it('perfect agreement gives 1 for u, |u, cu and (k)u', () => {
		const spans = [{ start: 0, end: 10, code: 'x' }, { start: 20, end: 30, code: 'y' }, { start: 35, end: 50, code: 'x' }];
		const input: SpansInput = { document_length: 60, coders: { A: spans, B: spans, C: spans } };
		expect(valueOf(uAlpha(input))).toBeCloseTo(1, 12);
		expect(valueOf(binaryUAlpha(input))).toBeCloseTo(1, 12);
		expect(valueOf(cuAlpha(input))).toBeCloseTo(1, 12);
		expect(valueOf(kuAlpha(input, 'x'))).toBeCloseTo(1, 12);
		expect(valueOf(computeAgreement({ statistic: 'k_u_alpha', code: 'y', input: { format: 'spans', ...input } }))).toBeCloseTo(1, 12);
	});
	it('cu-alpha and (k)u-alpha at the interval level count near misses as smaller disagreements', () => {
		const input: SpansInput = {
			document_length: 100,
			coders: {
				A: [{ start: 0, end: 10, code: 1 }, { start: 20, end: 30, code: 2 }, { start: 40, end: 50, code: 3 }, { start: 60, end: 70, code: 9 }],
				B: [{ start: 0, end: 10, code: 2 }, { start: 20, end: 30, code: 2 }, { start: 40, end: 50, code: 3 }, { start: 60, end: 70, code: 9 }]
			}
		};
		const nominal = valueOf(cuAlpha(input, 'nominal'));
		const interval = valueOf(computeAgreement({ statistic: 'cu_alpha', level: 'interval', input: { format: 'spans', ...input } }));
		expect(interval).toBeGreaterThan(nominal);
		expect(interval).toBeLessThan(1);
		expect(valueOf(kuAlpha(input, 9, 'interval'))).toBeCloseTo(1, 12);
		expect(() => computeAgreement({ statistic: 'u_alpha', level: 'interval', input: { format: 'spans', ...input } })).toThrow(/nominal/);
	});
	it('cu-alpha compares the codes of intersecting units: swapped codes disagree completely', () => {
		const input: SpansInput = {
			document_length: 40,
			coders: {
				A: [{ start: 0, end: 10, code: 'x' }, { start: 20, end: 30, code: 'y' }],
				B: [{ start: 0, end: 10, code: 'y' }, { start: 20, end: 30, code: 'x' }]
			}
		};
		expect(valueOf(binaryUAlpha(input))).toBeCloseTo(1, 12);
		// n = 40 (all off-diagonal), e_xx = e_yy = 40·(400 − 200)/(1600 − 400): 1 − 40/26.67
		expect(valueOf(cuAlpha(input))).toBeCloseTo(-0.5, 12);
		expect(valueOf(uAlpha(input))).toBeLessThan(valueOf(binaryUAlpha(input)));
	});
});

describe('bootstrap confidence intervals (percentile, over units, seeded)', () => {
	it('is reproducible with a seed and contains the point estimate (alpha)', () => {
		const counts = countsFromMatrix(K2011);
		const a = alphaWithCI(counts, 'nominal', { seed: 42, replicates: 500 });
		const b = alphaWithCI(counts, 'nominal', { seed: 42, replicates: 500 });
		expect(a).toEqual(b);
		const other = alphaWithCI(counts, 'nominal', { seed: 43, replicates: 500 });
		expect(other.ci).not.toEqual(a.ci);
		if (a.ci.lower === null) throw new Error(a.ci.reason);
		expect(a.ci.lower).toBeLessThanOrEqual(valueOf(a.estimate));
		expect(a.ci.upper).toBeGreaterThanOrEqual(valueOf(a.estimate));
		expect(a.ci.level).toBe(0.95);
	});
	it("contains the point estimate for Cohen's and Fleiss' kappa", () => {
		const k = cohenKappaWithCI({ categories: [1, 2, 3], table: [[88, 14, 18], [10, 40, 10], [2, 6, 12]] }, { seed: 7, replicates: 400 });
		if (k.ci.lower === null) throw new Error(k.ci.reason);
		expect(k.ci.lower).toBeLessThan(0.492);
		expect(k.ci.upper).toBeGreaterThan(0.492);
		expect(k.ci.upper - k.ci.lower).toBeLessThan(0.4);
		const f = fleissKappaWithCI(countsFromMatrix(K2011), { seed: 7, replicates: 400 });
		if (f.ci.lower === null) throw new Error(f.ci.reason);
		expect(f.ci.lower).toBeLessThanOrEqual(valueOf(f.estimate));
		expect(f.ci.upper).toBeGreaterThanOrEqual(valueOf(f.estimate));
	});
	it('says why there is no interval when nothing varies', () => {
		const same = alphaWithCI(countsFromMatrix({ data: [['a', 'a'], ['a', 'a']] }), 'nominal', { replicates: 50 });
		expect(same.ci.lower).toBeNull();
		expect(same.estimate.value).toBeNull();
	});
});

describe('the kappa paradox flag', () => {
	it('flags a rare code with high agreement and low kappa, with the alternatives', () => {
		const check = kappaParadox({ categories: ['coded', 'not coded'], table: [[2, 3], [3, 92]] });
		expect(check.flagged).toBe(true);
		expect(check.percentAgreement).toBeCloseTo(0.94, 12);
		expect(check.kappa).toBeLessThan(0.6);
		expect(check.prevalent).toEqual({ category: 'not coded', share: 0.95 });
		expect(check.positiveAgreement).toBeCloseTo(4 / 10, 12);
		expect(check.negativeAgreement).toBeCloseTo(184 / 190, 12);
		expect(check.message).toMatch(/kappa paradox/);
	});
	it('does not flag balanced categories or low agreement', () => {
		expect(kappaParadox({ categories: ['a', 'b'], table: [[45, 5], [5, 45]] }).flagged).toBe(false);
		expect(kappaParadox({ categories: ['a', 'b'], table: [[60, 20], [15, 5]] }).flagged).toBe(false);
	});
	it('works on multi-coder counts (Fleiss)', () => {
		const rows = Array.from({ length: 40 }, (_, i) => (i < 38 ? [0, 0, 0] : i === 38 ? [1, 1, 0] : [1, 0, 0]));
		const check = kappaParadox(countsFromMatrix({ data: [0, 1, 2].map((c) => rows.map((r) => r[c])) }));
		expect(check.flagged).toBe(true);
	});
});

describe('corpus-sized span data (boundaries, not characters)', () => {
	it('3 coders × 100 documents × 200 spans each give values in [−1, 1]', () => {
		let seed = 12345;
		const random = () => {
			seed = (seed * 1103515245 + 12345) % 2147483648;
			return seed / 2147483648;
		};
		const codes = ['A', 'B', 'C', 'D', 'E'];
		const docs: SpansInput[] = [];
		for (let d = 0; d < 100; d++) {
			const L = 90_000; // ≈ 15,000 words
			const slot = L / 200;
			const gold = Array.from({ length: 200 }, (_, i) => ({
				start: Math.floor(i * slot + random() * slot * 0.3),
				len: Math.floor(slot * (0.2 + random() * 0.4)),
				code: codes[Math.floor(random() * codes.length)]
			}));
			const coders: Record<string, Span[]> = {};
			for (const [c, noise] of [['C1', 0.05], ['C2', 0.15], ['C3', 0.3]] as const)
				coders[c] = gold.map((g) => {
					const jitter = () => Math.round((random() - 0.5) * noise * slot * 0.2);
					const start = Math.max(0, g.start + jitter());
					const end = Math.max(start + 1, g.start + g.len + jitter());
					return { start, end, code: random() < noise ? codes[Math.floor(random() * codes.length)] : g.code };
				});
			docs.push({ document_length: L, coders });
		}
		const all = concatenateSpans(docs);
		expect(all.document_length).toBe(9_000_000);
		const inRange = (s: Stat) => {
			const v = valueOf(s);
			expect(v).toBeGreaterThanOrEqual(-1);
			expect(v).toBeLessThanOrEqual(1);
		};
		inRange(uAlpha(all));
		inRange(binaryUAlpha(all));
		inRange(cuAlpha(all));
		inRange(kuAlpha(all, 'A'));
		inRange(unitizingAlpha2004(all));
		for (const statistic of ['char_level_krippendorff_alpha', 'char_level_percent_agreement', 'char_level_positive_specific_agreement'])
			inRange(computeAgreement({ statistic, code: 'B', input: { format: 'spans', ...all } }));
		inRange(computeAgreement({ statistic: 'char_level_fleiss_kappa', input: { format: 'spans', ...all } }));
	});
});
