// Reading a REFI-QDA project (.qdpx: a zip with a project.qde and the sources' text files) into
// a Tema project backup, which the app then stores through its ordinary restore path. Pure:
// bytes in, backup and report out. Real files from NVivo, MAXQDA, ATLAS.ti and QualCoder
// differ from the standard and from each other (see shared/refi-qda/SOURCES.md); where they
// do, we read what they meant, choose the text-position unit by testing it on the text, and
// list in the report everything left out and every decision taken.

import { unzipSync, type Unzipped } from 'fflate';
import { makeBackup, type ProjectBackup } from '../../domain/backup';
import { CODE_PALETTE, nameKey, pickColor } from '../../domain/codebook';
import { contextAround } from '../../domain/anchors';
import { decodeText, detectEol } from '../../domain/decode';
import { passageTarget } from '../../domain/notes';
import { detectParticipant, parseTurns } from '../../domain/turns';
import { newTheme } from '../../domain/themes';
import { plural } from '../../domain/words';
import type {
	AttributeValue,
	Code,
	Coder,
	Coding,
	DocumentContent,
	Id,
	Note,
	NoteKind,
	NoteTarget,
	Participant,
	TextEncoding,
	Theme,
	TranscriptDocument
} from '../../domain/types';
import { sha256Hex } from '../transcripts';
import { chooseUnit, offsetMapper, textEvents, type PositionUnit, type TextEvents } from './readPositions';
import { noteKindFromName, parseThemeDescription, parseThemeSetName } from './writeConventions';
import { describeDetails, describeTree, readCodeTree, type RefiCode } from './readQdc';
import { emptyReport, type ImportReport } from './report';
import { child, childrenNamed, childText, decodeXmlBytes, guidKey, parseXml, REFI_PROJECT_NS, type XmlElement } from './xml';

export interface ReadQdpxOptions {
	/** Ids for rows whose REFI GUID is missing or already used (default crypto.randomUUID). */
	newId?: () => string;
	/** The time stamped on the import (ms). */
	now?: number;
	/** Called between stages; a returned promise is awaited, so a page can paint progress. */
	onProgress?: (message: string) => void | Promise<void>;
}

export type QdpxResult = { ok: true; backup: ProjectBackup; report: ImportReport } | { ok: false; error: string };

/** Largest text file read from a project: far above any transcript, well below a zip bomb. */
const MAX_TEXT_BYTES = 64 * 1024 * 1024;
const MAX_QDE_BYTES = 512 * 1024 * 1024;

const nf = new Intl.NumberFormat('en');
const MEDIA: Record<string, string> = {
	PDFSource: 'PDF',
	PictureSource: 'picture',
	AudioSource: 'audio',
	VideoSource: 'video'
};
/** Names under which programs list themselves as a user (ATLAS.ti does). */
const PROGRAM_NAMES = ['atlas.ti', 'maxqda', 'nvivo', 'qualcoder', 'taguette', 'quirkos', 'dedoose', 'f4analyse', 'transana'];

function baseName(path: string): string {
	return path.replace(/^.*[\\/]/, '');
}

function stem(name: string): string {
	return baseName(name).replace(/\.[^.]*$/, '');
}

function time(s: string | undefined, fallback: number): number {
	if (!s) return fallback;
	const t = Date.parse(s);
	return Number.isFinite(t) ? t : fallback;
}

type ThemeForm = { kind: 'main'; name: string } | { kind: 'sub'; main: string; name: string } | { kind: 'theme'; name: string } | { kind: 'other' };

/** What a set's name says it is, by the naming convention Tema writes (writeConventions.ts). */
function themeForm(setName: string): ThemeForm {
	const f = parseThemeSetName(setName);
	if (!f) return { kind: 'other' };
	if (f.main) return { kind: 'main', name: f.name };
	return f.parent ? { kind: 'sub', main: f.parent, name: f.name } : { kind: 'theme', name: f.name };
}

/** A note kind named in the file, if Tema can show such a note on that target. */
function fitKind(kind: NoteKind | null, target: NoteTarget): NoteKind | null {
	if (kind === 'familiarisation') return target.type === 'document' || target.type === 'passage' ? kind : null;
	if (kind === 'journal') return target.type === 'project' ? kind : null;
	return kind;
}

/** The length of a text counted in a position unit. */
function unitLength(text: string, unit: PositionUnit): number {
	let n = text.length;
	if (unit.astral === 1) n -= (text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g) ?? []).length;
	if (unit.crlf === 1) n -= text.split('\r\n').length - 1;
	return n;
}

function listEntries(bytes: Uint8Array): { name: string; originalSize: number }[] {
	const out: { name: string; originalSize: number }[] = [];
	unzipSync(bytes, {
		filter: (f) => {
			out.push({ name: f.name, originalSize: f.originalSize });
			return false;
		}
	});
	return out;
}

function extract(bytes: Uint8Array, names: ReadonlySet<string>): Unzipped {
	return unzipSync(bytes, { filter: (f) => names.has(f.name) });
}

/**
 * Reads a .qdpx (or a bare .qde). Never throws for bad input: a file that cannot be a
 * project gives `{ok: false, error}` naming the file and the problem; a project with parts
 * Tema cannot use imports the rest and lists those parts in the report.
 */
