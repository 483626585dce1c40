import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyTable, renderTable, TABLE_FORMATS, tableFileName, toCsv, toHtml, toLatex, toMarkdown, toTsv, type TableDoc } from './index';
import { toDocx } from './docx';
import { sheetName, toXlsx } from './xlsx';

const HOSTILE_THEME = 'Hostile <script>alert(1)</script>';
const SPECIALS = '50% & $5 #1 _x_ {a} ~ ^ \\';
const QUOTE_1 = '“I started to see work as a place to heal”';
const QUOTE_NO = '“Arbeid gir meg mening – æøå ÆØÅ”';

/** Two groups with headings, columns Theme / Definition / n (right) / Illustrative quotes. */
function sample(): TableDoc {
	return {
		title: 'Table 2. Main themes, themes and illustrative quotes',
		groupLabel: 'Main theme',
		columns: [
			{ key: 'theme', label: 'Theme', width: 1.2 },
			{ key: 'definition', label: 'Definition', width: 2 },
			{ key: 'n', label: 'n', width: 0.4, align: 'right' },
			{ key: 'quotes', label: 'Illustrative quotes', width: 3 }
		],
		groups: [
			{
				heading: 'Main theme 1: Change in perceptions',
				rows: [
					{
						cells: {
							theme: [[{ text: 'Seeing work differently' }]],
							definition: [[{ text: 'Line one\nline two' }]],
							n: [[{ text: '7' }]],
							quotes: [
								[{ text: QUOTE_1, italic: true }, { text: ' (P03)' }],
								[{ text: QUOTE_NO, italic: true }, { text: ' (P11)' }]
							]
						}
					},
					{
						cells: {
							theme: [[{ text: HOSTILE_THEME }]],
							definition: [[{ text: SPECIALS }]],
							n: [[{ text: '12' }]],
							quotes: [[{ text: 'a|b', italic: true }, { text: ' (P05)' }]]
						}
					}
				]
			},
			{
				heading: 'Main theme 2: Support 🤝 at work',
				rows: [
					{
						cells: {
							theme: [[{ text: 'Emoji 🎉 theme', bold: true }]],
							n: [[{ text: '3' }]],
							quotes: [[{ text: '"Straight quote start" ', italic: true }, { text: '(P07)' }]]
						}
					},
					{
						cells: {
							theme: [[{ text: '[Unnamed] theme' }]],
							definition: [[{ text: '*star* and `code`' }]],
							n: [[{ text: '—' }]]
						}
					}
				]
			}
		],
		notes: ['n = number of participants who expressed the theme.', 'Shares are 100% & <b>rounded</b>.']
	};
}

const H1 = 'Main theme 1: Change in perceptions';
const H2 = 'Main theme 2: Support 🤝 at work';
/** The flat grid every flat format must reproduce (paragraphs joined with \n). */
const GRID: string[][] = [
	['Main theme', 'Theme', 'Definition', 'n', 'Illustrative quotes'],
	[H1, 'Seeing work differently', 'Line one\nline two', '7', `${QUOTE_1} (P03)\n${QUOTE_NO} (P11)`],
	[H1, HOSTILE_THEME, SPECIALS, '12', 'a|b (P05)'],
	[H2, 'Emoji 🎉 theme', '', '3', '"Straight quote start" (P07)'],
	[H2, '[Unnamed] theme', '*star* and `code`', '—', '']
];

/** Unescaped occurrences of `ch` (not preceded by a backslash). */
const countUnescaped = (s: string, ch: string): number => s.split('').filter((c, i) => c === ch && s[i - 1] !== '\\').length;

