// Codebooks kept in spreadsheets: a CSV with one code per row and columns for the name, the
// parent code (by name), the definition and the colour, plus optional inclusion and exclusion
// criteria and an example. Researchers name columns differently ("Code", "Colour", "color",
// "Parent code", "Description"…), put them in any order, save with commas, semicolons or tabs,
// and write colours with or without "#": all accepted. Rows that cannot be used are listed with
// their row number and why; the result is a Tema codebook file, merged into a project as any.

import Papa from 'papaparse';
import { cleanCodeName, MAX_CODE_NAME_LENGTH, nameKey, normalizeHexColor } from '../domain/codebook';
import { CODEBOOK_SCHEMA_VERSION, parseCodebookFile, type CodebookFile, type CodebookFileCode } from '../domain/codebookFile';
import { decodeText } from '../domain/decode';

export type CodebookCsvResult =
	| { ok: true; file: CodebookFile; /** Rows not used, cells ignored, guesses made: one sentence each. */ problems: string[]; /** Codes read. */ codes: number }
	| { ok: false; error: string };

type Column = 'name' | 'parent' | 'definition' | 'color' | 'include' | 'exclude' | 'example' | 'id';

/** Header spellings, compared without case, spaces or punctuation. */
const HEADERS: Record<Column, string[]> = {
	name: ['name', 'code', 'codename', 'codelabel', 'label', 'title', 'node', 'nodename', 'codes'],
	parent: ['parent', 'parentcode', 'parentname', 'parentcodename', 'parentnode', 'category', 'group', 'under'],
	definition: ['definition', 'description', 'desc', 'codedefinition', 'meaning', 'codedescription'],
	color: ['colour', 'color', 'hex', 'hexcolour', 'hexcolor', 'colourhex', 'colorhex', 'colourcode', 'colorcode'],
	include: ['include', 'includes', 'inclusion', 'inclusioncriteria', 'whentouse', 'includewhen'],
	exclude: ['exclude', 'excludes', 'exclusion', 'exclusioncriteria', 'whennottouse', 'excludewhen'],
	example: ['example', 'examples', 'examplequote', 'exemplar', 'typicalexemplar'],
	id: ['id', 'codeid', 'key']
};

const squash = (h: string) => h.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
const MAX_BYTES = 5 * 1024 * 1024;
const MAX_ROWS = 5000;

interface Row {
	at: number;
	name: string;
	parent: string;
	id?: string;
	color?: string;
	texts: Partial<Record<'definition' | 'include' | 'exclude' | 'example', string>>;
	/** Resolved parent row (null = top level). */
	up: Row | null;
	children: Row[];
}

/**
 * Reads a CSV codebook. `input` is the file's bytes (any of the encodings Tema reads: UTF-8 with
 * or without BOM, UTF-16, Windows-1252) or already-decoded text. Fails only when no code can be
 * read at all; otherwise every row that could not be used is in `problems`.
 */
