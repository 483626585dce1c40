import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseBackup, type ProjectBackup } from '../../domain/backup';
import { SHARED } from '../../../../tests/shared';
import { buildQdpx, guid, qdeOf, syntheticQdpx } from './fixtures';
import { readQdpx, type QdpxResult } from './readQdpx';

const SAMPLES = resolve(SHARED, 'refi-qda', 'samples');
const sample = (name: string) => new Uint8Array(readFileSync(resolve(SAMPLES, name)));

// Expectations come from the files by an independent route: fflate to unzip, a regex pass over
// the .qde, TextDecoder for the texts. JavaScript string indices are UTF-16 units, so for NVivo
// (which counts UTF-16 units) the expected selection is simply text.slice(start, end).
function unpack(name: string) {
	const files = unzipSync(sample(name));
	const qdeName = Object.keys(files).find((n) => n.endsWith('.qde'))!;
	const qde = new TextDecoder().decode(files[qdeName]).replace(/^\uFEFF/, '');
	const text = (path: string) => new TextDecoder().decode(files[path]).replace(/^\uFEFF/, '');
	return { files, qde, text };
}
const countTag = (xml: string, tag: string) => (xml.match(new RegExp(`<${tag}[\\s/>]`, 'g')) ?? []).length;
const attrOf = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

async function read(bytes: Uint8Array, name: string, now = 1_700_000_000_000): Promise<Extract<QdpxResult, { ok: true }>> {
	let n = 0;
	const r = await readQdpx(bytes, name, { now, newId: () => `id-${++n}` });
	if (!r.ok) throw new Error(r.error);
	// Whatever the reader builds must pass the same checks as a backup file restored by the app.
	const checked = parseBackup(JSON.stringify(r.backup), name);
	if (!checked.ok) throw new Error(checked.error);
	return r;
}

/** Code name → parent name (null at the top), from the nesting of <Code> tags. */
function codeParents(qde: string): [string, string | null][] {
	const stack: string[] = [];
	const out: [string, string | null][] = [];
	const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
	for (const m of qde.matchAll(/<(\/?)Code\b([^>]*?)(\/?)>/g)) {
		if (m[1]) {
			stack.pop();
			continue;
		}
		const name = unescape(attrOf(m[2], 'name')!);
		out.push([name, stack.at(-1) ?? null]);
		if (!m[3]) stack.push(name);
	}
	return out;
}

function backupParents(b: ProjectBackup): [string, string | null][] {
	const byId = new Map(b.codes.map((c) => [c.id, c]));
	// Depth-first in sibling order, as the file lists them.
	const out: [string, string | null][] = [];
	const walk = (parent: string | null) =>
		b.codes
			.filter((c) => c.parentId === parent)
			.sort((x, y) => x.order - y.order)
			.forEach((c) => {
				out.push([c.name, c.parentId ? byId.get(c.parentId)!.name : null]);
				walk(c.id);
			});
	walk(null);
	return out;
}

