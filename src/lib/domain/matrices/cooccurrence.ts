// Code co-occurrence: which codes are applied to overlapping or nearby text. Two codings
// co-occur when they are in the same transcript, have different codes, and either share at
// least one character or (with a distance N > 0) lie at most N characters apart: the gap from
// the end of the first to the start of the second is ≤ N. N = 0 means overlapping only, so
// two codings that merely touch (one ends where the other starts) co-occur from N = 1 on.
// A cell counts co-occurring pairs of codings (by extracts) or the distinct participants
// with at least one such pair; the matrix is symmetric and its diagonal holds each code's own
// extracts or participants. Every coder's codings in the analysis layer count, so a pair may
// come from two coders unless `sameCoder` asks for pairs coded by one coder. Codes are taken
// as applied (no roll-up into parent codes: a parent would co-occur with its own sub-codes).

import type { Coding, Id, TranscriptDocument } from '../types';
import { codeRows, codingsByCode, docOrder, naturalCompare, participantByDoc, sortExtracts, type AnalysisRows, type RowItem } from './common';

export type CooccurrenceMeasure = 'extracts' | 'participants';

export interface CooccurrenceOptions {
	/** Largest gap in characters between two codings that still co-occur; 0 = overlapping only. */
	distance: number;
	/** Only pairs whose two codings were made by the same coder (default: any coder). */
	sameCoder?: boolean;
}

export interface CooccurrenceMatrix {
	/** Codes with at least one extract, in tree order. */
	codes: RowItem[];
	/** pairs[i][j]: co-occurring pairs of codings of codes i and j; the diagonal: code i's extracts. */
	pairs: number[][];
	/** participants[i][j]: participants with at least one such pair; the diagonal: participants with code i. */
	participants: number[][];
	/** Largest off-diagonal value for each measure, for shading. */
	max: Record<CooccurrenceMeasure, number>;
	distance: number;
}

/** The gap between two spans: negative when they overlap, 0 when they touch, else the characters between. */
export function gapBetween(a: Pick<Coding, 'start' | 'end'>, b: Pick<Coding, 'start' | 'end'>): number {
	return Math.max(a.start, b.start) - Math.min(a.end, b.end);
}

/** Whether two spans of the same transcript co-occur at `distance` (the rule above). */
export function cooccur(a: Pick<Coding, 'start' | 'end'>, b: Pick<Coding, 'start' | 'end'>, distance: number): boolean {
	const gap = gapBetween(a, b);
	return gap < 0 || (distance > 0 && gap <= distance);
}

/**
 * The codings that can co-occur, per transcript, sorted by start: non-orphaned codings of
 * known codes in known transcripts. Transcripts come grouped by participant so that distinct
 * participants can be counted with one stamp per cell.
 */
function perDocument(input: AnalysisRows, codeIndex: ReadonlyMap<Id, number>): { doc: TranscriptDocument; participant: number; codings: Coding[] }[] {
	const byDoc = new Map<Id, Coding[]>();
	for (const [codeId, list] of codingsByCode(input.codings, input.documents)) {
		if (!codeIndex.has(codeId)) continue;
		for (const c of list) {
			const l = byDoc.get(c.docId);
			if (l) l.push(c);
			else byDoc.set(c.docId, [c]);
		}
	}
	const pOf = participantByDoc(input.documents);
	const labels = [...new Set(input.documents.map((d) => pOf.get(d.id)!))].sort(naturalCompare);
	const pIndex = new Map(labels.map((p, i) => [p, i]));
	return input.documents
		.filter((d) => byDoc.has(d.id))
		.map((doc) => ({ doc, participant: pIndex.get(pOf.get(doc.id)!)!, codings: byDoc.get(doc.id)!.sort((a, b) => a.start - b.start || a.end - b.end) }))
		.sort((a, b) => a.participant - b.participant);
}

/** The co-occurring pairs of one transcript's codings (sorted by start), calling `visit` for each. */
function eachPair(codings: readonly Coding[], options: CooccurrenceOptions, visit: (a: Coding, b: Coding) => void): void {
	const distance = Math.max(0, Math.floor(options.distance));
	for (let i = 0; i < codings.length; i++) {
		const a = codings[i];
		// Sorted by start, so b.start ≥ a.start: b overlaps a iff b.start < a.end, and is
		// within the distance iff b.start − a.end ≤ distance. Later codings start later still.
		const limit = distance > 0 ? a.end + distance + 1 : a.end;
		for (let j = i + 1; j < codings.length; j++) {
			const b = codings[j];
			if (b.start >= limit) break;
			if (b.codeId === a.codeId) continue;
			if (options.sameCoder && b.coderId !== a.coderId) continue;
			visit(a, b);
		}
	}
}

