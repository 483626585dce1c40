// Benchmark data, generated at run time with the shared synthetic-corpus generator into
// bench-results/data/ (gitignored): one ~300,000-character interview with ~3,000 codings, and
// 100 interviews of 15,000 words for the import measure. Also the rows that seed the app's
// 'tema' database for the apply-a-code measure, in exactly the shapes src/lib/db stores.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeCoding } from '../../src/lib/domain/anchors';
import { compareCodings } from '../../src/lib/db/changes';
import { parseTurns } from '../../src/lib/domain/turns';
import type { Code, Coder, Coding, DocumentContent, Project, TranscriptDocument, Turn } from '../../src/lib/domain/types';
import { CORPUS, mulberry32 as rng } from '../shared';

export const ROOT = resolve(import.meta.dirname, '../..');
export const RESULTS = join(ROOT, 'bench-results');
export const DATA = join(RESULTS, 'data');

/** How many codings measure (1) and (2) put on the page. */
export const TARGET_CODINGS = 3000;

function generatorPath(): string {
	const env = process.env.TEMA_CORPUS;
	const p = env ? (env.endsWith('.mjs') ? env : join(env, 'generate.mjs')) : join(CORPUS, 'generate.mjs');
	if (!existsSync(p)) {
		throw new Error(`Corpus generator not found at ${p}. Set TEMA_CORPUS to shared/corpus (or its generate.mjs).`);
	}
	// The generator runs only when started by its real path (not through a symlink).
	return realpathSync(p);
}

/** Runs the generator unless `out` already holds a corpus made with the same parameters. */
function generate(out: string, args: Record<string, string>): void {
	const manifest = join(out, 'manifest.json');
	if (existsSync(manifest)) {
		const p = JSON.parse(readFileSync(manifest, 'utf8')).parameters ?? {};
		const same =
			String(p.participants) === args.participants &&
			String(p.words) === args.words &&
			String(p.coders) === args.coders &&
			(p.formats ?? []).join(',') === args.formats;
		if (same) return;
	}
	const argv = ['--out', out, ...Object.entries(args).flatMap(([k, v]) => [`--${k}`, v])];
	execFileSync(process.execPath, [generatorPath(), ...argv], { stdio: 'pipe' });
}

interface CorpusSpan {
	doc: string;
	code: string;
	start: number;
	end: number;
}

interface CodebookFile {
	codes: { id: string; name: string; definition: string; include: string; exclude: string }[];
}

export interface BigDoc {
	text: string;
	turns: Turn[];
	/** Code ids (the corpus codebook's) in codebook order. */
	codeIds: string[];
	codeNames: Map<string, string>;
	/** code id -> "#rrggbb" */
	colors: [string, string][];
	/** TARGET_CODINGS distinct (code, start, end) spans inside participant speech. */
	spans: { codeId: string; start: number; end: number }[];
	sources: { gold: number; c1: number; jittered: number };
}

export interface ImportSet {
	files: string[];
	bytes: number;
}

/** 41 distinguishable colours spread around the hue circle. */
function palette(n: number): string[] {
	const out: string[] = [];
	for (let i = 0; i < n; i++) {
		const h = (i * 137.508) % 360;
		const s = 0.55 + 0.2 * ((i * 7) % 3) / 2;
		const l = 0.4 + 0.1 * ((i * 5) % 3) / 2;
		const k = (m: number) => (m + h / 30) % 12;
		const a = s * Math.min(l, 1 - l);
		const f = (m: number) => l - a * Math.max(-1, Math.min(k(m) - 3, Math.min(9 - k(m), 1)));
		const hex = (x: number) => Math.round(x * 255).toString(16).padStart(2, '0');
		out.push(`#${hex(f(0))}${hex(f(8))}${hex(f(4))}`);
	}
	return out;
}

/** Next word start strictly after `i` (or -1). */
function nextWordStart(text: string, i: number, limit: number): number {
	let j = i;
	while (j < limit && !/\s/.test(text[j])) j++;
	while (j < limit && /\s/.test(text[j])) j++;
	return j < limit ? j : -1;
}

/** Previous word end strictly before `i` (or -1). */
function prevWordEnd(text: string, i: number, limit: number): number {
	let j = i;
	while (j > limit && !/\s/.test(text[j - 1])) j--;
	while (j > limit && /\s/.test(text[j - 1])) j--;
	return j > limit ? j : -1;
}