describe('readQdpx: NVivo for Windows 12.6 (UTF-16 positions, CRLF, 892 emoji, Sources/)', () => {
	const name = 'nvivo-win-12.6_oltas0517.qdpx';
	const { qde, text } = unpack(name);

	it('reads every source, code and selection the file holds', async () => {
		const { backup } = await read(sample(name), name);
		expect(backup.documents).toHaveLength(countTag(qde, 'TextSource'));
		expect(backup.codes).toHaveLength(countTag(qde, 'Code'));
		expect(countTag(qde, 'PlainTextSelection')).toBe(303);
		expect(backup.codings).toHaveLength(countTag(qde, 'Coding'));
		expect(backupParents(backup)).toEqual(codeParents(qde));
		for (const d of backup.documents) {
			const stored = backup.contents.find((c) => c.docId === d.id)!.text;
			// Stored exactly as in the .txt: BOM stripped, CRLF kept.
			expect(stored).toBe(text(`Sources/${d.id}.txt`));
			expect(stored).toContain('\r\n');
			expect(d.eol).toBe('crlf');
		}
	});

	it('places every coding on the text the file implies, with its coder and code', async () => {
		const { backup } = await read(sample(name), name);
		const users = new Map([...qde.matchAll(/<User ([^>]*)>/g)].map((m) => [attrOf(m[1], 'guid')!, attrOf(m[1], 'name')!]));
		const codeNames = new Map([...qde.matchAll(/<Code ([^>]*)>/g)].map((m) => [attrOf(m[1], 'guid')!, attrOf(m[1], 'name')!]));
		const expected = new Map<string, { doc: string; start: number; end: number; coder: string; code: string }>();
		for (const src of qde.matchAll(/<TextSource ([^>]*)>([\s\S]*?)<\/TextSource>/g)) {
			const doc = attrOf(src[1], 'guid')!;
			for (const sel of src[2].matchAll(/<PlainTextSelection ([^>]*)>([\s\S]*?)<\/PlainTextSelection>/g))
				for (const c of sel[2].matchAll(/<Coding ([^>]*)>\s*<CodeRef targetGUID="([^"]+)"/g))
					expected.set(attrOf(c[1], 'guid')!, {
						doc,
						start: Number(attrOf(sel[1], 'startPosition')),
						end: Number(attrOf(sel[1], 'endPosition')),
						coder: users.get(attrOf(c[1], 'creatingUser')!)!,
						code: codeNames.get(c[2])!
					});
		}
		expect(expected.size).toBe(303);
		const coders = new Map(backup.coders.map((c) => [c.id, c.name]));
		const codes = new Map(backup.codes.map((c) => [c.id, c.name]));
		for (const c of backup.codings) {
			const want = expected.get(c.id)!;
			const t = text(`Sources/${want.doc}.txt`);
			expect([c.docId, c.start, c.end, c.quote]).toEqual([want.doc, want.start, want.end, t.slice(want.start, want.end)]);
			expect([coders.get(c.coderId), codes.get(c.codeId)]).toEqual([want.coder, want.code]);
			expect(c.prefix).toBe(t.slice(Math.max(0, c.start - 32), c.start).replace(/^[\uDC00-\uDFFF]/, ''));
		}
	});

	it('lands a selection after emoji and CRLFs on the right words', async () => {
		const { backup } = await read(sample(name), name);
		const doc = '68bbdc14-c361-4432-b4dd-ae1dbfc12890';
		const t = text(`Sources/${doc}.txt`);
		const byId = new Map(backup.codings.map((c) => [c.id, c]));
		// Selection fce0a8b6…: 17 emoji and 422 CRLFs come before it in the text.
		const sel = /<PlainTextSelection guid="fce0a8b6-42b2-45b4-94dd-ae1dc312654e"[^>]*>\s*(?:<Description \/>)?\s*<Coding guid="([^"]+)"/.exec(qde)!;
		const c = byId.get(sel[1])!;
		const before = t.slice(0, c.start);
		expect([...before.matchAll(/\p{Extended_Pictographic}/gu)].length).toBeGreaterThanOrEqual(17);
		expect(before.split('\r\n').length - 1).toBe(422);
		expect(c.quote).toBe('A kurva anyátokat oltsátok!');
		expect(before.endsWith('@janosszabo124\r\n')).toBe(true);
		// A selection holding an emoji keeps it whole.
		const withEmoji = backup.codings.find((x) => /\p{Extended_Pictographic}/u.test(x.quote))!;
		expect(withEmoji.quote).toBe(t.slice(withEmoji.start, withEmoji.end));
		expect(withEmoji.quote).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
	});

	it('says which position unit it chose and why', async () => {
		const { report } = await read(sample(name), name);
		const note = report.notes.find((n) => n.startsWith('Positions:'))!;
		expect(note).toMatch(/^Positions: NVivo for Windows 12\.6 counts in UTF-16 code units with CRLF as two .*; 300 of 303 selections start and end on word boundaries that way, against 49 in Unicode code points/);
		expect(report.dropped).toEqual([]);
		expect(report.read).toContain('303 codings on 303 text selections, by 1 coder');
	});
});

