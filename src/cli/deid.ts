// `tema deid`: the app's de-identification detector over transcript files, so it can be
// measured and used in scripts. Files are read exactly as the app imports them
// (readTranscriptBytes), so offsets are UTF-16 indices into the text Tema stores. With
// --against pii.json (the corpus generator's list of planted identifiers) it prints recall and
// precision instead, by the rule in src/lib/domain/deid/measure.ts.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { detectCorpus } from '../lib/domain/deid/detect';
import { measure, type PlantedItem, type Rate } from '../lib/domain/deid/measure';
import type { Finding } from '../lib/domain/deid/types';
import type { TextEncoding, Turn } from '../lib/domain/types';
import { baseName, readTranscriptBytes, TRANSCRIPT_EXTENSIONS } from '../lib/io/transcripts';
import { encodingArg, ENCODINGS, FileError, readBytes, UsageError, options, type Io } from './common';

export const DEID_SUMMARY = 'list names, places, numbers and other identifying details in transcripts';

export const DEID_HELP = `Usage: tema deid FOLDER-OR-FILES... [--json] [--min-confidence X] [--against PII.json]

Reads transcripts (${TRANSCRIPT_EXTENSIONS.join(', ')}) as the app imports them — a folder means
the transcript files directly in it — and lists the identifying details the app's
de-identification screen would find: names, workplaces, places, addresses, phone numbers,
e-mail addresses, dates of birth and national ID numbers (Norwegian fødselsnummer and D-number
with valid check digits; Swedish, Finnish, Danish, UK NI and NHS numbers).

  --json               print [{"doc", "start", "end", "category", "text"}, ...]: doc is the file
                       name without extension; start/end are UTF-16 offsets into the text as
                       Tema stores it; category is one of name, workplace, place, address,
                       phone, email, date_of_birth, national_id
  --min-confidence X   leave out findings the detector is less sure of than X (0–1; default 0)
  --against PII.json   compare with a corpus generator's pii.json and print recall and
                       precision per category (a planted identifier is found when a finding of
                       its category overlaps it; a finding is right when it overlaps one)
  --encoding ENC       decode plain-text files as ENC (${ENCODINGS.join(', ')})
  -h, --help           show this help

Without --json the findings are printed one per line: doc, offsets, category, confidence, text.
When a folder holds one interview in several formats (P01.txt, P01.vtt), the .txt is read.
`;

interface Doc {
	doc: string;
	file: string;
	text: string;
	turns: Turn[];
}

export async function deidCommand(args: string[], io: Io): Promise<void> {
	let json = false;
	let min = 0;
	let against: string | undefined;
	let assume: TextEncoding | undefined;
	const paths: string[] = [];
	for (const { arg: a, name, value } of options(args)) {
		if (a === '--json') json = true;
		else if (name === '--min-confidence') {
			const v = value();
			min = Number(v);
			if (!(min >= 0 && min <= 1)) throw new UsageError(`--min-confidence is a number from 0 to 1, not "${v}"`);
		} else if (name === '--against') against = value();
		else if (name === '--encoding') assume = encodingArg(value());
		else if (a.startsWith('-')) throw new UsageError(`unknown option "${a}"`);
		else paths.push(a);
	}
	if (paths.length === 0) throw new UsageError('deid needs a folder or transcript files');

	const files = collectFiles(paths, io);
	const docs: Doc[] = [];
	for (const file of files) docs.push(await readDoc(file, assume));
	const seen = new Map<string, string>();
	for (const d of docs) {
		const other = seen.get(d.doc);
		if (other) throw new FileError(`${d.file}: another file, ${other}, gives the same document name "${d.doc}"; findings would be ambiguous. Pass one of them.`);
		seen.set(d.doc, d.file);
	}
	const findings = detectCorpus(docs, { minConfidence: min });

	if (against) {
		io.out(report(findings, readPlanted(against), docs.length));
		return;
	}
	if (json) {
		// One finding a line inside the array, keys in the documented order.
		const rows = findings.map((f) => JSON.stringify({ doc: f.doc, start: f.start, end: f.end, category: f.category, text: f.text }));
		io.out(rows.length ? `[\n${rows.join(',\n')}\n]\n` : '[]\n');
		return;
	}
	for (const f of findings) io.out(`${f.doc}\t${f.start}-${f.end}\t${f.category}\t${f.confidence.toFixed(2)}\t${f.text}\n`);
	io.err(`${findings.length} finding${findings.length === 1 ? '' : 's'} in ${docs.length} transcript${docs.length === 1 ? '' : 's'}.\n`);
}

