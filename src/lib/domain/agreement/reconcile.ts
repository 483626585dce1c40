// Reconciling coders into a consensus layer (issue 4, "Reconcile"). The comparison of a
// transcript (compare.ts) gives stretches; each stretch is settled by one Decision: agreements
// are copied ('agreed'), disagreements are settled by accepting one coder's version, keeping
// every coder's codings, merging their boundaries into one coding, or rejecting the code there.
// A decision writes consensus codings that carry their provenance (which decision, which
// coders and codings, who decided, when), and the Decision row itself, so that rejections are
// remembered and reconciliation can be paused and resumed: a stretch is settled when a
// decision for the same consensus layer, document, code and boundaries exists. Deciding again
// replaces the earlier decision and its codings. Pure: the state class commits the changes.

import { contextAround } from '../anchors';
import type { Change, Coding, Decision, DecisionKind, Id, Provenance } from '../types';
import { isDisagreement, type ComparedStretch } from './compare';

/** What the analyst chose for one stretch. */
export type Choice = { kind: 'accept'; coderId: Id } | { kind: 'both' } | { kind: 'merge' } | { kind: 'reject' } | { kind: 'agreed' };

export const DECISION_LABELS: Record<DecisionKind, string> = {
	agreed: 'agreed (copied)',
	accept: 'accepted one version',
	both: 'kept every version',
	merge: 'merged boundaries',
	reject: 'rejected'
};

/** Identifies a stretch across sessions: the same code and boundaries in the same transcript. */
export function stretchKey(docId: Id, codeId: Id, start: number, end: number): string {
	return `${docId}|${codeId}|${start}|${end}`;
}

export interface ReconcileItem {
	stretch: ComparedStretch;
	/** The decision that settled it, or null while it is open. */
	decision: Decision | null;
}

export interface ReconcileState {
	/** Every stretch of the transcript, in text order, with its decision if any. */
	items: ReconcileItem[];
	/** The stretches to discuss (partial overlaps and one-sided codings). */
	disagreements: ReconcileItem[];
	/** Agreements (same passage, or boundaries within the overlap threshold). */
	agreements: ReconcileItem[];
	/** How many disagreements / agreements are settled. */
	decided: number;
	agreementsCopied: number;
	/**
	 * Decisions of this layer and transcript that match no stretch any more: the coders changed
	 * their codings after the decision. Their consensus codings stay; the stretch that replaced
	 * them is open again.
	 */
	outdated: Decision[];
}

/** Where one transcript's reconciliation into one consensus layer stands. */
export function reconcileState(docId: Id, stretches: readonly ComparedStretch[], decisions: readonly Decision[], consensusId: Id): ReconcileState {
	const byKey = new Map<string, Decision>();
	for (const d of decisions) if (d.docId === docId && d.consensusId === consensusId) byKey.set(stretchKey(d.docId, d.codeId, d.start, d.end), d);
	const used = new Set<Id>();
	const items = stretches.map((stretch): ReconcileItem => {
		const decision = byKey.get(stretchKey(docId, stretch.codeId, stretch.start, stretch.end)) ?? null;
		if (decision) used.add(decision.id);
		return { stretch, decision };
	});
	const disagreements = items.filter((i) => isDisagreement(i.stretch.status));
	const agreements = items.filter((i) => !isDisagreement(i.stretch.status));
	return {
		items,
		disagreements,
		agreements,
		decided: disagreements.filter((i) => i.decision).length,
		agreementsCopied: agreements.filter((i) => i.decision).length,
		outdated: [...byKey.values()].filter((d) => !used.has(d.id))
	};
}

/** The open disagreement after `item` (wrapping round), or null when every other one is settled. */
export function nextOpen(disagreements: readonly ReconcileItem[], item: ReconcileItem): ReconcileItem | null {
	const at = disagreements.indexOf(item);
	return [...disagreements.slice(at + 1), ...disagreements.slice(0, Math.max(0, at))].find((i) => !i.decision) ?? null;
}

export interface ReconcileProgress {
	/** Open and total disagreements per transcript. */
	per: Map<Id, { open: number; total: number }>;
	open: number;
	total: number;
}

/** How many disagreements are still open, per transcript and over all of them, in one consensus layer. */
export function reconcileProgress(stretchesByDoc: ReadonlyMap<Id, readonly ComparedStretch[]>, decisions: readonly Decision[], consensusId: Id): ReconcileProgress {
	const decisionsByDoc = new Map<Id, Decision[]>();
	for (const d of decisions) {
		if (d.consensusId !== consensusId) continue;
		const list = decisionsByDoc.get(d.docId);
		if (list) list.push(d);
		else decisionsByDoc.set(d.docId, [d]);
	}
	const per = new Map<Id, { open: number; total: number }>();
	let open = 0;
	let total = 0;
	for (const [docId, stretches] of stretchesByDoc) {
		const st = reconcileState(docId, stretches, decisionsByDoc.get(docId) ?? [], consensusId);
		const n = st.disagreements.length;
		per.set(docId, { open: n - st.decided, total: n });
		open += n - st.decided;
		total += n;
	}
	return { per, open, total };
}

export interface DecideContext {
	projectId: Id;
	consensusId: Id;
	docId: Id;
	/** The compared coders, in the order shown. */
	coderIds: readonly Id[];
	/** The transcript's text (for a merged coding's quote and context). */
	text: string;
	/** The person deciding (the current coder). */
	decidedBy: Id;
	now: number;
	newId: () => Id;
	/** The consensus layer's codings now (to replace an earlier decision's codings). */
	consensusCodings: readonly Coding[];
}

