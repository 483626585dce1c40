// The entities of a Tema study, shared by every layer. Pure data: no methods, no classes,
// so rows can go to IndexedDB, into files and across a Worker boundary unchanged.
// All text offsets are UTF-16 code units (JavaScript string indices) into Document text,
// half-open [start, end). Code points are converted only at file-format boundaries.

export type Id = string;

export interface Project {
	id: Id;
	name: string;
	description: string;
	createdAt: number;
	updatedAt: number;
	/** The coder new codings are attributed to (one default coder until multi-coder lands). */
	currentCoderId: Id;
	/** Ids of codes applied most recently, newest first (number keys 1–9). */
	recentCodeIds: Id[];
	/** Set when the project was created from the bundled sample study. */
	sample?: boolean;
	/** Set when that sample project started with the sample coder's codings. */
	sampleCoded?: boolean;
	/** Blind mode: while coding, other coders' codings are hidden (absent = false). */
	blind?: boolean;
	/**
	 * The layer themes, review, definitions and the write-up use: one coder's codings (usually a
	 * consensus layer), or every coder's when absent or null.
	 */
	analysisCoderId?: Id | null;
	/**
	 * The participant attributes and their types, in display order (absent: every attribute
	 * found on a participant is a category). Values are stored on Participant.attributes.
	 */
	attributes?: AttributeDef[];
	/**
	 * The de-identification key (original → pseudonym), only when the analyst chose to keep it in
	 * the project; it then travels with the project's backups. Absent by default.
	 */
	deidKey?: PseudonymEntry[];
}

/** One line of a de-identification key. */
export interface PseudonymEntry {
	original: string;
	replacement: string;
	/** The category of the detail (name, workplace, place, …). */
	category: string;
	/** Names of the transcripts where it was replaced. */
	documents: string[];
}

/** How an attribute's values are read and summarised (Table 1: counts and % vs range / mean ± SD). */
export type AttributeType = 'category' | 'number' | 'date';

export interface AttributeDef {
	name: string;
	type: AttributeType;
}

export interface Coder {
	id: Id;
	projectId: Id;
	name: string;
	color: string;
	/** A consensus layer: codings settled by reconciling other coders (absent = a person). */
	consensus?: boolean;
}

export type SpeakerRole = 'interviewer' | 'participant';

/** One speaker turn as found in the text. */
export interface Turn {
	/** The label as written, e.g. "Interviewer", "I", "P03", "Participant 3". */
	speaker: string;
	role: SpeakerRole;
	/** Start of the turn's line (timestamp or label), UTF-16 offset. */
	start: number;
	/** End of the turn's text: the offset of the line break after it (or end of text). */
	end: number;
	/** Offset where the spoken text begins, after "Label: ". */
	textStart: number;
	/** "hh:mm:ss" when the turn starts with a [hh:mm:ss] timestamp. */
	timestamp?: string;
}

/** How the bytes of an imported file were turned into text. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** A transcript's metadata. Its text and turns live in DocumentContent (loaded on demand). */
export interface TranscriptDocument {
	id: Id;
	projectId: Id;
	/** Display name, usually the file name without extension. */
	name: string;
	fileName: string;
	/** Participant label (e.g. "P07") this transcript belongs to; null when not linked. */
	participantId: string | null;
	encoding: TextEncoding;
	eol: 'lf' | 'crlf' | 'mixed' | 'none';
	/** Length of the text in UTF-16 units. */
	length: number;
	turnCount: number;
	/** SHA-256 of the decoded text (hex), used to spot duplicates and, later, to match coder packages. */
	fingerprint: string;
	importedAt: number;
	/** Position in the project's document list. */
	order: number;
}

export interface DocumentContent {
	docId: Id;
	/** The decoded text exactly as imported (BOM stripped, line endings kept). */
	text: string;
	turns: Turn[];
}

/** A category (text), a number, a date as "YYYY-MM-DD" text, or missing. */
export type AttributeValue = string | number | null;

export interface Participant {
	/** Row id: `${projectId}:${label}`. */
	id: Id;
	projectId: Id;
	/** The participant's id in the study, e.g. "P07". */
	label: string;
	attributes: Record<string, AttributeValue>;
}

export interface Code {
	id: Id;
	projectId: Id;
	parentId: Id | null;
	/** Position among siblings (0-based, dense after every tree operation). */
	order: number;
	name: string;
	/** CSS hex colour, "#rrggbb". */
	color: string;
	definition: string;
	include: string;
	exclude: string;
	example: string;
	createdAt: number;
}

/** One code applied by one coder to one span of one document. */
export interface Coding {
	id: Id;
	projectId: Id;
	docId: Id;
	codeId: Id;
	coderId: Id;
	start: number;
	end: number;
	/** text.slice(start, end) when the coding was made: the anchor's ground truth. */
	quote: string;
	/** Up to 32 characters before and after, to re-anchor if offsets ever drift. */
	prefix: string;
	suffix: string;
	createdAt: number;
	/** Set when the quote could not be found again; the coding is kept and shown, never dropped. */
	orphaned?: boolean;
	/** For a coding in a consensus layer: where it came from. */
	provenance?: Provenance;
}

/**
 * How a stretch of disagreement (or agreement) between coders was settled:
 * 'agreed' the coders agreed and it was copied; 'accept' one coder's version was taken;
 * 'both' every coder's codings were kept; 'merge' one coding spanning all of them;
 * 'reject' nothing goes into the consensus.
 */
export type DecisionKind = 'agreed' | 'accept' | 'both' | 'merge' | 'reject';

