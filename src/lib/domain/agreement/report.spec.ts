import { describe, expect, it } from 'vitest';
import { code } from '../../../../tests/fixtures/codes';
import { parseTurns } from '../turns';
import type { Coder, Coding, DocumentContent, TranscriptDocument } from '../types';
import { mulberry32 } from '../random';
import { clusterBootstrap, drawClusters } from './bootstrap';
import {
	agreementCsvRows,
	agreementReport,
	agreementWithReference,
	CI_COLUMNS,
	fastAlpha,
	fastCohen,
	fastFleiss,
	methodsParagraph,
	referenceCsvRows,
	segmentMatrix,
	statsOfVector,
	turnsCoded,
	type ReportInput
} from './report';

const TEXT = 'I: Tell me.\nP1: One two three four five six seven eight nine ten.\nI: And then?\nP1: Eleven twelve.\n';
const doc = (id: string): TranscriptDocument => ({ id, projectId: 'p', name: id, fileName: id, participantId: id, encoding: 'utf-8', eol: 'lf', length: TEXT.length, turnCount: 4, fingerprint: id, importedAt: 0, order: 0 });
let n = 0;
const k = (docId: string, codeId: string, coderId: string, start: number, end: number): Coding => ({ id: `k${++n}`, projectId: 'p', docId, codeId, coderId, start, end, quote: TEXT.slice(start, end), prefix: '', suffix: '', createdAt: 0 });
const coders: Coder[] = [
	{ id: 'a', projectId: 'p', name: 'Ann', color: '#000000' },
	{ id: 'b', projectId: 'p', name: 'Ben', color: '#111111' },
	{ id: 'c', projectId: 'p', name: 'Cai', color: '#222222' }
];
const at = (s: string) => TEXT.indexOf(s);

function input(codings: Coding[], over: Partial<ReportInput> = {}): ReportInput {
	const contents = new Map<string, DocumentContent>(['d1', 'd2'].map((id) => [id, { docId: id, text: TEXT, turns: parseTurns(TEXT) }]));
	return {
		documents: [doc('d1'), doc('d2')], contents, codes: [code('X', null, 0, { name: 'X' }), code('Y', null, 1, { name: 'Y' })], codings, coders,
		docIds: ['d1', 'd2'], codeIds: ['X', 'Y'], coderIds: ['a', 'b'], unit: 'char', ...over
	};
}

