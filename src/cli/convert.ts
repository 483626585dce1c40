// `tema convert IN OUT`: turns REFI-QDA files and Tema backups into each other, chosen by the
// files' extensions, through the app's own readers and writers (so a .qdpx can become a backup
// and back, exactly as the app would import and export it). What a reader left out is said
// on stderr; the summary of what was written on stdout.

import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { parseBackup, type ProjectBackup } from '../lib/domain/backup';
import { codebookFileToJson, parseCodebookFile, type CodebookFile } from '../lib/domain/codebookFile';
import { readQdc } from '../lib/io/refi/readQdc';
import { readQdpx } from '../lib/io/refi/readQdpx';
import type { ImportReport } from '../lib/io/refi/report';
import { writeQdc } from '../lib/io/refi/writeQdc';
import { writeQdpxWithReport } from '../lib/io/refi/writeQdpx';

export interface ConvertIo {
	out(text: string): void;
	err(text: string): void;
}

/** A problem the CLI reports: `usage` (exit 2) or a file's (exit 1). */
export class ConvertError extends Error {
	constructor(
		message: string,
		readonly usage = false
	) {
		super(message);
	}
}

export const CONVERT_SUMMARY = 'convert between REFI-QDA (.qdpx, .qdc) and Tema backup (.json) files';

export const CONVERT_HELP = `Usage: tema convert IN OUT

Converts by the files' extensions:
  .qdpx → .json   a REFI-QDA project into a Tema project backup (restore it in Tema)
  .json → .qdpx   a Tema project backup into a REFI-QDA project
  .json → .qdc    the codebook (and themes, as sets) of a Tema backup or Tema codebook file
  .qdpx → .qdc    the codebook (and sets) of a REFI-QDA project
  .qdc  → .json   a REFI-QDA codebook into a Tema codebook file (import it on the Codebook screen)

The same readers and writers as the app: positions are converted between REFI's code
points and Tema's UTF-16 offsets, themes travel as sets ("Main theme: …", "Theme: …").
What a reader could not use, and what a .qdpx cannot hold, is listed on stderr.
OUT is overwritten if it exists (never IN).

Options:
  -h, --help   show this help
`;

type Kind = 'qdpx' | 'qdc' | 'json';
const KINDS: readonly Kind[] = ['qdpx', 'qdc', 'json'];
const nf = new Intl.NumberFormat('en');
const n = (x: number, one: string, many = `${one}s`) => `${nf.format(x)} ${x === 1 ? one : many}`;

function kindOf(file: string): Kind | null {
	const ext = extname(file).slice(1).toLowerCase();
	return (KINDS as readonly string[]).includes(ext) ? (ext as Kind) : null;
}

function readBytes(file: string): Uint8Array {
	try {
		return readFileSync(file);
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message;
		throw new ConvertError(`${file}: ${why}`);
	}
}

function write(file: string, data: string | Uint8Array): void {
	try {
		writeFileSync(file, data);
	} catch (e) {
		throw new ConvertError(`${file}: could not be written (${(e as Error).message})`);
	}
}

function tellReport(file: string, report: ImportReport, io: ConvertIo): void {
	for (const line of report.read) io.err(`${file}: read ${line}\n`);
	for (const d of report.dropped) io.err(`${file}: left out ${d.what}: ${d.why}\n`);
	for (const line of report.notes) io.err(`${file}: ${line}\n`);
}

async function qdpxBackup(file: string, io: ConvertIo): Promise<ProjectBackup> {
	const r = await readQdpx(readBytes(file), basename(file));
	if (!r.ok) throw new ConvertError(`${file}: ${r.error}`);
	tellReport(file, r.report, io);
	return r.backup;
}

/** A .json that is a Tema project backup or a Tema codebook file. */
function readJson(file: string): { backup: ProjectBackup } | { codebook: CodebookFile } {
	const text = new TextDecoder().decode(readBytes(file)).replace(/^\uFEFF/, '');
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (e) {
		throw new ConvertError(`${file}: is not valid JSON (${(e as Error).message})`);
	}
	const format = (data as { format?: unknown } | null)?.format;
	if (format === 'tema-project-backup') {
		const parsed = parseBackup(text, file);
		if (!parsed.ok) throw new ConvertError(parsed.error);
		return { backup: parsed.backup };
	}
	if (data && typeof data === 'object' && 'codes' in data && 'schemaVersion' in data) {
		const parsed = parseCodebookFile(data, file);
		if (!parsed.ok) throw new ConvertError(parsed.error);
		return { codebook: parsed.file };
	}
	throw new ConvertError(`${file}: is neither a Tema project backup (made with “Back up project”) nor a Tema codebook file`);
}

