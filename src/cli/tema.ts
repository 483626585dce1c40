// The headless `tema` command: the app's own domain code, run from a terminal or a script so
// imports can be checked and results reproduced without a browser. A small dispatcher; each
// command parses its own arguments. Exit codes: 0 ok, 1 a file problem, 2 a usage error.

import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { detectParticipant, parseTurns } from '../lib/domain/turns';
import { readTranscriptText, TRANSCRIPT_EXTENSIONS } from '../lib/io/formats';
import type { TextEncoding } from '../lib/domain/types';
import { parseBackup, type ProjectBackup } from '../lib/domain/backup';
import { renderTable, TABLE_FORMATS, type TableDoc, type TableFormat } from '../lib/io/tables';
import { codebookAppendixFor, themeTableFor } from '../lib/io/themeTableDoc';
import { table1For } from '../lib/io/table1Doc';
import { parseParticipantsCsv } from '../lib/io/participants';
import { attributeDefs } from '../lib/domain/table1';
import { computeAgreement, type AgreementRequest, type Stat } from '../lib/domain/agreement';
import { analysisCodings } from '../lib/domain/agreement/reconcile';
import { agreementReport, DEFAULT_SEGMENT_OVERLAP, defaultSelection, methodsParagraph, type AgreementUnit } from '../lib/domain/agreement/report';
import { importFile, IMPORT_HELP, IMPORT_SUMMARY } from './import';
import { convert, CONVERT_HELP, CONVERT_SUMMARY } from './convert';
import { deidCommand, DEID_HELP, DEID_SUMMARY } from './deid';
import { encodingArg, ENCODINGS, exitCode, FileError, readBytes, UsageError, options, type Io } from './common';

interface Command {
	summary: string;
	help: string;
	run(args: string[], io: Io): void | Promise<void>;
}

const FORMAT_NAMES = TABLE_FORMATS.map((f) => f.format).join(', ');