describe('readQdpx: the other real samples', () => {
	it('MAXQDA 24.7: 10 LF texts, 307 coloured codes with descriptions, sets of documents reported', async () => {
		const name = 'maxqda-24.7_ICLS_Conf_Themes_just10.qdpx';
		const { qde, text } = unpack(name);
		const { backup, report } = await read(sample(name), name);
		expect(backup.documents).toHaveLength(countTag(qde, 'TextSource'));
		expect(backup.documents.map((d) => d.name)).toEqual([...qde.matchAll(/<TextSource ([^>]*)>/g)].map((m) => attrOf(m[1], 'name')));
		for (const d of backup.documents) expect(backup.contents.find((c) => c.docId === d.id)!.text).toBe(text(`sources/${d.id}.txt`));
		expect(backup.codes).toHaveLength(307);
		expect(backupParents(backup)).toEqual(codeParents(qde));
		const colours = [...qde.matchAll(/<Code ([^>]*)>/g)].map((m) => [attrOf(m[1], 'guid'), attrOf(m[1], 'color')!.toLowerCase()]);
		expect(backup.codes.map((c) => [c.id, c.color]).sort()).toEqual(colours.sort());
		expect(backup.codes.every((c) => c.definition.length > 0)).toBe(true);
		expect(backup.codings).toEqual([]);
		expect(report.dropped.map((d) => d.what)).toEqual(['Set “ICLS 2024” (5 sources)', 'Set “ICLS 2025” (5 sources)']);
		expect(backup.coders.map((c) => c.name)).toEqual(['johnb']);
		expect(backup.project.name).toBe('2025-06-16_ICLS_Conf_Themes_ALL_just10');
	});

	it('NVivo for Mac 15: a 7-level hierarchy, users with ids, texts of one line break', async () => {
		const name = 'nvivo-mac-15.0.0_nvivo_project.qdpx';
		const { qde } = unpack(name);
		const { backup, report } = await read(sample(name), name);
		expect(backup.codes).toHaveLength(countTag(qde, 'Code'));
		expect(backupParents(backup)).toEqual(codeParents(qde));
		expect(backup.documents).toHaveLength(2);
		expect(backup.contents.map((c) => c.text)).toEqual(['\n', '\n']);
		expect(backup.coders.map((c) => c.name)).toEqual(['chrisp', 'cp']);
		expect(report.read).toContain('262 codes in 7 levels (3 at the top), with their hierarchy');
		expect(report.notes.filter((n) => /holds no words, only a line break/.test(n))).toHaveLength(2);
	});

	it('ATLAS.ti 23: nested codes without colours; the “ATLAS.ti” user is not a coder', async () => {
		const name = 'atlasti-win-23.2.3_target-atlas-project.qdpx';
		const { qde } = unpack(name);
		const { backup, report } = await read(sample(name), name);
		expect(backupParents(backup)).toEqual(codeParents(qde));
		expect(backup.coders.map((c) => [c.id, c.name])).toEqual([['088B08AC-D5CD-4ADB-8B71-B4F3459C177F', 'Enric Llagostera']]);
		expect(report.notes).toContain('User “ATLAS.ti” is the program itself rather than a person and made no codings, so it did not become a coder.');
		expect(new Set(backup.codes.map((c) => c.color)).size).toBe(3);
	});

	it('ATLAS.ti names the .qde after the project: any .qde at the root is found', async () => {
		const { qde } = unpack('atlasti-win-23.2.3_target-atlas-project.qdpx');
		const { backup, report } = await read(buildQdpx(qde, {}, 'target-atlas-project.qde'), 'renamed.qdpx');
		expect(backup.codes).toHaveLength(3);
		expect(report.notes.join(' ')).toMatch(/called “target-atlas-project\.qde”/);
	});
});

describe('readQdpx: every sample in shared/refi-qda/samples', () => {
	const all = readdirSync(SAMPLES).filter((f) => f.endsWith('.qdpx'));
	it.each(all)('%s imports, every coding on its text', async (name) => {
		const { backup } = await read(sample(name), name);
		const texts = new Map(backup.contents.map((c) => [c.docId, c.text]));
		for (const c of backup.codings) expect(texts.get(c.docId)!.slice(c.start, c.end)).toBe(c.quote);
		expect(backup.codes.length).toBeGreaterThan(0);
	});
});

