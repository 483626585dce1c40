import { describe, expect, it } from 'vitest';
import { parseTurns } from '../../domain/turns';
import { readSrt } from './srt';

function ok(text: string) {
	const r = readSrt(text);
	if (!r.ok) throw new Error(r.message);
	return { ...r, turns: parseTurns(r.text, r.labels) };
}

describe('SubRip', () => {
	it('reads numbered cues with Speaker: lines and merges a speaker’s cues into one turn', () => {
		const r = ok(
			[
				'1',
				'00:00:01,388 --> 00:00:11,224',
				'Interviewer: Right, I think',
				'we’re recording.',
				'',
				'2',
				'00:00:12,231 --> 00:00:14,292',
				'P01: That is okay.',
				'',
				'3',
				'00:00:14,500 --> 00:00:16,000',
				'P01: Go ahead.',
				''
			].join('\r\n')
		);
		expect(r.text).toBe('[00:00:01] Interviewer: Right, I think we’re recording.\n\n[00:00:12] P01: That is okay. Go ahead.\n');
		expect(r.turns.map((t) => [t.speaker, t.role, t.timestamp])).toEqual([
			['Interviewer', 'interviewer', '00:00:01'],
			['P01', 'participant', '00:00:12']
		]);
		expect(r.note).toBe('SubRip: 3 captions merged into 2 speaker turns with their start times');
	});

	it('strips formatting tags and positioning codes, and continues a speaker over unlabelled cues', () => {
		const r = ok(
			[
				'1',
				'00:00:01,000 --> 00:00:02,000',
				'{\\an8}<i>I:</i> Was it <b>hard</b>?',
				'',
				'2',
				'00:00:02,000 --> 00:00:04,000',
				'R: <font color="#ffffff">Very.</font>',
				'',
				'3',
				'00:00:04,000 --> 00:00:06,000',
				'It took a year & more, 2 < 3.',
				''
			].join('\n')
		);
		expect(r.text).toBe('[00:00:01] I: Was it hard?\n\n[00:00:02] R: Very. It took a year & more, 2 < 3.\n');
	});

	it('is lenient with missing numbers, dot decimals and a stray blank line inside a cue', () => {
		const r = ok('00:00:01.000 --> 00:00:02.000\nP02: One\n\ntwo\n\n2\n00:00:03,000 --> 00:00:04,000\nInterviewer: Three\n');
		expect(r.text).toBe('[00:00:01] P02: One two\n\n[00:00:03] Interviewer: Three\n');
	});

	it('splits a cue with two speakers on two lines', () => {
		const r = ok('1\n00:00:01,000 --> 00:00:03,000\nInterviewer: Ready?\nP03: Yes.\n');
		expect(r.turns.map((t) => t.speaker)).toEqual(['Interviewer', 'P03']);
	});

	it('refuses a file without cues and one whose cues hold no text', () => {
		const none = readSrt('Interviewer: this is a plain transcript\n\nP01: with no cues\n');
		expect(none).toEqual({ ok: false, message: expect.stringMatching(/^no subtitles found: an \.srt file is numbered cues/) });
		const empty = readSrt('1\n00:00:01,000 --> 00:00:02,000\n<i></i>\n');
		expect(empty).toEqual({ ok: false, message: 'the subtitles hold no text.' });
	});
});
