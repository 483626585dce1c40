// Test material for the REFI-QDA writer and round-trip specs (never imported by the app): a
// small project with everything a .qdpx can carry and the awkward cases that break exchanges:
// emoji (UTF-16 pairs) and CRLF before coded passages, a code with no codings, nested codes,
// typed participant attributes, a main theme with themes, a discarded theme, and notes on
// every kind of target.

import { makeCode } from '../../../../tests/fixtures/db/factories';
import { makeTheme } from '../../../../tests/fixtures/themes';
import { makeBackup, type ProjectBackup } from '../../domain/backup';
import { parseTurns } from '../../domain/turns';
import type { Code, Coding, DocumentContent, Note, Participant, Theme, TranscriptDocument } from '../../domain/types';

export const P = 'proj-1';
const T0 = Date.UTC(2026, 0, 5, 9, 30);

export const TEXTS = {
	emoji: 'Interviewer: How was the first week back? 🙂\r\nP01: Honestly 😅 it was hard, but my manager 👩🏽‍💼 was kind.\r\nInterviewer: What helped?\r\nP01: Short days. 🌱 Then longer ones.\r\n',
	plain: 'Interviewer: Tell me about support.\nP02: My colleagues & my "team" <really> helped.\nInterviewer: And the company?\nP02: Less so.\n',
	blank: ''
};

export function doc(id: string, text: string, order: number, participantId: string | null, name = id): { d: TranscriptDocument; c: DocumentContent } {
	const turns = parseTurns(text);
	return {
		d: {
			id,
			projectId: P,
			name,
			fileName: `${name}.txt`,
			participantId,
			encoding: 'utf-8',
			eol: text.includes('\r\n') ? 'crlf' : text.includes('\n') ? 'lf' : 'none',
			length: text.length,
			turnCount: turns.length,
			fingerprint: `fp-${id}`,
			importedAt: T0 + order,
			order
		},
		c: { docId: id, text, turns }
	};
}

export function code(id: string, name: string, parentId: string | null, order: number, extra: Partial<Code> = {}): Code {
	return makeCode(P, id, { parentId, order, name, color: '#2563eb', createdAt: T0, ...extra });
}

export function coding(id: string, docId: string, codeId: string, coderId: string, text: string, quote: string, nth = 0, extra: Partial<Coding> = {}): Coding {
	let start = -1;
	for (let i = 0; i <= nth; i++) start = text.indexOf(quote, start + 1);
	if (start < 0) throw new Error(`fixture: “${quote}” not in ${docId}`);
	const end = start + quote.length;
	return { id, projectId: P, docId, codeId, coderId, start, end, quote, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32), createdAt: T0 + 1000, ...extra };
}

export function theme(id: string, name: string, parentId: string | null, order: number, extra: Partial<Theme> = {}): Theme {
	return makeTheme(id, { projectId: P, parentId, order, name, createdAt: T0, updatedAt: T0, ...extra });
}

export function note(id: string, kind: Note['kind'], target: Note['target'], text: string): Note {
	return { id, projectId: P, kind, target, text, createdAt: T0 + 5000, updatedAt: T0 + 6000 };
}

