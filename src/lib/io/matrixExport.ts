// Matrices, frequencies, the saturation curve and the joint display as files. Tables become
// TableDocs (so CSV, XLSX, Word, Markdown, LaTeX, HTML and the clipboard all print the same
// thing through renderTable; CSV is formula-guarded there); the two charts become standalone
// SVG documents (no scripts, no external fonts, presentation attributes only) that the screen
// shows inline and that svgToPng turns into a PNG. Greyscale-safe: bars, line and marker
// differ in lightness and dash pattern, not only in hue.

import { fixed, fmtNumber, humanise, type Summary } from '../domain/table1';
import type { CooccurrenceMatrix, CooccurrenceMeasure } from '../domain/matrices/cooccurrence';
import { FREQUENCY_LABELS, type CodeFrequency } from '../domain/matrices/frequencies';
import type { JointDisplay } from '../domain/matrices/joint';
import {
	cellValue,
	columnTotalValue,
	grandTotalValue,
	rowTotalValue,
	showValue,
	type CellMeasure,
	type Matrix
} from '../domain/matrices/matrix';
import { saturationSentence, type Saturation } from '../domain/matrices/saturation';
import { MAP_FONT } from '../domain/mapLayout';
import { escapeXml } from './svgImage';
import { text, type Column, type TableDoc, type TableRow } from './tables/model';

// ---- tables ---------------------------------------------------------------------------------

export interface MatrixDocOptions {
	title: string;
	/** What the rows are: "Code" or "Theme". */
	rowLabel: string;
}

/** The matrix as a table: one row per code or theme (its full path), one column per column, totals last. */
export function matrixTableDoc(m: Matrix, measure: CellMeasure, options: MatrixDocOptions): TableDoc {
	const columns: Column[] = [
		{ key: 'row', label: options.rowLabel, width: 3 },
		...m.columns.map((c, k) => ({
			key: `c${k}`,
			label: c.participants.length === 1 && c.participants[0] === c.label ? c.label : `${c.label} (n = ${c.participants.length})`,
			align: 'right' as const
		})),
		{ key: 'total', label: 'Total', align: 'right' }
	];
	const rows: TableRow[] = m.rows.map((r, i) => {
		const cells: TableRow['cells'] = { row: text(r.path), total: text(showValue(rowTotalValue(m, i, measure), measure)) };
		m.columns.forEach((_, k) => (cells[`c${k}`] = text(showValue(cellValue(m, i, k, measure), measure))));
		return { cells };
	});
	const totals: TableRow['cells'] = {
		row: text('Total (each extract and participant once)'),
		total: text(showValue(grandTotalValue(m, measure), measure))
	};
	m.columns.forEach((_, k) => (totals[`c${k}`] = text(showValue(columnTotalValue(m, k, measure), measure))));
	rows.push({ cells: totals });
	return {
		title: options.title,
		columns,
		groups: [{ rows }],
		notes: [
			`Cells: ${measureNote(measure)}`,
			m.columnNote,
			'Totals count each extract and each participant once, although rows overlap (a parent holds its sub-codes, a main theme its themes).',
			...(m.rows[0]?.kind === 'theme' ? ['Discarded themes are not shown; extracts judged not to fit a theme do not count for it.'] : [])
		]
	};
}

function measureNote(measure: CellMeasure): string {
	if (measure === 'extracts') return 'number of extracts (codings).';
	if (measure === 'participants') return 'number of distinct participants with at least one extract.';
	return 'participants with at least one extract, as a percentage of the participants in the column (totals: of everyone in the study).';
}