const COMMANDS: Record<string, Command> = {
	inspect: {
		summary: 'show the participant and speaker turns found in a transcript',
		help: `Usage: tema inspect [--encoding ENC] [--text] FILE

Reads a transcript (${TRANSCRIPT_EXTENSIONS.join(', ')}) as the app imports it and prints JSON:
  {"participant": "P07", "turns": [{"speaker": "P07", "role": "participant", "start": 0, "end": 42}, ...]}
participant is null when neither the labels nor the file name name one. start/end are
UTF-16 offsets into the text as Tema stores it: a .txt exactly as decoded; a .docx, .md,
.vtt or .srt converted to the same form ("[hh:mm:ss] Speaker: text" paragraphs for
captions). A turn covers its timestamp, label and text up to the line break; a turn with
a timestamp also has "timestamp": "hh:mm:ss". What a conversion did is said on stderr.

Options:
  --encoding ENC  decode as ENC (${ENCODINGS.join(', ')}) instead of detecting it
  --text          print the text Tema would store instead of the JSON
  -h, --help      show this help
`,
		run: inspect
	},
	'theme-table': {
		summary: 'print a project backup’s theme table (md, csv, latex, html, docx, xlsx)',
		help: `Usage: tema theme-table BACKUP.json [--format FMT] [--out FILE] [--kept-only] [--definition concept|full]

Builds the theme table (main theme → theme → definition → n participants → quotes) of a
project backup file (made with "Back up project" in Tema), exactly as the app exports it.

Options:
  --format FMT     ${FORMAT_NAMES} (default md)
  --out FILE       write to FILE (needed for docx and xlsx); text formats go to stdout without it
  --kept-only      leave out candidate themes (discarded themes are never printed)
  --definition D   concept (default): the central organising concept; full: also includes,
                   excludes and relations
  --portrait       DOCX on a portrait page (default landscape, as the app)
  -h, --help       show this help
`,
		run: (args, io) => tableCommand('theme-table', args, io)
	},
	agree: {
		summary: 'compute an agreement statistic from a JSON input file',
		help: `Usage: tema agree INPUT.json
       tema agree --project BACKUP.json [--unit char|segment[:0.9]|turn|presence] [--coders A,B]

INPUT.json is {"statistic": S, "level"?: L, "code"?: C, "input": I}:
  S  percent_agreement, cohen_kappa, scott_pi, bennett_s (Brennan–Prediger), gwet_ac1,
     fleiss_kappa, krippendorff_alpha, char_level_percent_agreement, char_level_cohen_kappa,
     char_level_scott_pi, char_level_krippendorff_alpha,
     char_level_positive_specific_agreement, unitizing_alpha_2004_category, u_alpha,
     cu_alpha, k_u_alpha
  L  nominal (default), ordinal, interval, ratio
  C  the code (category) for per-code statistics
  I  one of the input formats of shared/agreement/public-vectors.json: reliability_matrix,
     contingency_table, subject_category_counts, tables_per_code, spans, unitizing_2004

Prints {"statistic": S, "value": number} or, when the statistic is undefined for the data,
{"statistic": S, "value": null, "reason": "..."}. Exit 1 for a malformed file or input.

With --project, reports a whole project backup's agreement as the app's Agreement screen
does: every coder (or those named with --coders, by name), the transcripts coded by two or
more of them, the codes they used; per code, per transcript and pooled, as JSON
{"unit", "coders", "pooling", "methods", "pooled", "perCode", "perDocument"}.
`,
		run: agree
	},
	table1: {
		summary: 'print Table 1 (participant characteristics) of a participants CSV or a backup',
		help: `Usage: tema table1 participants.csv|BACKUP.json [--format FMT] [--out FILE] [--portrait]

Builds Table 1 as the app's Participants screen exports it: per attribute, counts and
percentages for categories (missing values on their own row), mean (SD) and median (range)
for numbers, the range for dates. From a CSV (first column of ids such as P07, or a column
named id/participant) the types are guessed from the values (all numbers: number); from a
project backup the project's attribute types are used.

Options:
  --format FMT     ${FORMAT_NAMES} (default md)
  --out FILE       write to FILE (needed for docx and xlsx)
  --portrait       DOCX on a portrait page
  -h, --help       show this help
`,
		run: (args, io) => tableCommand('table1', args, io)
	},
	'codebook-appendix': {
		summary: 'print a project backup’s codebook as an appendix table',
		help: `Usage: tema codebook-appendix BACKUP.json [--format FMT] [--out FILE]

Every code with its definition, include, exclude, example and theme, as the app exports it.

Options:
  --format FMT     ${FORMAT_NAMES} (default md)
  --out FILE       write to FILE (needed for docx and xlsx)
  --portrait       DOCX on a portrait page (default landscape, as the app)
  -h, --help       show this help
`,
		run: (args, io) => tableCommand('codebook-appendix', args, io)
	},
	import: {
		summary: IMPORT_SUMMARY,
		help: IMPORT_HELP,
		run: importFile
	},
	convert: {
		summary: CONVERT_SUMMARY,
		help: CONVERT_HELP,
		run: convert
	},
	deid: {
		summary: DEID_SUMMARY,
		help: DEID_HELP,
		run: deidCommand
	}
};

const HELP = `Usage: tema <command> [options]

Commands:
${Object.entries(COMMANDS)
	.map(([name, c]) => `  ${name.padEnd(19)}${c.summary}`)
	.join('\n')}

Run "tema <command> --help" for a command's options.
`;

/** Runs the CLI with the arguments after the script name; returns the exit code. */
export async function run(argv: string[], io: Io): Promise<number> {
	const [name, ...rest] = argv;
	const command = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
	return exitCode(
		command ? name : undefined,
		async () => {
			if (name === undefined) throw new UsageError('no command given');
			if (name === '-h' || name === '--help' || name === 'help') return io.out(HELP);
			if (!command) throw new UsageError(`unknown command "${name}"`);
			if (rest.includes('-h') || rest.includes('--help')) return io.out(command.help);
			await command.run(rest, io);
		},
		io
	);
}

async function inspect(args: string[], io: Io): Promise<void> {
	let assume: TextEncoding | undefined;
	let showText = false;
	const files: string[] = [];
	for (const { arg: a, name, value } of options(args)) {
		if (name === '--encoding') assume = encodingArg(value());
		else if (a === '--text') showText = true;
		else if (a.startsWith('-')) throw new UsageError(`unknown option "${a}"`);
		else files.push(a);
	}
	if (files.length !== 1) throw new UsageError(files.length === 0 ? 'inspect needs a FILE' : 'inspect takes one FILE');
	const file = files[0];

	// The app's own reader: the same conversion, the same messages.
	const read = await readTranscriptText(file, readBytes(file), assume);
	if (read.kind === 'ask-encoding') throw new FileError(`${file}: ${read.message} Run again with --encoding (${ENCODINGS.join(', ')}).`);
	if (read.kind === 'error') throw new FileError(`${file}: ${read.message}`);
	if (read.note) io.err(`${file}: ${read.note}\n`);
	if (showText) {
		io.out(read.text);
		return;
	}
	const turns = parseTurns(read.text, read.labels);
	const participant = detectParticipant(turns, file);
	// Key order and spacing are part of the output format, so build it by hand.
	const rows = turns.map(
		(t) =>
			`{"speaker": ${JSON.stringify(t.speaker)}, "role": ${JSON.stringify(t.role)}, "start": ${t.start}, "end": ${t.end}` +
			(t.timestamp ? `, "timestamp": ${JSON.stringify(t.timestamp)}}` : '}')
	);
	io.out(`{"participant": ${JSON.stringify(participant)}, "turns": [${rows.join(', ')}]}\n`);
}