/** Where a consensus coding came from. */
export interface Provenance {
	/** The Decision that made it. */
	decisionId: Id;
	decision: DecisionKind;
	/** The coders whose codings it was taken from. */
	fromCoderIds: Id[];
	/** The ids of those codings (they may since have been changed or removed). */
	sourceIds: Id[];
	/** The coder (person) who decided, and when. */
	decidedBy: Id;
	decidedAt: number;
}

/**
 * One settled stretch of the comparison of coders on a document (reconciliation, issue 4):
 * kept so that reconciliation can be paused and resumed, and so that rejections are
 * remembered although they leave no coding behind.
 */
export interface Decision {
	id: Id;
	projectId: Id;
	/** The consensus layer (a Coder with consensus: true) the decision fills. */
	consensusId: Id;
	docId: Id;
	codeId: Id;
	/** The stretch as compared (UTF-16 offsets), which identifies it when comparing again. */
	start: number;
	end: number;
	/** What the comparison said: 'exact' | 'agree' | 'partial' | 'only'. */
	status: 'exact' | 'agree' | 'partial' | 'only';
	/** The coders compared, in the order shown. */
	coderIds: Id[];
	decision: DecisionKind;
	/** For 'accept': whose version. */
	acceptedCoderId?: Id;
	/** The consensus codings made (none for 'reject'). */
	codingIds: Id[];
	decidedBy: Id;
	decidedAt: number;
}

export type ThemeStatus = 'candidate' | 'kept' | 'discarded';

/** How an extract was judged when the theme was checked against the data (phase 4). */
export type ExtractVerdict = 'fits' | 'misfit';

/** Phase 5's definition template. */
export interface ThemeDefinition {
	/** The central organising concept: what the theme is about, in a sentence or two. */
	concept: string;
	includes: string;
	excludes: string;
	/** How it relates to the other themes. */
	relations: string;
}

/**
 * A theme or a main theme. Two levels: a theme whose parentId is null is at the top; a
 * top-level theme with sub-themes is a main theme. A code may belong to several themes.
 */
export interface Theme {
	id: Id;
	projectId: Id;
	/** The main theme this theme sits under, or null at the top level. */
	parentId: Id | null;
	/** Position among siblings (dense, 0-based). */
	order: number;
	name: string;
	color: string;
	status: ThemeStatus;
	/** Made as a main theme: shown as one even before it has sub-themes (absent = false). */
	main?: boolean;
	/** Member codes in the order the analyst placed them; a member includes its sub-codes. */
	codeIds: Id[];
	definition: ThemeDefinition;
	/** Illustrative extracts (coding ids) chosen for the write-up, in order. */
	quoteIds: Id[];
	/** Verdicts from checking extracts against the theme; an absent coding id is undecided. */
	reviews: Record<Id, ExtractVerdict>;
	/** Earlier names, oldest first, each with the time it stopped being the name. */
	nameHistory: { name: string; until: number }[];
	createdAt: number;
	updatedAt: number;
}

/** A familiarisation note, a reflexive journal entry or an analytic memo, and what it hangs on. */
export type NoteKind = 'familiarisation' | 'journal' | 'memo';

export type NoteTarget =
	| { type: 'project' }
	| { type: 'document'; docId: Id }
	| { type: 'passage'; docId: Id; start: number; end: number; quote: string; prefix: string; suffix: string }
	| { type: 'code'; codeId: Id }
	| { type: 'theme'; themeId: Id };

export interface Note {
	id: Id;
	projectId: Id;
	kind: NoteKind;
	target: NoteTarget;
	text: string;
	createdAt: number;
	updatedAt: number;
}

/** A corpus search the analyst kept, to run again (issue 6). */
export interface SavedSearch {
	id: Id;
	projectId: Id;
	name: string;
	/** The query as typed: words, "phrases", wildcards (work*). */
	query: string;
	options: {
		/** Fuzzy matching of words (typos, inflections). */
		fuzzy: boolean;
		/** Only participants' speech (not the interviewer's). */
		participantsOnly: boolean;
		/** Only these transcripts (null: all). */
		docIds: Id[] | null;
		/** Only text coded with these codes (null: anywhere). */
		codeIds: Id[] | null;
	};
	createdAt: number;
}

/** How far the analyst has read a transcript (phase 1). */
export interface ReadingState {
	docId: Id;
	projectId: Id;
	/** Furthest UTF-16 offset scrolled past. */
	furthest: number;
	/** Set when the document was marked as read (time), null when not. */
	readAt: number | null;
}

/**
 * One reversible change to a stored entity: the row before and after (null = absent).
 * Every edit of codes, codings, themes and notes is expressed as a list of these, applied in one
 * database transaction; undo applies the same list inverted.
 */
export type Change =
	| { kind: 'code'; before: Code | null; after: Code | null }
	| { kind: 'coding'; before: Coding | null; after: Coding | null }
	| { kind: 'theme'; before: Theme | null; after: Theme | null }
	| { kind: 'note'; before: Note | null; after: Note | null }
	| { kind: 'decision'; before: Decision | null; after: Decision | null }
	| { kind: 'participant'; before: Participant | null; after: Participant | null }
	| { kind: 'search'; before: SavedSearch | null; after: SavedSearch | null };

/** The stored row type of each kind of change. */
export interface ChangeRows {
	code: Code;
	coding: Coding;
	theme: Theme;
	note: Note;
	decision: Decision;
	participant: Participant;
	search: SavedSearch;
}

/** One user action as the undo history keeps it. */
export interface HistoryEntry {
	/** What the user did, for the undo/redo button titles: "Apply “Stigma” to P03". */
	label: string;
	changes: Change[];
}
