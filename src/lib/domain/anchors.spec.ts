import { describe, it, expect } from 'vitest';
import {
	adjustBoundaries,
	CONTEXT_LENGTH,
	makeCoding,
	reanchorAll,
	snapToWords,
	verifyAnchor,
	type MakeCodingInput
} from './anchors';
import type { Coding } from './types';

const base = { id: 'k1', projectId: 'p1', docId: 'd1', codeId: 'c1', coderId: 'u1', now: 5 };

function make(text: string, start: number, end: number, extra: Partial<MakeCodingInput> = {}): Coding {
	const r = makeCoding({ ...base, text, start, end, ...extra });
	if (!r.ok) throw new Error(r.error);
	return r.coding;
}

function span(text: string, part: string, from = 0): [number, number] {
	const i = text.indexOf(part, from);
	if (i < 0) throw new Error(`“${part}” not in text`);
	return [i, i + part.length];
}

const hasLoneSurrogate = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('makeCoding', () => {
	it('stores the quote and up to 32 characters of context on each side', () => {
		const text = 'a'.repeat(50) + 'QUOTE' + 'b'.repeat(50);
		const c = make(text, 50, 55);
		expect(c).toMatchObject({ start: 50, end: 55, quote: 'QUOTE', createdAt: 5, docId: 'd1', coderId: 'u1' });
		expect(c.prefix).toBe('a'.repeat(CONTEXT_LENGTH));
		expect(c.suffix).toBe('b'.repeat(CONTEXT_LENGTH));
		expect(c.orphaned).toBeUndefined();
		const edge = make('word here', 0, 4);
		expect([edge.prefix, edge.suffix]).toEqual(['', ' here']);
	});

	it('trims whitespace around the selection', () => {
		const text = 'say  word \nmore';
		const c = make(text, 3, 10);
		expect(c.quote).toBe('word');
		expect([c.start, c.end]).toEqual(span(text, 'word'));
	});

	it('rejects empty, whitespace-only, inverted, out-of-range and non-integer spans', () => {
		const text = 'some text   here';
		const bad: [number, number, RegExp][] = [
			[3, 3, /empty or only spaces/],
			[9, 12, /empty or only spaces/],
			[5, 2, /ends before it starts/],
			[-1, 3, /outside the document/],
			[2, 99, /outside the document/],
			[1.5, 3, /no valid start/],
			[Number.NaN, 3, /no valid start/]
		];
		for (const [start, end, error] of bad) {
			const r = makeCoding({ ...base, text, start, end });
			expect(r.ok).toBe(false);
			if (!r.ok) expect(r.error).toMatch(error);
		}
	});

	it('works on CRLF text: offsets count both characters of each line break', () => {
		const text = 'Interviewer: How was it?\r\n\r\nP01: It was hard.\r\nReally hard.\r\n';
		const [s] = span(text, 'It was');
		const [, e] = span(text, 'Really hard.');
		const c = make(text, s, e + 2); // the selection drags the final CRLF along
		expect(c.quote).toBe('It was hard.\r\nReally hard.');
		expect(c.end).toBe(e);
		expect(c.prefix.endsWith('\r\n\r\nP01: ')).toBe(true);
		expect(c.suffix).toBe('\r\n');
		expect(verifyAnchor(text, c)).toEqual({ status: 'ok' });
	});

	it('uses UTF-16 offsets around emoji and never splits a surrogate pair', () => {
		const text = 'I felt 😀 relieved 👍🏽 and then 😀 happy';
		const [s, e] = span(text, 'relieved');
		const c = make(text, s, e);
		expect(c.quote).toBe('relieved');
		expect(text.slice(c.start, c.end)).toBe('relieved');
		expect(s).toBe(10); // 'I felt ' (7) + 😀 (2 units) + ' ' (1)
		// A selection starting or ending inside an emoji is widened to the whole emoji.
		const thumbs = text.indexOf('👍');
		const mid = make(text, thumbs + 1, thumbs + 3);
		expect(mid.quote).toBe('👍🏽');
		expect(hasLoneSurrogate(mid.quote)).toBe(false);
		// Context cut at 32 units would land inside an emoji: it is shortened instead.
		const long = '😀'.repeat(40) + 'word' + '😀'.repeat(40);
		const w = make(long, 80, 84);
		expect(w.quote).toBe('word');
		expect(hasLoneSurrogate(w.prefix) || hasLoneSurrogate(w.suffix)).toBe(false);
		expect(w.prefix.length).toBe(32);
		const odd = '😀'.repeat(40) + 'xwordx' + '😀'.repeat(40);
		const w2 = make(odd, 81, 85);
		expect(hasLoneSurrogate(w2.prefix) || hasLoneSurrogate(w2.suffix)).toBe(false);
		expect([w2.prefix.length, w2.suffix.length]).toEqual([31, 31]);
	});
});