const PRIORITY = ['.txt', '.docx', '.md', '.markdown', '.vtt', '.srt'];

/** The files to read: files as given; a folder's transcript files, one per document name (.txt first). */
function collectFiles(paths: string[], io: Io): string[] {
	const out: string[] = [];
	for (const p of paths) {
		let isDir = false;
		try {
			isDir = statSync(p).isDirectory();
		} catch (e) {
			const code = (e as NodeJS.ErrnoException).code;
			throw new FileError(`${p}: ${code === 'ENOENT' ? 'no such file or folder' : (e as Error).message}`);
		}
		if (!isDir) {
			out.push(p);
			continue;
		}
		const names = readdirSync(p)
			.filter((n) => PRIORITY.some((ext) => n.toLowerCase().endsWith(ext)))
			.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
		const byDoc = new Map<string, string>();
		for (const n of names) {
			const doc = baseName(n);
			const had = byDoc.get(doc);
			const rank = (x: string) => PRIORITY.findIndex((ext) => x.toLowerCase().endsWith(ext));
			if (had && rank(had) <= rank(n)) continue;
			byDoc.set(doc, n);
		}
		const skipped = names.length - byDoc.size;
		if (skipped) io.err(`${p}: ${skipped} file${skipped === 1 ? '' : 's'} left out because the same interview is there as .txt (or another format read first).\n`);
		if (byDoc.size === 0) throw new FileError(`${p}: the folder holds no transcript files (${TRANSCRIPT_EXTENSIONS.join(', ')})`);
		for (const n of byDoc.values()) out.push(join(p, n));
	}
	return out;
}

async function readDoc(file: string, assume: TextEncoding | undefined): Promise<Doc> {
	const bytes = readBytes(file);
	const name = basename(file);
	const outcome = await readTranscriptBytes(name, bytes, 0, { projectId: 'cli', firstOrder: 0, existing: new Map(), assume, idFn: () => name });
	if (outcome.kind === 'ask-encoding') throw new FileError(`${file}: ${outcome.message.replace(`${name}: `, '')} Run again with --encoding (${ENCODINGS.join(', ')}).`);
	if (outcome.kind !== 'ok') throw new FileError(`${file}: ${outcome.message.replace(`${name}: `, '')}`);
	return { doc: baseName(name), file, text: outcome.content.text, turns: outcome.content.turns };
}

function readPlanted(file: string): PlantedItem[] {
	let data: unknown;
	try {
		data = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
	} catch (e) {
		throw new FileError(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `is not valid JSON (${(e as Error).message})`}`);
	}
	if (!Array.isArray(data)) throw new FileError(`${file}: expected a list of planted identifiers like the corpus generator's pii.json`);
	data.forEach((p, i) => {
		const ok = p && typeof p.doc === 'string' && typeof p.category === 'string' && Number.isInteger(p.start16) && Number.isInteger(p.end16);
		if (!ok) throw new FileError(`${file}: item ${i} lacks doc, category, start16 or end16`);
	});
	return data as PlantedItem[];
}

function report(findings: Finding[], planted: PlantedItem[], docs: number): string {
	const m = measure(findings, planted);
	const pct = (r: Rate) => (r.value === null ? '   —  ' : r.value.toFixed(3).padStart(6));
	const lines = [
		`${findings.length} findings, ${planted.length} planted identifiers, ${docs} transcripts.`,
		'',
		`overall      recall ${pct(m.recall)} (${m.recall.hit}/${m.recall.total})   precision ${pct(m.precision)} (${m.precision.hit}/${m.precision.total})`,
		'',
		'recall by planted category:'
	];
	for (const [k, r] of Object.entries(m.recallByPlanted).sort()) lines.push(`  ${k.padEnd(14)} ${pct(r)} (${r.hit}/${r.total})`);
	lines.push('precision by finding category:');
	for (const [k, r] of Object.entries(m.precisionByCategory).sort()) lines.push(`  ${k.padEnd(14)} ${pct(r!)} (${r!.hit}/${r!.total})`);
	if (m.missed.length) {
		lines.push('missed:');
		for (const p of m.missed) lines.push(`  ${p.doc} ${p.category} ${JSON.stringify(p.text)} at ${p.start16}`);
	}
	if (m.falsePositives.length) {
		lines.push('findings matching nothing planted:');
		for (const f of m.falsePositives) lines.push(`  ${f.doc} ${f.category} ${JSON.stringify(f.text)} at ${f.start} (${f.reason})`);
	}
	return lines.join('\n') + '\n';
}
