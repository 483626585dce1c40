// Character-level agreement (as NVivo and QualCoder compute it): every character of the
// document is a unit, and each coder's value for it is "coded with C / not" (or, with no code
// named, the set of codes on it). Computed by a sweep over span boundaries, never per character:
// a run of characters in the same state is one weighted row. A coder's overlapping spans of
// the same code count once (they are merged).
import { coderSpans, type SpansInput } from './inputs';
import type { Category, CategoryCounts, PairTable } from './types';

export interface CharacterData {
	/** Per-character category counts (rows weighted by run length). */
	counts: CategoryCounts;
	/** Two coders only: the per-character contingency table; null otherwise. */
	pair: PairTable | null;
	/** The category that means "coded" (1) when a code was named, else null. */
	positive: Category | null;
	coders: number;
}

/** Coded (1) or not (0) with `code`; with no code, the JSON list of codes on the character. */
export function characterData(input: SpansInput, code?: Category): CharacterData {
	const { length, coders } = coderSpans(input);
	const m = coders.length;
	const binary = code !== undefined;

	// codes by index; events as parallel arrays sorted by position
	const codeIndex = new Map<Category, number>();
	const codeList: Category[] = [];
	const pos: number[] = [];
	const who: number[] = [];
	const what: number[] = [];
	const delta: number[] = [];
	coders.forEach((c, i) => {
		for (const s of c.spans) {
			if (s.start === s.end) continue;
			if (binary && s.code !== code) continue;
			let k = codeIndex.get(s.code);
			if (k === undefined) {
				k = codeList.length;
				codeList.push(s.code);
				codeIndex.set(s.code, k);
			}
			pos.push(s.start, s.end);
			who.push(i, i);
			what.push(k, k);
			delta.push(1, -1);
		}
	});
	const order = sortedByPosition(pos);
	const K = codeList.length;
	const active = coders.map(() => new Int32Array(Math.max(K, 1)));

	// categories: binary [0, 1]; otherwise the JSON list of codes (sorted by name), '[]' first
	const categories: Category[] = binary ? [0, 1] : ['[]'];
	const catIndex = new Map<string, number>([['', 0]]);
	const sortedCodes = codeList.map((_, k) => k).sort((a, b) => (String(codeList[a]) < String(codeList[b]) ? -1 : 1));
	const stateOf = (i: number): number => {
		const a = active[i];
		if (binary) return a[0] > 0 ? 1 : 0;
		let key = '';
		for (const k of sortedCodes) if (a[k] > 0) key += `${k},`;
		let c = catIndex.get(key);
		if (c === undefined) {
			c = categories.length;
			categories.push(JSON.stringify(sortedCodes.filter((k) => a[k] > 0).map((k) => codeList[k])));
			catIndex.set(key, c);
		}
		return c;
	};

	const state = new Array<number>(m).fill(0);
	const rows = new Map<string, { states: number[]; weight: number }>();
	const cells = new Map<number, number>();
	// binary fast path: runs by how many coders coded the character, and the 2 × 2 cells
	const byCoded = new Array<number>(m + 1).fill(0);
	const binCells = [0, 0, 0, 0];
	let coded = 0;
	const emit = (from: number, to: number) => {
		const len = to - from;
		if (len <= 0) return;
		if (binary) {
			byCoded[coded] += len;
			if (m === 2) binCells[state[0] * 2 + state[1]] += len;
			return;
		}
		const sorted = m === 2 ? (state[0] <= state[1] ? [state[0], state[1]] : [state[1], state[0]]) : [...state].sort((a, b) => a - b);
		const key = sorted.join(',');
		const r = rows.get(key);
		if (r) r.weight += len;
		else rows.set(key, { states: sorted, weight: len });
		if (m === 2) {
			const ck = state[0] * 1_000_003 + state[1];
			cells.set(ck, (cells.get(ck) ?? 0) + len);
		}
	};

	let at = 0;
	let e = 0;
	const touched = new Set<number>();
	while (e < order.length) {
		const p = pos[order[e]];
		emit(at, p);
		touched.clear();
		while (e < order.length && pos[order[e]] === p) {
			const x = order[e++];
			active[who[x]][what[x]] += delta[x];
			touched.add(who[x]);
		}
		for (const i of touched) {
			const next = stateOf(i);
			if (binary) coded += next - state[i];
			state[i] = next;
		}
		at = p;
	}
	emit(at, length);

	if (binary)
		byCoded.forEach((w, x) => {
			if (w > 0) rows.set(String(x), { states: [...new Array<number>(m - x).fill(0), ...new Array<number>(x).fill(1)], weight: w });
		});
	if (binary && m === 2) binCells.forEach((w, k) => w > 0 && cells.set(Math.floor(k / 2) * 1_000_003 + (k % 2), w));
	const q = categories.length;
	const counts: number[][] = [];
	const weights: number[] = [];
	for (const { states, weight } of rows.values()) {
		const row = new Array<number>(q).fill(0);
		for (const s of states) row[s] += 1;
		counts.push(row);
		weights.push(weight);
	}
	let pair: PairTable | null = null;
	if (m === 2) {
		const table = categories.map(() => new Array<number>(q).fill(0));
		for (const [k, w] of cells) table[Math.floor(k / 1_000_003)][k % 1_000_003] += w;
		pair = { categories: [...categories], table };
	}
	return { counts: { categories, counts, weights }, pair, positive: binary ? 1 : null, coders: m };
}

/** Event indices in order of position (stable), by a native numeric sort of packed keys. */
function sortedByPosition(pos: number[]): number[] {
	const n = pos.length;
	const SHIFT = 2 ** 22;
	if (n >= SHIFT || pos.some((p) => p * SHIFT + n > Number.MAX_SAFE_INTEGER))
		return pos.map((_, e) => e).sort((a, b) => pos[a] - pos[b] || a - b);
	const keys = new Float64Array(n);
	for (let e = 0; e < n; e++) keys[e] = pos[e] * SHIFT + e;
	keys.sort();
	const order = new Array<number>(n);
	for (let e = 0; e < n; e++) order[e] = keys[e] % SHIFT;
	return order;
}
