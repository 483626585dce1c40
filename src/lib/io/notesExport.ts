// Familiarisation notes and the reflexive journal as files: Markdown to read and keep with
// the analysis, CSV (papaparse, UTF-8 with BOM, CRLF) for spreadsheets and audit trails, and
// Word through the shared table renderer. Dates are ISO 8601 (UTC) in every file; Markdown
// headings of journal entries also give the local date and time they were written.
import Papa from 'papaparse';
import { noteDocId, sortNotes } from '../domain/notes';
import { participantOf } from '../domain/themes';
import type { Note, TranscriptDocument } from '../domain/types';
import { renderTable, text as cell, type TableDoc, type TableGroup } from './tables';

export interface NotesExportContext {
	projectName: string;
	documents: readonly TranscriptDocument[];
	/** When the file is made (ms since the epoch). */
	exportedAt: number;
}

/** One familiarisation note as a flat record, as the CSV holds it. */
export interface NoteRecord {
	document: string;
	participant: string;
	/** The passage the note is on; '' for a note on the whole transcript. */
	passage: string;
	/** Offsets of the passage in the transcript text (UTF-16), null for a whole-transcript note. */
	start: number | null;
	end: number | null;
	note: string;
	/** ISO 8601. */
	created: string;
	/** ISO 8601 when the note was edited after it was written, else ''. */
	edited: string;
}

export const iso = (ms: number): string => new Date(ms).toISOString();
const editedIso = (n: Note): string => (n.updatedAt !== n.createdAt ? iso(n.updatedAt) : '');

/** The familiarisation notes in reading order (transcripts in project order, then by passage). */
export function noteRecords(notes: readonly Note[], documents: readonly TranscriptDocument[]): NoteRecord[] {
	const docs = [...documents].sort((a, b) => a.order - b.order);
	const byId = new Map(docs.map((d) => [d.id, d]));
	const mine = notes.filter((n) => n.kind === 'familiarisation' && noteDocId(n) !== null);
	return sortNotes(mine, 'text', docs.map((d) => d.id)).map((n) => {
		const doc = byId.get(noteDocId(n) ?? '');
		const t = n.target;
		return {
			document: doc?.name ?? '(deleted transcript)',
			participant: doc ? participantOf(doc) : '',
			passage: t.type === 'passage' ? t.quote : '',
			start: t.type === 'passage' ? t.start : null,
			end: t.type === 'passage' ? t.end : null,
			note: n.text,
			created: iso(n.createdAt),
			edited: editedIso(n)
		};
	});
}

/** Journal entries, newest first. */
export function journalEntries(notes: readonly Note[]): Note[] {
	return sortNotes(
		notes.filter((n) => n.kind === 'journal'),
		'newest'
	);
}

// ---- Markdown -----------------------------------------------------------------------------