describe('readQdpx: positions and texts', () => {
	const users = `<Users><User guid="${guid(1, 9)}" name="Ana"/></Users>`;
	const codebook = `<CodeBook><Codes><Code guid="${guid(1, 2)}" name="Work" isCodable="true"/></Codes></CodeBook>`;
	const selection = (start: number, end: number, n = 1) =>
		`<PlainTextSelection guid="${guid(n, 3)}" startPosition="${start}" endPosition="${end}" creatingUser="${guid(1, 9)}"><Coding guid="${guid(n, 4)}" creatingUser="${guid(1, 9)}"><CodeRef targetGUID="${guid(1, 2)}"/></Coding></PlainTextSelection>`;
	const project = (sources: string, origin = 'Test 1.0') => qdeOf(`${users}${codebook}<Sources>${sources}</Sources>`, { origin });

	it('reads code points by default, inline text included (an emoji before the selection)', async () => {
		const text = 'P01: I went 😊 back to work in May.';
		const cp = [...text];
		const start = cp.indexOf('b');
		const r = await read(buildQdpx(project(`<TextSource guid="${guid(1, 1)}" name="P01"><PlainTextContent>${text}</PlainTextContent>${selection(start, start + 12)}</TextSource>`)), 'cp.qdpx');
		expect(r.backup.codings.map((c) => c.quote)).toEqual(['back to work']);
		expect(r.report.notes.join(' ')).toMatch(/counts in Unicode code points \(as the standard says\); 1 of 1 selections start and end on word boundaries that way, against 0 in UTF-16 code units/);
		expect(r.backup.documents[0].participantId).toBe('P01');
	});

	it('recognises a producer that counts CRLF as one character', async () => {
		const text = 'Interviewer: How was it?\r\nP02: Hard at first.\r\nThen better.';
		const lf = text.replace(/\r\n/g, '\n');
		const sels = ['Hard at first', 'better'].map((w, i) => selection(lf.indexOf(w), lf.indexOf(w) + w.length, i + 1)).join('');
		const r = await read(buildQdpx(project(`<TextSource guid="${guid(1, 1)}" name="P02" plainTextPath="internal://${guid(1, 1)}.txt">${sels}</TextSource>`), { [`sources/${guid(1, 1)}.txt`]: text }), 'crlf1.qdpx');
		expect(r.backup.codings.map((c) => c.quote)).toEqual(['Hard at first', 'better']);
		expect(r.report.notes.join(' ')).toMatch(/counts in Unicode code points with CRLF as one, not in Unicode code points as expected/);
	});

	it('drops a selection past the end of the text with the reason, keeps the others, never clamps', async () => {
		const text = 'I went back to work.';
		const r = await read(
			buildQdpx(project(`<TextSource guid="${guid(1, 1)}" name="Doc" plainTextPath="internal://a.txt">${selection(7, 11, 1)}${selection(15, 40, 2)}${selection(9, 9, 3)}</TextSource>`), { 'Sources/A.TXT': text }),
			'past.qdpx'
		);
		expect(r.backup.codings.map((c) => c.quote)).toEqual(['back']);
		expect(r.report.dropped).toEqual([
			{ what: 'Selection at 15–40 in “Doc” (1 coding)', why: 'it ends past the end of the text (20 code points long)' },
			{ what: 'Selection at 9–9 in “Doc” (1 coding)', why: 'it is empty (it starts where it ends)' }
		]);
	});

	it('lists PDF, media, missing and external sources as not imported, and imports the rest', async () => {
		const r = await read(
			buildQdpx(
				project(
					`<TextSource guid="${guid(1, 1)}" name="Kept"><PlainTextContent>Text.</PlainTextContent></TextSource>` +
						`<PDFSource guid="${guid(2, 1)}" name="Paper" path="internal://x.pdf"><PDFSelection guid="${guid(9, 3)}" page="1" firstX="0" firstY="0" secondX="1" secondY="1"><Coding guid="${guid(9, 4)}"><CodeRef targetGUID="${guid(1, 2)}"/></Coding></PDFSelection></PDFSource>` +
						`<AudioSource guid="${guid(3, 1)}" name="Recording" path="internal://x.mp3"/>` +
						`<TextSource guid="${guid(4, 1)}" name="Gone" plainTextPath="internal://gone.txt"/>` +
						`<TextSource guid="${guid(5, 1)}" name="Far" plainTextPath="file:///C:/Users/x/far.txt"/>` +
						`<TextSource guid="${guid(6, 1)}" name="Rich" richTextPath="internal://rich.docx"/>`
				)
			),
			'mixed.qdpx'
		);
		expect(r.backup.documents.map((d) => d.name)).toEqual(['Kept']);
		expect(r.report.dropped).toEqual([
			{ what: 'PDF source “Paper” with 1 coding', why: 'Tema works with text transcripts; PDF sources are not supported' },
			{ what: 'Audio source “Recording”', why: 'Tema works with text transcripts; audio sources are not supported' },
			{ what: 'Text source “Gone”', why: 'its text file “sources/gone.txt” is missing from the .qdpx' },
			{ what: 'Text source “Far”', why: 'its text is outside the project file (at “file:///C:/Users/x/far.txt”), where Tema cannot reach it; export the project with its sources embedded' },
			{ what: 'Text source “Rich”', why: 'it has only a rich-text file (rich.docx) and no plain text; REFI-QDA asks for the plain text, and Tema reads only that' }
		]);
	});
});

