// The coder package: what one coder sends a teammate so their codings can join the
// teammate's copy of the project. It holds the coder, the codebook (with code ids), the
// fingerprints of the transcripts coded, and the codings with their quotes. Importing
// matches transcripts by content fingerprint (never by file name), codes by id and then by
// name at the same place in the tree, and the coder by id and then by name; it plans the
// import as a report plus one list of changes, so nothing is merged silently and the whole
// import is one undoable step.
//
// File (schemaVersion 1): { format: "tema-coder-package", schemaVersion: 1, exportedAt,
//   project: {name}, coder: {id, name, color}, codebook: CodebookFile,
//   documents: [{fingerprint, name, participantId, length}],
//   codings: [{id, document (fingerprint), codeId, start, end, quote, prefix, suffix, createdAt}] }

import { verifyAnchor } from './anchors';
import { childrenOf, diffCodes, nameKey } from './codebook';
import { codeFromFile, parseCodebookFile, type CodebookFile, type CodebookFileCode } from './codebookFile';
import type { Change, Code, Coder, Coding, DocumentContent, Id, TranscriptDocument } from './types';

export const CODER_PACKAGE_FORMAT = 'tema-coder-package';
export const CODER_PACKAGE_SCHEMA_VERSION = 1;

/** A coding as the package carries it: its transcript by fingerprint, no project or coder. */
export type PackageCoding = Pick<Coding, 'id' | 'codeId' | 'start' | 'end' | 'quote' | 'prefix' | 'suffix' | 'createdAt'> & {
	/** Fingerprint (SHA-256 of the text) of the transcript it is in. */
	document: string;
};

export interface CoderPackage {
	format: typeof CODER_PACKAGE_FORMAT;
	schemaVersion: number;
	exportedAt: number;
	project: { name: string };
	coder: { id: Id; name: string; color: string };
	codebook: CodebookFile;
	documents: { fingerprint: string; name: string; participantId: string | null; length: number }[];
	codings: PackageCoding[];
}

/** One coder's codings, with everything a teammate needs to place them. */
export function makeCoderPackage(
	projectName: string,
	coder: Coder,
	codebook: CodebookFile,
	documents: readonly TranscriptDocument[],
	codings: readonly Coding[],
	exportedAt: number
): CoderPackage {
	const mine = codings.filter((c) => c.coderId === coder.id);
	const docIds = new Set(mine.map((c) => c.docId));
	const fp = new Map(documents.map((d) => [d.id, d.fingerprint]));
	return {
		format: CODER_PACKAGE_FORMAT,
		schemaVersion: CODER_PACKAGE_SCHEMA_VERSION,
		exportedAt,
		project: { name: projectName },
		coder: { id: coder.id, name: coder.name, color: coder.color },
		codebook,
		documents: documents
			.filter((d) => docIds.has(d.id))
			.map((d) => ({ fingerprint: d.fingerprint, name: d.name, participantId: d.participantId, length: d.length })),
		codings: mine
			.filter((c) => fp.has(c.docId))
			.map((c) => ({
				id: c.id,
				document: fp.get(c.docId)!,
				codeId: c.codeId,
				start: c.start,
				end: c.end,
				quote: c.quote,
				prefix: c.prefix,
				suffix: c.suffix,
				createdAt: c.createdAt
			}))
			.sort((a, b) => (a.document < b.document ? -1 : a.document > b.document ? 1 : a.start - b.start || a.end - b.end))
	};
}

export type PackageParse = { ok: true; pkg: CoderPackage } | { ok: false; error: string };

