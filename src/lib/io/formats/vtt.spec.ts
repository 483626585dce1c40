import { describe, expect, it } from 'vitest';
import { parseTurns } from '../../domain/turns';
import { clockOf, parseCueTime } from './captions';
import { readVtt } from './vtt';

function ok(text: string) {
	const r = readVtt(text);
	if (!r.ok) throw new Error(r.message);
	return { ...r, turns: parseTurns(r.text, r.labels) };
}

describe('WebVTT', () => {
	it('merges consecutive cues of one speaker into a turn with the first cue’s start time', () => {
		const r = ok(
			[
				'WEBVTT - interview P04',
				'Kind: captions',
				'',
				'NOTE',
				'Synthetic. Not real data.',
				'',
				'STYLE',
				'::cue { color: yellow }',
				'',
				'1',
				'00:00:01.388 --> 00:00:11.224 align:start position:10%',
				'<v Interviewer>Right, I think we’re recording.',
				'',
				'2',
				'00:00:12.999 --> 00:00:14.292',
				'<v P04>That is okay.',
				'',
				'00:00:14.500 --> 00:00:16.000',
				'<v P04>Go ahead.',
				'',
				'4',
				'01:02:03.000 --> 01:02:05.000',
				'<v.loud Interviewer>Thank you.</v>',
				''
			].join('\n')
		);
		expect(r.text).toBe(
			'[00:00:01] Interviewer: Right, I think we’re recording.\n\n' +
				'[00:00:12] P04: That is okay. Go ahead.\n\n' +
				'[01:02:03] Interviewer: Thank you.\n'
		);
		expect(r.turns.map((t) => [t.speaker, t.role, t.timestamp])).toEqual([
			['Interviewer', 'interviewer', '00:00:01'],
			['P04', 'participant', '00:00:12'],
			['Interviewer', 'interviewer', '01:02:03']
		]);
		expect(r.note).toBe('WebVTT: 4 captions merged into 3 speaker turns with their start times');
	});

	it('removes tags, decodes entities and joins a cue’s lines', () => {
		const r = ok(
			'WEBVTT\n\n00:01.000 --> 00:04.000\n<v P01><c.yellow>Fish</c> &amp; <i>chips</i> &lt;3\n<00:00:02.500>and <b>more</b>&nbsp;food\n'
		);
		expect(r.text).toBe('[00:00:01] P01: Fish & chips <3 and more\u00a0food\n');
	});

	it('keeps speaker names Teams writes, and several voices in one cue, as turns', () => {
		const r = ok(
			[
				'WEBVTT',
				'',
				'6f3c1a-0',
				'00:00:02.000 --> 00:00:05.000',
				'<v Anna Berg>So how did it start?</v>',
				'',
				'6f3c1a-1',
				'00:00:05.500 --> 00:00:09.000',
				'<v Ola Nordmann>It started at work.</v> <v Anna Berg>Right.</v>',
				''
			].join('\r\n')
		);
		expect(r.labels.sort()).toEqual(['Anna Berg', 'Ola Nordmann']);
		expect(r.turns.map((t) => [t.speaker, t.timestamp, r.text.slice(t.textStart, t.end)])).toEqual([
			['Anna Berg', '00:00:02', 'So how did it start?'],
			['Ola Nordmann', '00:00:05', 'It started at work.'],
			['Anna Berg', '00:00:05', 'Right.']
		]);
		// Without the extra labels plain-text rules would not take these names for speakers.
		expect(parseTurns(r.text)).toEqual([]);
	});

	it('tells apart names that start alike, and names with characters that mean something in patterns', () => {
		const r = ok(
			'WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>Hi.\n\n00:03.000 --> 00:04.000\n<v Ann Lee>Hello.\n\n00:05.000 --> 00:06.000\n<v Dr. O’Neil (GP)>Yes?\n'
		);
		expect(r.turns.map((t) => [t.speaker, t.role])).toEqual([
			['Ann', 'participant'],
			['Ann Lee', 'participant'],
			['Dr. O’Neil (GP)', 'participant']
		]);
	});

	it('takes "Name: text" cues (Zoom) as speakers when a name starts at least two cues', () => {
		const r = ok(
			[
				'WEBVTT',
				'',
				'1',
				'00:00:01.000 --> 00:00:03.000',
				'Kari Holm: Shall we start?',
				'',
				'2',
				'00:00:03.500 --> 00:00:06.000',
				'Per: Yes. Note: I may need to stop early.',
				'',
				'3',
				'00:00:06.500 --> 00:00:08.000',
				'that is fine',
				'',
				'4',
				'00:00:09.000 --> 00:00:12.000',
				'Kari Holm: Good.',
				'Per: Good.',
				''
			].join('\n')
		);
		// "Per" starts two cues, so it is a speaker too; the unlabelled cue continues Per's turn.
		expect(r.text).toBe(
			'[00:00:01] Kari Holm: Shall we start?\n\n' +
				'[00:00:03] Per: Yes. Note: I may need to stop early. that is fine\n\n' +
				'[00:00:09] Kari Holm: Good.\n\n' +
				'[00:00:09] Per: Good.\n'
		);
		expect(r.turns).toHaveLength(4);
	});

	it('makes paragraphs at pauses when no cue names a speaker', () => {
		const r = ok('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello\n\n00:00:02.500 --> 00:00:03.000\nthere.\n\n00:00:09.000 --> 00:00:10.000\nLater.\n');
		expect(r.text).toBe('[00:00:01] Hello there.\n\n[00:00:09] Later.\n');
		expect(r.turns).toEqual([]);
		expect(r.note).toContain('2 paragraphs without a speaker name');
	});

	it('reads a hostile cue of 100,000 unclosed tags without stalling', () => {
		const r = ok('WEBVTT\n\n00:01.000 --> 00:02.000\n<v P01>' + '<v '.repeat(100_000) + '\n');
		expect(r.turns).toHaveLength(1);
		expect(r.text.length).toBeGreaterThan(300_000);
	});

	it('refuses a file without the WEBVTT header, and says when it looks like SubRip', () => {
		const srtLike = readVtt('1\n00:00:01,000 --> 00:00:02,000\nP01: Hi\n');
		expect(srtLike).toEqual({ ok: false, message: expect.stringMatching(/^this is not a WebVTT file: the first line must be “WEBVTT”.*Rename the file to \.srt/) });
		const other = readVtt('Interviewer: hello\n');
		expect(other.ok).toBe(false);
		if (!other.ok) expect(other.message).toMatch(/its first line must be “WEBVTT”/);
		// "WEBVTTX" is not the header either.
		expect(readVtt('WEBVTTX\n\n00:01.000 --> 00:02.000\nP01: hi\n').ok).toBe(false);
	});

	it('refuses a file with a header and no cues, and skips blocks with broken time lines', () => {
		const none = readVtt('WEBVTT\n\nNOTE nothing here\n');
		expect(none.ok).toBe(false);
		if (!none.ok) expect(none.message).toMatch(/holds no captions/);
		const r = ok('WEBVTT\n\n1\n00:00:xx --> 00:00:02.000\nP01: lost\n\n2\n00:00:03.000 --> 00:00:04.000\nP01: kept\n');
		expect(r.text).toBe('[00:00:03] P01: kept\n');
		expect(r.note).toContain('1 block without a valid time line skipped');
	});
});

describe('cue times', () => {
	it('reads WebVTT and SubRip times and writes hh:mm:ss rounded down', () => {
		expect(parseCueTime('00:00:01.388')).toBeCloseTo(1.388);
		expect(parseCueTime('12:31.5')).toBeCloseTo(751.5);
		expect(parseCueTime('1:02:03,004')).toBeCloseTo(3723.004);
		expect(parseCueTime('00:61:00.000')).toBeNull();
		expect(parseCueTime('soon')).toBeNull();
		expect(clockOf(3723.999)).toBe('01:02:03');
		expect(clockOf(0)).toBe('00:00:00');
	});
});
