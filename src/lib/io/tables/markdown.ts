// Markdown renderer of a TableDoc: a bold caption line, a GFM pipe table (group headings as a
// row with the heading in bold in the first cell) and the notes as paragraphs. Text is escaped
// so that nothing in a quote (pipes, asterisks, HTML) changes the table's structure.
import type { Cell, Run, TableDoc } from './model';

/** Escapes Markdown/GFM syntax in plain text; line breaks become `<br>`. */
function escapeMd(s: string): string {
	return s
		.replace(/[\\`*_[\]<>|~]/g, (c) => '\\' + c)
		.replace(/&(?=#?\w+;)/g, '&amp;')
		.replace(/\r\n?|\n/g, '<br>');
}

/** Adjacent runs with the same emphasis merged, so `*a**b*` never happens. */
function mergeRuns(runs: Run[]): Run[] {
	const out: Run[] = [];
	for (const r of runs) {
		const last = out.at(-1);
		if (last && !!last.bold === !!r.bold && !!last.italic === !!r.italic) last.text += r.text;
		else out.push({ ...r });
	}
	return out;
}

function runMd(r: Run): string {
	const marker = (r.bold ? '**' : '') + (r.italic ? '*' : '');
	// Emphasis markers must touch non-space text: keep the run's outer spaces outside them.
	const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(r.text);
	const [lead, core, trail] = m ? [m[1], m[2], m[3]] : ['', r.text, ''];
	if (!marker || core === '') return escapeMd(r.text);
	return escapeMd(lead) + marker + escapeMd(core) + marker + escapeMd(trail);
}

function cellMd(cell: Cell | undefined): string {
	return (cell ?? []).map((p) => mergeRuns(p).map(runMd).join('')).join('<br>');
}

const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;

/** The table as Markdown (GFM): caption, pipe table, notes; ends with a newline. */
export function toMarkdown(doc: TableDoc): string {
	const n = doc.columns.length;
	const lines = [row(doc.columns.map((c) => escapeMd(c.label))), row(doc.columns.map((c) => (c.align === 'right' ? '---:' : '---')))];
	for (const g of doc.groups) {
		if (g.heading) lines.push(row([`**${escapeMd(g.heading.trim())}**`, ...Array<string>(Math.max(0, n - 1)).fill('')]));
		for (const r of g.rows) lines.push(row(doc.columns.map((c) => cellMd(r.cells[c.key]))));
	}
	const parts = [];
	if (doc.title.trim()) parts.push(`**${escapeMd(doc.title.trim())}**`);
	parts.push(lines.join('\n'));
	for (const note of doc.notes ?? []) if (note.trim()) parts.push(escapeMd(note.trim()));
	return parts.join('\n\n') + '\n';
}