describe('verifyAnchor', () => {
	const text = 'The worry took hours. Later the worry was smaller. Then the worry stopped.';

	it('is ok when the offsets still point at the quote', () => {
		const c = make(text, ...span(text, 'worry was'));
		expect(verifyAnchor(text, c)).toEqual({ status: 'ok' });
	});

	it('finds a quote that drifted after an edit before it', () => {
		const c = make(text, ...span(text, 'worry was smaller'));
		const edited = 'Intro added. ' + text;
		expect(verifyAnchor(edited, c)).toEqual({ status: 'moved', start: c.start + 13, end: c.end + 13 });
	});

	it('counts an emoji inserted before the quote as two offsets', () => {
		const c = make(text, ...span(text, 'worry was smaller'));
		const edited = '🙂 ' + text;
		expect(verifyAnchor(edited, c)).toEqual({ status: 'moved', start: c.start + 3, end: c.end + 3 });
		const { codings } = reanchorAll(edited, [c]);
		expect(edited.slice(codings[0].start, codings[0].end)).toBe('worry was smaller');
		expect(codings[0].prefix.startsWith('🙂')).toBe(false); // 32 units back lands after the emoji
	});

	it('prefers the occurrence whose context matches over the nearest one', () => {
		const c = make(text, ...span(text, 'worry', 30)); // "Later the worry was smaller"
		expect(c.start).toBe(text.indexOf('worry', 30));
		// Cut the second sentence's start so offsets are wrong; the context still says "Later the".
		const edited = text.replace('The worry took hours. ', 'X. ');
		const r = verifyAnchor(edited, c);
		expect(r).toEqual({ status: 'moved', start: edited.indexOf('Later the worry') + 10, end: edited.indexOf('Later the worry') + 15 });
	});

	it('with equal context, prefers the occurrence nearest the old start', () => {
		const t = 'ab ab ab ab';
		const c: Coding = { ...make(t, 6, 8), prefix: '', suffix: '', start: 7, end: 9 };
		expect(verifyAnchor(t, c)).toEqual({ status: 'moved', start: 6, end: 8 });
	});

	it('re-anchors a quote whose line endings changed (LF to CRLF)', () => {
		const lf = 'P01: It was hard.\nReally hard.\nInterviewer: Go on.';
		const c = make(lf, ...span(lf, 'It was hard.\nReally'));
		const crlf = lf.replace(/\n/g, '\r\n');
		const r = verifyAnchor(crlf, c);
		expect(r).toEqual({ status: 'moved', start: 5, end: 5 + 'It was hard.\r\nReally'.length });
	});

	it('is orphaned when the quote is gone, and for a coding with an empty quote', () => {
		const c = make(text, ...span(text, 'took hours'));
		expect(verifyAnchor('Completely different text.', c)).toEqual({ status: 'orphaned' });
		expect(verifyAnchor(text, { ...c, quote: '' })).toEqual({ status: 'orphaned' });
	});

	it('handles offsets beyond a now shorter text', () => {
		const c = make(text, ...span(text, 'stopped'));
		expect(verifyAnchor('the worry stopped.', c)).toEqual({ status: 'moved', start: 10, end: 17 });
	});
});