export function cooccurrence(input: AnalysisRows, options: CooccurrenceOptions): CooccurrenceMatrix {
	const index = codingsByCode(input.codings, input.documents);
	const codes = codeRows(input.codes).filter((r) => (index.get(r.id)?.length ?? 0) > 0);
	const n = codes.length;
	const codeIndex = new Map(codes.map((c, i) => [c.id, i]));
	const pairs = Array.from({ length: n }, () => new Array<number>(n).fill(0));
	const people = Array.from({ length: n }, () => new Array<number>(n).fill(0));
	const stamp = new Int32Array(n * n).fill(-1);
	const docs = perDocument(input, codeIndex);
	for (const { participant, codings } of docs) {
		for (const c of codings) {
			const i = codeIndex.get(c.codeId)!;
			pairs[i][i]++;
			if (stamp[i * n + i] !== participant) {
				stamp[i * n + i] = participant;
				people[i][i]++;
			}
		}
		eachPair(codings, options, (a, b) => {
			const i = codeIndex.get(a.codeId)!;
			const j = codeIndex.get(b.codeId)!;
			pairs[i][j]++;
			pairs[j][i]++;
			// One stamp per unordered pair keeps the two halves equal.
			const key = i < j ? i * n + j : j * n + i;
			if (stamp[key] !== participant) {
				stamp[key] = participant;
				people[i][j]++;
				people[j][i]++;
			}
		});
	}
	const max = { extracts: 0, participants: 0 };
	for (let i = 0; i < n; i++)
		for (let j = 0; j < n; j++)
			if (i !== j) {
				max.extracts = Math.max(max.extracts, pairs[i][j]);
				max.participants = Math.max(max.participants, people[i][j]);
			}
	return { codes, pairs, participants: people, max, distance: Math.max(0, Math.floor(options.distance)) };
}

export interface CooccurringPair {
	/** The coding of the first code asked for, and of the second. */
	a: Coding;
	b: Coding;
	doc: TranscriptDocument;
	participant: string;
	/** Negative: they overlap by −gap characters; 0: they touch; else the characters between. */
	gap: number;
}

/** The pairs behind a cell (drill-down), in document then text order. */
export function cooccurringPairs(input: AnalysisRows, codeA: Id, codeB: Id, options: CooccurrenceOptions): CooccurringPair[] {
	if (codeA === codeB) return [];
	const index = codingsByCode(input.codings, input.documents);
	const pOf = participantByDoc(input.documents);
	const docById = new Map(input.documents.map((d) => [d.id, d]));
	const byDoc = new Map<Id, Coding[]>();
	for (const id of [codeA, codeB])
		for (const c of index.get(id) ?? []) {
			const list = byDoc.get(c.docId);
			if (list) list.push(c);
			else byDoc.set(c.docId, [c]);
		}
	const out: CooccurringPair[] = [];
	const order = docOrder(input.documents);
	for (const docId of [...byDoc.keys()].sort((x, y) => (order.get(x) ?? 0) - (order.get(y) ?? 0))) {
		const list = byDoc.get(docId)!.sort((a, b) => a.start - b.start || a.end - b.end);
		eachPair(list, options, (x, y) => {
			const [a, b] = x.codeId === codeA ? [x, y] : [y, x];
			out.push({ a, b, doc: docById.get(docId)!, participant: pOf.get(docId)!, gap: gapBetween(a, b) });
		});
	}
	return out;
}

/** A code's own extracts (the diagonal's drill-down), in document then text order. */
export function codeExtracts(input: AnalysisRows, codeId: Id): Coding[] {
	return sortExtracts([...(codingsByCode(input.codings, input.documents).get(codeId) ?? [])], docOrder(input.documents));
}

/** "overlap by 12 characters", "touching", "5 characters apart". */
export function describeGap(gap: number): string {
	if (gap < 0) return `overlap by ${-gap} character${gap === -1 ? '' : 's'}`;
	if (gap === 0) return 'touching';
	return `${gap} character${gap === 1 ? '' : 's'} apart`;
}
