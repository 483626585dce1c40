// The project backup file: one JSON document holding everything in a project (documents
// with their texts, participants, coders, codebook, every coder's codings, themes, notes,
// reading progress). Written by the app's "Back up" and read by "Restore" and by the
// headless `tema theme-table`. Pure: building, checking and re-keying a backup.
//
// Format (schemaVersion 1):
//   { format: "tema-project-backup", schemaVersion: 1, exportedAt: <ms>, app: "tema <version>",
//     project, coders[], documents[], contents[], participants[], codes[], codings[],
//     themes[], notes[], reading[], decisions[], searches[] }
// `decisions` (reconciliation, issue 4) may be absent in files written before it existed;
// it is read as empty then; so may `searches` (saved corpus searches, issue 6). Optional row
// fields (a coder's `consensus`, a coding's `provenance`, the project's `analysisCoderId`,
// `attributes` and `deidKey`) are checked when present.
// Rows are the domain types of types.ts unchanged; arrays are sorted by id (documents and
// codes by their order) so that the same project always gives the same file apart from
// exportedAt and the project's updatedAt.

import type {
	Code,
	Coder,
	Coding,
	Decision,
	DocumentContent,
	Id,
	Note,
	NoteTarget,
	Participant,
	Project,
	ReadingState,
	SavedSearch,
	Theme,
	TranscriptDocument
} from './types';

export const BACKUP_FORMAT = 'tema-project-backup';
export const BACKUP_SCHEMA_VERSION = 1;

export interface ProjectBackup {
	format: typeof BACKUP_FORMAT;
	schemaVersion: number;
	exportedAt: number;
	project: Project;
	coders: Coder[];
	documents: TranscriptDocument[];
	contents: DocumentContent[];
	participants: Participant[];
	codes: Code[];
	codings: Coding[];
	themes: Theme[];
	notes: Note[];
	reading: ReadingState[];
	decisions: Decision[];
	/** Saved searches (absent in files written before they existed: read as none). */
	searches: SavedSearch[];
}

export type BackupRows = Omit<ProjectBackup, 'format' | 'schemaVersion' | 'exportedAt'>;

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byOrder = <T extends { id: string; order: number }>(a: T, b: T) => a.order - b.order || byId(a, b);

/** A backup of the rows, in the canonical order. */
export function makeBackup(rows: BackupRows, exportedAt: number): ProjectBackup {
	return {
		format: BACKUP_FORMAT,
		schemaVersion: BACKUP_SCHEMA_VERSION,
		exportedAt,
		project: rows.project,
		coders: [...rows.coders].sort(byId),
		documents: [...rows.documents].sort(byOrder),
		contents: [...rows.contents].sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0)),
		participants: [...rows.participants].sort(byId),
		codes: [...rows.codes].sort(byOrder),
		codings: [...rows.codings].sort(byId),
		themes: [...rows.themes].sort(byOrder),
		notes: [...rows.notes].sort(byId),
		reading: [...rows.reading].sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0)),
		decisions: [...rows.decisions].sort(byId),
		searches: [...rows.searches].sort(byId)
	};
}

