// The agreement report as a CSV file (one line per code, per transcript and pooled), with the
// same conventions as every Tema CSV: UTF-8 BOM for Excel, CRLF, spreadsheet formula guard.
import Papa from 'papaparse';
import { agreementCsvRows, type AgreementReport } from '../domain/agreement/report';

export function agreementCsv(report: AgreementReport): string {
	return '\uFEFF' + Papa.unparse(agreementCsvRows(report), { newline: '\r\n', escapeFormulae: true });
}
