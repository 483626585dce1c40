import { describe, expect, it } from 'vitest';
import type { Coding } from '../types';
import { planAutocode, type AutocodeInput } from './autocode';
import { kwic } from './kwic';

const text = 'P01: I went back to work. Work was hard.\r\nP01:   \r\n';

function input(over: Partial<AutocodeInput>): AutocodeInput {
	let n = 0;
	return {
		passages: [],
		texts: new Map([['d1', text]]),
		existing: [],
		projectId: 'p',
		codeId: 'c1',
		coderId: 'me',
		now: 1,
		newId: () => `new-${++n}`,
		...over
	};
}

const coding = (over: Partial<Coding>): Coding => ({
	id: 'x',
	projectId: 'p',
	docId: 'd1',
	codeId: 'c1',
	coderId: 'me',
	start: 0,
	end: 1,
	quote: '',
	prefix: '',
	suffix: '',
	createdAt: 0,
	...over
});

describe('planAutocode', () => {
	it('makes one anchored coding per distinct passage, trimmed like a hand-made one', () => {
		const plan = planAutocode(
			input({
				passages: [
					{ docId: 'd1', start: 5, end: 25 },
					{ docId: 'd1', start: 4, end: 26 },
					{ docId: 'd1', start: 26, end: 40 }
				]
			})
		);
		expect(plan.codings.map((c) => c.quote)).toEqual(['I went back to work.', 'Work was hard.']);
		expect(plan.codings.map((c) => c.id)).toEqual(['new-1', 'new-2']);
		expect(plan.codings[0]).toMatchObject({ docId: 'd1', codeId: 'c1', coderId: 'me', start: 5, end: 25, prefix: 'P01: ' });
		expect(plan.passages).toBe(2);
		expect(plan.changes).toEqual(plan.codings.map((c) => ({ kind: 'coding', before: null, after: c })));
		expect(plan.docCount).toBe(1);
	});

	it('skips passages the coder already coded with the code, but not other coders’ or codes’', () => {
		const plan = planAutocode(
			input({
				passages: [
					{ docId: 'd1', start: 5, end: 25 },
					{ docId: 'd1', start: 26, end: 40 }
				],
				existing: [
					coding({ start: 5, end: 25 }),
					coding({ start: 26, end: 40, coderId: 'someone else' }),
					coding({ start: 26, end: 40, codeId: 'c2' })
				]
			})
		);
		expect(plan.skipped).toBe(1);
		expect(plan.codings.map((c) => c.quote)).toEqual(['Work was hard.']);
	});

	it('counts passages of only spaces and of unknown transcripts as unusable', () => {
		const plan = planAutocode(input({ passages: [{ docId: 'd1', start: 46, end: 49 }, { docId: 'gone', start: 0, end: 3 }] }));
		expect(plan.unusable).toBe(2);
		expect(plan.changes).toEqual([]);
	});
});

describe('kwic', () => {
	const t = 'Interviewer: What happened?\n\nP02: Well, at first I went back to work two days a week, and then it slowly grew to four days.';
	const region = [34, t.length] as const;

	it('shows the hit with whole words of context, cut with an ellipsis', () => {
		const at = t.indexOf('work');
		const k = kwic(t, region[0], region[1], at, at + 4, 20);
		expect(k.match).toBe('work');
		expect(k.left).toBe('…I went back to ');
		expect(k.right).toBe(' two days a week,…');
	});

	it('never reaches into the neighbouring turn, and joins lines', () => {
		const k = kwic(t, region[0], region[1], 34, 38, 40);
		expect(k.left).toBe('');
		expect(k.match).toBe('Well');
		const k2 = kwic('a\r\nb c', 0, 6, 3, 4, 10);
		expect(k2).toEqual({ left: 'a ', match: 'b', right: ' c' });
	});
});
