// Copies a TableDoc to the clipboard in two flavours: HTML (the inline-styled table, which
// Word and Google Docs paste as a formatted table) and plain text (TSV, which spreadsheets
// paste as cells). Browsers without ClipboardItem get the plain text only.
import { toHtml } from './html';
import { toTsv } from './csv';
import type { TableDoc } from './model';

/** The part of `navigator.clipboard` this needs. */
export interface TableClipboard {
	write?(items: ClipboardItem[]): Promise<void>;
	writeText(text: string): Promise<void>;
}

function reason(e: unknown): string {
	if (e instanceof Error && e.name === 'NotAllowedError') return 'the browser did not allow it (the page may need to be focused).';
	return e instanceof Error && e.message ? e.message : String(e);
}

/** Writes the table to the clipboard as HTML and plain text; throws an Error saying why if it can't. */
export async function copyTable(doc: TableDoc, clipboard: TableClipboard | undefined = globalThis.navigator?.clipboard): Promise<void> {
	if (!clipboard) throw new Error('Could not copy the table: this browser offers no clipboard here (it needs a secure https page).');
	const html = toHtml(doc);
	const tsv = toTsv(doc);
	if (typeof ClipboardItem !== 'undefined' && typeof clipboard.write === 'function') {
		try {
			const item = new ClipboardItem({
				'text/html': new Blob([html], { type: 'text/html' }),
				'text/plain': new Blob([tsv], { type: 'text/plain' })
			});
			await clipboard.write([item]);
			return;
		} catch {
			// Some browsers refuse text/html; the plain text is still worth having.
		}
	}
	try {
		await clipboard.writeText(tsv);
	} catch (e) {
		throw new Error(`Could not copy the table: ${reason(e)}`, { cause: e });
	}
}
