// The Codebook screen's one entry for codebook files: the format comes from the extension, or
// from the first character when the name says nothing; every reader's result has one shape.

import { describe, expect, it } from 'vitest';
import { readCodebookFile } from './codebookImport';

const bytes = (s: string) => new TextEncoder().encode(s);
const QDC = '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="0d62985d-b147-5d01-a9b5-cae5dcd98342" name="Support" isCodable="true"/></Codes></CodeBook>';
const JSON_BOOK = JSON.stringify({ schemaVersion: 1, name: 'Book', codes: [{ name: 'Support' }] });

describe('readCodebookFile', () => {
	it('reads .json, .qdc and .csv by their extension', () => {
		for (const [name, text] of [['a.json', JSON_BOOK], ['a.qdc', QDC], ['a.csv', 'name,parent\nSupport,\n']]) {
			const r = readCodebookFile(name, bytes(text));
			if (!r.ok) throw new Error(r.error);
			expect(r.file.codes.map((c) => c.name)).toEqual(['Support']);
		}
	});

	it('tells JSON from XML by the first character when the extension says nothing, and reads .txt as CSV', () => {
		for (const [name, text] of [['book.txt', `\uFEFF  ${JSON_BOOK}`], ['book', QDC], ['book.txt', 'name\nSupport\n']]) {
			const r = readCodebookFile(name, bytes(text));
			if (!r.ok) throw new Error(r.error);
			expect(r.file.codes.map((c) => c.name)).toEqual(['Support']);
		}
		const csv = readCodebookFile('book.csv', bytes('name\nSupport\n'));
		expect(csv.ok && csv.read).toEqual(['1 code']);
	});

	it('refuses an empty file, a whole project and an unknown format, naming the file', () => {
		expect(readCodebookFile('a.qdc', new Uint8Array())).toEqual({ ok: false, error: '“a.qdc” is empty (0 bytes).' });
		const project = readCodebookFile('study.qdpx', bytes('PK'));
		expect(!project.ok && project.error).toMatch(/^“study\.qdpx” is a whole REFI-QDA project, not a codebook/);
		const other = readCodebookFile('notes.docx', bytes('PK\u0003\u0004'));
		expect(!other.ok && other.error).toMatch(/^“notes\.docx” is not a codebook Tema reads/);
	});
});