export function cooccurrenceTableDoc(cm: CooccurrenceMatrix, measure: CooccurrenceMeasure, title: string): TableDoc {
	const values = measure === 'extracts' ? cm.pairs : cm.participants;
	const columns: Column[] = [
		{ key: 'row', label: 'Code', width: 3 },
		...cm.codes.map((c, k) => ({ key: `c${k}`, label: c.path, align: 'right' as const }))
	];
	const rows: TableRow[] = cm.codes.map((c, i) => {
		const cells: TableRow['cells'] = { row: text(c.path) };
		cm.codes.forEach((_, k) => (cells[`c${k}`] = text(String(values[i][k]))));
		return { cells };
	});
	return {
		title,
		columns,
		groups: [{ rows }],
		notes: [
			measure === 'extracts'
				? 'Cells: pairs of codings of the two codes that co-occur; diagonal: the code’s own extracts.'
				: 'Cells: participants with at least one pair of co-occurring codings of the two codes; diagonal: participants with the code.',
			cm.distance === 0
				? 'Co-occur: in the same transcript and sharing at least one character (overlapping).'
				: `Co-occur: in the same transcript, overlapping or at most ${cm.distance} characters apart.`
		]
	};
}

export function frequencyTableDoc(rows: readonly CodeFrequency[], title: string, rollUp: boolean): TableDoc {
	return {
		title,
		columns: [
			{ key: 'code', label: 'Code', width: 3 },
			{ key: 'extracts', label: FREQUENCY_LABELS.extracts, align: 'right' },
			{ key: 'participants', label: FREQUENCY_LABELS.participants, align: 'right' },
			{ key: 'transcripts', label: FREQUENCY_LABELS.transcripts, align: 'right' },
			{ key: 'words', label: FREQUENCY_LABELS.words, align: 'right' }
		],
		groups: [
			{
				rows: rows.map((r) => ({
					cells: {
						code: text(r.code.path),
						extracts: text(String(r.extracts)),
						participants: text(String(r.participants)),
						transcripts: text(String(r.transcripts)),
						words: text(String(r.words))
					}
				}))
			}
		],
		notes: [
			rollUp ? 'Each code counts its sub-codes’ codings too.' : 'Each code counts its own codings only.',
			'Words coded: words in the coded text, with overlapping codings of the same code in a transcript counted once.'
		]
	};
}

export function saturationTableDoc(s: Saturation, codeName: (id: string) => string, title: string): TableDoc {
	const dated = s.points.some((p) => p.date !== null);
	return {
		title,
		columns: [
			{ key: 'n', label: 'Interview', align: 'right', width: 0.7 },
			{ key: 'participant', label: 'Participant' },
			{ key: 'transcript', label: 'Transcript', width: 1.5 },
			...(dated ? [{ key: 'date', label: 'Date' }] : []),
			{ key: 'codes', label: 'Codes used', align: 'right' as const },
			{ key: 'new', label: 'New codes', align: 'right' as const },
			{ key: 'cumulative', label: 'Distinct codes so far', align: 'right' as const },
			{ key: 'names', label: 'New codes (names)', width: 4 }
		],
		groups: [
			{
				rows: s.points.map((p, i) => ({
					cells: {
						n: text(String(p.position)),
						participant: text(p.participant + (i === s.saturationAt ? ' (saturation point)' : '')),
						transcript: text(p.doc.name),
						date: text(p.date ?? ''),
						codes: text(String(p.codes)),
						new: text(String(p.newCodes.length)),
						cumulative: text(String(p.cumulative)),
						names: text(p.newCodes.map(codeName).join('; '))
					}
				}))
			}
		],
		notes: [saturationSentence(s), ...(s.uncoded.length ? [`Not coded, left out: ${s.uncoded.map((d) => d.name).join(', ')}.`] : [])]
	};
}

/** "2.5 (0.7); 2.5" — mean (SD); median — or "–" without values; "[n = 3]" when some are missing. */
export function summaryText(s: Summary, groupSize?: number): string {
	if (s.n === 0 || s.mean === null || s.median === null) return '–';
	const core = `${fixed(s.mean)} (${s.sd === null ? '–' : fixed(s.sd)}); ${fmtNumber(s.median)}`;
	return groupSize !== undefined && s.n < groupSize ? `${core} [n = ${s.n}]` : core;
}

function changeLabel(j: JointDisplay): string {
	return j.change ? `Change (${humanise(j.change.after)} − ${humanise(j.change.before)})` : '';
}

