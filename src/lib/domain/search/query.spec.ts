import { describe, expect, it } from 'vitest';
import { boundedDistance, codeNameFromQuery, fuzzyDistance, literalPrefix, parseQuery, wildcardRegExp, type Clause } from './query';

const show = (c: Clause) => c.words.map((w) => (w.kind === 'word' ? (w.exact ? `=${w.text}` : w.text) : `~${w.pattern}`)).join(' ');

describe('parseQuery', () => {
	it('makes one group per word, folded', () => {
		const q = parseQuery('Sick  LEAVE');
		expect(q.groups.map((g) => g.map(show))).toEqual([['sick'], ['leave']]);
		expect(q.exclude).toEqual([]);
		expect(q.problems).toEqual([]);
	});

	it('keeps quoted phrases together and marks their words exact (straight or curly quotes)', () => {
		expect(parseQuery('"back to work" stress').groups.map((g) => g.map(show))).toEqual([['=back =to =work'], ['stress']]);
		expect(parseQuery('“Dårlig samvittighet”').groups.map((g) => g.map(show))).toEqual([['=dårlig =samvittighet']]);
	});

	it('closes an unclosed quote at the end', () => {
		expect(parseQuery('"back to').groups.map((g) => g.map(show))).toEqual([['=back =to']]);
	});

	it('reads wildcards, collapsing repeated stars', () => {
		expect(parseQuery('work* *ing w?rk wo**k').groups.map((g) => g.map(show))).toEqual([['~work*'], ['~*ing'], ['~w?rk'], ['~wo*k']]);
	});

	it('joins clauses around OR into one group, and lower-case or is a word', () => {
		expect(parseQuery('job OR work OR "sick leave" boss or').groups.map((g) => g.map(show))).toEqual([
			['job', 'work', '=sick =leave'],
			['boss'],
			['or']
		]);
		expect(parseQuery('OR job OR').groups.map((g) => g.map(show))).toEqual([['job']]);
	});

	it('reads -word and -"phrase" as exclusions', () => {
		const q = parseQuery('work -manager -"sick leave" a-b');
		expect(q.groups.map((g) => g.map(show))).toEqual([['work'], ['a b']]);
		expect(q.exclude.map(show)).toEqual(['manager', '=sick =leave']);
	});

	it('turns a hyphenated word into a phrase of its parts', () => {
		expect(parseQuery('sick-leave e-mail').groups.map((g) => g.map(show))).toEqual([['sick leave'], ['e mail']]);
	});

	it('says what it left out and why', () => {
		const q = parseQuery('* — work');
		expect(q.groups.map((g) => g.map(show))).toEqual([['work']]);
		expect(q.problems).toHaveLength(2);
		expect(q.problems[0]).toContain('wildcard needs at least one letter');
		expect(q.problems[1]).toContain('no letters or digits');
		expect(parseQuery('-work').problems.join(' ')).toContain('cannot only leave words out');
	});
});

describe('wildcards', () => {
	it('match whole words with * and ?', () => {
		expect(wildcardRegExp('work*').test('workplace')).toBe(true);
		expect(wildcardRegExp('work*').test('work')).toBe(true);
		expect(wildcardRegExp('*ing').test('working')).toBe(true);
		expect(wildcardRegExp('*ing').test('ingrid')).toBe(false);
		expect(wildcardRegExp('w?rk').test('work')).toBe(true);
		expect(wildcardRegExp('w?rk').test('wrk')).toBe(false);
		expect(wildcardRegExp('m?te').test('møte')).toBe(true);
	});

	it('have a literal prefix for the index lookup', () => {
		expect(literalPrefix('work*')).toBe('work');
		expect(literalPrefix('*ing')).toBe('');
		expect(literalPrefix('w?rk*')).toBe('w');
	});
});

describe('fuzzy distance', () => {
	it('allows no typo in short words, one in middling, two in long ones', () => {
		expect(fuzzyDistance('job')).toBe(0);
		expect(fuzzyDistance('work')).toBe(1);
		expect(fuzzyDistance('manager')).toBe(1);
		expect(fuzzyDistance('colleague')).toBe(2);
	});

	it('counts insertions, deletions, substitutions and swapped neighbours', () => {
		expect(boundedDistance('work', 'work', 1)).toBe(0);
		expect(boundedDistance('work', 'wrok', 1)).toBe(1);
		expect(boundedDistance('work', 'works', 1)).toBe(1);
		expect(boundedDistance('work', 'wor', 1)).toBe(1);
		expect(boundedDistance('work', 'fork', 1)).toBe(1);
		expect(boundedDistance('dialogmote', 'dialogmøte', 2)).toBe(1);
		expect(boundedDistance('colleague', 'collegaue', 2)).toBe(1);
		expect(boundedDistance('work', 'walk', 1)).toBe(2);
		expect(boundedDistance('work', 'working', 1)).toBe(2);
	});
});

describe('codeNameFromQuery', () => {
	it('keeps the words, without quotes, wildcards, OR and exclusions, capitalised', () => {
		expect(codeNameFromQuery('"sick leave" manag* OR boss -colleague')).toBe('Sick leave manag boss');
		expect(codeNameFromQuery('  “back to work”  ')).toBe('Back to work');
		expect(codeNameFromQuery('-only OR *')).toBe('');
	});
});
