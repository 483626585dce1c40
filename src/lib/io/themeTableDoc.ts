// The theme table and the codebook appendix as TableDocs, the shape every table renderer
// prints (DOCX, XLSX, CSV, Markdown, LaTeX, HTML, clipboard). The app's Write-up screen and
// the headless `tema theme-table` both go through here, so they produce the same files.

import {
	buildCodebookAppendix,
	buildThemeTable,
	type AppendixRow,
	type ThemeRowModel,
	type ThemeTableInput,
	type ThemeTableModel
} from '../domain/themeTable';
import { text, type Cell, type Para, type TableDoc, type TableRow } from './tables/model';

export interface ThemeTableDocOptions {
	/** Caption; default "Table 2. Main themes, themes and illustrative quotes". */
	title?: string;
	/** 'concept' prints the central organising concept; 'full' adds includes, excludes and relations. */
	definition?: 'concept' | 'full';
}

function definitionCell(row: ThemeRowModel, mode: 'concept' | 'full'): Cell {
	const d = row.definition;
	const paras: Para[] = [];
	if (d.concept.trim()) paras.push([{ text: d.concept.trim() }]);
	if (mode === 'full') {
		const add = (label: string, value: string) => {
			if (value.trim()) paras.push([{ text: `${label}: `, italic: true }, { text: value.trim() }]);
		};
		add('Includes', d.includes);
		add('Excludes', d.excludes);
		add('Relation to other themes', d.relations);
	}
	return paras;
}

function quotesCell(row: ThemeRowModel): Cell {
	return row.quotes.map((q) => [{ text: `“${q.text}”`, italic: true }, { text: ` (${q.participant})` }]);
}

function themeRow(row: ThemeRowModel, mode: 'concept' | 'full'): TableRow {
	return {
		cells: {
			theme: text(row.name),
			definition: definitionCell(row, mode),
			n: text(String(row.participants.length)),
			quotes: quotesCell(row)
		}
	};
}

/** Main theme → theme → definition → number of participants → illustrative quotes. */
export function themeTableDoc(model: ThemeTableModel, options: ThemeTableDocOptions = {}): TableDoc {
	const mode = options.definition ?? 'concept';
	const N = model.totalParticipants;
	const groups = model.groups.map((g) => {
		if (!g.main) return { rows: g.themes.map((t) => themeRow(t, mode)) };
		const concept = g.main.definition.concept.trim();
		return {
			heading: `${g.main.name} (n = ${g.main.participants.length})${concept ? `: ${concept}` : ''}`,
			rows: g.themes.map((t) => themeRow(t, mode))
		};
	});
	return {
		title: options.title ?? 'Table 2. Main themes, themes and illustrative quotes',
		groupLabel: 'Main theme',
		columns: [
			{ key: 'theme', label: 'Theme', width: 1.3 },
			{ key: 'definition', label: 'Definition', width: 2.2 },
			{ key: 'n', label: 'n', width: 0.45, align: 'right' },
			{ key: 'quotes', label: 'Illustrative quotes', width: 3.2 }
		],
		groups,
		notes: [
			`n = number of participants (of N = ${N}) who contributed at least one extract to the theme; extracts judged not to fit the theme are not counted.`,
			'Quotes are followed by the participant’s study id.'
		]
	};
}

/** Codebook appendix: code, definition, include, exclude, example, theme(s). */
export function codebookAppendixDoc(rows: readonly AppendixRow[], title = 'Appendix. Codebook'): TableDoc {
	return {
		title,
		columns: [
			{ key: 'code', label: 'Code', width: 1.4 },
			{ key: 'definition', label: 'Definition', width: 2 },
			{ key: 'include', label: 'Include', width: 1.5 },
			{ key: 'exclude', label: 'Exclude', width: 1.5 },
			{ key: 'example', label: 'Example', width: 2 },
			{ key: 'themes', label: 'Theme', width: 1.2 }
		],
		groups: [
			{
				rows: rows.map((r) => ({
					cells: {
						code: r.depth === 0 ? [[{ text: r.path, bold: true }]] : text(r.path),
						definition: text(r.definition),
						include: text(r.include),
						exclude: text(r.exclude),
						example: r.example ? [[{ text: `“${r.example}”`, italic: true }]] : [],
						themes: r.themes.map((t) => [{ text: t }])
					}
				}))
			}
		],
		notes: ['Codes are listed in codebook order; “Parent › Code” marks a sub-code. A code’s theme includes themes it belongs to through its parent code.']
	};
}

/** What the theme table is built from: a project's rows (the app's state or a backup file). */
export type ThemeTableSource = ThemeTableInput;

export interface ThemeTableExportOptions extends ThemeTableDocOptions {
	includeCandidates?: boolean;
}

/** The theme table of a project as a TableDoc: the one path the app and `tema theme-table` share. */
export function themeTableFor(source: ThemeTableSource, options: ThemeTableExportOptions = {}): TableDoc {
	return themeTableDoc(buildThemeTable(source, { includeCandidates: options.includeCandidates }), options);
}

/** The codebook appendix of a project as a TableDoc. */
export function codebookAppendixFor(source: Pick<ThemeTableSource, 'codes' | 'themes' | 'codings'>): TableDoc {
	return codebookAppendixDoc(buildCodebookAppendix(source.codes, source.themes, source.codings));
}
