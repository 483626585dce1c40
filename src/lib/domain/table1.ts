// Table 1: the participants' characteristics as papers print them. Per attribute, a category
// gives counts and percentages of the participants with a value (missing values counted on a
// row of their own), a number gives mean (SD), median and range, a date its range. Attribute
// types come from the project (Project.attributes) or, when not set, from the values (all
// numbers: number; otherwise category). Pure: the Participants screen, every export format
// and `tema table1` use it.

import { naturalCompare } from './themeTable';
import type { AttributeDef, AttributeType, AttributeValue, Participant } from './types';

/** "sick_leave_pct_at_start" → "Sick leave pct at start"; "workStatus" → "Work status". */
export function humanise(name: string): string {
	const spaced = name
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.replace(/[_-]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.toLocaleLowerCase();
	return spaced ? spaced[0].toLocaleUpperCase() + spaced.slice(1) : name;
}

/** The type the values suggest: numbers only → number; ISO dates only → date; else category. */
export function guessType(values: readonly AttributeValue[]): AttributeType {
	const present = values.filter((v) => v !== null && v !== '');
	if (present.length === 0) return 'category';
	if (present.every((v) => typeof v === 'number')) return 'number';
	if (present.every((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))) return 'date';
	return 'category';
}

/**
 * Every attribute of the participants with its type: the project's definitions first, in
 * their order, then attributes found only on participants (types guessed), in column order.
 */
export function attributeDefs(defined: readonly AttributeDef[] | undefined, participants: readonly Participant[]): AttributeDef[] {
	const out: AttributeDef[] = [...(defined ?? [])];
	const known = new Set(out.map((d) => d.name));
	for (const p of participants)
		for (const name of Object.keys(p.attributes))
			if (!known.has(name)) {
				known.add(name);
				out.push({ name, type: guessType(participants.map((q) => q.attributes[name] ?? null)) });
			}
	return out;
}

/** The attributes of the given types (defined, or guessed from the values), in order. */
export function attributesOfType(
	defined: readonly AttributeDef[] | undefined,
	participants: readonly Participant[],
	...types: AttributeType[]
): AttributeDef[] {
	return attributeDefs(defined, participants).filter((d) => types.includes(d.type));
}

/** A number read from an attribute value ("3,5" and "3.5" are 3.5); null when it is not one. */
export function numberOf(v: AttributeValue | undefined): number | null {
	if (typeof v === 'number') return Number.isFinite(v) ? v : null;
	if (v === null || v === undefined) return null;
	const s = v.trim().replace(/\s/g, '').replace(',', '.');
	return s !== '' && /^[-+]?\d+(\.\d+)?$/.test(s) ? Number(s) : null;
}

/** A category read from an attribute value (numbers as written); null when missing or blank. */
export function categoryOf(v: AttributeValue | undefined): string | null {
	if (v === null || v === undefined) return null;
	const s = String(v).trim();
	return s === '' ? null : s;
}

/** A category value as people read it: "partial_sick_leave" → "Partial sick leave"; "30-39" stays. */
export function valueLabel(value: string): string {
	return /_/.test(value) || /^[a-z]/.test(value) ? humanise(value) : value;
}

/** The middle value of numbers (mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const s = [...values].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface Summary {
	/** Values present (missing ones are left out). */
	n: number;
	mean: number | null;
	/** Sample standard deviation (n − 1); null below two values. */
	sd: number | null;
	median: number | null;
	min: number | null;
	max: number | null;
}

/** n, mean (SD), median and range of the values that are present. */
export function summarise(values: readonly (number | null)[]): Summary {
	const xs = values.filter((x): x is number => x !== null && Number.isFinite(x));
	if (xs.length === 0) return { n: 0, mean: null, sd: null, median: null, min: null, max: null };
	const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
	const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1)) : null;
	return { n: xs.length, mean, sd, median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
}

export interface CategoryRow {
	value: string;
	n: number;
	/** Share of the participants with a value (0–1). */
	share: number;
}

export type Table1Item =
	| { kind: 'category'; name: string; label: string; rows: CategoryRow[]; missing: number }
	| { kind: 'number'; name: string; label: string; n: number; mean: number; sd: number | null; median: number; min: number; max: number; missing: number }
	| { kind: 'date'; name: string; label: string; n: number; first: string; last: string; missing: number }
	| { kind: 'empty'; name: string; label: string; missing: number };

export interface Table1 {
	/** Participants described. */
	n: number;
	items: Table1Item[];
}

export interface Table1Options {
	/** Attributes to leave out (by name). */
	exclude?: readonly string[];
	/** Category order: as the values sort naturally (default; age bands stay in order) or by count. */
	order?: 'natural' | 'count';
}

export function buildTable1(participants: readonly Participant[], defs: readonly AttributeDef[], options: Table1Options = {}): Table1 {
	const skip = new Set(options.exclude ?? []);
	const items: Table1Item[] = [];
	for (const def of defs) {
		if (skip.has(def.name)) continue;
		const label = humanise(def.name);
		const values = participants.map((p) => p.attributes[def.name] ?? null);
		if (def.type === 'number') {
			const s = summarise(values.map(numberOf));
			const missing = participants.length - s.n;
			if (s.n === 0) items.push({ kind: 'empty', name: def.name, label, missing });
			else items.push({ kind: 'number', name: def.name, label, n: s.n, mean: s.mean!, sd: s.sd, median: s.median!, min: s.min!, max: s.max!, missing });
		} else if (def.type === 'date') {
			const dates = values.map(categoryOf).filter((x): x is string => x !== null && /^\d{4}-\d{2}-\d{2}$/.test(x)).sort();
			const missing = participants.length - dates.length;
			if (dates.length === 0) items.push({ kind: 'empty', name: def.name, label, missing });
			else items.push({ kind: 'date', name: def.name, label, n: dates.length, first: dates[0], last: dates[dates.length - 1], missing });
		} else {
			const counts = new Map<string, number>();
			let missing = 0;
			for (const v of values) {
				const c = categoryOf(v);
				if (c === null) missing++;
				else counts.set(c, (counts.get(c) ?? 0) + 1);
			}
			const present = participants.length - missing;
			if (present === 0) {
				items.push({ kind: 'empty', name: def.name, label, missing });
				continue;
			}
			const rows = [...counts].map(([value, n]) => ({ value, n, share: n / present }));
			rows.sort((a, b) => (options.order === 'count' ? b.n - a.n : 0) || naturalCompare(a.value, b.value));
			items.push({ kind: 'category', name: def.name, label, rows, missing });
		}
	}
	return { n: participants.length, items };
}

/** "78.3" for 0.7826, "13.0" for 0.13, "100" for 1: one decimal, as journals print percentages. */
export function percent(share: number): string {
	const p = Math.round(share * 1000) / 10;
	return p === 100 || p === 0 ? String(p) : p.toFixed(1);
}

/** Mean and SD with a fixed number of decimals ("4.0", not "4"). */
export function fixed(x: number, digits = 1): string {
	return (Math.round(x * 10 ** digits) / 10 ** digits).toFixed(digits);
}

/** Numbers as papers print them: at most `digits` decimals, no trailing zeros beyond one. */
export function fmtNumber(x: number, digits = 1): string {
	const r = Math.round(x * 10 ** digits) / 10 ** digits;
	return Number.isInteger(r) ? String(r) : r.toFixed(digits);
}
