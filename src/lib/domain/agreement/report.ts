// A project's agreement report: for chosen documents, codes and coders and a unit, every
// statistic per code (pooled over the documents), per document (pooled over the codes), and
// for everything pooled, with the pooling said in words. Units: characters (as NVivo: every
// character is coded with the code or not), speaker turns (a turn is coded if any coding of
// the code overlaps it), and code presence per document (MAXQDA's "code existence"). Each
// code is a binary judgement per unit (coded / not coded), so the coefficients are those of
// a two-category nominal scheme; pooling adds the units of all codes (or documents) together.
// Pure: the app's agreement screen and `tema agree --project` both call this.

import { characterData } from './characters';
import { countsFromMatrix, type SpansInput } from './inputs';
import { krippendorffAlpha } from './alpha';
import { bennettS, cohenKappa, fleissKappa, gwetAC1, percentAgreement, scottPi, specificAgreement } from './nominal';
import { kappaParadox } from './paradox';
import { undefinedStat, type CategoryCounts, type PairTable, type Stat } from './types';
import type { Code, Coder, Coding, DocumentContent, Id, TranscriptDocument } from '../types';

export type AgreementUnit = 'char' | 'segment' | 'turn' | 'presence';

export const UNIT_LABELS: Record<AgreementUnit, string> = {
	char: 'characters',
	segment: 'coded segments',
	turn: 'speaker turns',
	presence: 'code presence per transcript'
};

/** The default share of a segment another coder must cover to count as coding it (MAXQDA's 90 %). */
export const DEFAULT_SEGMENT_OVERLAP = 0.9;

export interface ReportInput {
	documents: readonly TranscriptDocument[];
	/** Texts with turns of the chosen documents (lengths for characters, turns for turns). */
	contents: ReadonlyMap<Id, DocumentContent>;
	codes: readonly Code[];
	codings: readonly Coding[];
	coders: readonly Coder[];
	docIds: readonly Id[];
	codeIds: readonly Id[];
	coderIds: readonly Id[];
	unit: AgreementUnit;
	/** For unit 'segment': the share (0–1] of a segment a coder must cover to count as coding it. */
	overlap?: number;
}

export interface StatSet {
	percent: Stat;
	/** Two coders only. */
	cohen: Stat | null;
	scott: Stat;
	fleiss: Stat;
	alpha: Stat;
	ac1: Stat;
	brennanPrediger: Stat;
	/** Positive specific agreement (2 coders: 2a / (2a + b + c), the F1 of one coder against the other). */
	specific: Stat;
	/** Units compared (characters, turns or documents). */
	units: number;
	/** Share of units coded by at least one coder. */
	prevalence: number;
	/** Kappa-paradox warning: high agreement, skewed prevalence, low kappa. */
	paradox: string | null;
}

export interface ReportRow {
	id: Id;
	label: string;
	stats: StatSet;
}

export interface AgreementReport {
	unit: AgreementUnit;
	coders: Coder[];
	perCode: ReportRow[];
	perDocument: ReportRow[];
	pooled: StatSet;
	/** How the pooled figures were pooled, in a sentence. */
	pooling: string;
}

/** One binary (coded / not coded) data set: counts per unit, and the 2-coder table if two. */
interface Binary {
	counts: CategoryCounts;
	pair: PairTable | null;
}

function statsOf(b: Binary, coderCount: number): StatSet {
	const { counts } = b;
	let units = 0;
	let coded = 0;
	const pos = counts.categories.indexOf(1);
	counts.counts.forEach((row, u) => {
		const w = counts.weights ? counts.weights[u] : 1;
		units += w;
		if (pos >= 0 && row[pos] > 0) coded += w;
	});
	const few = coderCount < 2 ? undefinedStat('needs at least two coders') : null;
	const cohen = coderCount === 2 && b.pair ? cohenKappa(b.pair) : null;
	const paradox = b.pair ? kappaParadox(b.pair) : kappaParadox(counts);
	return {
		percent: few ?? percentAgreement(counts),
		cohen,
		scott: few ?? scottPi(counts),
		fleiss: few ?? fleissKappa(counts),
		alpha: few ?? krippendorffAlpha(counts, 'nominal'),
		ac1: few ?? gwetAC1(counts, 2),
		brennanPrediger: few ?? bennettS(counts, 2),
		specific: few ?? specificAgreement(counts, 1),
		units,
		prevalence: units > 0 ? coded / units : 0,
		paradox: paradox.flagged ? paradox.message : null
	};
}

