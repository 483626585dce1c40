// `tema import FILE [--summary]`: reads a REFI-QDA project (.qdpx or a bare .qde), a REFI-QDA
// codebook (.qdc) or a Tema backup (.json) with the app's own readers and prints what Tema
// would import: the report (what was read, what was left out and why, which position unit),
// or with --summary a JSON listing of every source's selections as Tema stores them, so that
// an import can be checked against another tool's view of the same file.

import { parseBackup, type ProjectBackup } from '../lib/domain/backup';
import { parseCodebookFile, type CodebookFileCode } from '../lib/domain/codebookFile';
import { readQdc } from '../lib/io/refi/readQdc';
import { readQdpx } from '../lib/io/refi/readQdpx';
import type { ImportReport } from '../lib/io/refi/report';
import { exitCode, FileError, readBytes, UsageError, type Io } from './common';

export const IMPORT_SUMMARY = 'show what Tema imports from a .qdpx, .qdc or backup .json';

export const IMPORT_HELP = `Usage: tema import FILE [--summary]

Reads FILE as the app does and prints the import report: what was read, what was left out
and why, and the decisions taken (which unit the file's text positions were counted in).
FILE is a REFI-QDA project (.qdpx, or a bare .qde), a REFI-QDA codebook (.qdc), or a Tema
project backup or codebook (.json).

Options:
  --summary   print JSON instead:
                {"sources": [{"name", "length", "selections": [{"start", "end", "code",
                  "coder", "text"}]}], "codes": [{"name", "parent"}], "dropped": [...]}
              start/end are UTF-16 offsets into the text as Tema stores it, text is the
              selected text, code/coder/parent are names (parent null at the top level),
              dropped lists what was left out ({"what", "why"}). A codebook has no sources.
  -h, --help  show this help

Exit codes: 0 read, 1 the file cannot be read (the message says why), 2 usage error.
`;

export interface ImportSummary {
	sources: { name: string; length: number; selections: { start: number; end: number; code: string; coder: string; text: string }[] }[];
	codes: { name: string; parent: string | null }[];
	dropped: { what: string; why: string }[];
}

/** The summary of a backup (the neutral model every reader produces). */
export function summariseBackup(b: ProjectBackup, dropped: ImportReport['dropped'] = []): ImportSummary {
	const codes = new Map(b.codes.map((c) => [c.id, c]));
	const coders = new Map(b.coders.map((c) => [c.id, c.name]));
	const texts = new Map(b.contents.map((c) => [c.docId, c.text]));
	const byDoc = new Map<string, typeof b.codings>();
	for (const c of b.codings) {
		const list = byDoc.get(c.docId);
		if (list) list.push(c);
		else byDoc.set(c.docId, [c]);
	}
	const sources = [...b.documents]
		.sort((x, y) => x.order - y.order)
		.map((d) => {
			const text = texts.get(d.id) ?? '';
			const selections = (byDoc.get(d.id) ?? [])
				.map((c) => ({ start: c.start, end: c.end, code: codes.get(c.codeId)?.name ?? '', coder: coders.get(c.coderId) ?? '', text: text.slice(c.start, c.end) }))
				.sort((x, y) => x.start - y.start || x.end - y.end || x.code.localeCompare(y.code) || x.coder.localeCompare(y.coder));
			return { name: d.name, length: text.length, selections };
		});
	// Codes depth-first in the codebook's order, as the codebook screen lists them.
	const out: ImportSummary['codes'] = [];
	const walk = (parentId: string | null) =>
		b.codes
			.filter((c) => c.parentId === parentId)
			.sort((x, y) => x.order - y.order)
			.forEach((c) => {
				out.push({ name: c.name, parent: parentId ? (codes.get(parentId)?.name ?? null) : null });
				walk(c.id);
			});
	walk(null);
	return { sources, codes: out, dropped };
}

function codebookCodes(list: CodebookFileCode[], parent: string | null, out: ImportSummary['codes'] = []): ImportSummary['codes'] {
	for (const c of list) {
		out.push({ name: c.name, parent });
		codebookCodes(c.children ?? [], c.name, out);
	}
	return out;
}

function printReport(io: Io, file: string, report: ImportReport): void {
	const lines = [`Read from ${file}:`, ...report.read.map((r) => `  - ${r}`)];
	if (report.dropped.length) lines.push(`Left out (${report.dropped.length}):`, ...report.dropped.map((d) => `  - ${d.what}: ${d.why}`));
	else lines.push('Left out: nothing.');
	if (report.notes.length) lines.push('Notes:', ...report.notes.map((n) => `  - ${n}`));
	io.out(`${lines.join('\n')}\n`);
}

/** Runs `tema import` on its own; returns the exit code. */
export function importCommand(args: string[], io: Io): Promise<number> {
	return exitCode('import', () => importFile(args, io), io);
}

/** `tema import`'s work; throws UsageError or FileError. */
export async function importFile(args: string[], io: Io): Promise<void> {
	if (args.includes('-h') || args.includes('--help')) {
		io.out(IMPORT_HELP);
		return;
	}
	const unknown = args.find((a) => a.startsWith('-') && a !== '--summary');
	if (unknown) throw new UsageError(`unknown option "${unknown}"`);
	const files = args.filter((a) => !a.startsWith('-'));
	if (files.length !== 1) throw new UsageError(files.length === 0 ? 'import needs a FILE' : 'import takes one FILE');
	const summary = args.includes('--summary');
	const file = files[0];
	const ext = file.toLowerCase().replace(/^.*\./, '');
	if (!['qdpx', 'qde', 'zip', 'qdc', 'json'].includes(ext)) throw new UsageError(`“${file}” is not a .qdpx, .qde, .qdc or .json file`);
	const bytes = readBytes(file);
	let result: { summary: ImportSummary; report: ImportReport };
	if (ext === 'qdc') {
		const r = readQdc(bytes, file);
		if (!r.ok) throw new FileError(r.error);
		result = { summary: { sources: [], codes: codebookCodes(r.codebook.codes, null), dropped: r.report.dropped }, report: r.report };
	} else if (ext === 'json') {
		const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
		let data: unknown;
		try {
			data = JSON.parse(text);
		} catch (e) {
			throw new FileError(`${file}: is not valid JSON (${(e as Error).message})`);
		}
		const isCodebook = typeof data === 'object' && data !== null && !('format' in data) && 'codes' in data;
		if (isCodebook) {
			const r = parseCodebookFile(data, file);
			if (!r.ok) throw new FileError(r.error);
			const report: ImportReport = { read: [`a Tema codebook, “${r.file.name}”`], dropped: r.warnings.map((w) => ({ what: w.split(' is not')[0], why: 'not a codebook field' })), notes: [] };
			result = { summary: { sources: [], codes: codebookCodes(r.file.codes, null), dropped: report.dropped }, report };
		} else {
			const r = parseBackup(text, file);
			if (!r.ok) throw new FileError(r.error);
			const b = r.backup;
			const report: ImportReport = {
				read: [`a Tema project backup of “${b.project.name}”: ${b.documents.length} transcripts, ${b.codes.length} codes, ${b.codings.length} codings`],
				dropped: [],
				notes: []
			};
			result = { summary: summariseBackup(b), report };
		}
	} else {
		const r = await readQdpx(bytes, file);
		if (!r.ok) throw new FileError(r.error);
		result = { summary: summariseBackup(r.backup, r.report.dropped), report: r.report };
	}

	if (summary) io.out(`${JSON.stringify(result.summary)}\n`);
	else printReport(io, file, result.report);
}
