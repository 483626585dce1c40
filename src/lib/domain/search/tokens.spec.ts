import { describe, expect, it } from 'vitest';
import { parseTurns } from '../turns';
import { fold, sentencesIn, spokenRegions, words } from './tokens';

const spans = (text: string, pairs: [number, number][]) => pairs.map(([s, e]) => text.slice(s, e));

describe('words', () => {
	it('splits at spaces, punctuation and hyphens, and joins apostrophes inside a word', () => {
		const t = 'Don’t go back-to-work, P01\'s boss said: "it\'s fine" 100 %';
		expect(spans(t, words(t))).toEqual(['Don’t', 'go', 'back', 'to', 'work', "P01's", 'boss', 'said', "it's", 'fine', '100']);
	});

	it('keeps Norwegian letters, accents and combining marks inside words', () => {
		const t = 'dialogmøte på Ålesund, café og cafe\u0301 — nærmeste leder';
		expect(spans(t, words(t))).toEqual(['dialogmøte', 'på', 'Ålesund', 'café', 'og', 'cafe\u0301', 'nærmeste', 'leder']);
	});

	it('counts offsets in UTF-16 units and treats emoji as separators', () => {
		const t = 'ok 😊😊 then 𝐀bc';
		const w = words(t);
		expect(spans(t, w)).toEqual(['ok', 'then', '𝐀bc']);
		expect(w[1]).toEqual([8, 12]);
	});

	it('leaves quotes and apostrophes at the edges of a word out', () => {
		const t = "'work' the participants’ words";
		expect(spans(t, words(t))).toEqual(['work', 'the', 'participants', 'words']);
	});

	it('honours the range it is given', () => {
		const t = 'alpha beta gamma';
		expect(spans(t, words(t, 3, 13))).toEqual(['ha', 'beta', 'ga']);
	});
});

describe('fold', () => {
	it('lower-cases, removes accents but keeps å, æ and ø', () => {
		expect(fold('Café')).toBe('cafe');
		expect(fold('cafe\u0301')).toBe('cafe');
		expect(fold('ÅR')).toBe('år');
		expect(fold('Dialogmøte')).toBe('dialogmøte');
		expect(fold('ÆRLIG')).toBe('ærlig');
		expect(fold('a\u030Ar')).toBe('år');
		expect(fold('Müller')).toBe('muller');
	});

	it('treats the typographic apostrophe as a straight one', () => {
		expect(fold('Don’t')).toBe("don't");
	});
});

describe('spokenRegions', () => {
	it('covers turn text without labels or timestamps, and paragraphs outside turns', () => {
		const t = 'Interview P07 – transcript\r\n\r\n[00:00:05] Interviewer: How are you?\r\n\r\nP07: Fine, thanks.\r\nStill tired.\r\n\r\n[End of recording]\r\n';
		const turns = parseTurns(t);
		const r = spokenRegions(t, turns);
		expect(r.map((x) => [t.slice(x.start, x.end), x.role])).toEqual([
			['Interview P07 – transcript', null],
			['How are you?', 'interviewer'],
			['Fine, thanks.\r\nStill tired.', 'participant'],
			['[End of recording]', null]
		]);
		expect(r[1].turn).toBe(0);
		expect(r[0].turn).toBe(-1);
	});

	it('treats a text without turns as paragraphs', () => {
		const t = 'one line\n\n  second   \n';
		expect(spokenRegions(t, []).map((x) => t.slice(x.start, x.end))).toEqual(['one line', 'second']);
	});
});

describe('sentencesIn', () => {
	const split = (t: string) => spans(t, sentencesIn(t, 0, t.length));

	it('ends sentences at . ! ? … before a word that is not lower case', () => {
		expect(split('I went back. It was hard! Was it? Yes… Then “Fine.” He left.')).toEqual([
			'I went back.',
			'It was hard!',
			'Was it?',
			'Yes…',
			'Then “Fine.”',
			'He left.'
		]);
	});

	it('keeps pauses, abbreviations and decimals inside the sentence', () => {
		expect(split('I was (…) not sure, e.g. the boss. It was 2.5 days... really')).toEqual([
			'I was (…) not sure, e.g. the boss.',
			'It was 2.5 days... really'
		]);
	});

	it('ends sentences at line breaks (LF and CRLF)', () => {
		expect(split('first line\r\nsecond line. Third\nfourth')).toEqual(['first line', 'second line.', 'Third', 'fourth']);
	});

	it('gives offsets into the whole text', () => {
		const t = 'P01: Hello there. Yes.';
		expect(sentencesIn(t, 5, t.length)).toEqual([
			[5, 17],
			[18, 22]
		]);
	});
});
