import { describe, expect, it } from 'vitest';
import { code } from '../../../tests/fixtures/codes';
import { codesToCodebookFile } from './codebookFile';
import { describePackageReport, makeCoderPackage, parseCoderPackage, planCoderPackage, type PlanInput } from './coderPackage';
import type { Coder, Coding, DocumentContent, TranscriptDocument } from './types';

const TEXT = 'I: How was it?\nP1: It was hard at first, then better.\n';
const doc = (id: string, name: string, fingerprint: string): TranscriptDocument => ({
	id, projectId: 'p', name, fileName: `${name}.txt`, participantId: 'P1', encoding: 'utf-8', eol: 'lf', length: TEXT.length, turnCount: 2, fingerprint, importedAt: 0, order: 0
});
const coding = (id: string, docId: string, codeId: string, coderId: string, start: number, end: number, text = TEXT): Coding => ({
	id, projectId: 'p', docId, codeId, coderId, start, end, quote: text.slice(start, end), prefix: '', suffix: '', createdAt: 1
});

function source() {
	const kari: Coder = { id: 'kari', projectId: 'p', name: 'Kari', color: '#ff8800' };
	const codes = [code('A', null, 0, { name: 'Hardship' }), code('A1', 'A', 0, { name: 'Early days' }), code('B', null, 1, { name: 'Getting better' })];
	const docs = [doc('d1', 'P01', 'fp1'), doc('d2', 'P02', 'fp2')];
	const s = TEXT.indexOf('It was');
	const codings = [coding('k1', 'd1', 'A1', 'kari', s, s + 21), coding('k2', 'd1', 'B', 'kari', s + 23, s + 34), coding('k3', 'd2', 'A', 'kari', s, s + 6), coding('k4', 'd1', 'A', 'me', s, s + 6)];
	return makeCoderPackage('Study', kari, codesToCodebookFile(codes, 'Study codebook'), docs, codings, 5);
}

let n = 0;
function target(over: Partial<PlanInput> = {}): PlanInput {
	const docs = [doc('x1', 'interview one', 'fp1')];
	const contents = new Map<string, DocumentContent>([['x1', { docId: 'x1', text: TEXT, turns: [] }]]);
	return {
		projectId: 'q', coders: [{ id: 'me2', projectId: 'q', name: 'Me', color: '#000000' }], documents: docs,
		codes: [code('Z', null, 0, { name: 'Hardship', projectId: 'q' })], codings: [], contents, now: 9, newId: () => `new-${++n}`, ...over
	};
}

describe('coder packages', () => {
	it('carry one coder’s codings with the fingerprints of the transcripts coded', () => {
		const pkg = source();
		expect(pkg.codings.map((c) => c.id)).toEqual(['k1', 'k2', 'k3']);
		expect(pkg.documents.map((d) => d.fingerprint)).toEqual(['fp1', 'fp2']);
		const parsed = parseCoderPackage(JSON.stringify(pkg), 'kari.json');
		expect(parsed.ok && parsed.pkg).toEqual(pkg);
	});

	it('place codings by content fingerprint, codes by id then by name at the same level, and report the rest', () => {
		const plan = planCoderPackage(source(), target());
		const r = plan.report;
		expect(r.coder).toEqual({ name: 'Kari', match: 'new' });
		expect(plan.newCoder).toMatchObject({ name: 'Kari', projectId: 'q' });
		expect(plan.newCoder!.id).not.toBe('kari'); // ids are keys across projects: always fresh
		expect(r.documents).toEqual({ matched: 1, missing: [{ name: 'P02', codings: 1 }] });
		expect(r.codes.byName).toEqual(['Hardship']);
		expect(r.codes.added.sort()).toEqual(['Early days', 'Getting better']);
		expect(r.codings).toEqual({ added: 2, alreadyHere: 0, reanchored: 0, orphaned: 0, unplaced: 1 });
		const added = plan.changes.filter((c) => c.kind === 'coding').map((c) => c.after as Coding);
		expect(added.every((c) => c.docId === 'x1' && c.coderId === plan.newCoder!.id && c.projectId === 'q')).toBe(true);
		const newCodes = plan.changes.filter((c) => c.kind === 'code').map((c) => c.after!);
		expect(newCodes.find((c) => c.name === 'Early days')).toMatchObject({ parentId: 'Z' });
		expect(describePackageReport(r).join(' ')).toMatch(/1 that cannot be placed/);
	});

	it('matches codes and the coder by id when they exist, finds moved quotes and keeps lost ones as orphaned', () => {
		const pkg = source();
		const moved = 'Intro line.\n' + TEXT;
		const plan = planCoderPackage(pkg, target({
			coders: [{ id: 'kari', projectId: 'q', name: 'K.', color: '#ff8800' }],
			codes: [code('A', null, 0, { projectId: 'q', name: 'Renamed' }), code('A1', 'A', 0, { projectId: 'q' }), code('B', null, 1, { projectId: 'q' })],
			contents: new Map([['x1', { docId: 'x1', text: moved.replace('then better', 'then worse'), turns: [] }]])
		}));
		expect(plan.report.coder.match).toBe('id');
		expect(plan.newCoder).toBeNull();
		expect(plan.report.codes).toEqual({ byId: 3, byName: [], added: [] });
		expect(plan.report.codings).toMatchObject({ added: 2, reanchored: 1, orphaned: 1 });
		const k = plan.changes.map((c) => c.after as Coding);
		expect(k.find((c) => c.codeId === 'A1')?.start).toBe(TEXT.indexOf('It was') + 'Intro line.\n'.length);
		expect(k.find((c) => c.codeId === 'B')?.orphaned).toBe(true);
	});

	it('adds nothing twice when imported again', () => {
		const first = planCoderPackage(source(), target({ coders: [{ id: 'k9', projectId: 'q', name: 'Kari', color: '#ff8800' }] }));
		const codings = first.changes.filter((c) => c.kind === 'coding').map((c) => c.after as Coding);
		const codes = [code('Z', null, 0, { name: 'Hardship', projectId: 'q' }), ...first.changes.filter((c) => c.kind === 'code').map((c) => c.after as ReturnType<typeof code>)];
		const again = planCoderPackage(source(), target({ coders: [{ id: 'k9', projectId: 'q', name: 'Kari', color: '#ff8800' }], codes, codings }));
		expect(again.report.coder.match).toBe('name');
		expect(again.report.codings).toMatchObject({ added: 0, alreadyHere: 2 });
		expect(again.changes).toEqual([]);
	});

	it.each([
		['not JSON', '{', /k\.json: is not valid JSON/],
		['another file', '{"format":"x"}', /is not a Tema coder package/],
		['a coding on no document', JSON.stringify({ ...source(), codings: [{ ...source().codings[0], document: 'nope' }] }), /codings\[0\]\.document names no document/]
	])('refuse %s, naming the file', (_w, text, msg) => {
		const r = parseCoderPackage(text, 'k.json');
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error).toMatch(msg);
	});
});