describe('readQdpx: users, cases, notes and sets', () => {
	it('turns cases and variables into participants, notes into memos and notes, sets into themes', async () => {
		const g = (n: number, k: number) => guid(n, k);
		const text = 'Interviewer: Tell me.\nAnne: I went back to work. It was hard.';
		const qde = qdeOf(
			`<Users><User guid="${g(1, 9)}" name="Ana"/><User guid="${g(2, 9)}" name="MAXQDA"/></Users>` +
				`<CodeBook><Codes><Code guid="${g(1, 2)}" name="Return" isCodable="true" color="#ffcc00"><Description>Going back.\nIncludes: first day\nExample: I went back</Description><NoteRef targetGUID="${g(2, 5)}"/><Code guid="${g(2, 2)}" name="Hard" isCodable="true"/></Code><Code guid="${g(3, 2)}" name="Loose" isCodable="true"/></Codes></CodeBook>` +
				`<Variables><Variable guid="${g(1, 6)}" name="Age" typeOfVariable="Integer"/><Variable guid="${g(2, 6)}" name="Sector" typeOfVariable="Text"/></Variables>` +
				`<Cases><Case guid="${g(1, 7)}" name="Anne"><VariableValue><VariableRef targetGUID="${g(1, 6)}"/><IntegerValue>42</IntegerValue></VariableValue><VariableValue><VariableRef targetGUID="${g(2, 6)}"/><TextValue>Health</TextValue></VariableValue><SourceRef targetGUID="${g(1, 1)}"/></Case></Cases>` +
				`<Sources><TextSource guid="${g(1, 1)}" name="Interview Anne" plainTextPath="internal://${g(1, 1)}.txt"><Description>Recorded at home.</Description>` +
				`<PlainTextSelection guid="${g(1, 3)}" startPosition="${text.indexOf('back')}" endPosition="${text.indexOf('work') + 4}"><Coding guid="${g(1, 4)}" creatingUser="${g(2, 9)}"><CodeRef targetGUID="${g(1, 2)}"/></Coding><Coding guid="${g(2, 4)}" creatingUser="${g(2, 9)}"><CodeRef targetGUID="${g(1, 2)}"/></Coding><NoteRef targetGUID="${g(3, 5)}"/></PlainTextSelection>` +
				`<PlainTextSelection guid="${g(2, 3)}" startPosition="${text.indexOf('hard')}" endPosition="${text.indexOf('hard') + 4}" creatingUser="${g(1, 9)}"><Coding guid="${g(3, 4)}"><CodeRef targetGUID="${g(2, 2)}"/></Coding><Coding guid="${g(4, 4)}"><CodeRef targetGUID="${g(99, 2)}"/></Coding></PlainTextSelection>` +
				`<NoteRef targetGUID="${g(4, 5)}"/></TextSource></Sources>` +
				`<Notes><Note guid="${g(1, 5)}" name="Project memo"><PlainTextContent>Overall, return is gradual.</PlainTextContent></Note><Note guid="${g(2, 5)}" name=""><PlainTextContent>Code memo.</PlainTextContent></Note><Note guid="${g(3, 5)}" name="On a passage"><PlainTextContent>She hesitates.</PlainTextContent></Note><Note guid="${g(4, 5)}" name=""><PlainTextContent>Doc memo.</PlainTextContent></Note><Note guid="${g(5, 5)}" name="Loose"><PlainTextContent>Nobody refers to me.</PlainTextContent></Note><Note guid="${g(6, 5)}" name="Memo: Hard for everyone"><PlainTextContent>Hard for everyone.</PlainTextContent></Note></Notes>` +
				`<Sets><Set guid="${g(1, 8)}" name="Main theme: Coming back"><Description>Returning as a process.\nIncludes: first weeks\nStatus: kept</Description></Set>` +
				`<Set guid="${g(2, 8)}" name="Theme: Coming back › The first day"><Description>The day itself.\nExcludes: later weeks\nRelations: opens the main theme</Description><MemberCode targetGUID="${g(1, 2)}"/></Set>` +
				`<Set guid="${g(3, 8)}" name="Theme: Difficulty"><MemberCode targetGUID="${g(2, 2)}"/><MemberNote targetGUID="${g(6, 5)}"/></Set>` +
				`<Set guid="${g(4, 8)}" name="My favourites"><MemberCode targetGUID="${g(3, 2)}"/></Set>` +
				`<Set guid="${g(5, 8)}" name="Batch 1"><MemberSource targetGUID="${g(1, 1)}"/></Set></Sets>` +
				`<NoteRef targetGUID="${g(1, 5)}"/>`,
			{ origin: 'MAXQDA 24', modifyingUserGUID: g(1, 9) }
		);
		const { backup: b, report } = await read(buildQdpx(qde, { [`sources/${g(1, 1)}.txt`]: text }), 'full.qdpx');

		expect(b.participants.map((p) => [p.label, p.attributes])).toEqual([['Anne', { Age: 42, Sector: 'Health' }]]);
		expect(b.documents[0].participantId).toBe('Anne');
		const code = b.codes.find((c) => c.name === 'Return')!;
		expect([code.color, code.definition, code.include, code.example]).toEqual(['#ffcc00', 'Going back.', 'first day', 'I went back']);
		expect(b.codings.map((c) => [c.quote, b.codes.find((x) => x.id === c.codeId)!.name, b.coders.find((x) => x.id === c.coderId)!.name])).toEqual([
			['back to work', 'Return', 'MAXQDA'],
			['hard', 'Hard', 'Ana']
		]);
		expect(report.notes).toContain('User “MAXQDA” looks like the program itself, but it made codings, so it is kept as a coder.');
		expect(report.notes).toContain('1 coding repeats another exactly (same code, coder and text); each was kept once.');
		expect(report.dropped).toContainEqual({ what: `A coding of selection at ${text.indexOf('hard')}–${text.indexOf('hard') + 4} in “Interview Anne”`, why: `its code (${g(99, 2)}) is not in the codebook` });
		expect(b.project.currentCoderId).toBe(g(1, 9));

		const notes = b.notes.map((n) => [n.kind, n.target.type, n.text]).sort();
		expect(notes).toEqual(
			[
				['familiarisation', 'document', 'Doc memo.'],
				['familiarisation', 'document', 'Recorded at home.'],
				['familiarisation', 'passage', 'On a passage\n\nShe hesitates.'],
				['memo', 'code', 'Code memo.'],
				['memo', 'project', 'Loose\n\nNobody refers to me.'],
				['memo', 'project', 'Project memo\n\nOverall, return is gradual.'],
				// A Tema-style name ("Memo: …") is not repeated in the text; a set's note is the theme's memo, once.
				['memo', 'theme', 'Hard for everyone.']
			].sort()
		);
		expect(b.notes.find((n) => n.target.type === 'passage')!.target).toMatchObject({ quote: 'back to work' });

		const themes = b.themes.map((t) => ({
			name: t.name,
			parent: b.themes.find((x) => x.id === t.parentId)?.name ?? null,
			main: !!t.main,
			status: t.status,
			codes: t.codeIds.map((id) => b.codes.find((c) => c.id === id)!.name),
			definition: t.definition
		})).sort((x, y) => x.name.localeCompare(y.name));
		expect(themes).toEqual([
			{ name: 'Coming back', parent: null, main: true, status: 'kept', codes: [], definition: { concept: 'Returning as a process.', includes: 'first weeks', excludes: '', relations: '' } },
			{ name: 'Difficulty', parent: null, main: false, status: 'candidate', codes: ['Hard'], definition: { concept: '', includes: '', excludes: '', relations: '' } },
			{ name: 'My favourites', parent: null, main: false, status: 'candidate', codes: ['Loose'], definition: { concept: '', includes: '', excludes: '', relations: '' } },
			{ name: 'The first day', parent: 'Coming back', main: false, status: 'candidate', codes: ['Return'], definition: { concept: 'The day itself.', includes: '', excludes: 'later weeks', relations: 'opens the main theme' } }
		]);
		expect(b.themes.filter((t) => t.parentId === null).sort((x, y) => x.order - y.order).map((t) => t.name)).toEqual(['Coming back', 'Difficulty', 'My favourites']);
		expect(report.notes.join(' ')).toMatch(/1 set of codes has no Tema theme name .* imported as candidate themes named after the set/);
		expect(report.dropped).toContainEqual({ what: 'Set “Batch 1” (1 source)', why: 'Tema has no sets of transcripts; only sets of codes become themes' });
	});
});

