import { describe, expect, it } from 'vitest';
import { code } from '../../../../tests/fixtures/codes';
import type { Coding, TranscriptDocument } from '../types';
import { codeFrequencies, mergedStretches, sortFrequencies } from './frequencies';
import { countWords, type AnalysisRows } from './common';

function doc(id: string, participantId: string, order: number): TranscriptDocument {
	return { id, projectId: 'p1', name: id, fileName: `${id}.txt`, participantId, encoding: 'utf-8', eol: 'lf', length: 1000, turnCount: 1, fingerprint: id, importedAt: 0, order };
}

const TEXT = 'I went back to work part-time. It wasn’t easy, but my boss helped.';
//            0         1         2         3         4         5         6
//            0123456789012345678901234567890123456789012345678901234567890123456

function coding(id: string, codeId: string, docId: string, start: number, end: number, extra: Partial<Coding> = {}): Coding {
	return { id, projectId: 'p1', docId, codeId, coderId: 'me', start, end, quote: TEXT.slice(start, end), prefix: '', suffix: '', createdAt: 0, ...extra };
}

describe('words coded', () => {
	it('counts words with inner apostrophes and hyphens as one, in Norwegian too', () => {
		expect(countWords('I went back to work part-time.')).toBe(6);
		expect(countWords('It wasn’t easy')).toBe(3);
		expect(countWords('Sjefen min på jobben var grei, 100 %')).toBe(7);
		expect(countWords('  ')).toBe(0);
	});

	it('counts as the regular expression would, on random text', () => {
		const alphabet = ['a', 'Z', 'æ', 'ø', '7', ' ', '-', "'", '’', '.', ',', '\n', '𝔘', '😀', 'é'];
		let seed = 1;
		const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
		for (let k = 0; k < 300; k++) {
			const text = Array.from({ length: Math.floor(rand() * 40) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
			expect(countWords(text), JSON.stringify(text)).toBe(text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0);
		}
	});

	it('merges overlapping and touching codings before counting', () => {
		// "went back to work" [2,19) and "to work part-time." [12,30) overlap → one stretch.
		expect(mergedStretches([coding('a', 'A', 'd', 2, 19), coding('b', 'A', 'd', 12, 30)])).toEqual(['went back to work part-time.']);
		// Touching: "I went" [0,6) + " back" [6,11).
		expect(mergedStretches([coding('a', 'A', 'd', 0, 6), coding('b', 'A', 'd', 6, 11)])).toEqual(['I went back']);
		// Contained and separate.
		expect(mergedStretches([coding('a', 'A', 'd', 0, 30), coding('b', 'A', 'd', 2, 6), coding('c', 'A', 'd', 31, 45)])).toEqual([
			'I went back to work part-time.',
			'It wasn’t easy'
		]);
	});
});

describe('code frequencies', () => {
	function rows(): AnalysisRows {
		return {
			codes: [code('A', null, 0, { name: 'Return' }), code('A1', 'A', 0, { name: 'Part-time' }), code('B', null, 1, { name: 'Boss' })],
			documents: [doc('d1', 'P1', 0), doc('d2', 'P2', 1), doc('d3', 'P1', 2)],
			participants: [],
			themes: [],
			codings: [
				coding('k1', 'A', 'd1', 0, 30), // 6 words
				coding('k2', 'A1', 'd1', 20, 30), // inside k1: "part-time." 1 word
				coding('k3', 'A1', 'd2', 20, 30),
				coding('k4', 'B', 'd3', 46, 67), // "but my boss helped." 4 words
				coding('k5', 'B', 'd3', 46, 67, { coderId: 'other' }), // the same passage by another coder
				coding('k6', 'B', 'd1', 0, 5, { orphaned: true })
			]
		};
	}

	it('extracts, participants, transcripts and words per code, sub-codes rolled up', () => {
		const f = codeFrequencies(rows(), { rollUp: true });
		expect(f.map((r) => [r.code.id, r.extracts, r.participants, r.transcripts, r.words])).toEqual([
			['A', 3, 2, 2, 6 + 1], // d1: k1 ⊃ k2 → 6 words; d2: k3 → 1 word
			['A1', 2, 2, 2, 2],
			['B', 2, 1, 1, 4] // one passage coded twice counts its words once; the orphan not at all
		]);
	});

	it('without roll-up a parent counts its own codings only', () => {
		const f = codeFrequencies(rows(), { rollUp: false });
		expect(f.map((r) => [r.code.id, r.extracts, r.participants, r.transcripts, r.words])[0]).toEqual(['A', 1, 1, 1, 6]);
	});

	it('sorts by any column, ties in codebook order', () => {
		const f = codeFrequencies(rows(), { rollUp: true });
		expect(sortFrequencies(f, 'extracts', 'desc').map((r) => r.code.id)).toEqual(['A', 'A1', 'B']);
		expect(sortFrequencies(f, 'extracts', 'asc').map((r) => r.code.id)).toEqual(['A1', 'B', 'A']);
		expect(sortFrequencies(f, 'participants', 'desc').map((r) => r.code.id)).toEqual(['A', 'A1', 'B']);
		expect(sortFrequencies(f, 'words', 'desc').map((r) => r.code.id)).toEqual(['A', 'B', 'A1']);
		expect(sortFrequencies(f, 'name', 'asc').map((r) => r.code.name)).toEqual(['Boss', 'Part-time', 'Return']);
		expect(sortFrequencies(f, 'tree', 'desc').map((r) => r.code.id)).toEqual(['B', 'A1', 'A']);
	});
});