function summary(b: ProjectBackup): string {
	return `${n(b.documents.length, 'transcript')}, ${n(b.codes.length, 'code')}, ${n(b.codings.length, 'coding')} by ${n(b.coders.length, 'coder')}, ${n(b.participants.length, 'participant')}, ${n(b.themes.length, 'theme')}, ${n(b.notes.length, 'note')}`;
}

/** Runs `convert` with its arguments; throws ConvertError for a usage or file problem. */
export async function convert(args: string[], io: ConvertIo): Promise<void> {
	const unknown = args.find((a) => a.startsWith('-'));
	if (unknown) throw new ConvertError(`unknown option "${unknown}"`, true);
	if (args.length !== 2) throw new ConvertError(args.length < 2 ? 'convert needs IN and OUT files' : 'convert takes two files, IN and OUT', true);
	const [input, output] = args;
	const from = kindOf(input);
	const to = kindOf(output);
	if (!from) throw new ConvertError(`cannot tell what "${input}" is from its extension (use .qdpx, .qdc or .json)`, true);
	if (!to) throw new ConvertError(`cannot tell what to write from the extension of "${output}" (use .qdpx, .qdc or .json)`, true);
	if (from === to) throw new ConvertError(`"${input}" and "${output}" are both .${from}: nothing to convert`, true);
	if (from === 'qdc' && to === 'qdpx')
		throw new ConvertError('a .qdc holds a codebook only, and a .qdpx project needs transcripts: convert the .qdc to .json and import it into a Tema project, then export that', true);
	if (existsSync(output) && existsSync(input) && realpathSync(resolve(input)) === realpathSync(resolve(output)))
		throw new ConvertError(`"${output}" is the input file`, true);

	if (from === 'qdpx' && to === 'json') {
		const b = await qdpxBackup(input, io);
		write(output, JSON.stringify(b));
		io.out(`Wrote ${output} (Tema project backup): ${summary(b)}.\n`);
		return;
	}
	if (from === 'qdpx' && to === 'qdc') {
		const b = await qdpxBackup(input, io);
		if (b.codes.length === 0) throw new ConvertError(`${input}: the project has no codes, so there is no codebook to write`);
		write(output, writeQdc(b.codes, { themes: b.themes }));
		io.out(`Wrote ${output} (REFI-QDA codebook): ${n(b.codes.length, 'code')}, ${n(b.themes.length, 'theme')} as sets.\n`);
		return;
	}
	if (from === 'qdc' && to === 'json') {
		const r = readQdc(readBytes(input), basename(input));
		if (!r.ok) throw new ConvertError(`${input}: ${r.error}`);
		tellReport(input, r.report, io);
		write(output, codebookFileToJson(r.codebook));
		const count = (cs: CodebookFile['codes']): number => cs.reduce((s, c) => s + 1 + count(c.children ?? []), 0);
		io.out(`Wrote ${output} (Tema codebook file): ${n(count(r.codebook.codes), 'code')}.\n`);
		return;
	}
	// from json
	const json = readJson(input);
	if ('codebook' in json) {
		if (to === 'qdpx') throw new ConvertError(`${input}: is a codebook file, not a project backup; a .qdpx needs a whole project (convert it to .qdc instead)`);
		write(output, writeQdc(json.codebook));
		io.out(`Wrote ${output} (REFI-QDA codebook).\n`);
		return;
	}
	const b = json.backup;
	if (to === 'qdc') {
		if (b.codes.length === 0) throw new ConvertError(`${input}: the project has no codes, so there is no codebook to write`);
		write(output, writeQdc(b.codes, { themes: b.themes }));
		io.out(`Wrote ${output} (REFI-QDA codebook): ${n(b.codes.length, 'code')}, ${n(b.themes.length, 'theme')} as sets.\n`);
		return;
	}
	const { bytes, report } = writeQdpxWithReport(b);
	write(output, bytes);
	for (const line of report.notWritten) io.err(`${output}: not written: ${line}\n`);
	io.out(
		`Wrote ${output} (REFI-QDA project): ${n(report.sources, 'source')}, ${n(report.codes, 'code')}, ${n(report.selections, 'coded selection')} by ${n(report.users, 'user')}, ${n(report.cases, 'case')}, ${n(report.sets, 'set')}, ${n(report.notes, 'note')}.\n`
	);
}

/** `convert` on its own: prints problems as the tema command does and returns the exit code. */
export async function convertCommand(args: string[], io: ConvertIo): Promise<number> {
	try {
		await convert(args, io);
		return 0;
	} catch (e) {
		if (!(e instanceof ConvertError)) throw e;
		io.err(e.usage ? `tema: ${e.message}\nRun "tema convert --help" for usage.\n` : `tema: ${e.message}\n`);
		return e.usage ? 2 : 1;
	}
}
