// Recall and precision of the detector against identifiers known to be in a text (the
// corpus generator's pii.json). Match rule: a planted identifier is found when a finding of
// the same category, in the same document, overlaps it by at least one UTF-16 unit; a finding
// is correct when it overlaps a planted identifier of its category. A full name planted as
// first_name + surname is therefore found by one finding covering both. The generator's
// categories map onto the detector's: first_name and surname → name, employer → workplace,
// city → place; the others have the same names.

import type { DeidCategory, Finding } from './types';

export interface PlantedItem {
	doc: string;
	category: string;
	text: string;
	start16: number;
	end16: number;
}

export const PLANTED_CATEGORY: Record<string, DeidCategory> = {
	// The detector's own names map to themselves (hand-made test sets use them).
	name: 'name',
	workplace: 'workplace',
	place: 'place',
	first_name: 'name',
	surname: 'name',
	employer: 'workplace',
	city: 'place',
	address: 'address',
	phone: 'phone',
	email: 'email',
	date_of_birth: 'date_of_birth',
	national_id: 'national_id'
};

export interface Rate {
	/** Items counted (planted items for recall, findings for precision). */
	total: number;
	hit: number;
	/** hit / total, or null when there is nothing to count. */
	value: number | null;
}

export interface Measurement {
	recall: Rate;
	precision: Rate;
	/** Recall per planted category (first_name, surname, employer …). */
	recallByPlanted: Record<string, Rate>;
	/** Precision per finding category (name, workplace …). */
	precisionByCategory: Partial<Record<DeidCategory, Rate>>;
	/** Planted items no finding of their category overlaps. */
	missed: PlantedItem[];
	/** Findings that overlap no planted item of their category. */
	falsePositives: Finding[];
}

const rate = (hit: number, total: number): Rate => ({ hit, total, value: total ? hit / total : null });

export function measure(findings: readonly Finding[], planted: readonly PlantedItem[]): Measurement {
	const byDoc = new Map<string, Finding[]>();
	for (const f of findings) {
		const list = byDoc.get(f.doc) ?? [];
		list.push(f);
		byDoc.set(f.doc, list);
	}
	const plantedByDoc = new Map<string, PlantedItem[]>();
	for (const p of planted) {
		const list = plantedByDoc.get(p.doc) ?? [];
		list.push(p);
		plantedByDoc.set(p.doc, list);
	}
	const overlaps = (f: Finding, p: PlantedItem) => f.start < p.end16 && p.start16 < f.end && PLANTED_CATEGORY[p.category] === f.category;

	const missed: PlantedItem[] = [];
	const recallCounts: Record<string, [number, number]> = {};
	for (const p of planted) {
		const found = (byDoc.get(p.doc) ?? []).some((f) => overlaps(f, p));
		const c = (recallCounts[p.category] ??= [0, 0]);
		c[1]++;
		if (found) c[0]++;
		else missed.push(p);
	}
	const falsePositives: Finding[] = [];
	const precisionCounts: Partial<Record<DeidCategory, [number, number]>> = {};
	for (const f of findings) {
		const ok = (plantedByDoc.get(f.doc) ?? []).some((p) => overlaps(f, p));
		const c = (precisionCounts[f.category] ??= [0, 0]);
		c[1]++;
		if (ok) c[0]++;
		else falsePositives.push(f);
	}
	return {
		recall: rate(planted.length - missed.length, planted.length),
		precision: rate(findings.length - falsePositives.length, findings.length),
		recallByPlanted: Object.fromEntries(Object.entries(recallCounts).map(([k, [h, t]]) => [k, rate(h, t)])),
		precisionByCategory: Object.fromEntries(Object.entries(precisionCounts).map(([k, v]) => [k, rate(v![0], v![1])])),
		missed,
		falsePositives
	};
}
