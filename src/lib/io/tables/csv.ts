// Flat renderers of a TableDoc: CSV for files (data for R, SPSS, Excel) and TSV for the
// plain-text side of the clipboard. Flat formats have no spanning rows, so group headings
// become a first column (`groupLabel`) repeated on each row of the group. `flatTable` is the
// shared flat layout; the XLSX renderer uses it too.
import Papa from 'papaparse';
import { plain, type Cell, type TableDoc } from './model';

export interface FlatTable {
	/** Whether the first column holds the group headings. */
	hasGroupColumn: boolean;
	/** Header labels, the group column's first when there is one. */
	header: string[];
	/** Rows of cells, aligned with `header` (the group heading as a one-paragraph cell). */
	rows: Cell[][];
}

/**
 * The table as a grid: a group column when any group has a heading, then the doc's columns.
 * A group with a heading but no rows keeps one row with only its heading, so it isn't lost.
 */
export function flatTable(doc: TableDoc): FlatTable {
	const hasGroupColumn = doc.groups.some((g) => (g.heading ?? '') !== '');
	const header = doc.columns.map((c) => c.label);
	if (hasGroupColumn) header.unshift(doc.groupLabel ?? 'Group');
	const rows: Cell[][] = [];
	for (const g of doc.groups) {
		const heading: Cell = g.heading ? [[{ text: g.heading }]] : [];
		const cellsOf = (cells: Record<string, Cell>): Cell[] => {
			const out = doc.columns.map((c) => cells[c.key] ?? []);
			return hasGroupColumn ? [heading, ...out] : out;
		};
		if (g.rows.length === 0 && g.heading) rows.push(cellsOf({}));
		for (const r of g.rows) rows.push(cellsOf(r.cells));
	}
	return { hasGroupColumn, header, rows };
}

/** RFC 4180 CSV (CRLF between records) with a UTF-8 BOM so Excel reads æøå right. */
/** A cell a spreadsheet would run: starts with = + - @ (or tab/CR), unless it is just a number. */
const FORMULA = /^[=+\-@\t\r](?![0-9]+([.,][0-9]+)?$)/;

export function toCsv(doc: TableDoc): string {
	const t = flatTable(doc);
	const body = Papa.unparse(
		{ fields: t.header, data: t.rows.map((r) => r.map((c) => plain(c, '\n'))) },
		// escapeFormulae: a cell starting with = + - @ gets a leading ' so that a spreadsheet shows
		// it as text instead of running it as a formula (a theme named "=HYPERLINK(…)", or a
		// passage starting with "- I …" that would show as #NAME?). A plain number such as -60 or
		// +4.5 (a change score) is no formula and stays a number.
		{ newline: '\r\n', delimiter: ',', quoteChar: '"', escapeFormulae: FORMULA }
	);
	return '\uFEFF' + body;
}

/** One TSV field: tabs and line breaks become spaces; paragraphs are separated by " / ". */
function tsvField(cell: Cell | string): string {
	const s = (typeof cell === 'string' ? cell : plain(cell, ' / ')).replace(/[\t\r\n]+/g, ' ');
	// Excel and Google Sheets read a pasted field that starts with `"` as a quoted field and
	// would mangle a quote such as `"I felt…" (P03)`; quote such fields the CSV way.
	// The same formula guard as the CSV (a spreadsheet reads pasted text as cells).
	const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
	return safe.startsWith('"') ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Tab-separated text for the clipboard: header row then data rows, no BOM, LF line ends. */
export function toTsv(doc: TableDoc): string {
	const t = flatTable(doc);
	return [t.header.map(tsvField), ...t.rows.map((r) => r.map(tsvField))].map((r) => r.join('\t')).join('\n');
}
