// Word transcripts (.docx) → transcript text, with mammoth reading the document (it runs in
// Node and, through its browser build, in the page; it is loaded only when a .docx comes).
// Each Word paragraph becomes a paragraph of the .txt form (a blank line between), so
// `Interviewer: …` paragraphs become turns exactly as in a .txt. A paragraph without a label
// that directly follows a turn's paragraph (no empty paragraph between) continues that turn,
// as a long answer typed over several paragraphs does. Headings stand alone; table rows
// become `[time] Speaker: text` lines; images, footnote and comment marks are left out.

import { decodeText } from '../../domain/decode';
import { parseTurns } from '../../domain/turns';
import { isHeaderRow, rowToLine } from './rows';
import type { FormatText } from './types';

/** The parts of mammoth's document tree that carry text (see mammoth's lib/documents.js). */
interface Node {
	type: string;
	children?: Node[];
	value?: string;
	styleId?: string | null;
	styleName?: string | null;
	breakType?: string;
	isHeader?: boolean;
}

type Block = { kind: 'heading' | 'para' | 'row'; text: string } | { kind: 'gap' };

const HEADING = /^(?:heading ?\d|title|subtitle)$/i;
/** A paragraph that is only a bracketed note, e.g. "[End of recording]". */
const NOTE = /^[ \t]*(?:\[[^\]\n]*\]|\([^)\n]*\))[ \t]*$/;
/** Converted text larger than this is refused (a zip can hold far more than its size). */
const MAX_TEXT_CHARS = 20 * 1024 * 1024;

function textOf(node: Node, count: { images: number }): string {
	switch (node.type) {
		case 'text':
			return node.value ?? '';
		case 'tab':
			return '\t';
		case 'break':
			return '\n';
		case 'image':
			count.images++;
			return '';
		case 'noteReference':
		case 'commentReference':
		case 'comment':
		case 'bookmarkStart':
		case 'checkbox':
			return '';
		default:
			return (node.children ?? []).map((c) => textOf(c, count)).join('');
	}
}

function blocksOf(nodes: Node[], out: Block[], count: { images: number; tables: number }): void {
	for (const node of nodes) {
		if (node.type === 'paragraph') {
			const text = textOf(node, count)
				.split('\n')
				.map((l) => l.trimEnd())
				.join('\n')
				.replace(/^\n+|\n+$/g, '');
			if (text.trim() === '') out.push({ kind: 'gap' });
			else out.push({ kind: HEADING.test(node.styleName ?? node.styleId ?? '') ? 'heading' : 'para', text });
		} else if (node.type === 'table') {
			count.tables++;
			for (const row of node.children ?? []) {
				if (row.type !== 'tableRow') continue;
				const cells = (row.children ?? []).map((cell) => textOf(cell, count).replace(/\s+/g, ' ').trim());
				if (row.isHeader || isHeaderRow(cells)) continue;
				const line = rowToLine(cells);
				out.push(line ? { kind: 'row', text: line } : { kind: 'gap' });
			}
			out.push({ kind: 'gap' });
		} else if (node.children) {
			blocksOf(node.children, out, count);
		}
	}
}

/** Paragraph blocks → the .txt form (see the header for when a paragraph continues a turn). */
export function blocksToText(blocks: Block[]): string {
	let out = '';
	let inTurn = false;
	let gap = true;
	for (const b of blocks) {
		if (b.kind === 'gap') {
			gap = true;
			inTurn = false;
			continue;
		}
		const firstLine = b.text.split('\n', 1)[0];
		const labelled: boolean = b.kind !== 'heading' && parseTurns(firstLine).length > 0;
		const continues: boolean = b.kind === 'para' && !labelled && inTurn && !gap && !NOTE.test(b.text);
		out += out === '' ? b.text : (continues ? '\n' : '\n\n') + b.text;
		inTurn = labelled || continues;
		if (b.kind === 'heading') inTurn = false;
		gap = b.kind === 'heading';
	}
	return out ? out + '\n' : '';
}

/** Why bytes that should be a .docx are not one, in words a researcher can act on. */
function notDocx(bytes: Uint8Array): string {
	const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
	if (starts(0xd0, 0xcf, 0x11, 0xe0)) {
		return 'this is an older Word document (.doc, Word 97–2003), not a .docx. Open it in Word and save it as .docx (or as plain text), then import that.';
	}
	if (starts(0x7b, 0x5c, 0x72, 0x74, 0x66)) {
		return 'this is a Rich Text (RTF) file, not a .docx. Open it in Word and save it as .docx, then import that.';
	}
	if (starts(0x25, 0x50, 0x44, 0x46)) return 'this is a PDF, not a Word document. Tema cannot read PDFs; export the transcript as .docx or .txt.';
	const decoded = decodeText(bytes);
	if (decoded.ok) return 'this is a plain-text file, not a Word document. Rename it to .txt and import it again.';
	return 'this is not a Word document (.docx): the file is not a Word package; it may be damaged or of another kind.';
}

export async function readDocx(bytes: Uint8Array): Promise<FormatText> {
	if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
		return { ok: false, message: notDocx(bytes) };
	}
	const mod = await import('mammoth');
	const mammoth = (mod as unknown as { default?: typeof mod }).default ?? mod;
	let root: Node | null = null;
	try {
		// mammoth reads the document, hands its tree to transformDocument and would then
		// write HTML; an empty document keeps that last step from costing anything.
		const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
		await mammoth.convertToHtml({ arrayBuffer: buffer, buffer: bytes } as unknown as { arrayBuffer: ArrayBuffer }, {
			transformDocument: (doc: Node) => {
				root = doc;
				return { ...doc, children: [] };
			}
		} as unknown as Parameters<typeof mammoth.convertToHtml>[1]);
	} catch (e) {
		const why = e instanceof Error ? e.message : String(e);
		if (/main document part/i.test(why)) {
			return { ok: false, message: 'this zip file holds no Word document (is it another kind of file renamed to .docx?).' };
		}
		// The zip library's wording ("Corrupted zip: can't find end of central directory") says
		// nothing a researcher can act on; what helps is where to get an intact copy.
		return {
			ok: false,
			message: `the Word document is damaged or incomplete and could not be opened. If it opens in Word, save it there again as .docx and import that copy.${/zip|end of data|central directory/i.test(why) ? '' : ` (${why.split('\n')[0]})`}`
		};
	}
	const count = { images: 0, tables: 0 };
	const blocks: Block[] = [];
	blocksOf((root as Node | null)?.children ?? [], blocks, count);
	const text = blocksToText(blocks);
	if (text.length > MAX_TEXT_CHARS) return { ok: false, message: 'the Word document holds far more text than a transcript (over 20 million characters).' };
	if (text.trim() === '') return { ok: false, message: 'the Word document holds no text.' };
	const paragraphs = blocks.filter((b) => b.kind === 'para' || b.kind === 'heading').length;
	const did = [`Word: ${paragraphs} paragraph${paragraphs === 1 ? '' : 's'} read`];
	if (count.tables) did.push(`${count.tables} table${count.tables === 1 ? '' : 's'} read row by row`);
	if (count.images) did.push(`${count.images} image${count.images === 1 ? '' : 's'} left out`);
	return { ok: true, text, labels: [], note: did.join('; ') };
}
