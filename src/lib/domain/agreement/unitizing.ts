// Unitizing reliability for spans on a continuum (a transcript), computed on span boundaries.
//
// The 2016 family (Krippendorff, Mathet, Bouvry & Widlöcher, "On the reliability of unitizing
// textual continua: Further developments", Quality & Quantity 50, 2016; Krippendorff 2019,
// §12.6): each coder partitions the text into units (with a code) and gaps; observed
// coincidences u_ck = Σ over coder pairs of the lengths where one has c and the other k,
// / (m − 1); expected e_ck = l··(l_c· l_·k − [c = k] Σ l²) / (l··² − Σ l²) where a unit of
// length l contributes l² and a gap contributes its length (gap characters pair with
// nothing in particular). From these:
//   u-alpha   all values and gaps (nominal),
//   |u-alpha  units versus gaps, codes ignored,
//   cu-alpha  the codes of intersecting units only (the coincidences between units),
//   (k)u-alpha one code k within cu-alpha.
// Each coder's spans must not overlap (a partition); overlapping spans give an undefined
// result with the reason.
//
// The 2004 per-category alpha_U (Krippendorff, Content Analysis, 2nd ed. 2004, §11.6; as
// DKPro Statistics' KrippendorffAlphaUnitizingAgreement): per category c, units of c versus
// gaps, with a positional distance between overlapping units.
import { differences } from './alpha';
import { coderSpans, type Span, type SpansInput } from './inputs';
import { REASONS, defined, undefinedStat, type Category, type Level, type Stat } from './types';

interface Segment {
	start: number;
	end: number;
	/** 0 = gap, i ≥ 1 = codes[i − 1]. */
	value: number;
}

/** A coder's spans as a partition of [0, L): units and the gaps between; or why it is not one. */
function partition(name: string, spans: Span[], L: number, valueOf: (c: Category) => number): Segment[] | string {
	const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || a.end - b.end);
	const out: Segment[] = [];
	let pos = 0;
	for (const s of sorted) {
		if (s.start < pos)
			return `coder ${name} has overlapping spans (at ${s.start}–${pos}); the unitizing alphas need each coder's spans not to overlap`;
		if (s.start > pos) out.push({ start: pos, end: s.start, value: 0 });
		out.push({ start: s.start, end: s.end, value: valueOf(s.code) });
		pos = s.end;
	}
	if (pos < L) out.push({ start: pos, end: L, value: 0 });
	return out;
}

export interface UnitizingMatrices {
	/** codes[i − 1] is value i; value 0 is the gap. */
	codes: Category[];
	/** Observed coincidences u[c][k] (lengths), values incl. gap 0. */
	u: number[][];
	/** Expected coincidences e[c][k]. */
	e: number[][];
	/** Coincidences among units only (cu): observed and expected, indices shifted by one (code i at i − 1). */
	cuObserved: number[][];
	cuExpected: number[][];
	coders: number;
	length: number;
}

