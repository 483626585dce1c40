import { describe, expect, it } from 'vitest';
import { codeSetFor, countsByCode, extractsFor, turnAt } from './retrieve';
import { parseTurns } from './turns';
import type { Code, Coding, DocumentContent, TranscriptDocument } from './types';

const text = 'Interviewer: How was work?\n\nP01: Hard. My manager was kind.\n\nInterviewer: And now?\n\nP01: Better now.\n';
const turns = parseTurns(text);

function doc(id: string, participantId: string | null, order: number): TranscriptDocument {
	return { id, projectId: 'p', name: id.toUpperCase(), fileName: `${id}.txt`, participantId, encoding: 'utf-8', eol: 'lf', length: text.length, turnCount: turns.length, fingerprint: id, importedAt: 0, order };
}
function code(id: string, parentId: string | null = null): Code {
	return { id, projectId: 'p', parentId, order: 0, name: id, color: '#cccccc', definition: '', include: '', exclude: '', example: '', createdAt: 0 };
}
function coding(id: string, docId: string, codeId: string, quote: string): Coding {
	const start = text.indexOf(quote);
	return { id, projectId: 'p', docId, codeId, coderId: 'me', start, end: start + quote.length, quote, prefix: '', suffix: '', createdAt: 0 };
}

const docs = [doc('d2', 'P02', 1), doc('d1', 'P01', 0), doc('d3', null, 2)];
const codes = [code('work'), code('manager', 'work'), code('other')];
const codings = [
	coding('c1', 'd2', 'manager', 'My manager was kind.'),
	coding('c2', 'd1', 'work', 'Hard.'),
	coding('c3', 'd1', 'manager', 'My manager was kind.'),
	coding('c4', 'd3', 'manager', 'Better now.'),
	coding('c5', 'd1', 'other', 'Better now.')
];
const contents = new Map<string, DocumentContent>(docs.map((d) => [d.id, { docId: d.id, text, turns }]));

describe('retrieval', () => {
	it('finds the turn around an offset', () => {
		expect(turnAt(turns, text.indexOf('Hard'))?.speaker).toBe('P01');
		expect(turnAt(turns, text.indexOf('And now'))?.role).toBe('interviewer');
		expect(turnAt(turns, text.length)).toBeNull();
	});

	it('lists extracts of a code with its sub-codes in document order, with participant and speaker', () => {
		const xs = extractsFor(codeSetFor(codes, 'work', true), codings, docs, contents);
		expect(xs.map((x) => x.coding.id)).toEqual(['c2', 'c3', 'c1', 'c4']);
		expect(xs[0]).toMatchObject({ participant: 'P01', speaker: 'P01', role: 'participant', text: 'Hard.' });
		// A document without a linked participant counts as its own participant.
		expect(xs[3].participant).toBe('D3');
	});

	it('lists only the code itself without sub-codes', () => {
		expect(extractsFor(codeSetFor(codes, 'work', false), codings, docs, contents).map((x) => x.coding.id)).toEqual(['c2']);
	});

	it('counts extracts and distinct participants per code and per subtree', () => {
		const { own, subtree } = countsByCode(codes, codings, docs);
		expect(own.get('manager')).toEqual({ extracts: 3, participants: 3 });
		expect(own.get('work')).toEqual({ extracts: 1, participants: 1 });
		expect(subtree.get('work')).toEqual({ extracts: 4, participants: 3 });
		expect(subtree.get('other')).toEqual({ extracts: 1, participants: 1 });
	});
});
