import { describe, expect, it } from 'vitest';
import { CodeSearch } from './codes';
import type { Code } from '../domain/types';

function code(id: string, name: string, definition = ''): Code {
	return { id, projectId: 'p', parentId: null, order: 0, name, color: '#888888', definition, include: '', exclude: '', example: '', createdAt: 0 };
}

describe('CodeSearch', () => {
	const codes = [
		code('a', 'Stigma at work', 'Fear of being judged by colleagues'),
		code('b', 'Graded return', 'Returning to work step by step'),
		code('c', 'Worry postponement', 'Postponing worry to a set time')
	];

	it('finds a code by a misspelt name first', () => {
		const hits = new CodeSearch(codes).search('stigms');
		expect(hits[0].code.id).toBe('a');
	});

	it('finds a code by words of its definition', () => {
		const hits = new CodeSearch(codes).search('step by step');
		expect(hits.map((h) => h.code.id)).toContain('b');
	});

	it('returns nothing for an empty query', () => {
		expect(new CodeSearch(codes).search('  ')).toEqual([]);
	});
});
