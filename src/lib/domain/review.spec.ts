import { describe, expect, it } from 'vitest';
import {
	chosenQuotes,
	coverageMatrix,
	definitionGaps,
	fewParticipants,
	moveItem,
	quoteCandidates,
	reviewSummary,
	singleQuoteSource,
	themeReview,
	wordCount,
	type ReviewInput
} from './review';
import { parseTurns } from './turns';
import type { Code, Coding, DocumentContent, Participant, Theme, TranscriptDocument } from './types';
import { makeTheme } from '../../../tests/fixtures/themes';

const text =
	'Interviewer: How was work?\n\nP01: It was hard at first. My manager was kind.\n\nInterviewer: And now?\n\nP01: Better now, much better than I feared.\n';
const turns = parseTurns(text);

function doc(id: string, participantId: string | null, order: number): TranscriptDocument {
	return { id, projectId: 'p', name: id.toUpperCase(), fileName: `${id}.txt`, participantId, encoding: 'utf-8', eol: 'lf', length: text.length, turnCount: turns.length, fingerprint: id, importedAt: 0, order };
}
function code(id: string, parentId: string | null = null, order = 0): Code {
	return { id, projectId: 'p', parentId, order, name: `Code ${id}`, color: '#cccccc', definition: '', include: '', exclude: '', example: '', createdAt: 0 };
}
function coding(id: string, docId: string, codeId: string, quote: string): Coding {
	const start = text.indexOf(quote);
	if (start < 0) throw new Error(quote);
	return { id, projectId: 'p', docId, codeId, coderId: 'me', start, end: start + quote.length, quote, prefix: '', suffix: '', createdAt: 0 };
}
function theme(id: string, extra: Partial<Theme> = {}): Theme {
	return makeTheme(id, { projectId: 'p', name: `Theme ${id}`, createdAt: 0, updatedAt: 0, ...extra });
}
function participant(label: string): Participant {
	return { id: `p:${label}`, projectId: 'p', label, attributes: {} };
}

// Ten participants in the table (P1–P10); documents for P10, P2 and P3 (P3 twice).
const participants = Array.from({ length: 10 }, (_, i) => participant(`P${i + 1}`));
const documents = [doc('d10', 'P10', 0), doc('d2', 'P2', 1), doc('d3a', 'P3', 2), doc('d3b', 'P3', 3)];
const codes = [code('work'), code('manager', 'work'), code('better', null, 1), code('hard', null, 2)];
const codings = [
	coding('c1', 'd10', 'manager', 'My manager was kind.'),
	coding('c2', 'd2', 'work', 'It was hard at first.'),
	coding('c3', 'd2', 'better', 'Better now'),
	coding('c4', 'd3a', 'better', 'Better now, much better than I feared.'),
	coding('c5', 'd3b', 'manager', 'My manager was kind.'),
	coding('c6', 'd3b', 'hard', 'hard at first'),
	{ ...coding('c7', 'd10', 'work', 'How was work?'), orphaned: true }
];
const contents = new Map<string, DocumentContent>(documents.map((d) => [d.id, { docId: d.id, text, turns }]));

function input(themes: Theme[], withContents = true): ReviewInput {
	return { codes, codings, documents, participants, themes, contents: withContents ? contents : undefined };
}

