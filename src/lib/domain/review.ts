// Reviewing themes (phase 4) and defining them (phase 5), as pure data: a theme's extracts
// grouped by participant with their verdicts, the counts a paper reports ("14 of 23
// participants"), warnings about thin themes, and the participants × themes coverage
// matrix. Built on themes.ts and themeTable.ts (extracts, verdicts, participants, quotes);
// nothing here changes a row.

import { codePathLabel, subtreeIds } from './codebook';
import { naturalCompare, quoteForPrint, studyParticipants, type ThemeTableInput } from './themeTable';
import { codesInSeveralThemes, participantOf, themeCodeIds, themeExtracts, themesInOrder, verdictIn } from './themes';
import type { Coding, ExtractVerdict, Id, Theme, TranscriptDocument } from './types';

/** The project's rows a review reads (texts optional: without them quotes print as coded). */
export type ReviewInput = ThemeTableInput;

/**
 * A theme "rests on few participants" when fewer than MIN_PARTICIPANTS, or fewer than
 * MIN_PARTICIPANT_SHARE of everyone in the study, contribute an extract that was not judged
 * not to fit. Both limits are rules of thumb for a patterned response across the data set,
 * not a test: the warning names them so the analyst can judge.
 */
export const MIN_PARTICIPANTS = 3;
export const MIN_PARTICIPANT_SHARE = 0.2;

export interface ReviewExtract {
	coding: Coding;
	doc: TranscriptDocument;
	participant: string;
	codeName: string;
	verdict: ExtractVerdict | null;
	/**
	 * The theme whose reviews hold this extract's verdict: the theme itself, or for a main
	 * theme's extract that comes only through a sub-theme, that sub-theme.
	 */
	holderId: Id;
	/** The quote as a paper prints it (participant speech only when the text is loaded). */
	text: string;
}

export interface ParticipantExtracts {
	participant: string;
	extracts: ReviewExtract[];
	/** True when at least one of the extracts was not judged not to fit. */
	contributes: boolean;
}

export type WarningKind = 'no-extracts' | 'few-participants' | 'single-code' | 'shared-codes';

export interface ReviewWarning {
	kind: WarningKind;
	/** A few words for lists ("few participants"). */
	short: string;
	/** The full sentence, with the rule behind it. */
	text: string;
}

export interface ThemeCodeEntry {
	id: Id;
	name: string;
	/** "Group › Code". */
	path: string;
	/** The sub-theme the code comes through (main themes only), or null for the theme's own codes. */
	via: Theme | null;
	/** Other themes (not discarded) that hold the code too. */
	otherThemes: Theme[];
}

