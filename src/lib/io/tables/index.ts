// Table exports: the TableDoc model, one renderer per file format, and the list of formats
// the export menu offers. `renderTable` renders a TableDoc in a chosen format;
// `tableFileName` names the file. The DOCX and XLSX renderers pull in large libraries, so
// they are loaded on demand by `renderTable` and not re-exported here: import them from
// './docx' and './xlsx' directly when needed.
import type { TableDoc } from './model';
import { toCsv } from './csv';
import { toHtml } from './html';
import { toLatex } from './latex';
import { toMarkdown } from './markdown';

export * from './model';
export { flatTable, toCsv, toTsv, type FlatTable } from './csv';
export type { DocxOptions } from './docx';
export { escapeHtml, toHtml, type HtmlOptions } from './html';
export { escapeLatex, toLatex } from './latex';
export { toMarkdown } from './markdown';
export { copyTable, type TableClipboard } from './clipboard';

export type TableFormat = 'docx' | 'xlsx' | 'csv' | 'md' | 'latex' | 'html';

export interface TableFormatInfo {
	format: TableFormat;
	/** Menu label. */
	label: string;
	/** File extension without the dot. */
	extension: string;
	mime: string;
}

export const TABLE_FORMATS: readonly TableFormatInfo[] = [
	{ format: 'docx', label: 'Word (.docx)', extension: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
	{ format: 'xlsx', label: 'Excel (.xlsx)', extension: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
	{ format: 'csv', label: 'CSV (.csv)', extension: 'csv', mime: 'text/csv;charset=utf-8' },
	{ format: 'md', label: 'Markdown (.md)', extension: 'md', mime: 'text/markdown;charset=utf-8' },
	{ format: 'latex', label: 'LaTeX (.tex)', extension: 'tex', mime: 'application/x-tex;charset=utf-8' },
	{ format: 'html', label: 'Web page (.html)', extension: 'html', mime: 'text/html;charset=utf-8' }
];

export function tableFormatInfo(format: TableFormat): TableFormatInfo {
	const info = TABLE_FORMATS.find((f) => f.format === format);
	if (!info) throw new Error(`Unknown table format “${format}”.`);
	return info;
}

export interface RenderTableOptions {
	/** DOCX only: landscape page for wide tables. */
	landscape?: boolean;
}

/** The table as file content: bytes for DOCX and XLSX, text for the others (HTML is a whole page). */
export async function renderTable(doc: TableDoc, format: TableFormat, opts: RenderTableOptions = {}): Promise<Uint8Array | string> {
	switch (format) {
		case 'docx':
			return (await import('./docx')).toDocx(doc, { landscape: opts.landscape });
		case 'xlsx':
			return (await import('./xlsx')).toXlsx(doc);
		case 'csv':
			return toCsv(doc);
		case 'md':
			return toMarkdown(doc);
		case 'latex':
			return toLatex(doc);
		case 'html':
			return toHtml(doc, { standalone: true });
		default: {
			const never: never = format;
			throw new Error(`Unknown table format “${String(never)}”.`);
		}
	}
}

/**
 * A file name for the table: `base` without characters file systems refuse, at most 100
 * characters, with the format's extension (not doubled when `base` already has it).
 */
export function tableFileName(base: string, format: TableFormat): string {
	const ext = tableFormatInfo(format).extension;
	let name = base
		// eslint-disable-next-line no-control-regex
		.replace(/[<>:"/\\|?*\u0000-\u001f\u007f]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	if (name.toLowerCase().endsWith('.' + ext)) name = name.slice(0, -ext.length - 1);
	name = Array.from(name).slice(0, 100).join('').replace(/^[.\s]+|[.\s]+$/g, '');
	return `${name || 'table'}.${ext}`;
}
