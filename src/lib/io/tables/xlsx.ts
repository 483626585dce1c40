// Excel renderer of a TableDoc, built with write-excel-file: one sheet in the flat layout of
// the CSV (group column first when groups have headings), a bold frozen header row, wrapped
// text aligned to the top, column widths from the relative widths, and counts in right-aligned
// columns stored as numbers so they can be summed and sorted.
import writeXlsxFile, { type CellObject, type Row, type SheetData } from 'write-excel-file/universal';
import { plain, type Cell, type TableDoc } from './model';
import { flatTable } from './csv';

/** Excel's limit on the text of one cell. */
const MAX_CELL_CHARS = 32767;
/** Width in characters of a column of average relative width. */
const AVERAGE_COLUMN_CHARS = 20;
const GROUP_COLUMN_CHARS = 28;

/** A name Excel accepts for a sheet: no `[]:*?/\`, no leading/trailing `'`, 1–31 characters. */
export function sheetName(title: string): string {
	const cleaned = title
		.replace(/[[\]:*?/\\]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	const cut = Array.from(cleaned).slice(0, 31).join('').trim().replace(/^'+|'+$/g, '').trim();
	return cut || 'Table';
}

const NUMBER = /^-?(?:0|[1-9]\d{0,14})(?:\.\d+)?$/;

function cellObject(cell: Cell | undefined, align: 'left' | 'right'): CellObject | null {
	const text = plain(cell, '\n');
	if (text === '') return null;
	if (align === 'right' && NUMBER.test(text.trim())) {
		return { value: Number(text.trim()), type: Number, align: 'right', alignVertical: 'top' };
	}
	const runs = (cell ?? []).flat().filter((r) => r.text.trim() !== '');
	const value = text.length > MAX_CELL_CHARS ? text.slice(0, MAX_CELL_CHARS - 1) + '…' : text;
	return {
		value,
		type: String,
		wrap: true,
		align,
		alignVertical: 'top',
		// Rich text isn't available; a cell that is emphasised throughout keeps its emphasis.
		fontWeight: runs.length && runs.every((r) => r.bold) ? 'bold' : undefined,
		fontStyle: runs.length && runs.every((r) => r.italic) ? 'italic' : undefined
	};
}

/** The table as an .xlsx file (works in the browser and in Node). */
export async function toXlsx(doc: TableDoc): Promise<Uint8Array> {
	const t = flatTable(doc);
	const aligns: ('left' | 'right')[] = doc.columns.map((c) => (c.align === 'right' ? 'right' : 'left'));
	if (t.hasGroupColumn) aligns.unshift('left');

	const header: Row = t.header.map((label, i) => ({
		value: label,
		type: String,
		fontWeight: 'bold',
		wrap: true,
		align: aligns[i],
		alignVertical: 'bottom',
		bottomBorderStyle: 'thin'
	}));
	const data: SheetData = [header, ...t.rows.map((r) => r.map((c, i) => cellObject(c, aligns[i])))];

	const weights = doc.columns.map((c) => (c.width && c.width > 0 ? c.width : 1));
	const mean = weights.reduce((a, b) => a + b, 0) / (weights.length || 1);
	const widths = weights.map((w) => ({ width: Math.min(80, Math.max(6, Math.round((w / mean) * AVERAGE_COLUMN_CHARS))) }));
	if (t.hasGroupColumn) widths.unshift({ width: GROUP_COLUMN_CHARS });

	const blob = await writeXlsxFile(data, { sheet: sheetName(doc.title), columns: widths, stickyRowsCount: 1 }).toBlob();
	return new Uint8Array(await blob.arrayBuffer());
}
