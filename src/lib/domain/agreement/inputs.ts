// Input adapters: the formats of ../shared/agreement/public-vectors.json (reliability matrix,
// contingency table, subject × category counts, 2 × 2 tables per code, spans per coder,
// Krippendorff's 2004 unitizing notation) turned into the shapes the statistics work on.
// Malformed input throws (a usage error); data that leaves a statistic undefined does not.
import type { Category, CategoryCounts, PairTable } from './types';

export type Cell = Category | null | undefined;

/** data[coder][unit]; null (or undefined, or `missing`) = no value. */
export interface ReliabilityMatrix {
	data: Cell[][];
	/** The category scheme, when it has categories nobody used (they count for AC1 and S). */
	categories?: Category[];
	/** An extra marker for a missing value (e.g. "*"), besides null. */
	missing?: Category | null;
}

function isMissing(v: Cell, missing: Category | null | undefined): boolean {
	return v === null || v === undefined || (missing !== null && missing !== undefined && v === missing);
}

function orderCategories(seen: Category[]): Category[] {
	const numeric = seen.every((c) => typeof c === 'number');
	return numeric ? [...seen].sort((a, b) => (a as number) - (b as number)) : seen;
}

/** The categories in the data: the given scheme first, then any others in numeric or first-seen order. */
function categoriesOf(values: Iterable<Cell>, given: Category[] | undefined, missing?: Category | null): Category[] {
	const seen: Category[] = [];
	const known = new Set<Category>(given ?? []);
	for (const v of values) {
		if (isMissing(v, missing) || known.has(v as Category)) continue;
		known.add(v as Category);
		seen.push(v as Category);
	}
	return [...(given ?? []), ...orderCategories(seen)];
}

function checkMatrix(m: ReliabilityMatrix): void {
	if (!Array.isArray(m.data) || m.data.some((row) => !Array.isArray(row)))
		throw new TypeError('reliability matrix: data must be an array of coder rows (data[coder][unit])');
	const len = m.data[0]?.length ?? 0;
	if (m.data.some((row) => row.length !== len))
		throw new TypeError('reliability matrix: every coder row must have one cell per unit');
}

/** Category counts per unit of a reliability matrix (units = columns). */
export function countsFromMatrix(m: ReliabilityMatrix): CategoryCounts {
	checkMatrix(m);
	const categories = categoriesOf(m.data.flat(), m.categories, m.missing);
	const index = new Map<Category, number>(categories.map((c, i) => [c, i]));
	const units = m.data[0]?.length ?? 0;
	const counts: number[][] = [];
	for (let u = 0; u < units; u++) {
		const row = new Array<number>(categories.length).fill(0);
		for (const coder of m.data) {
			const v = coder[u];
			if (!isMissing(v, m.missing)) row[index.get(v as Category) as number] += 1;
		}
		counts.push(row);
	}
	return { categories, counts };
}

/**
 * The two-coder contingency table of a reliability matrix (units both coded), or a reason
 * when the matrix does not have exactly two coders.
 */
export function tableFromMatrix(m: ReliabilityMatrix): PairTable | string {
	checkMatrix(m);
	if (m.data.length !== 2) return `needs exactly two coders (the data has ${m.data.length})`;
	const categories = categoriesOf(m.data.flat(), m.categories, m.missing);
	const index = new Map<Category, number>(categories.map((c, i) => [c, i]));
	const table = categories.map(() => new Array<number>(categories.length).fill(0));
	const [a, b] = m.data;
	for (let u = 0; u < a.length; u++) {
		const x = a[u];
		const y = b[u];
		if (isMissing(x, m.missing) || isMissing(y, m.missing)) continue;
		table[index.get(x as Category) as number][index.get(y as Category) as number] += 1;
	}
	return { categories, table };
}

/** A matrix reduced to one category against the rest: 1 = coder used `code`, 0 = another value. */
export function dichotomize(m: ReliabilityMatrix, code: Category): ReliabilityMatrix {
	return {
		data: m.data.map((row) => row.map((v) => (isMissing(v, m.missing) ? null : v === code ? 1 : 0))),
		categories: [0, 1]
	};
}

/** table[i][j]; categories default to 0…k−1. */
export interface ContingencyInput {
	table: number[][];
	categories?: Category[];
	q?: number;
}

export function pairTable(input: ContingencyInput): PairTable {
	const t = input.table;
	if (!Array.isArray(t) || t.some((r) => !Array.isArray(r) || r.length !== t.length))
		throw new TypeError('contingency table: table must be square (table[i][j])');
	if (t.some((r) => r.some((x) => !(typeof x === 'number' && x >= 0 && Number.isFinite(x)))))
		throw new TypeError('contingency table: counts must be finite numbers ≥ 0');
	const categories = input.categories ?? t.map((_, i) => i);
	if (categories.length !== t.length)
		throw new TypeError(`contingency table: ${categories.length} categories for a ${t.length} × ${t.length} table`);
	return { categories, table: t };
}

/** counts[subject][category] = raters choosing that category. */
export interface SubjectCountsInput {
	counts: number[][];
	categories?: Category[];
}

