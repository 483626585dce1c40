import { describe, expect, it } from 'vitest';
import { contextAround } from '../anchors';
import { mulberry32 } from '../random';
import { parseTurns } from '../turns';
import type { Coding, Decision, DocumentContent, Note, TranscriptDocument } from '../types';
import { applyPlan, findTerm, keyFromCsv, keyToCsv, mapSpan, mergeKeys, planReplacements, rewrite, type AcceptedItem, type Replacement } from './apply';
import { PSEUDO_FEMALE, PSEUDO_MALE, PSEUDO_SURNAMES } from './pseudonyms';
import { DEFAULT_MODES, type DeidCategory, type ReplacementMode } from './types';

const PSEUDONYMS: Record<DeidCategory, ReplacementMode> = { ...DEFAULT_MODES };
const PLACEHOLDERS = Object.fromEntries(Object.keys(DEFAULT_MODES).map((k) => [k, 'placeholder'])) as Record<DeidCategory, ReplacementMode>;

function docOf(id: string, text: string) {
	return { id, name: id, text, turns: parseTurns(text) };
}

/** An accepted item for the first occurrence of `what` in `text` (after `from`). */
function item(docId: string, text: string, what: string, category: DeidCategory, from = 0, replacement?: string): AcceptedItem {
	const start = text.indexOf(what, from);
	if (start < 0) throw new Error(`${what} not in text`);
	return { docId, start, end: start + what.length, category, replacement };
}

function coding(id: string, docId: string, text: string, start: number, end: number): Coding {
	return { id, projectId: 'p', docId, codeId: 'c', coderId: 'me', start, end, quote: text.slice(start, end), ...contextAround(text, start, end), createdAt: 1 };
}

function rowOf(id: string, text: string): { doc: TranscriptDocument; content: DocumentContent } {
	const turns = parseTurns(text);
	return {
		doc: { id, projectId: 'p', name: id, fileName: `${id}.txt`, participantId: id, encoding: 'utf-8', eol: 'lf', length: text.length, turnCount: turns.length, fingerprint: 'x', importedAt: 1, order: 0 },
		content: { docId: id, text, turns }
	};
}

