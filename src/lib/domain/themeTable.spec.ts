import { describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { sampleBackup, sampleCodebook, sampleGold, type GoldCoding, type SampleCodebook } from '../../../tests/fixtures/sampleBackup';
import { code } from '../../../tests/fixtures/codes';
import { codebookAppendixDoc, themeTableDoc } from '../io/themeTableDoc';
import { renderTable } from '../io/tables';
import { buildCodebookAppendix, buildThemeTable, quoteForPrint, studyParticipants, type ThemeTableInput } from './themeTable';
import { parseTurns } from './turns';
import type { Coding, DocumentContent, Participant, Theme, TranscriptDocument } from './types';
import { makeTheme } from '../../../tests/fixtures/themes';

function theme(id: string, parentId: string | null, order: number, extra: Partial<Theme> = {}): Theme {
	return makeTheme(id, { parentId, order, status: 'kept', ...extra });
}

function doc(id: string, participantId: string | null, order: number): TranscriptDocument {
	return { id, projectId: 'p1', name: id, fileName: `${id}.txt`, participantId, encoding: 'utf-8', eol: 'lf', length: 1000, turnCount: 1, fingerprint: id, importedAt: 1, order };
}

let seq = 0;
function coding(codeId: string, docId: string, start = 0, quote = 'words'): Coding {
	seq++;
	return { id: `k${seq}`, projectId: 'p1', docId, codeId, coderId: 'c1', start, end: start + quote.length, quote, prefix: '', suffix: '', createdAt: 1 };
}

describe('the theme table model', () => {
	const codes = [code('A', null, 0), code('A1', 'A', 0), code('B', null, 1), code('C', null, 2)];
	const docs = [doc('d1', 'P1', 0), doc('d2', 'P2', 1), doc('d3', 'P10', 2), doc('d4', null, 3)];
	const participants: Participant[] = ['P1', 'P2', 'P10', 'P11'].map((label) => ({ id: `p1:${label}`, projectId: 'p1', label, attributes: {} }));

	it('counts distinct participants per theme, through sub-codes, without extracts judged not to fit', () => {
		const k = [coding('A1', 'd1'), coding('A', 'd1'), coding('A', 'd2'), coding('B', 'd3'), coding('B', 'd4')];
		const themes = [theme('T', null, 0, { codeIds: ['A'], reviews: { [k[2].id]: 'misfit' } }), theme('U', null, 1, { codeIds: ['B'] })];
		const m = buildThemeTable({ codes, codings: k, documents: docs, participants, themes });
		// Study: P1, P2, P10, P11 from the table plus d4 (no participant: counted by document name).
		expect(m.totalParticipants).toBe(5);
		expect(m.groups).toHaveLength(1);
		const [t, u] = m.groups[0].themes;
		expect(t).toMatchObject({ name: 'T', participants: ['P1'], extracts: 2, codes: ['A'] });
		expect(u.participants).toEqual(['d4', 'P10']);
	});

	it('groups sub-themes under main themes in board order; a main theme counts its sub-themes’ participants', () => {
		const k = [coding('A', 'd1'), coding('B', 'd2'), coding('C', 'd3')];
		const themes = [
			theme('M2', null, 1, { name: 'Second main' }),
			theme('S3', 'M2', 0, { codeIds: ['C'] }),
			theme('M1', null, 0, { name: 'First main' }),
			theme('S2', 'M1', 1, { codeIds: ['B'] }),
			theme('S1', 'M1', 0, { codeIds: ['A'] }),
			theme('Alone', null, 2, { codeIds: ['A', 'C'] })
		];
		const m = buildThemeTable({ codes, codings: k, documents: docs, participants, themes });
		expect(m.groups.map((g) => [g.main?.name ?? null, g.themes.map((t) => t.name)])).toEqual([
			['First main', ['S1', 'S2']],
			['Second main', ['S3']],
			[null, ['Alone']]
		]);
		expect(m.groups[0].main?.participants).toEqual(['P1', 'P2']);
		expect(m.groups[2].themes[0].participants).toEqual(['P1', 'P10']);
	});

	it('leaves out discarded themes always and candidates on request; a main theme whose sub-themes are all hidden stands alone', () => {
		const themes = [
			theme('M', null, 0, { codeIds: ['A'] }),
			theme('S', 'M', 0, { status: 'candidate' }),
			theme('D', null, 1, { status: 'discarded' })
		];
		const input: ThemeTableInput = { codes, codings: [coding('A', 'd1')], documents: docs, participants, themes };
		expect(buildThemeTable(input).groups.map((g) => [g.main?.id, g.themes.map((t) => t.id)])).toEqual([['M', ['S']]]);
		expect(buildThemeTable(input, { includeCandidates: false }).groups.map((g) => [g.main?.id ?? null, g.themes.map((t) => t.id)])).toEqual([[null, ['M']]]);
	});

	it('keeps the printed sub-themes of a main theme that is not printed', () => {
		const themes = [theme('M', null, 0, { status: 'discarded' }), theme('S', 'M', 0, { codeIds: ['A'] }), theme('C', null, 1, { status: 'candidate' }), theme('K', 'C', 0, { codeIds: ['B'] })];
		const input: ThemeTableInput = { codes, codings: [coding('A', 'd1'), coding('B', 'd2')], documents: docs, participants, themes };
		expect(buildThemeTable(input, { includeCandidates: false }).groups.map((g) => [g.main?.id ?? null, g.themes.map((t) => t.id)])).toEqual([[null, ['S', 'K']]]);
	});

	it('prints no quote whose extract left the theme (code taken out, or judged not to fit in its sub-theme)', () => {
		const k = [coding('A', 'd1', 0, 'stays'), coding('B', 'd2', 0, 'code left the theme'), coding('C', 'd3', 0, 'misfit below')];
		const themes = [
			theme('M', null, 0, { quoteIds: [k[2].id, k[0].id] }),
			theme('S', 'M', 0, { codeIds: ['A', 'C'], quoteIds: [k[1].id, k[0].id], reviews: { [k[2].id]: 'misfit' } })
		];
		const m = buildThemeTable({ codes, codings: k, documents: docs, participants, themes });
		expect(m.groups[0].main?.quotes.map((q) => q.text)).toEqual(['stays']);
		expect(m.groups[0].themes[0].quotes.map((q) => q.text)).toEqual(['stays']);
		expect(m.groups[0].main?.participants).toEqual(['P1']);
	});

	it('prints the chosen quotes in their order with participant ids, skipping deleted or misfit ones', () => {
		const k = [coding('A', 'd2', 0, 'second quote'), coding('A', 'd1', 0, '  first\n quote '), coding('A', 'd3', 0, 'not fitting')];
		const themes = [theme('T', null, 0, { codeIds: ['A'], quoteIds: [k[1].id, 'gone', k[0].id, k[2].id], reviews: { [k[2].id]: 'misfit' } })];
		const [row] = buildThemeTable({ codes, codings: k, documents: docs, participants, themes }).groups[0].themes;
		expect(row.quotes.map((q) => [q.text, q.participant])).toEqual([
			['first quote', 'P1'],
			['second quote', 'P2']
		]);
	});

	it('prints only participant speech from a quote that spans an interviewer turn', () => {
		const text = 'I: How was it?\nP1: It was hard at first.\nI: Yes.\nP1: Then it got better.\n';
		const content: DocumentContent = { docId: 'd1', text, turns: parseTurns(text) };
		const start = text.indexOf('It was');
		const end = text.indexOf('better') + 'better'.length;
		const c = { ...coding('A', 'd1', start, text.slice(start, end)) };
		expect(quoteForPrint(c, content)).toBe('It was hard at first. … Then it got better');
		// a quote that no longer matches the text is printed as stored
		expect(quoteForPrint({ ...c, quote: 'other' }, content)).toBe('other');
	});

	it('lists every code in tree order for the appendix, with the themes it belongs to (through its parent too)', () => {
		const themes = [theme('T', null, 0, { codeIds: ['A'], name: 'Theme T' }), theme('X', null, 1, { codeIds: ['A1'], status: 'discarded' })];
		const rows = buildCodebookAppendix(codes, themes, [coding('A1', 'd1')]);
		expect(rows.map((r) => [r.path, r.depth, r.themes, r.codings])).toEqual([
			['A', 0, ['Theme T'], 0],
			['A › A1', 1, ['Theme T'], 1],
			['B', 0, [], 0],
			['C', 0, [], 0]
		]);
	});
});

// ---- the sample study, coded with its gold codings and grouped as its codebook says ---------

function sampleInput(): { input: ThemeTableInput; book: SampleCodebook; gold: GoldCoding[] } {
	const b = sampleBackup();
	return { input: { ...b, contents: new Map(b.contents.map((c) => [c.docId, c])) }, book: sampleCodebook(), gold: sampleGold() };
}

describe('the sample study’s theme table (gold codings, codebook grouping)', () => {
	const { input, book, gold } = sampleInput();
	const model = buildThemeTable(input);

	it('has the codebook’s 2 main themes and 5 themes, in its order', () => {
		expect(model.totalParticipants).toBe(23);
		expect(studyParticipants(input.participants, input.documents)).toHaveLength(23);
		expect(model.groups.map((g) => g.main?.name)).toEqual(book.main_themes.map((m) => m.name));
		expect(model.groups.map((g) => g.themes.map((t) => t.name))).toEqual(
			book.main_themes.map((m) => book.themes.filter((t) => t.parent_theme_id === m.id).map((t) => t.name))
		);
	});

	it('counts, per theme, the participants the gold codings put there', () => {
		for (const t of book.themes) {
			const codeIds = new Set(book.codes.filter((c) => c.theme === t.name).map((c) => c.id));
			const expected = new Set(gold.filter((g) => codeIds.has(g.code)).map((g) => g.doc));
			const row = model.groups.flatMap((g) => g.themes).find((r) => r.name === t.name)!;
			expect(row.participants.length, t.name).toBe(expected.size);
			expect(row.extracts, t.name).toBe(gold.filter((g) => codeIds.has(g.code)).length);
			expect(row.quotes.length, t.name).toBeGreaterThan(0);
			for (const q of row.quotes) expect(q.text).not.toMatch(/^\[?\d\d:\d\d|^(I|R|P\d+):/);
		}
	});

	it('renders as the same table in Markdown, CSV and DOCX', async () => {
		const doc = themeTableDoc(model);
		const md = (await renderTable(doc, 'md')) as string;
		if (process.env.TEMA_DUMP) (await import('node:fs')).writeFileSync(process.env.TEMA_DUMP, md);
		for (const t of book.themes) expect(md).toContain(t.name);
		for (const m of book.main_themes) expect(md).toContain(`**${m.name}`);
		const csv = (await renderTable(doc, 'csv')) as string;
		expect(csv.split('\r\n').filter((l) => l.startsWith('Change in perceptions') || l.startsWith('"Change in perceptions')).length).toBe(2);
		const docx = (await renderTable(doc, 'docx')) as Uint8Array;
		const xml = strFromU8(unzipSync(docx)['word/document.xml']);
		expect(xml.match(/<w:tr[ >]/g)?.length).toBe(1 + 2 + 5); // header, two main-theme rows, five themes
		expect(xml).toContain('Improved self-confidence helped to get ready for work');
	});

	it('gives a codebook appendix with every code and its theme', () => {
		const rows = buildCodebookAppendix(input.codes, input.themes, input.codings);
		expect(rows).toHaveLength(book.codes.length);
		for (const c of book.codes) expect(rows.find((r) => r.id === c.id)?.themes).toEqual(c.theme ? [c.theme] : []);
		expect(codebookAppendixDoc(rows).groups[0].rows).toHaveLength(book.codes.length);
	});
});