export function subjectCounts(input: SubjectCountsInput): CategoryCounts {
	const c = input.counts;
	const q = c[0]?.length ?? input.categories?.length ?? 0;
	if (!Array.isArray(c) || c.some((r) => !Array.isArray(r) || r.length !== q))
		throw new TypeError('subject category counts: every subject needs one count per category');
	const categories = input.categories ?? Array.from({ length: q }, (_, i) => i);
	if (categories.length !== q)
		throw new TypeError(`subject category counts: ${categories.length} categories for ${q} count columns`);
	return { categories, counts: c };
}

/** One 2 × 2 table per code: [[both, first only], [second only, neither]]. */
export interface CodeTable {
	code: Category;
	table: [[number, number], [number, number]];
}

/**
 * The tables of a `tables_per_code` input. Accepted shapes: `tables` as an object keyed by
 * code, as an array of {code, table}, or as an array of tables with a parallel `codes` array.
 */
export function codeTables(input: { tables?: unknown; codes?: Category[] }): CodeTable[] {
	const raw = input.tables;
	const check = (code: Category, t: unknown): CodeTable => {
		const ok =
			Array.isArray(t) &&
			t.length === 2 &&
			t.every((r) => Array.isArray(r) && r.length === 2 && r.every((x) => typeof x === 'number' && x >= 0));
		if (!ok) throw new TypeError(`tables per code: the table of ${JSON.stringify(code)} is not [[both, first only], [second only, neither]]`);
		return { code, table: t as CodeTable['table'] };
	};
	if (Array.isArray(raw))
		return raw.map((entry, i) => {
			if (entry && typeof entry === 'object' && !Array.isArray(entry) && 'table' in entry) {
				const e = entry as { code?: Category; name?: Category; table: unknown };
				return check(e.code ?? e.name ?? input.codes?.[i] ?? i, e.table);
			}
			return check(input.codes?.[i] ?? i, entry);
		});
	if (raw && typeof raw === 'object') return Object.entries(raw).map(([code, t]) => check(code, t));
	throw new TypeError('tables per code: expected `tables`');
}

/** A code's 2 × 2 table as a contingency table with categories [code, "not code"]: positive first. */
export function pairTableOfCode(t: CodeTable): PairTable {
	return { categories: [t.code, `not ${t.code}`], table: [[...t.table[0]], [...t.table[1]]] };
}

export interface Span {
	start: number;
	end: number;
	code: Category;
}

/** document_length and, per coder, half-open [start, end) spans with a code. */
export interface SpansInput {
	document_length: number;
	coders: Record<string, Span[]> | Span[][];
}

export interface CoderSpans {
	name: string;
	spans: Span[];
}

/** The coders of a spans input, checked: offsets are integers inside [0, document_length]. */
export function coderSpans(input: SpansInput): { length: number; coders: CoderSpans[] } {
	const L = input.document_length;
	if (!Number.isInteger(L) || L < 0) throw new TypeError('spans: document_length must be an integer ≥ 0');
	const entries: [string, Span[]][] = Array.isArray(input.coders)
		? input.coders.map((s, i) => [String(i + 1), s])
		: Object.entries(input.coders ?? {});
	const coders = entries.map(([name, spans]) => {
		if (!Array.isArray(spans)) throw new TypeError(`spans: coder ${name} has no span list`);
		for (const s of spans) {
			if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end > L || s.start > s.end)
				throw new RangeError(
					`spans: coder ${name} has a span [${s.start}, ${s.end}) outside the document [0, ${L})`
				);
		}
		return { name, spans };
	});
	return { length: L, coders };
}

/** Krippendorff (2004) notation: continuum [B, B + L), coders[i] = units {begin, length, category}. */
export interface Unitizing2004Input {
	continuum_begin?: number;
	continuum_length: number;
	coders: { begin: number; length: number; category: Category }[][];
}

/** The same data as spans relative to the continuum's start. */
export function spansFrom2004(input: Unitizing2004Input): SpansInput {
	const B = input.continuum_begin ?? 0;
	return {
		document_length: input.continuum_length,
		coders: input.coders.map((units) =>
			units.map((u) => ({ start: u.begin - B, end: u.begin - B + u.length, code: u.category }))
		)
	};
}

/**
 * Several documents as one continuum, one after the other: how Tema pools span statistics
 * over documents (per-character tables add up; unitizing sees one long text). Coders are
 * matched by name; a coder missing from a document simply coded nothing there.
 */
export function concatenateSpans(docs: SpansInput[]): SpansInput {
	const names: string[] = [];
	const perDoc = docs.map((d) => coderSpans(d));
	for (const d of perDoc) for (const c of d.coders) if (!names.includes(c.name)) names.push(c.name);
	const coders: Record<string, Span[]> = Object.fromEntries(names.map((n) => [n, [] as Span[]]));
	let offset = 0;
	for (const d of perDoc) {
		for (const c of d.coders)
			for (const s of c.spans) coders[c.name].push({ start: s.start + offset, end: s.end + offset, code: s.code });
		offset += d.length;
	}
	return { document_length: offset, coders };
}
