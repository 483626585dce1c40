// Writes a Tema project backup as a REFI-QDA project (.qdpx, QDA-XML project 1.0): a zip with
// `project.qde` at its root and each transcript as `sources/<guid>.txt` (UTF-8, the text exactly
// as Tema stores it). Selections count Unicode code points, as the standard says (Tema's UTF-16
// offsets are converted here, at the file boundary). Coders are Users, participants are Cases
// with Variables, themes are Sets named by the conventions in writeConventions.ts, notes and
// memos are Notes with NoteRefs. Empty lists are left out, because the schema forbids them.
// What REFI cannot hold (reading progress, reconciliation decisions, theme colours, quotes and
// verdicts) is listed in the report rather than dropped silently.

import { strToU8, zipSync, type Zippable } from 'fflate';
import type { ProjectBackup } from '../../domain/backup';
import { buildTree, type CodeNode } from '../../domain/codebook';
import { plural } from '../../domain/words';
import { isMainTheme, themesInOrder } from '../../domain/themes';
import type { AttributeType, AttributeValue, Coding, Note, Participant, Theme } from '../../domain/types';
import { codeDescription, noteName, themeDescription, themeSetName } from './writeConventions';
import { GuidMap } from './writeGuid';
import { attr, xmlText, xsdDateTime, xsdDecimal, type XmlTally } from './writeXml';
import { REFI_PROJECT_NS } from './xml';

export interface WriteQdpxOptions {
	/** Deflate level of the zip entries, 0–9 (default 6, or 1 for more than 8 MB of text). */
	level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
	/** The Project's origin attribute (default "Tema"). */
	origin?: string;
	/** The zip entries' modification time, ms (default the backup's exportedAt: same backup, same bytes). */
	mtime?: number;
}

export interface QdpxWriteReport {
	sources: number;
	codes: number;
	selections: number;
	users: number;
	cases: number;
	variables: number;
	sets: number;
	notes: number;
	/** What the file does not carry, one sentence each. */
	notWritten: string[];
}

export interface BuiltQdpx {
	/** The project.qde text. */
	qde: string;
	/** Zip path ("sources/<guid>.txt") and the text of each transcript. */
	sources: { path: string; text: string }[];
	report: QdpxWriteReport;
}

type VariableType = 'Text' | 'Boolean' | 'Integer' | 'Float' | 'Date' | 'DateTime';
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATETIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/;

/**
 * The REFI type that fits every value of a variable (null values are not written). `declared`
 * is the type the project gives the attribute, when it gives one: a category stays Text even
 * when its values look like numbers or dates; a number or date is written as such when every
 * value is one.
 */
export function variableType(values: readonly AttributeValue[], declared?: AttributeType): VariableType {
	const present = values.filter((v) => v !== null && v !== undefined);
	if (present.length === 0 || declared === 'category') return 'Text';
	const numbers = present.every((v) => typeof v === 'number' && Number.isFinite(v));
	if (numbers) return present.every((v) => Number.isSafeInteger(v)) ? 'Integer' : 'Float';
	if (declared === 'number' || !present.every((v) => typeof v === 'string')) return 'Text';
	const strings = present as string[];
	if (declared === 'date') return strings.every((s) => DATE.test(s) && !Number.isNaN(Date.parse(s))) ? 'Date' : 'Text';
	if (strings.every((s) => s === 'true' || s === 'false')) return 'Boolean';
	if (strings.every((s) => DATE.test(s) && !Number.isNaN(Date.parse(s)))) return 'Date';
	if (strings.every((s) => DATETIME.test(s) && !Number.isNaN(Date.parse(s)))) return 'DateTime';
	return 'Text';
}

