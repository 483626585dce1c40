// Issue 4: the sample study's simulated coders C1–C3 (../shared/corpus/sample/coders), from
// close to gold to sloppy, must come out in that order against the gold codings. Statistic:
// character-level Cohen's kappa per code over the whole corpus (the 23 transcripts pooled
// end to end), averaged over the codes gold uses — the corpus README's char_kappa_macro,
// except that it counts every character, not only participant speech. The Agreement screen's
// "Compare each coder with" table (agreementWithReference) must order them the same way.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE, sampleTranscript } from '../../../../tests/shared';
import { sampleBackup } from '../../../../tests/fixtures/sampleBackup';
import type { Coding } from '../types';
import { computeAgreement, concatenateSpans, type SpansInput } from './index';
import { agreementWithReference, type AgreementUnit } from './report';

interface Row {
	doc: string;
	code: string;
	start: number;
	end: number;
}

const gold = (JSON.parse(readFileSync(resolve(SAMPLE, 'gold.json'), 'utf8')) as (Row & { start16: number; end16: number })[]).map((g) => ({ ...g, start: g.start16, end: g.end16 }));
const coder = (name: string) => JSON.parse(readFileSync(resolve(SAMPLE, 'coders', `${name}.json`), 'utf8')) as Row[];

function pooled(other: Row[]): SpansInput {
	const docs = [...new Set(gold.map((g) => g.doc))].sort();
	return concatenateSpans(
		docs.map((doc) => ({
			document_length: sampleTranscript(doc).length,
			coders: {
				gold: gold.filter((g) => g.doc === doc).map(({ start, end, code }) => ({ start, end, code })),
				coder: other.filter((g) => g.doc === doc).map(({ start, end, code }) => ({ start, end, code }))
			}
		}))
	);
}

function macroKappa(name: string): number {
	const input = { format: 'spans', ...pooled(coder(name)) };
	const codes = [...new Set(gold.map((g) => g.code))];
	const values = codes.map((code) => {
		const s = computeAgreement({ statistic: 'char_level_cohen_kappa', code, input });
		if (s.value === null) throw new Error(`${name} ${code}: ${s.reason}`);
		return s.value;
	});
	return values.reduce((a, b) => a + b, 0) / values.length;
}

describe('the sample study’s simulated coders against gold', () => {
	it('are ordered C1 > C2 > C3, near the corpus manifest’s values', () => {
		const k = ['C1', 'C2', 'C3'].map(macroKappa);
		expect(k[0]).toBeGreaterThan(k[1]);
		expect(k[1]).toBeGreaterThan(k[2]);
		// manifest: 0.92, 0.74, 0.60 over participant speech only
		expect(k[0]).toBeGreaterThan(0.85);
		expect(k[2]).toBeGreaterThan(0.4);
		expect(k[2]).toBeLessThan(0.75);
	});

	it('krippendorff’s alpha over characters orders them the same way', () => {
		const a = ['C1', 'C2', 'C3'].map((name) => {
			const s = computeAgreement({ statistic: 'char_level_krippendorff_alpha', level: 'nominal', code: 'AWR_METACOG', input: { format: 'spans', ...pooled(coder(name)) } });
			return s.value ?? Number.NaN;
		});
		expect(a[0]).toBeGreaterThan(a[1]);
		expect(a[1]).toBeGreaterThan(a[2]);
	});
});

describe('each simulated coder against gold on the Agreement screen (agreementWithReference)', () => {
	const b = sampleBackup();
	const text = new Map(b.contents.map((c) => [c.docId, c.text]));
	const simulated: Coding[] = ['C1', 'C2', 'C3'].flatMap((name) =>
		coder(name).map((r, i) => ({ id: `${name}-${i}`, projectId: b.project.id, docId: r.doc, codeId: r.code, coderId: name, start: r.start, end: r.end, quote: text.get(r.doc)!.slice(r.start, r.end), prefix: '', suffix: '', createdAt: 0 }))
	);
	const input = (unit: AgreementUnit) => ({
		documents: b.documents,
		contents: new Map(b.contents.map((c) => [c.docId, c])),
		codes: b.codes,
		codings: [...b.codings, ...simulated],
		coders: [...b.coders, ...['C1', 'C2', 'C3'].map((id) => ({ id, projectId: b.project.id, name: id, color: '#333333' }))],
		coderIds: ['C1', 'C2', 'C3'],
		unit
	});

	it('orders C1 > C2 > C3 over characters: kappa, alpha and F1, each on all 23 transcripts with an interval', () => {
		const cmp = agreementWithReference(input('char'), 'gold');
		expect(cmp.rows.map((r) => [r.coder.name, r.docs])).toEqual([['C1', 23], ['C2', 23], ['C3', 23]]);
		for (const key of ['cohen', 'alpha', 'specific'] as const) {
			const v = cmp.rows.map((r) => r.stats[key]!.value!);
			expect(v[0]).toBeGreaterThan(v[1]);
			expect(v[1]).toBeGreaterThan(v[2]);
		}
		for (const r of cmp.rows) {
			const ci = r.stats.ci!.alpha;
			if (ci.lower === null) throw new Error(ci.reason);
			expect(ci.lower).toBeLessThan(r.stats.alpha.value!);
			expect(ci.upper).toBeGreaterThan(r.stats.alpha.value!);
			expect(ci.upper - ci.lower).toBeLessThan(0.2);
		}
		// C1 and C3 are told apart: their intervals do not overlap
		expect((cmp.rows[0].stats.ci!.alpha as { lower: number }).lower).toBeGreaterThan((cmp.rows[2].stats.ci!.alpha as { upper: number }).upper);
	});

	it('and over speaker turns', () => {
		const v = agreementWithReference(input('turn'), 'gold').rows.map((r) => r.stats.cohen!.value!);
		expect(v[0]).toBeGreaterThan(v[1]);
		expect(v[1]).toBeGreaterThan(v[2]);
	});
});
