// Test and benchmark material for the REFI-QDA reader: small .qdpx archives put together from
// a project.qde text and source files, and a large synthetic project (100 transcripts ×
// 15,000 words, 60,000 codings) written independently of Tema's own writer, so the reader is
// measured and tested against files it did not produce.

import { zipSync, strToU8 } from 'fflate';
import { mulberry32 } from '../../domain/random';

/** A .qdpx archive holding `project.qde` (or another name) and the given files. */
export function buildQdpx(qde: string, files: Record<string, string | Uint8Array> = {}, qdeName = 'project.qde'): Uint8Array {
	const entries: Record<string, Uint8Array> = { [qdeName]: strToU8(qde) };
	for (const [name, body] of Object.entries(files)) entries[name] = typeof body === 'string' ? strToU8(body) : body;
	return zipSync(entries, { level: 1 });
}

/** A GUID made from a number, readable in test failures: 00000000-0000-4000-8000-000000000012. */
export function guid(n: number, kind = 0): string {
	return `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A project.qde around the given inner XML (Users, CodeBook, Sources, … in schema order). */
export function qdeOf(inner: string, attrs: Record<string, string> = {}): string {
	const a = Object.entries({ name: 'Test project', origin: 'Test 1.0', ...attrs })
		.map(([k, v]) => ` ${k}="${esc(v)}"`)
		.join('');
	return `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0"${a}>${inner}</Project>`;
}

export interface SyntheticOptions {
	docs: number;
	wordsPerDoc: number;
	codings: number;
	codes?: number;
	coders?: number;
	seed?: number;
}

const WORDS =
	'work back return manager colleague anxious therapy sessions week day felt really quite tired sleep routine plan phased hours support team meeting talk told said know think maybe sometimes always never better worse first time again after before home office job money family partner children doctor'.split(
		' '
	);

/**
 * A synthetic project: interview transcripts (Interviewer/P01 turns, CRLF line ends, an emoji
 * now and then) with codings at word boundaries, positions in code points as the standard
 * says. Returns the archive and what it holds, for checks.
 */
export function syntheticQdpx(o: SyntheticOptions): { bytes: Uint8Array; texts: string[]; codings: number; selections: { doc: number; start: number; end: number }[] } {
	const rand = mulberry32(o.seed ?? 7);
	const codes = o.codes ?? 40;
	const coders = o.coders ?? 3;
	const texts: string[] = [];
	const files: Record<string, string> = {};
	const perDoc = Math.floor(o.codings / o.docs);
	const sel: { doc: number; start: number; end: number }[] = [];
	let sources = '';
	let id = 1;
	for (let d = 0; d < o.docs; d++) {
		const parts: string[] = [];
		// Word starts in code points, for placing codings on word boundaries.
		const starts: number[] = [];
		let cp = 0;
		let words = 0;
		let turn = 0;
		while (words < o.wordsPerDoc) {
			const label = turn++ % 2 === 0 ? 'Interviewer: ' : `P${String((d % 99) + 1).padStart(2, '0')}: `;
			parts.push(label);
			cp += label.length;
			const n = 20 + Math.floor(rand() * 60);
			for (let i = 0; i < n && words < o.wordsPerDoc; i++, words++) {
				const w = WORDS[Math.floor(rand() * WORDS.length)];
				starts.push(cp);
				parts.push(w);
				cp += w.length;
				const gap = rand() < 0.01 ? ' 😊 ' : ' ';
				parts.push(gap);
				cp += [...gap].length;
			}
			parts.push('\r\n');
			cp += 2;
		}
		const text = parts.join('');
		texts.push(text);
		const g = guid(d + 1, 1);
		files[`sources/${g}.txt`] = text;
		let sels = '';
		const step = Math.max(1, Math.floor(starts.length / (perDoc + 1)));
		for (let k = 0; k < perDoc; k++) {
			const w = Math.min(starts.length - 5, k * step + Math.floor(rand() * step));
			const len = 3 + Math.floor(rand() * 20);
			const start = starts[w];
			const endWord = Math.min(starts.length - 1, w + len);
			const end = starts[endWord] - 1;
			sel.push({ doc: d, start, end });
			const user = guid(1 + Math.floor(rand() * coders), 9);
			sels += `<PlainTextSelection guid="${guid(id++, 3)}" startPosition="${start}" endPosition="${end}" creatingUser="${user}"><Coding guid="${guid(id++, 4)}" creatingUser="${user}"><CodeRef targetGUID="${guid(1 + Math.floor(rand() * codes), 2)}"/></Coding></PlainTextSelection>`;
		}
		sources += `<TextSource guid="${g}" name="Interview ${d + 1}" plainTextPath="internal://${g}.txt">${sels}</TextSource>`;
	}
	let users = '';
	for (let u = 1; u <= coders; u++) users += `<User guid="${guid(u, 9)}" name="Coder ${u}"/>`;
	let codebook = '';
	for (let c = 1; c <= codes; c++) codebook += `<Code guid="${guid(c, 2)}" name="Code ${c}" isCodable="true" color="#${(0x808080 + c * 1117).toString(16).slice(-6)}"/>`;
	const qde = qdeOf(`<Users>${users}</Users><CodeBook><Codes>${codebook}</Codes></CodeBook><Sources>${sources}</Sources>`, { origin: 'Synthetic 1.0' });
	return { bytes: buildQdpx(qde, files), texts, codings: sel.length, selections: sel };
}
