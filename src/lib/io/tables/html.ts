// HTML renderer of a TableDoc. Standalone: a complete page whose CSS draws a journal table
// (rules above and below the table and under the header, no vertical lines, serif type).
// Fragment (the default): the table with inline styles, for the text/html side of the
// clipboard, so Word and Google Docs keep the rules when it is pasted. All text is escaped.
import type { Cell, Run, TableDoc } from './model';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

const RULE_THICK = '1.5pt solid #000';
const RULE_THIN = '0.75pt solid #000';

const STANDALONE_CSS = `
body { font-family: "Times New Roman", Times, serif; font-size: 11pt; line-height: 1.35; color: #000; background: #fff; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
table { border-collapse: collapse; width: 100%; border-top: ${RULE_THICK}; border-bottom: ${RULE_THICK}; font-variant: normal; }
caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: 0.5em; }
th, td { padding: 0.25em 0.6em; vertical-align: top; text-align: left; }
thead th { font-weight: bold; vertical-align: bottom; border-bottom: ${RULE_THIN}; }
tr.group th { font-weight: bold; padding-top: 0.8em; }
.num { text-align: right; }
th p, td p { margin: 0; }
th p + p, td p + p { margin-top: 0.35em; }
p.note { font-size: 0.9em; margin: 0.4em 0 0; }
`.trim();

function runHtml(r: Run): string {
	let s = escapeHtml(r.text).replace(/\r\n?|\n/g, '<br>');
	if (r.italic) s = `<em>${s}</em>`;
	if (r.bold) s = `<strong>${s}</strong>`;
	return s;
}

export interface HtmlOptions {
	/** A complete HTML document with its own stylesheet (default: a fragment with inline styles). */
	standalone?: boolean;
}

/** The table as HTML: a `<table>` (plus notes), or a whole page with `standalone`. */
export function toHtml(doc: TableDoc, opts: HtmlOptions = {}): string {
	const standalone = opts.standalone ?? false;
	// In a fragment every element carries its look; the page uses the stylesheet instead.
	const css = (inline: string): string => (standalone || !inline ? '' : ` style="${inline}"`);
	const n = doc.columns.length;
	const weights = doc.columns.map((c) => (c.width && c.width > 0 ? c.width : 1));
	const total = weights.reduce((a, b) => a + b, 0) || 1;
	const pct = (i: number): string => `${((weights[i] / total) * 100).toFixed(1)}%`;
	const alignOf = (i: number): string => (doc.columns[i].align === 'right' ? 'right' : 'left');
	const cellCss = (i: number, extra = '', valign = 'top'): string => `padding:3pt 6pt;vertical-align:${valign};text-align:${alignOf(i)};${extra}`;
	const cls = (i: number): string => (doc.columns[i].align === 'right' ? ' class="num"' : '');
	const pHtml = (cell: Cell | undefined): string =>
		(cell ?? []).map((p, k) => `<p${css(k ? 'margin:3pt 0 0' : 'margin:0')}>${p.map(runHtml).join('')}</p>`).join('');

	// Which row is the table's last, to draw the bottom rule on it in a fragment.
	const lastGroup = doc.groups.findLastIndex((g) => g.rows.length > 0 || !!g.heading);
	const bottom = (isLast: boolean): string => (isLast ? `border-bottom:${RULE_THICK};` : '');

	const out: string[] = [];
	out.push(`<table${css('border-collapse:collapse;width:100%')}>`);
	if (doc.title.trim()) out.push(`<caption${css('caption-side:top;text-align:left;font-weight:bold;padding-bottom:6pt')}>${escapeHtml(doc.title.trim())}</caption>`);
	out.push(`<colgroup>${doc.columns.map((_, i) => `<col style="width:${pct(i)}">`).join('')}</colgroup>`);
	const headBottom = lastGroup < 0 ? RULE_THICK : RULE_THIN;
	const headCells = doc.columns.map(
		(c, i) =>
			`<th scope="col"${cls(i)}${css(cellCss(i, `font-weight:bold;width:${pct(i)};border-top:${RULE_THICK};border-bottom:${headBottom}`, 'bottom'))}>${escapeHtml(c.label)}</th>`
	);
	out.push(`<thead><tr>${headCells.join('')}</tr></thead>`);
	doc.groups.forEach((g, gi) => {
		if (gi > lastGroup || (!g.heading && g.rows.length === 0)) return;
		out.push('<tbody>');
		const isLastGroup = gi === lastGroup;
		if (g.heading) {
			const last = isLastGroup && g.rows.length === 0;
			const pad = gi > 0 ? 'padding-top:9pt;' : '';
			out.push(
				`<tr class="group"><th colspan="${n}" scope="rowgroup"${css(`padding:3pt 6pt;${pad}text-align:left;font-weight:bold;${bottom(last)}`)}>${escapeHtml(g.heading.trim())}</th></tr>`
			);
		}
		g.rows.forEach((r, ri) => {
			const last = isLastGroup && ri === g.rows.length - 1;
			const tds = doc.columns.map((c, i) => `<td${cls(i)}${css(cellCss(i, bottom(last)))}>${pHtml(r.cells[c.key])}</td>`);
			out.push(`<tr>${tds.join('')}</tr>`);
		});
		out.push('</tbody>');
	});
	out.push('</table>');
	for (const note of doc.notes ?? []) {
		if (note.trim()) out.push(`<p class="note"${css('margin:4pt 0 0;font-size:9pt')}>${escapeHtml(note.trim())}</p>`);
	}
	const body = out.join('\n');
	if (!standalone) return body + '\n';
	return [
		'<!doctype html>',
		'<html lang="en">',
		'<head>',
		'<meta charset="utf-8">',
		'<meta name="viewport" content="width=device-width, initial-scale=1">',
		`<title>${escapeHtml(doc.title.trim() || 'Table')}</title>`,
		`<style>\n${STANDALONE_CSS}\n</style>`,
		'</head>',
		'<body>',
		body,
		'</body>',
		'</html>',
		''
	].join('\n');
}