export type ParseResult = { ok: true; backup: ProjectBackup } | { ok: false; error: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a backup file's text. Checks the shape field by field and that every reference
 * (a coding's document and code, a theme's codes, a note's target) points at a row of the
 * backup, so a restore never stores a half-connected project. Errors name the file and the
 * first problem with its path, e.g. "codings[12].docId".
 */
export function parseBackup(text: string, fileName: string): ParseResult {
	const fail = (msg: string): ParseResult => ({ ok: false, error: `${fileName}: ${msg}` });
	let data: unknown;
	try {
		data = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (e) {
		return fail(`is not valid JSON (${e instanceof Error ? e.message : String(e)}).`);
	}
	if (!isObj(data) || data.format !== BACKUP_FORMAT)
		return fail('is not a Tema project backup (its "format" is not "tema-project-backup").');
	if (typeof data.schemaVersion !== 'number' || !Number.isInteger(data.schemaVersion))
		return fail('has no whole-number "schemaVersion".');
	if (data.schemaVersion > BACKUP_SCHEMA_VERSION)
		return fail(`was written by a newer Tema (backup version ${data.schemaVersion}; this Tema reads up to ${BACKUP_SCHEMA_VERSION}). Update Tema to restore it.`);
	if (data.schemaVersion < 1) return fail(`has an unknown backup version ${data.schemaVersion}.`);

	const problems: string[] = [];
	const need = (where: string, v: unknown, type: 'string' | 'number' | 'object' | 'array' | 'string|null' | 'number|null') => {
		const ok =
			type === 'array'
				? Array.isArray(v)
				: type === 'object'
					? isObj(v)
					: type === 'string|null'
						? v === null || typeof v === 'string'
						: type === 'number|null'
							? v === null || (typeof v === 'number' && Number.isFinite(v))
							: type === 'number'
								? typeof v === 'number' && Number.isFinite(v)
								: typeof v === type;
		if (!ok) problems.push(`${where} should be ${type.replace('|', ' or ')}`);
		return ok;
	};
	const fields = (where: string, row: unknown, spec: Record<string, Parameters<typeof need>[2]>) => {
		if (!need(where, row, 'object')) return false;
		let ok = true;
		for (const [k, t] of Object.entries(spec)) ok = need(`${where}.${k}`, (row as Obj)[k], t) && ok;
		return ok;
	};
	const list = (key: string, spec: Record<string, Parameters<typeof need>[2]>) => {
		const rows = data[key as keyof typeof data];
		if (!need(key, rows, 'array')) return;
		(rows as unknown[]).forEach((r, i) => fields(`${key}[${i}]`, r, spec));
	};

	fields('project', data.project, { id: 'string', name: 'string', description: 'string', createdAt: 'number', updatedAt: 'number', currentCoderId: 'string', recentCodeIds: 'array' });
	list('coders', { id: 'string', projectId: 'string', name: 'string', color: 'string' });
	list('documents', { id: 'string', projectId: 'string', name: 'string', fileName: 'string', participantId: 'string|null', encoding: 'string', eol: 'string', length: 'number', turnCount: 'number', fingerprint: 'string', importedAt: 'number', order: 'number' });
	list('contents', { docId: 'string', text: 'string', turns: 'array' });
	list('participants', { id: 'string', projectId: 'string', label: 'string', attributes: 'object' });
	list('codes', { id: 'string', projectId: 'string', parentId: 'string|null', order: 'number', name: 'string', color: 'string', definition: 'string', include: 'string', exclude: 'string', example: 'string', createdAt: 'number' });
	list('codings', { id: 'string', projectId: 'string', docId: 'string', codeId: 'string', coderId: 'string', start: 'number', end: 'number', quote: 'string', prefix: 'string', suffix: 'string', createdAt: 'number' });
	list('themes', { id: 'string', projectId: 'string', parentId: 'string|null', order: 'number', name: 'string', color: 'string', status: 'string', codeIds: 'array', definition: 'object', quoteIds: 'array', reviews: 'object', nameHistory: 'array', createdAt: 'number', updatedAt: 'number' });
	list('notes', { id: 'string', projectId: 'string', kind: 'string', target: 'object', text: 'string', createdAt: 'number', updatedAt: 'number' });
	list('reading', { docId: 'string', projectId: 'string', furthest: 'number', readAt: 'number|null' });
	if (data.decisions === undefined) data.decisions = [];
	if (data.searches === undefined) data.searches = [];
	list('searches', { id: 'string', projectId: 'string', name: 'string', query: 'string', options: 'object', createdAt: 'number' });
	list('decisions', { id: 'string', projectId: 'string', consensusId: 'string', docId: 'string', codeId: 'string', start: 'number', end: 'number', status: 'string', coderIds: 'array', decision: 'string', codingIds: 'array', decidedBy: 'string', decidedAt: 'number' });
	if (problems.length) return fail(`${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : ''}.`);

	// Inside the rows: nested shapes the screens rely on.
	const raw = data as unknown as ProjectBackup;
	const hex = /^#[0-9a-f]{6}$/i;
	const isStr = (v: unknown) => typeof v === 'string';
	/** Every item of a list of ids is a string. */
	const strings = (where: string, list: readonly unknown[]) =>
		list.forEach((v, j) => isStr(v) || problems.push(`${where}[${j}] should be string`));
	const isInt = (v: unknown) => Number.isInteger(v);
	for (const key of ['coders', 'codes', 'themes'] as const)
		(raw[key] as { color: string }[]).forEach((r, i) => {
			if (!hex.test(r.color)) problems.push(`${key}[${i}].color should be a colour like #2563eb, not "${String(r.color).slice(0, 20)}"`);
		});
	raw.themes.forEach((t, i) => {
		for (const f of ['concept', 'includes', 'excludes', 'relations'] as const)
			need(`themes[${i}].definition.${f}`, (t.definition as unknown as Obj)[f], 'string');
		strings(`themes[${i}].codeIds`, t.codeIds);
		strings(`themes[${i}].quoteIds`, t.quoteIds);
		for (const [id, v] of Object.entries(t.reviews))
			if (v !== 'fits' && v !== 'misfit') problems.push(`themes[${i}].reviews["${id}"] should be "fits" or "misfit"`);
		t.nameHistory.forEach((h, j) => fields(`themes[${i}].nameHistory[${j}]`, h, { name: 'string', until: 'number' }));
	});
	raw.codings.forEach((c, i) => {
		if (c.provenance === undefined) return;
		if (!fields(`codings[${i}].provenance`, c.provenance, { decisionId: 'string', decision: 'string', fromCoderIds: 'array', sourceIds: 'array', decidedBy: 'string', decidedAt: 'number' })) return;
		strings(`codings[${i}].provenance.fromCoderIds`, c.provenance.fromCoderIds);
		strings(`codings[${i}].provenance.sourceIds`, c.provenance.sourceIds);
	});
	raw.searches.forEach((q, i) => {
		const o = q.options as unknown as Obj;
		for (const k of ['fuzzy', 'participantsOnly'] as const)
			if (typeof o[k] !== 'boolean') problems.push(`searches[${i}].options.${k} should be true or false`);
		for (const k of ['docIds', 'codeIds'] as const)
			if (o[k] !== null && !(Array.isArray(o[k]) && (o[k] as unknown[]).every(isStr))) problems.push(`searches[${i}].options.${k} should be a list of ids or null`);
	});
	if (raw.project.attributes !== undefined) {
		if (!Array.isArray(raw.project.attributes)) problems.push('project.attributes should be array');
		else
			raw.project.attributes.forEach((a, i) => {
				if (fields(`project.attributes[${i}]`, a, { name: 'string', type: 'string' }) && !['category', 'number', 'date'].includes(a.type))
					problems.push(`project.attributes[${i}].type is "${a.type}", not category, number or date`);
			});
	}
	if (raw.project.deidKey !== undefined) {
		if (!Array.isArray(raw.project.deidKey)) problems.push('project.deidKey should be array');
		else
			raw.project.deidKey.forEach((e, i) => {
				if (fields(`project.deidKey[${i}]`, e, { original: 'string', replacement: 'string', category: 'string', documents: 'array' }))
					strings(`project.deidKey[${i}].documents`, e.documents);
			});
	}
	raw.decisions.forEach((d, i) => {
		strings(`decisions[${i}].coderIds`, d.coderIds);
		strings(`decisions[${i}].codingIds`, d.codingIds);
	});
	raw.contents.forEach((c, i) =>
		c.turns.forEach((t, j) => fields(`contents[${i}].turns[${j}]`, t, { speaker: 'string', role: 'string', start: 'number', end: 'number', textStart: 'number' }))
	);
	raw.notes.forEach((n, i) => {
		const t = n.target as unknown as Obj;
		if (t.type === 'passage') {
			fields(`notes[${i}].target`, t, { docId: 'string', start: 'number', end: 'number', quote: 'string', prefix: 'string', suffix: 'string' });
			if (!isInt(t.start) || !isInt(t.end) || (t.start as number) < 0 || (t.start as number) >= (t.end as number))
				problems.push(`notes[${i}].target has start ${String(t.start)} and end ${String(t.end)}`);
		} else if (t.type === 'document') need(`notes[${i}].target.docId`, t.docId, 'string');
		else if (t.type === 'code') need(`notes[${i}].target.codeId`, t.codeId, 'string');
		else if (t.type === 'theme') need(`notes[${i}].target.themeId`, t.themeId, 'string');
		else if (t.type !== 'project') problems.push(`notes[${i}].target.type "${String(t.type)}" is not project, document, passage, code or theme`);
	});
	for (const key of ['coders', 'documents', 'codes', 'codings', 'themes', 'notes', 'decisions', 'searches'] as const) {
		const seen = new Set<string>();
		(raw[key] as { id: string }[]).forEach((r, i) => {
			if (seen.has(r.id)) problems.push(`${key}[${i}].id "${r.id}" appears twice`);
			seen.add(r.id);
		});
	}
	if (problems.length) return fail(`${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : ''}.`);

	const b = raw;
	const pid = b.project.id;
	const refs: string[] = [];
	const check = (where: string, ok: boolean, what: string) => {
		if (!ok) refs.push(`${where} ${what}`);
	};
	const docIds = new Set(b.documents.map((d) => d.id));
	const codeIds = new Set(b.codes.map((c) => c.id));
	const coderIds = new Set(b.coders.map((c) => c.id));
	const themeIds = new Set(b.themes.map((t) => t.id));
	const contentIds = new Set(b.contents.map((c) => c.docId));
	for (const key of ['coders', 'documents', 'participants', 'codes', 'codings', 'themes', 'notes', 'reading', 'decisions', 'searches'] as const)
		(b[key] as { projectId: string }[]).forEach((r, i) => check(`${key}[${i}].projectId`, r.projectId === pid, `is not the project’s id ${pid}`));
	b.documents.forEach((d, i) => check(`documents[${i}]`, contentIds.has(d.id), `(${d.name}) has no text in "contents"`));
	b.contents.forEach((c, i) => {
		const d = b.documents.find((x) => x.id === c.docId);
		check(`contents[${i}].docId`, !!d, 'names no document');
		if (d) check(`contents[${i}].text`, c.text.length === d.length, `is ${c.text.length} characters long, but the document says ${d.length}`);
	});
	b.codes.forEach((c, i) => check(`codes[${i}].parentId`, c.parentId === null || codeIds.has(c.parentId), 'names no code'));
	b.codings.forEach((c, i) => {
		check(`codings[${i}].docId`, docIds.has(c.docId), 'names no document');
		check(`codings[${i}].codeId`, codeIds.has(c.codeId), 'names no code');
		check(`codings[${i}].coderId`, coderIds.has(c.coderId), 'names no coder');
		check(`codings[${i}]`, Number.isInteger(c.start) && Number.isInteger(c.end) && 0 <= c.start && c.start < c.end, `has start ${c.start} and end ${c.end}`);
	});
	b.themes.forEach((t, i) => {
		check(`themes[${i}].parentId`, t.parentId === null || themeIds.has(t.parentId), 'names no theme');
		check(`themes[${i}].main`, t.main === undefined || typeof t.main === 'boolean', 'should be true, false or absent');
		check(`themes[${i}].status`, ['candidate', 'kept', 'discarded'].includes(t.status), `is "${t.status}", not candidate, kept or discarded`);
		t.codeIds.forEach((id, j) => check(`themes[${i}].codeIds[${j}]`, codeIds.has(id), 'names no code'));
	});
	b.notes.forEach((n, i) => {
		check(`notes[${i}].kind`, ['familiarisation', 'journal', 'memo'].includes(n.kind), `is "${n.kind}"`);
		const t = n.target as NoteTarget;
		const ok =
			t.type === 'project' ||
			((t.type === 'document' || t.type === 'passage') && docIds.has(t.docId)) ||
			(t.type === 'code' && codeIds.has(t.codeId)) ||
			(t.type === 'theme' && themeIds.has(t.themeId));
		check(`notes[${i}].target`, ok, 'points at nothing in the backup');
	});
	b.reading.forEach((r, i) => check(`reading[${i}].docId`, docIds.has(r.docId), 'names no document'));
	const analysis = b.project.analysisCoderId;
	check('project.analysisCoderId', analysis === undefined || analysis === null || coderIds.has(analysis), 'names no coder');
	b.coders.forEach((c, i) => check(`coders[${i}].consensus`, c.consensus === undefined || typeof c.consensus === 'boolean', 'should be true, false or absent'));
	const kinds = ['agreed', 'accept', 'both', 'merge', 'reject'];
	b.codings.forEach((c, i) => {
		if (c.provenance) check(`codings[${i}].provenance.decision`, kinds.includes(c.provenance.decision), `is "${c.provenance.decision}", not ${kinds.join(', ')}`);
	});
	b.decisions.forEach((d, i) => {
		check(`decisions[${i}].decision`, kinds.includes(d.decision), `is "${d.decision}", not ${kinds.join(', ')}`);
		check(`decisions[${i}].status`, ['exact', 'agree', 'partial', 'only'].includes(d.status), `is "${d.status}", not exact, agree, partial or only`);
		check(`decisions[${i}].consensusId`, coderIds.has(d.consensusId), 'names no coder');
		check(`decisions[${i}].docId`, docIds.has(d.docId), 'names no document');
		// codeId is not checked: a decision is a record of what was decided, and stays when its code is later merged or deleted.
		check(`decisions[${i}]`, Number.isInteger(d.start) && Number.isInteger(d.end) && 0 <= d.start && d.start < d.end, `has start ${d.start} and end ${d.end}`);
	});
	if (refs.length) return fail(`${refs[0]}${refs.length > 1 ? ` (and ${refs.length - 1} more problem(s))` : ''}.`);
	return { ok: true, backup: b };
}

/**
 * The same backup with every id replaced by a fresh one (references follow), for restoring a
 * project next to the one it was backed up from: ids are database keys and must not clash.
 */
export function rekeyBackup(b: ProjectBackup, newId: () => Id): ProjectBackup {
	const map = new Map<Id, Id>();
	const k = (id: Id): Id => {
		let v = map.get(id);
		if (v === undefined) {
			v = newId();
			map.set(id, v);
		}
		return v;
	};
	const kn = (id: Id | null) => (id === null ? null : k(id));
	const pid = k(b.project.id);
	const target = (t: NoteTarget): NoteTarget => {
		switch (t.type) {
			case 'project':
				return t;
			case 'document':
				return { ...t, docId: k(t.docId) };
			case 'passage':
				return { ...t, docId: k(t.docId) };
			case 'code':
				return { ...t, codeId: k(t.codeId) };
			case 'theme':
				return { ...t, themeId: k(t.themeId) };
		}
	};
	return {
		...b,
		project: {
			...b.project,
			id: pid,
			currentCoderId: k(b.project.currentCoderId),
			recentCodeIds: b.project.recentCodeIds.map(k),
			...(b.project.analysisCoderId ? { analysisCoderId: k(b.project.analysisCoderId) } : {})
		},
		coders: b.coders.map((c) => ({ ...c, id: k(c.id), projectId: pid })),
		documents: b.documents.map((d) => ({ ...d, id: k(d.id), projectId: pid })),
		contents: b.contents.map((c) => ({ ...c, docId: k(c.docId) })),
		participants: b.participants.map((p) => ({ ...p, id: `${pid}:${p.label}`, projectId: pid })),
		codes: b.codes.map((c) => ({ ...c, id: k(c.id), projectId: pid, parentId: kn(c.parentId) })),
		codings: b.codings.map((c) => ({
			...c,
			id: k(c.id),
			projectId: pid,
			docId: k(c.docId),
			codeId: k(c.codeId),
			coderId: k(c.coderId),
			...(c.provenance
				? {
						provenance: {
							...c.provenance,
							decisionId: k(c.provenance.decisionId),
							fromCoderIds: c.provenance.fromCoderIds.map(k),
							sourceIds: c.provenance.sourceIds.map(k),
							decidedBy: k(c.provenance.decidedBy)
						}
					}
				: {})
		})),
		themes: b.themes.map((t) => ({
			...t,
			id: k(t.id),
			projectId: pid,
			parentId: kn(t.parentId),
			codeIds: t.codeIds.map(k),
			quoteIds: t.quoteIds.map(k),
			reviews: Object.fromEntries(Object.entries(t.reviews).map(([id, v]) => [k(id), v]))
		})),
		notes: b.notes.map((n) => ({ ...n, id: k(n.id), projectId: pid, target: target(n.target) })),
		reading: b.reading.map((r) => ({ ...r, docId: k(r.docId), projectId: pid })),
		decisions: b.decisions.map((d) => ({
			...d,
			id: k(d.id),
			projectId: pid,
			consensusId: k(d.consensusId),
			docId: k(d.docId),
			codeId: k(d.codeId),
			coderIds: d.coderIds.map(k),
			codingIds: d.codingIds.map(k),
			decidedBy: k(d.decidedBy),
			...(d.acceptedCoderId ? { acceptedCoderId: k(d.acceptedCoderId) } : {})
		})),
		searches: b.searches.map((q) => ({
			...q,
			id: k(q.id),
			projectId: pid,
			options: { ...q.options, docIds: q.options.docIds?.map(k) ?? null, codeIds: q.options.codeIds?.map(k) ?? null }
		}))
	};
}