describe('themeReview', () => {
	it('groups the extracts of every member code (with sub-codes) by participant, in natural order', () => {
		const t = theme('A', { codeIds: ['work', 'better'] });
		const r = themeReview(t, input([t]));
		expect(r.groups.map((g) => g.participant)).toEqual(['P2', 'P3', 'P10']);
		expect(r.groups.map((g) => g.extracts.map((x) => x.coding.id))).toEqual([['c2', 'c3'], ['c4', 'c5'], ['c1']]);
		// The orphaned coding is left out; code names and documents come along.
		expect(r.extracts.map((x) => x.coding.id)).not.toContain('c7');
		expect(r.groups[1].extracts.map((x) => x.doc.id)).toEqual(['d3a', 'd3b']);
		expect(r.groups[2].extracts[0].codeName).toBe('Code manager');
		expect(r.participants).toEqual(['P2', 'P3', 'P10']);
		expect(r.totalParticipants).toBe(10);
	});

	it('prints quotes as participant speech and falls back to the coded text without contents', () => {
		const t = theme('A', { codeIds: ['work'] });
		const spanning = coding('cx', 'd2', 'work', 'My manager was kind.\n\nInterviewer: And now?\n\nP01: Better now');
		const r = themeReview(t, { ...input([t]), codings: [spanning] });
		expect(r.extracts[0].text).toBe('My manager was kind. … Better now');
		const bare = themeReview(t, { ...input([t], false), codings: [spanning] });
		expect(bare.extracts[0].text).toBe('My manager was kind. Interviewer: And now? P01: Better now');
	});

	it('counts verdicts and leaves participants whose every extract does not fit out of the count', () => {
		const t = theme('A', { codeIds: ['work', 'better'], reviews: { c1: 'misfit', c2: 'fits', c4: 'misfit' } });
		const r = themeReview(t, input([t]));
		expect(r.counts).toEqual({ extracts: 5, fits: 1, misfit: 2, undecided: 2 });
		// P10's only extract does not fit; P3 still has c5.
		expect(r.participants).toEqual(['P2', 'P3']);
		expect(r.groups.find((g) => g.participant === 'P10')?.contributes).toBe(false);
		expect(r.extracts.find((x) => x.coding.id === 'c2')?.verdict).toBe('fits');
		expect(reviewSummary(r)).toBe('2 of 10 participants · 5 extracts · 1 fitting, 2 not fitting, 2 undecided');
	});

	it('warns when a theme rests on few participants (fewer than 3, or under 20 % of the study)', () => {
		expect(fewParticipants(2, 5)).toBe(true);
		expect(fewParticipants(3, 5)).toBe(false);
		expect(fewParticipants(4, 23)).toBe(true); // 4 < 4.6
		expect(fewParticipants(5, 23)).toBe(false);
		const two = theme('A', { codeIds: ['better', 'hard'] }); // P2, P3
		const w = themeReview(two, input([two])).warnings.find((x) => x.kind === 'few-participants');
		expect(w?.text).toContain('2 of 10 contribute');
		expect(w?.text).toContain('fewer than 3 participants, or fewer than 20 %');
		const three = theme('B', { codeIds: ['work', 'better'] }); // P2, P3, P10 = 30 %
		expect(themeReview(three, input([three])).warnings.map((x) => x.kind)).not.toContain('few-participants');
	});

	it('warns when every remaining extract comes from one member code (sub-codes count into their member)', () => {
		const one = theme('A', { codeIds: ['work'] }); // work + its sub-code manager
		const w = themeReview(one, input([one])).warnings.find((x) => x.kind === 'single-code');
		expect(w?.text).toContain('“Code work”');
		// Two member codes, but every extract of "better" judged not to fit.
		const two = theme('B', { codeIds: ['work', 'better'], reviews: { c3: 'misfit', c4: 'misfit' } });
		expect(themeReview(two, input([two])).warnings.map((x) => x.kind)).toContain('single-code');
		const fine = theme('C', { codeIds: ['work', 'better'] });
		expect(themeReview(fine, input([fine])).warnings.map((x) => x.kind)).not.toContain('single-code');
	});

	it('warns about a theme without extracts, saying why', () => {
		const empty = theme('A');
		expect(themeReview(empty, input([empty])).warnings).toEqual([
			expect.objectContaining({ kind: 'no-extracts', text: 'No extracts: the theme has no codes yet.' })
		]);
		const unused = theme('B', { codeIds: ['work'] });
		const none = themeReview(unused, { ...input([unused]), codings: [] });
		expect(none.warnings[0].text).toContain('none of its codes has been applied');
		const rejected = theme('C', { codeIds: ['hard'], reviews: { c6: 'misfit' } });
		const r = themeReview(rejected, input([rejected]));
		expect(r.warnings.map((x) => x.kind)).toEqual(['no-extracts']);
		expect(r.warnings[0].text).toContain('every extract was judged not to fit');
	});

	it('lists member codes with the other themes that hold them, and warns about shared codes', () => {
		const a = theme('A', { codeIds: ['work', 'better'], order: 0 });
		const b = theme('B', { codeIds: ['better'], order: 1 });
		const gone = theme('G', { codeIds: ['work'], order: 2, status: 'discarded' });
		const r = themeReview(a, input([a, b, gone]));
		expect(r.codes.map((c) => [c.name, c.otherThemes.map((t) => t.id)])).toEqual([
			['Code work', []],
			['Code better', ['B']]
		]);
		const w = r.warnings.find((x) => x.kind === 'shared-codes');
		expect(w?.short).toBe('shares a code');
		expect(w?.text).toContain('“Code better” is also in “Theme B”');
	});

	it('a main theme includes its sub-themes’ extracts, with the verdict held by the sub-theme', () => {
		const main = theme('M', { codeIds: ['hard'] });
		const sub = theme('S', { parentId: 'M', codeIds: ['better'], reviews: { c4: 'misfit' } });
		const r = themeReview(main, input([main, sub]));
		expect(r.extracts.map((x) => x.coding.id).sort()).toEqual(['c3', 'c4', 'c6']);
		expect(r.extracts.find((x) => x.coding.id === 'c4')).toMatchObject({ verdict: 'misfit', holderId: 'S' });
		expect(r.extracts.find((x) => x.coding.id === 'c6')?.holderId).toBe('M');
		expect(r.codes.map((c) => [c.id, c.via?.id ?? null])).toEqual([
			['hard', null],
			['better', 'S']
		]);
		// A discarded sub-theme no longer counts into its main theme.
		const r2 = themeReview(main, input([main, { ...sub, status: 'discarded' }]));
		expect(r2.extracts.map((x) => x.coding.id)).toEqual(['c6']);
	});
});

