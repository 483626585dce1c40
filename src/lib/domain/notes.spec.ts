import { describe, expect, it } from 'vitest';
import { CONTEXT_LENGTH } from './anchors';
import {
	anchorNote,
	countByDocument,
	foldForSearch,
	groupByDocument,
	noteDocId,
	noteMatches,
	passageTarget,
	reanchorNotes,
	searchNotes,
	sortNotes,
	truncateQuote
} from './notes';
import type { Note, NoteTarget } from './types';

let seq = 0;
function note(target: NoteTarget, text: string, createdAt = ++seq, kind: Note['kind'] = 'familiarisation'): Note {
	return { id: `n${seq}-${text.slice(0, 8)}`, projectId: 'p', kind, target, text, createdAt, updatedAt: createdAt };
}

const TEXT =
	'Interviewer: How was going back?\nP03: Honestly the first week back was hard. My manager didn’t know what to say, and I felt watched.\nInterviewer: And later?\nP03: Later the café at lunch with colleagues helped a lot.\n';

function passage(docId: string, quote: string, text = TEXT): NoteTarget {
	const start = text.indexOf(quote);
	const r = passageTarget(docId, text, start, start + quote.length);
	if (!r.ok) throw new Error(r.error);
	return r.target;
}

describe('passageTarget', () => {
	it('anchors like a coding: trimmed span, quote = text[start, end), 32 characters of context', () => {
		const start = TEXT.indexOf(' the first week');
		const end = TEXT.indexOf('hard.') + 'hard. '.length;
		const r = passageTarget('d1', TEXT, start, end);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const t = r.target;
		expect(t.type).toBe('passage');
		expect(t.docId).toBe('d1');
		expect(t.quote).toBe('the first week back was hard.');
		expect(TEXT.slice(t.start, t.end)).toBe(t.quote);
		expect(t.prefix).toBe(TEXT.slice(t.start - CONTEXT_LENGTH, t.start));
		expect(t.prefix.length).toBe(CONTEXT_LENGTH);
		expect(t.suffix).toBe(TEXT.slice(t.end, t.end + CONTEXT_LENGTH));
	});

	it('refuses an empty or blank selection with a note-specific message', () => {
		const r = passageTarget('d1', TEXT, 3, 3);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error).toMatch(/write a note/);
		const blank = TEXT.indexOf('\n');
		expect(passageTarget('d1', TEXT, blank, blank + 1).ok).toBe(false);
	});

	it('shortens the context at the start of the text', () => {
		const r = passageTarget('d1', TEXT, 0, 11);
		expect(r.ok && r.target.prefix).toBe('');
	});
});

describe('search', () => {
	const a = note(passage('d1', 'My manager didn’t know what to say'), 'Silence from the MANAGER — felt exposed');
	const b = note(passage('d1', 'the café at lunch with colleagues'), 'Small social rituals matter');
	const c = note({ type: 'document', docId: 'd2' }, 'Résumé: très long, répète « retour »');
	const all = [a, b, c];

	it('folds case and accents', () => {
		expect(foldForSearch('Café RÉSUMÉ')).toBe('cafe resume');
		expect(noteMatches(c, 'resume')).toBe(true);
		expect(noteMatches(c, 'TRES')).toBe(true);
		expect(noteMatches(b, 'CAFÉ')).toBe(true); // in the quote, not the note text
	});

	it('matches typographic apostrophes with plain ones', () => {
		expect(noteMatches(a, "didn't know")).toBe(true);
	});

	it('needs every word of the query, anywhere in text or quote', () => {
		expect(searchNotes(all, 'manager exposed')).toEqual([a]);
		expect(searchNotes(all, 'manager lunch')).toEqual([]);
		expect(searchNotes(all, 'colleagues rituals')).toEqual([b]);
	});

	it('is a substring search: part of a word is enough', () => {
		expect(searchNotes(all, 'ritu')).toEqual([b]);
	});

	it('returns everything for a blank query, in the given order', () => {
		expect(searchNotes(all, '   ')).toEqual(all);
	});

	it('searches extra text when given (e.g. the transcript name)', () => {
		expect(searchNotes(all, 'p07', (n) => (noteDocId(n) === 'd2' ? 'P07' : 'P03'))).toEqual([c]);
		expect(searchNotes(all, 'p07')).toEqual([]);
	});
});

