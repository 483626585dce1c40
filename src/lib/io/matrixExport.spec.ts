import { describe, expect, it } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { code } from '../../../tests/fixtures/codes';
import { makeTheme } from '../../../tests/fixtures/themes';
import type { Coding, Participant, TranscriptDocument } from '../domain/types';
import { buildMatrix } from '../domain/matrices/matrix';
import { cooccurrence } from '../domain/matrices/cooccurrence';
import { codeFrequencies } from '../domain/matrices/frequencies';
import { saturationCurve } from '../domain/matrices/saturation';
import { jointDisplay } from '../domain/matrices/joint';
import {
	cooccurrenceTableDoc,
	frequencyChartSvg,
	frequencyTableDoc,
	inlineSvg,
	jointParticipantsDoc,
	jointTableDoc,
	matrixTableDoc,
	niceTicks,
	saturationChartSvg,
	saturationTableDoc,
	summaryText
} from './matrixExport';
import { renderTable, toCsv } from './tables';

function doc(id: string, participantId: string, order: number): TranscriptDocument {
	return { id, projectId: 'p1', name: id, fileName: `${id}.txt`, participantId, encoding: 'utf-8', eol: 'lf', length: 1000, turnCount: 1, fingerprint: id, importedAt: 0, order };
}
function coding(id: string, codeId: string, docId: string, start: number, end: number): Coding {
	return { id, projectId: 'p1', docId, codeId, coderId: 'me', start, end, quote: 'word '.repeat(10).slice(0, end - start), prefix: '', suffix: '', createdAt: 0 };
}
const person = (label: string, attributes: Participant['attributes']): Participant => ({ id: `p1:${label}`, projectId: 'p1', label, attributes });

function rows() {
	return {
		codes: [code('A', null, 0, { name: '=HYPERLINK("x")' }), code('B', null, 1, { name: 'Boss & <colleagues>' })],
		documents: [doc('d1', 'P1', 0), doc('d2', 'P2', 1), doc('d3', 'P3', 2)],
		participants: [person('P1', { work: 'working', pre: 1, post: 3 }), person('P2', { work: 'sick_leave', pre: 2, post: 2 }), person('P3', { work: 'working', pre: 4, post: null })],
		codings: [coding('k1', 'A', 'd1', 0, 10), coding('k2', 'B', 'd1', 5, 15), coding('k3', 'A', 'd2', 0, 10), coding('k4', 'B', 'd3', 0, 10)],
		themes: [makeTheme('T', { name: 'Support', codeIds: ['B'] })],
		attributes: [
			{ name: 'work', type: 'category' as const },
			{ name: 'pre', type: 'number' as const },
			{ name: 'post', type: 'number' as const }
		]
	};
}

describe('matrix tables', () => {
	it('a codes × work status matrix as CSV: paths, n per column, totals, formulas guarded', () => {
		const m = buildMatrix(rows(), { rows: 'codes', columns: { kind: 'attribute', name: 'work' } });
		const csv = toCsv(matrixTableDoc(m, 'extracts', { title: 'Codes × work', rowLabel: 'Code' }));
		const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
		expect(lines[0]).toBe('Code,Sick leave (n = 1),Working (n = 2),Total');
		expect(lines[1]).toBe(`"'=HYPERLINK(""x"")",1,1,2`);
		expect(lines[2]).toBe('Boss & <colleagues>,0,2,2');
		expect(lines[3]).toBe('Total (each extract and participant once),1,3,4');
		const pct = toCsv(matrixTableDoc(m, 'percent', { title: 'Codes × work', rowLabel: 'Code' })).split('\r\n');
		expect(pct[1]).toMatch(/,100,50\.0,66\.7$/);
	});

	it('renders as XLSX (a zip) without error', async () => {
		const m = buildMatrix(rows(), { rows: 'themes', columns: { kind: 'participants' } });
		const bytes = await renderTable(matrixTableDoc(m, 'participants', { title: 'Themes × participants', rowLabel: 'Theme' }), 'xlsx');
		expect(bytes).toBeInstanceOf(Uint8Array);
		expect([...(bytes as Uint8Array).slice(0, 2)]).toEqual([0x50, 0x4b]);
	});

	it('co-occurrence, frequency and saturation tables', () => {
		const cm = cooccurrence(rows(), { distance: 0 });
		const co = toCsv(cooccurrenceTableDoc(cm, 'extracts', 'Co-occurrence')).replace(/^\uFEFF/, '').split('\r\n');
		expect(co[1]).toBe(`"'=HYPERLINK(""x"")",2,1`);
		expect(co[2]).toBe('Boss & <colleagues>,1,2');
		const f = toCsv(frequencyTableDoc(codeFrequencies(rows()), 'Frequencies', true)).replace(/^\uFEFF/, '').split('\r\n');
		expect(f[0]).toBe('Code,Extracts,Participants,Transcripts,Words coded');
		expect(f[2]).toBe('Boss & <colleagues>,2,2,2,4');
		const s = saturationCurve(rows(), { order: { kind: 'documents' }, run: 1 });
		const sat = toCsv(saturationTableDoc(s, (id) => (id === 'A' ? 'Return' : 'Boss'), 'Saturation')).replace(/^\uFEFF/, '').split('\r\n');
		expect(sat[0]).toBe('Interview,Participant,Transcript,Codes used,New codes,Distinct codes so far,New codes (names)');
		expect(sat.slice(1, 4)).toEqual(['1,P1 (saturation point),d1,2,2,2,Return; Boss', '2,P2,d2,1,0,2,', '3,P3,d3,1,0,2,']);
	});
});

