// Codes or themes × participants, or × the values of a participant attribute (theme by work
// status). A cell counts the extracts of its row that come from the participants of its
// column, and how many distinct participants those are; the screen shows either, or the
// participants as a share of everyone in the column. Theme rows count as the theme table
// does (themes.ts themeCounts): a main theme holds its sub-themes' extracts, discarded themes
// are not rows, and extracts judged not to fit do not count. Pure; codings are grouped by
// code once (codingsByCode), so 50,000 codings over 40 codes recompute in a few milliseconds.

import { attributeDefs, humanise } from '../table1';
import { themeCounts } from '../themes';
import type { AttributeDef, Coding, Id, TranscriptDocument } from '../types';
import {
	categoryOf,
	codeMembers,
	codeRows,
	codingsByCode,
	countsAsTheme,
	docOrder,
	median,
	naturalCompare,
	numberOf,
	participantOf,
	participantsByLabel,
	sortExtracts,
	studyParticipants,
	themeRows,
	valueLabel,
	type AnalysisRows,
	type RowItem
} from './common';

export type MatrixRowKind = 'codes' | 'themes';

/** Columns: one per participant, or one per value of an attribute. */
export type MatrixColumns = { kind: 'participants' } | { kind: 'attribute'; name: string };

/** What a cell shows. */
export type CellMeasure = 'extracts' | 'participants' | 'percent';

export const MEASURE_LABELS: Record<CellMeasure, string> = {
	extracts: 'Extracts',
	participants: 'Participants (distinct)',
	percent: '% of the column’s participants'
};

export interface MatrixOptions {
	rows: MatrixRowKind;
	/** Code rows: count a code's sub-codes into it (default true). Theme rows ignore it. */
	rollUp?: boolean;
	columns: MatrixColumns;
}

export interface MatrixInput extends AnalysisRows {
	/** The project's typed attributes (Project.attributes); types are guessed for the rest. */
	attributes?: readonly AttributeDef[];
}

export interface MatrixColumn {
	key: string;
	label: string;
	/** The study participants who fall in this column. */
	participants: string[];
	/** The column for participants without a value of the attribute. */
	missing?: boolean;
}

export interface CellCount {
	extracts: number;
	participants: number;
}

export interface Matrix {
	rows: RowItem[];
	columns: MatrixColumn[];
	/** cells[row][column]. */
	cells: CellCount[][];
	/** Per row, over every column: all its extracts and participants. */
	rowTotals: CellCount[];
	/**
	 * Per column, over every row: distinct extracts and participants. Rows overlap (a parent
	 * code holds its sub-codes, a main theme its themes, a code may sit in two themes), so
	 * this is not the sum of the column; each extract and participant counts once.
	 */
	columnTotals: CellCount[];
	/** Distinct extracts and participants over the whole matrix. */
	total: CellCount;
	/** Everyone in the study. */
	totalParticipants: number;
	/** How the columns were formed, in words (for the screen and the export's notes). */
	columnNote: string;
	/** The extracts each row counts (for drill-down). */
	rowExtracts: Coding[][];
	/** Transcript id → column index. */
	columnOfDoc: Map<Id, number>;
	/** The largest cell for each measure, for shading. */
	max: Record<CellMeasure, number>;
}