export function prepareBigDoc(): BigDoc {
	const out = join(DATA, 'big');
	generate(out, { participants: '1', words: '50000', formats: 'txt', coders: '1' });
	const txt = readdirSync(join(out, 'transcripts')).find((f) => f.endsWith('.txt'));
	if (!txt) throw new Error(`No transcript in ${out}`);
	const text = readFileSync(join(out, 'transcripts', txt), 'utf8');
	const docId = txt.replace(/\.txt$/, '');
	const codebook = JSON.parse(readFileSync(join(out, 'codebook.json'), 'utf8')) as CodebookFile;
	const gold = (JSON.parse(readFileSync(join(out, 'gold.json'), 'utf8')) as CorpusSpan[]).filter((s) => s.doc === docId);
	const c1 = (JSON.parse(readFileSync(join(out, 'coders', 'C1.json'), 'utf8')) as CorpusSpan[]).filter((s) => s.doc === docId);

	const seen = new Set<string>();
	const spans: BigDoc['spans'] = [];
	const add = (codeId: string, start: number, end: number): boolean => {
		if (!(start >= 0 && end <= text.length && start < end)) return false;
		const key = `${codeId}|${start}|${end}`;
		if (seen.has(key) || spans.length >= TARGET_CODINGS) return false;
		seen.add(key);
		spans.push({ codeId, start, end });
		return true;
	};
	let nGold = 0;
	let nC1 = 0;
	for (const s of gold) if (add(s.code, s.start, s.end)) nGold++;
	for (const s of c1) if (add(s.code, s.start, s.end)) nC1++;
	// Jittered copies of the gold spans: start moved 1-3 words later, end 0-3 words earlier,
	// another code. They stay inside the original span, so inside participant speech.
	const random = rng(20261122);
	const codeIds = codebook.codes.map((c) => c.id);
	let nJitter = 0;
	for (let round = 0; spans.length < TARGET_CODINGS && round < 20; round++) {
		for (const s of gold) {
			if (spans.length >= TARGET_CODINGS) break;
			let start = s.start;
			for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
				const n = nextWordStart(text, start, s.end);
				if (n < 0) break;
				start = n;
			}
			let end = s.end;
			for (let k = Math.floor(random() * 4); k > 0; k--) {
				const p = prevWordEnd(text, end, start);
				if (p < 0) break;
				end = p;
			}
			if (end - start < 8) continue;
			const code = codeIds[Math.floor(random() * codeIds.length)];
			if (add(code, start, end)) nJitter++;
		}
	}
	if (spans.length < TARGET_CODINGS) throw new Error(`Only ${spans.length} spans could be made`);
	const colors = palette(codeIds.length);
	return {
		text,
		turns: parseTurns(text),
		codeIds,
		codeNames: new Map(codebook.codes.map((c) => [c.id, c.name])),
		colors: codeIds.map((id, i) => [id, colors[i]]),
		spans,
		sources: { gold: nGold, c1: nC1, jittered: nJitter }
	};
}

export function prepareImportSet(): ImportSet {
	const out = join(DATA, 'import');
	generate(out, { participants: '100', words: '15000', formats: 'txt', coders: '0' });
	const dir = join(out, 'transcripts');
	const files = readdirSync(dir)
		.filter((f) => f.endsWith('.txt'))
		.sort()
		.map((f) => join(dir, f));
	if (files.length !== 100) throw new Error(`Expected 100 transcripts in ${dir}, found ${files.length}`);
	const bytes = files.reduce((n, f) => n + readFileSync(f).byteLength, 0);
	return { files, bytes };
}

export interface SeedRows {
	project: Project;
	coder: Coder;
	document: TranscriptDocument;
	content: DocumentContent;
	codes: Code[];
	codingSet: { id: string; projectId: string; docId: string; coderId: string; codings: Coding[] };
}

/** One project holding the big transcript and its codings, all by the project's one coder. */
export function seedRows(big: BigDoc, recentCodeId: string): SeedRows {
	const now = Date.now();
	const projectId = 'bench-project-0001';
	const coderId = 'bench-coder-0001';
	const docId = 'bench-doc-0001';
	const codeRowId = (id: string) => `bench-code-${id}`;
	const project: Project = {
		id: projectId,
		name: 'Benchmark: 3,000 codings',
		description: 'Seeded by tests/bench/bench.spec.ts.',
		createdAt: now,
		updatedAt: now,
		currentCoderId: coderId,
		recentCodeIds: [codeRowId(recentCodeId)]
	};
	const coder: Coder = { id: coderId, projectId, name: 'Me', color: '#2563eb' };
	const lf = !big.text.includes('\r');
	const document: TranscriptDocument = {
		id: docId,
		projectId,
		name: 'P01',
		fileName: 'P01.txt',
		participantId: 'P01',
		encoding: 'utf-8',
		eol: lf ? 'lf' : 'mixed',
		length: big.text.length,
		turnCount: big.turns.length,
		fingerprint: createHash('sha256').update(big.text, 'utf8').digest('hex'),
		importedAt: now,
		order: 0
	};
	const content: DocumentContent = { docId, text: big.text, turns: big.turns };
	const colorOf = new Map(big.colors);
	const codes: Code[] = big.codeIds.map((id, i) => ({
		id: codeRowId(id),
		projectId,
		parentId: null,
		order: i,
		name: big.codeNames.get(id) ?? id,
		color: colorOf.get(id) ?? '#888888',
		definition: '',
		include: '',
		exclude: '',
		example: '',
		createdAt: now
	}));
	const codings: Coding[] = big.spans.map((s, i) => {
		const made = makeCoding({
			id: `bench-coding-${String(i).padStart(5, '0')}`,
			projectId,
			docId,
			codeId: codeRowId(s.codeId),
			coderId,
			text: big.text,
			start: s.start,
			end: s.end,
			now: now + i
		});
		if (!made.ok) throw new Error(`Span ${s.start}-${s.end}: ${made.error}`);
		return made.coding;
	});
	codings.sort(compareCodings);
	return {
		project,
		coder,
		document,
		content,
		codes,
		codingSet: { id: `${docId}|${coderId}`, projectId, docId, coderId, codings }
	};
}
