// The saturation curve: interviews in the order they were held, how many codes each one used
// for the first time, and the running number of distinct codes. Interviews are the transcripts
// with at least one coding (an uncoded transcript would "add nothing" only because nobody has
// coded it yet, so it is left out and listed). The order is the project's document order, or
// the participants' interview date when a date attribute is chosen (undated transcripts then
// follow in document order). Codes count as applied, each code on its own (a sub-code is a
// code of its own; nothing is rolled up).
//
// The saturation point: the first interview after which `run` (k, default 3) consecutive
// interviews add no new code. With new codes per interview 5, 3, 0, 0, 0, 1 and k = 3 it is
// interview 2: interviews 3–5 add nothing. A code that still appears later (interview 6 here)
// is reported, not hidden. Fewer than k interviews after the last new code: not reached.

import type { Coding, Id, TranscriptDocument } from '../types';
import { categoryOf, codingsByCode, participantByDoc, participantsByLabel, type AnalysisRows } from './common';

export const DEFAULT_RUN = 3;

export type SaturationOrder = { kind: 'documents' } | { kind: 'date'; attribute: string };

export interface SaturationOptions {
	order: SaturationOrder;
	/** k: interviews in a row without a new code (at least 1). */
	run?: number;
}

export interface InterviewPoint {
	/** 1-based position in the order. */
	position: number;
	doc: TranscriptDocument;
	participant: string;
	/** The interview date when ordering by date ("YYYY-MM-DD"), else null. */
	date: string | null;
	/** Distinct codes used in this interview. */
	codes: number;
	/** Codes used here for the first time, in the order they first appear in the text. */
	newCodes: Id[];
	/** Distinct codes so far, this interview included. */
	cumulative: number;
}

export interface Saturation {
	points: InterviewPoint[];
	/** Transcripts left out because nothing in them is coded. */
	uncoded: TranscriptDocument[];
	/** When ordering by date: coded transcripts without a date (placed last, in document order). */
	undated: number;
	run: number;
	/**
	 * Index in `points` of the saturation point (the interview after which `run` interviews in
	 * a row add no new code), or null when that does not happen.
	 */
	saturationAt: number | null;
	/** New codes that appear after the saturation point's run (0 when none or not reached). */
	laterNewCodes: number;
	/** Distinct codes over every interview. */
	totalCodes: number;
}

/** The first index i with points i+1 … i+k all adding no new code; null if none. */
export function saturationIndex(newPerInterview: readonly number[], run: number): number | null {
	const k = Math.max(1, Math.floor(run));
	let zeros = 0;
	// Scan for the first run of k zeros that follows at least one interview.
	for (let j = 1; j < newPerInterview.length; j++) {
		zeros = newPerInterview[j] === 0 ? zeros + 1 : 0;
		if (zeros === k) return j - k;
	}
	return null;
}

export function saturationCurve(input: AnalysisRows, options: SaturationOptions): Saturation {
	const run = Math.max(1, Math.floor(options.run ?? DEFAULT_RUN));
	const index = codingsByCode(input.codings, input.documents);
	const byDoc = new Map<Id, Coding[]>();
	for (const list of index.values())
		for (const c of list) {
			const l = byDoc.get(c.docId);
			if (l) l.push(c);
			else byDoc.set(c.docId, [c]);
		}
	const pOf = participantByDoc(input.documents);
	const people = participantsByLabel(input.participants);
	const dateOf = (d: TranscriptDocument): string | null => {
		if (options.order.kind !== 'date') return null;
		const v = categoryOf(people.get(pOf.get(d.id)!)?.attributes[options.order.attribute]);
		return v !== null && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null;
	};
	const docs = [...input.documents].sort((a, b) => a.order - b.order);
	const coded = docs.filter((d) => byDoc.has(d.id));
	const uncoded = docs.filter((d) => !byDoc.has(d.id));
	const dated = coded.map((doc, i) => ({ doc, i, date: dateOf(doc) }));
	if (options.order.kind === 'date')
		dated.sort((a, b) => (a.date === null ? 1 : 0) - (b.date === null ? 1 : 0) || (a.date ?? '').localeCompare(b.date ?? '') || a.i - b.i);

	const seen = new Set<Id>();
	const points: InterviewPoint[] = dated.map(({ doc, date }, i) => {
		const list = byDoc.get(doc.id)!.sort((a, b) => a.start - b.start || a.end - b.end);
		const here = new Set<Id>();
		const fresh: Id[] = [];
		for (const c of list) {
			here.add(c.codeId);
			if (!seen.has(c.codeId)) {
				seen.add(c.codeId);
				fresh.push(c.codeId);
			}
		}
		return { position: i + 1, doc, participant: pOf.get(doc.id)!, date, codes: here.size, newCodes: fresh, cumulative: seen.size };
	});
	const saturationAt = saturationIndex(
		points.map((p) => p.newCodes.length),
		run
	);
	const laterNewCodes = saturationAt === null ? 0 : points.slice(saturationAt + 1).reduce((a, p) => a + p.newCodes.length, 0);
	return {
		points,
		uncoded,
		undated: options.order.kind === 'date' ? dated.filter((d) => d.date === null).length : 0,
		run,
		saturationAt,
		laterNewCodes,
		totalCodes: seen.size
	};
}

/** The rule and the result in words, for the screen and the chart's description. */
export function saturationSentence(s: Saturation): string {
	const rule = `Saturation point: the first interview after which ${s.run} interview${s.run === 1 ? '' : 's'} in a row add${s.run === 1 ? 's' : ''} no new code.`;
	if (s.points.length === 0) return `${rule} No transcript is coded yet.`;
	if (s.saturationAt === null)
		return `${rule} Not reached: no run of ${s.run} interview${s.run === 1 ? '' : 's'} without a new code (${s.totalCodes} codes over ${s.points.length} interviews).`;
	const p = s.points[s.saturationAt];
	const later =
		s.laterNewCodes > 0
			? ` ${s.laterNewCodes} new code${s.laterNewCodes === 1 ? '' : 's'} still appeared later.`
			: ' No new code appeared after it.';
	const after = s.run === 1 ? `interview ${p.position + 1}` : `interviews ${p.position + 1}–${p.position + s.run}`;
	return `${rule} Reached at interview ${p.position} (${p.participant}), with ${p.cumulative} of ${s.totalCodes} codes; ${after} added none.${later}`;
}
