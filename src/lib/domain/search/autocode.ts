// Autocoding search hits (issue 6): every hit becomes a passage (the match itself, its
// sentence or its speaker turn), passages are trimmed as hand-made codings are, the same
// passage is coded once, and a passage the coder already coded with the code is skipped.
// The result is a list of coding changes the project commits as one undoable step.

import { makeCoding } from '../anchors';
import type { Change, Coding, Id } from '../types';

/** What a hit codes: the words matched, the sentence they are in, or the whole speaker turn. */
export type AutocodeUnit = 'match' | 'sentence' | 'turn';

export const UNIT_LABELS: Record<AutocodeUnit, string> = {
	match: 'the matched words',
	sentence: 'the sentence',
	turn: 'the speaker turn'
};

export interface Passage {
	docId: Id;
	start: number;
	end: number;
}

export interface AutocodeInput {
	passages: readonly Passage[];
	texts: ReadonlyMap<Id, string>;
	/** The project's codings (any coder); only the coder's own ones with the code are compared. */
	existing: readonly Coding[];
	projectId: Id;
	codeId: Id;
	coderId: Id;
	now: number;
	newId: () => Id;
}

export interface AutocodePlan {
	changes: Change[];
	/** The new codings, in document and text order. */
	codings: Coding[];
	/** Distinct passages after trimming. */
	passages: number;
	/** Passages the coder had already coded with exactly this code and span. */
	skipped: number;
	/** Passages that could not be coded (only spaces; their text is missing). */
	unusable: number;
	/** Documents that get at least one new coding. */
	docCount: number;
}

export function planAutocode(input: AutocodeInput): AutocodePlan {
	const have = new Set<string>();
	for (const c of input.existing) if (c.codeId === input.codeId && c.coderId === input.coderId) have.add(`${c.docId}\u0000${c.start}\u0000${c.end}`);
	const seen = new Set<string>();
	const codings: Coding[] = [];
	let skipped = 0;
	let unusable = 0;
	for (const p of input.passages) {
		const text = input.texts.get(p.docId);
		if (text === undefined) {
			unusable++;
			continue;
		}
		const made = makeCoding({
			id: '',
			projectId: input.projectId,
			docId: p.docId,
			codeId: input.codeId,
			coderId: input.coderId,
			text,
			start: p.start,
			end: p.end,
			now: input.now
		});
		if (!made.ok) {
			unusable++;
			continue;
		}
		const key = `${p.docId}\u0000${made.coding.start}\u0000${made.coding.end}`;
		if (seen.has(key)) continue;
		seen.add(key);
		if (have.has(key)) {
			skipped++;
			continue;
		}
		codings.push({ ...made.coding, id: input.newId() });
	}
	return {
		changes: codings.map((c): Change => ({ kind: 'coding', before: null, after: c })),
		codings,
		passages: seen.size,
		skipped,
		unusable,
		docCount: new Set(codings.map((c) => c.docId)).size
	};
}