describe('the agreement report', () => {
	it('counts characters per code as NVivo does: coded or not, by each coder (hand-checked)', () => {
		// Ann codes "One two three" (13 chars), Ben "two three four" (14): 9 chars both, 4 Ann only, 5 Ben only.
		const codings = [k('d1', 'X', 'a', at('One'), at('One') + 13), k('d1', 'X', 'b', at('two'), at('two') + 14)];
		const r = agreementReport(input(codings, { docIds: ['d1'], codeIds: ['X'] }));
		const s = r.perCode[0].stats;
		const N = TEXT.length;
		expect(s.units).toBe(N);
		// agreement = (9 both + (N − 18) neither) / N
		expect(s.percent.value).toBeCloseTo((N - 9) / N, 10);
		// Cohen: po as above; pe = pA·pB + (1−pA)(1−pB) with pA = 13/N, pB = 14/N
		const po = (N - 9) / N;
		const pe = (13 / N) * (14 / N) + (1 - 13 / N) * (1 - 14 / N);
		expect(s.cohen?.value).toBeCloseTo((po - pe) / (1 - pe), 10);
		// positive specific agreement = 2·9 / (2·9 + 4 + 5)
		expect(s.specific.value).toBeCloseTo(18 / 27, 10);
	});

	it('pools per code over transcripts, per transcript over codes, and everything together', () => {
		const codings = [
			k('d1', 'X', 'a', at('One'), at('four')),
			k('d1', 'X', 'b', at('One'), at('four')),
			k('d2', 'Y', 'a', at('Eleven'), at('twelve')),
			k('d2', 'Y', 'b', at('One'), at('two'))
		];
		const r = agreementReport(input(codings));
		expect(r.perCode.map((x) => x.stats.units)).toEqual([2 * TEXT.length, 2 * TEXT.length]);
		expect(r.perDocument.map((x) => x.stats.units)).toEqual([2 * TEXT.length, 2 * TEXT.length]);
		expect(r.pooled.units).toBe(4 * TEXT.length);
		expect(r.perCode[0].stats.cohen?.value).toBe(1); // X: identical in d1, absent in d2
		expect(r.perCode[1].stats.cohen?.value).toBeLessThan(0); // Y: no overlap at all
		expect(r.pooling).toMatch(/2 code\(s\) and 2 transcript\(s\)/);
	});

	it('turns and presence are units too', () => {
		const codings = [k('d1', 'X', 'a', at('One'), at('two')), k('d1', 'X', 'b', at('nine'), at('ten')), k('d2', 'X', 'a', at('Eleven'), at('twelve'))];
		const turns = agreementReport(input(codings, { unit: 'turn', codeIds: ['X'] }));
		expect(turns.perCode[0].stats.units).toBe(8); // 4 turns × 2 transcripts
		// d1: both coded the same turn; d2: only Ann → 7 of 8 turns agree
		expect(turns.perCode[0].stats.percent.value).toBeCloseTo(7 / 8, 10);
		const presence = agreementReport(input(codings, { unit: 'presence', codeIds: ['X'] }));
		expect(presence.perCode[0].stats.units).toBe(2);
		expect(presence.perCode[0].stats.percent.value).toBeCloseTo(1 / 2, 10);
	});

	it('says why a value is undefined instead of printing 0 or 1, and flags a low-prevalence paradox', () => {
		const one = agreementReport(input([], { coderIds: ['a'] }));
		expect(one.pooled.alpha).toEqual({ value: null, reason: 'needs at least two coders' });
		const none = agreementReport(input([]));
		expect(none.pooled.alpha.value).toBeNull(); // nobody coded anything: no variation
		expect(none.pooled.cohen?.value ?? null).toBeNull();
		const rows = agreementCsvRows(none);
		expect(rows[0][0]).toBe('level');
		expect(rows.at(-1)![8]).toBe('undefined');
		expect(rows.at(-1)!.at(-1)).toMatch(/variation/);
		// a tiny code both coders mostly agree on by not using it
		const skew = agreementReport(input([k('d1', 'X', 'a', at('One'), at('One') + 3), k('d1', 'X', 'b', at('ten'), at('ten') + 3)], { codeIds: ['X'] }));
		expect(skew.perCode[0].stats.percent.value!).toBeGreaterThan(0.95);
		expect(skew.perCode[0].stats.paradox).toMatch(/./);
	});

	it('works for three coders (no Cohen; Fleiss, alpha and the rest defined) and writes a methods paragraph', () => {
		const codings = coders.map((c) => k('d1', 'X', c.id, at('One'), at('five')));
		const r = agreementReport(input(codings, { coderIds: ['a', 'b', 'c'], codeIds: ['X'], docIds: ['d1'] }));
		expect(r.pooled.cohen).toBeNull();
		expect(r.pooled.fleiss.value).toBe(1);
		expect(r.pooled.alpha.value).toBe(1);
		expect(methodsParagraph(r, 23)).toBe(
			"Three coders independently coded 1 of 23 transcripts with 1 code. Agreement was computed over characters, each code judged as applied or not; Krippendorff's alpha (nominal) pooled over codes and transcripts was α = 1.00 (no confidence interval: needs at least two transcripts to resample, and there is one), with 100.0 % observed agreement."
		);
	});

	it('segments as units: merged coded stretches, each coder counted when covering the overlap share (hand-checked)', () => {
		const ann = [{ start: 0, end: 100 }, { start: 200, end: 300 }];
		const ben = [{ start: 5, end: 100 }, { start: 250, end: 300 }, { start: 400, end: 420 }];
		// segments [0,100) [200,300) [400,420): Ben covers 95 %, 50 %, 100 %; Ann 100 %, 100 %, 0 %
		expect(segmentMatrix([ann, ben], 0.9)).toEqual([
			[1, 1, 0],
			[1, 0, 1]
		]);
		expect(segmentMatrix([ann, ben], 0.5)).toEqual([
			[1, 1, 0],
			[1, 1, 1]
		]);
		// a coder's own overlapping codings count once
		expect(segmentMatrix([[{ start: 0, end: 60 }, { start: 40, end: 100 }], [{ start: 0, end: 100 }]], 0.9)).toEqual([[1], [1]]);
		const codings = [k('d1', 'X', 'a', at('One'), at('five')), k('d1', 'X', 'b', at('two'), at('five')), k('d1', 'X', 'a', at('Eleven'), at('twelve'))];
		const r = agreementReport(input(codings, { unit: 'segment', overlap: 0.5, codeIds: ['X'], docIds: ['d1'] }));
		expect(r.perCode[0].stats.units).toBe(2);
		expect(r.perCode[0].stats.percent.value).toBeCloseTo(1 / 2, 10);
		expect(r.pooling).toMatch(/at least 50 % of it/);
	});
});

