// A codebook file the researcher chose, read whatever its format: a Tema codebook (.json), a
// REFI-QDA codebook (.qdc) or a spreadsheet saved as CSV, chosen by the extension, or by the
// first character when the name says nothing. One shape back for the import dialog: what was
// read, what was not used and why, and the reader's other remarks.

import { parseCodebookJson, type CodebookFile } from '../domain/codebookFile';
import { plural } from '../domain/words';
import { readCodebookCsv } from './codebookCsv';
import { extensionOf } from './formats';
import { readQdc } from './refi/readQdc';

/** Larger files are refused before they are read. */
export const MAX_CODEBOOK_BYTES = 10 * 1024 * 1024;

export type CodebookRead =
	| {
			ok: true;
			file: CodebookFile;
			/** What the file held, as the reader describes it. */
			read: string[];
			/** Rows, elements or values of the file that were not used, with why. */
			notUsed: string[];
			/** Other remarks of the reader (names changed, guesses made). */
			remarks: string[];
	  }
	| { ok: false; error: string };

export function readCodebookFile(name: string, bytes: Uint8Array): CodebookRead {
	const ext = extensionOf(name).slice(1);
	if (bytes.byteLength === 0) return { ok: false, error: `“${name}” is empty (0 bytes).` };
	if (ext === 'qdpx')
		return { ok: false, error: `“${name}” is a whole REFI-QDA project, not a codebook; open it from the start page, or export its codebook as .qdc in the program that made it.` };
	const head = new TextDecoder().decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, '').trimStart();
	const kind = ext === 'json' || ext === 'qdc' || ext === 'csv' ? ext : head.startsWith('{') ? 'json' : head.startsWith('<') ? 'qdc' : ext === 'txt' || ext === 'tsv' ? 'csv' : null;
	if (kind === 'json') {
		const r = parseCodebookJson(new TextDecoder().decode(bytes), name);
		return r.ok ? { ok: true, file: r.file, read: [], notUsed: r.warnings, remarks: [] } : r;
	}
	if (kind === 'qdc') {
		const r = readQdc(bytes, name);
		if (!r.ok) return r;
		return { ok: true, file: r.codebook, read: r.report.read, notUsed: r.report.dropped.map((d) => `${d.what}: ${d.why}.`), remarks: r.report.notes };
	}
	if (kind === 'csv') {
		const r = readCodebookCsv(bytes, name);
		return r.ok ? { ok: true, file: r.file, read: [plural(r.codes, 'code')], notUsed: r.problems, remarks: [] } : r;
	}
	return { ok: false, error: `“${name}” is not a codebook Tema reads: choose a Tema codebook (.json), a REFI-QDA codebook (.qdc) or a spreadsheet saved as CSV (.csv).` };
}