/** The rich project. Coder "Ana" has a GUID id (kept as is); "Ben" and every other row have plain ids. */
export function richBackup(): ProjectBackup {
	const ana = '0f8fad5b-d9cb-469f-a165-70867728950e';
	const ben = 'coder-ben';
	const d1 = doc('doc-emoji', TEXTS.emoji, 0, 'P01', 'P01 interview');
	const d2 = doc('doc-plain', TEXTS.plain, 1, 'P02', 'P02 interview');
	const d3 = doc('doc-blank', TEXTS.blank, 2, null, 'Empty notes');
	const codes = [
		code('c-work', 'Work', null, 0, { definition: 'Anything about paid work.', include: 'Hours, tasks.\nAlso commuting.', exclude: 'Housework.', example: '“Short days.”', color: '#16a34a' }),
		code('c-manager', 'Manager support', 'c-work', 0, { definition: 'The manager helps.', color: '#f59e0b' }),
		code('c-hours', 'Graded hours', 'c-work', 1),
		code('c-feel', 'Feelings', null, 1, { definition: 'Emotions <named> & “quoted”.' }),
		code('c-unused', 'Never used', null, 2, { definition: 'A code with no codings.' })
	];
	const t1 = TEXTS.emoji;
	const t2 = TEXTS.plain;
	const codings = [
		coding('k1', d1.d.id, 'c-feel', ana, t1, 'it was hard'),
		coding('k2', d1.d.id, 'c-manager', ana, t1, 'my manager 👩🏽‍💼 was kind'),
		coding('k3', d1.d.id, 'c-manager', ben, t1, 'manager 👩🏽‍💼 was kind.'),
		coding('k4', d1.d.id, 'c-hours', ana, t1, 'Short days. 🌱 Then longer ones.'),
		coding('k5', d1.d.id, 'c-feel', ben, t1, 'Honestly 😅'),
		coding('k6', d2.d.id, 'c-work', ben, t2, 'My colleagues & my "team" <really> helped.'),
		coding('k7', d2.d.id, 'c-feel', ana, t2, 'Less so.')
	];
	const themes = [
		theme('th-main', 'Returning to work', null, 0, { main: true, status: 'kept', definition: { concept: 'How people return.', includes: '', excludes: '', relations: 'Frames the others.' } }),
		theme('th-support', 'Support at work', 'th-main', 0, {
			codeIds: ['c-manager', 'c-work'],
			status: 'kept',
			definition: { concept: 'Who helps, and how.', includes: 'Managers, colleagues.', excludes: 'Family.', relations: 'Leads to pacing.' }
		}),
		theme('th-pace', 'Pacing', 'th-main', 1, { codeIds: ['c-hours'] }),
		theme('th-emotion', 'Emotional labour', null, 1, { codeIds: ['c-feel'], definition: { concept: 'Feelings kept in check.', includes: '', excludes: '', relations: '' } }),
		theme('th-dropped', 'Money worries', null, 2, { status: 'discarded', codeIds: [] })
	];
	const participants: Participant[] = [
		{ id: `${P}:P01`, projectId: P, label: 'P01', attributes: { gender: 'female', age: 34, score: 2.5, interviewed: '2025-03-01', consent: 'true', note: null, mixed: 'n/a' } },
		{ id: `${P}:P02`, projectId: P, label: 'P02', attributes: { gender: 'male', age: 51, score: 3, interviewed: '2025-03-09', consent: 'false', note: 'prefers mornings', mixed: 4 } }
	];
	const notes = [
		note('n-project', 'memo', { type: 'project' }, 'Project memo: start with P01.\r\nSecond line.'),
		note('n-journal', 'journal', { type: 'project' }, 'I noticed my own assumptions about work.'),
		note('n-doc', 'familiarisation', { type: 'document', docId: d2.d.id }, 'Short, guarded interview.'),
		note('n-passage', 'familiarisation', { type: 'passage', docId: d1.d.id, start: t1.indexOf('Short days.'), end: t1.indexOf('Short days.') + 11, quote: 'Short days.', prefix: '', suffix: '' }, 'Graded return!'),
		note('n-code', 'memo', { type: 'code', codeId: 'c-manager' }, 'Managers matter more than policy.'),
		note('n-theme', 'memo', { type: 'theme', themeId: 'th-support' }, 'Check against P02.')
	];
	return makeBackup(
		{
			project: { id: P, name: 'Return to work <pilot> & “friends”', description: 'A pilot study.', createdAt: T0, updatedAt: T0 + 9000, currentCoderId: ana, recentCodeIds: [] },
			coders: [
				{ id: ana, projectId: P, name: 'Ana', color: '#0ea5e9' },
				{ id: ben, projectId: P, name: 'Ben', color: '#ef4444' }
			],
			documents: [d1.d, d2.d, d3.d],
			contents: [d1.c, d2.c, d3.c],
			participants,
			codes,
			codings,
			themes,
			notes,
			reading: [],
			decisions: [],
			searches: []
		},
		T0 + 10_000
	);
}

/** A project with transcripts and codes only: no themes, no participants, no notes, no codings. */
export function bareBackup(): ProjectBackup {
	const d = doc('only', 'Just one line of text.', 0, null);
	return makeBackup(
		{
			project: { id: P, name: 'Bare', description: '', createdAt: T0, updatedAt: T0, currentCoderId: 'me', recentCodeIds: [] },
			coders: [{ id: 'me', projectId: P, name: 'Me', color: '#000000' }],
			documents: [d.d],
			contents: [d.c],
			participants: [],
			codes: [code('lonely', 'Lonely code', null, 0)],
			codings: [],
			themes: [],
			notes: [],
			reading: [],
			decisions: [],
			searches: []
		},
		T0
	);
}
