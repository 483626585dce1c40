// The starter-codebook file: a named, nested list of codes with definitions, in JSON with a
// schemaVersion. Files come from outside (shipped or user-picked), so everything is checked
// and every problem is reported with its field path; older versions are migrated by pure
// functions before validation. Importing merges by name into the project's existing tree.

import {
	buildTree,
	childrenOf,
	cleanCodeName,
	codePathLabel,
	diffCodes,
	MAX_CODE_NAME_LENGTH,
	nameKey,
	normalizeHexColor,
	pickColor,
	type CodeNode,
	type Result
} from './codebook';
import type { Change, Code, Id } from './types';

export const CODEBOOK_SCHEMA_VERSION = 1;

export interface CodebookFileCode {
	/** A stable id from the source (e.g. AWR_SOMATIC), so codings made elsewhere can be matched. */
	id?: string;
	name: string;
	color?: string;
	definition?: string;
	include?: string;
	exclude?: string;
	example?: string;
	children?: CodebookFileCode[];
}

export interface CodebookFile {
	schemaVersion: typeof CODEBOOK_SCHEMA_VERSION;
	name: string;
	description?: string;
	codes: CodebookFileCode[];
}

export interface CodebookImportReport {
	/** Codes created. */
	added: number;
	/** File codes that matched an existing code by name at the same level. */
	merged: number;
	/** Where the file and the project disagree; the project's version was kept. */
	clashes: string[];
}

type Json = Record<string, unknown>;

/**
 * Upgrades from version n to n + 1. To add version 2: raise CODEBOOK_SCHEMA_VERSION, change
 * the types above, and add `1: (v1) => ({ ...v1, schemaVersion: 2, … })` here, with a test
 * that reads a version 1 file. Shipped steps are never edited.
 */
const MIGRATIONS: Record<number, (file: Json) => Json> = {};

const MAX_DEPTH = 12;
const MAX_CODES = 5000;
const TEXT_KEYS = ['definition', 'include', 'exclude', 'example'] as const;
const CODE_KEYS = new Set(['id', 'name', 'color', ...TEXT_KEYS, 'children']);

