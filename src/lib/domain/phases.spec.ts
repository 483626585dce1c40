import { describe, expect, it } from 'vitest';
import { sampleBackup } from '../../../tests/fixtures/sampleBackup';
import { phaseStatus, type PhaseInput } from './phases';

function input(): PhaseInput {
	const b = sampleBackup();
	return { ...b, themes: [], notes: [], reading: [] };
}

const fact = (s: ReturnType<typeof phaseStatus>, n: number, label: string) => s[n - 1].facts.find((f) => f.label.startsWith(label))?.value;

describe('the phase guide', () => {
	it('starts a coded project with nothing read and every used code in the pile', () => {
		const s = phaseStatus(input());
		expect(s.map((p) => p.n)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(fact(s, 1, 'transcripts read')).toBe('0 of 23');
		expect(fact(s, 2, 'transcripts coded')).toBe('23 of 23');
		expect(s[1].progress).toBe(1);
		expect(fact(s, 3, 'used codes not yet')).toBe('41 of 41');
		expect(s[2].next).toMatch(/Create candidate themes/);
		expect(s[3].progress).toBe(0);
	});

	it('follows reading, themes, verdicts, definitions and quotes', () => {
		const b = sampleBackup();
		const i: PhaseInput = {
			...b,
			reading: [
				{ docId: 'P01', projectId: 'x', furthest: 10, readAt: 5 },
				{ docId: 'P02', projectId: 'x', furthest: 10, readAt: null }
			],
			notes: [{ id: 'n', projectId: 'x', kind: 'journal', target: { type: 'project' }, text: 't', createdAt: 1, updatedAt: 1 }]
		};
		const firstTheme = b.themes.find((t) => t.parentId !== null)!;
		i.themes = b.themes.map((t) => (t.id === firstTheme.id ? { ...t, definition: { ...t.definition, concept: '' }, reviews: { [b.codings.find((c) => t.codeIds.includes(c.codeId))!.id]: 'fits' } } : t));
		const s = phaseStatus(i);
		expect(fact(s, 1, 'transcripts read')).toBe('1 of 23');
		expect(fact(s, 1, 'being read')).toBe('1');
		expect(fact(s, 1, 'journal')).toBe('1');
		expect(fact(s, 3, 'main themes')).toBe('2');
		expect(fact(s, 3, 'themes')).toBe('5');
		expect(fact(s, 3, 'used codes not yet')).toBe('13 of 41'); // the 13 codes the codebook leaves outside every theme
		expect(fact(s, 4, 'extracts checked')).toMatch(/^1 of \d+$/);
		expect(fact(s, 5, 'themes defined')).toBe('4 of 5');
		expect(fact(s, 5, 'themes with quotes')).toBe('5 of 5');
		expect(fact(s, 6, 'themes kept')).toBe('4 of 5');
		expect(s[4].next).toMatch(/Define the 1 theme /);
	});
});