/** The joint display for a paper: per theme, contributors and non-contributors with M (SD); Mdn of each attribute. */
export function jointTableDoc(j: JointDisplay, title = 'Joint display. Themes and participants’ scores'): TableDoc {
	const columns: Column[] = [
		{ key: 'group', label: 'Participants', width: 2 },
		{ key: 'n', label: 'n', align: 'right', width: 0.5 },
		...j.attributes.map((a, i) => ({ key: `a${i}`, label: `${humanise(a)}: M (SD); Mdn`, align: 'right' as const, width: 1.5 })),
		...(j.change ? [{ key: 'change', label: `${changeLabel(j)}: M (SD); Mdn`, align: 'right' as const, width: 1.5 }] : [])
	];
	const row = (label: string, group: readonly string[], stats: Summary[], change: Summary | null): TableRow => {
		const cells: TableRow['cells'] = { group: text(label), n: text(String(group.length)) };
		stats.forEach((s, i) => (cells[`a${i}`] = text(summaryText(s, group.length))));
		if (j.change) cells.change = text(change ? summaryText(change, group.length) : '–');
		return { cells };
	};
	const groups = j.themes.map((t) => ({
		heading: t.theme.path,
		rows: [
			row('Contributors', t.contributors, t.stats.map((s) => s.contributors), t.change?.contributors ?? null),
			row('Non-contributors', t.others, t.stats.map((s) => s.others), t.change?.others ?? null)
		]
	}));
	groups.push({ heading: 'Everyone in the study', rows: [row('All participants', j.participants, j.overall.stats, j.overall.change)] });
	return {
		title,
		groupLabel: 'Theme',
		columns,
		groups,
		notes: [
			j.minExtracts > 1
				? `Contributors: participants with at least ${j.minExtracts} extracts in the theme that were not judged not to fit; non-contributors: everyone else in the study.`
				: 'Contributors: participants with at least one extract in the theme that was not judged not to fit (as counted in the theme table); non-contributors: everyone else in the study.',
			'M (SD): mean (standard deviation); Mdn: median; [n = …]: participants with a value, when fewer than the group.',
			...(j.change ? [`Change: ${humanise(j.change.after)} minus ${humanise(j.change.before)}, for participants with both values.`] : [])
		]
	};
}

/** One theme's participants with their values: contributors first, then everyone else. */
export function jointParticipantsDoc(j: JointDisplay, themeIndex: number): TableDoc {
	const t = j.themes[themeIndex];
	const columns: Column[] = [
		{ key: 'participant', label: 'Participant' },
		{ key: 'extracts', label: 'Extracts', align: 'right', width: 0.7 },
		...j.attributes.map((a, i) => ({ key: `a${i}`, label: humanise(a), align: 'right' as const })),
		...(j.change ? [{ key: 'change', label: changeLabel(j), align: 'right' as const }] : [])
	];
	const row = (p: string): TableRow => {
		const cells: TableRow['cells'] = { participant: text(p), extracts: text(String(t.extracts.get(p) ?? 0)) };
		(j.values.get(p) ?? []).forEach((v, i) => (cells[`a${i}`] = text(v === null ? '–' : fmtNumber(v, 2))));
		if (j.change) {
			const c = j.changes.get(p) ?? null;
			// No "+" sign: spreadsheets would read it as a formula (the CSV guard quotes it).
			cells.change = text(c === null ? '–' : fmtNumber(c, 2));
		}
		return { cells };
	};
	return {
		title: `${t.theme.path}: participants and their scores`,
		groupLabel: 'Group',
		columns,
		groups: [
			{ heading: `Contributors (n = ${t.contributors.length})`, rows: t.contributors.map(row) },
			{ heading: `Non-contributors (n = ${t.others.length})`, rows: t.others.map(row) }
		],
		notes: ['Extracts: extracts in the theme that count (those judged not to fit are left out). –: no value.']
	};
}

// ---- charts ---------------------------------------------------------------------------------

