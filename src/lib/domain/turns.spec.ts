// Turn parsing against hand-made edge cases and against the synthetic corpus, whose manifest
// and gold spans give the ground truth: turn counts per document, and coded spans that must
// lie inside participant speech, in UTF-16 offsets, for LF, CRLF and astral-plane documents.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectParticipant, normaliseParticipantId, parseTurns } from './turns';
import type { Turn } from './types';
import { CORPUS as SHARED_CORPUS } from '../../../tests/shared';

const CORPUS = SHARED_CORPUS;
const SAMPLE = join(CORPUS, 'sample');

interface DocMeta {
	id: string;
	turns: number;
	participant_turns: number;
	label_style: 'Interviewer/Pnn' | 'I/R' | 'Interviewer/Participant n' | 'INT/Pnn';
	eol: 'lf' | 'crlf';
	timestamps: 'none' | 'sparse' | 'every';
	header: boolean;
	trailer: boolean;
	astral: boolean;
}
interface Manifest {
	astral_document: string;
	documents: DocMeta[];
}
interface GoldSpan {
	doc: string;
	start: number;
	end: number;
	start16: number;
	end16: number;
	startCp: number;
	endCp: number;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const readText = (dir: string, id: string) => readFileSync(join(dir, 'transcripts', `${id}.txt`), 'utf8');

function expectedSpeakers(d: DocMeta): { interviewer: string; participant: string } {
	const n = Number(d.id.slice(1));
	switch (d.label_style) {
		case 'I/R':
			return { interviewer: 'I', participant: 'R' };
		case 'INT/Pnn':
			return { interviewer: 'INT', participant: d.id };
		case 'Interviewer/Participant n':
			return { interviewer: 'Interviewer', participant: `Participant ${n}` };
		default:
			return { interviewer: 'Interviewer', participant: d.id };
	}
}

/** Every check one corpus document must pass; `where` names the document in failures. */
function checkDocument(text: string, d: DocMeta, gold: GoldSpan[]): Turn[] {
	const where = d.id;
	const turns = parseTurns(text);
	const participantTurns = turns.filter((t) => t.role === 'participant');
	expect(turns.length, `${where} turns`).toBe(d.turns);
	expect(participantTurns.length, `${where} participant turns`).toBe(d.participant_turns);

	const speakers = expectedSpeakers(d);
	for (const t of turns) {
		expect(t.speaker, where).toBe(t.role === 'interviewer' ? speakers.interviewer : speakers.participant);
		const line = text.slice(t.start, t.end);
		expect(line, `${where} turn at ${t.start} spans a line break`).not.toMatch(/[\r\n]/);
		expect(t.end === text.length || text[t.end] === '\r' || text[t.end] === '\n', where).toBe(true);
		expect(t.start === 0 || text[t.start - 1] === '\n', where).toBe(true);
		const prefix = (t.timestamp ? `[${t.timestamp}] ` : '') + `${t.speaker}: `;
		expect(text.slice(t.start, t.textStart), where).toBe(prefix);
		if (d.eol === 'crlf') expect(text.slice(t.end, t.end + 2), where).toBe('\r\n');
	}

	// Every gold span is participant speech after the label, inside one participant turn.
	for (const g of gold) {
		expect(g.start, 'gold start is the UTF-16 offset').toBe(g.start16);
		const home = participantTurns.find((t) => g.start16 >= t.textStart && g.end16 <= t.end);
		expect(home, `${where} gold [${g.start16}, ${g.end16}) outside participant turns`).toBeDefined();
	}

	const stamped = turns.filter((t) => t.timestamp !== undefined).length;
	if (d.timestamps === 'none') expect(stamped, where).toBe(0);
	if (d.timestamps === 'every') expect(stamped, where).toBe(turns.length);
	if (d.timestamps === 'sparse') expect(stamped > 0 && stamped < turns.length, where).toBe(true);
	for (const t of turns) if (t.timestamp) expect(t.timestamp).toMatch(/^\d\d:\d\d:\d\d$/);

	// Title and trailer paragraphs stay outside every turn.
	expect(text.slice(0, turns[0].start).trim() !== '', `${where} header`).toBe(d.header);
	expect(text.slice(turns[turns.length - 1].end).trim() !== '', `${where} trailer`).toBe(d.trailer);

	expect(detectParticipant(turns, `${d.id}.txt`), where).toBe(d.id);
	expect(detectParticipant(turns), where).toBe(d.label_style === 'I/R' ? null : d.id);
	return turns;
}

function goldByDoc(gold: GoldSpan[]): Map<string, GoldSpan[]> {
	const byDoc = new Map<string, GoldSpan[]>();
	for (const g of gold) byDoc.set(g.doc, [...(byDoc.get(g.doc) ?? []), g]);
	return byDoc;
}

describe('parseTurns on the sample corpus', () => {
	const manifest = readJson<Manifest>(join(SAMPLE, 'manifest.json'));
	const gold = goldByDoc(readJson<GoldSpan[]>(join(SAMPLE, 'gold.json')));

	it('covers every label style, line ending, header, trailer and timestamp variant', () => {
		const docs = manifest.documents;
		expect(new Set(docs.map((d) => d.label_style)).size).toBe(4);
		expect(new Set(docs.map((d) => d.timestamps)).size).toBe(3);
		expect(docs.some((d) => d.eol === 'crlf') && docs.some((d) => d.header) && docs.some((d) => d.trailer)).toBe(true);
	});

	for (const d of manifest.documents) {
		it(`${d.id} (${d.label_style}, ${d.eol}, timestamps ${d.timestamps}${d.header ? ', header' : ''}${d.trailer ? ', trailer' : ''})`, () => {
			const spans = gold.get(d.id) ?? [];
			expect(spans.length).toBeGreaterThan(0);
			checkDocument(readText(SAMPLE, d.id), d, spans);
		});
	}

	it('uses UTF-16 offsets in the astral (emoji) document', () => {
		const d = manifest.documents.find((doc) => doc.id === manifest.astral_document);
		if (!d) throw new Error('astral document missing from the manifest');
		const text = readText(SAMPLE, d.id);
		const firstAstral = text.search(/[\ud800-\udbff]/);
		expect(firstAstral).toBeGreaterThan(0);
		const turns = checkDocument(text, d, gold.get(d.id) ?? []);
		const shifted = (gold.get(d.id) ?? []).filter((g) => g.startCp !== g.start16);
		expect(shifted.length).toBeGreaterThan(10);
		for (const g of shifted) {
			const home = turns.find((t) => t.role === 'participant' && g.start16 >= t.textStart && g.end16 <= t.end);
			expect(home).toBeDefined();
		}
		// Turns after the emoji still start exactly at their label: no code-point drift.
		const later = turns.filter((t) => t.start > firstAstral);
		expect(later.length).toBeGreaterThan(100);
		for (const t of later) expect(text.slice(t.start, t.textStart)).toMatch(/^(\[[\d:]+\] )?(I|R|Interviewer|INT|P\d\d|Participant \d+): $/);
	});
});

describe('parseTurns on freshly generated corpora', () => {
	const dirs: Record<string, string> = {};

	beforeAll(() => {
		const generate = (name: string, extra: string[]) => {
			const dir = mkdtempSync(join(tmpdir(), `tema-turns-${name}-`));
			const args = ['--out', dir, '--participants', '6', '--words', '1500', '--formats', 'txt', '--coders', '0'];
			execFileSync('node', [join(CORPUS, 'generate.mjs'), ...args, ...extra], { stdio: 'pipe' });
			dirs[name] = dir;
		};
		generate('mixed', ['--label-style', 'mixed', '--seed', 'tema-mixed']);
		generate('crlf', ['--eol', 'crlf', '--seed', 'tema-crlf']);
		generate('short', ['--label-style', 'short', '--eol', 'crlf', '--seed', 'tema-short']);
	}, 60_000);

	afterAll(() => {
		for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
	});

	for (const name of ['mixed', 'crlf', 'short']) {
		it(`matches the manifest and gold of the ${name} corpus`, () => {
			const dir = dirs[name];
			const manifest = readJson<Manifest>(join(dir, 'manifest.json'));
			const gold = goldByDoc(readJson<GoldSpan[]>(join(dir, 'gold.json')));
			expect(manifest.documents.length).toBe(6);
			if (name === 'mixed') expect(new Set(manifest.documents.map((d) => d.label_style)).size).toBeGreaterThan(2);
			for (const d of manifest.documents) {
				if (name !== 'mixed') expect(d.eol).toBe('crlf');
				checkDocument(readText(dir, d.id), d, gold.get(d.id) ?? []);
			}
		});
	}
});

describe('parseTurns: labels', () => {
	it.each([
		['Interviewer', 'interviewer'],
		['interviewer', 'interviewer'],
		['INT', 'interviewer'],
		['Int', 'interviewer'],
		['I', 'interviewer'],
		['Q', 'interviewer'],
		['Moderator', 'interviewer'],
		['Facilitator', 'interviewer'],
		['Interviewer 2', 'interviewer'],
		['Interviewer (Anna)', 'interviewer'],
		['R', 'participant'],
		['A', 'participant'],
		['Respondent', 'participant'],
		['Interviewee', 'participant'],
		['Participant 3', 'participant'],
		['participant 12', 'participant'],
		['P01', 'participant'],
		['p7', 'participant'],
		['P100', 'participant'],
		['Informant 4', 'participant'],
		['IP03', 'participant'],
		['Participant 3 (Kari)', 'participant']
	] as const)('"%s:" is a %s turn', (label, role) => {
		const text = `${label}: Some words here.`;
		expect(parseTurns(text)).toEqual([
			{ speaker: label, role, start: 0, end: text.length, textStart: label.length + 2 }
		]);
	});

	it.each([
		'Date: 12 March 2021',
		'Interview: P07',
		'Participant: anonymous',
		'Note: audio quality was poor',
		'Interviewer said: yes',
		'A:B testing is common',
		'Pxx: nothing',
		'Transcript, participant 15. Identifying details have been removed.',
		'P22 | video interview | 00:39:38',
		'12:30 meeting'
	])('"%s" is not a turn', (line) => {
		expect(parseTurns(line)).toEqual([]);
	});

	it('accepts a label glued to its text when the label is longer than one letter', () => {
		expect(parseTurns('P01:Yes.')).toMatchObject([{ speaker: 'P01', textStart: 4 }]);
	});

	it('accepts a label with nothing after it and a space before the colon', () => {
		expect(parseTurns('Interviewer:')).toEqual([{ speaker: 'Interviewer', role: 'interviewer', start: 0, end: 12, textStart: 12 }]);
		expect(parseTurns('P01 : ok')).toMatchObject([{ speaker: 'P01', textStart: 6 }]);
	});

	it('starts an indented turn at its label, not at the indentation', () => {
		expect(parseTurns('  \tR: ok')).toEqual([{ speaker: 'R', role: 'participant', start: 3, end: 8, textStart: 6 }]);
	});
});

describe('parseTurns: timestamps', () => {
	it.each([
		['[00:12:31] ', '00:12:31'],
		['[1:02:03] ', '01:02:03'],
		['[12:31] ', '00:12:31'],
		['[2:05] ', '00:02:05'],
		['(00:12:31) ', '00:12:31'],
		['(1:02:03) ', '01:02:03'],
		['[00:12:31.250] ', '00:12:31'],
		['[00:12:31]', '00:12:31']
	])('"%sP03: …" gives %s', (stamp, normalised) => {
		const text = `${stamp}P03: Right.`;
		expect(parseTurns(text)).toEqual([
			{ speaker: 'P03', role: 'participant', start: 0, end: text.length, textStart: stamp.length + 5, timestamp: normalised }
		]);
	});

	it('omits timestamp when the line has none', () => {
		expect(parseTurns('I: hi')[0]).not.toHaveProperty('timestamp');
	});
});

describe('parseTurns: paragraphs and offsets', () => {
	it('computes exact offsets on LF and CRLF text', () => {
		const lf = 'I: Hello?\n\n[00:00:05] R: Hi.\n';
		expect(parseTurns(lf)).toEqual([
			{ speaker: 'I', role: 'interviewer', start: 0, end: 9, textStart: 3 },
			{ speaker: 'R', role: 'participant', start: 11, end: 28, textStart: 25, timestamp: '00:00:05' }
		]);
		const crlf = lf.replace(/\n/g, '\r\n');
		const turns = parseTurns(crlf);
		expect(turns.map((t) => [t.start, t.end, t.textStart])).toEqual([[0, 9, 3], [13, 30, 27]]);
		for (const t of turns) expect(crlf[t.end]).toBe('\r');
	});

	it('ends the last turn at the end of a text without a final line break', () => {
		const text = 'I: a\n\nR: the end';
		expect(parseTurns(text)[1].end).toBe(text.length);
	});

	it('extends a turn over unlabelled lines that follow it directly', () => {
		const text = 'P01: First line\nsecond line\r\nthird line\n\nI: Next.';
		const [p, i] = parseTurns(text);
		expect(text.slice(p.textStart, p.end)).toBe('First line\nsecond line\r\nthird line');
		expect(i).toMatchObject({ speaker: 'I', start: text.indexOf('I:') });
	});

	it('keeps a paragraph after a blank line without a label out of every turn', () => {
		const text = 'Interview P07 – transcript\n\nI: Question?\n\nR: Answer.\n\nThis paragraph has no label.\n\n[End of recording]\n';
		const turns = parseTurns(text);
		expect(turns.map((t) => text.slice(t.start, t.end))).toEqual(['I: Question?', 'R: Answer.']);
	});

	it('treats whitespace-only lines as blank', () => {
		const text = 'R: Answer.\n  \t\nstray text';
		expect(parseTurns(text)).toEqual([{ speaker: 'R', role: 'participant', start: 0, end: 10, textStart: 3 }]);
	});

	it('leaves bracketed notes at the end of a paragraph out of the turn, keeps them inside it', () => {
		const trailer = 'R: Thanks.\n(Recording stopped)\n';
		expect(parseTurns(trailer)[0].end).toBe(10);
		const inside = 'R: Well\n[inaudible]\nand then it stopped.\n[End of recording]';
		const [r] = parseTurns(inside);
		expect(inside.slice(r.start, r.end)).toBe('R: Well\n[inaudible]\nand then it stopped.');
	});

	it('splits consecutive labelled lines into separate turns even without blank lines', () => {
		const text = 'I: One?\nR: Two.\nI: Three?';
		expect(parseTurns(text).map((t) => [t.speaker, t.start, t.end])).toEqual([
			['I', 0, 7],
			['R', 8, 15],
			['I', 16, 25]
		]);
	});

	it('counts offsets in UTF-16 units after astral characters', () => {
		const text = 'R: She wrote “😀😀 see you”.\n\nI: Okay.';
		const [, i] = parseTurns(text);
		expect(i.start).toBe(text.indexOf('I: Okay'));
		expect(text.slice(i.textStart, i.end)).toBe('Okay.');
	});

	it('returns no turns for empty or label-free text', () => {
		expect(parseTurns('')).toEqual([]);
		expect(parseTurns('Just notes.\nMore notes.')).toEqual([]);
	});
});

describe('normaliseParticipantId', () => {
	it.each([
		['P07', 'P07'],
		['p7', 'P07'],
		['P 7', 'P07'],
		['Participant 3', 'P03'],
		['participant3', 'P03'],
		['PARTICIPANT 12', 'P12'],
		['Participant 3 (Kari)', 'P03'],
		['Informant 4', 'P04'],
		['IP3', 'P03'],
		['Respondent 5', 'P05'],
		['P100', 'P100'],
		['Participant 123', 'P123'],
		['P007', 'P007'],
		['  P09  ', 'P09']
	])('%j → %s', (label, id) => {
		expect(normaliseParticipantId(label)).toBe(id);
	});

	it.each(['R', 'A', 'Respondent', 'Interviewee', 'Interviewer', 'I', 'INT', 'Participant', 'P', 'PX1', 'P12345', ''])(
		'%j → null',
		(label) => {
			expect(normaliseParticipantId(label)).toBeNull();
		}
	);
});

describe('detectParticipant', () => {
	const turnsOf = (text: string) => parseTurns(text);

	it('takes the id from the participant labels, before the file name', () => {
		expect(detectParticipant(turnsOf('Interviewer: Hi\n\nParticipant 3: Hello'), 'P09.txt')).toBe('P03');
		expect(detectParticipant(turnsOf('INT: Hi\n\nP07: Hello'))).toBe('P07');
	});

	it.each([
		['P07.txt', 'P07'],
		['interview_p7_final.txt', 'P07'],
		['Participant 12.docx', 'P12'],
		['participant-3.txt', 'P03'],
		['2021-03-04 P05 (2).txt', 'P05'],
		['IP11.txt', 'P11'],
		['C:\\Users\\anna\\Study\\P21.txt', 'P21'],
		['/data/study/P104.txt', 'P104'],
		['notes.txt', null],
		['step2.txt', null],
		['mp3_export.txt', null]
	])('falls back to the file name %j → %s for I:/R: labels', (fileName, id) => {
		expect(detectParticipant(turnsOf('I: Hi\n\nR: Hello'), fileName)).toBe(id);
	});

	it('gives null for role-only labels and no file name, and for no turns', () => {
		expect(detectParticipant(turnsOf('Interviewer: Hi\n\nRespondent: Hello\n\nA: Yes'))).toBeNull();
		expect(detectParticipant([])).toBeNull();
	});

	it('does not pick one of several participants in a group interview', () => {
		const group = turnsOf('Moderator: Hi\n\nP01: Hello\n\nP02: Hi there');
		expect(detectParticipant(group)).toBeNull();
		expect(detectParticipant(group, 'focus_group_P02.txt')).toBe('P02');
	});
});
