// Reading a REFI-QDA codebook (.qdc) into Tema's codebook file, and the code tree shared with
// the project reader. Real files bend the standard: Taguette writes an empty <Sets/> (schema-
// invalid), QualCoder marks categories isCodable="false", NVivo and ATLAS.ti leave colours
// out, some write duplicate names among siblings. We read what is there, make it fit Tema
// (unique sibling names, #rrggbb colours) and say in the report what was changed or left out.

import { cleanCodeName, MAX_CODE_NAME_LENGTH, nameKey, normalizeHexColor } from '../../domain/codebook';
import { CODEBOOK_SCHEMA_VERSION, parseCodebookFile, type CodebookFile, type CodebookFileCode } from '../../domain/codebookFile';
import { plural } from '../../domain/words';
import { emptyReport, type ImportReport } from './report';
import { parseCodeDescription } from './writeConventions';
import { child, childrenNamed, decodeXmlBytes, guidKey, parseXml, REFI_CODEBOOK_NS, type XmlElement } from './xml';

/** A code as read from a REFI <Code>, before it becomes a Tema code. */
export interface RefiCode {
	/** The GUID as written (kept as the Tema id when unique), or a fresh id. */
	id: string;
	/** guidKey of the GUID, '' when the code had none. */
	key: string;
	name: string;
	color?: string;
	definition: string;
	include: string;
	exclude: string;
	example: string;
	codable: boolean;
	/** NoteRef targets (GUID keys) on the code. */
	noteRefs: string[];
	children: RefiCode[];
}

export interface CodeTreeResult {
	codes: RefiCode[];
	/** GUID key → the code it names (the first, when a GUID appears twice). */
	byKey: Map<string, RefiCode>;
	total: number;
	depth: number;
}

/**
 * Reads the <Code> elements under `parent` (a <Codes> element), recursively, in document
 * order. Names are cleaned and made unique among siblings, colours checked, and every change
 * noted in the report.
 */
export function readCodeTree(codesEl: XmlElement | undefined, report: ImportReport, newId: () => string): CodeTreeResult {
	const byKey = new Map<string, RefiCode>();
	const ids = new Set<string>();
	let total = 0;
	let depth = 0;
	let notCodable = 0;
	const level = (parent: XmlElement | undefined, d: number, path: string): RefiCode[] => {
		const out: RefiCode[] = [];
		const names = new Set<string>();
		for (const el of childrenNamed(parent, 'Code')) {
			total++;
			depth = Math.max(depth, d);
			const guid = (el.attrs.guid ?? '').trim();
			const key = guid ? guidKey(guid) : '';
			let name = cleanCodeName(el.attrs.name ?? '');
			const where = path ? ` (under “${path}”)` : '';
			if (name === '') {
				name = 'Unnamed code';
				report.notes.push(`A code${where} has no name; it is called “${name}”.`);
			}
			if (name.length > MAX_CODE_NAME_LENGTH) {
				report.notes.push(`The name of code “${name.slice(0, 40)}…”${where} is longer than ${MAX_CODE_NAME_LENGTH} characters and was shortened.`);
				name = name.slice(0, MAX_CODE_NAME_LENGTH).trim();
			}
			if (names.has(nameKey(name))) {
				let n = 2;
				while (names.has(nameKey(`${name} (${n})`))) n++;
				report.notes.push(`Two codes${where} are called “${name}”; Tema needs different names side by side, so the second is “${name} (${n})”.`);
				name = `${name} (${n})`;
			}
			names.add(nameKey(name));
			let id = guid;
			if (!guid) {
				id = newId();
				report.notes.push(`Code “${name}”${where} has no guid, so nothing in the file can refer to it.`);
			} else if (byKey.has(key) || ids.has(id)) {
				id = newId();
				report.notes.push(`Code “${name}”${where} has the same guid as code “${byKey.get(key)?.name ?? ''}”; references to that guid go to the first.`);
			}
			ids.add(id);
			const rawColor = el.attrs.color;
			let color: string | undefined;
			if (rawColor !== undefined && rawColor.trim() !== '') {
				color = normalizeHexColor(rawColor) ?? undefined;
				if (!color) report.dropped.push({ what: `Colour “${rawColor}” of code “${name}”`, why: 'is not a colour of the form #rrggbb; Tema chose one' });
			}
			const codable = (el.attrs.isCodable ?? 'true').trim() !== 'false';
			if (!codable) notCodable++;
			const code: RefiCode = {
				id,
				key,
				name,
				...(color ? { color } : {}),
				// Tema writes include/exclude/example as labelled lines of the Description; read them back.
				...parseCodeDescription(child(el, 'Description')?.text ?? ''),
				codable,
				noteRefs: childrenNamed(el, 'NoteRef').map((r) => guidKey(r.attrs.targetGUID ?? '')).filter(Boolean),
				children: []
			};
			if (key && !byKey.has(key)) byKey.set(key, code);
			code.children = level(el, d + 1, path ? `${path} › ${name}` : name);
			out.push(code);
		}
		return out;
	};
	const codes = level(codesEl, 1, '');
	if (notCodable > 0)
		report.notes.push(
			notCodable === 1
				? '1 code is marked not for coding (isCodable="false", used for categories); Tema has no such mark, so it is an ordinary code.'
				: `${plural(notCodable, 'code')} are marked not for coding (isCodable="false", used for categories); Tema has no such mark, so they are ordinary codes.`
		);
	return { codes, byKey, total, depth };
}

