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
	type Event = { pos: number; coder: number; code: Category; delta: number };
	const events: Event[] = [];
	coders.forEach((c, i) => {
		for (const s of c.spans) {
			if (s.start === s.end) continue;
			if (code !== undefined && s.code !== code) continue;
			events.push({ pos: s.start, coder: i, code: s.code, delta: 1 });
			events.push({ pos: s.end, coder: i, code: s.code, delta: -1 });
		}
	});
	events.sort((a, b) => a.pos - b.pos);

	const binary = code !== undefined;
	const categories: Category[] = binary ? [0, 1] : [];
	const catIndex = new Map<Category, number>(categories.map((c, i) => [c, i]));
	const indexOf = (c: Category): number => {
		let i = catIndex.get(c);
		if (i === undefined) {
			i = categories.length;
			categories.push(c);
			catIndex.set(c, i);
		}
		return i;
	};
	if (!binary) indexOf('[]');

	const active: Map<Category, number>[] = coders.map(() => new Map());
	const state = new Array<number>(m).fill(binary ? 0 : indexOf('[]'));
	const stateOf = (i: number): number => {
		const a = active[i];
		if (binary) return (a.get(code as Category) ?? 0) > 0 ? 1 : 0;
		const codes = [...a.keys()].filter((k) => (a.get(k) ?? 0) > 0);
		codes.sort((x, y) => (String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0));
		return indexOf(JSON.stringify(codes));
	};

	const rows = new Map<string, { states: number[]; weight: number }>();
	const cells = new Map<string, number>();
	const emit = (from: number, to: number) => {
		const len = to - from;
		if (len <= 0) return;
		const sorted = [...state].sort((a, b) => a - b);
		const key = sorted.join(',');
		const r = rows.get(key);
		if (r) r.weight += len;
		else rows.set(key, { states: sorted, weight: len });
		if (m === 2) {
			const ck = `${state[0]},${state[1]}`;
			cells.set(ck, (cells.get(ck) ?? 0) + len);
		}
	};

	let pos = 0;
	let e = 0;
	while (e < events.length) {
		const at = events[e].pos;
		emit(pos, at);
		const touched = new Set<number>();
		while (e < events.length && events[e].pos === at) {
			const ev = events[e++];
			const a = active[ev.coder];
			a.set(ev.code, (a.get(ev.code) ?? 0) + ev.delta);
			touched.add(ev.coder);
		}
		for (const i of touched) state[i] = stateOf(i);
		pos = at;
	}
	emit(pos, length);

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
		for (const [k, w] of cells) {
			const [a, b] = k.split(',').map(Number);
			table[a][b] += w;
		}
		pair = { categories: [...categories], table };
	}
	return { counts: { categories, counts, weights }, pair, positive: binary ? 1 : null, coders: m };
}
