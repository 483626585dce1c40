// Comparing coders on one transcript: the list the side-by-side view marks and the
// reconciliation steps through. Per code, the codings of all compared coders are merged into
// stretches (overlapping or touching codings join); each stretch is an agreement (every coder
// coded it, with the same boundaries or covering at least `overlap` of it), a partial overlap
// (every coder coded some of it, not all enough of it), or one-sided (some coders did not
// code it at all). Pure; the screens decide how to show it.

import type { Coding, Id } from '../types';

export type ComparisonStatus = 'exact' | 'agree' | 'partial' | 'only';

export interface ComparedStretch {
	codeId: Id;
	start: number;
	end: number;
	status: ComparisonStatus;
	/** The codings of each compared coder inside the stretch (empty for a coder who did not code it). */
	byCoder: Record<Id, Coding[]>;
	/** Coders who coded nothing of it (for 'only'). */
	missing: Id[];
}

export const COMPARISON_LABELS: Record<ComparisonStatus, string> = {
	exact: 'same passage',
	agree: 'agree (boundaries differ a little)',
	partial: 'partial overlap',
	only: 'coded by one side only'
};

/** Stretches of one transcript, in text order (by start, then shorter first). */
export function compareCoders(codings: readonly Coding[], coderIds: readonly Id[], overlap = 0.9): ComparedStretch[] {
	const chosen = new Set(coderIds);
	const byCode = new Map<Id, Coding[]>();
	for (const k of codings) {
		if (!chosen.has(k.coderId) || k.orphaned || k.end <= k.start) continue;
		const list = byCode.get(k.codeId);
		if (list) list.push(k);
		else byCode.set(k.codeId, [k]);
	}
	const out: ComparedStretch[] = [];
	for (const [codeId, list] of byCode) {
		list.sort((a, b) => a.start - b.start || a.end - b.end);
		let cur: Coding[] = [];
		let end = -1;
		const flush = () => {
			if (cur.length) out.push(stretch(codeId, cur, coderIds, overlap));
			cur = [];
		};
		for (const k of list) {
			if (cur.length && k.start > end) flush();
			cur.push(k);
			end = cur.length === 1 ? k.end : Math.max(end, k.end);
		}
		flush();
	}
	return out.sort((a, b) => a.start - b.start || a.end - b.end || (a.codeId < b.codeId ? -1 : a.codeId > b.codeId ? 1 : 0));
}

function coveredLength(ks: readonly Coding[], start: number, end: number): number {
	let total = 0;
	let at = start;
	for (const k of [...ks].sort((a, b) => a.start - b.start)) {
		const from = Math.max(k.start, at);
		const to = Math.min(k.end, end);
		if (to > from) total += to - from;
		at = Math.max(at, Math.min(k.end, end));
	}
	return total;
}

function stretch(codeId: Id, ks: readonly Coding[], coderIds: readonly Id[], overlap: number): ComparedStretch {
	const start = Math.min(...ks.map((k) => k.start));
	const end = Math.max(...ks.map((k) => k.end));
	const byCoder: Record<Id, Coding[]> = Object.fromEntries(coderIds.map((id) => [id, ks.filter((k) => k.coderId === id)]));
	const missing = coderIds.filter((id) => byCoder[id].length === 0);
	let status: ComparisonStatus;
	if (missing.length > 0) status = 'only';
	else {
		const spans = coderIds.map((id) => byCoder[id].map((k) => `${k.start}-${k.end}`).sort().join(','));
		if (spans.every((s) => s === spans[0])) status = 'exact';
		else status = coderIds.every((id) => coveredLength(byCoder[id], start, end) >= overlap * (end - start) - 1e-9) ? 'agree' : 'partial';
	}
	return { codeId, start, end, status, byCoder, missing };
}

/** Whether a stretch is one to discuss: a partial overlap or one-sided. */
export function isDisagreement(status: ComparisonStatus): boolean {
	return status === 'partial' || status === 'only';
}

/** The stretches to discuss: everything that is not an agreement. */
export function disagreements(stretches: readonly ComparedStretch[]): ComparedStretch[] {
	return stretches.filter((s) => isDisagreement(s.status));
}