export async function readQdpx(bytes: Uint8Array, fileName: string, options: ReadQdpxOptions = {}): Promise<QdpxResult> {
	const fail = (why: string): QdpxResult => ({ ok: false, error: `“${fileName}” ${why}.` });
	const progress = async (m: string) => {
		await options.onProgress?.(m);
	};
	if (bytes.length === 0) return fail('is empty (0 bytes)');
	const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
	let qdeBytes: Uint8Array;
	let qdeName = '';
	let entries: { name: string; originalSize: number }[] = [];
	const report = emptyReport();
	if (isZip) {
		await progress('Opening the archive…');
		try {
			entries = listEntries(bytes);
		} catch (e) {
			return fail(`is damaged or incomplete: its zip archive cannot be read (${e instanceof Error ? e.message : String(e)}). Export the project again`);
		}
		const files = entries.filter((e) => !e.name.endsWith('/'));
		const qdes = files.filter((e) => /\.qde$/i.test(e.name));
		const atRoot = qdes.filter((e) => !e.name.includes('/'));
		const pick = atRoot.find((e) => e.name.toLowerCase() === 'project.qde') ?? atRoot[0] ?? qdes[0];
		if (!pick)
			return fail(
				`holds no project file (.qde), so it is not a REFI-QDA project${files.length ? ` (it holds ${files.slice(0, 3).map((f) => f.name).join(', ')}${files.length > 3 ? ', …' : ''})` : ' (the archive is empty)'}`
			);
		if (pick.originalSize > MAX_QDE_BYTES) return fail(`has a project file of ${nf.format(pick.originalSize)} bytes, too large to read`);
		qdeName = pick.name;
		if (qdes.length > 1) report.notes.push(`The archive holds ${qdes.length} project files (.qde); “${pick.name}” was read.`);
		if (pick.name.includes('/')) report.notes.push(`The project file is “${pick.name}”, in a folder rather than at the top of the archive.`);
		else if (pick.name.toLowerCase() !== 'project.qde') report.notes.push(`The project file is called “${pick.name}” (ATLAS.ti names it after the project; the standard says project.qde).`);
		try {
			qdeBytes = extract(bytes, new Set([pick.name]))[pick.name];
		} catch (e) {
			return fail(`is damaged: its project file “${pick.name}” cannot be unpacked (${e instanceof Error ? e.message : String(e)})`);
		}
	} else if (/^\s*(\uFEFF)?</.test(new TextDecoder('latin1').decode(bytes.subarray(0, 64)).replace(/\0/g, ''))) {
		// A bare .qde: texts can only come inline (PlainTextContent).
		qdeBytes = bytes;
		qdeName = baseName(fileName);
	} else return fail('is not a REFI-QDA project: a .qdpx is a zip archive, and this file is not one');

	await progress('Reading the project file…');
	const decoded = decodeXmlBytes(qdeBytes);
	if (!decoded.ok) return fail(`: its project file “${qdeName}” ${decoded.error}`.replace(/^: /, ''));
	const xml = parseXml(decoded.text);
	if (!xml.ok) return fail(`has a project file (“${qdeName}”) that ${xml.error}`);
	const root = xml.root;
	if (root.name === 'CodeBook') return fail('is a REFI-QDA codebook, not a project; load it into a project’s codebook instead');
	if (root.name !== 'Project') return fail(`is not a REFI-QDA project: its “${qdeName}” is XML whose root element is <${root.name}>, not <Project>`);
	if (xml.namespace !== REFI_PROJECT_NS)
		report.notes.push(
			xml.namespace
				? `The project's namespace is “${xml.namespace}” rather than ${REFI_PROJECT_NS}; it was read by element names.`
				: `The project declares no namespace (the standard's is ${REFI_PROJECT_NS}); it was read by element names.`
		);

	const builder = new Builder(root, fileName, entries, report, options);
	return builder.build(bytes, progress);
}

interface TextItem {
	el: XmlElement;
	doc: TranscriptDocument;
	text: string;
	events: TextEvents;
}

interface SelectionItem {
	source: TextItem;
	el: XmlElement;
	start: number;
	end: number;
}

function withCodings(sel: SelectionItem, n: number): string {
	return `${selectionLabel(sel)}${n ? ` (${plural(n, 'coding')})` : ''}`;
}

/** How a selection is named in the report (built only when one is reported). */
function selectionLabel(sel: SelectionItem): string {
	const { el } = sel;
	return `Selection ${el.attrs.name?.trim() ? `“${el.attrs.name.trim()}” ` : ''}at ${el.attrs.startPosition ?? '?'}–${el.attrs.endPosition ?? '?'} in “${sel.source.doc.name}”`;
}

class Builder {
	readonly now: number;
	readonly newId: () => string;
	readonly projectId: string;
	readonly origin: string;
	readonly usedIds = new Map<string, Set<string>>();
	coders: Coder[] = [];
	coderByKey = new Map<string, Coder>();
	codes: Code[] = [];
	codeByKey = new Map<string, Code>();
	documents: TranscriptDocument[] = [];
	contents: DocumentContent[] = [];
	participants = new Map<string, Participant>();
	codings: Coding[] = [];
	notes: Note[] = [];
	themes: Theme[] = [];
	noteEls = new Map<string, XmlElement>();
	usedNotes = new Set<string>();

	constructor(
		readonly root: XmlElement,
		readonly fileName: string,
		readonly entries: { name: string; originalSize: number }[],
		readonly report: ImportReport,
		options: ReadQdpxOptions
	) {
		this.now = options.now ?? Date.now();
		this.newId = options.newId ?? (() => crypto.randomUUID());
		this.projectId = this.newId();
		this.origin = (root.attrs.origin ?? '').trim();
	}

	/** The REFI GUID as the row id when it is one and not yet used for this kind of row. */
	id(kind: string, guid: string | undefined): string {
		let used = this.usedIds.get(kind);
		if (!used) this.usedIds.set(kind, (used = new Set()));
		const g = (guid ?? '').trim();
		const id = g && !used.has(g) ? g : this.newId();
		used.add(id);
		return id;
	}

