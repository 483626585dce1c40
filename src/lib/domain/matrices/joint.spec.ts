import { describe, expect, it } from 'vitest';
import { code } from '../../../../tests/fixtures/codes';
import { makeTheme } from '../../../../tests/fixtures/themes';
import type { Coding, Participant, TranscriptDocument } from '../types';
import { beforeAfterPairs, jointDisplay, numericAttributes, type JointInput } from './joint';
import { summarise } from './common';

function doc(id: string, participantId: string | null, order: number): TranscriptDocument {
	return { id, projectId: 'p1', name: id === 'd5' ? 'Extra' : id, fileName: `${id}.txt`, participantId, encoding: 'utf-8', eol: 'lf', length: 1000, turnCount: 1, fingerprint: id, importedAt: 0, order };
}

function coding(id: string, codeId: string, docId: string): Coding {
	return { id, projectId: 'p1', docId, codeId, coderId: 'me', start: 0, end: 5, quote: 'xxxxx', prefix: '', suffix: '', createdAt: 0 };
}

const person = (label: string, attributes: Participant['attributes']): Participant => ({ id: `p1:${label}`, projectId: 'p1', label, attributes });

/** As the matrix spec: T1 {A1} has P1 and P2; T2 {B} has P3 (P1’s extract does not fit). */
function input(): JointInput {
	return {
		codes: [code('A', null, 0), code('A1', 'A', 0), code('B', null, 1)],
		documents: [doc('d1', 'P1', 0), doc('d2', 'P2', 1), doc('d3', 'P3', 2), doc('d4', 'P1', 3), doc('d5', null, 4)],
		participants: [
			person('P1', { pre: 2, post: 4, group: 'a' }),
			person('P2', { pre: 3, post: 3, group: 'b' }),
			person('P3', { pre: 1, post: null, group: 'a' }),
			person('P4', { pre: '5', post: 6, group: 'b' })
		],
		codings: [coding('k1', 'A', 'd1'), coding('k2', 'A1', 'd1'), coding('k2b', 'A1', 'd4'), coding('k3', 'A1', 'd2'), coding('k4', 'B', 'd3'), coding('k5', 'B', 'd4'), coding('k6', 'A', 'd5')],
		themes: [
			makeTheme('M', { main: true, order: 0, status: 'kept' }),
			makeTheme('T1', { parentId: 'M', codeIds: ['A1'] }),
			makeTheme('T2', { order: 1, codeIds: ['B'], reviews: { k5: 'misfit' } }),
			makeTheme('T3', { order: 2, codeIds: ['A'], status: 'discarded' })
		],
		attributes: [
			{ name: 'pre', type: 'number' },
			{ name: 'post', type: 'number' },
			{ name: 'group', type: 'category' }
		]
	};
}

describe('summaries', () => {
	it('n, mean (sample SD), median, range of the values present', () => {
		const s = summarise([2, 3, null, 7]);
		expect(s.n).toBe(3);
		expect(s.mean).toBe(4);
		expect(s.sd).toBeCloseTo(Math.sqrt(7)); // ((4 + 1 + 9) / 2)
		expect(s.median).toBe(3);
		expect([s.min, s.max]).toEqual([2, 7]);
		expect(summarise([5])).toEqual({ n: 1, mean: 5, sd: null, median: 5, min: 5, max: 5 });
		expect(summarise([null]).n).toBe(0);
	});
});

describe('joint display', () => {
	it('contributors as counted for the theme table, everyone else as non-contributors, with their numbers', () => {
		const j = jointDisplay(input(), { attributes: ['pre', 'post'], change: { before: 'pre', after: 'post' } });
		expect(j.participants).toEqual(['Extra', 'P1', 'P2', 'P3', 'P4']);
		expect(j.themes.map((t) => [t.theme.id, t.contributors, t.others])).toEqual([
			['M', ['P1', 'P2'], ['Extra', 'P3', 'P4']],
			['T1', ['P1', 'P2'], ['Extra', 'P3', 'P4']],
			['T2', ['P3'], ['Extra', 'P1', 'P2', 'P4']]
		]);
		expect([...j.themes[1].extracts]).toEqual([
			['P1', 2],
			['P2', 1]
		]);
		expect(j.values.get('P4')).toEqual([5, 6]); // "5" read as a number
		expect(j.values.get('Extra')).toEqual([null, null]);
		expect([...j.changes]).toEqual([
			['Extra', null],
			['P1', 2],
			['P2', 0],
			['P3', null],
			['P4', 1]
		]);

		const [pre, post] = j.themes[1].stats;
		expect(pre.contributors).toMatchObject({ n: 2, mean: 2.5, median: 2.5 });
		expect(pre.contributors.sd).toBeCloseTo(Math.SQRT1_2);
		expect(pre.others).toMatchObject({ n: 2, mean: 3, median: 3 }); // P3 1, P4 5; Extra missing
		expect(post.others).toMatchObject({ n: 1, mean: 6, sd: null });
		expect(j.themes[1].change!.contributors).toMatchObject({ n: 2, mean: 1, median: 1 });
		expect(j.themes[1].change!.others).toMatchObject({ n: 1, mean: 1 });
		expect(j.themes[2].change!.contributors.n).toBe(0); // P3 has no "post"
		expect(j.overall.stats[0]).toMatchObject({ n: 4, mean: 2.75 });
		expect(j.overall.change).toMatchObject({ n: 3, mean: 1 });
	});

	it('without a before/after pair there is no change', () => {
		const j = jointDisplay(input(), { attributes: ['post'] });
		expect(j.change).toBe(null);
		expect(j.themes[0].change).toBe(null);
		expect(j.themes[0].stats).toHaveLength(1);
	});

	it('a higher bar for contributing: at least two extracts in the theme', () => {
		const j = jointDisplay(input(), { attributes: ['pre'], minExtracts: 2 });
		// T1: P1 has k2 and k2b (two interviews), P2 only k3.
		expect(j.themes.map((t) => [t.theme.id, t.contributors])).toEqual([
			['M', ['P1']],
			['T1', ['P1']],
			['T2', []]
		]);
		expect(j.themes[1].others).toEqual(['Extra', 'P2', 'P3', 'P4']);
		expect(j.minExtracts).toBe(2);
	});

	it('leaving candidates out counts as the theme table does without them', () => {
		const j = jointDisplay(input(), { attributes: ['pre'], includeCandidates: false });
		expect(j.themes.map((t) => [t.theme.id, t.contributors])).toEqual([['M', []]]);
	});

	it('finds numeric attributes and before/after pairs by their names', () => {
		expect(numericAttributes(input())).toEqual(['pre', 'post']);
		expect(
			beforeAfterPairs(['sick_leave_pct_at_start', 'sick_leave_pct_at_end', 'rtw_self_efficacy_pre', 'rtw_self_efficacy_post', 'age', 'pain before', 'pain after'])
		).toEqual([
			{ before: 'sick_leave_pct_at_start', after: 'sick_leave_pct_at_end' },
			{ before: 'rtw_self_efficacy_pre', after: 'rtw_self_efficacy_post' },
			{ before: 'pain before', after: 'pain after' }
		]);
		expect(beforeAfterPairs(['prefix', 'postfix'])).toEqual([]);
	});
});