/** Reads a package file's text; errors name the file and the first problem with its path. */
export function parseCoderPackage(text: string, fileName: string): PackageParse {
	const fail = (msg: string): PackageParse => ({ ok: false, error: `${fileName}: ${msg}` });
	let data: Record<string, unknown>;
	try {
		data = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (e) {
		return fail(`is not valid JSON (${e instanceof Error ? e.message : String(e)}).`);
	}
	if (typeof data !== 'object' || data === null || data.format !== CODER_PACKAGE_FORMAT)
		return fail('is not a Tema coder package (its "format" is not "tema-coder-package").');
	if (data.schemaVersion !== CODER_PACKAGE_SCHEMA_VERSION)
		return fail(`has package version ${String(data.schemaVersion)}; this Tema reads version ${CODER_PACKAGE_SCHEMA_VERSION}.`);
	const coder = data.coder as Record<string, unknown> | undefined;
	if (!coder || typeof coder.id !== 'string' || typeof coder.name !== 'string' || typeof coder.color !== 'string')
		return fail('coder should have an id, a name and a colour.');
	const book = parseCodebookFile(data.codebook, `${fileName} (codebook)`);
	if (!book.ok) return fail(book.error);
	if (!Array.isArray(data.documents)) return fail('documents should be a list.');
	for (const [i, d] of (data.documents as Record<string, unknown>[]).entries())
		if (typeof d?.fingerprint !== 'string' || typeof d.name !== 'string') return fail(`documents[${i}] should have a fingerprint and a name.`);
	if (!Array.isArray(data.codings)) return fail('codings should be a list.');
	const fps = new Set((data.documents as { fingerprint: string }[]).map((d) => d.fingerprint));
	for (const [i, c] of (data.codings as Record<string, unknown>[]).entries()) {
		const where = `codings[${i}]`;
		if (typeof c?.id !== 'string' || typeof c.codeId !== 'string' || typeof c.document !== 'string') return fail(`${where} should have an id, a codeId and a document.`);
		if (!fps.has(c.document)) return fail(`${where}.document names no document of the package.`);
		if (!Number.isInteger(c.start) || !Number.isInteger(c.end) || (c.start as number) < 0 || (c.start as number) >= (c.end as number))
			return fail(`${where} has start ${String(c.start)} and end ${String(c.end)}.`);
		for (const k of ['quote', 'prefix', 'suffix'] as const) if (typeof c[k] !== 'string') return fail(`${where}.${k} should be text.`);
	}
	return {
		ok: true,
		pkg: {
			...(data as unknown as CoderPackage),
			codebook: book.file,
			codings: (data.codings as PackageCoding[]).map((c) => ({ ...c, createdAt: typeof c.createdAt === 'number' ? c.createdAt : 0 }))
		}
	};
}

export interface PackageReport {
	coder: { name: string; match: 'id' | 'name' | 'new' };
	documents: { matched: number; missing: { name: string; codings: number }[] };
	codes: { byId: number; byName: string[]; added: string[] };
	codings: { added: number; alreadyHere: number; reanchored: number; orphaned: number; unplaced: number };
}

export interface PackagePlan {
	report: PackageReport;
	/** The coder to add first, or null when the package's coder is already in the project. */
	newCoder: Coder | null;
	/** Codes and codings to add, in one list (one undo step). */
	changes: Change[];
}

export interface PlanInput {
	projectId: Id;
	coders: readonly Coder[];
	documents: readonly TranscriptDocument[];
	codes: readonly Code[];
	codings: readonly Coding[];
	/** Texts of the matched documents, to check every quote. */
	contents: ReadonlyMap<Id, DocumentContent>;
	now: number;
	newId: () => Id;
}

/**
 * Plans importing a package: which coder, transcripts and codes it matches, what it adds,
 * and what it cannot place (codings on transcripts this project does not have). Codings
 * whose quote is no longer at their offsets are re-anchored by quote; those whose quote is
 * gone are added as orphaned (shown, never dropped).
 */
export function planCoderPackage(pkg: CoderPackage, input: PlanInput): PackagePlan {
	const report: PackageReport = {
		coder: { name: pkg.coder.name, match: 'new' },
		documents: { matched: 0, missing: [] },
		codes: { byId: 0, byName: [], added: [] },
		codings: { added: 0, alreadyHere: 0, reanchored: 0, orphaned: 0, unplaced: 0 }
	};

	// Coder: by id, then by name.
	let coder = input.coders.find((c) => c.id === pkg.coder.id);
	let newCoder: Coder | null = null;
	if (coder) report.coder.match = 'id';
	else if ((coder = input.coders.find((c) => nameKey(c.name) === nameKey(pkg.coder.name)))) report.coder.match = 'name';
	else {
		// Ids are keys across every project in this browser, so added rows always get fresh ones.
		newCoder = { id: input.newId(), projectId: input.projectId, name: pkg.coder.name, color: pkg.coder.color };
		coder = newCoder;
	}

	// Codes: by id, then by name at the same place in the tree, else new.
	const rows = new Map(input.codes.map((c) => [c.id, c]));
	const codeMap = new Map<Id, Id>();
	const walk = (level: readonly CodebookFileCode[], parentId: Id | null) => {
		for (const fc of level) {
			let target: Id;
			const byId = fc.id !== undefined ? rows.get(fc.id) : undefined;
			const byName = byId ? undefined : childrenOf([...rows.values()], parentId).find((c) => nameKey(c.name) === nameKey(fc.name));
			if (byId) {
				target = byId.id;
				report.codes.byId++;
			} else if (byName) {
				target = byName.id;
				report.codes.byName.push(fc.name);
			} else {
				target = input.newId();
				rows.set(target, codeFromFile(fc, target, input.projectId, parentId, [...rows.values()], input.now));
				report.codes.added.push(fc.name);
			}
			if (fc.id !== undefined) codeMap.set(fc.id, target);
			if (fc.children) walk(fc.children, target);
		}
	};
	walk(pkg.codebook.codes, null);
	const changes: Change[] = diffCodes(input.codes, rows);

	// Transcripts by fingerprint.
	const docByFp = new Map(input.documents.map((d) => [d.fingerprint, d]));
	for (const d of pkg.documents) {
		if (docByFp.has(d.fingerprint)) report.documents.matched++;
		else report.documents.missing.push({ name: d.name, codings: pkg.codings.filter((c) => c.document === d.fingerprint).length });
	}

	// Codings.
	const spanKey = (c: { docId: Id; codeId: Id; coderId: Id; start: number; end: number }) => `${c.docId}|${c.codeId}|${c.coderId}|${c.start}|${c.end}`;
	const spans = new Set(input.codings.map(spanKey));
	for (const pc of pkg.codings) {
		const doc = docByFp.get(pc.document);
		const codeId = codeMap.get(pc.codeId) ?? (rows.has(pc.codeId) ? pc.codeId : undefined);
		if (!doc || !codeId) {
			report.codings.unplaced++;
			continue;
		}
		let coding: Coding = {
			id: input.newId(),
			projectId: input.projectId,
			docId: doc.id,
			codeId,
			coderId: coder.id,
			start: pc.start,
			end: pc.end,
			quote: pc.quote,
			prefix: pc.prefix,
			suffix: pc.suffix,
			createdAt: pc.createdAt
		};
		const text = input.contents.get(doc.id)?.text;
		if (text !== undefined) {
			const anchor = verifyAnchor(text, coding);
			if (anchor.status === 'moved') {
				coding = { ...coding, start: anchor.start, end: anchor.end, quote: text.slice(anchor.start, anchor.end) };
				report.codings.reanchored++;
			} else if (anchor.status === 'orphaned') {
				coding = { ...coding, orphaned: true };
				report.codings.orphaned++;
			}
		}
		if (spans.has(spanKey(coding))) {
			report.codings.alreadyHere++;
			continue;
		}
		spans.add(spanKey(coding));
		changes.push({ kind: 'coding', before: null, after: coding });
		report.codings.added++;
	}
	return { report, newCoder, changes };
}

/** The report as sentences for the import dialog and notices. */
export function describePackageReport(r: PackageReport): string[] {
	const lines: string[] = [];
	lines.push(
		r.coder.match === 'new'
			? `Adds the coder “${r.coder.name}”.`
			: `Codings go to the existing coder “${r.coder.name}” (matched by ${r.coder.match}).`
	);
	const missing = r.documents.missing;
	lines.push(
		`${r.documents.matched} transcript(s) matched by content${missing.length ? `; ${missing.length} not in this project: ${missing.map((m) => `${m.name} (${m.codings} codings)`).join(', ')}` : ''}.`
	);
	lines.push(
		`Codes: ${r.codes.byId} matched by id, ${r.codes.byName.length} by name${r.codes.byName.length ? ` (${r.codes.byName.join(', ')})` : ''}, ${r.codes.added.length} new${r.codes.added.length ? ` (${r.codes.added.join(', ')})` : ''}.`
	);
	const k = r.codings;
	lines.push(
		`Codings: ${k.added} to add${k.alreadyHere ? `, ${k.alreadyHere} already here` : ''}${k.reanchored ? `, ${k.reanchored} found at a new place in the text` : ''}${k.orphaned ? `, ${k.orphaned} whose quote is no longer in the text (kept, marked orphaned)` : ''}${k.unplaced ? `, ${k.unplaced} that cannot be placed (their transcript is not in this project)` : ''}.`
	);
	return lines;
}
