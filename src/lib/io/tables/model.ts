// The one table shape every table export renders: the theme table, the codebook appendix and
// (later) Table 1 are built into a TableDoc by pure functions, and each file format is a
// renderer of TableDoc. So a table looks the same in DOCX, XLSX, CSV, Markdown, LaTeX and HTML.

/** A run of text with its emphasis. */
export interface Run {
	text: string;
	bold?: boolean;
	italic?: boolean;
}

/** One paragraph of a cell: runs printed one after another. */
export type Para = Run[];

/** A cell's content: paragraphs (an empty array is an empty cell). */
export type Cell = Para[];

export interface Column {
	key: string;
	/** Header text. */
	label: string;
	/** Relative width (default 1); DOCX, XLSX, LaTeX and HTML use it, CSV and Markdown ignore it. */
	width?: number;
	/** Numbers are right-aligned. */
	align?: 'left' | 'right';
}

export interface TableRow {
	/** Cell per column key; a missing key is an empty cell. */
	cells: Record<string, Cell>;
}

/**
 * A run of rows under an optional heading that spans the table (e.g. "Main theme 1: …").
 * Formats without spanning rows (CSV, XLSX as data) repeat the heading in a first column
 * labelled `TableDoc.groupLabel`.
 */
export interface TableGroup {
	heading?: string;
	rows: TableRow[];
}

export interface TableDoc {
	/** Caption above the table, e.g. "Table 2. Main themes, themes and illustrative quotes". */
	title: string;
	columns: Column[];
	groups: TableGroup[];
	/** Label of the extra first column flat formats use for group headings. */
	groupLabel?: string;
	/** Notes printed under the table ("n = number of participants …"). */
	notes?: string[];
}

/** A cell of one plain paragraph. */
export function text(s: string): Cell {
	return s === '' ? [] : [[{ text: s }]];
}

/** The cell as plain text: runs joined, paragraphs separated by `sep`. */
export function plain(cell: Cell | undefined, sep = '\n'): string {
	return (cell ?? []).map((p) => p.map((r) => r.text).join('')).join(sep);
}