/** The coincidence matrices of the 2016 family, or the reason they cannot be built. */
export function unitizingMatrices(input: SpansInput, code?: Category): UnitizingMatrices | string {
	const { length: L, coders } = coderSpans(input);
	const m = coders.length;
	if (m < 2) return REASONS.fewCoders;
	const codes: Category[] = [];
	const index = new Map<Category, number>();
	const valueOf = (c: Category): number => {
		let v = index.get(c);
		if (v === undefined) {
			codes.push(c);
			v = codes.length;
			index.set(c, v);
		}
		return v;
	};
	const parts: Segment[][] = [];
	for (const c of coders) {
		const spans = code === undefined ? c.spans : c.spans.filter((s) => s.code === code);
		const p = partition(c.name, spans, L, valueOf);
		if (typeof p === 'string') return p;
		parts.push(p);
	}
	const V = codes.length + 1;
	const u = Array.from({ length: V }, () => new Array<number>(V).fill(0));
	// Σ over ordered coder pairs of (length of unit g that meets the other coder's units)², per code
	const cuSelf = new Array<number>(V).fill(0);
	for (let i = 0; i < m; i++)
		for (let j = i + 1; j < m; j++) {
			const A = parts[i];
			const B = parts[j];
			const accA = new Array<number>(A.length).fill(0);
			const accB = new Array<number>(B.length).fill(0);
			let a = 0;
			let b = 0;
			while (a < A.length && b < B.length) {
				const s = Math.max(A[a].start, B[b].start);
				const e = Math.min(A[a].end, B[b].end);
				if (e > s) {
					const len = e - s;
					const va = A[a].value;
					const vb = B[b].value;
					u[va][vb] += len;
					u[vb][va] += len;
					if (va > 0 && vb > 0) {
						accA[a] += len;
						accB[b] += len;
					}
				}
				if (A[a].end < B[b].end) a++;
				else if (A[a].end > B[b].end) b++;
				else {
					a++;
					b++;
				}
			}
			A.forEach((g, x) => (cuSelf[g.value] += accA[x] * accA[x]));
			B.forEach((g, x) => (cuSelf[g.value] += accB[x] * accB[x]));
		}
	for (const row of u) for (let k = 0; k < V; k++) row[k] /= m - 1;

	// expected coincidences over all values (u-alpha)
	const self = new Array<number>(V).fill(0);
	for (const p of parts) for (const g of p) self[g.value] += g.value === 0 ? g.end - g.start : (g.end - g.start) ** 2;
	const lc = u.map((r) => r.reduce((s, x) => s + x, 0));
	const l = lc.reduce((s, x) => s + x, 0);
	const selfAll = self.reduce((s, x) => s + x, 0);
	const den = l * l - selfAll;
	const e = u.map((_, c) => u.map((__, k) => (den > 0 ? (l * (lc[c] * lc[k] - (c === k ? self[c] : 0))) / den : 0)));

	// cu: units against units only
	const W = V - 1;
	const cuObserved = Array.from({ length: W }, (_, c) => Array.from({ length: W }, (__, k) => u[c + 1][k + 1]));
	const nc = cuObserved.map((r) => r.reduce((s, x) => s + x, 0));
	const n = nc.reduce((s, x) => s + x, 0);
	const cuS = cuSelf.slice(1).map((x) => x / (m - 1));
	const cuSAll = cuS.reduce((s, x) => s + x, 0);
	const cuDen = n * n - cuSAll;
	const cuExpected = cuObserved.map((_, c) =>
		cuObserved.map((__, k) => (cuDen > 0 ? (n * (nc[c] * nc[k] - (c === k ? cuS[c] : 0))) / cuDen : 0))
	);
	return { codes, u, e, cuObserved, cuExpected, coders: m, length: L };
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const trace = (x: number[][]) => x.reduce((s, r, i) => s + r[i], 0);

/** Krippendorff's u-alpha: agreement on units, their codes and the gaps (nominal). */
export function uAlpha(input: SpansInput, code?: Category): Stat {
	const mx = unitizingMatrices(input, code);
	if (typeof mx === 'string') return undefinedStat(mx);
	const l = sum(mx.u.map(sum));
	if (l === 0) return undefinedStat('the document is empty (length 0)');
	const Do = l - trace(mx.u);
	const De = l - trace(mx.e);
	if (De <= 1e-12 * l)
		return undefinedStat(
			mx.codes.length === 0
				? 'no variation: no coder marked any unit, so expected disagreement is 0'
				: 'no variation: the whole document got one value, so expected disagreement is 0'
		);
	return defined(1 - Do / De, { Do: Do / l, De: De / l, length: mx.length, coders: mx.coders });
}

/** |u-alpha: agreement on what is a unit and what is a gap, whatever the code. */
export function binaryUAlpha(input: SpansInput, code?: Category): Stat {
	const mx = unitizingMatrices(input, code);
	if (typeof mx === 'string') return undefinedStat(mx);
	const l = sum(mx.u.map(sum));
	const uGapUnit = sum(mx.u[0]) - mx.u[0][0];
	const eGapUnit = sum(mx.e[0]) - mx.e[0][0];
	if (l === 0 || eGapUnit <= 1e-12 * l)
		return undefinedStat(
			mx.codes.length === 0
				? 'no variation: no coder marked any unit, so expected disagreement is 0'
				: 'no variation: there are no gaps (every character is in a unit), so expected disagreement is 0'
		);
	return defined(1 - uGapUnit / eGapUnit, { Do: (2 * uGapUnit) / l, De: (2 * eGapUnit) / l });
}

/** cu-alpha: agreement on the codes where two coders' units intersect (gaps ignored). */
export function cuAlpha(input: SpansInput, level: Level = 'nominal', code?: Category): Stat {
	const mx = unitizingMatrices(input, code);
	if (typeof mx === 'string') return undefinedStat(mx);
	const o = mx.cuObserved;
	const nc = o.map(sum);
	const n = sum(nc);
	if (n === 0) return undefinedStat('no unit of one coder intersects a unit of another, so no codes can be compared');
	const d = differences(mx.codes, nc, level);
	if (typeof d === 'string') return undefinedStat(d);
	let Do = 0;
	let De = 0;
	for (let c = 0; c < o.length; c++)
		for (let k = 0; k < o.length; k++) {
			Do += d[c][k] * o[c][k];
			De += d[c][k] * mx.cuExpected[c][k];
		}
	if (De <= 1e-12 * n)
		return undefinedStat('no variation: intersecting units all carry one code, so expected disagreement is 0');
	const l = sum(mx.u.map(sum));
	return defined(1 - Do / De, { Do: Do / n, De: De / n, coverage: n / l });
}

/** (k)u-alpha: the reliability of code k within cu-alpha. */
export function kuAlpha(input: SpansInput, k: Category, level: Level = 'nominal'): Stat {
	const mx = unitizingMatrices(input);
	if (typeof mx === 'string') return undefinedStat(mx);
	const ki = mx.codes.indexOf(k);
	if (ki < 0) return undefinedStat(`no coder used the code ${JSON.stringify(k)}`);
	const o = mx.cuObserved;
	const nc = o.map(sum);
	const lk = nc[ki];
	if (lk === 0)
		return undefinedStat(`no unit coded ${JSON.stringify(k)} intersects another coder's unit, so its coding cannot be compared`);
	const d = differences(mx.codes, nc, level);
	if (typeof d === 'string') return undefinedStat(d);
	const ek = sum(mx.cuExpected[ki]);
	let Do = 0;
	let De = 0;
	for (let c = 0; c < o.length; c++) {
		Do += d[c][ki] * o[c][ki];
		De += d[c][ki] * mx.cuExpected[c][ki];
	}
	if (De <= 1e-12 * lk)
		return undefinedStat('no variation: intersecting units all carry one code, so expected disagreement is 0');
	const full = sum(mx.u[ki + 1]);
	return defined(1 - (ek * Do) / (lk * De), { coverage: lk / full });
}

interface Section {
	start: number;
	end: number;
	unit: boolean;
}

/** The 2004 per-category observed and expected disagreement, or why it cannot be computed. */
function category2004(
	coders: { name: string; spans: Span[] }[],
	L: number,
	c: Category
): { Do: number; De: number } | string {
	const m = coders.length;
	const sections: Section[][] = [];
	const units: number[] = [];
	const gaps: number[] = [];
	for (const coder of coders) {
		const own = coder.spans.filter((s) => s.code === c && s.end > s.start).sort((a, b) => a.start - b.start);
		const out: Section[] = [];
		let pos = 0;
		for (const s of own) {
			if (s.start < pos)
				return `coder ${coder.name} has overlapping units of ${JSON.stringify(c)} (at ${s.start}–${pos}); alpha_U needs them not to overlap`;
			if (s.start > pos) {
				out.push({ start: pos, end: s.start, unit: false });
				gaps.push(s.start - pos);
			}
			out.push({ start: s.start, end: s.end, unit: true });
			units.push(s.end - s.start);
			pos = s.end;
		}
		if (pos < L) {
			out.push({ start: pos, end: L, unit: false });
			gaps.push(L - pos);
		}
		sections.push(out);
	}
	let obs = 0;
	for (let i = 0; i < m; i++)
		for (let j = i + 1; j < m; j++) {
			const A = sections[i];
			const B = sections[j];
			let a = 0;
			let b = 0;
			while (a < A.length && b < B.length) {
				const x = A[a];
				const y = B[b];
				if (Math.min(x.end, y.end) > Math.max(x.start, y.start)) {
					if (x.unit && y.unit) obs += (x.start - y.start) ** 2 + (x.end - y.end) ** 2;
					else if (x.unit && x.start >= y.start && x.end <= y.end) obs += (x.end - x.start) ** 2;
					else if (y.unit && y.start >= x.start && y.end <= x.end) obs += (y.end - y.start) ** 2;
				}
				if (x.end < y.end) a++;
				else if (x.end > y.end) b++;
				else {
					a++;
					b++;
				}
			}
		}
	const Do = (2 * obs) / (m * (m - 1) * L * L);
	const N = units.length;
	gaps.sort((p, q) => p - q);
	const suffix = new Array<number>(gaps.length + 1).fill(0);
	for (let g = gaps.length - 1; g >= 0; g--) suffix[g] = suffix[g + 1] + gaps[g];
	let exp = 0;
	let selfPairs = 0;
	for (const len of units) {
		// gaps at least as long as the unit: Σ (gap − len + 1)
		let lo = 0;
		let hi = gaps.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (gaps[mid] >= len) hi = mid;
			else lo = mid + 1;
		}
		const fits = suffix[lo] - (len - 1) * (gaps.length - lo);
		exp += ((N - 1) * (2 * len ** 3 - 3 * len ** 2 + len)) / 3 + len * len * fits;
		selfPairs += len * (len - 1);
	}
	const De = ((2 / L) * exp) / (m * L * (m * L - 1) - selfPairs);
	return { Do, De };
}

/**
 * Krippendorff's (2004) alpha_U for one category, or over all categories when none is named
 * (1 − Σ Do_c / Σ De_c, as DKPro).
 */
export function unitizingAlpha2004(input: SpansInput, category?: Category): Stat {
	const { length: L, coders } = coderSpans(input);
	if (coders.length < 2) return undefinedStat(REASONS.fewCoders);
	if (L === 0) return undefinedStat('the continuum is empty (length 0)');
	const cats: Category[] = [];
	for (const c of coders) for (const s of c.spans) if (!cats.includes(s.code)) cats.push(s.code);
	const which = category === undefined ? cats : [category];
	if (which.length === 0) return undefinedStat('no coder marked any unit, so expected disagreement is 0');
	let Do = 0;
	let De = 0;
	for (const c of which) {
		const r = category2004(coders, L, c);
		if (typeof r === 'string') return undefinedStat(r);
		Do += r.Do;
		De += r.De;
	}
	if (De === 0) return undefinedStat(`no coder marked a unit of ${JSON.stringify(category)}, so expected disagreement is 0`);
	return defined(1 - Do / De, { Do: Do / which.length, De: De / which.length });
}
