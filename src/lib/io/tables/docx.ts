// Word renderer of a TableDoc, built with the `docx` package: a bold caption above, a table in
// the journal look (rules above and below the header row and under the last row, no vertical
// lines, 10 pt Times New Roman), the header row repeated on each page, group headings as
// merged bold rows kept with the next row, and the notes in small type below. Column widths
// are the relative widths of the usable width of an A4 page (portrait or landscape).
import {
	AlignmentType,
	BorderStyle,
	Document,
	Packer,
	PageOrientation,
	Paragraph,
	Table,
	TableCell,
	TableLayoutType,
	TableRow,
	TextRun,
	WidthType,
	type IBorderOptions
} from 'docx';
import type { Cell, Para, TableDoc } from './model';

export interface DocxOptions {
	/** Landscape page, for wide tables. */
	landscape?: boolean;
}

/** A4 in twips (1/20 pt) and 2.54 cm margins. */
const PAGE_WIDTH = 11906;
const PAGE_HEIGHT = 16838;
const MARGIN = 1440;
const FONT = 'Times New Roman';
/** Half-points. */
const BODY_SIZE = 20;
const NOTE_SIZE = 18;

/** Border sizes are in eighths of a point. */
const THICK: IBorderOptions = { style: BorderStyle.SINGLE, size: 12, color: '000000' };
const THIN: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

/** Runs of a paragraph; a line break inside a run becomes a Word line break. */
function runs(p: Para, extra: { bold?: boolean; size?: number } = {}): TextRun[] {
	return p.flatMap((r) =>
		r.text.split(/\r\n?|\n/).map(
			(text, i) =>
				new TextRun({ text, bold: extra.bold || r.bold || undefined, italics: r.italic || undefined, size: extra.size, break: i > 0 ? 1 : undefined })
		)
	);
}

function cellParagraphs(cell: Cell | undefined, alignment: Align): Paragraph[] {
	const paras = cell ?? [];
	// Word needs a paragraph in every cell.
	if (paras.length === 0) return [new Paragraph({ alignment })];
	return paras.map((p, i) => new Paragraph({ alignment, spacing: i > 0 ? { before: 60 } : undefined, children: runs(p) }));
}

/** Column widths in twips that add up to `usable` exactly. */
function columnWidths(doc: TableDoc, usable: number): number[] {
	const weights = doc.columns.map((c) => (c.width && c.width > 0 ? c.width : 1));
	const total = weights.reduce((a, b) => a + b, 0) || 1;
	const widths = weights.map((w) => Math.floor((usable * w) / total));
	if (widths.length) widths[widths.length - 1] += usable - widths.reduce((a, b) => a + b, 0);
	return widths;
}

/** The `docx` document object (exported for tests and for callers that add more content). */
export function buildDocx(doc: TableDoc, opts: DocxOptions = {}): Document {
	const landscape = opts.landscape ?? false;
	const usable = (landscape ? PAGE_HEIGHT : PAGE_WIDTH) - 2 * MARGIN;
	const widths = columnWidths(doc, usable);
	const n = doc.columns.length;
	const alignOf = (i: number): Align => (doc.columns[i].align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT);
	const width = (i: number, span = 1) => ({ size: widths.slice(i, i + span).reduce((a, b) => a + b, 0), type: WidthType.DXA });

	const groups = doc.groups.filter((g) => g.heading || g.rows.length > 0);
	const bodyRowCount = groups.reduce((k, g) => k + (g.heading ? 1 : 0) + g.rows.length, 0);

	const rows: TableRow[] = [
		new TableRow({
			tableHeader: true,
			cantSplit: true,
			children: doc.columns.map(
				(c, i) =>
					new TableCell({
						width: width(i),
						borders: { top: THICK, bottom: bodyRowCount ? THIN : THICK },
						children: [new Paragraph({ alignment: alignOf(i), keepNext: true, children: runs([{ text: c.label }], { bold: true }) })]
					})
			)
		})
	];
	let k = 0;
	const bottom = (): { bottom?: IBorderOptions } => (++k === bodyRowCount ? { bottom: THICK } : {});
	groups.forEach((g, gi) => {
		if (g.heading) {
			rows.push(
				new TableRow({
					cantSplit: true,
					children: [
						new TableCell({
							columnSpan: n,
							width: width(0, n),
							borders: bottom(),
							children: [
								new Paragraph({
									keepNext: true,
									spacing: gi > 0 ? { before: 120 } : undefined,
									children: runs([{ text: g.heading.trim(), bold: true }])
								})
							]
						})
					]
				})
			);
		}
		for (const r of g.rows) {
			const b = bottom();
			rows.push(
				new TableRow({
					children: doc.columns.map((c, i) => new TableCell({ width: width(i), borders: b, children: cellParagraphs(r.cells[c.key], alignOf(i)) }))
				})
			);
		}
	});

	const table = new Table({
		rows,
		width: { size: usable, type: WidthType.DXA },
		columnWidths: widths,
		layout: TableLayoutType.FIXED,
		margins: { top: 30, bottom: 30, left: 85, right: 85 },
		borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE }
	});

	const children: (Paragraph | Table)[] = [];
	if (doc.title.trim()) children.push(new Paragraph({ keepNext: true, spacing: { after: 120 }, children: runs([{ text: doc.title.trim(), bold: true }]) }));
	children.push(table);
	for (const note of doc.notes ?? []) {
		if (note.trim()) children.push(new Paragraph({ spacing: { before: 80 }, children: runs([{ text: note.trim() }], { size: NOTE_SIZE }) }));
	}

	return new Document({
		creator: 'Tema',
		title: doc.title.trim(),
		styles: { default: { document: { run: { font: FONT, size: BODY_SIZE }, paragraph: { spacing: { after: 0, line: 240 } } } } },
		sections: [
			{
				properties: {
					page: {
						// docx swaps width and height itself for landscape.
						size: { width: PAGE_WIDTH, height: PAGE_HEIGHT, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
						margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN }
					}
				},
				children
			}
		]
	});
}

/** The table as a .docx file (works in the browser and in Node). */
export async function toDocx(doc: TableDoc, opts: DocxOptions = {}): Promise<Uint8Array> {
	return new Uint8Array(await Packer.toArrayBuffer(buildDocx(doc, opts)));
}
