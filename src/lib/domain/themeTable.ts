// The paper's theme table as data (phase 6): main theme → theme → definition → number of
// participants → illustrative quotes with participant ids. One pure function builds it from
// a project's rows; every exporter (DOCX, XLSX, CSV, Markdown, LaTeX, HTML, clipboard, the
// headless `tema theme-table`) renders this model, so they all print the same table.

import { codePathLabel } from './codebook';
import { participantOf, printableQuoteIds, themeCodeIds, themeCounts, themeTree } from './themes';
import type {
	Code,
	Coding,
	DocumentContent,
	Id,
	Participant,
	Theme,
	ThemeDefinition,
	ThemeStatus,
	TranscriptDocument
} from './types';

export interface ThemeTableInput {
	codes: readonly Code[];
	codings: readonly Coding[];
	documents: readonly TranscriptDocument[];
	participants: readonly Participant[];
	themes: readonly Theme[];
	/** Texts with their turns, to print only what participants said in a quote. Optional. */
	contents?: ReadonlyMap<Id, DocumentContent>;
}

export interface ThemeTableOptions {
	/** Candidate themes are printed too unless this is false (discarded ones never are). */
	includeCandidates?: boolean;
}

export interface QuoteModel {
	codingId: Id;
	/** The participant's words, cleaned for print (labels, timestamps and interviewer lines removed). */
	text: string;
	participant: string;
}

export interface ThemeRowModel {
	id: Id;
	name: string;
	status: ThemeStatus;
	definition: ThemeDefinition;
	/** Participants who contribute at least one extract that was not judged not to fit. */
	participants: string[];
	/** Extracts counted (those judged not to fit are left out). */
	extracts: number;
	/** Member codes as "Parent › Code" paths. */
	codes: string[];
	quotes: QuoteModel[];
}

export interface ThemeGroupModel {
	/** The main theme, or null for themes that stand at the top level on their own. */
	main: ThemeRowModel | null;
	themes: ThemeRowModel[];
}

export interface ThemeTableModel {
	/** Participants in the study: the participants table and every document's participant. */
	totalParticipants: number;
	groups: ThemeGroupModel[];
}

/** Everyone in the study: the participants table plus participants linked from documents. */
export function studyParticipants(
	participants: readonly Participant[],
	documents: readonly TranscriptDocument[]
): string[] {
	const all = new Set(participants.map((p) => p.label));
	for (const d of documents) all.add(participantOf(d));
	return [...all].sort(naturalCompare);
}

/** "P2" before "P10". */
export function naturalCompare(a: string, b: string): number {
	return collator.compare(a, b);
}

// One collator for every comparison: localeCompare with options builds one per call, which
// made sorting a hundred participants a dozen times take most of the theme table's time.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * A coded passage as a paper prints it: only participant speech, without speaker labels or
 * timestamps, fragments from several turns joined by " … ", whitespace collapsed. Without
 * the document's turns, the quote with whitespace collapsed.
 */
export function quoteForPrint(coding: Coding, content?: DocumentContent): string {
	const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
	if (!content || content.text.slice(coding.start, coding.end) !== coding.quote) return squash(coding.quote);
	const parts: string[] = [];
	for (const t of content.turns) {
		if (t.end <= coding.start || t.start >= coding.end || t.role !== 'participant') continue;
		const from = Math.max(coding.start, t.textStart);
		const to = Math.min(coding.end, t.end);
		if (to > from) {
			const part = squash(content.text.slice(from, to));
			if (part) parts.push(part);
		}
	}
	return parts.length > 0 ? parts.join(' … ') : squash(coding.quote);
}

export function buildThemeTable(input: ThemeTableInput, options: ThemeTableOptions = {}): ThemeTableModel {
	const includeCandidates = options.includeCandidates ?? true;
	const shown = (t: Theme) => t.status === 'kept' || (includeCandidates && t.status === 'candidate');
	const docById = new Map(input.documents.map((d) => [d.id, d]));
	// Sub-themes that are shown count into their main theme; hidden ones do not.
	const visible = input.themes.filter(shown);

	const row = (theme: Theme): ThemeRowModel => {
		const { counted, participants: people } = themeCounts(theme, visible, input.codes, input.codings, docById);
		const quotes: QuoteModel[] = [];
		for (const id of printableQuoteIds(theme, counted)) {
			const c = counted.find((x) => x.id === id)!;
			const doc = docById.get(c.docId)!;
			quotes.push({ codingId: id, text: quoteForPrint(c, input.contents?.get(c.docId)), participant: participantOf(doc) });
		}
		const known = themeCodeIds(input.codes, theme);
		return {
			id: theme.id,
			name: theme.name,
			status: theme.status,
			definition: { ...theme.definition },
			participants: [...people].sort(naturalCompare),
			extracts: counted.length,
			codes: theme.codeIds.filter((id) => known.has(id)).map((id) => codePathLabel(input.codes, id)),
			quotes
		};
	};

	const groups: ThemeGroupModel[] = [];
	let loose: ThemeRowModel[] = [];
	for (const { theme, children } of themeTree(input.themes)) {
		const subs = children.filter(shown);
		if (!shown(theme)) {
			// A hidden main theme's printed sub-themes stand on their own rather than vanish.
			loose.push(...subs.map(row));
			continue;
		}
		if (subs.length === 0) {
			loose.push(row(theme));
			continue;
		}
		if (loose.length) groups.push({ main: null, themes: loose });
		loose = [];
		groups.push({ main: row(theme), themes: subs.map(row) });
	}
	if (loose.length) groups.push({ main: null, themes: loose });
	return { totalParticipants: studyParticipants(input.participants, input.documents).length, groups };
}

export interface AppendixRow {
	id: Id;
	/** "Parent › Code". */
	path: string;
	depth: number;
	definition: string;
	include: string;
	exclude: string;
	example: string;
	/** Names of the themes (not discarded) the code belongs to, directly or through a parent code. */
	themes: string[];
	codings: number;
}

/** The codebook as an appendix: every code in tree order with its themes. */
export function buildCodebookAppendix(
	codes: readonly Code[],
	themes: readonly Theme[],
	codings: readonly Coding[] = []
): AppendixRow[] {
	const count = new Map<Id, number>();
	for (const c of codings) count.set(c.codeId, (count.get(c.codeId) ?? 0) + 1);
	const themeNames = new Map<Id, string[]>();
	for (const t of themeTree(themes).flatMap(({ theme, children }) => [theme, ...children])) {
		if (t.status === 'discarded') continue;
		for (const id of themeCodeIds(codes, t)) themeNames.set(id, [...(themeNames.get(id) ?? []), t.name]);
	}
	const out: AppendixRow[] = [];
	const walk = (parentId: Id | null, depth: number) => {
		const level = codes.filter((c) => c.parentId === parentId).sort((a, b) => a.order - b.order);
		for (const c of level) {
			out.push({
				id: c.id,
				path: codePathLabel(codes, c.id),
				depth,
				definition: c.definition,
				include: c.include,
				exclude: c.exclude,
				example: c.example,
				themes: themeNames.get(c.id) ?? [],
				codings: count.get(c.id) ?? 0
			});
			walk(c.id, depth + 1);
		}
	};
	walk(null, 0);
	return out;
}