	async build(zip: Uint8Array, progress: (m: string) => Promise<void>): Promise<QdpxResult> {
		const { root, report } = this;
		this.zipBytes = zip;
		const users = this.readUsers();
		this.noteEls = new Map(childrenNamed(child(root, 'Notes'), 'Note').map((n) => [guidKey(n.attrs.guid ?? ''), n]));
		this.readCodes();
		const cases = this.readCases();

		await progress('Reading the transcripts…');
		const texts = await this.readSources(zip, cases, progress);
		if (typeof texts === 'string') return { ok: false, error: `“${this.fileName}” ${texts}.` };

		await progress('Placing the codings…');
		const selections = this.collectSelections(texts);
		const bySource = new Map<TextItem, { start: number; end: number }[]>(texts.map((t) => [t, []]));
		for (const sel of selections) bySource.get(sel.source)!.push(sel);
		const choice = chooseUnit(
			texts.map((t) => ({ text: t.text, events: t.events, selections: bySource.get(t)! })),
			this.origin
		);
		report.notes.push(choice.note);
		this.placeSelections(texts, selections, choice.unit);
		this.readSets();
		// Last: notes nothing else claimed become project memos.
		this.readNotes();
		this.readOther();

		const coders = this.finishCoders(users);
		const project = {
			id: this.projectId,
			name: (root.attrs.name ?? '').trim() || stem(this.fileName) || 'Imported project',
			description: childText(root, 'Description').trim(),
			createdAt: time(root.attrs.creationDateTime, this.now),
			updatedAt: this.now,
			currentCoderId: this.currentCoder(coders).id,
			recentCodeIds: []
		};
		const backup = makeBackup(
			{
				project,
				coders,
				documents: this.documents,
				contents: this.contents,
				participants: [...this.participants.values()],
				codes: this.codes,
				codings: this.codings,
				themes: this.themes,
				notes: this.notes,
				reading: [],
				decisions: [],
				searches: []
			},
			this.now
		);
		this.summarise(backup, coders, choice.total);
		return { ok: true, backup, report };
	}

	// ---- users → coders ------------------------------------------------------------------

	users: { key: string; guid: string; name: string; program: boolean; coded: boolean }[] = [];