const INK = '#1f2328';
const MUTED = '#5b6470';
const GRID = '#e6e3dc';
const BAR = '#2f5d62';
const BAR_SOFT = '#a9c4c6';
const num = (v: number) => String(Math.round(v * 100) / 100);
/** Rough width of text in the chart font (system sans-serif averages a little over half the size). */
const textWidth = (s: string, size: number) => s.length * size * 0.58;

/** Round tick steps (1, 2, 5 × 10ⁿ) from 0 to at least `max`. */
export function niceTicks(max: number, target = 5): number[] {
	if (!(max > 0)) return [0, 1];
	const raw = max / target;
	const mag = 10 ** Math.floor(Math.log10(raw));
	const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
	const ticks: number[] = [];
	for (let v = 0; v < max + step * 1e-9; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
	if (ticks[ticks.length - 1] < max) ticks.push(Math.round((ticks[ticks.length - 1] + step) * 1e6) / 1e6);
	return ticks;
}

function shorten(s: string, chars: number): string {
	return s.length <= chars ? s : `${s.slice(0, Math.max(1, chars - 1)).trimEnd()}…`;
}

function svgOpen(w: number, h: number, title: string, description: string): string[] {
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${Math.ceil(w)}" height="${Math.ceil(h)}" viewBox="0 0 ${Math.ceil(w)} ${Math.ceil(h)}" font-family="${escapeXml(MAP_FONT)}" role="img">`,
		`<title>${escapeXml(title)}</title>`,
		`<desc>${escapeXml(description)}</desc>`,
		`<rect x="0" y="0" width="${Math.ceil(w)}" height="${Math.ceil(h)}" fill="#ffffff"/>`
	];
}

export interface ChartOptions {
	title: string;
}

/** A labelled horizontal bar chart of one measure per code, in the rows' order. */
export function frequencyChartSvg(rows: readonly CodeFrequency[], key: keyof typeof FREQUENCY_LABELS, options: ChartOptions): string {
	const size = 12;
	const rowH = 22;
	const barH = 14;
	const longest = Math.max(8, ...rows.map((r) => r.code.name.length));
	const labelW = Math.min(300, Math.max(90, textWidth('x'.repeat(longest), size)));
	const maxChars = Math.floor(labelW / (size * 0.58));
	const left = 16 + labelW + 10;
	const plotW = 460;
	const top = 52;
	const values = rows.map((r) => r[key]);
	const ticks = niceTicks(Math.max(1, ...values));
	const scaleMax = ticks[ticks.length - 1];
	const valueW = textWidth(String(Math.max(0, ...values)), size) + 12;
	const width = left + plotW + Math.max(40, valueW) + 16;
	const plotH = rows.length * rowH;
	const height = top + plotH + 52;
	const x = (v: number) => left + (v / scaleMax) * plotW;
	const label = FREQUENCY_LABELS[key];
	const description = `${label} per code: ${rows.map((r) => `${r.code.path} ${r[key]}`).join('; ')}.`;
	const out = svgOpen(width, height, options.title, description);
	out.push(`<text x="16" y="24" font-size="15" font-weight="600" fill="${INK}">${escapeXml(options.title)}</text>`);
	out.push(`<text x="16" y="42" font-size="12" fill="${MUTED}">${escapeXml(`${label} per code, ${rows.length} code${rows.length === 1 ? '' : 's'}`)}</text>`);
	for (const t of ticks)
		out.push(`<line x1="${num(x(t))}" y1="${top - 4}" x2="${num(x(t))}" y2="${top + plotH}" stroke="${GRID}" stroke-width="1"/>`);
	rows.forEach((r, i) => {
		const y = top + i * rowH;
		const v = r[key];
		out.push('<g>');
		out.push(`<title>${escapeXml(`${r.code.path}: ${v} ${label.toLowerCase()}`)}</title>`);
		out.push(`<text x="${num(left - 8)}" y="${num(y + rowH / 2 + 4)}" font-size="${size}" text-anchor="end" fill="${INK}">${escapeXml(shorten(r.code.name, maxChars))}</text>`);
		if (v > 0) out.push(`<rect x="${num(left)}" y="${num(y + (rowH - barH) / 2)}" width="${num(Math.max(1, x(v) - left))}" height="${barH}" fill="${BAR}"/>`);
		out.push(`<text x="${num(x(v) + 5)}" y="${num(y + rowH / 2 + 4)}" font-size="${size}" fill="${INK}">${v}</text>`);
		out.push('</g>');
	});
	const axisY = top + plotH;
	out.push(`<line x1="${left}" y1="${axisY}" x2="${left + plotW}" y2="${axisY}" stroke="${MUTED}" stroke-width="1"/>`);
	out.push(`<line x1="${left}" y1="${top - 4}" x2="${left}" y2="${axisY}" stroke="${MUTED}" stroke-width="1"/>`);
	for (const t of ticks)
		out.push(`<text x="${num(x(t))}" y="${axisY + 16}" font-size="11" text-anchor="middle" fill="${MUTED}">${t}</text>`);
	out.push(`<text x="${num(left + plotW / 2)}" y="${axisY + 38}" font-size="12" text-anchor="middle" fill="${INK}">${escapeXml(label)}</text>`);
	out.push('</svg>');
	return out.join('\n') + '\n';
}

