// Markdown transcripts → plain transcript text. The markup goes, the words and the line
// structure stay: headings, emphasis, list and quote markers, links (their text is kept),
// inline code, tables (rows become lines), HTML tags and comments, front matter. So
// `**P03:** text` becomes the turn `P03: text`, and `[inaudible]` or `[name]` stay as written.

import { decodeEntities } from './captions';
import { isHeaderRow, rowToLine } from './rows';
import type { FormatText } from './types';

// Backslash escapes are swapped for private-use characters while the markup is removed, so an
// escaped `\*` is never taken for emphasis, and put back at the end.
const ESCAPABLE = /\\([!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~])/g;
const PUA = 0xe000;
const protect = (s: string) => s.replace(ESCAPABLE, (_, c: string) => String.fromCharCode(PUA + c.charCodeAt(0)));
const restore = (s: string) => s.replace(/[\ue000-\ue07f]/g, (c) => String.fromCharCode(c.charCodeAt(0) - PUA));

// Every span pattern stops at the next delimiter of its kind and is bounded, so hostile input
// such as a line of 100,000 "[" or "*a _b " costs linear time, not minutes of backtracking.
// (So a link text holds no brackets, a code span no backticks, and emphasis nests by passes.)
const LINK_TAIL = String.raw`\((?:[^()\s]|\([^()\n]{0,200}\)){0,2000}(?:[ \t]+"[^"\n]{0,200}")?\)`;
const IMAGE = new RegExp(String.raw`!\[([^[\]\n]{0,500})\]` + LINK_TAIL, 'g');
const LINK = new RegExp(String.raw`\[([^[\]\n]{1,500})\]` + LINK_TAIL, 'g');
const REF_LINK = /\[([^[\]\n]{1,500})\]\[[^[\]\n]{0,200}\]/g;
const CODE = /(`+)([^`\n]{1,2000})\1(?!`)/g;
const STAR_EMPHASIS = /(\*{1,3})(?=\S)([^*\n]{0,500}?\S)\1/g;
const TILDE_EMPHASIS = /~~(?=\S)([^~\n]{0,500}?\S)~~/g;
const UNDERSCORE_EMPHASIS = /(?<![\p{L}\p{N}_])(_{1,3})(?=\S)([^_\n]{0,500}?\S)\1(?![\p{L}\p{N}_])/gu;

function inline(s: string, count: Counts): string {
	let t = s;
	// Inline code first: its content is literal.
	const codes: string[] = [];
	t = t.replace(CODE, (_, _ticks, code: string) => {
		codes.push(code.trim());
		return `\ue100${codes.length - 1}\ue101`;
	});
	t = t.replace(IMAGE, (_, alt: string) => {
		count.links++;
		return alt;
	});
	t = t.replace(LINK, (_, text: string) => {
		count.links++;
		return text;
	});
	t = t.replace(REF_LINK, (_, text: string) => {
		count.links++;
		return text;
	});
	t = t.replace(/<((?:https?|mailto):[^>\s]+)>/gi, '$1');
	t = t.replace(/<br\s*\/?>/gi, ' ');
	t = t.replace(/<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/gi, () => {
		count.html++;
		return '';
	});
	const emphasis = (re: RegExp) => {
		for (let before = ''; before !== t; ) {
			before = t;
			t = t.replace(re, (...m: string[]) => {
				count.emphasis++;
				return re === TILDE_EMPHASIS ? m[1] : m[2];
			});
		}
	};
	emphasis(STAR_EMPHASIS);
	emphasis(TILDE_EMPHASIS);
	// Underscores only at word edges: snake_case_words stay as they are.
	emphasis(UNDERSCORE_EMPHASIS);
	t = t.replace(/\ue100(\d+)\ue101/g, (_, i: string) => codes[Number(i)]);
	return decodeEntities(t);
}

interface Counts {
	headings: number;
	lists: number;
	emphasis: number;
	links: number;
	tables: number;
	html: number;
}

/** Removes `<!-- … -->` in one pass (an unclosed comment is left as text). */
function withoutComments(s: string): string {
	let out = '';
	let from = 0;
	for (let open = s.indexOf('<!--'); open !== -1; open = s.indexOf('<!--', from)) {
		const close = s.indexOf('-->', open + 4);
		if (close === -1) break;
		out += s.slice(from, open);
		from = close + 3;
	}
	return out + s.slice(from);
}

export function markdownToText(source: string): { text: string; counts: Counts } {
	const count: Counts = { headings: 0, lists: 0, emphasis: 0, links: 0, tables: 0, html: 0 };
	let lines = source.split(/\r\n|\r|\n/);
	// YAML front matter at the very top.
	if (lines[0] === '---') {
		const close = lines.findIndex((l, i) => i > 0 && (l === '---' || l === '...'));
		if (close > 0) lines = lines.slice(close + 1);
	}
	// HTML comments, also over several lines.
	lines = withoutComments(lines.join('\n')).split('\n');
	const out: string[] = [];
	const blank = () => {
		if (out.length && out[out.length - 1] !== '') out.push('');
	};
	let fence: string | null = null;
	for (let i = 0; i < lines.length; i++) {
		const raw = lines[i];
		const fenceMark = /^ {0,3}(`{3,}|~{3,})/.exec(raw);
		if (fence !== null) {
			if (fenceMark && fenceMark[1][0] === fence[0] && fenceMark[1].length >= fence.length) fence = null;
			else out.push(raw.trimEnd());
			continue;
		}
		if (fenceMark) {
			fence = fenceMark[1];
			continue;
		}
		let line = protect(raw);
		// Block quotes and list markers (any depth), task boxes.
		line = line.replace(/^(?: {0,3}>[ \t]?)+/, '');
		const list = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/.exec(line);
		if (list && !/^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(line)) {
			count.lists++;
			line = line.slice(list[0].length);
		}
		// Thematic breaks and setext underlines.
		if (/^ {0,3}([-*_=])(?:[ \t]*\1){2,}[ \t]*$/.test(line) || (/^ {0,3}=+[ \t]*$/.test(line) && out.length && out[out.length - 1] !== '')) {
			if (/^ {0,3}[=-]/.test(line) && out.length && out[out.length - 1] !== '') count.headings++;
			blank();
			continue;
		}
		// Reference link definitions.
		if (/^ {0,3}\[[^\]]+\]:[ \t]*\S+/.test(line)) continue;
		const heading = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
		if (heading) {
			count.headings++;
			blank();
			out.push(restore(inline(heading[1] ?? '', count)).trim());
			out.push('');
			continue;
		}
		if (/^[ \t]*\|.*\|[ \t]*$/.test(line)) {
			if (/^[ \t]*\|(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*$/.test(line)) continue;
			const cells = line.trim().slice(1, -1).split('|').map((c) => restore(inline(c, count)).trim());
			if (isHeaderRow(cells)) continue;
			count.tables++;
			out.push(rowToLine(cells));
			continue;
		}
		// Hard line breaks (two spaces or a backslash at the end) are only layout.
		line = line.trimEnd();
		if (line.endsWith('\\')) line = line.slice(0, -1).trimEnd();
		if (line.trim() === '') {
			blank();
			continue;
		}
		out.push(restore(inline(line, count)));
	}
	while (out.length && out[out.length - 1] === '') out.pop();
	while (out.length && out[0] === '') out.shift();
	return { text: out.length ? out.join('\n') + '\n' : '', counts: count };
}

export function readMarkdown(source: string): FormatText {
	const { text, counts } = markdownToText(source);
	if (text.trim() === '') return { ok: false, message: 'the Markdown file holds no text once its markup is removed.' };
	const did: string[] = [];
	const n = (k: number, one: string, many: string) => k && did.push(`${k} ${k === 1 ? one : many}`);
	n(counts.headings, 'heading', 'headings');
	n(counts.lists, 'list marker', 'list markers');
	n(counts.emphasis, 'emphasis', 'emphases');
	n(counts.links, 'link', 'links');
	n(counts.tables, 'table row', 'table rows');
	n(counts.html, 'HTML tag', 'HTML tags');
	return {
		ok: true,
		text,
		labels: [],
		note: did.length ? `Markdown: markup removed (${did.join(', ')})` : 'Markdown: no markup to remove'
	};
}