	readUsers() {
		const program = this.origin.split(/\s+for\s+|\s+\d|\s*\(/i)[0].trim().toLowerCase();
		for (const [i, u] of childrenNamed(child(this.root, 'Users'), 'User').entries()) {
			const guid = (u.attrs.guid ?? '').trim();
			const name = (u.attrs.name ?? '').trim() || (u.attrs.id ?? '').trim() || `User ${i + 1}`;
			const k = nameKey(name);
			this.users.push({ key: guid ? guidKey(guid) : `#${i}`, guid, name, program: (program !== '' && k === program) || PROGRAM_NAMES.includes(k), coded: false });
		}
		return this.users;
	}

	/** The coder for a coding made by `userGuid` (or by nobody the file names). */
	coderFor(...guids: (string | undefined)[]): Coder {
		const known = guids.map((g) => (g ? guidKey(g) : '')).find((g) => g !== '');
		const user = known ? this.users.find((u) => u.key === known) : this.users.length === 1 ? this.users[0] : undefined;
		const key = user ? user.key : known ? `unknown:${known}` : 'unknown';
		let coder = this.coderByKey.get(key);
		if (!coder) {
			const name = user ? user.name : known ? `Unknown user ${known.slice(0, 8)}` : 'Unknown coder';
			coder = { id: this.id('coder', user?.guid || undefined), projectId: this.projectId, name, color: '' };
			this.coderByKey.set(key, coder);
			if (!user)
				this.report.notes.push(
					known
						? `Some codings name a user (${known}) who is not among the project's users; they belong to a coder called “${name}”.`
						: `Some codings do not say who made them; they belong to a coder called “${name}”.`
				);
		}
		if (user) user.coded = true;
		return coder;
	}

	finishCoders(users: Builder['users']): Coder[] {
		const out: Coder[] = [];
		for (const u of users) {
			if (u.program && !u.coded) {
				this.report.notes.push(`User “${u.name}” is the program itself rather than a person and made no codings, so it did not become a coder.`);
				continue;
			}
			if (u.program) this.report.notes.push(`User “${u.name}” looks like the program itself, but it made codings, so it is kept as a coder.`);
			if (!this.coderByKey.has(u.key)) this.coderByKey.set(u.key, { id: this.id('coder', u.guid || undefined), projectId: this.projectId, name: u.name, color: '' });
			out.push(this.coderByKey.get(u.key)!);
		}
		for (const c of this.coderByKey.values()) if (!out.includes(c)) out.push(c);
		if (out.length === 0) {
			out.push({ id: this.id('coder', undefined), projectId: this.projectId, name: 'Me', color: '' });
			this.report.notes.push('The project names no users; Tema added a coder called “Me” for the codings you make.');
		}
		const names = new Set<string>();
		out.forEach((c, i) => {
			let name = c.name;
			for (let n = 2; names.has(nameKey(name)); n++) name = `${c.name} (${n})`;
			names.add(nameKey(name));
			c.name = name;
			c.color = CODE_PALETTE[i % CODE_PALETTE.length];
		});
		return out;
	}

	currentCoder(coders: Coder[]): Coder {
		for (const g of [this.root.attrs.modifyingUserGUID, this.root.attrs.creatingUserGUID]) {
			const u = g ? this.users.find((x) => x.key === guidKey(g)) : undefined;
			const c = u ? this.coderByKey.get(u.key) : undefined;
			if (c && coders.includes(c)) {
				if (coders.length > 1) this.report.notes.push(`Codings you make in Tema are attributed to “${c.name}”, who ${g === this.root.attrs.modifyingUserGUID ? 'last changed' : 'created'} the project; choose another coder in the coder menu.`);
				return c;
			}
		}
		return coders[0];
	}

	// ---- codes ---------------------------------------------------------------------------

	codeTree: ReturnType<typeof readCodeTree> | null = null;

	readCodes() {
		const tree = readCodeTree(child(child(this.root, 'CodeBook'), 'Codes'), this.report, () => this.newId());
		this.codeTree = tree;
		const add = (list: RefiCode[], parentId: Id | null) =>
			list.forEach((rc, order) => {
				const code: Code = {
					id: this.id('code', rc.id),
					projectId: this.projectId,
					parentId,
					order,
					name: rc.name,
					color: rc.color ?? pickColor(this.codes),
					definition: rc.definition,
					include: rc.include,
					exclude: rc.exclude,
					example: rc.example,
					createdAt: this.now
				};
				this.codes.push(code);
				if (rc.key && !this.codeByKey.has(rc.key)) this.codeByKey.set(rc.key, code);
				for (const ref of rc.noteRefs) this.attachNote(ref, { type: 'code', codeId: code.id }, 'memo', `code “${code.name}”`);
				add(rc.children, code.id);
			});
		add(tree.codes, null);
	}

	// ---- cases and variables → participants ----------------------------------------------

	readCases(): Map<string, string> {
		const variables = new Map<string, { name: string; type: string }>();
		for (const v of childrenNamed(child(this.root, 'Variables'), 'Variable'))
			variables.set(guidKey(v.attrs.guid ?? ''), { name: (v.attrs.name ?? '').trim() || 'Variable', type: v.attrs.typeOfVariable ?? 'Text' });
		this.variables = variables;
		const sourceCase = new Map<string, string>();
		const labels = new Set<string>();
		for (const [i, c] of childrenNamed(child(this.root, 'Cases'), 'Case').entries()) {
			let label = (c.attrs.name ?? '').trim().replace(/\s+/g, ' ') || `Case ${i + 1}`;
			for (let n = 2; labels.has(label.toLowerCase()); n++) label = `${(c.attrs.name ?? '').trim() || `Case ${i + 1}`} (${n})`;
			labels.add(label.toLowerCase());
			const desc = childText(c, 'Description').trim();
			const values = childrenNamed(c, 'VariableValue');
			const sources = childrenNamed(c, 'SourceRef');
			// A case that only groups sources is a link, as a transcript's participant label is in
			// Tema; one with attributes (or with nothing else) is a row in the participants table.
			if (desc || values.length || !sources.length) {
				const p = this.participant(label);
				if (desc) p.attributes['Description'] = desc;
				for (const vv of values) this.setValue(p, vv, `case “${label}”`);
			}
			for (const ref of sources) {
				const k = guidKey(ref.attrs.targetGUID ?? '');
				const before = sourceCase.get(k);
				if (before === undefined) sourceCase.set(k, label);
				else if (before !== label) this.report.notes.push(`A source belongs to the cases “${before}” and “${label}”; a Tema transcript has one participant, so it was linked to “${before}”.`);
			}
			const codeRefs = childrenNamed(c, 'CodeRef').length;
			if (codeRefs) this.report.dropped.push({ what: `${plural(codeRefs, 'code')} applied to the whole case “${label}”`, why: 'Tema codes passages of text, not participants' });
			const selRefs = childrenNamed(c, 'SelectionRef').length;
			if (selRefs) this.report.dropped.push({ what: `${plural(selRefs, 'selection')} listed under case “${label}”`, why: 'Tema links whole transcripts to participants, not single passages' });
		}
		return sourceCase;
	}

	variables = new Map<string, { name: string; type: string }>();

	participant(label: string): Participant {
		let p = this.participants.get(label);
		if (!p) this.participants.set(label, (p = { id: `${this.projectId}:${label}`, projectId: this.projectId, label, attributes: {} }));
		return p;
	}

	setValue(p: Participant, vv: XmlElement, where: string) {
		const ref = guidKey(child(vv, 'VariableRef')?.attrs.targetGUID ?? '');
		const variable = this.variables.get(ref);
		if (!variable) {
			this.report.dropped.push({ what: `A variable value of ${where}`, why: 'it refers to a variable the project does not define' });
			return;
		}
		const valueEl = vv.children.find((c) => c.name !== 'VariableRef');
		let value: AttributeValue = null;
		if (valueEl) {
			const raw = valueEl.text.trim();
			if ((valueEl.name === 'IntegerValue' || valueEl.name === 'FloatValue') && raw !== '' && Number.isFinite(Number(raw))) value = Number(raw);
			else value = raw === '' ? null : raw;
		}
		if (!(variable.name in p.attributes) || p.attributes[variable.name] === null) p.attributes[variable.name] = value;
	}

	// ---- sources ---------------------------------------------------------------------------

	async readSources(zip: Uint8Array, sourceCase: Map<string, string>, progress: (m: string) => Promise<void>): Promise<TextItem[] | string> {
		const { report } = this;
		const sourceEls = child(this.root, 'Sources')?.children ?? [];
		const textEls = sourceEls.filter((s) => s.name === 'TextSource');
		for (const s of sourceEls) {
			if (s.name === 'TextSource') continue;
			const kind = MEDIA[s.name];
			const codings = s.children.flatMap((c) => (c.name === 'Coding' ? [c] : c.children.filter((x) => x.name === 'Coding'))).length;
			const transcripts = childrenNamed(s, 'Transcript').length;
			const extra = [codings ? plural(codings, 'coding') : '', transcripts ? plural(transcripts, 'transcript') : ''].filter(Boolean).join(' and ');
			report.dropped.push({
				what: `${kind ? `${kind[0].toUpperCase()}${kind.slice(1)} source` : `<${s.name}>`} “${s.attrs.name ?? ''}”${extra ? ` with ${extra}` : ''}`,
				why: kind ? `Tema works with text transcripts; ${kind} sources are not supported` : 'not a kind of source REFI-QDA defines'
			});
		}
		// Which text files to unpack: internal paths, matched without regard to case or folder spelling.
		const byLower = new Map<string, string>();
		for (const e of this.entries) byLower.set(e.name.toLowerCase(), e.name);
		const wanted = new Map<XmlElement, string>();
		const missing = new Map<XmlElement, string>();
		for (const s of textEls) {
			if (child(s, 'PlainTextContent')) continue;
			const path = (s.attrs.plainTextPath ?? '').trim();
			if (!path) continue;
			const m = /^internal:\/\/(.*)$/i.exec(path);
			if (!m) {
				missing.set(s, `its text is outside the project file (at “${path}”), where Tema cannot reach it; export the project with its sources embedded`);
				continue;
			}
			let rel = m[1].replace(/^\/+/, '');
			try {
				rel = decodeURIComponent(rel);
			} catch {
				// A literal % in a file name: keep the path as written.
			}
			const found = byLower.get(`sources/${rel}`.toLowerCase()) ?? byLower.get(rel.toLowerCase()) ?? [...byLower.values()].find((n) => baseName(n).toLowerCase() === baseName(rel).toLowerCase());
			if (!found) missing.set(s, `its text file “sources/${rel}” is missing from the .qdpx`);
			else {
				const size = this.entries.find((e) => e.name === found)!.originalSize;
				if (size > MAX_TEXT_BYTES) missing.set(s, `its text file is ${nf.format(size)} bytes, more than a transcript can be (${nf.format(MAX_TEXT_BYTES)})`);
				else wanted.set(s, found);
			}
		}
		let files: Unzipped = {};
		if (wanted.size) {
			try {
				files = extract(zip, new Set(wanted.values()));
			} catch (e) {
				return `is damaged: its transcripts cannot be unpacked (${e instanceof Error ? e.message : String(e)})`;
			}
		}
		const items: TextItem[] = [];
		let done = 0;
		for (const s of textEls) {
			const name = (s.attrs.name ?? '').trim() || stem(s.attrs.plainTextPath ?? '') || `Source ${items.length + 1}`;
			if (++done % 10 === 0) await progress(`Reading the transcripts (${done} of ${textEls.length})…`);
			const inline = child(s, 'PlainTextContent');
			let text: string;
			let encoding: TextEncoding = 'utf-8';
			// The archive's file is named by GUID; the name the researcher knows is the source's.
			const fileName = `${name}.txt`;
			if (inline) text = inline.text;
			else if (missing.has(s) || !wanted.has(s)) {
				const why =
					missing.get(s) ??
					(s.attrs.richTextPath
						? `it has only a rich-text file (${baseName(s.attrs.richTextPath)}) and no plain text; REFI-QDA asks for the plain text, and Tema reads only that`
						: 'it has neither plain text nor a path to a text file');
				const n = this.codingCount(s);
				report.dropped.push({ what: `Text source “${name}”${n ? ` with ${plural(n, 'coding')}` : ''}`, why });
				continue;
			} else {
				const path = wanted.get(s)!;
				const raw = files[path];
				const d = decodeText(raw);
				if (d.ok) {
					text = d.text;
					encoding = d.encoding;
				} else if (d.reason === 'empty') {
					// Only spaces or line breaks (NVivo for Mac writes "\n" for an empty source): kept as they are.
					const ws = decodeText(raw, { assume: 'utf-8' });
					text = ws.ok ? ws.text : new TextDecoder().decode(raw).replace(/^\uFEFF/, '');
				}
				else if (d.reason === 'binary') {
					report.dropped.push({ what: `Text source “${name}”`, why: `its file ${baseName(path)} is not plain text` });
					continue;
				} else {
					const forced = decodeText(raw, { assume: 'utf-8' });
					text = forced.ok ? forced.text : '';
					report.notes.push(`The text of “${name}” is not valid UTF-8 as REFI-QDA requires; it was read as UTF-8 and unreadable bytes show as �.`);
				}
			}
			if (text.trim() === '')
				report.notes.push(text.length ? `“${name}” holds no words, only ${text.length === 1 ? 'a line break' : 'spaces and line breaks'}; it was imported as it is.` : `“${name}” has no text; it was imported empty.`);
			const turns = parseTurns(text);
			const caseLabel = sourceCase.get(guidKey(s.attrs.guid ?? ''));
			const doc: TranscriptDocument = {
				id: this.id('document', s.attrs.guid),
				projectId: this.projectId,
				name,
				fileName,
				participantId: caseLabel ?? detectParticipant(turns, name),
				encoding,
				eol: detectEol(text),
				length: text.length,
				turnCount: turns.length,
				fingerprint: await sha256Hex(text),
				importedAt: time(s.attrs.creationDateTime, this.now),
				order: this.documents.length
			};
			this.documents.push(doc);
			this.contents.push({ docId: doc.id, text, turns });
			items.push({ el: s, doc, text, events: textEvents(text) });
			const values = childrenNamed(s, 'VariableValue');
			if (values.length) {
				if (doc.participantId) for (const vv of values) this.setValue(this.participant(doc.participantId), vv, `source “${name}”`);
				else report.dropped.push({ what: `${plural(values.length, 'variable value')} of source “${name}”`, why: 'Tema keeps attributes on participants, and this source belongs to no case' });
			}
			const desc = childText(s, 'Description').trim();
			if (desc) this.addNote({ type: 'document', docId: doc.id }, 'familiarisation', desc, s);
			for (const ref of childrenNamed(s, 'NoteRef')) this.attachNote(guidKey(ref.attrs.targetGUID ?? ''), { type: 'document', docId: doc.id }, 'familiarisation', `source “${name}”`);
		}
		return items;
	}

	codingCount(s: XmlElement): number {
		return childrenNamed(s, 'Coding').length + childrenNamed(s, 'PlainTextSelection').reduce((n, p) => n + childrenNamed(p, 'Coding').length, 0);
	}

	// ---- selections → codings --------------------------------------------------------------

	collectSelections(texts: TextItem[]): SelectionItem[] {
		const out: SelectionItem[] = [];
		for (const t of texts)
			for (const el of childrenNamed(t.el, 'PlainTextSelection')) {
				const start = /^\s*-?\d+\s*$/.test(el.attrs.startPosition ?? '') ? Number(el.attrs.startPosition) : NaN;
				const end = /^\s*-?\d+\s*$/.test(el.attrs.endPosition ?? '') ? Number(el.attrs.endPosition) : NaN;
				out.push({ source: t, el, start, end });
			}
		return out;
	}

	placeSelections(texts: TextItem[], selections: SelectionItem[], unit: PositionUnit) {
		const { report } = this;
		const seen = new Set<string>();
		let duplicates = 0;
		const mappers = new Map<TextItem, (p: number) => number>();
		for (const sel of selections) {
			const { source, el } = sel;
			const codingEls = childrenNamed(el, 'Coding');
			const n = codingEls.length;
			if (!Number.isInteger(sel.start) || !Number.isInteger(sel.end)) {
				report.dropped.push({ what: withCodings(sel, n), why: 'its positions are not whole numbers' });
				continue;
			}
			let map = mappers.get(source);
			if (!map) mappers.set(source, (map = offsetMapper(source.events, unit)));
			const start = map(sel.start);
			const end = map(sel.end);
			if (start < 0 || end < 0) {
				const units = unitLength(source.text, unit);
				report.dropped.push({
					what: withCodings(sel, n),
					why: sel.start < 0 || sel.end < 0 ? 'a position is negative' : `it ends past the end of the text (${nf.format(units)} ${unit.astral === 1 ? 'code points' : 'UTF-16 units'} long)`
				});
				continue;
			}
			if (start >= end) {
				report.dropped.push({ what: withCodings(sel, n), why: start === end ? 'it is empty (it starts where it ends)' : 'it starts after it ends' });
				continue;
			}
			const text = source.text;
			const anchor = { start, end, quote: text.slice(start, end), ...contextAround(text, start, end) };
			for (const c of codingEls) {
				const ref = guidKey(child(c, 'CodeRef')?.attrs.targetGUID ?? '');
				const code = this.codeByKey.get(ref);
				if (!code) {
					report.dropped.push({ what: `A coding of ${selectionLabel(sel).replace(/^S/, 's')}`, why: ref ? `its code (${ref}) is not in the codebook` : 'it names no code' });
					continue;
				}
				const coder = this.coderFor(c.attrs.creatingUser, el.attrs.creatingUser);
				const key = `${source.doc.id}|${code.id}|${coder.id}|${start}|${end}`;
				if (seen.has(key)) {
					duplicates++;
					continue;
				}
				seen.add(key);
				this.codings.push({
					id: this.id('coding', c.attrs.guid),
					projectId: this.projectId,
					docId: source.doc.id,
					codeId: code.id,
					coderId: coder.id,
					...anchor,
					createdAt: time(c.attrs.creationDateTime ?? el.attrs.creationDateTime, this.now)
				});
				for (const nr of childrenNamed(c, 'NoteRef')) this.attachNote(guidKey(nr.attrs.targetGUID ?? ''), this.passage(source, start, end), 'familiarisation', `a coding in “${source.doc.name}”`);
			}
			const desc = childText(el, 'Description').trim();
			if (desc) this.addNote(this.passage(source, start, end), 'familiarisation', desc, el);
			for (const nr of childrenNamed(el, 'NoteRef')) this.attachNote(guidKey(nr.attrs.targetGUID ?? ''), this.passage(source, start, end), 'familiarisation', selectionLabel(sel).replace(/^S/, 's'));
			if (n === 0 && !desc && childrenNamed(el, 'NoteRef').length === 0)
				report.dropped.push({ what: selectionLabel(sel), why: 'it carries no code and no note, so there is nothing to keep' });
		}
		// Codings on a whole source (a <Coding> directly in the TextSource).
		for (const t of texts)
			for (const c of childrenNamed(t.el, 'Coding')) {
				const code = this.codeByKey.get(guidKey(child(c, 'CodeRef')?.attrs.targetGUID ?? ''));
				if (!code || t.text.length === 0) {
					report.dropped.push({ what: `A coding of the whole source “${t.doc.name}”`, why: code ? 'the source has no text' : 'its code is not in the codebook' });
					continue;
				}
				const coder = this.coderFor(c.attrs.creatingUser);
				this.codings.push({
					id: this.id('coding', c.attrs.guid),
					projectId: this.projectId,
					docId: t.doc.id,
					codeId: code.id,
					coderId: coder.id,
					start: 0,
					end: t.text.length,
					quote: t.text,
					prefix: '',
					suffix: '',
					createdAt: time(c.attrs.creationDateTime, this.now)
				});
				report.notes.push(`“${t.doc.name}” is coded as a whole with “${code.name}”; in Tema that is one coding over the whole text.`);
			}
		if (duplicates) report.notes.push(`${plural(duplicates, 'coding repeats', 'codings repeat')} another exactly (same code, coder and text); each was kept once.`);
	}

	passage(t: TextItem, start: number, end: number): NoteTarget {
		const p = passageTarget(t.doc.id, t.text, start, end);
		return p.ok ? p.target : { type: 'document', docId: t.doc.id };
	}

	// ---- notes -------------------------------------------------------------------------------

	/**
	 * A note's text and the kind its name says. Tema names its notes "Memo: first words…",
	 * "Familiarisation note: …": then the content alone is the text. Other programs' note names
	 * are titles, kept as the first line.
	 */
	noteText(el: XmlElement): { text: string; kind: NoteKind | null } {
		const name = (el.attrs.name ?? '').trim();
		const inline = child(el, 'PlainTextContent');
		let body = inline ? inline.text : el.attrs.plainTextPath ? (this.noteFile(el.attrs.plainTextPath) ?? '') : '';
		const kind = noteKindFromName(name);
		if (kind) return { text: body.trim() === '' ? name : body, kind };
		body = body.trim();
		if (name && !body.startsWith(name)) return { text: body ? `${name}\n\n${body}` : name, kind: null };
		return { text: body, kind: null };
	}

	noteFiles: Unzipped | null = null;
	zipBytes: Uint8Array | null = null;

	noteFile(path: string): string | null {
		const m = /^internal:\/\/(.*)$/i.exec(path.trim());
		if (!m || !this.zipBytes) return null;
		const rel = m[1].toLowerCase();
		const name = this.entries.find((e) => e.name.toLowerCase() === `sources/${rel}` || e.name.toLowerCase() === rel)?.name;
		if (!name) return null;
		try {
			const d = decodeText(extract(this.zipBytes, new Set([name]))[name]);
			return d.ok ? d.text : null;
		} catch {
			return null;
		}
	}

	addNote(target: NoteTarget, kind: NoteKind, text: string, el: XmlElement, guid?: string) {
		this.notes.push({
			id: this.id('note', guid),
			projectId: this.projectId,
			kind,
			target,
			text,
			createdAt: time(el.attrs.creationDateTime, this.now),
			updatedAt: time(el.attrs.modifiedDateTime ?? el.attrs.creationDateTime, this.now)
		});
	}

	/** A Note element hung on `target`; `kind` unless the note's name says another that fits there. */
	attachNote(key: string, target: NoteTarget, kind: NoteKind, on: string) {
		const el = this.noteEls.get(key);
		if (!el) {
			this.report.dropped.push({ what: `A note reference on ${on}`, why: `the note it names (${key || 'no guid'}) is not in the project` });
			return;
		}
		this.usedNotes.add(key);
		const note = this.noteText(el);
		if (note.text) this.addNote(target, fitKind(note.kind, target) ?? kind, note.text, el, el.attrs.guid);
	}

	readNotes() {
		for (const ref of childrenNamed(this.root, 'NoteRef')) {
			const key = guidKey(ref.attrs.targetGUID ?? '');
			if (!this.usedNotes.has(key)) this.attachNote(key, { type: 'project' }, 'memo', 'the project');
		}
		let loose = 0;
		for (const [key, el] of this.noteEls) {
			const selections = childrenNamed(el, 'PlainTextSelection').length;
			if (selections) this.report.dropped.push({ what: `${plural(selections, 'selection')} inside note “${el.attrs.name ?? ''}”`, why: 'Tema does not code the text of memos' });
			if (this.usedNotes.has(key)) continue;
			const note = this.noteText(el);
			if (!note.text) continue;
			this.addNote({ type: 'project' }, fitKind(note.kind, { type: 'project' }) ?? 'memo', note.text, el, el.attrs.guid);
			loose++;
		}
		if (loose) this.report.notes.push(`${plural(loose, 'note is', 'notes are')} attached to nothing Tema has; ${loose === 1 ? 'it became a project memo' : 'they became project memos'}.`);
	}

	// ---- sets → themes -----------------------------------------------------------------------

	readSets() {
		const sets = childrenNamed(child(this.root, 'Sets'), 'Set');
		const made: { theme: Theme; index: number }[] = [];
		const mains = new Map<string, Theme>();
		const create = (name: string, input: { parentId: Id | null; main?: boolean; codeIds: Id[] }, el: XmlElement | null, index: number): Theme => {
			let attempt = name;
			for (let n = 2; ; n++) {
				const r = newTheme(this.projectId, this.themes, { name: attempt, parentId: input.parentId, main: input.main, codeIds: input.codeIds }, this.now, this.id('theme', el && n === 2 ? el.attrs.guid : undefined));
				if (r.ok) {
					if (attempt !== name) this.report.notes.push(`There is already a theme called “${name}”; the set was imported as “${attempt}”.`);
					this.themes.push(r.theme);
					made.push({ theme: r.theme, index });
					return r.theme;
				}
				attempt = `${name} (${n})`;
			}
		};
		const parsed = sets.map((el, index) => ({ el, index, name: (el.attrs.name ?? '').trim(), form: themeForm((el.attrs.name ?? '').trim()) }));
		const memberCodes = (el: XmlElement, label: string): Id[] => {
			const ids: Id[] = [];
			for (const m of childrenNamed(el, 'MemberCode')) {
				const key = guidKey(m.attrs.targetGUID ?? m.attrs.guid ?? '');
				const code = this.codeByKey.get(key);
				if (code) ids.push(code.id);
				else this.report.dropped.push({ what: `A member code of set “${label}”`, why: `the code (${key || 'no guid'}) is not in the codebook` });
			}
			return [...new Set(ids)];
		};
		const finish = (t: Theme, el: XmlElement) => {
			const d = parseThemeDescription(childText(el, 'Description'));
			t.definition = d.definition;
			t.status = d.status;
			for (const ref of childrenNamed(el, 'MemberNote')) this.attachNote(guidKey(ref.attrs.targetGUID ?? ''), { type: 'theme', themeId: t.id }, 'memo', `theme “${t.name}”`);
			const sources = childrenNamed(el, 'MemberSource').length;
			if (sources) this.report.dropped.push({ what: `${plural(sources, 'source')} in set “${el.attrs.name ?? ''}”`, why: 'a Tema theme holds codes, not transcripts' });
		};
		let themed = 0;
		let asCandidates = 0;
		for (const p of parsed) {
			if (p.form.kind !== 'main' || mains.has(p.form.name.toLowerCase())) continue;
			const t = create(p.form.name, { parentId: null, main: true, codeIds: memberCodes(p.el, p.name) }, p.el, p.index);
			finish(t, p.el);
			mains.set(p.form.name.toLowerCase(), t);
			themed++;
		}
		for (const p of parsed) {
			if (p.form.kind === 'main') continue;
			if (p.form.kind === 'sub') {
				let main = mains.get(p.form.main.toLowerCase());
				if (!main) {
					main = create(p.form.main, { parentId: null, main: true, codeIds: [] }, null, p.index - 0.5);
					mains.set(p.form.main.toLowerCase(), main);
					this.report.notes.push(`Set “${p.name}” names a main theme “${p.form.main}” that has no set of its own; the main theme was created.`);
				}
				finish(create(p.form.name, { parentId: main.id, codeIds: memberCodes(p.el, p.name) }, p.el, p.index), p.el);
				themed++;
			} else if (p.form.kind === 'theme') {
				finish(create(p.form.name, { parentId: null, codeIds: memberCodes(p.el, p.name) }, p.el, p.index), p.el);
				themed++;
			} else {
				const codes = childrenNamed(p.el, 'MemberCode').length;
				const sources = childrenNamed(p.el, 'MemberSource').length;
				const notes = childrenNamed(p.el, 'MemberNote').length;
				if (codes > 0) {
					finish(create(p.name || 'Unnamed set', { parentId: null, codeIds: memberCodes(p.el, p.name) }, p.el, p.index), p.el);
					asCandidates++;
				} else
					this.report.dropped.push({
						what: `Set “${p.name}” (${[sources ? plural(sources, 'source') : '', notes ? plural(notes, 'note') : ''].filter(Boolean).join(', ') || 'empty'})`,
						why: sources ? 'Tema has no sets of transcripts; only sets of codes become themes' : 'it holds no codes, so it cannot become a theme'
					});
			}
		}
		if (asCandidates)
			this.report.notes.push(
				`${plural(asCandidates, 'set of codes has', 'sets of codes have')} no Tema theme name (“Theme: …” or “Main theme: …”); ${asCandidates === 1 ? 'it was' : 'they were'} imported as candidate themes named after the set.`
			);
		// Order as in the file, per level.
		for (const parent of [null, ...this.themes.map((t) => t.id)])
			made
				.filter((m) => m.theme.parentId === parent)
				.sort((a, b) => a.index - b.index)
				.forEach((m, i) => (m.theme.order = i));
		this.themeCount = themed;
	}

	themeCount = 0;

	// ---- what Tema has no place for ------------------------------------------------------------

	readOther() {
		const links = childrenNamed(child(this.root, 'Links'), 'Link').length;
		if (links) this.report.dropped.push({ what: plural(links, 'link'), why: 'Tema has no links between codes, sources and notes' });
		const graphs = childrenNamed(child(this.root, 'Graphs'), 'Graph');
		for (const g of graphs) this.report.dropped.push({ what: `Graph “${g.attrs.name ?? ''}”`, why: 'Tema draws its own thematic map from themes and codes' });
	}

	// ---- the report's "read" list ---------------------------------------------------------------

	summarise(b: ProjectBackup, coders: Coder[], selections: number) {
		const r = this.report.read;
		if (this.origin) r.push(`a project written by ${this.origin}`);
		const chars = b.contents.reduce((n, c) => n + c.text.length, 0);
		r.push(b.documents.length ? `${plural(b.documents.length, 'transcript')} from text sources (${nf.format(chars)} characters)` : 'no text sources');
		const tree = this.codeTree!;
		r.push(tree.depth > 1 ? `${describeTree(tree)}, with their hierarchy` : describeTree(tree));
		r.push(...describeDetails(tree));
		const codedBy = new Set(b.codings.map((c) => c.coderId));
		r.push(b.codings.length ? `${plural(b.codings.length, 'coding')} on ${plural(selections, 'text selection')}, by ${plural(codedBy.size, 'coder')}` : 'no codings');
		r.push(`${plural(coders.length, 'user')} as ${coders.length === 1 ? 'a coder' : 'coders'}: ${coders.map((c) => c.name).join(', ')}`);
		if (b.participants.length) {
			const attrs = new Set(b.participants.flatMap((p) => Object.keys(p.attributes)));
			r.push(`${plural(b.participants.length, 'participant')} from cases${attrs.size ? `, with ${plural(attrs.size, 'attribute')} (${[...attrs].slice(0, 6).join(', ')}${attrs.size > 6 ? ', …' : ''})` : ''}`);
		}
		const linked = b.documents.filter((d) => d.participantId).length;
		if (b.documents.length)
			r.push(
				linked === 0
					? `no transcript linked to a participant (${b.participants.length ? 'no case holds a source' : 'the project has no cases, and no transcript names its participant'})`
					: linked === b.documents.length
						? `${b.documents.length === 1 ? 'the transcript' : `all ${nf.format(linked)} transcripts`} linked to a participant`
						: `${nf.format(linked)} of ${plural(b.documents.length, 'transcript')} linked to a participant`
			);
		if (b.notes.length) r.push(plural(b.notes.length, 'note or memo', 'notes and memos'));
		if (b.themes.length) r.push(`${plural(b.themes.length, 'theme')} from sets`);
	}
}