describe('Markdown', () => {
	const md = toMarkdown(sample());
	const tableLines = md.split('\n').filter((l) => l.startsWith('|'));

	it('has a bold caption, header, alignment row, two heading rows and four data rows', () => {
		expect(md.startsWith('**Table 2. Main themes, themes and illustrative quotes**\n\n')).toBe(true);
		expect(tableLines).toHaveLength(8);
		expect(tableLines[0]).toBe('| Theme | Definition | n | Illustrative quotes |');
		expect(tableLines[1]).toBe('| --- | --- | ---: | --- |');
		expect(tableLines[2]).toBe(`| **${H1}** |  |  |  |`);
		expect(tableLines[5]).toBe(`| **${H2}** |  |  |  |`);
	});

	it('keeps every row at four cells: pipes and newlines are escaped', () => {
		for (const l of tableLines) expect(countUnescaped(l, '|')).toBe(5);
		expect(md).toContain('*a\\|b* (P05)');
		expect(md).toContain('Line one<br>line two');
		expect(md).not.toContain('<script>');
		expect(md).toContain('\\<script\\>');
		expect(md).toContain('\\*star\\* and \\`code\\`');
	});

	it('puts emphasis markers around the text and paragraphs on <br>', () => {
		expect(md).toContain(`*${QUOTE_1}* (P03)<br>*${QUOTE_NO}* (P11)`);
		expect(md).toContain('| **Emoji 🎉 theme** |');
		// The trailing space of the italic run stays outside the marker.
		expect(md).toContain('*"Straight quote start"* (P07)');
	});

	it('puts the notes after the table as paragraphs', () => {
		expect(md.trimEnd().endsWith('n = number of participants who expressed the theme.\n\nShares are 100% & \\<b\\>rounded\\</b\\>.')).toBe(true);
	});
});

describe('CSV and TSV', () => {
	it('parses back to the same cells, with a BOM, CRLF and the group column filled', () => {
		const csv = toCsv(sample());
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(csv).toContain('\r\n');
		expect(csv).not.toContain('Table 2.');
		const parsed = Papa.parse<string[]>(csv.slice(1), { header: false });
		expect(parsed.errors).toEqual([]);
		expect(parsed.data).toEqual(GRID);
	});

	it('has no group column when no group has a heading', () => {
		const doc = sample();
		doc.groups = doc.groups.map((g) => ({ rows: g.rows }));
		const parsed = Papa.parse<string[]>(toCsv(doc).slice(1));
		expect(parsed.data.map((r) => r.length)).toEqual([4, 4, 4, 4, 4]);
		expect(parsed.data[0]).toEqual(GRID[0].slice(1));
	});

	it('keeps a heading whose group has no rows', () => {
		const doc = sample();
		doc.groups.push({ heading: 'Main theme 3: Empty', rows: [] });
		const parsed = Papa.parse<string[]>(toCsv(doc).slice(1));
		expect(parsed.data.at(-1)).toEqual(['Main theme 3: Empty', '', '', '', '']);
	});

	it('writes TSV one line per row, paragraphs on " / ", no tabs or newlines inside cells', () => {
		const tsv = toTsv(sample());
		expect(tsv.charCodeAt(0)).not.toBe(0xfeff);
		const lines = tsv.split('\n');
		expect(lines).toHaveLength(5);
		for (const l of lines) expect(l.split('\t')).toHaveLength(5);
		expect(lines[1].split('\t')).toEqual([H1, 'Seeing work differently', 'Line one line two', '7', `${QUOTE_1} (P03) / ${QUOTE_NO} (P11)`]);
		// A field starting with a straight quote is quoted so spreadsheets don't eat it.
		expect(lines[3].split('\t')[4]).toBe('"""Straight quote start"" (P07)"');
	});
});