describe('planReplacements', () => {
	const t1 = 'P01: The caseworker, Kristin Olsen, was kind. My manager, Lars, too.';
	const t2 = 'P02: Kristin rang. Olsen wrote. Lars was away. I live in Bergen.';

	it('gives the same person the same pseudonym in every transcript, part by part', () => {
		const plan = planReplacements({
			docs: [docOf('P01', t1), docOf('P02', t2)],
			items: [
				item('P01', t1, 'Kristin Olsen', 'name'),
				item('P01', t1, 'Lars', 'name'),
				item('P02', t2, 'Kristin', 'name'),
				item('P02', t2, 'Olsen', 'name'),
				item('P02', t2, 'Lars', 'name'),
				item('P02', t2, 'Bergen', 'place')
			],
			modes: PSEUDONYMS
		});
		const r1 = plan.byDoc.get('P01')!;
		const r2 = plan.byDoc.get('P02')!;
		const [first, sur] = r1[0].replacement.split(' ');
		expect(r2[0].replacement).toBe(first);
		expect(r2[1].replacement).toBe(sur);
		expect(r1[1].replacement).toBe(r2[2].replacement);
		// Kristin is a woman's name and Lars a man's: the pseudonyms keep that.
		expect(PSEUDO_FEMALE).toContain(first);
		expect(PSEUDO_SURNAMES).toContain(sur);
		expect(PSEUDO_MALE).toContain(r1[1].replacement);
		expect(new Set([first, sur, r1[1].replacement, r2[3].replacement]).size).toBe(4);
		// The key: one line per distinct original, with the documents it was replaced in.
		const lars = plan.key.find((k) => k.original === 'Lars')!;
		expect(lars).toMatchObject({ category: 'name', documents: ['P01', 'P02'] });
		expect(plan.key.map((k) => k.original).sort()).toEqual(['Bergen', 'Kristin', 'Kristin Olsen', 'Lars', 'Olsen']);
	});

	it('writes placeholders when the analyst chooses them', () => {
		const plan = planReplacements({
			docs: [docOf('P02', t2)],
			items: [item('P02', t2, 'Kristin', 'name'), item('P02', t2, 'Bergen', 'place')],
			modes: PLACEHOLDERS
		});
		expect(plan.byDoc.get('P02')!.map((r) => r.replacement)).toEqual(['[name]', '[place]']);
	});

	it('uses a typed replacement for that detail everywhere', () => {
		const plan = planReplacements({
			docs: [docOf('P01', t1), docOf('P02', t2)],
			items: [item('P01', t1, 'Lars', 'name', 0, 'the manager'), item('P02', t2, 'Lars', 'name')],
			modes: PSEUDONYMS
		});
		expect(plan.byDoc.get('P02')![0].replacement).toBe('the manager');
	});

	it('finds the analyst’s own terms everywhere, whole words, any case, never in speaker labels', () => {
		const a = 'P01: I worked at Elkjøp, then ELKJØP moved. Elkjøpsenteret is new.';
		const b = 'Elkjøp: this line starts with the term as a label.\n\nP02: elkjøp again';
		expect(findTerm(a, 'elkjøp').map((h) => a.slice(h.start, h.end))).toEqual(['Elkjøp', 'ELKJØP']);
		const plan = planReplacements({ docs: [docOf('P01', a), docOf('B', b)], items: [], terms: [{ text: 'Elkjøp', category: 'workplace' }], modes: PLACEHOLDERS });
		expect(plan.byDoc.get('P01')!.map((r) => r.original)).toEqual(['Elkjøp', 'ELKJØP']);
		// "Elkjøp:" at the start of a line is not a speaker label Tema knows, so it is text here.
		expect(plan.byDoc.get('B')!.map((r) => r.original)).toEqual(['Elkjøp', 'elkjøp']);
		const labelled = 'Interviewer (Anna): Hello Anna.';
		expect(findTerm(labelled, 'Anna', parseTurns(labelled)).map((h) => h.start)).toEqual([26]);
	});

	it('keeps earlier pseudonyms when given the earlier key', () => {
		const first = planReplacements({ docs: [docOf('P01', t1)], items: [item('P01', t1, 'Kristin Olsen', 'name')], modes: PSEUDONYMS });
		const again = planReplacements({ docs: [docOf('P02', t2)], items: [item('P02', t2, 'Olsen', 'name')], modes: PSEUDONYMS, previousKey: first.key });
		expect(again.byDoc.get('P02')![0].replacement).toBe(first.key[0].replacement.split(' ')[1]);
	});

	it('keeps the kind of workplace, the shape of numbers and the year of birth', () => {
		const t = 'P03: I work at Tusenfryd barnehage and Bakkelund Bygg AS. Call 968 73 202 or +47 477 36 269. Born 22 July 1974, or 12.06.1971. ID 22877438876. Mail kari@example.com. I lived in Storgata 12.';
		const plan = planReplacements({
			docs: [docOf('P03', t)],
			items: [
				item('P03', t, 'Tusenfryd barnehage', 'workplace'),
				item('P03', t, 'Bakkelund Bygg AS', 'workplace'),
				item('P03', t, '968 73 202', 'phone'),
				item('P03', t, '+47 477 36 269', 'phone'),
				item('P03', t, '22 July 1974', 'date_of_birth'),
				item('P03', t, '12.06.1971', 'date_of_birth'),
				item('P03', t, '22877438876', 'national_id'),
				item('P03', t, 'kari@example.com', 'email'),
				item('P03', t, 'Storgata 12', 'address')
			],
			modes: Object.fromEntries(Object.keys(DEFAULT_MODES).map((k) => [k, 'pseudonym'])) as Record<DeidCategory, ReplacementMode>
		});
		const r = plan.byDoc.get('P03')!.map((x) => x.replacement);
		expect(r[0]).toMatch(/^\S+ barnehage$/);
		expect(r[1]).toMatch(/^\S+ Bygg AS$/);
		expect(r[2]).toBe('000 00 001');
		expect(r[3]).toBe('+47 000 00 002');
		expect(r[4]).toBe('1 January 1974');
		expect(r[5]).toBe('01.01.1971');
		expect(r[6]).toBe('00000000001');
		expect(r[7]).toBe('person1@example.org');
		expect(r[8]).toMatch(/^\p{L}+ \d+$/u);
	});
});