/** The attribute's columns: its categories, or ≤ / > the median for a number; and "no value". */
function attributeColumns(
	input: MatrixInput,
	name: string,
	everyone: readonly string[]
): { columns: MatrixColumn[]; note: string } {
	const defs = attributeDefs(input.attributes, input.participants);
	const def = defs.find((d) => d.name === name);
	if (!def) return { columns: [{ key: 'all', label: 'Everyone', participants: [...everyone] }], note: `There is no attribute “${name}”.` };
	const byLabel = participantsByLabel(input.participants);
	const value = (p: string) => byLabel.get(p)?.attributes[name] ?? null;
	const label = humanise(name);
	const missing: string[] = [];
	const columns: MatrixColumn[] = [];
	let note: string;
	if (def.type === 'number') {
		const nums = new Map<string, number>();
		for (const p of everyone) {
			const x = numberOf(value(p));
			if (x === null) missing.push(p);
			else nums.set(p, x);
		}
		const m = median([...nums.values()]);
		if (m === null) note = `No participant has a value of ${label}.`;
		else {
			const shown = fmt(m);
			columns.push(
				{ key: 'low', label: `≤ ${shown}`, participants: everyone.filter((p) => nums.has(p) && nums.get(p)! <= m) },
				{ key: 'high', label: `> ${shown}`, participants: everyone.filter((p) => nums.has(p) && nums.get(p)! > m) }
			);
			note = `${label} split at its median, ${shown}, over the ${nums.size} participants with a value: “≤ ${shown}” and “> ${shown}”.`;
		}
	} else {
		const byValue = new Map<string, string[]>();
		for (const p of everyone) {
			const c = categoryOf(value(p));
			if (c === null) missing.push(p);
			else byValue.set(c, [...(byValue.get(c) ?? []), p]);
		}
		for (const v of [...byValue.keys()].sort(naturalCompare)) columns.push({ key: `v:${v}`, label: valueLabel(v), participants: byValue.get(v)! });
		note = def.type === 'date' ? `${label}: one column per date.` : `One column per value of ${label.toLocaleLowerCase()}.`;
	}
	if (missing.length) {
		columns.push({ key: 'missing', label: 'No value', participants: missing, missing: true });
		note += ` ${missing.length} participant${missing.length === 1 ? ' has' : 's have'} no value (column “No value”).`;
	}
	return { columns, note };
}

/** A median as a column label: at most two decimals. */
function fmt(x: number): string {
	return String(Math.round(x * 100) / 100);
}

/** The extracts each row counts, before they are split by column. */
function extractsPerRow(input: MatrixInput, rows: readonly RowItem[], rollUp: boolean, docById: ReadonlyMap<Id, TranscriptDocument>): Coding[][] {
	if (rows.length === 0) return [];
	if (rows[0].kind === 'code') {
		const index = codingsByCode(input.codings, input.documents);
		const members = codeMembers(input.codes, rollUp);
		return rows.map((r) => {
			const ids = members.get(r.id) ?? [r.id];
			if (ids.length === 1) return index.get(ids[0]) ?? [];
			const out: Coding[] = [];
			for (const id of ids) {
				const list = index.get(id);
				if (list) for (const c of list) out.push(c);
			}
			return out;
		});
	}
	// Themes: counted by the theme table's own rule (themeCounts), over the same themes.
	const visible = input.themes.filter(countsAsTheme);
	const byId = new Map(visible.map((t) => [t.id, t]));
	return rows.map((r) => themeCounts(byId.get(r.id)!, visible, input.codes, input.codings, docById).counted);
}

