// The agreement report as a CSV file (one line per code, per transcript and pooled, with the
// bootstrap intervals), and the each-coder-against-a-reference table, with the same
// conventions as every Tema CSV: UTF-8 BOM for Excel, CRLF, spreadsheet formula guard.
import Papa from 'papaparse';
import { agreementCsvRows, referenceCsvRows, type AgreementReport, type ReferenceComparison } from '../domain/agreement/report';

const csv = (rows: string[][]) => '\uFEFF' + Papa.unparse(rows, { newline: '\r\n', escapeFormulae: true });

export function agreementCsv(report: AgreementReport): string {
	return csv(agreementCsvRows(report));
}

export function referenceCsv(comparison: ReferenceComparison): string {
	return csv(referenceCsvRows(comparison));
}