export function readCodebookCsv(input: Uint8Array | string, fileName: string): CodebookCsvResult {
	const fail = (why: string): CodebookCsvResult => ({ ok: false, error: `“${fileName}” ${why}` });
	let text: string;
	if (typeof input === 'string') {
		text = input.replace(/^\uFEFF/, '');
		if (text.includes('\u0000')) return fail('is not a text file. Save the spreadsheet as “CSV UTF-8” and import that.');
	} else {
		if (input.byteLength > MAX_BYTES) return fail(`is ${(input.byteLength / 1048576).toFixed(1)} MB, too large for a codebook (at most ${MAX_BYTES / 1048576} MB).`);
		const decoded = decodeText(input);
		if (!decoded.ok) {
			if (decoded.reason === 'empty') return fail('is empty.');
			if (decoded.reason === 'binary') return fail('is not a text file (is it an Excel workbook?). Save the spreadsheet as “CSV UTF-8” and import that.');
			return fail('is in a text encoding Tema cannot recognise. Save it as “CSV UTF-8” and import that.');
		}
		text = decoded.text;
	}
	if (text.trim() === '') return fail('is empty.');
	if (/^\s*[[{]/.test(text)) return fail('looks like JSON, not CSV. Import it as a Tema codebook (.json) instead.');
	if (/^\s*</.test(text)) return fail('looks like XML or HTML, not CSV. A REFI-QDA codebook should end in .qdc.');

	// The delimiter is the one the header row uses most (Excel writes ";" where "," is the decimal sign).
	const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
	const delimiter = [',', ';', '\t', '|'].map((d) => ({ d, n: firstLine.split(d).length })).sort((x, y) => y.n - x.n)[0].d;
	const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, delimiter });
	const table = parsed.data.filter((r) => Array.isArray(r));
	const problems: string[] = [];
	const headerAt = table.findIndex((r) => r.some((c) => c.trim() !== ''));
	if (headerAt < 0) return fail('is empty.');
	const header = table[headerAt].map((h) => h.trim());
	const columns = new Map<Column, number>();
	header.forEach((h, i) => {
		const key = squash(h);
		const col = (Object.keys(HEADERS) as Column[]).find((c) => HEADERS[c].includes(key));
		if (!col) {
			if (h !== '') problems.push(`Column “${h}” is not a codebook column and was ignored (columns read: name, parent, definition, colour, include, exclude, example).`);
		} else if (columns.has(col)) problems.push(`Column “${h}” repeats the ${col === 'color' ? 'colour' : col} column “${header[columns.get(col)!]}”; only the first was read.`);
		else columns.set(col, i);
	});
	if (!columns.has('name'))
		return fail(
			`has no column for the code names. Its first row should name the columns, for example: name, parent, definition, colour (found: ${header.filter(Boolean).map((h) => `“${h}”`).join(', ') || 'nothing'}).`
		);
	for (const e of parsed.errors.slice(0, 5)) {
		if (e.type === 'Delimiter') continue;
		problems.push(`Row ${(e.row ?? 0) + 1}: ${e.message}${e.code === 'MissingQuotes' ? ' (a cell opens a quotation mark that is never closed; the rest of the file may be in that cell)' : ''}.`);
	}

	// Read the rows.
	const cell = (r: string[], c: Column) => {
		const i = columns.get(c);
		return i === undefined ? '' : (r[i] ?? '').trim();
	};
	const rows: Row[] = [];
	const seenIds = new Map<string, number>();
	for (let i = headerAt + 1; i < table.length; i++) {
		const r = table[i];
		const at = i + 1;
		if (r.every((c) => c.trim() === '')) continue;
		if (rows.length >= MAX_ROWS) {
			problems.push(`The file has more than ${MAX_ROWS} codes; rows from ${at} on were not read.`);
			break;
		}
		const name = cleanCodeName(cell(r, 'name'));
		if (name === '') {
			problems.push(`Row ${at} has no code name; it was not used.`);
			continue;
		}
		if (name.length > MAX_CODE_NAME_LENGTH) {
			problems.push(`Row ${at}: the name “${name.slice(0, 40)}…” is longer than ${MAX_CODE_NAME_LENGTH} characters; the row was not used.`);
			continue;
		}
		const row: Row = { at, name, parent: cleanCodeName(cell(r, 'parent')), texts: {}, up: null, children: [] };
		const id = cell(r, 'id');
		if (id && seenIds.has(id)) problems.push(`Row ${at} (“${name}”): the id “${id}” is already used in row ${seenIds.get(id)}; it was left out.`);
		else if (id) {
			row.id = id;
			seenIds.set(id, at);
		}
		const rawColour = cell(r, 'color');
		if (rawColour) {
			const colour = normalizeHexColor(/^[0-9a-f]{3}([0-9a-f]{3})?$/i.test(rawColour) ? `#${rawColour}` : rawColour);
			if (colour) row.color = colour;
			else problems.push(`Row ${at} (“${name}”): “${rawColour}” is not a colour like #e6a23c; Tema will choose one.`);
		}
		for (const k of ['definition', 'include', 'exclude', 'example'] as const) {
			const v = cell(r, k);
			if (v) row.texts[k] = v.replace(/\r\n?/g, '\n');
		}
		rows.push(row);
	}

	// Resolve parents by name (or by id when a column of ids exists); a parent that is not a
	// row of the file becomes a top-level code of that name (it merges with the project's).
	const byName = new Map<string, Row[]>();
	const byId = new Map<string, Row>();
	for (const row of rows) {
		const k = nameKey(row.name);
		byName.set(k, [...(byName.get(k) ?? []), row]);
		if (row.id && !byId.has(row.id)) byId.set(row.id, row);
	}
	const placeholders = new Map<string, Row>();
	for (const row of rows) {
		if (row.parent === '') continue;
		const candidates = (byName.get(nameKey(row.parent)) ?? []).filter((c) => c !== row);
		let up: Row | undefined = candidates[0] ?? byId.get(row.parent);
		if (up === row) up = undefined;
		if (new Set(candidates.map((c) => nameKey(c.parent))).size > 1)
			problems.push(`Row ${row.at} (“${row.name}”): ${candidates.length} rows are called “${row.parent}”; it was put under the first (row ${candidates[0].at}).`);
		if (!up) {
			if (nameKey(row.parent) === nameKey(row.name)) {
				problems.push(`Row ${row.at} (“${row.name}”) names itself as its parent; it was put at the top level.`);
				continue;
			}
			const k = nameKey(row.parent);
			up = placeholders.get(k);
			if (!up) {
				up = { at: 0, name: row.parent, parent: '', texts: {}, up: null, children: [] };
				placeholders.set(k, up);
				problems.push(`Row ${row.at} (“${row.name}”): its parent “${row.parent}” is not a row of the file; “${row.parent}” is added as a top-level code (or matched to yours of that name).`);
			}
		}
		// A parent chain that comes back to this row would make a loop: keep the row at the top.
		let walk: Row | null = up;
		let loop = false;
		for (let steps = 0; walk && steps <= rows.length; steps++, walk = walk.up) if (walk === row) loop = true;
		if (loop) {
			problems.push(`Row ${row.at} (“${row.name}”): its parent “${row.parent}” is inside it (a loop); it was put at the top level.`);
			continue;
		}
		row.up = up;
	}

	// Build the tree; the same name twice under the same parent is one code (the first row's),
	// and what was placed under a repeat goes under the first.
	const canonical = new Map<Row, Row>();
	const placed = new Map<Row | null, Map<string, Row>>();
	const canon = (row: Row): Row => {
		const known = canonical.get(row);
		if (known) return known;
		const parent = row.up ? canon(row.up) : null;
		let names = placed.get(parent);
		if (!names) placed.set(parent, (names = new Map()));
		const first = names.get(nameKey(row.name));
		if (!first) names.set(nameKey(row.name), row);
		else problems.push(`Row ${row.at} repeats “${row.name}”${parent ? ` under “${parent.name}”` : ''} (row ${first.at}); it was not used.`);
		canonical.set(row, first ?? row);
		return first ?? row;
	};
	const top: Row[] = [];
	for (const row of [...placeholders.values(), ...rows]) {
		if (canon(row) !== row) continue;
		if (row.up) canon(row.up).children.push(row);
		else top.push(row);
	}
	const toFile = (row: Row): CodebookFileCode => {
		const out: CodebookFileCode = row.id ? { id: row.id, name: row.name } : { name: row.name };
		if (row.color) out.color = row.color;
		for (const k of ['definition', 'include', 'exclude', 'example'] as const) if (row.texts[k]) out[k] = row.texts[k];
		if (row.children.length) out.children = row.children.map(toFile);
		return out;
	};
	if (top.length === 0) return fail(`has no row with a code name that could be used${problems.length ? `: ${problems.slice(0, 3).join(' ')}` : '.'}`);
	const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || 'Codebook';
	const file: CodebookFile = { schemaVersion: CODEBOOK_SCHEMA_VERSION, name: base, codes: top.map(toFile) };
	// The checks every Tema codebook gets (depth, duplicate ids…), so a merge can trust it.
	const checked = parseCodebookFile(file, fileName);
	if (!checked.ok) return { ok: false, error: checked.error };
	const count = (codes: CodebookFileCode[]): number => codes.reduce((n, c) => n + 1 + count(c.children ?? []), 0);
	return { ok: true, file: checked.file, problems, codes: count(checked.file.codes) };
}