/** Transcript text quoted in Markdown: nothing in it may turn into markup. */
function escapeMd(s: string): string {
	return s
		.replace(/[\\`*_[\]<>|~]/g, (c) => '\\' + c)
		.replace(/^(\s*)([#+-]|\d+[.)])(?=\s)/gm, (_m, sp: string, mark: string) => `${sp}\\${mark}`);
}

/** A passage as a Markdown block quote, line breaks kept. */
function blockquote(s: string): string {
	return s
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((line) => (line.trim() === '' ? '>' : `> ${escapeMd(line)}`))
		.join('\n');
}

/** The analyst's own words are kept as written (they may use Markdown), line ends normalised. */
const own = (s: string): string => s.replace(/\r\n?/g, '\n').trim();

function plural(n: number, one: string, many = `${one}s`): string {
	return `${n} ${n === 1 ? one : many}`;
}

function dates(created: string, edited: string): string {
	return `*Written ${created}${edited ? ` · edited ${edited}` : ''}*`;
}

/** Familiarisation notes as Markdown: one section per transcript, passages quoted above their notes. */
export function notesToMarkdown(notes: readonly Note[], ctx: NotesExportContext): string {
	const records = noteRecords(notes, ctx.documents);
	const docCount = new Set(records.map((r) => `${r.document}\u0000${r.participant}`)).size;
	const out: string[] = [
		`# Familiarisation notes: ${own(ctx.projectName)}`,
		'',
		`Exported ${iso(ctx.exportedAt)} · ${plural(records.length, 'note')} on ${plural(docCount, 'transcript')}`
	];
	let current = '';
	for (const r of records) {
		const key = `${r.document}\u0000${r.participant}`;
		if (key !== current) {
			current = key;
			out.push('', `## ${escapeMd(r.document)}${r.participant && r.participant !== r.document ? ` (participant ${escapeMd(r.participant)})` : ''}`);
		}
		out.push('');
		if (r.passage) out.push(blockquote(r.passage), '', own(r.note));
		else out.push(`**On the whole transcript:** ${own(r.note)}`);
		out.push('', dates(r.created, r.edited));
	}
	if (records.length === 0) out.push('', 'No familiarisation notes yet.');
	return out.join('\n') + '\n';
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Local date and time, "2026-03-04 14:05". */
export function localStamp(ms: number): string {
	const d = new Date(ms);
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The reflexive journal as Markdown, newest entry first. */
export function journalToMarkdown(notes: readonly Note[], ctx: Omit<NotesExportContext, 'documents'>): string {
	const entries = journalEntries(notes);
	const out: string[] = [
		`# Reflexive journal: ${own(ctx.projectName)}`,
		'',
		`Exported ${iso(ctx.exportedAt)} · ${plural(entries.length, 'entry', 'entries')}, newest first`
	];
	for (const e of entries) out.push('', `## ${localStamp(e.createdAt)}`, '', own(e.text), '', dates(iso(e.createdAt), editedIso(e)));
	if (entries.length === 0) out.push('', 'No journal entries yet.');
	return out.join('\n') + '\n';
}

// ---- CSV ----------------------------------------------------------------------------------

function csv(fields: string[], data: (string | number | null)[][]): string {
	return '\uFEFF' + Papa.unparse({ fields, data: data.map((r) => r.map((v) => (v === null ? '' : v))) }, { newline: '\r\n', delimiter: ',', quoteChar: '"', escapeFormulae: true });
}

/** Familiarisation notes as CSV, one row per note in reading order. */
export function notesToCsv(notes: readonly Note[], documents: readonly TranscriptDocument[]): string {
	return csv(
		['Document', 'Participant', 'Passage', 'Start', 'End', 'Note', 'Created', 'Edited'],
		noteRecords(notes, documents).map((r) => [r.document, r.participant, r.passage, r.start, r.end, r.note, r.created, r.edited])
	);
}

/** The reflexive journal as CSV, newest entry first. */
export function journalToCsv(notes: readonly Note[]): string {
	return csv(
		['Created', 'Edited', 'Entry'],
		journalEntries(notes).map((e) => [iso(e.createdAt), editedIso(e), e.text])
	);
}

// ---- Word ---------------------------------------------------------------------------------

/** Familiarisation notes as a table grouped by transcript (the shared table model). */
export function notesTable(notes: readonly Note[], ctx: NotesExportContext): TableDoc {
	const groups: TableGroup[] = [];
	for (const r of noteRecords(notes, ctx.documents)) {
		const heading = r.participant && r.participant !== r.document ? `${r.document} (participant ${r.participant})` : r.document;
		let g = groups.at(-1);
		if (!g || g.heading !== heading) groups.push((g = { heading, rows: [] }));
		g.rows.push({
			cells: {
				passage: r.passage ? [[{ text: r.passage.replace(/\s+/g, ' ').trim(), italic: true }]] : [[{ text: 'Whole transcript', italic: true }]],
				note: cell(r.note),
				written: cell(r.created.slice(0, 10) + (r.edited ? ` (edited ${r.edited.slice(0, 10)})` : ''))
			}
		});
	}
	return {
		title: `Familiarisation notes: ${ctx.projectName}`,
		columns: [
			{ key: 'passage', label: 'Passage', width: 4 },
			{ key: 'note', label: 'Note', width: 4 },
			{ key: 'written', label: 'Written', width: 1.4 }
		],
		groupLabel: 'Transcript',
		groups,
		notes: [`Exported ${iso(ctx.exportedAt)}.`]
	};
}

export async function notesToDocx(notes: readonly Note[], ctx: NotesExportContext): Promise<Uint8Array> {
	return (await renderTable(notesTable(notes, ctx), 'docx')) as Uint8Array;
}

export const MIME = {
	md: 'text/markdown;charset=utf-8',
	csv: 'text/csv;charset=utf-8',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
} as const;

/** "Familiarisation notes - Study name - 2026-03-04.md". */
export function exportName(what: string, projectName: string, at: number, ext: keyof typeof MIME): string {
	return `${what} - ${projectName.trim() || 'project'} - ${localStamp(at).slice(0, 10)}.${ext}`;
}
