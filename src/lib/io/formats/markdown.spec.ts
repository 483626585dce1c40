import { describe, expect, it } from 'vitest';
import { parseTurns } from '../../domain/turns';
import { readMarkdown } from './markdown';

function ok(md: string) {
	const r = readMarkdown(md);
	if (!r.ok) throw new Error(r.message);
	return { ...r, turns: parseTurns(r.text) };
}

describe('Markdown transcripts', () => {
	it('strips headings, emphasis and front matter; bold labels become turns', () => {
		const r = ok(
			[
				'---',
				'title: Interview P03',
				'---',
				'# Interview P03 — transcript',
				'',
				'**Interviewer:** How was the *first* week back?',
				'',
				'**P03**: It was __hard__, [really](https://example.org "x") hard. I was ~~fine~~ — tired.',
				'',
				'*[00:12:31]* **P03:** Later it got better.',
				''
			].join('\n')
		);
		expect(r.text).toBe(
			'Interview P03 — transcript\n\n' +
				'Interviewer: How was the first week back?\n\n' +
				'P03: It was hard, really hard. I was fine — tired.\n\n' +
				'[00:12:31] P03: Later it got better.\n'
		);
		expect(r.turns.map((t) => [t.speaker, t.role, t.timestamp])).toEqual([
			['Interviewer', 'interviewer', undefined],
			['P03', 'participant', undefined],
			['P03', 'participant', '00:12:31']
		]);
		expect(r.note).toBe('Markdown: markup removed (1 heading, 7 emphases, 1 link)');
	});

	it('keeps placeholders, snake_case, escaped characters and code as written', () => {
		const r = ok('P01: I told [name] at [workplace] about file_name_v2, \\*not\\* a star, `**raw**` and 2 * 3 * 4.\n');
		expect(r.text).toBe('P01: I told [name] at [workplace] about file_name_v2, *not* a star, **raw** and 2 * 3 * 4.\n');
	});

	it('removes list and quote markers, rules, HTML and comments; table rows become turns', () => {
		const r = ok(
			[
				'> I: Quoted question?',
				'',
				'- R: Listed answer',
				'- [x] R: done',
				'1. R: numbered',
				'',
				'***',
				'',
				'<!-- transcriber: check',
				'this later -->',
				'<span class="x">R:</span> tagged<br>text',
				'',
				'| Time | Speaker | Text |',
				'| --- | :--- | ---: |',
				'| 00:03:04 | Interviewer | In a table |',
				'',
				'```',
				'*kept* as is',
				'```'
			].join('\n')
		);
		expect(r.text).toBe(
			'I: Quoted question?\n\nR: Listed answer\nR: done\nR: numbered\n\nR: tagged text\n\n[00:03:04] Interviewer: In a table\n\n*kept* as is\n'
		);
		expect(r.turns.map((t) => t.speaker)).toEqual(['I', 'R', 'R', 'R', 'R', 'Interviewer']);
	});

	it('reads hostile markup as text without stalling (no unbounded backtracking)', () => {
		// Each of these took from a minute to several minutes with unbounded span patterns.
		const mixed = '*a _b '.repeat(40_000);
		expect(readMarkdown(mixed)).toMatchObject({ ok: true, text: mixed.trimEnd() + '\n' });
		const brackets = '['.repeat(100_000) + ']('.repeat(50_000);
		expect(readMarkdown(brackets)).toMatchObject({ ok: true, text: brackets + '\n' });
		const comments = 'P01: a <!-- b '.repeat(30_000);
		expect(readMarkdown(comments)).toMatchObject({ ok: true, text: comments.trimEnd() + '\n' });
	});

	it('refuses a file that is only markup', () => {
		expect(readMarkdown('---\n\n<!-- nothing -->\n\n***\n')).toEqual({
			ok: false,
			message: 'the Markdown file holds no text once its markup is removed.'
		});
	});
});
