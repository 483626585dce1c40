// DeidState over a real ProjectState and Repo on fake-indexeddb: scan, review, own terms,
// apply (texts, codings, notes and the key), and the refusals that leave everything as it was.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Repo, TemaDB } from '../db';
import { sha256Hex } from '../io/transcripts';
import { deidStateFor, DeidState } from './deid.svelte';
import { ProjectState } from './project.svelte';

const P01 = [
	'Interviewer: Could you tell me about your work?',
	'',
	'P01: I work as a nurse at Tusenfryd barnehage. My manager, Henrik, was very good about it.',
	'',
	'Interviewer: And at home?',
	'',
	'P01: We live in Bergen. Henrik rang me on 968 73 202 every week.',
	''
].join('\n');
const P02 = 'Interviewer: Anything else?\n\nP02: Henrik is my manager too, at Bakkelund Bygg AS. Ask Gunvor about it.\n';

function fileOf(name: string, text: string) {
	const data = new TextEncoder().encode(text);
	return { name, size: data.byteLength, arrayBuffer: async () => data.slice().buffer as ArrayBuffer };
}

let db: TemaDB;
let repo: Repo;
let project: ProjectState;

beforeEach(async () => {
	db = new TemaDB(`deid-${crypto.randomUUID()}`);
	repo = new Repo(db);
	const p = await repo.createProject({ name: 'Deid', description: '' });
	project = new ProjectState(p.id, repo);
	await project.load();
	const report = await project.importFiles([fileOf('P01.txt', P01), fileOf('P02.txt', P02)]);
	expect(report.added).toHaveLength(2);
});

afterEach(async () => {
	await db.delete();
});

const texts = (s: DeidState) => s.items.map((i) => `${i.category}:${i.text}`);