type Result = { ok: true; changes: Change[]; decision: Decision } | { ok: false; error: string };

/** The changes that settle one stretch as chosen (replacing an earlier decision of it, if any). */
export function decide(ctx: DecideContext, item: ReconcileItem, choice: Choice): Result {
	const s = item.stretch;
	const sources = ctx.coderIds.flatMap((id) => s.byCoder[id] ?? []);
	let taken: { start: number; end: number; from: Coding[] }[];
	let acceptedCoderId: Id | undefined;
	switch (choice.kind) {
		case 'accept': {
			const own = s.byCoder[choice.coderId] ?? [];
			if (!own.length) return { ok: false, error: 'That coder did not code this passage; choose Reject to leave it out of the consensus.' };
			acceptedCoderId = choice.coderId;
			taken = own.map((k) => ({ start: k.start, end: k.end, from: [k] }));
			break;
		}
		case 'both':
			taken = distinctSpans(sources);
			break;
		case 'merge':
			taken = [{ start: s.start, end: s.end, from: sources }];
			break;
		case 'agreed':
			if (s.status !== 'exact' && s.status !== 'agree') return { ok: false, error: 'Only an agreement can be copied as agreed.' };
			// Same passage: the shared boundaries; boundaries within the threshold: the whole stretch.
			taken = s.status === 'exact' ? distinctSpans(sources) : [{ start: s.start, end: s.end, from: sources }];
			break;
		case 'reject':
			taken = [];
			break;
	}
	const decisionId = ctx.newId();
	const provenanceOf = (from: Coding[]): Provenance => ({
		decisionId,
		decision: choice.kind,
		fromCoderIds: ctx.coderIds.filter((id) => from.some((k) => k.coderId === id)),
		sourceIds: from.map((k) => k.id),
		decidedBy: ctx.decidedBy,
		decidedAt: ctx.now
	});
	const made: Coding[] = taken.map(({ start, end, from }) => {
		const { prefix, suffix } = contextAround(ctx.text, start, end);
		return {
			id: ctx.newId(),
			projectId: ctx.projectId,
			docId: ctx.docId,
			codeId: s.codeId,
			coderId: ctx.consensusId,
			start,
			end,
			quote: ctx.text.slice(start, end),
			prefix,
			suffix,
			createdAt: ctx.now,
			provenance: provenanceOf(from)
		};
	});
	const decision: Decision = {
		id: decisionId,
		projectId: ctx.projectId,
		consensusId: ctx.consensusId,
		docId: ctx.docId,
		codeId: s.codeId,
		start: s.start,
		end: s.end,
		status: s.status,
		coderIds: [...ctx.coderIds],
		decision: choice.kind,
		...(acceptedCoderId ? { acceptedCoderId } : {}),
		codingIds: made.map((k) => k.id),
		decidedBy: ctx.decidedBy,
		decidedAt: ctx.now
	};
	const changes: Change[] = [];
	if (item.decision) changes.push(...undecide(item.decision, ctx.consensusCodings));
	changes.push({ kind: 'decision', before: null, after: decision });
	for (const k of made) changes.push({ kind: 'coding', before: null, after: k });
	return { ok: true, changes, decision };
}

/** The changes that reopen a settled stretch: its decision and the consensus codings it made go. */
export function undecide(decision: Decision, consensusCodings: readonly Coding[]): Change[] {
	const mine = new Set(decision.codingIds);
	return [
		{ kind: 'decision', before: decision, after: null },
		...consensusCodings.filter((k) => mine.has(k.id)).map((k): Change => ({ kind: 'coding', before: k, after: null }))
	];
}

/** Copies every agreement not yet copied; returns the changes and how many were copied. */
export function copyAgreements(ctx: DecideContext, state: ReconcileState): { changes: Change[]; copied: number } {
	const changes: Change[] = [];
	let copied = 0;
	for (const item of state.agreements) {
		if (item.decision) continue;
		const r = decide(ctx, item, { kind: 'agreed' });
		if (r.ok) {
			changes.push(...r.changes);
			copied++;
		}
	}
	return { changes, copied };
}

/** Codings with the same boundaries collapse into one consensus coding citing all of them. */
function distinctSpans(ks: readonly Coding[]): { start: number; end: number; from: Coding[] }[] {
	const bySpan = new Map<string, { start: number; end: number; from: Coding[] }>();
	for (const k of [...ks].sort((a, b) => a.start - b.start || a.end - b.end)) {
		const key = `${k.start}-${k.end}`;
		const got = bySpan.get(key);
		if (got) got.from.push(k);
		else bySpan.set(key, { start: k.start, end: k.end, from: [k] });
	}
	return [...bySpan.values()];
}

/** The codings themes and reports use: one layer's when the project names one, else everyone's. */
export function analysisCodings(codings: readonly Coding[], analysisCoderId: Id | null | undefined): readonly Coding[] {
	return analysisCoderId ? codings.filter((k) => k.coderId === analysisCoderId) : codings;
}

/** "Anna", "Anna and Ben", "Anna, Ben and Cai". */
export function joinNames(list: readonly string[]): string {
	return list.length <= 2 ? list.join(' and ') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

/** "merged boundaries from Anna and Ben; decided by Anna" — for tooltips and lists. */
export function provenanceSummary(p: Provenance, nameOf: (coderId: Id) => string): string {
	const from = joinNames(p.fromCoderIds.map(nameOf));
	return `${DECISION_LABELS[p.decision]}${from ? ` from ${from}` : ''}; decided by ${nameOf(p.decidedBy)}`;
}
