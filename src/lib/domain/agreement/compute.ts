// One entry point for every statistic, fed the request shape of `tema agree` and of the
// vectors in ../shared/agreement/public-vectors.json: {statistic, level?, code?, input}, with
// input.format one of reliability_matrix, contingency_table, subject_category_counts,
// tables_per_code, spans, unitizing_2004. Unknown statistics, formats or unsupported
// combinations throw (a usage error); data that leaves a statistic undefined returns
// {value: null, reason}.
//
// `code` names the category of per-code statistics: a reliability matrix, table or counts are
// reduced to "code against everything else"; span data to "coded with code / not" per
// character (char_level_*), or to that code's spans (u_alpha, |u_alpha, cu_alpha);
// k_u_alpha and unitizing_alpha_2004_category take it as their k / c. The coefficients on
// span data are always per character (with or without the char_level_ prefix).
// tables_per_code without a code pools the codes: percent agreement is the mean of the
// codes' observed agreements; the kappa-like coefficients are (mean po − mean pe) /
// (1 − mean pe) (De Vries et al. 2008, "pooled kappa"); alpha is 1 − mean Do / mean De; positive
// specific agreement adds the tables up (2Σa / (2Σa + Σb + Σc)).
import { krippendorffAlpha } from './alpha';
import { characterData } from './characters';
import {
	codeTables,
	countsFromMatrix,
	dichotomize,
	pairTable,
	pairTableOfCode,
	spansFrom2004,
	subjectCounts,
	tableFromMatrix,
	type ContingencyInput,
	type ReliabilityMatrix,
	type SpansInput,
	type SubjectCountsInput,
	type Unitizing2004Input
} from './inputs';
import {
	bennettS,
	cohenKappa,
	countsFromTable,
	fleissKappa,
	gwetAC1,
	percentAgreement,
	scottPi,
	specificAgreement
} from './nominal';
import { REASONS, defined, undefinedStat, type Category, type CategoryCounts, type Level, type PairTable, type Stat } from './types';
import { binaryUAlpha, cuAlpha, kuAlpha, uAlpha, unitizingAlpha2004 } from './unitizing';

export interface AgreementRequest {
	statistic: string;
	level?: string;
	code?: Category;
	input: { format: string } & Record<string, unknown>;
}

const COEFFICIENTS = [
	'percent_agreement',
	'cohen_kappa',
	'scott_pi',
	'fleiss_kappa',
	'krippendorff_alpha',
	'gwet_ac1',
	'bennett_s',
	'positive_specific_agreement',
	'negative_specific_agreement'
] as const;
type Coefficient = (typeof COEFFICIENTS)[number];

const ALIASES: Record<string, string> = {
	brennan_prediger: 'bennett_s',
	bennett_s_brennan_prediger: 'bennett_s',
	ac1: 'gwet_ac1',
	specific_agreement: 'positive_specific_agreement',
	f1: 'positive_specific_agreement',
	'|u_alpha': 'bar_u_alpha',
	binary_u_alpha: 'bar_u_alpha',
	'(k)u_alpha': 'k_u_alpha',
	ku_alpha: 'k_u_alpha',
	unitizing_alpha_2004: 'unitizing_alpha_2004_category',
	alpha_u_2004: 'unitizing_alpha_2004_category'
};

/** The level of measurement named at the start of `level` ("nominal (binary …)" → nominal). */
export function parseLevel(level: string | undefined): Level {
	if (level === undefined || level.trim() === '') return 'nominal';
	const m = /^\s*(nominal|ordinal|interval|ratio|binary|dichotomous)\b/i.exec(level);
	if (!m) throw new Error(`unknown level of measurement: ${JSON.stringify(level)}`);
	const l = m[1].toLowerCase();
	return l === 'binary' || l === 'dichotomous' ? 'nominal' : (l as Level);
}

/** The data of a coefficient request: counts for everyone, a pair table or why there is none. */
interface CodedData {
	counts: CategoryCounts;
	pair: PairTable | string;
	positive: Category;
	q?: number;
}

function collapseTable(t: PairTable, code: Category): PairTable {
	const p = t.categories.indexOf(code);
	const table: number[][] = [
		[0, 0],
		[0, 0]
	];
	t.table.forEach((row, i) => row.forEach((x, j) => (table[i === p ? 0 : 1][j === p ? 0 : 1] += x)));
	return { categories: [code, `not ${code}`], table };
}