describe('DeidState', () => {
	it('scans every transcript, and a name found in one is found in the others', async () => {
		const s = new DeidState(project);
		await s.scan();
		expect(s.phase).toBe('ready');
		expect(texts(s)).toEqual([
			'workplace:Tusenfryd barnehage',
			'name:Henrik',
			'place:Bergen',
			'name:Henrik',
			'phone:968 73 202',
			'name:Henrik',
			'workplace:Bakkelund Bygg AS',
			'name:Gunvor'
		]);
		expect(s.items.every((i) => i.status === 'pending')).toBe(true);
		// The same state comes back for the same open project (the review survives leaving the screen).
		expect(deidStateFor(project)).toBe(deidStateFor(project));
	});

	it('accepts, rejects, accepts a whole category and edits a finding', async () => {
		const s = new DeidState(project);
		await s.scan();
		const place = s.items.find((i) => i.category === 'place')!;
		s.setStatus([place.id], 'rejected');
		expect(s.acceptAll('name')).toBe(4);
		expect(s.counts.by.name).toMatchObject({ found: 4, accepted: 4 });
		expect(s.counts.total).toMatchObject({ rejected: 1, pending: 3 });
		// Widen the workplace to "a nurse at Tusenfryd barnehage"? No: narrow it to the name.
		const work = s.items.find((i) => i.text === 'Tusenfryd barnehage')!;
		expect(s.edit(work.id, { text: 'Tusenfryd' })).toBeNull();
		expect(s.items.find((i) => i.id === work.id)).toMatchObject({ text: 'Tusenfryd', status: 'accepted' });
		expect(s.edit(work.id, { text: 'Solbakken' })).toMatch(/does not occur here in P01/);
		expect(s.edit(work.id, { text: 'Interviewer' })).toMatch(/does not occur here|speaker label/);
		expect(s.edit(work.id, { replacement: 'a kindergarten' })).toBeNull();
		expect(s.replacementAt.get(`${work.docId}:${work.start}`)).toBe('a kindergarten');
	});

	it('adds the analyst’s own terms everywhere, and removes them again', async () => {
		const s = new DeidState(project);
		await s.scan();
		expect(s.addTerm('NURSE', 'other')).toBeNull();
		expect(s.termCount('nurse')).toBe(1);
		const term = s.items.find((i) => i.source === 'term')!;
		expect(term).toMatchObject({ text: 'nurse', status: 'accepted', category: 'other' });
		// A term the detector already found accepts that finding instead of listing it twice.
		expect(s.addTerm('Bergen', 'place')).toBeNull();
		expect(s.items.filter((i) => i.text === 'Bergen')).toHaveLength(1);
		expect(s.items.find((i) => i.text === 'Bergen')!.status).toBe('accepted');
		expect(s.addTerm('x', 'other')).toMatch(/at least two characters/);
		expect(s.addTerm('Nurse', 'name')).toMatch(/already in your terms/);
		expect(s.addTerm('Solbakken', 'address')).toMatch(/does not occur in the scanned transcripts/);
		s.removeTerm('NURSE');
		expect(s.items.some((i) => i.source === 'term')).toBe(false);
	});

	it('applies: rewrites the texts, moves codings and notes, keeps the key only in memory', async () => {
		const [d1] = project.documents;
		const code = await project.createCode({ name: 'Support' });
		const start = P01.indexOf('My manager');
		const coding = await project.applyCode(d1.id, start, P01.indexOf('about it.') + 9, code!.id);
		const note = await project.addNote('familiarisation', { type: 'passage', docId: d1.id, start, end: start + 18, quote: P01.slice(start, start + 18), prefix: '', suffix: '' }, 'the manager');
		const s = new DeidState(project);
		await s.scan();
		for (const c of ['name', 'place', 'phone', 'workplace'] as const) s.acceptAll(c);
		s.setMode('place', 'placeholder');
		const summary = s.summary();
		expect(summary).toMatchObject({ documents: 2, replacements: 8, codings: 1, notes: 1, pending: 0 });
		expect(await s.apply()).toBe(true);

		const pseudo = s.key.find((k) => k.original === 'Henrik')!.replacement;
		expect(s.key.find((k) => k.original === 'Henrik')!.documents).toEqual(['P01', 'P02']);
		const stored = await repo.getContent(d1.id);
		expect(stored!.text).not.toMatch(/Henrik|Bergen|Tusenfryd|968 73 202/);
		expect(stored!.text).toContain(`My manager, ${pseudo}, was very good about it.`);
		expect(stored!.text).toContain('We live in [place].');
		const doc = (await repo.listDocuments(project.id)).find((d) => d.id === d1.id)!;
		expect(doc.length).toBe(stored!.text.length);
		expect(doc.fingerprint).toBe(await sha256Hex(stored!.text));
		const movedCoding = (await repo.listCodings(project.id)).find((c) => c.id === coding!.id)!;
		expect(movedCoding.quote).toBe(`My manager, ${pseudo}, was very good about it.`);
		expect(stored!.text.slice(movedCoding.start, movedCoding.end)).toBe(movedCoding.quote);
		const movedNote = (await repo.listNotes(project.id)).find((n) => n.id === note!.id)!;
		expect(movedNote.target.type === 'passage' && movedNote.target.quote).toBe(`My manager, ${pseudo}`);
		// Nothing in the database holds the key: no row mentions both the original and its pseudonym.
		const dump = JSON.stringify(await project.backup());
		expect(dump).not.toContain('Henrik');
		// The key stays for this tab (a new review of the same project starts with it), until forgotten.
		expect(new DeidState(project).key).toEqual(s.key);
		s.forgetKey();
		expect(new DeidState(project).key).toEqual([]);
		expect(s.phase).toBe('idle');
		expect(s.items).toEqual([]);
	});

	it('keeps the key in the project only when asked: stored on the project row, in backups, gone when forgotten', async () => {
		const s = new DeidState(project);
		await s.scan();
		s.acceptAll('name');
		await s.setKeepInProject(true);
		expect(await s.apply()).toBe(true);
		const henrik = s.key.find((k) => k.original === 'Henrik')!;
		expect((await repo.getProject(project.id))?.deidKey).toContainEqual(henrik);
		expect(JSON.stringify(await project.backup())).toContain('Henrik');
		// A fresh review (another tab, after a reload) starts from the stored key and the choice.
		const again = new DeidState(project);
		expect(again.keepInProject).toBe(true);
		expect(again.key).toContainEqual(henrik);
		again.forgetKey();
		await expect.poll(async () => (await repo.getProject(project.id))?.deidKey).toBeUndefined();
		expect(again.keepInProject).toBe(false);
	});

	it('refuses to apply when a transcript changed since the scan, and changes nothing', async () => {
		const s = new DeidState(project);
		await s.scan();
		s.acceptAll('name');
		const [d1] = project.documents;
		const before = await repo.getContent(d1.id);
		// Another de-identification (here: a direct rewrite) changes the text under the review.
		const other = new DeidState(project);
		await other.scan();
		other.acceptAll('place');
		expect(await other.apply()).toBe(true);
		expect(await s.apply()).toBe(false);
		expect((await repo.getContent(d1.id))!.text).not.toBe(before!.text);
		expect((await repo.getContent(d1.id))!.text).toContain('Henrik');
	});

	it('a cancelled scan keeps what was there', async () => {
		const s = new DeidState(project);
		await s.scan();
		const items = s.items;
		const again = s.scan();
		s.cancelScan();
		await again;
		expect(s.items).toBe(items);
		expect(s.phase).toBe('ready');
	});
});