describe('reanchorAll', () => {
	it('updates moved codings, flags lost ones and keeps every coding', () => {
		const text = 'Alpha beta gamma. Delta epsilon.';
		const ok = make(text, ...span(text, 'Alpha'), { id: 'ok' });
		const moved = make(text, ...span(text, 'Delta'), { id: 'moved' });
		const lost = make(text, ...span(text, 'gamma'), { id: 'lost' });
		const edited = 'Alpha beta. Delta epsilon.';
		const r = reanchorAll(edited, [ok, moved, lost]);
		expect(r.codings).toHaveLength(3);
		expect(r.codings[0]).toBe(ok);
		expect(r.codings[1]).toMatchObject({ id: 'moved', start: 12, end: 17, quote: 'Delta', prefix: 'Alpha beta. ' });
		expect(r.codings[2]).toEqual({ ...lost, orphaned: true });
		expect(r.changed).toEqual([
			{ kind: 'coding', before: moved, after: r.codings[1] },
			{ kind: 'coding', before: lost, after: r.codings[2] }
		]);
		// Running it again changes nothing: orphaned codings stay orphaned, quietly.
		expect(reanchorAll(edited, r.codings).changed).toEqual([]);
	});

	it('clears the orphaned flag when the quote is found again', () => {
		const text = 'one two three';
		const back = { ...make(text, 4, 7), orphaned: true };
		const r = reanchorAll(text, [back]);
		expect(r.codings[0].orphaned).toBeUndefined();
		expect(r.changed).toHaveLength(1);
	});
});

describe('adjustBoundaries', () => {
	const text = 'We talked about childcare costs at length.';

	it('recomputes quote and context for the new span', () => {
		const c = make(text, ...span(text, 'childcare'));
		const r = adjustBoundaries(text, c, c.start, span(text, 'costs')[1] + 1);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.coding).toMatchObject({ quote: 'childcare costs', suffix: ' at length.', id: c.id, createdAt: c.createdAt });
		expect(r.changes).toEqual([{ kind: 'coding', before: c, after: r.coding }]);
	});

	it('gives no change for the same span and rejects bad spans', () => {
		const c = make(text, ...span(text, 'costs'));
		const same = adjustBoundaries(text, c, c.start - 1, c.end);
		expect(same.ok && same.changes).toEqual([]);
		const empty = adjustBoundaries(text, c, c.end, c.start);
		expect(empty.ok).toBe(false);
	});

	it('clears the orphaned flag once the user places the coding again', () => {
		const c = { ...make(text, ...span(text, 'costs')), orphaned: true };
		const r = adjustBoundaries(text, c, c.start, c.end);
		expect(r.ok && r.coding.orphaned).toBeUndefined();
		expect(r.ok && r.changes).toHaveLength(1);
	});
});

describe('snapToWords', () => {
	const words = (t: string, s: number, e: number) => {
		const r = snapToWords(t, s, e);
		return t.slice(r.start, r.end);
	};

	it('expands partial words at both ends', () => {
		const t = 'We talked about childcare costs.';
		expect(words(t, 5, 18)).toBe('talked about childcare');
		expect(words(t, 27, 31)).toBe('costs');
	});

	it('selects the word around a caret and drops surrounding spaces', () => {
		const t = 'one two  three';
		expect(words(t, 5, 5)).toBe('two');
		expect(words(t, 7, 7)).toBe('two');
		expect(words(t, 3, 9)).toBe('two');
		expect(words(t, 8, 8)).toBe('');
	});

	it('keeps apostrophes and hyphens inside words, and whole emoji', () => {
		expect(words('I didn’t go back', 4, 5)).toBe('didn’t');
		expect(words('a return-to-work plan', 10, 11)).toBe('return-to-work');
		expect(words('’quoted’ word', 2, 3)).toBe('quoted');
		const t = 'très 😀bien fait';
		expect(words(t, 1, 2)).toBe('très');
		expect(words(t, t.indexOf('bien') + 1, t.indexOf('bien') + 2)).toBe('bien');
	});

	it('stays within the text for out-of-range input', () => {
		expect(snapToWords('abc', -3, 99)).toEqual({ start: 0, end: 3 });
	});
});