export function buildMatrix(input: MatrixInput, options: MatrixOptions): Matrix {
	const rollUp = options.rollUp ?? true;
	const everyone = studyParticipants(input.participants, input.documents);
	const rows = options.rows === 'codes' ? codeRows(input.codes) : themeRows(input.themes);

	let columns: MatrixColumn[];
	let columnNote: string;
	if (options.columns.kind === 'participants') {
		columns = everyone.map((p) => ({ key: `p:${p}`, label: p, participants: [p] }));
		columnNote = 'One column per participant.';
	} else {
		({ columns, note: columnNote } = attributeColumns(input, options.columns.name, everyone));
	}

	// Each transcript → its participant's index and column, looked up once per coding.
	const pIndex = new Map(everyone.map((p, i) => [p, i]));
	const colOfP = new Int32Array(everyone.length).fill(-1);
	columns.forEach((col, k) => {
		for (const p of col.participants) colOfP[pIndex.get(p)!] = k;
	});
	const docById = new Map(input.documents.map((d) => [d.id, d]));
	const docInfo = new Map<Id, { p: number; col: number }>();
	const columnOfDoc = new Map<Id, number>();
	for (const d of input.documents) {
		const p = pIndex.get(participantOf(d))!;
		docInfo.set(d.id, { p, col: colOfP[p] });
		columnOfDoc.set(d.id, colOfP[p]);
	}

	const rowExtracts = extractsPerRow(input, rows, rollUp, docById);
	const nCols = columns.length;
	const cells: CellCount[][] = [];
	const rowTotals: CellCount[] = [];
	const stamp = new Int32Array(everyone.length).fill(-1);
	// Distinct over rows: each coding and participant once per column.
	const seenCoding = new Set<Coding>();
	const colExtracts = new Array<number>(nCols).fill(0);
	const colSeenP = new Uint8Array(everyone.length);
	for (let r = 0; r < rows.length; r++) {
		const row: CellCount[] = Array.from({ length: nCols }, () => ({ extracts: 0, participants: 0 }));
		let rowParticipants = 0;
		for (const c of rowExtracts[r]) {
			const info = docInfo.get(c.docId);
			if (!info || info.col < 0) continue;
			const cell = row[info.col];
			cell.extracts++;
			if (stamp[info.p] !== r) {
				stamp[info.p] = r;
				cell.participants++;
				rowParticipants++;
				colSeenP[info.p] = 1;
			}
			if (!seenCoding.has(c)) {
				seenCoding.add(c);
				colExtracts[info.col]++;
			}
		}
		cells.push(row);
		rowTotals.push({ extracts: rowExtracts[r].length, participants: rowParticipants });
	}
	const colParticipants = new Array<number>(nCols).fill(0);
	for (let p = 0; p < everyone.length; p++) if (colSeenP[p] && colOfP[p] >= 0) colParticipants[colOfP[p]]++;
	const columnTotals = columns.map((_, k) => ({ extracts: colExtracts[k], participants: colParticipants[k] }));

	const max: Record<CellMeasure, number> = { extracts: 0, participants: 0, percent: 0 };
	for (const row of cells)
		row.forEach((cell, k) => {
			max.extracts = Math.max(max.extracts, cell.extracts);
			max.participants = Math.max(max.participants, cell.participants);
			max.percent = Math.max(max.percent, share(cell.participants, columns[k].participants.length));
		});

	return {
		rows,
		columns,
		cells,
		rowTotals,
		columnTotals,
		total: { extracts: seenCoding.size, participants: colParticipants.reduce((a, b) => a + b, 0) },
		totalParticipants: everyone.length,
		columnNote,
		rowExtracts,
		columnOfDoc,
		max
	};
}

/** Percent of `of` (0 when `of` is 0), unrounded. */
export function share(n: number, of: number): number {
	return of > 0 ? (100 * n) / of : 0;
}

/** The number a cell shows for a measure (percent: of the column's participants). */
export function cellValue(m: Matrix, r: number, k: number, measure: CellMeasure): number {
	const cell = m.cells[r][k];
	return measure === 'extracts' ? cell.extracts : measure === 'participants' ? cell.participants : share(cell.participants, m.columns[k].participants.length);
}

/** A row total for a measure (percent: of everyone in the study). */
export function rowTotalValue(m: Matrix, r: number, measure: CellMeasure): number {
	const t = m.rowTotals[r];
	return measure === 'extracts' ? t.extracts : measure === 'participants' ? t.participants : share(t.participants, m.totalParticipants);
}

/** A column total for a measure (percent: participants with any extract in the matrix, of the column). */
export function columnTotalValue(m: Matrix, k: number, measure: CellMeasure): number {
	const t = m.columnTotals[k];
	return measure === 'extracts' ? t.extracts : measure === 'participants' ? t.participants : share(t.participants, m.columns[k].participants.length);
}

export function grandTotalValue(m: Matrix, measure: CellMeasure): number {
	return measure === 'extracts' ? m.total.extracts : measure === 'participants' ? m.total.participants : share(m.total.participants, m.totalParticipants);
}

/** "45.5" for percentages, whole numbers as they are. */
export function showValue(x: number, measure: CellMeasure): string {
	if (measure !== 'percent') return String(x);
	const r = Math.round(x * 10) / 10;
	return r === 0 || r === 100 ? String(r) : r.toFixed(1);
}

/** The extracts behind a cell, in document then text order. */
export function cellExtracts(m: Matrix, r: number, k: number, documents: readonly TranscriptDocument[]): Coding[] {
	const out = m.rowExtracts[r].filter((c) => m.columnOfDoc.get(c.docId) === k);
	return sortExtracts(out, docOrder(documents));
}