function agree(args: string[], io: Io): void {
	if (args.includes('--project') || args.some((a) => a.startsWith('--project='))) return agreeProject(args, io);
	const files = args.filter((a) => !a.startsWith('-'));
	const unknown = args.find((a) => a.startsWith('-'));
	if (unknown) throw new UsageError(`unknown option "${unknown}"`);
	if (files.length !== 1) throw new UsageError(files.length === 0 ? 'agree needs an INPUT.json file' : 'agree takes one INPUT.json file');
	const file = files[0];
	let request: AgreementRequest;
	try {
		request = JSON.parse(new TextDecoder().decode(readBytes(file)).replace(/^\uFEFF/, '')) as AgreementRequest;
	} catch (e) {
		if (e instanceof FileError) throw e;
		throw new FileError(`${file}: is not valid JSON (${(e as Error).message})`);
	}
	if (typeof request?.statistic !== 'string') throw new FileError(`${file}: "statistic" is missing`);
	let stat: Stat;
	try {
		stat = computeAgreement(request);
	} catch (e) {
		throw new FileError(`${file}: ${(e as Error).message}`);
	}
	const out: Record<string, unknown> = { statistic: request.statistic, value: stat.value };
	if (stat.value === null) out.reason = stat.reason;
	io.out(`${JSON.stringify(out)}\n`);
}

function agreeProject(args: string[], io: Io): void {
	let file: string | undefined;
	let unit: AgreementUnit = 'char';
	let overlap = DEFAULT_SEGMENT_OVERLAP;
	let coderNames: string[] | null = null;
	for (const { arg: a, name, value } of options(args)) {
		if (name === '--project') file = value();
		else if (name === '--unit') {
			const v = value();
			const seg = /^segment(?::(\d*\.?\d+))?$/.exec(v);
			if (seg) {
				unit = 'segment';
				if (seg[1] !== undefined) overlap = Number(seg[1]);
				if (!(overlap > 0 && overlap <= 1)) throw new UsageError(`the segment overlap is a share in (0, 1], not "${seg[1]}"`);
			} else if (v === 'char' || v === 'turn' || v === 'presence') unit = v;
			else throw new UsageError(`--unit is char, segment[:0.9], turn or presence, not "${v}"`);
		} else if (name === '--coders') coderNames = value().split(',').map((s) => s.trim()).filter(Boolean);
		else throw new UsageError(`unknown option or argument "${a}"`);
	}
	if (!file) throw new UsageError('--project needs a BACKUP.json file');
	const b = readBackup(file);
	const coders = coderNames ? coderNames.map((n) => b.coders.find((c) => c.name === n) ?? null) : b.coders;
	const missing = coderNames?.filter((_, i) => coders[i] === null) ?? [];
	if (missing.length) throw new FileError(`${file}: no coder called ${missing.map((m) => `"${m}"`).join(', ')} (coders: ${b.coders.map((c) => c.name).join(', ')})`);
	const coderIds = coders.filter((c) => c !== null).map((c) => c!.id);
	const { docIds, codeIds } = defaultSelection(b.documents, b.codes, b.codings, coderIds);
	const report = agreementReport({
		documents: b.documents,
		contents: new Map(b.contents.map((c) => [c.docId, c])),
		codes: b.codes,
		codings: b.codings,
		coders: b.coders,
		docIds,
		codeIds,
		coderIds,
		unit,
		overlap
	});
	const out = {
		unit: unit === 'segment' ? `segment:${overlap}` : unit,
		coders: report.coders.map((c) => c.name),
		pooling: report.pooling,
		methods: methodsParagraph(report, b.documents.length),
		pooled: report.pooled,
		perCode: report.perCode.map((r) => ({ code: r.label, ...r.stats })),
		perDocument: report.perDocument.map((r) => ({ document: r.label, ...r.stats }))
	};
	io.out(`${JSON.stringify(out, null, 1)}\n`);
}