describe('LaTeX', () => {
	const tex = toLatex(sample());
	const lines = tex.split('\n');
	const rowLines = lines.filter((l) => l.endsWith('\\\\') && !l.startsWith('\\multicolumn'));

	it('is a booktabs table float with a caption and scaled p-columns', () => {
		expect(lines[0].startsWith('% Requires \\usepackage{booktabs}')).toBe(true);
		for (const rule of ['\\toprule', '\\midrule', '\\bottomrule']) expect(lines.filter((l) => l === rule)).toHaveLength(1);
		expect(tex).toContain('\\begin{table}[htbp]\n\\centering\n\\caption{Main themes, themes and illustrative quotes}');
		const widths = [...tex.matchAll(/p\{\\dimexpr([\d.]+)\\linewidth-2\\tabcolsep\\relax\}/g)].map((m) => Number(m[1]));
		// Four columns plus the two spanning headings (1.000).
		expect(widths.slice(0, 4)).toEqual([0.181, 0.303, 0.06, 0.454]);
		expect(widths.slice(0, 4).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
		expect(tex).toContain('>{\\raggedleft\\arraybackslash}p{\\dimexpr0.060');
	});

	it('has the header and four data rows with three column separators each', () => {
		expect(rowLines).toHaveLength(5);
		for (const l of rowLines) expect(countUnescaped(l, '&')).toBe(3);
		expect(rowLines[0]).toBe('Theme & Definition & n & Illustrative quotes \\\\');
	});

	it('spans the group headings and spaces the groups', () => {
		const heads = lines.filter((l) => l.startsWith('\\multicolumn{4}'));
		expect(heads).toHaveLength(2);
		expect(heads[1]).toContain('{\\textbf{Main theme 2: Support 🤝 at work}} \\\\');
		expect(lines.indexOf('\\addlinespace')).toBe(lines.indexOf(heads[1]) - 1);
	});

	it('escapes every special character and keeps Unicode', () => {
		expect(tex).toContain('50\\% \\& \\$5 \\#1 \\_x\\_ \\{a\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}');
		expect(tex).toContain('Hostile \\textless{}script\\textgreater{}alert(1)\\textless{}/script\\textgreater{}');
		expect(tex).toContain('\\emph{a\\textbar{}b} (P05)');
		expect(tex).toContain('Line one\\newline line two');
		expect(tex).toContain(`\\emph{${QUOTE_1}} (P03)\\par \\emph{${QUOTE_NO}} (P11)`);
		expect(tex).toContain('{}[Unnamed] theme');
		// Outside the comment line, no special character is left unescaped.
		const body = lines.slice(1).join('\n');
		expect(body.match(/(?<!\\)[%$#_^~]/g)).toBeNull();
	});

	it('has balanced braces', () => {
		const stripped = tex.replace(/\\\\/g, '').replace(/\\[{}]/g, '');
		let depth = 0;
		for (const c of stripped) {
			if (c === '{') depth++;
			if (c === '}') depth--;
			expect(depth).toBeGreaterThanOrEqual(0);
		}
		expect(depth).toBe(0);
	});

	it('puts the notes in small type after the tabular', () => {
		expect(tex).toContain('\\end{tabular}\n\\par\\smallskip{\\footnotesize\\raggedright n = number of participants who expressed the theme.\\par Shares are 100\\% \\& ');
	});
});

interface MiniElement {
	textContent: string | null;
	innerHTML: string;
	getAttribute(name: string): string | null;
	querySelectorAll(selector: string): ArrayLike<MiniElement>;
	querySelector(selector: string): MiniElement | null;
}
interface MiniDocument extends MiniElement {
	title: string;
	characterSet: string;
}

/** Parses HTML with jsdom (a dev dependency without type declarations). */
async function parseHtml(html: string): Promise<MiniDocument> {
	const name = 'jsdom';
	const { JSDOM } = (await import(/* @vite-ignore */ name)) as { JSDOM: new (html: string) => { window: { document: MiniDocument } } };
	return new JSDOM(html).window.document;
}

describe('HTML', () => {
	it('escapes hostile text and renders a table with caption, header and spanning group rows', async () => {
		const html = toHtml(sample(), { standalone: true });
		expect(html).not.toMatch(/<script/i);
		expect(html).not.toContain('<b>');
		const d = await parseHtml(html);
		expect(d.querySelectorAll('script')).toHaveLength(0);
		expect(d.title).toBe('Table 2. Main themes, themes and illustrative quotes');
		expect(d.characterSet.toLowerCase()).toBe('utf-8');
		expect(d.querySelector('table > caption')?.textContent).toBe('Table 2. Main themes, themes and illustrative quotes');
		expect(Array.from(d.querySelectorAll('thead th'), (th) => th.textContent)).toEqual(['Theme', 'Definition', 'n', 'Illustrative quotes']);
		const groups = Array.from(d.querySelectorAll('tbody > tr.group > th'));
		expect(groups.map((th) => [th.textContent, th.getAttribute('colspan')])).toEqual([
			[H1, '4'],
			[H2, '4']
		]);
		expect(d.querySelectorAll('tbody > tr')).toHaveLength(6);
		const rows = Array.from(d.querySelectorAll('tbody > tr:not(.group)'));
		const cells = rows.map((r) => Array.from(r.querySelectorAll('td')));
		expect(cells.map((c) => c.length)).toEqual([4, 4, 4, 4]);
		expect(cells[1][0].textContent).toBe(HOSTILE_THEME);
		expect(cells[1][1].textContent).toBe(SPECIALS);
		expect(cells[0][1].innerHTML).toBe('<p>Line one<br>line two</p>');
		expect(Array.from(cells[0][3].querySelectorAll('p'), (p) => p.innerHTML)).toEqual([`<em>${QUOTE_1}</em> (P03)`, `<em>${QUOTE_NO}</em> (P11)`]);
		expect(cells[2][0].innerHTML).toBe('<p><strong>Emoji 🎉 theme</strong></p>');
		expect(cells[0][2].getAttribute('class')).toBe('num');
		expect(Array.from(d.querySelectorAll('p.note'), (p) => p.textContent)).toEqual(sample().notes);
		expect(html).toMatch(/<style>[\s\S]*border-top:[\s\S]*<\/style>/);
	});

	it('as a fragment, is just the table with inline rules for pasting', async () => {
		const html = toHtml(sample());
		expect(html.startsWith('<table')).toBe(true);
		expect(html).not.toMatch(/<!doctype|<html|<style/i);
		const d = await parseHtml(html);
		const head = d.querySelectorAll('thead th')[0];
		expect(head.getAttribute('style')).toMatch(/border-top:1\.5pt solid #000.*border-bottom:0\.75pt solid #000/);
		const rows = d.querySelectorAll('tbody > tr');
		const last = rows[rows.length - 1];
		for (const td of Array.from(last.querySelectorAll('td'))) expect(td.getAttribute('style')).toContain('border-bottom:1.5pt solid #000');
		expect(rows[rows.length - 2].querySelector('td')?.getAttribute('style')).not.toContain('border-bottom');
		expect(html).not.toMatch(/border-(left|right)/);
	});
});

function unzipText(bytes: Uint8Array): Record<string, string> {
	const files = unzipSync(bytes);
	return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

const decodeXml = (s: string): string =>
	s
		.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
		.replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&');

describe('DOCX', () => {
	it('has the caption, one table, the header row repeated and the rows', async () => {
		const bytes = await toDocx(sample());
		expect(bytes).toBeInstanceOf(Uint8Array);
		const xml = unzipText(bytes)['word/document.xml'];
		expect(xml.match(/<w:tbl>/g)).toHaveLength(1);
		const body = xml.slice(xml.indexOf('<w:body>'));
		const caption = body.slice(0, body.indexOf('<w:tbl>'));
		expect(caption).toContain('Table 2. Main themes, themes and illustrative quotes');
		expect(caption).toMatch(/<w:b\/>|<w:b w:val="(true|1|on)"\/>/);
		const rows = xml.match(/<w:tr[ >][\s\S]*?<\/w:tr>/g) ?? [];
		expect(rows).toHaveLength(7);
		expect(rows[0]).toContain('<w:tblHeader');
		for (const label of ['Theme', 'Definition', 'n', 'Illustrative quotes']) expect(rows[0]).toContain(`>${label}</w:t>`);
		expect(rows[0]).toMatch(/<w:top w:val="single"[^>]*w:sz="12"/);
	});

	it('spans group headings, italicises the quotes and escapes hostile text', async () => {
		const xml = unzipText(await toDocx(sample()))['word/document.xml'];
		const rows = xml.match(/<w:tr[ >][\s\S]*?<\/w:tr>/g) ?? [];
		expect(rows.filter((r) => r.includes('<w:gridSpan w:val="4"/>')).map((r) => decodeXml(r.replace(/<[^>]+>/g, '')))).toEqual([H1, H2]);
		const italicRun = (rows[2].match(/<w:r>[\s\S]*?<\/w:r>/g) ?? []).find((r) => r.includes(QUOTE_1));
		expect(italicRun).toMatch(/<w:i\/>|<w:i w:val="(true|1|on)"\/>/);
		const suffix = (rows[2].match(/<w:r>[\s\S]*?<\/w:r>/g) ?? []).find((r) => r.includes('(P03)'));
		expect(suffix).not.toMatch(/<w:i[ />]/);
		expect(rows[3]).toContain('Hostile &lt;script&gt;alert(1)&lt;/script&gt;');
		expect(decodeXml(rows[3])).toContain(SPECIALS);
		expect(rows[5]).toContain('🎉');
		expect(xml).toContain('<w:br/>');
		// Bottom rule only under the last row; no vertical borders anywhere.
		expect(rows[6]).toMatch(/<w:bottom w:val="single"[^>]*w:sz="12"/);
		expect(rows[5]).not.toMatch(/<w:bottom w:val="single"/);
		expect(xml).not.toMatch(/<w:(left|right|insideV) w:val="single"/);
		expect(xml).toContain('n = number of participants who expressed the theme.');
	});

	it('turns the page for landscape', async () => {
		const portrait = unzipText(await toDocx(sample()))['word/document.xml'];
		const landscape = unzipText(await toDocx(sample(), { landscape: true }))['word/document.xml'];
		const size = (xml: string) => {
			const m = /<w:pgSz w:w="(\d+)" w:h="(\d+)"/.exec(xml);
			return m ? [Number(m[1]), Number(m[2])] : [];
		};
		expect(size(portrait)).toEqual([11906, 16838]);
		expect(size(landscape)).toEqual([16838, 11906]);
		expect(landscape).toContain('w:orient="landscape"');
		const grid = (xml: string) => [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
		expect(grid(portrait).reduce((a, b) => a + b, 0)).toBe(11906 - 2880);
		expect(grid(landscape).reduce((a, b) => a + b, 0)).toBe(16838 - 2880);
		expect(grid(portrait)[3]).toBeGreaterThan(grid(portrait)[0] * 2);
	});
});

/** The cells of sheet1 as a grid of strings and numbers (shared or inline strings). */
function readSheet(files: Record<string, string>): (string | number | null)[][] {
	const shared = [...(files['xl/sharedStrings.xml'] ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
		decodeXml([...m[1].matchAll(/<t(?: [^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''))
	);
	const grid: (string | number | null)[][] = [];
	for (const c of files['xl/worksheets/sheet1.xml'].matchAll(/<c r="([A-Z]+)(\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
		const col = c[1].charCodeAt(0) - 65;
		const row = Number(c[2]) - 1;
		const type = /t="(\w+)"/.exec(c[3])?.[1];
		const inner = c[4] ?? '';
		const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
		let value: string | number | null = null;
		if (type === 's') value = shared[Number(v)];
		else if (type === 'inlineStr') value = decodeXml([...inner.matchAll(/<t(?: [^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''));
		else if (type === 'str') value = decodeXml(v ?? '');
		else if (v !== undefined) value = Number(v);
		(grid[row] ??= [])[col] = value;
	}
	return Array.from(grid, (r) => Array.from({ length: 5 }, (_, i) => r?.[i] ?? null));
}

describe('XLSX', () => {
	it('has one sheet named from the title with the flat grid, numbers as numbers', async () => {
		const files = unzipText(await toXlsx(sample()));
		expect(Object.keys(files).filter((f) => f.startsWith('xl/worksheets/sheet'))).toEqual(['xl/worksheets/sheet1.xml']);
		expect(files['xl/workbook.xml']).toContain('name="Table 2. Main themes, themes an"');
		const expected = GRID.map((r, i) => r.map((v, j) => (v === '' ? null : i > 0 && j === 3 && v !== '—' ? Number(v) : v)));
		expect(readSheet(files)).toEqual(expected);
		expect(expected[1][3]).toBe(7);
	});

	it('freezes and bolds the header, wraps text and sizes columns', async () => {
		const files = unzipText(await toXlsx(sample()));
		const sheet = files['xl/worksheets/sheet1.xml'];
		expect(sheet).toMatch(/<pane [^>]*ySplit="1"/);
		const widths = [...sheet.matchAll(/<col [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
		expect(widths).toHaveLength(5);
		expect(widths[4]).toBeGreaterThan(widths[3] * 3);
		const styles = files['xl/styles.xml'];
		expect(styles).toContain('<b/>');
		expect(styles).toContain('wrapText="1"');
		// The header cells use a style whose font is bold.
		const headerStyle = Number(/<c r="A1"[^>]*s="(\d+)"/.exec(sheet)?.[1]);
		const xfs = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/<xf\b([^>]*)>/g)].map((m) => Number(/fontId="(\d+)"/.exec(m[1])?.[1] ?? 0));
		const fonts = [...(/<fonts[^>]*>([\s\S]*?)<\/fonts>/.exec(styles)?.[1] ?? '').matchAll(/<font>([\s\S]*?)<\/font>|<font\/>/g)].map((m) => m[0]);
		expect(fonts[xfs[headerStyle]]).toContain('<b/>');
	});

	it('makes valid sheet names', () => {
		expect(sheetName('Table 1: [Participants] / characteristics?')).toBe('Table 1 Participants characteri');
		expect(sheetName("'quoted'")).toBe('quoted');
		expect(sheetName(' ?*: ')).toBe('Table');
		expect(Array.from(sheetName('🎉'.repeat(40)))).toHaveLength(31);
	});
});

describe('renderTable, formats and file names', () => {
	it('renders every listed format', async () => {
		expect(TABLE_FORMATS.map((f) => f.format)).toEqual(['docx', 'xlsx', 'csv', 'md', 'latex', 'html']);
		for (const { format } of TABLE_FORMATS) {
			const out = await renderTable(sample(), format);
			if (format === 'docx' || format === 'xlsx') {
				expect(out).toBeInstanceOf(Uint8Array);
				expect(strFromU8((out as Uint8Array).slice(0, 2))).toBe('PK');
			} else expect(typeof out).toBe('string');
		}
		expect(await renderTable(sample(), 'html')).toMatch(/^<!doctype html>/);
		expect(await renderTable(sample(), 'md')).toBe(toMarkdown(sample()));
		expect(await renderTable(sample(), 'latex')).toBe(toLatex(sample()));
	});

	it('names files safely with the right extension', () => {
		expect(tableFileName('Table 2: Themes / quotes', 'docx')).toBe('Table 2 Themes quotes.docx');
		expect(tableFileName('themes.csv', 'csv')).toBe('themes.csv');
		expect(tableFileName('...', 'latex')).toBe('table.tex');
		expect(tableFileName('x'.repeat(300), 'md')).toBe('x'.repeat(100) + '.md');
	});
});

describe('copyTable', () => {
	afterEach(() => vi.unstubAllGlobals());

	it('writes HTML and plain text when ClipboardItem exists', async () => {
		class FakeItem {
			constructor(readonly items: Record<string, Blob>) {}
		}
		vi.stubGlobal('ClipboardItem', FakeItem);
		const written: FakeItem[][] = [];
		const clipboard = {
			write: async (items: ClipboardItem[]) => void written.push(items as unknown as FakeItem[]),
			writeText: async () => expect.fail('writeText should not be used')
		};
		await copyTable(sample(), clipboard);
		expect(written).toHaveLength(1);
		const { items } = written[0][0];
		expect(await items['text/html'].text()).toBe(toHtml(sample()));
		expect(await items['text/plain'].text()).toBe(toTsv(sample()));
	});

	it('falls back to plain text without ClipboardItem and explains a refusal', async () => {
		vi.stubGlobal('ClipboardItem', undefined);
		const texts: string[] = [];
		await copyTable(sample(), { writeText: async (t: string) => void texts.push(t) });
		expect(texts).toEqual([toTsv(sample())]);

		const denied = Object.assign(new Error('denied'), { name: 'NotAllowedError' });
		await expect(copyTable(sample(), { writeText: () => Promise.reject(denied) })).rejects.toThrow(/Could not copy the table: the browser did not allow it/);
		await expect(copyTable(sample(), undefined)).rejects.toThrow(/Could not copy the table/);
	});
});

describe('spreadsheet formula guard', () => {
	it('prefixes cells that a spreadsheet would run as formulas, in CSV and in the clipboard text', async () => {
		const { text } = await import('./model');
		const doc: TableDoc = {
			title: 'T',
			columns: [{ key: 'a', label: 'A' }],
			groups: [{ rows: [{ cells: { a: text('=HYPERLINK("http://x")') } }, { cells: { a: text('- I was not sure') } }, { cells: { a: text('plain') } }] }]
		};
		const csv = toCsv(doc);
		expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
		expect(csv).toContain(`'- I was not sure`);
		expect(csv).not.toContain(`'plain`);
		const tsv = toTsv(doc).split('\n');
		expect(tsv[1]).toBe(`'=HYPERLINK("http://x")`);
		expect(tsv[2]).toBe(`'- I was not sure`);
	});

	it('leaves plain numbers alone: a change score of -60 stays a number', async () => {
		const { text } = await import('./model');
		const doc: TableDoc = {
			title: 'T',
			columns: [{ key: 'a', label: 'A' }],
			groups: [{ rows: ['-60', '+4.5', '-1,5', '-60 days', '=1+2', '@SUM(A1)'].map((v) => ({ cells: { a: text(v) } })) }]
		};
		const rows = toCsv(doc).replace(/^\uFEFF/, '').split('\r\n').slice(1);
		expect(rows).toEqual(['-60', '+4.5', '"-1,5"', "\"'-60 days\"", "\"'=1+2\"", "\"'@SUM(A1)\""]);
	});
});