function defaultPositive(categories: Category[]): Category {
	if (categories.includes(1)) return 1;
	return categories[0];
}

function codedData(format: string, input: Record<string, unknown>, code: Category | undefined): CodedData {
	switch (format) {
		case 'reliability_matrix': {
			let m = input as unknown as ReliabilityMatrix;
			if (code !== undefined) m = dichotomize(m, code);
			const counts = countsFromMatrix(m);
			return {
				counts,
				pair: tableFromMatrix(m),
				positive: code !== undefined ? 1 : ((input.positive as Category) ?? defaultPositive(counts.categories)),
				q: input.q as number | undefined
			};
		}
		case 'contingency_table': {
			let t = pairTable(input as unknown as ContingencyInput);
			if (code !== undefined) t = collapseTable(t, code);
			return {
				counts: countsFromTable(t),
				pair: t,
				positive: code ?? (input.positive as Category) ?? defaultPositive(t.categories),
				q: code === undefined ? (input.q as number | undefined) : undefined
			};
		}
		case 'subject_category_counts': {
			let counts = subjectCounts(input as unknown as SubjectCountsInput);
			if (code !== undefined) {
				const p = counts.categories.indexOf(code);
				counts = {
					categories: [code, `not ${code}`],
					counts: counts.counts.map((row) => {
						const total = row.reduce((s, x) => s + x, 0);
						const yes = p < 0 ? 0 : row[p];
						return [yes, total - yes];
					})
				};
			}
			return {
				counts,
				pair: 'needs to know which coder gave which value; subject × category counts do not say (use Fleiss\' kappa)',
				positive: code ?? (input.positive as Category) ?? defaultPositive(counts.categories),
				q: input.q as number | undefined
			};
		}
		case 'spans': {
			const d = characterData(input as unknown as SpansInput, code);
			return {
				counts: d.counts,
				pair: d.pair ?? `needs exactly two coders (the data has ${d.coders})`,
				positive: d.positive ?? defaultPositive(d.counts.categories)
			};
		}
		default:
			throw new Error(`input format ${JSON.stringify(format)} does not fit this statistic`);
	}
}

function coefficient(stat: Coefficient, data: CodedData, level: Level): Stat {
	if (stat !== 'krippendorff_alpha' && level !== 'nominal')
		throw new Error(`${stat} is implemented for nominal data only (no weighted variant); use krippendorff_alpha for ${level} data`);
	switch (stat) {
		case 'percent_agreement':
			return percentAgreement(data.counts);
		case 'cohen_kappa':
			if (typeof data.pair === 'string') return undefinedStat(`Cohen's kappa ${data.pair}; use Fleiss' kappa or Krippendorff's alpha`);
			return cohenKappa(data.pair);
		case 'scott_pi':
			return scottPi(data.counts);
		case 'fleiss_kappa':
			return fleissKappa(data.counts);
		case 'krippendorff_alpha':
			return krippendorffAlpha(data.counts, level);
		case 'gwet_ac1':
			return gwetAC1(data.counts, data.q);
		case 'bennett_s':
			return bennettS(data.counts, data.q);
		case 'positive_specific_agreement':
			return specificAgreement(data.counts, data.positive);
		case 'negative_specific_agreement':
			return specificAgreement(data.counts, data.positive, true);
	}
}

/** Observed and chance agreement of one 2 × 2 table for the pooled (De Vries) coefficients. */
function poPe(stat: Coefficient, t: PairTable): { po: number; pe: number } | null {
	const [[a, b], [c, d]] = t.table;
	const n = a + b + c + d;
	if (n === 0) return null;
	const po = (a + d) / n;
	const r = (a + b) / n;
	const k = (a + c) / n;
	const pi = (r + k) / 2;
	switch (stat) {
		case 'cohen_kappa':
			return { po, pe: r * k + (1 - r) * (1 - k) };
		case 'scott_pi':
		case 'fleiss_kappa':
			return { po, pe: pi * pi + (1 - pi) * (1 - pi) };
		case 'gwet_ac1':
			return { po, pe: 2 * pi * (1 - pi) };
		case 'bennett_s':
			return { po, pe: 0.5 };
		default:
			return { po, pe: 0 };
	}
}

