// LaTeX renderer of a TableDoc: a `table` float with a booktabs `tabular` whose `p{}` column
// widths are the relative widths scaled to \linewidth, group headings as spanning rows and
// the notes in small type under the rules. All text is escaped; Unicode (æøå, “quotes”) is
// left as is for a UTF-8 engine.
import type { Cell, Run, TableDoc } from './model';

const ESCAPES: Record<string, string> = {
	'\\': '\\textbackslash{}',
	'&': '\\&',
	'%': '\\%',
	$: '\\$',
	'#': '\\#',
	_: '\\_',
	'{': '\\{',
	'}': '\\}',
	'~': '\\textasciitilde{}',
	'^': '\\textasciicircum{}',
	// In the default OT1 font encoding these print as other glyphs (¡ ¿ —).
	'<': '\\textless{}',
	'>': '\\textgreater{}',
	'|': '\\textbar{}'
};

/** Escapes text for LaTeX; line breaks become `\newline`. */
export function escapeLatex(s: string): string {
	return s.replace(/[\\&%$#_{}~^<>|]/g, (c) => ESCAPES[c]).replace(/\r\n?|\n/g, '\\newline ');
}

function runLatex(r: Run): string {
	let s = escapeLatex(r.text);
	if (s === '') return '';
	if (r.italic) s = `\\emph{${s}}`;
	if (r.bold) s = `\\textbf{${s}}`;
	return s;
}

function cellLatex(cell: Cell | undefined): string {
	const s = (cell ?? []).map((p) => p.map(runLatex).join('')).join('\\par ');
	// After `\\` LaTeX reads a following `[` or `*` as an argument of the row end.
	return /^[[*]/.test(s) ? '{}' + s : s;
}

/** Width of a p-column that takes `fraction` of the line, minus its own padding. */
const pWidth = (fraction: string): string => `\\dimexpr${fraction}\\linewidth-2\\tabcolsep\\relax`;

/**
 * The table as a LaTeX `table` float (booktabs + array). The "Table 2." prefix of the title is
 * dropped from `\caption`, since LaTeX numbers the table itself.
 */
export function toLatex(doc: TableDoc): string {
	const n = doc.columns.length;
	const weights = doc.columns.map((c) => (c.width && c.width > 0 ? c.width : 1));
	const total = weights.reduce((a, b) => a + b, 0) || 1;
	// Rounded down so the columns never add up to more than the line.
	const spec = doc.columns
		.map((c, i) => {
			const frac = (Math.floor((weights[i] / total) * 1000) / 1000).toFixed(3);
			const align = c.align === 'right' ? '\\raggedleft' : '\\raggedright';
			return `>{${align}\\arraybackslash}p{${pWidth(frac)}}`;
		})
		.join('');
	const caption = escapeLatex(doc.title.trim().replace(/^Table\s+[\w.-]+?[.:]\s+/i, ''));

	const out = [
		'% Requires \\usepackage{booktabs} and \\usepackage{array}',
		'\\begin{table}[htbp]',
		'\\centering'
	];
	if (caption) out.push(`\\caption{${caption}}`);
	out.push(`\\begin{tabular}{${spec}}`, '\\toprule', doc.columns.map((c) => escapeLatex(c.label)).join(' & ') + ' \\\\', '\\midrule');
	doc.groups.forEach((g, gi) => {
		if (gi > 0) out.push('\\addlinespace');
		if (g.heading) {
			const span = `>{\\raggedright\\arraybackslash}p{${pWidth('1')}}`;
			out.push(`\\multicolumn{${n}}{${span}}{\\textbf{${escapeLatex(g.heading.trim())}}} \\\\`);
		}
		for (const r of g.rows) out.push(doc.columns.map((c) => cellLatex(r.cells[c.key])).join(' & ') + ' \\\\');
	});
	out.push('\\bottomrule', '\\end{tabular}');
	const notes = (doc.notes ?? []).filter((s) => s.trim()).map((s) => escapeLatex(s.trim()));
	if (notes.length) out.push(`\\par\\smallskip{\\footnotesize\\raggedright ${notes.join('\\par ')}\\par}`);
	out.push('\\end{table}');
	return out.join('\n') + '\n';
}
