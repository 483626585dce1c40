// Where a project stands in each of Braun & Clarke's six phases, for the phase guide. Pure
// counts over the project's rows; nothing here forces an order: every phase can be opened
// at any time, and the guide only says what is done and what is left.

import { printableQuoteIds, themeCounts, themeExtracts, unplacedCodes, verdictIn } from './themes';
import { studyParticipants } from './themeTable';
import type { Code, Coding, Note, Participant, ReadingState, Theme, TranscriptDocument } from './types';

export interface PhaseInput {
	documents: readonly TranscriptDocument[];
	participants: readonly Participant[];
	reading: readonly ReadingState[];
	notes: readonly Note[];
	codes: readonly Code[];
	codings: readonly Coding[];
	themes: readonly Theme[];
}

export interface PhaseFact {
	label: string;
	/** e.g. "9 of 23"; the label says what is counted. */
	value: string;
	/** Something left to do in this phase. */
	todo?: boolean;
}

export interface PhaseStatus {
	n: 1 | 2 | 3 | 4 | 5 | 6;
	key: 'familiarise' | 'code' | 'themes' | 'review' | 'define' | 'write';
	title: string;
	/** What the phase is, in a line. */
	about: string;
	facts: PhaseFact[];
	/** 0–1: how far the phase's main measure has come. */
	progress: number;
	/** A suggested next step, or null when nothing is obviously left. */
	next: string | null;
}

const of = (a: number, b: number) => `${a} of ${b}`;
const share = (a: number, b: number) => (b > 0 ? Math.min(1, a / b) : 0);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function phaseStatus(input: PhaseInput): PhaseStatus[] {
	const docs = input.documents;
	const N = docs.length;
	const readingBy = new Map(input.reading.map((r) => [r.docId, r]));
	const read = docs.filter((d) => readingBy.get(d.id)?.readAt != null).length;
	const started = docs.filter((d) => (readingBy.get(d.id)?.furthest ?? 0) > 0 && readingBy.get(d.id)?.readAt == null).length;
	const famNotes = input.notes.filter((n) => n.kind === 'familiarisation').length;
	const journal = input.notes.filter((n) => n.kind === 'journal').length;

	const codedDocs = new Set(input.codings.map((c) => c.docId));
	const usedCodes = new Set(input.codings.map((c) => c.codeId));
	const coded = docs.filter((d) => codedDocs.has(d.id)).length;

	const live = input.themes.filter((t) => t.status !== 'discarded');
	const mains = live.filter((t) => t.parentId === null && live.some((s) => s.parentId === t.id));
	const themes = live.filter((t) => !mains.includes(t));
	const unplacedUsed = unplacedCodes(input.codes, input.themes).filter((c) => usedCodes.has(c.id));

	const docById = new Map(docs.map((d) => [d.id, d]));
	let extracts = 0;
	let decided = 0;
	let thin = 0;
	const withQuotes = new Set<string>();
	for (const t of themes) {
		const ex = themeExtracts(t, live, input.codes, input.codings);
		extracts += ex.length;
		decided += ex.filter((c) => verdictIn(t, live, input.codes, c) !== null).length;
		const { counted, participants } = themeCounts(t, live, input.codes, input.codings, docById);
		if (participants.size < 3) thin++;
		if (printableQuoteIds(t, counted).length > 0) withQuotes.add(t.id);
	}
	const defined = themes.filter((t) => t.definition.concept.trim() !== '').length;
	const quoted = withQuotes.size;
	const ready = themes.filter((t) => t.status === 'kept' && t.definition.concept.trim() !== '' && withQuotes.has(t.id)).length;
	const people = studyParticipants(input.participants, docs).length;

	return [
		{
			n: 1,
			key: 'familiarise',
			title: 'Familiarisation',
			about: 'Read and re-read the transcripts; note first ideas and keep a reflexive journal.',
			facts: [
				{ label: 'transcripts read', value: of(read, N), todo: read < N },
				{ label: 'being read', value: String(started) },
				{ label: 'familiarisation notes', value: String(famNotes) },
				{ label: 'journal entries', value: String(journal) }
			],
			progress: share(read, N),
			next: N === 0 ? 'Import transcripts to begin.' : read < N ? `Read the ${plural(N - read, 'transcript')} not yet marked as read.` : null
		},
		{
			n: 2,
			key: 'code',
			title: 'Coding',
			about: 'Code the whole data set systematically, collating the data for each code.',
			facts: [
				{ label: 'transcripts coded', value: of(coded, N), todo: coded < N },
				{ label: 'codes used', value: of(usedCodes.size, input.codes.length) },
				{ label: 'codings', value: String(input.codings.length) }
			],
			progress: share(coded, N),
			next: N > 0 && coded < N ? `Code the ${plural(N - coded, 'transcript')} with no codings yet.` : null
		},
		{
			n: 3,
			key: 'themes',
			title: 'Generating themes',
			about: 'Cluster codes into candidate themes and main themes; draw the thematic map.',
			facts: [
				{ label: 'main themes', value: String(mains.length) },
				{ label: 'themes', value: String(themes.length) },
				{ label: 'used codes not yet in a theme', value: of(unplacedUsed.length, usedCodes.size), todo: unplacedUsed.length > 0 }
			],
			progress: share(usedCodes.size - unplacedUsed.length, usedCodes.size),
			next:
				usedCodes.size === 0
					? null
					: themes.length === 0
						? 'Create candidate themes and drag codes into them.'
						: unplacedUsed.length > 0
							? `Place or set aside the ${plural(unplacedUsed.length, 'code')} still in the pile.`
							: null
		},
		{
			n: 4,
			key: 'review',
			title: 'Reviewing themes',
			about: 'Check each theme against its extracts and against the whole data set.',
			facts: [
				{ label: 'extracts checked', value: of(decided, extracts), todo: decided < extracts },
				{ label: `themes with fewer than 3 of ${people} participants`, value: String(thin), todo: thin > 0 }
			],
			progress: share(decided, extracts),
			next: extracts > decided ? `Check the ${plural(extracts - decided, 'extract')} not yet marked as fitting or not.` : null
		},
		{
			n: 5,
			key: 'define',
			title: 'Defining and naming',
			about: 'Say what each theme is about, what it holds and leaves out, and choose its quotes.',
			facts: [
				{ label: 'themes defined', value: of(defined, themes.length), todo: defined < themes.length },
				{ label: 'themes with quotes', value: of(quoted, themes.length), todo: quoted < themes.length }
			],
			progress: share(defined + quoted, 2 * themes.length),
			next: themes.length > 0 && defined < themes.length ? `Define the ${plural(themes.length - defined, 'theme')} without a central concept.` : null
		},
		{
			n: 6,
			key: 'write',
			title: 'Writing up',
			about: 'Export the theme table, codebook appendix and thematic map for the paper.',
			facts: [{ label: 'themes kept, defined and with quotes', value: of(ready, themes.length), todo: ready < themes.length }],
			progress: share(ready, themes.length),
			next: themes.length > 0 && ready < themes.length ? 'Mark the final themes as kept and give each a definition and quotes.' : null
		}
	];
}