function isObject(v: unknown): v is Json {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'a list';
	return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

/**
 * Checks and migrates a parsed JSON value. Every problem found is listed (up to a dozen)
 * with its path, e.g. `codes[3].children[0].name is missing`. Unknown fields are not an
 * error — a newer minor addition should not make a file unreadable — but are reported as
 * warnings.
 */
export function parseCodebookFile(json: unknown, fileName: string): Result<{ file: CodebookFile; warnings: string[] }> {
	const fail = (problems: string[]): { ok: false; error: string } => {
		const shown = problems.slice(0, 12);
		const more = problems.length - shown.length;
		return {
			ok: false,
			error:
				`“${fileName}” is not a valid Tema codebook: ${shown.join('; ')}` +
				(more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}.` : '.')
		};
	};
	if (!isObject(json)) return fail([`the file holds ${describe(json)}, not a codebook object`]);
	const version = json.schemaVersion;
	if (version === undefined) return fail(['schemaVersion is missing']);
	if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
		return fail([`schemaVersion must be a whole number from 1, not ${describe(version)}`]);
	if (version > CODEBOOK_SCHEMA_VERSION)
		return fail([
			`it has schemaVersion ${version}, made by a newer Tema; this version reads up to ${CODEBOOK_SCHEMA_VERSION}. Update Tema to open it`
		]);
	let data: Json = json;
	for (let v = version; v < CODEBOOK_SCHEMA_VERSION; v++) {
		const step = MIGRATIONS[v];
		if (!step) return fail([`no migration from schemaVersion ${v}`]);
		data = step(data);
	}

	const problems: string[] = [];
	const warnings: string[] = [];
	const name = typeof data.name === 'string' ? data.name.trim() : '';
	if (data.name === undefined) problems.push('name is missing');
	else if (typeof data.name !== 'string') problems.push(`name must be text, not ${describe(data.name)}`);
	else if (name === '') problems.push('name is empty');
	let description: string | undefined;
	if (data.description !== undefined) {
		if (typeof data.description === 'string') description = data.description.trim();
		else problems.push(`description must be text, not ${describe(data.description)}`);
	}
	for (const key of Object.keys(data)) {
		if (!['schemaVersion', 'name', 'description', 'codes'].includes(key)) warnings.push(`${key} is not a codebook field and was ignored`);
	}

	const idsSeen = new Map<string, string>();
	let count = 0;
	const readCodes = (value: unknown, path: string, depth: number): CodebookFileCode[] => {
		if (!Array.isArray(value)) {
			problems.push(`${path} must be a list of codes, not ${describe(value)}`);
			return [];
		}
		if (depth > MAX_DEPTH) {
			problems.push(`${path} is nested deeper than ${MAX_DEPTH} levels`);
			return [];
		}
		const namesSeen = new Map<string, string>();
		const out: CodebookFileCode[] = [];
		value.forEach((raw, i) => {
			const at = `${path}[${i}]`;
			if (++count > MAX_CODES) {
				if (count === MAX_CODES + 1) problems.push(`the file holds more than ${MAX_CODES} codes`);
				return;
			}
			if (!isObject(raw)) {
				problems.push(`${at} must be a code object, not ${describe(raw)}`);
				return;
			}
			// Keys are assigned in the canonical order so a parsed file serialises like a written one.
			const code: CodebookFileCode = raw.id === undefined ? { name: '' } : { id: '', name: '' };
			if (raw.name === undefined) problems.push(`${at}.name is missing`);
			else if (typeof raw.name !== 'string') problems.push(`${at}.name must be text, not ${describe(raw.name)}`);
			else {
				code.name = cleanCodeName(raw.name);
				if (code.name === '') problems.push(`${at}.name is empty`);
				else if (code.name.length > MAX_CODE_NAME_LENGTH)
					problems.push(`${at}.name is longer than ${MAX_CODE_NAME_LENGTH} characters`);
				else {
					const key = nameKey(code.name);
					const first = namesSeen.get(key);
					if (first) problems.push(`${at}.name “${code.name}” is used twice at the same level (also ${first})`);
					else namesSeen.set(key, at);
				}
			}
			if (raw.id !== undefined) {
				if (typeof raw.id !== 'string' || raw.id.trim() === '')
					problems.push(`${at}.id must be non-empty text, not ${describe(raw.id)}`);
				else {
					const first = idsSeen.get(raw.id);
					if (first) problems.push(`${at}.id “${raw.id}” is used twice (also ${first})`);
					else idsSeen.set(raw.id, at);
					code.id = raw.id;
				}
			}
			if (raw.color !== undefined) {
				const color = normalizeHexColor(raw.color);
				if (color === null) problems.push(`${at}.color must be a colour like "#e6a23c", not ${describe(raw.color)}`);
				else code.color = color;
			}
			for (const key of TEXT_KEYS) {
				const v = raw[key];
				if (v === undefined) continue;
				if (typeof v !== 'string') problems.push(`${at}.${key} must be text, not ${describe(v)}`);
				else if (v.trim() !== '') code[key] = v.trim();
			}
			if (raw.children !== undefined) {
				const children = readCodes(raw.children, `${at}.children`, depth + 1);
				if (children.length > 0) code.children = children;
			}
			for (const key of Object.keys(raw)) {
				if (!CODE_KEYS.has(key)) warnings.push(`${at}.${key} is not a code field and was ignored`);
			}
			out.push(code);
		});
		return out;
	};
	let codes: CodebookFileCode[] = [];
	if (data.codes === undefined) problems.push('codes is missing');
	else {
		codes = readCodes(data.codes, 'codes', 0);
		if (Array.isArray(data.codes) && data.codes.length === 0) problems.push('codes is empty: a codebook needs at least one code');
	}
	if (problems.length > 0) return fail(problems);
	const file: CodebookFile = description
		? { schemaVersion: CODEBOOK_SCHEMA_VERSION, name, description, codes }
		: { schemaVersion: CODEBOOK_SCHEMA_VERSION, name, codes };
	return { ok: true, file, warnings };
}

/** Reads the text of a codebook file (JSON.parse errors become a normal Result error). */
export function parseCodebookJson(text: string, fileName: string): Result<{ file: CodebookFile; warnings: string[] }> {
	let json: unknown;
	try {
		json = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (e) {
		const detail = e instanceof Error ? e.message : String(e);
		return { ok: false, error: `“${fileName}” is not readable JSON (${detail}).` };
	}
	return parseCodebookFile(json, fileName);
}

/** What merging a codebook file into a project did, in detail (for the import's report). */
export interface CodebookMergeReport extends CodebookImportReport {
	/** Matched codes whose empty fields were filled from the file, one line each. */
	filled: string[];
	/** File codes whose name the project already uses at another place in the tree: made anyway, and said. */
	elsewhere: string[];
	/** Matched codes whose colour differs from the file's: the project's was kept. */
	colours: string[];
}

const FIELD_LABEL: Record<(typeof TEXT_KEYS)[number], string> = {
	definition: 'definition',
	include: 'inclusion criteria',
	exclude: 'exclusion criteria',
	example: 'example'
};

/**
 * Turns a checked codebook file into changes that add it to a project's codebook. Codes are
 * matched by name at the same level (case-insensitive): a match keeps the project's code and
 * only fills its empty fields, and its file children are matched below it in turn; other
 * codes are created, appended after existing siblings. idFn receives the file's id for the
 * code (if any) and returns the id to use, so a caller may keep the source ids, e.g.
 * `(fileId) => fileId ?? crypto.randomUUID()`; an id already taken gets a "-2", "-3" suffix.
 * idMap tells which project code each file id ended up as. The report says what was matched,
 * filled and created, where texts or colours differ (the project's are kept), and which new
 * codes share a name with a project code elsewhere in the tree.
 */
export function mergeCodebook(
	file: CodebookFile,
	projectId: Id,
	existingCodes: readonly Code[],
	now: number,
	idFn: (fileId: string | undefined) => Id = () => crypto.randomUUID()
): { changes: Change[]; report: CodebookMergeReport; idMap: Map<string, Id> } {
	const rows = new Map(existingCodes.map((c) => [c.id, c]));
	const taken = new Set(rows.keys());
	const report: CodebookMergeReport = { added: 0, merged: 0, clashes: [], filled: [], elsewhere: [], colours: [] };
	const idMap = new Map<string, Id>();
	const existingByName = new Map<string, Code[]>();
	for (const c of existingCodes) existingByName.set(nameKey(c.name), [...(existingByName.get(nameKey(c.name)) ?? []), c]);

	const uniqueId = (fileId: string | undefined): Id => {
		const base = idFn(fileId);
		let id = base;
		for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
		taken.add(id);
		return id;
	};

	const importLevel = (fileCodes: readonly CodebookFileCode[], parentId: Id | null, parentLabel: string) => {
		for (const fc of fileCodes) {
			const codes = [...rows.values()];
			const existing = childrenOf(codes, parentId).find((c) => nameKey(c.name) === nameKey(fc.name));
			let id: Id;
			if (existing) {
				id = existing.id;
				report.merged++;
				const label = codePathLabel(codes, id);
				const fill: Partial<Code> = {};
				for (const key of TEXT_KEYS) {
					const incoming = fc[key]?.trim() ?? '';
					if (incoming === '') continue;
					if (existing[key].trim() === '') fill[key] = incoming;
					else if (existing[key].trim() !== incoming)
						report.clashes.push(`“${label}”: the file's ${key} differs; the project's was kept.`);
				}
				if (Object.keys(fill).length > 0) {
					rows.set(id, { ...existing, ...fill });
					const what = (Object.keys(fill) as (typeof TEXT_KEYS)[number][]).map((k) => FIELD_LABEL[k]);
					report.filled.push(`“${label}”: its empty ${what.join(', ')} ${what.length === 1 ? 'was' : 'were'} filled in from the file.`);
				}
				if (fc.color && fc.color.toLowerCase() !== existing.color.toLowerCase())
					report.colours.push(`“${label}”: the file's colour ${fc.color} differs from the project's ${existing.color}; the project's was kept.`);
			} else {
				id = uniqueId(fc.id);
				const others = (existingByName.get(nameKey(fc.name)) ?? []).map((c) => codePathLabel(existingCodes, c.id));
				if (others.length > 0) {
					const here = parentLabel ? `under “${parentLabel}”` : 'at the top level';
					report.elsewhere.push(
						`“${fc.name}”: the file has it ${here}, but the project already has ${others.map((o) => `“${o}”`).join(' and ')}; a separate code was made (merge them if they are the same).`
					);
				}
				rows.set(id, codeFromFile(fc, id, projectId, parentId, codes, now));
				report.added++;
			}
			if (fc.id !== undefined) idMap.set(fc.id, id);
			if (fc.children) importLevel(fc.children, id, codePathLabel([...rows.values()], id));
		}
	};
	importLevel(file.codes, null, '');
	return { changes: diffCodes(existingCodes, rows), report, idMap };
}