describe('readQdpx: files that are not usable projects', () => {
	const nvivo = sample('nvivo-win-12.6_oltas0517.qdpx');

	it('a 0-byte file', async () => {
		expect(await readQdpx(new Uint8Array(), 'empty.qdpx')).toEqual({ ok: false, error: '“empty.qdpx” is empty (0 bytes).' });
	});

	it('a truncated zip', async () => {
		const r = await readQdpx(nvivo.subarray(0, nvivo.length >> 1), 'cut.qdpx');
		expect(r.ok || r.error).toMatch(/^“cut\.qdpx” is damaged or incomplete: its zip archive cannot be read/);
	});

	it('a .qdpx without a .qde', async () => {
		const r = await readQdpx(buildQdpx('x', { 'sources/a.txt': 'Hello' }, 'notes.txt'), 'noqde.qdpx');
		expect(r.ok || r.error).toBe('“noqde.qdpx” holds no project file (.qde), so it is not a REFI-QDA project (it holds notes.txt, sources/a.txt).');
	});

	it('XML that is not REFI, a codebook, a broken .qde, a DOCTYPE', async () => {
		const html = await readQdpx(buildQdpx('<?xml version="1.0"?><html><body>Hi</body></html>'), 'page.qdpx');
		expect(html.ok || html.error).toBe('“page.qdpx” is not a REFI-QDA project: its “project.qde” is XML whose root element is <html>, not <Project>.');
		const qdc = await readQdpx(buildQdpx('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>'), 'cb.qdpx');
		expect(qdc.ok || qdc.error).toMatch(/is a REFI-QDA codebook, not a project/);
		const broken = await readQdpx(buildQdpx('<Project name="x"><Users><User guid="a"></Project>'), 'broken.qdpx');
		expect(broken.ok || broken.error).toMatch(/^“broken\.qdpx” has a project file \(“project\.qde”\) that is not well-formed XML/);
		const doctype = await readQdpx(buildQdpx('<!DOCTYPE Project [<!ENTITY x "y">]><Project name="&x;"/>'), 'dt.qdpx');
		expect(doctype.ok || doctype.error).toMatch(/contains a DOCTYPE declaration/);
	});

	it('a file that is neither a zip nor XML', async () => {
		const r = await readQdpx(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]), 'paper.qdpx');
		expect(r.ok || r.error).toBe('“paper.qdpx” is not a REFI-QDA project: a .qdpx is a zip archive, and this file is not one.');
	});

	it('accepts a bare .qde with inline texts', async () => {
		const qde = qdeOf(`<Sources><TextSource guid="${guid(1, 1)}" name="Inline"><PlainTextContent>Hello there.</PlainTextContent></TextSource></Sources>`);
		const r = await read(new TextEncoder().encode(qde), 'project.qde');
		expect(r.backup.contents[0].text).toBe('Hello there.');
		expect(r.backup.coders.map((c) => c.name)).toEqual(['Me']);
	});
});

describe('readQdpx: a synthetic project independent of Tema’s writer', () => {
	it('reads 5 transcripts with CRLF, emoji and 300 codings at the positions written', async () => {
		const s = syntheticQdpx({ docs: 5, wordsPerDoc: 1500, codings: 300, seed: 3 });
		const { backup, report } = await read(s.bytes, 'synthetic.qdpx');
		expect(backup.codings).toHaveLength(s.codings);
		expect(report.notes.join(' ')).toMatch(/counts in Unicode code points with CRLF as two \(as the standard says\); 300 of 300 selections/);
		const docIndex = new Map(backup.documents.map((d) => [d.id, d.order]));
		const got = backup.codings.map((c) => [docIndex.get(c.docId), c.quote]).sort();
		const want = s.selections.map((x) => [x.doc, [...s.texts[x.doc]].slice(x.start, x.end).join('')]).sort();
		expect(got).toEqual(want);
	});
});