/**
 * New codes per interview as bars, distinct codes so far as a line, the saturation point as a
 * dashed vertical line with the run of interviews without new codes shaded behind it.
 */
export function saturationChartSvg(s: Saturation, options: ChartOptions): string {
	const n = s.points.length;
	const band = n === 0 ? 40 : Math.max(20, Math.min(48, 680 / n));
	const left = 58;
	const top = 86;
	const plotW = Math.max(band, n * band);
	const plotH = 260;
	const rotate = band < 44;
	const longest = Math.max(3, ...s.points.map((p) => p.participant.length));
	const bottom = rotate ? 40 + textWidth('x'.repeat(Math.min(longest, 14)), 11) * 0.72 : 50;
	const width = Math.max(560, left + plotW + 28);
	const height = top + plotH + bottom;
	const ticks = niceTicks(Math.max(1, s.totalCodes));
	const yMax = ticks[ticks.length - 1];
	const y = (v: number) => top + plotH - (v / yMax) * plotH;
	const cx = (i: number) => left + i * band + band / 2;
	const description = `${saturationSentence(s)} Per interview (new codes, distinct codes so far): ${s.points
		.map((p) => `${p.position} ${p.participant}: ${p.newCodes.length}, ${p.cumulative}`)
		.join('; ')}.`;
	const out = svgOpen(width, height, options.title, description);
	out.push(`<text x="16" y="24" font-size="15" font-weight="600" fill="${INK}">${escapeXml(options.title)}</text>`);
	// Legend: what each mark means, without relying on colour.
	const ly = 50;
	out.push(`<rect x="16" y="${ly - 10}" width="14" height="12" fill="${BAR_SOFT}" stroke="${BAR}" stroke-width="1"/>`);
	out.push(`<text x="36" y="${ly}" font-size="12" fill="${INK}">New codes in the interview</text>`);
	out.push(`<line x1="212" y1="${ly - 4}" x2="240" y2="${ly - 4}" stroke="${INK}" stroke-width="2"/><circle cx="226" cy="${ly - 4}" r="3" fill="#ffffff" stroke="${INK}" stroke-width="1.5"/>`);
	out.push(`<text x="246" y="${ly}" font-size="12" fill="${INK}">Distinct codes so far</text>`);
	out.push(`<line x1="392" y1="${ly - 11}" x2="392" y2="${ly + 3}" stroke="${INK}" stroke-width="1.5" stroke-dasharray="4 3"/>`);
	out.push(`<text x="400" y="${ly}" font-size="12" fill="${INK}">Saturation point (k = ${s.run})</text>`);
	for (const t of ticks) {
		out.push(`<line x1="${left}" y1="${num(y(t))}" x2="${num(left + plotW)}" y2="${num(y(t))}" stroke="${GRID}" stroke-width="1"/>`);
		out.push(`<text x="${left - 6}" y="${num(y(t) + 4)}" font-size="11" text-anchor="end" fill="${MUTED}">${t}</text>`);
	}
	out.push(`<text transform="translate(16 ${num(top + plotH / 2)}) rotate(-90)" font-size="12" text-anchor="middle" fill="${INK}">Codes</text>`);
	if (s.saturationAt !== null) {
		const from = s.saturationAt + 1;
		const to = Math.min(n - 1, s.saturationAt + s.run);
		out.push(`<rect x="${num(left + from * band)}" y="${top}" width="${num((to - from + 1) * band)}" height="${plotH}" fill="#f0efeb"/>`);
	}
	s.points.forEach((p, i) => {
		const v = p.newCodes.length;
		const w = band * 0.6;
		out.push('<g>');
		out.push(`<title>${escapeXml(`Interview ${p.position}, ${p.participant}${p.date ? ` (${p.date})` : ''}: ${v} new, ${p.cumulative} so far`)}</title>`);
		if (v > 0) {
			out.push(`<rect x="${num(cx(i) - w / 2)}" y="${num(y(v))}" width="${num(w)}" height="${num(top + plotH - y(v))}" fill="${BAR_SOFT}" stroke="${BAR}" stroke-width="1"/>`);
			// Inside a tall bar (below the line's point at its top), above a short one.
			const inside = top + plotH - y(v) >= 26;
			out.push(`<text x="${num(cx(i))}" y="${num(inside ? y(v) + 20 : y(v) - 4)}" font-size="10" text-anchor="middle" fill="${INK}">${v}</text>`);
		}
		out.push('</g>');
		const lx = cx(i);
		const ty = top + plotH + 14;
		out.push(
			rotate
				? `<text transform="translate(${num(lx + 3)} ${num(ty - 4)}) rotate(-50)" font-size="11" text-anchor="end" fill="${INK}">${escapeXml(shorten(p.participant, 14))}</text>`
				: `<text x="${num(lx)}" y="${num(ty)}" font-size="11" text-anchor="middle" fill="${INK}">${escapeXml(shorten(p.participant, 8))}</text>`
		);
	});
	if (n > 0) {
		const pts = s.points.map((p, i) => `${num(cx(i))},${num(y(p.cumulative))}`).join(' ');
		out.push(`<polyline points="${pts}" fill="none" stroke="${INK}" stroke-width="2" stroke-linejoin="round"/>`);
		for (const [i, p] of s.points.entries())
			out.push(`<circle cx="${num(cx(i))}" cy="${num(y(p.cumulative))}" r="3" fill="#ffffff" stroke="${INK}" stroke-width="1.5"/>`);
	}
	if (s.saturationAt !== null) {
		const p = s.points[s.saturationAt];
		const sx = cx(s.saturationAt);
		out.push(`<line x1="${num(sx)}" y1="${top - 8}" x2="${num(sx)}" y2="${top + plotH}" stroke="${INK}" stroke-width="1.5" stroke-dasharray="4 3"/>`);
		const labelText = `Saturation: interview ${p.position} (${p.participant}), ${p.cumulative} codes`;
		const anchorEnd = sx + textWidth(labelText, 12) > width - 8;
		out.push(`<text x="${num(anchorEnd ? sx - 6 : sx + 6)}" y="${top - 10}" font-size="12" font-weight="600" text-anchor="${anchorEnd ? 'end' : 'start'}" fill="${INK}">${escapeXml(labelText)}</text>`);
	}
	out.push(`<line x1="${left}" y1="${top + plotH}" x2="${num(left + plotW)}" y2="${top + plotH}" stroke="${MUTED}" stroke-width="1"/>`);
	out.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="${MUTED}" stroke-width="1"/>`);
	out.push(`<text x="${num(left + plotW / 2)}" y="${num(height - 8)}" font-size="12" text-anchor="middle" fill="${INK}">Interviews in order</text>`);
	out.push('</svg>');
	return out.join('\n') + '\n';
}

/** The SVG document without its XML declaration, to place inline in the page. */
export function inlineSvg(svg: string): string {
	return svg.replace(/^<\?xml[^>]*\?>\s*/, '');
}
