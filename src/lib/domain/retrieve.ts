// Retrieval: every coded extract of a code (optionally with its sub-codes) across the
// documents, with who said it, and per-code counts of extracts and of distinct participants.
// A document with no linked participant counts as its own participant (its name), so
// counts never silently shrink.
import { subtreeIds } from './codebook';
import type { Code, Coding, DocumentContent, Id, TranscriptDocument, Turn } from './types';

export interface Extract {
	coding: Coding;
	doc: TranscriptDocument;
	/** Participant id, or the document name when no participant is linked. */
	participant: string;
	/** Speaker label of the turn the extract starts in; null outside any turn. */
	speaker: string | null;
	role: Turn['role'] | null;
	/** The coded text as it stands in the document now. */
	text: string;
}

export interface CodeCounts {
	extracts: number;
	participants: number;
}

export function participantOf(doc: TranscriptDocument): string {
	return doc.participantId ?? doc.name;
}

/** The turn containing offset, by binary search over turns sorted by start. */
export function turnAt(turns: readonly Turn[], offset: number): Turn | null {
	let lo = 0;
	let hi = turns.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const t = turns[mid];
		if (offset < t.start) hi = mid - 1;
		else if (offset >= t.end) lo = mid + 1;
		else return t;
	}
	return null;
}

export function codeSetFor(codes: readonly Code[], codeId: Id, withDescendants: boolean): Set<Id> {
	return new Set(withDescendants ? subtreeIds(codes, codeId) : [codeId]);
}

/** Extracts in document order, then by position; content may be missing for a document. */
export function extractsFor(
	codeIds: ReadonlySet<Id>,
	codings: readonly Coding[],
	docs: readonly TranscriptDocument[],
	contents: ReadonlyMap<Id, DocumentContent>
): Extract[] {
	const docById = new Map(docs.map((d) => [d.id, d]));
	const out: Extract[] = [];
	for (const coding of codings) {
		if (!codeIds.has(coding.codeId)) continue;
		const doc = docById.get(coding.docId);
		if (!doc) continue;
		const content = contents.get(coding.docId);
		const turn = content ? turnAt(content.turns, coding.start) : null;
		out.push({
			coding,
			doc,
			participant: participantOf(doc),
			speaker: turn?.speaker ?? null,
			role: turn?.role ?? null,
			text: content && !coding.orphaned ? content.text.slice(coding.start, coding.end) : coding.quote
		});
	}
	return out.sort((a, b) => a.doc.order - b.doc.order || a.coding.start - b.coding.start || a.coding.end - b.coding.end);
}

/** Per code: extracts and distinct participants, for the code itself and for its subtree. */
export function countsByCode(
	codes: readonly Code[],
	codings: readonly Coding[],
	docs: readonly TranscriptDocument[]
): { own: Map<Id, CodeCounts>; subtree: Map<Id, CodeCounts> } {
	const docById = new Map(docs.map((d) => [d.id, d]));
	const parentOf = new Map(codes.map((c) => [c.id, c.parentId]));
	const ownSets = new Map<Id, { n: number; who: Set<string> }>();
	const subSets = new Map<Id, { n: number; who: Set<string> }>();
	const bump = (m: Map<Id, { n: number; who: Set<string> }>, id: Id, who: string) => {
		let e = m.get(id);
		if (!e) m.set(id, (e = { n: 0, who: new Set() }));
		e.n++;
		e.who.add(who);
	};
	for (const c of codings) {
		const doc = docById.get(c.docId);
		if (!doc) continue;
		const who = participantOf(doc);
		bump(ownSets, c.codeId, who);
		// Walk up the tree; the guard stops on a (corrupt) cycle instead of looping forever.
		let id: Id | null | undefined = c.codeId;
		const seen = new Set<Id>();
		while (id && !seen.has(id)) {
			seen.add(id);
			bump(subSets, id, who);
			id = parentOf.get(id);
		}
	}
	const toCounts = (m: Map<Id, { n: number; who: Set<string> }>) =>
		new Map([...m].map(([id, e]) => [id, { extracts: e.n, participants: e.who.size }]));
	return { own: toCounts(ownSets), subtree: toCounts(subSets) };
}