describe('turns coded by spans', () => {
	it('marks every turn a span overlaps, as the pairwise check does (randomised)', () => {
		const rand = mulberry32(5);
		for (let t = 0; t < 300; t++) {
			const turns: { start: number; end: number }[] = [];
			let at = 0;
			for (let i = 0; i < 1 + Math.floor(rand() * 12); i++) {
				const start = at + Math.floor(rand() * 3);
				turns.push({ start, end: start + 1 + Math.floor(rand() * 20) });
				at = turns.at(-1)!.end;
			}
			const spans = Array.from({ length: Math.floor(rand() * 6) }, () => {
				const start = Math.floor(rand() * (at + 5));
				return { start, end: start + Math.floor(rand() * 30) };
			});
			const naive = turns.map((u) => (spans.some((k) => k.start < u.end && k.end > u.start) ? 1 : 0));
			expect(turnsCoded(turns, spans)).toEqual(naive);
		}
		expect(turnsCoded([{ start: 0, end: 5 }, { start: 5, end: 9 }], [{ start: 5, end: 5 }])).toEqual([0, 0]);
	});
});

describe('bootstrap intervals over transcripts', () => {
	it('the cluster bootstrap takes percentiles of the statistic over resamples of whole clusters (hand-checked)', () => {
		// two clusters; four resamples drawing (2, 0), (1, 1), (1, 1), (0, 2); statistic: share of the first entry
		const draws = Uint32Array.from([2, 0, 1, 1, 1, 1, 0, 2]);
		const share = (v: Float64Array) => (v[0] + v[1] ? v[0] / (v[0] + v[1]) : null);
		const [[i]] = clusterBootstrap([{ clusters: [[4, 0], [0, 4]], statistics: [share] }], { draws, level: 0.5 });
		// values 1, 0.5, 0.5, 0 → sorted 0, .5, .5, 1; type-7 quantiles at .25 and .75: 0.375 and 0.625
		expect(i).toEqual({ lower: 0.375, upper: 0.625, level: 0.5, replicates: 4, undefinedReplicates: 0 });
		// a resample where the statistic is undefined is left out and counted
		const [[j]] = clusterBootstrap([{ clusters: [[0, 0], [4, 4]], statistics: [share] }], { draws, level: 0.5 });
		expect(j).toMatchObject({ lower: 0.5, upper: 0.5, undefinedReplicates: 1 });
		// one cluster: no interval, with the reason
		expect(clusterBootstrap([{ clusters: [[1, 2]], statistics: [share] }], { clusterName: 'transcripts' })[0][0]).toEqual({
			lower: null,
			upper: null,
			reason: 'needs at least two transcripts to resample, and there is one'
		});
	});

	it('draws n clusters per resample, the same for the same seed', () => {
		const d = drawClusters(7, 50, mulberry32(3));
		for (let b = 0; b < 50; b++) expect(d.slice(b * 7, b * 7 + 7).reduce((a, x) => a + x, 0)).toBe(7);
		expect(drawClusters(7, 50, mulberry32(3))).toEqual(d);
		expect(drawClusters(7, 50, mulberry32(4))).not.toEqual(d);
	});

	it('the closed forms used on resamples give the library’s alpha, Fleiss’ and Cohen’s kappa', () => {
		const rand = mulberry32(11);
		for (const m of [2, 3, 4]) {
			const len = m === 2 ? 4 : (m + 1) * (m + 1);
			for (let t = 0; t < 200; t++) {
				const v = Array.from({ length: len }, () => (rand() < 0.4 ? 0 : Math.floor(rand() * 1000)));
				// our data: every unit has all m codings (r = m), except in a few cases kept to test the general form
				if (m > 2 && t % 5) for (let j = 0; j < len; j++) if (Math.floor(j / (m + 1)) !== m) v[j] = 0;
				const lib = statsOfVector(v, m);
				const close = (fast: number | null, s: { value: number | null } | null) => {
					if (s === null || s.value === null) expect(fast).toBeNull();
					else expect(fast).toBeCloseTo(s.value, 10);
				};
				close(fastAlpha(v, m), lib.alpha);
				close(fastFleiss(v, m), lib.fleiss);
				if (m === 2) close(fastCohen(v), lib.cohen);
			}
			// nothing coded, or everything coded: undefined, as the library says
			const zero = new Array(len).fill(0);
			expect(fastAlpha(zero, m)).toBeNull();
			const all = [...zero];
			all[m === 2 ? 3 : m * (m + 1) + m] = 50;
			expect(fastAlpha(all, m)).toBeNull();
			expect(fastFleiss(all, m)).toBeNull();
		}
	});

	it('resamples transcripts, not characters: the interval shows how much transcripts differ', () => {
		// Same codings in both transcripts: every resample is the same data scaled, so Cohen's
		// kappa cannot move (the interval collapses onto the estimate computed from the data).
		const same = [k('d1', 'X', 'a', at('One'), at('five')), k('d1', 'X', 'b', at('two'), at('six')), k('d2', 'X', 'a', at('One'), at('five')), k('d2', 'X', 'b', at('two'), at('six'))];
		const r = agreementReport(input(same, { codeIds: ['X'] }));
		const kappa = r.pooled.cohen!.value!;
		expect(r.pooled.ci!.cohen).toMatchObject({ replicates: 1000, level: 0.95 });
		expect(r.pooled.ci!.cohen!.lower).toBeCloseTo(kappa, 10);
		expect(r.pooled.ci!.cohen!.upper).toBeCloseTo(kappa, 10);
		expect(r.perCode[0].stats.ci!.alpha.lower).not.toBeNull();
		// Perfect agreement in d1, none in d2 (hundreds of characters each): resampling
		// transcripts gives a wide interval; a bootstrap over characters would give a narrow one.
		const split = [k('d1', 'X', 'a', at('One'), at('ten')), k('d1', 'X', 'b', at('One'), at('ten')), k('d2', 'X', 'a', at('One'), at('five')), k('d2', 'X', 'b', at('six'), at('ten'))];
		const w = agreementReport(input(split, { codeIds: ['X'] }));
		const ci = w.pooled.ci!.alpha;
		if (ci.lower === null) throw new Error(ci.reason);
		expect(ci.lower).toBeLessThan(w.pooled.alpha.value!);
		expect(ci.upper).toBeGreaterThan(w.pooled.alpha.value!);
		expect(ci.upper - ci.lower).toBeGreaterThan(0.4);
		expect(w.pooling).toMatch(/percentile bootstrap over the 2 transcripts, drawn whole with replacement \(1,000 resamples, seed 1\)/);
		expect(w.pooling).toMatch(/With only 2 transcripts the intervals are rough\./);
		expect(w.bootstrap).toEqual({ replicates: 1000, seed: 1, level: 0.95, transcripts: 2 });
	});

	it('is seeded: the same report gives the same intervals; another seed others; none when asked for none', () => {
		const codings = [k('d1', 'X', 'a', at('One'), at('ten')), k('d1', 'X', 'b', at('two'), at('ten')), k('d2', 'X', 'a', at('One'), at('five')), k('d2', 'X', 'b', at('six'), at('ten')), k('d2', 'Y', 'a', at('And'), at('then')), k('d1', 'Y', 'b', at('Tell'), at('me'))];
		const a = agreementReport(input(codings));
		expect(agreementReport(input(codings))).toEqual(a);
		const other = agreementReport(input(codings, { bootstrap: { seed: 2, replicates: 300 } }));
		expect(other.pooled.ci!.alpha).toMatchObject({ replicates: 300 });
		expect(other.pooled.ci).not.toEqual(a.pooled.ci);
		const none = agreementReport(input(codings, { bootstrap: false }));
		expect(none.pooled.ci).toBeNull();
		expect(none.bootstrap).toBeNull();
		expect(none.pooling).not.toMatch(/bootstrap/);
		// per transcript: no interval (one transcript has nothing to resample)
		expect(a.perDocument.every((d) => d.stats.ci === null)).toBe(true);
	});

	it('never invents an interval: one transcript, one coder, or an undefined estimate say why', () => {
		const one = agreementReport(input([k('d1', 'X', 'a', at('One'), at('ten')), k('d1', 'X', 'b', at('two'), at('ten'))], { docIds: ['d1'], codeIds: ['X'] }));
		expect(one.pooled.ci!.alpha).toEqual({ lower: null, upper: null, reason: 'needs at least two transcripts to resample, and there is one' });
		expect(one.pooling).toMatch(/No 95 % confidence intervals: they resample transcripts, and there is only one\./);
		const solo = agreementReport(input([], { coderIds: ['a'] }));
		expect(solo.pooled.ci!.alpha.lower).toBeNull();
		const nothing = agreementReport(input([]));
		expect(nothing.pooled.ci!.alpha).toMatchObject({ lower: null, reason: expect.stringMatching(/^the estimate itself is undefined \(no variation/) });
		const rows = agreementCsvRows(one);
		const col = (name: string) => rows[0].indexOf(name);
		expect(rows.at(-1)![col('alpha_ci_low')]).toBe('undefined');
		expect(rows.at(-1)!.at(-1)).toMatch(/no alpha interval: needs at least two transcripts/);
	});

	it('other units get intervals too, over the same transcripts', () => {
		const codings = [k('d1', 'X', 'a', at('One'), at('two')), k('d1', 'X', 'b', at('One'), at('two')), k('d2', 'X', 'a', at('Eleven'), at('twelve')), k('d2', 'Y', 'b', at('Eleven'), at('twelve')), k('d1', 'Y', 'a', at('And'), at('then'))];
		for (const unit of ['turn', 'segment', 'presence'] as const) {
			const r = agreementReport(input(codings, { unit }));
			expect(r.bootstrap?.transcripts).toBe(2);
			expect(r.pooled.ci).not.toBeNull();
			expect(r.pooling).toMatch(/bootstrap over the 2 transcripts/);
		}
	});

	it('writes the intervals into the CSV and the methods paragraph', () => {
		const codings = [k('d1', 'X', 'a', at('One'), at('ten')), k('d1', 'X', 'b', at('two'), at('ten')), k('d2', 'X', 'a', at('One'), at('five')), k('d2', 'X', 'b', at('two'), at('six'))];
		const r = agreementReport(input(codings, { codeIds: ['X'] }));
		const rows = agreementCsvRows(r);
		expect(rows[0].slice(12, 18)).toEqual(CI_COLUMNS);
		expect(CI_COLUMNS).toEqual(['alpha_ci_low', 'alpha_ci_high', 'kappa_ci_low', 'kappa_ci_high', 'fleiss_ci_low', 'fleiss_ci_high']);
		expect(rows[0].at(-1)).toBe('notes');
		const pooled = rows.at(-1)!;
		const ci = r.pooled.ci!;
		expect(pooled.slice(12, 18)).toEqual([ci.alpha, ci.cohen!, ci.fleiss].flatMap((i) => [i.lower!.toFixed(3), i.upper!.toFixed(3)]));
		const transcript = rows.find((x) => x[0] === 'transcript')!;
		expect(transcript.slice(12, 18)).toEqual(['', '', '', '', '', '']);
		const text = methodsParagraph(r, 23);
		const a = r.pooled.alpha.value!.toFixed(2);
		expect(text).toContain(`was α = ${a} (95 % CI ${ci.alpha.lower!.toFixed(2)}–${ci.alpha.upper!.toFixed(2)}); Cohen's kappa was κ = ${r.pooled.cohen!.value!.toFixed(2)} (95 % CI `);
		expect(text).toMatch(/Confidence intervals are percentile bootstrap intervals over transcripts \(whole transcripts resampled with replacement, 1,000 replicates\)\.$/);
		// three coders: Fleiss' interval, no Cohen's
		const three = agreementReport(input([...codings, k('d1', 'X', 'c', at('One'), at('ten')), k('d2', 'X', 'c', at('two'), at('five'))], { codeIds: ['X'], coderIds: ['a', 'b', 'c'] }));
		const row3 = agreementCsvRows(three).at(-1)!;
		expect(row3.slice(14, 16)).toEqual(['', '']);
		expect(Number(row3[16])).toBeLessThanOrEqual(Number(row3[17]));
		expect(methodsParagraph(three, 23)).not.toMatch(/Cohen/);
	});
});

describe('each coder against a reference', () => {
	const pairCodings = () => [
		// Ann: as the reference in d1 and d2; Ben: partly; Cai: only d1, badly
		k('d1', 'X', 'a', at('One'), at('five')), k('d1', 'X', 'c', at('One'), at('five')), k('d2', 'Y', 'a', at('Eleven'), at('twelve')), k('d2', 'Y', 'c', at('Eleven'), at('twelve')),
		k('d1', 'X', 'b', at('two'), at('five')), k('d2', 'Y', 'b', at('Eleven'), at('Eleven') + 3), k('d2', 'X', 'b', at('And'), at('then')),
		k('d1', 'Y', 'c', at('Tell'), at('me'))
	];

	it('is, for each coder, the pooled two-coder report on the transcripts both coded', () => {
		const codings = pairCodings().filter((x) => !(x.coderId === 'c' && x.docId === 'd2'));
		// Cai (c) is the reference; Ann coded d1 and d2, but only d1 is shared with Cai
		const cmp = agreementWithReference({ ...input(codings), coderIds: ['a', 'b', 'c'] }, 'c');
		expect(cmp.reference.name).toBe('Cai');
		expect(cmp.rows.map((r) => [r.coder.name, r.docs])).toEqual([['Ann', 1], ['Ben', 1]]);
		const direct = agreementReport(input(codings, { coderIds: ['a', 'c'], docIds: ['d1'], codeIds: ['X', 'Y'] }));
		expect(cmp.rows[0].stats.alpha).toEqual(direct.pooled.alpha);
		expect(cmp.rows[0].stats.cohen).toEqual(direct.pooled.cohen);
		expect(cmp.rows[0].stats.specific).toEqual(direct.pooled.specific);
		expect(cmp.rows[0].codes).toBe(2);
		// one shared transcript: no interval, and why
		expect(cmp.rows[0].stats.ci!.alpha).toMatchObject({ lower: null, reason: expect.stringMatching(/at least two transcripts/) });
		// every transcript instead: Ann is compared on d1 and d2
		expect(agreementWithReference({ ...input(codings), coderIds: ['a', 'b', 'c'], allDocuments: true }, 'c').rows[0].docs).toBe(2);
	});

	it('orders coders by how close they are to the reference, with intervals, and exports as CSV', () => {
		const cmp = agreementWithReference({ ...input(pairCodings()), coderIds: ['a', 'b', 'c'] }, 'a');
		const [ben, cai] = cmp.rows;
		expect([ben.coder.id, cai.coder.id]).toEqual(['b', 'c']);
		expect(cai.stats.cohen!.value!).toBeGreaterThan(ben.stats.cohen!.value!);
		expect(cai.stats.specific.value!).toBeGreaterThan(ben.stats.specific.value!);
		expect(ben.stats.ci!.alpha.lower).not.toBeNull();
		expect(cmp.pooling).toMatch(/^Each coder against Ann: pooled over the transcripts both coded/);
		const rows = referenceCsvRows(cmp);
		expect(rows[0]).toEqual(['coder', 'reference', 'transcripts', 'codes', 'units', 'percent agreement', "Cohen's kappa", 'kappa_ci_low', 'kappa_ci_high', "Krippendorff's alpha (nominal)", 'alpha_ci_low', 'alpha_ci_high', 'positive specific agreement (F1)', 'notes']);
		expect(rows[1].slice(0, 3)).toEqual(['Ben', 'Ann', '2']);
		expect(rows[1][9]).toBe(ben.stats.alpha.value!.toFixed(3));
		expect(rows[1][10]).toBe((ben.stats.ci!.alpha as { lower: number }).lower.toFixed(3));
		expect(rows.at(-1)!.at(-1)).toBe(cmp.pooling);
		// the reference itself is never compared with itself; an unknown reference is an error
		expect(agreementWithReference({ ...input(pairCodings()), coderIds: ['a'] }, 'a').rows).toEqual([]);
		expect(() => agreementWithReference({ ...input(pairCodings()), coderIds: ['a'] }, 'zz')).toThrow(/no coder/);
	});
});