describe('sortNotes and grouping', () => {
	const late = note(passage('d1', 'the café at lunch'), 'late in the text', 10);
	const early = note(passage('d1', 'Honestly the first week'), 'early in the text', 20);
	const whole = note({ type: 'document', docId: 'd1' }, 'about the whole interview', 30);
	const other = note(passage('d2', 'Honestly'), 'other document', 5);
	const journal = note({ type: 'project' }, 'journal entry', 40, 'journal');

	it('orders by time either way', () => {
		expect(sortNotes([early, late, whole], 'newest').map((n) => n.text)).toEqual(['about the whole interview', 'early in the text', 'late in the text']);
		expect(sortNotes([early, whole, late], 'oldest').map((n) => n.text)).toEqual(['late in the text', 'early in the text', 'about the whole interview']);
	});

	it('orders in reading order: documents in order, whole-document notes first, then by passage', () => {
		const sorted = sortNotes([journal, late, other, early, whole], 'text', ['d2', 'd1']);
		expect(sorted.map((n) => n.text)).toEqual(['other document', 'about the whole interview', 'early in the text', 'late in the text', 'journal entry']);
	});

	it('does not change the list it is given', () => {
		const list = [late, early];
		sortNotes(list, 'text', ['d1']);
		expect(list).toEqual([late, early]);
	});

	it('groups by document in document order and counts per document', () => {
		const groups = groupByDocument([late, other, early, journal], ['d1', 'd2', 'd3']);
		expect(groups.map((g) => [g.docId, g.notes.map((n) => n.text)])).toEqual([
			['d1', ['late in the text', 'early in the text']],
			['d2', ['other document']]
		]);
		expect(countByDocument([late, other, early, whole, journal])).toEqual(new Map([['d1', 3], ['d2', 1]]));
	});
});

describe('anchoring passage notes', () => {
	const n = note(passage('d1', 'the café at lunch with colleagues'), 'rituals');

	it('is ok while the offsets still point at the quote', () => {
		expect(anchorNote(TEXT, n)).toEqual({ status: 'ok' });
		expect(anchorNote(TEXT, note({ type: 'document', docId: 'd1' }, 'x'))).toEqual({ status: 'ok' });
	});

	it('finds a passage that moved, with fresh offsets and context', () => {
		const edited = 'A new first line.\r\n' + TEXT;
		const a = anchorNote(edited, n);
		expect(a.status).toBe('moved');
		if (a.status !== 'moved') return;
		expect(edited.slice(a.target.start, a.target.end)).toBe('the café at lunch with colleagues');
		expect(a.target.start).toBe(n.target.type === 'passage' ? n.target.start + 19 : -1);
		expect(a.target.prefix).toBe(edited.slice(a.target.start - CONTEXT_LENGTH, a.target.start));
	});

	it('prefers the occurrence whose context matches', () => {
		const text = 'P01: I felt watched at work.\nP01: Then, later, I felt watched at home too.\n';
		const second = text.lastIndexOf('I felt watched');
		const target = passageTarget('d', text, second, second + 'I felt watched'.length);
		if (!target.ok) throw new Error();
		const stale = note({ ...target.target, start: 0, end: 5 }, 'second one');
		const a = anchorNote(text, stale);
		expect(a.status === 'moved' && a.target.start).toBe(second);
	});

	it('keeps a note whose passage is gone as orphaned, and reports moved ones to store', () => {
		const gone = note(passage('d1', 'My manager didn’t know what to say'), 'gone');
		const text = TEXT.replace('My manager didn’t know what to say', 'Nobody said anything');
		const shifted = 'X' + text;
		const r = reanchorNotes(shifted, [n, gone]);
		expect([...r.orphaned]).toEqual([gone.id]);
		expect(r.moved).toHaveLength(1);
		expect(r.moved[0].before).toBe(n);
		const t = r.moved[0].after.target;
		expect(t.type === 'passage' && shifted.slice(t.start, t.end)).toBe('the café at lunch with colleagues');
		expect(r.moved[0].after.text).toBe('rituals');
	});
});

describe('truncateQuote', () => {
	it('leaves short quotes alone and collapses whitespace', () => {
		expect(truncateQuote('  a\r\n b  ')).toBe('a b');
	});
	it('cuts long quotes at a word with an ellipsis', () => {
		const s = 'word '.repeat(50);
		const t = truncateQuote(s, 42);
		expect(t.endsWith('word…')).toBe(true);
		expect(t.length).toBeLessThanOrEqual(43);
	});
});