/** mergeCodebook with the summary report (added, merged, clashes of texts), as the app has always loaded codebooks. */
export function codebookToChanges(
	file: CodebookFile,
	projectId: Id,
	existingCodes: readonly Code[],
	now: number,
	idFn: (fileId: string | undefined) => Id = () => crypto.randomUUID()
): { changes: Change[]; report: CodebookImportReport; idMap: Map<string, Id> } {
	const { changes, report, idMap } = mergeCodebook(file, projectId, existingCodes, now, idFn);
	return { changes, report: { added: report.added, merged: report.merged, clashes: report.clashes }, idMap };
}

/** A new project code from a file's code, placed last under parentId among `codes`. */
export function codeFromFile(fc: CodebookFileCode, id: Id, projectId: Id, parentId: Id | null, codes: readonly Code[], now: number): Code {
	return {
		id,
		projectId,
		parentId,
		order: childrenOf(codes, parentId).length,
		name: fc.name,
		color: fc.color ?? pickColor(codes),
		definition: fc.definition ?? '',
		include: fc.include ?? '',
		exclude: fc.exclude ?? '',
		example: fc.example ?? '',
		createdAt: now
	};
}

function nodeToFileCode(node: CodeNode): CodebookFileCode {
	const { code } = node;
	const out: CodebookFileCode = { id: code.id, name: code.name, color: code.color };
	for (const key of TEXT_KEYS) if (code[key].trim() !== '') out[key] = code[key];
	if (node.children.length > 0) out.children = node.children.map(nodeToFileCode);
	return out;
}

/** A project's codebook as a file, nested in tree order, for export or sharing. */
export function codesToCodebookFile(codes: readonly Code[], name: string, description?: string): CodebookFile {
	const title = name.trim() === '' ? 'Codebook' : name.trim();
	const about = description?.trim() ?? '';
	const tree = buildTree(codes).map(nodeToFileCode);
	return about !== ''
		? { schemaVersion: CODEBOOK_SCHEMA_VERSION, name: title, description: about, codes: tree }
		: { schemaVersion: CODEBOOK_SCHEMA_VERSION, name: title, codes: tree };
}

/** The file as text, formatted the way Tema writes all its JSON (tabs, trailing newline). */
export function codebookFileToJson(file: CodebookFile): string {
	return JSON.stringify(file, null, '\t') + '\n';
}
