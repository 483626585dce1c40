// Code frequencies: per code, how many extracts (codings), distinct participants and
// transcripts, and how many words are coded with it. Words are counted in the coded text
// with overlapping (or touching) codings of the same code in a transcript merged first, so a
// passage coded twice with one code (two coders, or a coding inside another) counts once.
// With `rollUp` a code counts its sub-codes' codings too. Pure.

import type { Coding, Id } from '../types';
import { codeMembers, codeRows, codingsByCode, countWords, naturalCompare, participantByDoc, type AnalysisRows, type RowItem } from './common';

export interface CodeFrequency {
	code: RowItem;
	extracts: number;
	participants: number;
	transcripts: number;
	words: number;
}

export type FrequencyKey = 'tree' | 'name' | 'extracts' | 'participants' | 'transcripts' | 'words';

export const FREQUENCY_LABELS: Record<Exclude<FrequencyKey, 'tree' | 'name'>, string> = {
	extracts: 'Extracts',
	participants: 'Participants',
	transcripts: 'Transcripts',
	words: 'Words coded'
};

/**
 * The coded text of one transcript's codings of a code, merged where they overlap or touch,
 * as separate stretches. Built from the codings' quotes (the text of their spans), so no
 * transcript needs loading.
 */
export function mergedStretches(codings: readonly Pick<Coding, 'start' | 'end' | 'quote'>[]): string[] {
	const sorted = [...codings].sort((a, b) => a.start - b.start || b.end - a.end);
	const out: string[] = [];
	let text = '';
	let end = -1;
	for (const c of sorted) {
		// A quote that does not span its offsets (damaged data) is taken as it is.
		const exact = c.quote.length === c.end - c.start;
		if (end >= 0 && c.start <= end) {
			if (c.end > end) text += exact ? c.quote.slice(end - c.start) : ` ${c.quote}`;
			end = Math.max(end, c.end);
		} else {
			if (end >= 0) out.push(text);
			text = c.quote;
			end = c.end;
		}
	}
	if (end >= 0) out.push(text);
	return out;
}

/** Words of one coding's quote, counted once per coding row (rows are immutable). */
const wordsOfCoding = new WeakMap<Coding, number>();

function codingWords(c: Coding): number {
	let n = wordsOfCoding.get(c);
	if (n === undefined) {
		n = countWords(c.quote);
		wordsOfCoding.set(c, n);
	}
	return n;
}

/** Words coded in one transcript's codings of a code: merged where they overlap or touch. */
export function wordsCoded(codings: readonly Coding[]): number {
	const sorted = [...codings].sort((a, b) => a.start - b.start || b.end - a.end);
	let words = 0;
	let i = 0;
	while (i < sorted.length) {
		// A cluster: codings that overlap or touch the stretch so far.
		let j = i + 1;
		let end = sorted[i].end;
		while (j < sorted.length && sorted[j].start <= end) end = Math.max(end, sorted[j++].end);
		if (j === i + 1) words += codingWords(sorted[i]);
		else for (const s of mergedStretches(sorted.slice(i, j))) words += countWords(s);
		i = j;
	}
	return words;
}

export function codeFrequencies(input: AnalysisRows, options: { rollUp?: boolean } = {}): CodeFrequency[] {
	const rollUp = options.rollUp ?? true;
	const index = codingsByCode(input.codings, input.documents);
	const members = codeMembers(input.codes, rollUp);
	const pOf = participantByDoc(input.documents);
	return codeRows(input.codes).map((code) => {
		const byDoc = new Map<Id, Coding[]>();
		let extracts = 0;
		for (const id of members.get(code.id) ?? [code.id])
			for (const c of index.get(id) ?? []) {
				extracts++;
				const list = byDoc.get(c.docId);
				if (list) list.push(c);
				else byDoc.set(c.docId, [c]);
			}
		const people = new Set<string>();
		let words = 0;
		for (const [docId, list] of byDoc) {
			people.add(pOf.get(docId)!);
			words += wordsCoded(list);
		}
		return { code, extracts, participants: people.size, transcripts: byDoc.size, words };
	});
}

/**
 * Rows sorted by a column, ascending or descending: 'tree' is the codebook's order, 'name'
 * A to Z ascending, numbers smallest first ascending. Ties keep the codebook's order.
 */
export function sortFrequencies(rows: readonly CodeFrequency[], key: FrequencyKey, direction: 'asc' | 'desc'): CodeFrequency[] {
	const indexed = rows.map((r, i) => ({ r, i }));
	const dir = direction === 'asc' ? 1 : -1;
	indexed.sort((x, y) => {
		const by = key === 'tree' ? x.i - y.i : key === 'name' ? naturalCompare(x.r.code.name, y.r.code.name) : x.r[key] - y.r[key];
		return dir * by || x.i - y.i;
	});
	return indexed.map((x) => x.r);
}
