// The agreement report as a CSV file (one line per code, per transcript and pooled, with the
// bootstrap intervals), and the each-coder-against-a-reference table. Rendered by the table
// exports' CSV writer, so the conventions are every Tema CSV's: UTF-8 BOM for Excel, CRLF, and
// the spreadsheet formula guard that leaves a plain number such as a negative kappa a number.
import { agreementCsvRows, referenceCsvRows, type AgreementReport, type ReferenceComparison } from '../domain/agreement/report';
import { text, toCsv, type TableDoc } from './tables';

/** A header row and data rows as a flat TableDoc. */
function csv([header, ...rows]: string[][]): string {
	const doc: TableDoc = {
		title: '',
		columns: header.map((label, i) => ({ key: String(i), label })),
		groups: [{ rows: rows.map((r) => ({ cells: Object.fromEntries(r.map((v, i) => [String(i), text(v)])) })) }]
	};
	return toCsv(doc);
}

export function agreementCsv(report: AgreementReport): string {
	return csv(agreementCsvRows(report));
}

export function referenceCsv(comparison: ReferenceComparison): string {
	return csv(referenceCsvRows(comparison));
}