/** "38 codes in 2 levels (6 at the top)". */
export function describeTree(tree: CodeTreeResult): string {
	if (tree.total === 0) return 'no codes';
	const levels = tree.depth > 1 ? ` in ${tree.depth} levels (${nfCount(tree.codes.length)} at the top)` : '';
	return `${plural(tree.total, 'code')}${levels}`;
}

const nfCount = (n: number) => new Intl.NumberFormat('en').format(n);

function toFileCode(c: RefiCode): CodebookFileCode {
	const out: CodebookFileCode = { id: c.id, name: c.name };
	if (c.color) out.color = c.color;
	for (const k of ['definition', 'include', 'exclude', 'example'] as const) if (c[k]) out[k] = c[k];
	if (c.children.length) out.children = c.children.map(toFileCode);
	return out;
}

export type QdcResult = { ok: true; codebook: CodebookFile; report: ImportReport } | { ok: false; error: string };

/**
 * Reads a .qdc codebook. Codes keep their GUIDs as ids (so a later project import can match
 * them), their hierarchy, colours and descriptions. Sets are reported, not read: a codebook
 * file carries codes, and Tema's codebook has no sets.
 */
export function readQdc(bytes: Uint8Array, fileName: string, options: { newId?: () => string } = {}): QdcResult {
	const newId = options.newId ?? (() => crypto.randomUUID());
	const fail = (why: string): QdcResult => ({ ok: false, error: `“${fileName}” ${why}.` });
	const text = decodeXmlBytes(bytes);
	if (!text.ok) return fail(text.error);
	const xml = parseXml(text.text);
	if (!xml.ok) return fail(xml.error);
	const root = xml.root;
	if (root.name === 'Project')
		return fail('is a REFI-QDA project, not a codebook; open it with “Open a REFI-QDA project (.qdpx)” to bring its codes, or export its codebook as .qdc');
	if (root.name !== 'CodeBook') return fail(`is XML but not a REFI-QDA codebook (its root element is <${root.name}>, not <CodeBook>)`);
	const report = emptyReport();
	const origin = (root.attrs.origin ?? '').trim();
	if (xml.namespace !== REFI_CODEBOOK_NS)
		report.notes.push(
			xml.namespace
				? `The file's namespace is “${xml.namespace}” rather than ${REFI_CODEBOOK_NS}; it was read by element names.`
				: `The file declares no namespace (the standard's is ${REFI_CODEBOOK_NS}); it was read by element names.`
		);
	const codesEl = child(root, 'Codes');
	if (!codesEl) return fail('has no <Codes> element, so there is no codebook in it');
	const tree = readCodeTree(codesEl, report, newId);
	if (tree.total === 0) return fail('holds no codes');
	report.read.push(`${describeTree(tree)}${origin ? `, written by ${origin}` : ''}`);
	report.read.push(...describeDetails(tree));
	const setsEl = child(root, 'Sets');
	if (setsEl) {
		const sets = childrenNamed(setsEl, 'Set');
		if (sets.length === 0) report.notes.push('The file has an empty <Sets/> element (the schema wants at least one set; Taguette writes it so). It was ignored.');
		for (const s of sets) {
			const members = childrenNamed(s, 'MemberCode').length;
			report.dropped.push({
				what: `Set “${s.attrs.name ?? ''}” (${plural(members, 'code')})`,
				why: 'a codebook file brings codes only; open the whole project (.qdpx) to turn sets into themes'
			});
		}
	}
	const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || 'Codebook';
	const file: CodebookFile = {
		schemaVersion: CODEBOOK_SCHEMA_VERSION,
		name: base,
		...(origin ? { description: `REFI-QDA codebook from ${origin}` } : {}),
		codes: tree.codes.map(toFileCode)
	};
	// The same checks a Tema codebook file gets, so merging into a project can trust it.
	const checked = parseCodebookFile(file, fileName);
	if (!checked.ok) return { ok: false, error: checked.error };
	return { ok: true, codebook: checked.file, report };
}

/** What the codes brought besides names: descriptions and colours. */
export function describeDetails(tree: CodeTreeResult): string[] {
	const described = countWhere(tree.codes, (c) => c.definition !== '' || c.include !== '' || c.exclude !== '' || c.example !== '');
	const coloured = countWhere(tree.codes, (c) => !!c.color);
	const out: string[] = [];
	if (described > 0) out.push(`descriptions of ${plural(described, 'code')}, kept as their definitions`);
	if (coloured === tree.total) out.push('the colours of all codes');
	else if (coloured > 0) out.push(`the colours of ${plural(coloured, 'code')} (Tema chose colours for the other ${nfCount(tree.total - coloured)})`);
	else out.push('no code colours (Tema chose them)');
	return out;
}

function countWhere(codes: RefiCode[], p: (c: RefiCode) => boolean): number {
	let n = 0;
	for (const c of codes) n += (p(c) ? 1 : 0) + countWhere(c.children, p);
	return n;
}