describe('joint display tables', () => {
	it('per theme: contributors and non-contributors with M (SD); Mdn and the change', () => {
		const j = jointDisplay(rows(), { attributes: ['pre', 'post'], change: { before: 'pre', after: 'post' } });
		const md = toCsv(jointTableDoc(j)).replace(/^\uFEFF/, '').split('\r\n');
		expect(md[0]).toBe('Theme,Participants,n,Pre: M (SD); Mdn,Post: M (SD); Mdn,Change (Post − Pre): M (SD); Mdn');
		// Support {B}: P1 and P3 contribute; pre 1 and 4; post 3 only; change +2 (P3 has no post).
		expect(md[1]).toBe('Support,Contributors,2,2.5 (2.1); 2.5,3.0 (–); 3 [n = 1],2.0 (–); 2 [n = 1]');
		expect(md[2]).toBe('Support,Non-contributors,1,2.0 (–); 2,2.0 (–); 2,0.0 (–); 0');
		expect(md[3]).toBe('Everyone in the study,All participants,3,2.3 (1.5); 2,2.5 (0.7); 2.5 [n = 2],1.0 (1.4); 1 [n = 2]');
		const detail = toCsv(jointParticipantsDoc(j, 0)).replace(/^\uFEFF/, '').split('\r\n');
		expect(detail[0]).toBe('Group,Participant,Extracts,Pre,Post,Change (Post − Pre)');
		expect(detail.slice(1, 4)).toEqual(['Contributors (n = 2),P1,1,1,3,2', 'Contributors (n = 2),P3,1,4,–,–', 'Non-contributors (n = 1),P2,0,2,2,0']);
		expect(summaryText({ n: 0, mean: null, sd: null, median: null, min: null, max: null })).toBe('–');
	});
});

describe('charts', () => {
	it('nice ticks', () => {
		expect(niceTicks(9)).toEqual([0, 2, 4, 6, 8, 10]);
		expect(niceTicks(40)).toEqual([0, 10, 20, 30, 40]);
		expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
		expect(niceTicks(0)).toEqual([0, 1]);
	});

	it('the frequency chart is a well-formed SVG with escaped labels and one bar per used code', () => {
		const svg = frequencyChartSvg(codeFrequencies(rows()), 'extracts', { title: 'Study <1> — code frequencies' });
		expect(XMLValidator.validate(svg)).toBe(true);
		expect(svg).toContain('<title>Study &lt;1&gt; — code frequencies</title>');
		expect(svg).toContain('Boss &amp; &lt;colleagues&gt;');
		expect(svg.match(/<rect [^>]*fill="#2f5d62"/g)).toHaveLength(2);
		expect(svg).not.toMatch(/<script|href=/);
		expect(inlineSvg(svg).startsWith('<svg')).toBe(true);
	});

	it('the saturation chart marks the point only when it is reached', () => {
		const reached = saturationChartSvg(saturationCurve(rows(), { order: { kind: 'documents' }, run: 1 }), { title: 'Saturation' });
		expect(XMLValidator.validate(reached)).toBe(true);
		expect(reached).toContain('Saturation: interview 1 (P1), 2 codes');
		expect(reached.match(/stroke-dasharray/g)).toHaveLength(2); // the legend and the marker
		expect(reached).toMatch(/<polyline points="[^"]+"/);
		const not = saturationChartSvg(saturationCurve(rows(), { order: { kind: 'documents' }, run: 3 }), { title: 'Saturation' });
		expect(not).not.toContain('Saturation: interview');
		expect(not).toContain('<desc>Saturation point: the first interview after which 3 interviews in a row add no new code. Not reached');
	});
});