function valueElement(type: VariableType, v: AttributeValue, tally: XmlTally): string {
	switch (type) {
		case 'Integer':
			return `<IntegerValue>${v}</IntegerValue>`;
		case 'Float':
			return `<FloatValue>${xsdDecimal(v as number)}</FloatValue>`;
		case 'Boolean':
			return `<BooleanValue>${v}</BooleanValue>`;
		case 'Date':
			return `<DateValue>${v}</DateValue>`;
		case 'DateTime':
			return `<DateTimeValue>${v}</DateTimeValue>`;
		default:
			return `<TextValue>${xmlText(String(v), tally)}</TextValue>`;
	}
}

/**
 * UTF-16 offsets → code point offsets for one text: minus the surrogate pairs before the offset
 * (texts without any, most of them, map to themselves). An offset inside a pair (which Tema never makes) rounds down for a start and up for
 * an end, so the selection still covers the character.
 */
function codePointMapper(text: string): (offset: number, isEnd: boolean) => number {
	// Offsets of the low half of every surrogate pair, ascending (a few per transcript: emoji).
	const lows: number[] = [];
	for (const m of text.matchAll(/[\ud800-\udbff][\udc00-\udfff]/g)) lows.push(m.index + 1);
	if (lows.length === 0) return (o) => o;
	/** How many low halves sit before offset o. */
	const before = (o: number) => {
		let lo = 0;
		let hi = lows.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (lows[mid] < o) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	};
	return (o, isEnd) => {
		const n = before(o);
		// Inside a pair (o is its low half): a start rounds down to the pair, an end up past it.
		const inside = n < lows.length && lows[n] === o;
		return inside ? (isEnd ? o - n : o - n - 1) : o - n;
	};
}

