// Table 1 (participant characteristics) as a TableDoc, so it prints the same in DOCX, XLSX,
// CSV, Markdown, LaTeX, HTML and on the clipboard as the theme table does. The Participants
// screen and `tema table1` both go through here.

import { buildTable1, fixed, fmtNumber, percent, valueLabel, type Table1, type Table1Options } from '../domain/table1';
import type { AttributeDef, Participant } from '../domain/types';
import { text, type TableDoc, type TableGroup } from './tables/model';

export interface Table1DocOptions extends Table1Options {
	/** Caption; default "Table 1. Participant characteristics (N = …)". */
	title?: string;
}

export function table1Doc(model: Table1, options: Table1DocOptions = {}): TableDoc {
	const groups: TableGroup[] = model.items.map((item) => {
		const row = (label: string, value: string) => ({ cells: { characteristic: text(label), value: text(value) } });
		const rows =
			item.kind === 'category'
				? item.rows.map((r) => row(valueLabel(r.value), `${r.n} (${percent(r.share)})`))
				: item.kind === 'number'
					? [
							row('Mean (SD)', item.sd === null ? fixed(item.mean) : `${fixed(item.mean)} (${fixed(item.sd)})`),
							row('Median (range)', `${fmtNumber(item.median)} (${fmtNumber(item.min)}–${fmtNumber(item.max)})`)
						]
					: item.kind === 'date'
						? [row('Range', item.first === item.last ? item.first : `${item.first} to ${item.last}`)]
						: [];
		if (item.missing > 0) rows.push(row('Missing', String(item.missing)));
		return { heading: item.label, rows };
	});
	const hasCategory = model.items.some((i) => i.kind === 'category');
	const hasNumber = model.items.some((i) => i.kind === 'number');
	return {
		title: options.title ?? `Table 1. Participant characteristics (N = ${model.n})`,
		groupLabel: 'Characteristic',
		columns: [
			{ key: 'characteristic', label: '', width: 3 },
			{ key: 'value', label: hasCategory ? 'n (%)' : 'Value', width: 2, align: 'right' }
		],
		groups,
		notes: [
			...(hasCategory ? ['Categories: number of participants (% of those with a value).'] : []),
			...(hasNumber ? ['Numbers: mean (standard deviation) and median (range).'] : [])
		]
	};
}

/** Straight from the participants, as the screen and the CLI use it. */
export function table1For(participants: readonly Participant[], defs: readonly AttributeDef[], options: Table1DocOptions = {}): TableDoc {
	return table1Doc(buildTable1(participants, defs, options), options);
}
