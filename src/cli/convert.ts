// `tema convert IN OUT`: turns REFI-QDA files and Tema backups into each other, chosen by the
// files' extensions, through the app's own readers and writers (so a .qdpx can become a backup
// and back, exactly as the app would import and export it). What a reader left out is said
// on stderr; the summary of what was written on stdout.

import { existsSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { parseBackup, type ProjectBackup } from '../lib/domain/backup';
import { plural } from '../lib/domain/words';
import { codebookFileToJson, parseCodebookFile, type CodebookFile } from '../lib/domain/codebookFile';
import { readQdc } from '../lib/io/refi/readQdc';
import { readQdpx } from '../lib/io/refi/readQdpx';
import type { ImportReport } from '../lib/io/refi/report';
import { writeQdc } from '../lib/io/refi/writeQdc';
import { writeQdpxWithReport } from '../lib/io/refi/writeQdpx';
import { exitCode, FileError, readBytes, UsageError, type Io } from './common';

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

function kindOf(file: string): Kind | null {
	const ext = extname(file).slice(1).toLowerCase();
	return (KINDS as readonly string[]).includes(ext) ? (ext as Kind) : null;
}

function write(file: string, data: string | Uint8Array): void {
	try {
		writeFileSync(file, data);
	} catch (e) {
		throw new FileError(`${file}: could not be written (${(e as Error).message})`);
	}
}

function tellReport(file: string, report: ImportReport, io: Io): void {
	for (const line of report.read) io.err(`${file}: read ${line}\n`);
	for (const d of report.dropped) io.err(`${file}: left out ${d.what}: ${d.why}\n`);
	for (const line of report.notes) io.err(`${file}: ${line}\n`);
}

async function qdpxBackup(file: string, io: Io): Promise<ProjectBackup> {
	const r = await readQdpx(readBytes(file), basename(file));
	if (!r.ok) throw new FileError(`${file}: ${r.error}`);
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
		throw new FileError(`${file}: is not valid JSON (${(e as Error).message})`);
	}
	const format = (data as { format?: unknown } | null)?.format;
	if (format === 'tema-project-backup') {
		const parsed = parseBackup(text, file);
		if (!parsed.ok) throw new FileError(parsed.error);
		return { backup: parsed.backup };
	}
	if (data && typeof data === 'object' && 'codes' in data && 'schemaVersion' in data) {
		const parsed = parseCodebookFile(data, file);
		if (!parsed.ok) throw new FileError(parsed.error);
		return { codebook: parsed.file };
	}
	throw new FileError(`${file}: is neither a Tema project backup (made with “Back up project”) nor a Tema codebook file`);
}

function summary(b: ProjectBackup): string {
	return `${plural(b.documents.length, 'transcript')}, ${plural(b.codes.length, 'code')}, ${plural(b.codings.length, 'coding')} by ${plural(b.coders.length, 'coder')}, ${plural(b.participants.length, 'participant')}, ${plural(b.themes.length, 'theme')}, ${plural(b.notes.length, 'note')}`;
}

/** Runs `convert` with its arguments; throws UsageError or FileError. */
export async function convert(args: string[], io: Io): Promise<void> {
	const unknown = args.find((a) => a.startsWith('-'));
	if (unknown) throw new UsageError(`unknown option "${unknown}"`);
	if (args.length !== 2) throw new UsageError(args.length < 2 ? 'convert needs IN and OUT files' : 'convert takes two files, IN and OUT');
	const [input, output] = args;
	const from = kindOf(input);
	const to = kindOf(output);
	if (!from) throw new UsageError(`cannot tell what "${input}" is from its extension (use .qdpx, .qdc or .json)`);
	if (!to) throw new UsageError(`cannot tell what to write from the extension of "${output}" (use .qdpx, .qdc or .json)`);
	if (from === to) throw new UsageError(`"${input}" and "${output}" are both .${from}: nothing to convert`);
	if (from === 'qdc' && to === 'qdpx')
		throw new UsageError('a .qdc holds a codebook only, and a .qdpx project needs transcripts: convert the .qdc to .json and import it into a Tema project, then export that');
	if (existsSync(output) && existsSync(input) && realpathSync(resolve(input)) === realpathSync(resolve(output)))
		throw new UsageError(`"${output}" is the input file`);

	if (from === 'qdpx' && to === 'json') {
		const b = await qdpxBackup(input, io);
		write(output, JSON.stringify(b));
		io.out(`Wrote ${output} (Tema project backup): ${summary(b)}.\n`);
		return;
	}
	if (from === 'qdpx' && to === 'qdc') {
		const b = await qdpxBackup(input, io);
		if (b.codes.length === 0) throw new FileError(`${input}: the project has no codes, so there is no codebook to write`);
		write(output, writeQdc(b.codes, { themes: b.themes }));
		io.out(`Wrote ${output} (REFI-QDA codebook): ${plural(b.codes.length, 'code')}, ${plural(b.themes.length, 'theme')} as sets.\n`);
		return;
	}
	if (from === 'qdc' && to === 'json') {
		const r = readQdc(readBytes(input), basename(input));
		if (!r.ok) throw new FileError(`${input}: ${r.error}`);
		tellReport(input, r.report, io);
		write(output, codebookFileToJson(r.codebook));
		const count = (cs: CodebookFile['codes']): number => cs.reduce((s, c) => s + 1 + count(c.children ?? []), 0);
		io.out(`Wrote ${output} (Tema codebook file): ${plural(count(r.codebook.codes), 'code')}.\n`);
		return;
	}
	// from json
	const json = readJson(input);
	if ('codebook' in json) {
		if (to === 'qdpx') throw new FileError(`${input}: is a codebook file, not a project backup; a .qdpx needs a whole project (convert it to .qdc instead)`);
		write(output, writeQdc(json.codebook));
		io.out(`Wrote ${output} (REFI-QDA codebook).\n`);
		return;
	}
	const b = json.backup;
	if (to === 'qdc') {
		if (b.codes.length === 0) throw new FileError(`${input}: the project has no codes, so there is no codebook to write`);
		write(output, writeQdc(b.codes, { themes: b.themes }));
		io.out(`Wrote ${output} (REFI-QDA codebook): ${plural(b.codes.length, 'code')}, ${plural(b.themes.length, 'theme')} as sets.\n`);
		return;
	}
	const { bytes, report } = writeQdpxWithReport(b);
	write(output, bytes);
	for (const line of report.notWritten) io.err(`${output}: not written: ${line}\n`);
	io.out(
		`Wrote ${output} (REFI-QDA project): ${plural(report.sources, 'source')}, ${plural(report.codes, 'code')}, ${plural(report.selections, 'coded selection')} by ${plural(report.users, 'user')}, ${plural(report.cases, 'case')}, ${plural(report.sets, 'set')}, ${plural(report.notes, 'note')}.\n`
	);
}

/** `convert` on its own: prints problems as the tema command does and returns the exit code. */
export function convertCommand(args: string[], io: Io): Promise<number> {
	return exitCode('convert', () => convert(args, io), io);
}