/** The project.qde text and the source files of a backup, without zipping them. */
export function buildQdpx(backup: ProjectBackup, options: WriteQdpxOptions = {}): BuiltQdpx {
	const g = new GuidMap();
	const tally: XmlTally = { replaced: 0 };
	const t = (s: string) => xmlText(s, tally);
	const a = (name: string, v: string | number | undefined) => attr(name, v, tally);
	const notWritten: string[] = [];
	const out: string[] = [];
	const p = backup.project;
	const coderIds = new Set(backup.coders.map((c) => c.id));
	const codeIds = new Set(backup.codes.map((c) => c.id));

	// Notes by what they hang on.
	const notes = [...backup.notes].sort((x, y) => x.createdAt - y.createdAt || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
	const notesOn = new Map<string, Note[]>();
	const hang = (key: string, n: Note) => {
		const list = notesOn.get(key);
		if (list) list.push(n);
		else notesOn.set(key, [n]);
	};
	for (const n of notes) {
		const tg = n.target;
		if (tg.type === 'project') hang('project', n);
		else if (tg.type === 'document' || tg.type === 'passage') hang(`doc:${tg.docId}`, n);
		else if (tg.type === 'code') hang(`code:${tg.codeId}`, n);
		else hang(`theme:${tg.themeId}`, n);
	}
	const noteRefs = (key: string, element = 'NoteRef') =>
		(notesOn.get(key) ?? []).filter((n) => n.target.type !== 'passage').map((n) => `<${element}${a('targetGUID', g.get('note', n.id))}/>`).join('');

	out.push('<?xml version="1.0" encoding="utf-8"?>\n');
	out.push(
		`<Project xmlns="${REFI_PROJECT_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${REFI_PROJECT_NS} http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd"` +
			a('name', p.name.trim() === '' ? 'Tema project' : p.name) +
			a('origin', options.origin ?? 'Tema') +
			a('creatingUserGUID', coderIds.has(p.currentCoderId) ? g.get('coder', p.currentCoderId) : undefined) +
			a('creationDateTime', xsdDateTime(p.createdAt)) +
			a('modifiedDateTime', xsdDateTime(p.updatedAt)) +
			'>\n'
	);

	// Users
	if (backup.coders.length > 0) {
		out.push('<Users>\n');
		for (const c of backup.coders) out.push(`<User${a('guid', g.get('coder', c.id))}${a('name', c.name)}/>\n`);
		out.push('</Users>\n');
	}

	// CodeBook
	const writeCode = (node: CodeNode): void => {
		const c = node.code;
		const desc = codeDescription(c);
		out.push(`<Code${a('guid', g.get('code', c.id))}${a('name', c.name)} isCodable="true"${a('color', /^#[0-9a-f]{6}$/i.test(c.color) ? c.color.toLowerCase() : undefined)}`);
		const refs = noteRefs(`code:${c.id}`);
		if (!desc && !refs && node.children.length === 0) {
			out.push('/>\n');
			return;
		}
		out.push('>');
		if (desc) out.push(`<Description>${t(desc)}</Description>`);
		out.push(refs, '\n');
		for (const child of node.children) writeCode(child);
		out.push('</Code>\n');
	};
	if (backup.codes.length > 0) {
		out.push('<CodeBook><Codes>\n');
		for (const node of buildTree(backup.codes)) writeCode(node);
		out.push('</Codes></CodeBook>\n');
	}

	// Variables and Cases: participants and their attributes; each case points at its transcripts.
	// Variables in the project's attribute order (when it keeps one), then as first met.
	const declared = new Map((p.attributes ?? []).map((d) => [d.name, d.type]));
	const varNames: string[] = [];
	const varValues = new Map<string, AttributeValue[]>();
	for (const d of p.attributes ?? [])
		if (backup.participants.some((x) => d.name in x.attributes)) {
			varNames.push(d.name);
			varValues.set(d.name, []);
		}
	for (const part of backup.participants)
		for (const [k, v] of Object.entries(part.attributes)) {
			if (!varValues.has(k)) {
				varNames.push(k);
				varValues.set(k, []);
			}
			varValues.get(k)!.push(v);
		}
	const varTypes = new Map(varNames.map((k) => [k, variableType(varValues.get(k)!, declared.get(k))]));
	if (varNames.length > 0) {
		out.push('<Variables>\n');
		for (const k of varNames) out.push(`<Variable${a('guid', g.get('variable', k))}${a('name', k)}${a('typeOfVariable', varTypes.get(k))}/>\n`);
		out.push('</Variables>\n');
	}
	const cases: Participant[] = [...backup.participants];
	const labels = new Set(cases.map((c) => c.label));
	for (const d of backup.documents)
		if (d.participantId !== null && !labels.has(d.participantId)) {
			// A transcript linked to a participant with no row in the table: the case keeps the link.
			labels.add(d.participantId);
			cases.push({ id: `${p.id}:${d.participantId}`, projectId: p.id, label: d.participantId, attributes: {} });
		}
	if (cases.length > 0) {
		out.push('<Cases>\n');
		for (const c of cases) {
			out.push(`<Case${a('guid', g.get('case', c.label))}${a('name', c.label)}>`);
			for (const k of varNames) {
				const v = c.attributes[k];
				if (v === null || v === undefined) continue;
				out.push(`<VariableValue><VariableRef${a('targetGUID', g.get('variable', k))}/>${valueElement(varTypes.get(k)!, v, tally)}</VariableValue>`);
			}
			for (const d of backup.documents) if (d.participantId === c.label) out.push(`<SourceRef${a('targetGUID', g.get('document', d.id))}/>`);
			out.push('</Case>\n');
		}
		out.push('</Cases>\n');
	}

	// Sources: one TextSource per transcript with its selections (one per coding) and notes.
	const texts = new Map(backup.contents.map((c) => [c.docId, c.text]));
	const codingsByDoc = new Map<string, Coding[]>();
	for (const c of backup.codings) {
		const list = codingsByDoc.get(c.docId);
		if (list) list.push(c);
		else codingsByDoc.set(c.docId, [c]);
	}
	const codeGuids = new Map(backup.codes.map((c) => [c.id, g.get('code', c.id)]));
	const coderGuids = new Map(backup.coders.map((c) => [c.id, g.get('coder', c.id)]));
	const sources: { path: string; text: string }[] = [];
	let selections = 0;
	let orphaned = 0;
	let outside = 0;
	if (backup.documents.length > 0) {
		out.push('<Sources>\n');
		for (const d of backup.documents) {
			const guid = g.get('document', d.id);
			const text = texts.get(d.id) ?? '';
			const path = `${guid}.txt`;
			sources.push({ path: `sources/${path}`, text });
			out.push(`<TextSource${a('guid', guid)}${a('name', d.name)}${a('plainTextPath', `internal://${path}`)}${a('creationDateTime', xsdDateTime(d.importedAt))}>\n`);
			const cp = codePointMapper(text);
			const list = (codingsByDoc.get(d.id) ?? []).slice().sort((x, y) => x.start - y.start || x.end - y.end || (x.id < y.id ? -1 : 1));
			for (const c of list) {
				if (c.orphaned) {
					orphaned++;
					continue;
				}
				const start = Math.max(0, c.start);
				const end = Math.min(text.length, c.end);
				const codeGuid = codeGuids.get(c.codeId);
				if (!(start < end) || codeGuid === undefined) {
					outside++;
					continue;
				}
				// 60,000 of these: everything here is computed once per coding, GUIDs need no escaping.
				const user = coderGuids.get(c.coderId);
				const when = xsdDateTime(c.createdAt);
				const meta = `${user ? ` creatingUser="${user}"` : ''}${when ? ` creationDateTime="${when}"` : ''}`;
				const codingGuid = g.once('coding', c.id);
				out.push(
					`<PlainTextSelection guid="${g.companion(codingGuid, `selection:${c.id}`)}" startPosition="${cp(start, false)}" endPosition="${cp(end, true)}"${meta}>` +
						`<Coding guid="${codingGuid}"${meta}><CodeRef targetGUID="${codeGuid}"/></Coding></PlainTextSelection>\n`
				);
				selections++;
			}
			// Notes on a passage: a selection carrying only the note.
			for (const n of notesOn.get(`doc:${d.id}`) ?? []) {
				const tg = n.target;
				if (tg.type !== 'passage') continue;
				const start = Math.max(0, Math.min(text.length, tg.start));
				const end = Math.max(start, Math.min(text.length, tg.end));
				out.push(
					`<PlainTextSelection${a('guid', g.derived(`passage:${n.id}`))}${a('startPosition', cp(start, false))}${a('endPosition', cp(end, true))}${a('creationDateTime', xsdDateTime(n.createdAt))}>` +
						`<NoteRef${a('targetGUID', g.get('note', n.id))}/></PlainTextSelection>\n`
				);
			}
			out.push(noteRefs(`doc:${d.id}`), '</TextSource>\n');
		}
		out.push('</Sources>\n');
	}

	// Notes
	if (notes.length > 0) {
		out.push('<Notes>\n');
		for (const n of notes)
			out.push(
				`<Note${a('guid', g.get('note', n.id))}${a('name', noteName(n))}${a('creationDateTime', xsdDateTime(n.createdAt))}${a('modifiedDateTime', xsdDateTime(n.updatedAt))}>` +
					`<PlainTextContent>${t(n.text)}</PlainTextContent></Note>\n`
			);
		out.push('</Notes>\n');
	}

	// Sets: themes, main themes first with their themes after them.
	const themes: Theme[] = themesInOrder(backup.themes);
	const themeById = new Map(backup.themes.map((x) => [x.id, x]));
	if (themes.length > 0) {
		out.push('<Sets>\n');
		for (const th of themes) {
			const parent = th.parentId ? (themeById.get(th.parentId) ?? null) : null;
			const desc = themeDescription(th);
			out.push(`<Set${a('guid', g.get('theme', th.id))}${a('name', themeSetName(th, parent, isMainTheme(backup.themes, th.id)))}>`);
			if (desc) out.push(`<Description>${t(desc)}</Description>`);
			for (const id of th.codeIds) if (codeIds.has(id)) out.push(`<MemberCode${a('targetGUID', g.get('code', id))}/>`);
			out.push(noteRefs(`theme:${th.id}`, 'MemberNote'), '</Set>\n');
		}
		out.push('</Sets>\n');
	}

	if (p.description.trim()) out.push(`<Description>${t(p.description)}</Description>\n`);
	const projectRefs = noteRefs('project');
	if (projectRefs) out.push(projectRefs, '\n');
	out.push('</Project>\n');

	// What did not fit.
	if (orphaned) notWritten.push(`${plural(orphaned, 'orphaned coding')} (whose passage Tema could no longer find in the text) ${orphaned === 1 ? 'was' : 'were'} not written.`);
	if (outside) notWritten.push(`${plural(outside, 'coding')} outside ${outside === 1 ? 'its' : 'their'} transcript's text or without a code ${outside === 1 ? 'was' : 'were'} not written.`);
	const missingText = backup.documents.filter((d) => !texts.has(d.id)).length;
	if (missingText) notWritten.push(`${plural(missingText, 'transcript')} had no text and ${missingText === 1 ? 'was' : 'were'} written empty.`);
	if (backup.reading.length) notWritten.push('Reading progress (how far each transcript was read) has no place in REFI-QDA.');
	if (backup.decisions.length) notWritten.push(`${plural(backup.decisions.length, 'reconciliation decision')} ${backup.decisions.length === 1 ? 'is' : 'are'} kept only in Tema backups.`);
	if (backup.themes.some((x) => x.quoteIds.length || Object.keys(x.reviews).length))
		notWritten.push('Themes’ chosen quotes and review verdicts are kept only in Tema backups.');
	if (backup.themes.length) notWritten.push('Themes’ colours and earlier names are kept only in Tema backups.');
	if (backup.searches?.length) notWritten.push(`${plural(backup.searches.length, 'saved search', 'saved searches')} ${backup.searches.length === 1 ? 'is' : 'are'} kept only in Tema backups.`);
	if (backup.codings.some((c) => c.provenance)) notWritten.push('Where consensus codings came from (their provenance) is kept only in Tema backups.');
	if (tally.replaced) notWritten.push(`${plural(tally.replaced, 'character')} that XML cannot hold (control characters) ${tally.replaced === 1 ? 'was' : 'were'} replaced by �.`);

	return {
		qde: out.join(''),
		sources,
		report: {
			sources: backup.documents.length,
			codes: backup.codes.length,
			selections,
			users: backup.coders.length,
			cases: cases.length,
			variables: varNames.length,
			sets: themes.length,
			notes: backup.notes.length,
			notWritten
		}
	};
}

/** The .qdpx file's bytes and what was written. */
export function writeQdpxWithReport(backup: ProjectBackup, options: WriteQdpxOptions = {}): { bytes: Uint8Array; report: QdpxWriteReport } {
	const built = buildQdpx(backup, options);
	// Zip times run from 1980 to 2107 (fflate accepts up to 2099): clamp into that range.
	const when = options.mtime ?? backup.exportedAt;
	const mtime = new Date(Math.min(Date.UTC(2099, 0, 1), Math.max(Date.UTC(1980, 0, 2), Number.isFinite(when) ? when : Date.now())));
	// Deflate level 6 on the usual project; level 1 above 8 MB of text, where it halves the
	// time of the export for a file about a tenth larger.
	const size = built.qde.length + built.sources.reduce((n, x) => n + x.text.length, 0);
	const level = options.level ?? (size > 8_000_000 ? 1 : 6);
	const files: Zippable = { 'project.qde': [strToU8(built.qde), { level, mtime }] };
	for (const s of built.sources) files[s.path] = [strToU8(s.text), { level, mtime }];
	return { bytes: zipSync(files), report: built.report };
}

/** The .qdpx file's bytes. */
export function writeQdpx(backup: ProjectBackup, options: WriteQdpxOptions = {}): Uint8Array {
	return writeQdpxWithReport(backup, options).bytes;
}