describe('applyPlan', () => {
	const text = 'Interviewer: Who helped?\n\nP01: My manager, Kari Nordmann, was very good about it. Kari rang every week.\n\nInterviewer: And then?\n\nP01: Then I went back to Bergen.';

	function setup(modes = PSEUDONYMS) {
		const row = rowOf('P01', text);
		const plan = planReplacements({
			docs: [{ id: 'P01', name: 'P01', text, turns: row.content.turns }],
			items: [item('P01', text, 'Kari Nordmann', 'name'), item('P01', text, 'Kari', 'name', text.indexOf('Kari rang')), item('P01', text, 'Bergen', 'place')],
			modes
		});
		const sentence = text.indexOf('My manager');
		const codings = [
			coding('whole-sentence', 'P01', text, sentence, text.indexOf('about it.') + 9),
			coding('just-the-name', 'P01', text, text.indexOf('Kari Nordmann'), text.indexOf('Kari Nordmann') + 13),
			coding('half-the-name', 'P01', text, sentence, text.indexOf('Nordmann') + 3),
			coding('after', 'P01', text, text.indexOf('Then I went'), text.indexOf('Then I went') + 11),
			coding('other-doc', 'P02', 'P02: nothing here', 5, 12)
		];
		const notes: Note[] = [
			{
				id: 'n1',
				projectId: 'p',
				kind: 'familiarisation',
				target: { type: 'passage', docId: 'P01', ...(({ start, end, quote, prefix, suffix }) => ({ start, end, quote, prefix, suffix }))(codings[0]) },
				text: 'support from the manager',
				createdAt: 1,
				updatedAt: 1
			}
		];
		const decisions: Decision[] = [
			{ id: 'd1', projectId: 'p', consensusId: 'k', docId: 'P01', codeId: 'c', start: text.indexOf('Then'), end: text.length, status: 'only', coderIds: [], decision: 'reject', codingIds: [], decidedBy: 'me', decidedAt: 1 }
		];
		const result = applyPlan({ rows: [row], plan, codings, notes, decisions });
		return { plan, result, codings };
	}

	it('rewrites the text and re-parses its turns', () => {
		const { result, plan } = setup();
		const [row] = result.rows;
		const pseudo = plan.byDoc.get('P01')![0].replacement;
		expect(row.content.text).toContain(`My manager, ${pseudo}, was very good about it. ${pseudo.split(' ')[0]} rang`);
		expect(row.content.text).not.toMatch(/Kari|Nordmann|Bergen/);
		expect(row.doc.length).toBe(row.content.text.length);
		expect(row.content.turns).toEqual(parseTurns(row.content.text));
		expect(row.content.turns.map((t) => t.speaker)).toEqual(['Interviewer', 'P01', 'Interviewer', 'P01']);
	});

	it('moves every coding with its words and never drops one', () => {
		const { result, plan } = setup();
		const newText = result.rows[0].content.text;
		const after = new Map(result.changes.filter((c) => c.kind === 'coding').map((c) => [c.after!.id, c.after as Coding]));
		const pseudo = plan.byDoc.get('P01')![0].replacement;
		expect(after.get('whole-sentence')!.quote).toBe(`My manager, ${pseudo}, was very good about it.`);
		// A coding whose whole quote was the name covers the pseudonym.
		expect(after.get('just-the-name')!.quote).toBe(pseudo);
		// A coding that ended inside the name grows to the end of its replacement.
		expect(after.get('half-the-name')!.quote).toBe(`My manager, ${pseudo}`);
		expect(after.get('after')!.quote).toBe('Then I went');
		for (const c of after.values()) {
			expect(newText.slice(c.start, c.end)).toBe(c.quote);
			expect(contextAround(newText, c.start, c.end)).toEqual({ prefix: c.prefix, suffix: c.suffix });
		}
		expect(after.has('other-doc')).toBe(false);
		expect(result.counts).toMatchObject({ documents: 1, replacements: 3, codings: 4, notes: 1, decisions: 1 });
	});

	it('moves passage notes and decisions too', () => {
		const { result } = setup(PLACEHOLDERS);
		const newText = result.rows[0].content.text;
		const note = result.changes.find((c) => c.kind === 'note')!.after as Note;
		expect(note.target.type === 'passage' && note.target.quote).toBe('My manager, [name], was very good about it.');
		expect(note.text).toBe('support from the manager');
		const d = result.changes.find((c) => c.kind === 'decision')!.after as Decision;
		expect(newText.slice(d.start, d.end)).toBe('Then I went back to [place].');
	});

	it('replaces identifiers in the stored quote of a coding whose offsets no longer fit', () => {
		const row = rowOf('P01', text);
		const stale: Coding = { ...coding('stale', 'P01', text, 30, 60), start: 0, end: 5 };
		const plan = planReplacements({ docs: [{ id: 'P01', name: 'P01', text, turns: row.content.turns }], items: [item('P01', text, 'Kari Nordmann', 'name')], modes: PLACEHOLDERS });
		const r = applyPlan({ rows: [row], plan, codings: [stale], notes: [], decisions: [] });
		const after = r.changes[0].after as Coding;
		expect(after.quote).not.toContain('Kari');
		expect(after.quote).toContain('[name]');
		expect([after.start, after.end]).toEqual([0, 5]);
	});

	it('keeps every coding on the same surrounding words (random texts, codings and replacements)', () => {
		const rnd = mulberry32(6);
		const vocab = ['Kari', 'went', 'to', 'Bergen', 'and', 'the', 'manager', 'æøå', 'was', 'kind', 'NAV', 'rang', '😀', 'Ole'];
		for (let round = 0; round < 300; round++) {
			const words = Array.from({ length: 5 + Math.floor(rnd() * 40) }, () => vocab[Math.floor(rnd() * vocab.length)]);
			const text = 'P01: ' + words.join(' ');
			// Replacements: random non-overlapping spans of whole words, replaced by 0–3 words.
			const bounds: number[] = [];
			for (let i = 5; i < text.length; i++) if (text[i - 1] === ' ' || i === 5) bounds.push(i);
			const reps: Replacement[] = [];
			let i = 0;
			while (i < bounds.length) {
				if (rnd() < 0.25) {
					const span = 1 + Math.floor(rnd() * 3);
					const s = bounds[i];
					const endWord = Math.min(bounds.length - 1, i + span - 1);
					const nextBound = endWord + 1 < bounds.length ? bounds[endWord + 1] - 1 : text.length;
					const replacement = ['[name]', 'Solnes', 'Alvhild Brattvoll', '', 'X'][Math.floor(rnd() * 5)];
					reps.push({ start: s, end: nextBound, original: text.slice(s, nextBound), replacement, category: 'name' });
					i = endWord + 2;
				} else i++;
			}
			const { text: newText, placed } = rewrite(text, reps);
			const apply = (from: number, to: number) => {
				let out = '';
				let pos = from;
				for (const r of reps) {
					if (r.start < from || r.end > to) continue;
					out += text.slice(pos, r.start) + r.replacement;
					pos = r.end;
				}
				return out + text.slice(pos, to);
			};
			for (let k = 0; k < 20; k++) {
				const a = 5 + Math.floor(rnd() * (text.length - 5));
				const b = a + 1 + Math.floor(rnd() * (text.length - a));
				if (b > text.length) continue;
				// The span grown to whole replacements it touches, as applyPlan promises.
				let s = a;
				let e = b;
				for (const r of reps) {
					if (r.start < s && s < r.end) s = r.start;
					if (r.start < e && e < r.end) e = r.end;
				}
				const m = mapSpan(placed, a, b);
				expect(newText.slice(m.start, m.end)).toBe(apply(s, e));
				expect(newText.slice(0, m.start)).toBe(apply(0, s));
				expect(newText.slice(m.end)).toBe(apply(e, text.length));
			}
		}
	});
});