async function tableCommand(kind: 'theme-table' | 'codebook-appendix' | 'table1', args: string[], io: Io): Promise<void> {
	let format: TableFormat = 'md';
	let out: string | undefined;
	let keptOnly = false;
	let definition: 'concept' | 'full' = 'concept';
	let landscape = true;
	const files: string[] = [];
	for (const { arg: a, name, value } of options(args)) {
		if (name === '--format') {
			const v = value().toLowerCase();
			const f = TABLE_FORMATS.find((x) => x.format === v || x.extension === v);
			if (!f) throw new UsageError(`unknown format "${v}" (use ${FORMAT_NAMES})`);
			format = f.format;
		} else if (name === '--out') {
			out = value();
		} else if (a === '--portrait') {
			landscape = false;
		} else if (a === '--kept-only' && kind === 'theme-table') {
			keptOnly = true;
		} else if (name === '--definition' && kind === 'theme-table') {
			const v = value();
			if (v !== 'concept' && v !== 'full') throw new UsageError(`--definition is concept or full, not "${v}"`);
			definition = v;
		} else if (a.startsWith('-')) {
			throw new UsageError(`unknown option "${a}"`);
		} else files.push(a);
	}
	const input = kind === 'table1' ? 'participants.csv (or BACKUP.json)' : 'BACKUP.json';
	if (files.length !== 1) throw new UsageError(files.length === 0 ? `${kind} needs a ${input} file` : `${kind} takes one ${input} file`);
	if ((format === 'docx' || format === 'xlsx') && !out) throw new UsageError(`--format ${format} writes a binary file: give --out FILE`);
	if (kind === 'table1') {
		await writeTable(table1From(files[0]), format, landscape, out, io);
		return;
	}
	const backup = readBackup(files[0]);
	const contents = new Map(backup.contents.map((c) => [c.docId, c]));
	// As in the app: when the project names an analysis layer (e.g. a consensus), only its codings.
	const codings = [...analysisCodings(backup.codings, backup.project.analysisCoderId)];
	const doc: TableDoc =
		kind === 'theme-table'
			? themeTableFor({ ...backup, codings, contents }, { includeCandidates: !keptOnly, definition })
			: codebookAppendixFor({ ...backup, codings });
	await writeTable(doc, format, landscape, out, io);
}

/** Renders a table to FILE, or to stdout for text formats. */
async function writeTable(doc: TableDoc, format: TableFormat, landscape: boolean, out: string | undefined, io: Io): Promise<void> {
	const rendered = await renderTable(doc, format, { landscape });
	if (out) {
		try {
			writeFileSync(out, rendered);
		} catch (e) {
			throw new FileError(`${out}: ${(e as Error).message}`);
		}
	} else io.out(typeof rendered === 'string' ? rendered : '');
}

/** Table 1 of a participants CSV (types guessed from the values) or of a project backup (its attribute types). */
function table1From(file: string): TableDoc {
	if (file.toLowerCase().endsWith('.json')) {
		const b = readBackup(file);
		return table1For(b.participants, attributeDefs(b.project.attributes, b.participants));
	}
	let csv: string;
	try {
		csv = readFileSync(file, 'utf8');
	} catch (e) {
		throw new FileError(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
	}
	const parsed = parseParticipantsCsv(csv, file, 'cli');
	if (!parsed.ok) throw new FileError(parsed.message);
	return table1For(parsed.participants, attributeDefs(undefined, parsed.participants));
}

function readBackup(file: string): ProjectBackup {
	const text = new TextDecoder('utf-8', { fatal: false }).decode(readBytes(file));
	const parsed = parseBackup(text, file);
	if (!parsed.ok) throw new FileError(parsed.error);
	return parsed.backup;
}

function invokedDirectly(): boolean {
	const script = process.argv[1];
	if (!script) return false;
	try {
		return import.meta.url === pathToFileURL(realpathSync(script)).href;
	} catch {
		return false;
	}
}

if (invokedDirectly()) {
	// exitCode rather than exit(): a large JSON on a pipe must be flushed completely.
	process.exitCode = await run(process.argv.slice(2), {
		out: (s) => process.stdout.write(s),
		err: (s) => process.stderr.write(s)
	});
}