/** How far from agreement each status is, for showing the worst of several. */
const STATUS_RANK: Record<ComparisonStatus, number> = { exact: 0, agree: 1, partial: 2, only: 3 };

/** The stretch each compared coding belongs to, by coding id. */
export function stretchOfCoding(stretches: readonly ComparedStretch[]): Map<Id, ComparedStretch> {
	const m = new Map<Id, ComparedStretch>();
	for (const s of stretches) for (const list of Object.values(s.byCoder)) for (const k of list) m.set(k.id, s);
	return m;
}

/** Of the stretches some codings (covering one piece of text) belong to, the one furthest from agreement. */
export function worstStretch(codings: readonly Coding[], stretchOf: ReadonlyMap<Id, ComparedStretch>): ComparedStretch | null {
	let worst: ComparedStretch | null = null;
	for (const k of codings) {
		const s = stretchOf.get(k.id);
		if (s && (!worst || STATUS_RANK[s.status] > STATUS_RANK[worst.status])) worst = s;
	}
	return worst;
}

/**
 * `compareCoders` over many transcripts, remembering each transcript's answer: a transcript
 * whose compared codings are the same objects as last time (and the coders and overlap the
 * same) is not compared again. For a screen that recomputes every transcript after a change
 * to one of them.
 */
export function comparisonCache(): (docId: Id, codings: readonly Coding[], coderIds: readonly Id[], overlap: number) => ComparedStretch[] {
	const last = new Map<Id, { used: Coding[]; coders: string; overlap: number; stretches: ComparedStretch[] }>();
	return (docId, codings, coderIds, overlap) => {
		const chosen = new Set(coderIds);
		const used = codings.filter((k) => chosen.has(k.coderId));
		const coders = coderIds.join('|');
		const hit = last.get(docId);
		if (hit && hit.coders === coders && hit.overlap === overlap && hit.used.length === used.length && hit.used.every((k, i) => k === used[i])) return hit.stretches;
		const stretches = compareCoders(used, coderIds, overlap);
		last.set(docId, { used, coders, overlap, stretches });
		return stretches;
	};
}

/** A run of text [start, end) with the codings (of one coder) that cover all of it. */
export interface Piece {
	start: number;
	end: number;
	codings: Coding[];
}

/**
 * Splits [from, to) at every boundary of the given codings inside it: consecutive pieces,
 * each with the codings covering it (empty for uncoded text). Codings need not be sorted.
 */
export function splitPieces(from: number, to: number, codings: readonly Coding[]): Piece[] {
	if (to <= from) return [];
	const inside = codings.filter((k) => k.start < to && k.end > from);
	const cuts = new Set<number>([from, to]);
	for (const k of inside) {
		if (k.start > from) cuts.add(k.start);
		if (k.end < to) cuts.add(k.end);
	}
	const at = [...cuts].sort((a, b) => a - b);
	const out: Piece[] = [];
	for (let i = 0; i + 1 < at.length; i++) {
		const start = at[i];
		const end = at[i + 1];
		out.push({ start, end, codings: inside.filter((k) => k.start <= start && k.end >= end) });
	}
	return out;
}

/** The rows the side-by-side view lines up: speaker turns, or lines when the text has no turns. */
export interface TextRow {
	start: number;
	end: number;
	speaker: string;
	role: 'interviewer' | 'participant' | 'none';
	timestamp?: string;
}

export function textRows(text: string, turns: readonly { speaker: string; role: 'interviewer' | 'participant'; start: number; end: number; textStart: number; timestamp?: string }[]): TextRow[] {
	if (turns.length) {
		return turns.map((t) => ({ start: t.textStart, end: t.end, speaker: t.speaker, role: t.role, ...(t.timestamp ? { timestamp: t.timestamp } : {}) }));
	}
	const rows: TextRow[] = [];
	let at = 0;
	for (const line of text.split('\n')) {
		const end = at + line.length;
		if (line.trim()) rows.push({ start: at, end: line.endsWith('\r') ? end - 1 : end, speaker: '', role: 'none' });
		at = end + 1;
	}
	return rows;
}