/** Adds binary data sets (same coders, categories [0, 1]). */
function pool(parts: readonly Binary[]): Binary {
	const counts: CategoryCounts = { categories: [0, 1], counts: [], weights: [] };
	const table: number[][] | null = parts.every((p) => p.pair) ? [[0, 0], [0, 0]] : null;
	for (const p of parts) {
		const map = p.counts.categories.map((c) => (c === 1 ? 1 : 0));
		p.counts.counts.forEach((row, u) => {
			const r = [0, 0];
			row.forEach((n, c) => (r[map[c]] += n));
			counts.counts.push(r);
			counts.weights!.push(p.counts.weights ? p.counts.weights[u] : 1);
		});
		if (table && p.pair) {
			const m = p.pair.categories.map((c) => (c === 1 ? 1 : 0));
			p.pair.table.forEach((row, i) => row.forEach((n, j) => (table![m[i]][m[j]] += n)));
		}
	}
	return { counts, pair: table ? { categories: [0, 1], table } : null };
}

/** Binary data from a reliability matrix of 0/1 values, data[coder][unit]. */
function fromMatrix(data: (0 | 1)[][]): Binary {
	const counts = countsFromMatrix({ data, categories: [0, 1] });
	const pair: PairTable | null =
		data.length === 2
			? { categories: [0, 1], table: [[0, 0], [0, 0]] }
			: null;
	if (pair) for (let u = 0; u < data[0].length; u++) pair.table[data[0][u]][data[1][u]]++;
	return { counts, pair };
}

/**
 * Segments as units (as MAXQDA compares segments, for any number of coders): the coded
 * stretches of all coders for one code are merged into segments (overlapping or touching
 * codings join); a coder coded a segment when their codings cover at least `overlap` of its
 * length. Only coded stretches are units, so text nobody coded does not inflate agreement.
 */
export function segmentMatrix(perCoder: readonly (readonly { start: number; end: number }[])[], overlap: number): (0 | 1)[][] {
	const all = perCoder.flat().filter((k) => k.end > k.start).sort((a, b) => a.start - b.start || a.end - b.end);
	const segments: { start: number; end: number }[] = [];
	for (const k of all) {
		const last = segments.at(-1);
		if (last && k.start <= last.end) last.end = Math.max(last.end, k.end);
		else segments.push({ start: k.start, end: k.end });
	}
	const covered = (mine: readonly { start: number; end: number }[], seg: { start: number; end: number }) => {
		// the union of this coder's codings inside the segment
		const parts = mine
			.map((k) => ({ start: Math.max(k.start, seg.start), end: Math.min(k.end, seg.end) }))
			.filter((k) => k.end > k.start)
			.sort((a, b) => a.start - b.start);
		let total = 0;
		let at = seg.start;
		for (const p of parts) {
			const from = Math.max(p.start, at);
			if (p.end > from) total += p.end - from;
			at = Math.max(at, p.end);
		}
		return total;
	};
	return perCoder.map((mine) => segments.map((seg) => (covered(mine, seg) >= overlap * (seg.end - seg.start) - 1e-9 ? 1 : 0)));
}

/**
 * What the report compares by default: the transcripts coded by two or more of the coders
 * (or every transcript), and the codes those coders used in them.
 */
export function defaultSelection(
	documents: readonly TranscriptDocument[],
	codes: readonly Code[],
	codings: readonly Coding[],
	coderIds: readonly Id[],
	allDocuments = false
): { docIds: Id[]; codeIds: Id[] } {
	const by = new Map<Id, Set<Id>>();
	for (const k of codings) {
		if (!coderIds.includes(k.coderId)) continue;
		let set = by.get(k.docId);
		if (!set) by.set(k.docId, (set = new Set()));
		set.add(k.coderId);
	}
	const docIds = documents.filter((d) => allDocuments || (by.get(d.id)?.size ?? 0) >= 2).map((d) => d.id);
	const docs = new Set(docIds);
	const used = new Set(codings.filter((k) => docs.has(k.docId) && coderIds.includes(k.coderId)).map((k) => k.codeId));
	return { docIds, codeIds: codes.filter((c) => used.has(c.id)).map((c) => c.id) };
}

/**
 * The whole report. Codings of codes outside `codeIds` and of coders outside `coderIds` are
 * ignored; a code's sub-codes are separate codes (choose them too to include them).
 */