describe('the key as CSV', () => {
	it('writes and reads back the key, quoting what needs it', () => {
		const key = [
			{ original: 'Kari Nordmann', replacement: 'Alvhild Brattvoll', category: 'name' as const, documents: ['P01', 'P02'] },
			{ original: 'Moe, "Sønner" AS', replacement: 'Lerkely AS', category: 'workplace' as const, documents: ['P03'] },
			{ original: '+47 477 36 269', replacement: '[phone number]', category: 'phone' as const, documents: ['P04'] }
		];
		const csv = keyToCsv(key);
		expect(csv.split('\r\n')[0]).toBe('\uFEFForiginal,replacement,category,documents');
		expect(csv).toContain('"Moe, ""Sønner"" AS",Lerkely AS,workplace,P03');
		expect(csv).toContain("'+47 477 36 269,[phone number],phone,P04");
		expect(keyFromCsv(csv)).toEqual(key);
		expect(keyFromCsv('a,b\n1,2')).toBeNull();
	});
});

describe('mergeKeys', () => {
	it('joins lines for the same replacement of the same detail (case and possessive ignored), merging their documents', () => {
		const a = [{ original: 'Kari', replacement: 'Eva', category: 'name' as const, documents: ['P10', 'P2'] }];
		const b = [
			{ original: "kari's", replacement: 'Eva', category: 'name' as const, documents: ['P2', 'P3'] },
			{ original: 'Kari', replacement: 'Ida', category: 'name' as const, documents: ['P4'] }
		];
		expect(mergeKeys(a, b)).toEqual([
			{ original: 'Kari', replacement: 'Eva', category: 'name', documents: ['P2', 'P3', 'P10'] },
			{ original: 'Kari', replacement: 'Ida', category: 'name', documents: ['P4'] }
		]);
	});
});