describe('coverageMatrix', () => {
	it('crosses every study participant with the themes that are not discarded', () => {
		const main = theme('M', { codeIds: ['hard'], order: 0, name: 'Main' });
		const sub = theme('S', { parentId: 'M', codeIds: ['better'], order: 0, reviews: { c4: 'misfit' } });
		const other = theme('O', { codeIds: ['work'], order: 1 });
		const gone = theme('G', { codeIds: ['work'], order: 2, status: 'discarded' });
		const m = coverageMatrix(input([other, sub, main, gone]));
		expect(m.participants).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9', 'P10']);
		expect(m.columns.map((c) => [c.theme.id, c.depth])).toEqual([
			['M', 0],
			['S', 1],
			['O', 0]
		]);
		const row = (p: string) => m.cells[m.participants.indexOf(p)];
		// M: P2 (c3 via S), P3 (c6; c4 does not fit). S: P2 only. O: P2 (c2), P3 (c5), P10 (c1).
		expect(row('P2')).toEqual([1, 1, 1]);
		expect(row('P3')).toEqual([1, 0, 1]);
		expect(row('P10')).toEqual([0, 0, 1]);
		expect(row('P1')).toEqual([0, 0, 0]);
		expect(m.columns.map((c) => c.participants)).toEqual([2, 1, 3]);
		expect(m.columns.map((c) => c.extracts)).toEqual([2, 1, 3]);
		// Row totals count each extract and each theme once: P2 reaches Main only through S.
		expect(m.rowThemes[m.participants.indexOf('P2')]).toBe(2);
		expect(m.rowThemes[m.participants.indexOf('P3')]).toBe(2);
		expect(m.rowExtracts[m.participants.indexOf('P2')]).toBe(2);
		expect(m.rowExtracts[m.participants.indexOf('P3')]).toBe(2);
		expect(m.totalParticipants).toBe(10);
		expect(m.max).toBe(1);
	});

	it('has no columns without themes', () => {
		const m = coverageMatrix(input([]));
		expect(m.columns).toEqual([]);
		expect(m.cells.every((r) => r.length === 0)).toBe(true);
		expect(m.max).toBe(0);
	});
});

describe('defining', () => {
	it('tells which themes lack a concept or quotes', () => {
		expect(definitionGaps(theme('A'))).toEqual({ concept: true, quotes: true });
		const t = theme('B', { definition: { concept: 'Work as repair', includes: '', excludes: '', relations: '' }, quoteIds: ['c1'] });
		expect(definitionGaps(t)).toEqual({ concept: false, quotes: false });
		// A quote whose coding is gone does not count.
		expect(definitionGaps(t, new Map())).toEqual({ concept: false, quotes: true });
	});

	it('keeps the chosen quotes in order, dropping gone and misfit ones, and spots a single source', () => {
		const t = theme('A', { codeIds: ['work', 'better'], quoteIds: ['c4', 'gone', 'c1', 'c5'], reviews: { c1: 'misfit' } });
		const q = chosenQuotes(themeReview(t, input([t])));
		expect(q.map((x) => x.coding.id)).toEqual(['c4', 'c5']);
		expect(singleQuoteSource(q)).toBe('P3');
		expect(singleQuoteSource(q.slice(0, 1))).toBeNull();
		const mixed = chosenQuotes(themeReview({ ...t, quoteIds: ['c4', 'c2'] }, input([t])));
		expect(singleQuoteSource(mixed)).toBeNull();
	});

	it('offers fitting and undecided extracts, filtered by participant and length, shortest first on request', () => {
		const t = theme('A', { codeIds: ['work', 'better'], reviews: { c1: 'misfit', c2: 'fits' } });
		const r = themeReview(t, input([t]));
		const all = { participant: null, maxWords: null, shortestFirst: false };
		expect(quoteCandidates(r, all).map((x) => x.coding.id)).toEqual(['c2', 'c3', 'c4', 'c5']);
		expect(quoteCandidates(r, { ...all, participant: 'P3' }).map((x) => x.coding.id)).toEqual(['c4', 'c5']);
		expect(quoteCandidates(r, { ...all, maxWords: 4 }).map((x) => x.coding.id)).toEqual(['c3', 'c5']);
		expect(quoteCandidates(r, { ...all, shortestFirst: true }).map((x) => x.coding.id)).toEqual(['c3', 'c5', 'c2', 'c4']);
	});

	it('counts words and moves list items within bounds', () => {
		expect(wordCount('  Better now,  much better ')).toBe(4);
		expect(wordCount('')).toBe(0);
		expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
		expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
		expect(moveItem(['a', 'b', 'c'], 0, 5)).toEqual(['b', 'c', 'a']);
	});
});