export interface ThemeReview {
	theme: Theme;
	/** Every extract, in document then text order. */
	extracts: ReviewExtract[];
	/** Extracts by participant, participants in natural order ("P2" before "P10"). */
	groups: ParticipantExtracts[];
	/** Participants with at least one extract that fits or is undecided, natural order. */
	participants: string[];
	totalParticipants: number;
	counts: { extracts: number; fits: number; misfit: number; undecided: number };
	codes: ThemeCodeEntry[];
	warnings: ReviewWarning[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const quoted = (s: string) => `“${s}”`;
const listOf = (xs: readonly string[]) =>
	xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;

/** True when `n` of `total` participants is too few by the rule above. */
export function fewParticipants(n: number, total: number): boolean {
	return n < MIN_PARTICIPANTS || n < MIN_PARTICIPANT_SHARE * total;
}

function docOrderOf(documents: readonly TranscriptDocument[]): Map<Id, number> {
	return new Map(documents.map((d, i) => [d.id, d.order ?? i]));
}

/** Sub-themes whose extracts count into a main theme (those not discarded). */
function liveChildren(themes: readonly Theme[], id: Id): Theme[] {
	return themesInOrder(themes).filter((t) => t.parentId === id && t.status !== 'discarded');
}

/**
 * Everything the review screen shows for one theme. `withText: false` leaves the printed
 * quotes empty, for summaries of every theme that only need the counts and warnings.
 */
export function themeReview(theme: Theme, input: ReviewInput, options: { withText?: boolean } = {}): ThemeReview {
	const withText = options.withText ?? true;
	const { codes, themes, documents } = input;
	const docById = new Map(documents.map((d) => [d.id, d]));
	const codeById = new Map(codes.map((c) => [c.id, c]));
	const own = themeCodeIds(codes, theme);
	const children = liveChildren(themes, theme.id).map((t) => ({ theme: t, ids: themeCodeIds(codes, t) }));

	const extracts: ReviewExtract[] = [];
	for (const c of themeExtracts(theme, themes, codes, input.codings, docOrderOf(documents))) {
		const doc = docById.get(c.docId);
		if (!doc) continue;
		const holder = own.has(c.codeId) ? theme : (children.find((x) => x.ids.has(c.codeId))?.theme ?? theme);
		extracts.push({
			coding: c,
			doc,
			participant: participantOf(doc),
			codeName: codeById.get(c.codeId)?.name ?? 'unknown code',
			verdict: verdictIn(theme, themes, codes, c),
			holderId: holder.id,
			text: withText ? quoteForPrint(c, input.contents?.get(c.docId)) : ''
		});
	}

	const byParticipant = new Map<string, ReviewExtract[]>();
	for (const x of extracts) {
		const list = byParticipant.get(x.participant);
		if (list) list.push(x);
		else byParticipant.set(x.participant, [x]);
	}
	const groups = [...byParticipant]
		.sort(([a], [b]) => naturalCompare(a, b))
		.map(([participant, xs]) => ({ participant, extracts: xs, contributes: xs.some((x) => x.verdict !== 'misfit') }));
	const participants = groups.filter((g) => g.contributes).map((g) => g.participant);
	const totalParticipants = studyParticipants(input.participants, documents).length;

	const fits = extracts.filter((x) => x.verdict === 'fits').length;
	const misfit = extracts.filter((x) => x.verdict === 'misfit').length;
	const counts = { extracts: extracts.length, fits, misfit, undecided: extracts.length - fits - misfit };

	// Member codes: the theme's own, then (for a main theme) those that come through sub-themes.
	const shared = codesInSeveralThemes(themes);
	const entry = (id: Id, via: Theme | null): ThemeCodeEntry => ({
		id,
		name: codeById.get(id)!.name,
		path: codePathLabel(codes, id),
		via,
		otherThemes: (shared.get(id) ?? []).filter((t) => t.id !== theme.id && t.id !== via?.id)
	});
	const codeEntries: ThemeCodeEntry[] = theme.codeIds.filter((id) => codeById.has(id)).map((id) => entry(id, null));
	for (const { theme: child } of children)
		for (const id of child.codeIds)
			if (codeById.has(id) && !codeEntries.some((e) => e.id === id)) codeEntries.push(entry(id, child));

	const warnings: ReviewWarning[] = [];
	const kept = extracts.filter((x) => x.verdict !== 'misfit');
	if (kept.length === 0) {
		warnings.push({
			kind: 'no-extracts',
			short: 'no extracts',
			text:
				codeEntries.length === 0
					? 'No extracts: the theme has no codes yet.'
					: extracts.length === 0
						? 'No extracts: none of its codes has been applied to the data yet.'
						: 'No extracts left: every extract was judged not to fit.'
		});
	} else {
		if (fewParticipants(participants.length, totalParticipants))
			warnings.push({
				kind: 'few-participants',
				short: 'few participants',
				text: `Rests on few participants: ${participants.length} of ${totalParticipants} contribute. Tema flags a theme when fewer than ${MIN_PARTICIPANTS} participants, or fewer than ${Math.round(MIN_PARTICIPANT_SHARE * 100)} % of the study, contribute an extract that fits or is undecided.`
			});
		// Which member codes the remaining extracts come through (a member includes its sub-codes).
		const members = codeEntries.filter((e) => {
			const ids = new Set(subtreeIds(codes, e.id));
			return kept.some((x) => ids.has(x.coding.codeId));
		});
		if (members.length === 1)
			warnings.push({
				kind: 'single-code',
				short: 'one code',
				text: `Rests on a single code: every extract that fits or is undecided comes from ${quoted(members[0].name)}. A theme usually draws several codes together; perhaps it is a code rather than a theme.`
			});
	}
	const sharedHere = codeEntries.filter((e) => e.otherThemes.length > 0);
	if (sharedHere.length > 0)
		warnings.push({
			kind: 'shared-codes',
			short: sharedHere.length === 1 ? 'shares a code' : `shares ${sharedHere.length} codes`,
			text: `Shares ${sharedHere.length === 1 ? 'a code' : 'codes'} with other themes: ${sharedHere
				.map((e) => `${quoted(e.name)} is also in ${listOf(e.otherThemes.map((t) => quoted(t.name)))}`)
				.join('; ')}. Check that the themes stay distinct.`
		});

	return { theme, extracts, groups, participants, totalParticipants, counts, codes: codeEntries, warnings };
}

/** "14 of 23 participants · 52 extracts · 40 fitting, 2 not fitting, 10 undecided". */
export function reviewSummary(r: ThemeReview): string {
	const { extracts, fits, misfit, undecided } = r.counts;
	return `${r.participants.length} of ${r.totalParticipants} participants · ${plural(extracts, 'extract')} · ${fits} fitting, ${misfit} not fitting, ${undecided} undecided`;
}

// ---- coverage: participants × themes ---------------------------------------------------------

export interface CoverageColumn {
	theme: Theme;
	/** 0 for a top-level theme, 1 for a sub-theme. */
	depth: 0 | 1;
	/** Participants with at least one extract (not judged not to fit) in the theme. */
	participants: number;
	extracts: number;
}

export interface CoverageMatrix {
	/** Rows: everyone in the study, natural order. */
	participants: string[];
	/** Columns: themes that are not discarded, in display order. */
	columns: CoverageColumn[];
	/** cells[row][column]: extracts of that participant in that theme that fit or are undecided. */
	cells: number[][];
	/** Per participant: the number of themes they contribute to, and their extracts across all of them. */
	rowThemes: number[];
	rowExtracts: number[];
	totalParticipants: number;
	/** The largest cell, for shading. */
	max: number;
}

export function coverageMatrix(input: ReviewInput): CoverageMatrix {
	const participants = studyParticipants(input.participants, input.documents);
	const rowOf = new Map(participants.map((p, i) => [p, i]));
	const docById = new Map(input.documents.map((d) => [d.id, d]));
	const shown = themesInOrder(input.themes).filter((t) => t.status !== 'discarded');
	const cells = participants.map(() => shown.map(() => 0));
	// Row totals count each extract once and each theme the participant really contributes to:
	// a main theme's column repeats its sub-themes' extracts, so it counts for the row only
	// through extracts of its own codes.
	const rowCodings = participants.map(() => new Set<Id>());
	const rowThemeIds = participants.map(() => new Set<Id>());
	const columns: CoverageColumn[] = shown.map((theme, col) => {
		let extracts = 0;
		const own = themeCodeIds(input.codes, theme);
		for (const c of themeExtracts(theme, input.themes, input.codes, input.codings)) {
			const doc = docById.get(c.docId);
			if (!doc || verdictIn(theme, input.themes, input.codes, c) === 'misfit') continue;
			const row = rowOf.get(participantOf(doc))!;
			cells[row][col]++;
			extracts++;
			rowCodings[row].add(c.id);
			if (own.has(c.codeId)) rowThemeIds[row].add(theme.id);
		}
		const count = cells.filter((row) => row[col] > 0).length;
		return { theme, depth: theme.parentId === null ? 0 : 1, participants: count, extracts };
	});
	return {
		participants,
		columns,
		cells,
		rowThemes: rowThemeIds.map((s) => s.size),
		rowExtracts: rowCodings.map((s) => s.size),
		totalParticipants: participants.length,
		max: Math.max(0, ...cells.flat())
	};
}

// ---- defining: the template and its quotes -------------------------------------------------------

/** What a theme's definition still lacks: the central organising concept, and chosen quotes. */
export function definitionGaps(theme: Theme, codings?: ReadonlyMap<Id, Coding>): { concept: boolean; quotes: boolean } {
	const quotes = theme.quoteIds.filter((id) => !codings || codings.has(id));
	return { concept: theme.definition.concept.trim() === '', quotes: quotes.length === 0 };
}

/** The chosen quotes that still stand (coding exists, in the theme, not judged not to fit), in order. */
export function chosenQuotes(review: ThemeReview): ReviewExtract[] {
	const byId = new Map(review.extracts.map((x) => [x.coding.id, x]));
	return review.theme.quoteIds.map((id) => byId.get(id)).filter((x): x is ReviewExtract => !!x && x.verdict !== 'misfit');
}

/** The participant every chosen quote comes from, when there are two or more and they all do. */
export function singleQuoteSource(quotes: readonly ReviewExtract[]): string | null {
	if (quotes.length < 2) return null;
	const first = quotes[0].participant;
	return quotes.every((q) => q.participant === first) ? first : null;
}

export function wordCount(text: string): number {
	const t = text.trim();
	return t ? t.split(/\s+/).length : 0;
}

export interface QuoteFilter {
	/** Only this participant's extracts; null for everyone. */
	participant: string | null;
	/** Only extracts of at most this many words; null for any length. */
	maxWords: number | null;
	/** Shortest first instead of document order. */
	shortestFirst: boolean;
}

/** Extracts that may illustrate the theme (fitting or undecided), filtered and ordered. */
export function quoteCandidates(review: ThemeReview, filter: QuoteFilter): ReviewExtract[] {
	const out = review.extracts.filter(
		(x) =>
			x.verdict !== 'misfit' &&
			(filter.participant === null || x.participant === filter.participant) &&
			(filter.maxWords === null || wordCount(x.text) <= filter.maxWords)
	);
	return filter.shortestFirst ? out.sort((a, b) => wordCount(a.text) - wordCount(b.text)) : out;
}

/** Moves the item at `index` by `delta` places (clamped); returns a new list. */
export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
	const out = [...list];
	const to = Math.max(0, Math.min(out.length - 1, index + delta));
	if (index < 0 || index >= out.length || to === index) return out;
	const [x] = out.splice(index, 1);
	out.splice(to, 0, x);
	return out;
}