function pooledTables(stat: Coefficient, tables: PairTable[], level: Level): Stat {
	if (tables.length === 0) return undefinedStat('there are no codes to pool');
	if (stat === 'positive_specific_agreement' || stat === 'negative_specific_agreement') {
		const sum: PairTable = { categories: ['coded', 'not coded'], table: [[0, 0], [0, 0]] };
		for (const t of tables) for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) sum.table[i][j] += t.table[i][j];
		return specificAgreement(countsFromTable(sum), 'coded', stat === 'negative_specific_agreement');
	}
	if (stat === 'krippendorff_alpha') {
		let Do = 0;
		let De = 0;
		let used = 0;
		for (const t of tables) {
			const s = krippendorffAlpha(countsFromTable(t), level);
			if (s.value === null || !s.parts) continue;
			Do += s.parts.Do;
			De += s.parts.De;
			used++;
		}
		if (used === 0 || De === 0) return undefinedStat(REASONS.noVariation);
		return defined(1 - Do / De, { Do: Do / used, De: De / used, codes: used });
	}
	const parts = tables.map((t) => poPe(stat, t)).filter((x): x is { po: number; pe: number } => x !== null);
	if (parts.length === 0) return undefinedStat(REASONS.noPairs);
	const po = parts.reduce((s, x) => s + x.po, 0) / parts.length;
	if (stat === 'percent_agreement') return defined(po, { po, codes: parts.length });
	const pe = parts.reduce((s, x) => s + x.pe, 0) / parts.length;
	if (1 - pe <= 1e-12) return undefinedStat(REASONS.noVariation);
	return defined((po - pe) / (1 - pe), { po, pe, codes: parts.length });
}

function spansOf(input: Record<string, unknown>, format: string): SpansInput {
	if (format === 'spans') return input as unknown as SpansInput;
	if (format === 'unitizing_2004') return spansFrom2004(input as unknown as Unitizing2004Input);
	throw new Error(`unitizing statistics need spans or unitizing_2004 input, not ${JSON.stringify(format)}`);
}

/** Compute one statistic of one request; see the module header for the conventions. */
export function computeAgreement(request: AgreementRequest): Stat {
	const raw = request.statistic.trim().toLowerCase();
	const charLevel = raw.startsWith('char_level_');
	const name = ALIASES[charLevel ? raw.slice('char_level_'.length) : raw] ?? (charLevel ? raw.slice('char_level_'.length) : raw);
	const level = parseLevel(request.level);
	const { input, code } = request;
	const format = input?.format;
	if (typeof format !== 'string') throw new Error('input.format is missing');

	if ((COEFFICIENTS as readonly string[]).includes(name)) {
		const stat = name as Coefficient;
		if (charLevel && format !== 'spans') throw new Error(`${raw} needs spans input, not ${JSON.stringify(format)}`);
		if (format === 'tables_per_code') {
			const tables = codeTables(input as { tables?: unknown; codes?: Category[] });
			if (code !== undefined) {
				const t = tables.find((x) => x.code === code || String(x.code) === String(code));
				if (!t) throw new Error(`tables_per_code has no table for code ${JSON.stringify(code)}`);
				const pt = pairTableOfCode(t);
				return coefficient(stat, { counts: countsFromTable(pt), pair: pt, positive: pt.categories[0] }, level);
			}
			return pooledTables(stat, tables.map(pairTableOfCode), level);
		}
		return coefficient(stat, codedData(format, input, code), level);
	}
	if ((name === 'u_alpha' || name === 'bar_u_alpha') && level !== 'nominal')
		throw new Error(`${name} is nominal by definition (gaps have no order); cu_alpha and k_u_alpha take other levels`);
	switch (name) {
		case 'u_alpha':
			return uAlpha(spansOf(input, format), code);
		case 'bar_u_alpha':
			return binaryUAlpha(spansOf(input, format), code);
		case 'cu_alpha':
			return cuAlpha(spansOf(input, format), level, code);
		case 'k_u_alpha':
			if (code === undefined) throw new Error('k_u_alpha needs `code` (the k of (k)u-alpha)');
			return kuAlpha(spansOf(input, format), code, level);
		case 'unitizing_alpha_2004_category':
			return unitizingAlpha2004(spansOf(input, format), code);
	}
	throw new Error(`unknown statistic ${JSON.stringify(request.statistic)}`);
}