export function agreementReport(input: ReportInput): AgreementReport {
	const coders = input.coders.filter((c) => input.coderIds.includes(c.id));
	const docs = input.documents.filter((d) => input.docIds.includes(d.id));
	const codes = input.codes.filter((c) => input.codeIds.includes(c.id));
	const wanted = new Set(codes.map((c) => c.id));
	const who = new Set(coders.map((c) => c.id));
	const mine = input.codings.filter((k) => wanted.has(k.codeId) && who.has(k.coderId) && !k.orphaned);

	// data[code][doc] = binary data set
	const cell = new Map<string, Binary>();
	for (const doc of docs) {
		const inDoc = mine.filter((k) => k.docId === doc.id);
		const content = input.contents.get(doc.id);
		for (const code of codes) {
			const ks = inDoc.filter((k) => k.codeId === code.id);
			let b: Binary;
			if (input.unit === 'char') {
				const spans: SpansInput = {
					document_length: content?.text.length ?? doc.length,
					coders: Object.fromEntries(coders.map((c) => [c.id, ks.filter((k) => k.coderId === c.id).map((k) => ({ start: k.start, end: k.end, code: 1 }))]))
				};
				const d = characterData(spans, 1);
				b = { counts: d.counts, pair: d.pair };
			} else if (input.unit === 'segment') {
				b = fromMatrix(segmentMatrix(coders.map((c) => ks.filter((k) => k.coderId === c.id)), input.overlap ?? DEFAULT_SEGMENT_OVERLAP));
			} else if (input.unit === 'turn') {
				const turns = content?.turns ?? [];
				b = fromMatrix(coders.map((c) => turns.map((t) => (ks.some((k) => k.coderId === c.id && k.start < t.end && k.end > t.start) ? 1 : 0))));
			} else {
				b = fromMatrix(coders.map((c) => [ks.some((k) => k.coderId === c.id) ? 1 : 0]));
			}
			cell.set(`${code.id}|${doc.id}`, b);
		}
	}
	const n = coders.length;
	const perCode = codes.map((code) => ({
		id: code.id,
		label: code.name,
		stats: statsOf(pool(docs.map((d) => cell.get(`${code.id}|${d.id}`)!)), n)
	}));
	const perDocument = docs.map((doc) => ({
		id: doc.id,
		label: doc.name,
		stats: statsOf(pool(codes.map((c) => cell.get(`${c.id}|${doc.id}`)!)), n)
	}));
	const pooled = statsOf(pool([...cell.values()]), n);
	const pooling =
		`Pooled over ${codes.length} code(s) and ${docs.length} transcript(s): every (code, ${{ char: 'character', segment: 'segment', turn: 'turn', presence: 'transcript' }[input.unit]}) ` +
		'pair is one unit, coded or not coded by each coder, and all units enter one calculation.' +
		(input.unit === 'segment'
			? ` A segment is a stretch any coder coded with the code; a coder counts as coding it when their codings cover at least ${Math.round((input.overlap ?? DEFAULT_SEGMENT_OVERLAP) * 100)} % of it.`
			: '');
	return { unit: input.unit, coders, perCode, perDocument, pooled, pooling };
}

const fmt = (s: Stat | null) => (s === null ? '' : s.value === null ? 'undefined' : s.value.toFixed(3));

/** One line per code, per document and pooled, with every statistic (undefined with its reason). */
export function agreementCsvRows(report: AgreementReport): string[][] {
	const header = ['level', 'name', 'units', 'prevalence', 'percent agreement', "Cohen's kappa", "Scott's pi", "Fleiss' kappa", "Krippendorff's alpha (nominal)", "Gwet's AC1", 'Brennan–Prediger', 'positive specific agreement', 'notes'];
	const line = (level: string, name: string, s: StatSet) => {
		const reasons = [s.percent, s.cohen, s.fleiss, s.alpha].filter((x): x is Exclude<Stat, { value: number }> => !!x && x.value === null).map((x) => x.reason);
		return [level, name, String(s.units), s.prevalence.toFixed(3), fmt(s.percent), fmt(s.cohen), fmt(s.scott), fmt(s.fleiss), fmt(s.alpha), fmt(s.ac1), fmt(s.brennanPrediger), fmt(s.specific), [...new Set([...reasons, ...(s.paradox ? [s.paradox] : [])])].join('; ')];
	};
	return [
		header,
		...report.perCode.map((r) => line('code', r.label, r.stats)),
		...report.perDocument.map((r) => line('transcript', r.label, r.stats)),
		line('pooled', report.pooling, report.pooled)
	];
}

/** The methods paragraph a paper needs. */
export function methodsParagraph(report: AgreementReport, totalDocuments: number): string {
	const names = report.coders.length;
	const words = ['No', 'One', 'Two', 'Three', 'Four', 'Five', 'Six'];
	const count = words[names] ?? String(names);
	const alpha = report.pooled.alpha;
	const value = alpha.value === null ? `undefined (${alpha.reason})` : alpha.value.toFixed(2);
	const docs = report.perDocument.length;
	return (
		`${count} coder${names === 1 ? '' : 's'} independently coded ${docs} of ${totalDocuments} transcripts with ${report.perCode.length} code${report.perCode.length === 1 ? '' : 's'}. ` +
		`Agreement was computed over ${UNIT_LABELS[report.unit]}, each code judged as applied or not; ` +
		`Krippendorff's alpha (nominal) pooled over codes and transcripts was ${value}` +
		(report.pooled.percent.value !== null ? `, with ${(report.pooled.percent.value * 100).toFixed(1)} % observed agreement` : '') +
		'.'
	);
}
