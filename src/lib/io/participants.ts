// Participants tables from CSV (the corpus's participants.csv and what researchers keep in
// spreadsheets): the first column holding ids like P07 names the participant, every other
// column becomes an attribute; a column whose values are all numbers is stored as numbers.
import Papa from 'papaparse';
import type { AttributeValue, Participant } from '../domain/types';

export type ParticipantsResult =
	| { ok: true; participants: Participant[]; columns: string[]; idColumn: string }
	| { ok: false; message: string };

const ID_HEADERS = ['id', 'participant', 'participant_id', 'participant id', 'pid', 'case', 'code'];

export function parseParticipantsCsv(csv: string, fileName: string, projectId: string): ParticipantsResult {
	const text = csv.replace(/^\uFEFF/, '');
	if (!text.trim()) return { ok: false, message: `${fileName}: the file is empty.` };
	const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' });
	const columns = (parsed.meta.fields ?? []).map((c) => c.trim());
	if (columns.length === 0 || parsed.data.length === 0) {
		return { ok: false, message: `${fileName}: no header row and data rows were found.` };
	}
	const idColumn = columns.find((c) => ID_HEADERS.includes(c.toLowerCase())) ?? columns[0];
	const rawFields = parsed.meta.fields ?? [];
	const rows = parsed.data;
	const numeric = new Set(
		rawFields.filter((f) =>
			rows.every((r) => {
				const v = (r[f] ?? '').trim();
				return v === '' || /^-?\d+(\.\d+)?$/.test(v);
			}) && rows.some((r) => (r[f] ?? '').trim() !== '')
		)
	);
	const seen = new Set<string>();
	const participants: Participant[] = [];
	for (const [i, row] of rows.entries()) {
		const rawId = rawFields.find((f) => f.trim() === idColumn);
		const label = (rawId ? row[rawId] : '')?.trim();
		if (!label) return { ok: false, message: `${fileName}: row ${i + 2} has no participant id in column “${idColumn}”.` };
		if (seen.has(label)) return { ok: false, message: `${fileName}: participant “${label}” appears twice (row ${i + 2}).` };
		seen.add(label);
		const attributes: Record<string, AttributeValue> = {};
		for (const f of rawFields) {
			if (f.trim() === idColumn) continue;
			const v = (row[f] ?? '').trim();
			attributes[f.trim()] = v === '' ? null : numeric.has(f) ? Number(v) : v;
		}
		participants.push({ id: `${projectId}:${label}`, projectId, label, attributes });
	}
	return { ok: true, participants, columns: columns.filter((c) => c !== idColumn), idColumn };
}
