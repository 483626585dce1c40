// Caption files (WebVTT, SubRip) → Tema's transcript text. Captions come in short cues, so
// consecutive cues of one speaker are merged into one speaker turn that keeps the start time
// of its first cue, and each turn is written as the .txt form `[hh:mm:ss] Speaker: text`
// (one paragraph per turn, a blank line between, one line break at the end). The same
// interview as .txt, .vtt or .srt then goes through the same parseTurns.

import { parseTurns } from '../../domain/turns';

/** One stretch of caption text with its speaker (null when the cue names none). */
export interface CaptionSegment {
	/** Seconds from the start of the recording. */
	start: number;
	end: number;
	speaker: string | null;
	text: string;
}

export interface CaptionTranscript {
	text: string;
	/** Speaker names parseTurns does not know by itself (`Anna Berg`), to pass as extra labels. */
	labels: string[];
	turns: number;
	/** Turns or paragraphs without a speaker name. */
	unnamed: number;
}

/** A pause this long between cues without speaker names starts a new paragraph. */
const PARAGRAPH_PAUSE_S = 2;

/** The lines of a text with any line ends (a plain split when there is no CR: much faster). */
export function linesOf(text: string): string[] {
	return text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
}

/** "hh:mm:ss" of a time in seconds, rounded down to the second (as transcripts write it). */
export function clockOf(seconds: number): string {
	const s = Math.max(0, Math.floor(seconds + 1e-6));
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/**
 * A cue time: `[hh:]mm:ss.ttt` (WebVTT) or `hh:mm:ss,ttt` (SubRip); null if it is not one.
 * Read character by character: a 90-minute file has a thousand cues, a batch a hundred files.
 */
export function parseCueTime(s: string): number | null {
	const fields: number[] = [];
	let value = 0;
	let digits = 0;
	let fraction = -1;
	let fractionDigits = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c >= 48 && c <= 57) {
			if (fraction >= 0) {
				if (++fractionDigits > 3) return null;
				fraction = fraction * 10 + (c - 48);
			} else {
				value = value * 10 + (c - 48);
				digits++;
			}
		} else if (c === 58 /* : */ && fraction < 0) {
			if (digits === 0 || digits > 3) return null;
			fields.push(value);
			value = 0;
			digits = 0;
		} else if ((c === 46 || c === 44) /* . , */ && fraction < 0) {
			fraction = 0;
		} else return null;
	}
	if (digits !== 2 || fields.length < 1 || fields.length > 2 || (fraction >= 0 && fractionDigits === 0)) return null;
	const [h, min] = fields.length === 2 ? fields : [0, fields[0]];
	if (min > 59 || value > 59 || (fields.length === 1 && min > 99)) return null;
	const ms = fraction < 0 ? 0 : fraction * 10 ** (3 - fractionDigits);
	return h * 3600 + min * 60 + value + ms / 1000;
}

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: '\u00a0',
	lrm: '\u200e',
	rlm: '\u200f',
	ndash: '–',
	mdash: '—',
	hellip: '…',
	lsquo: '‘',
	rsquo: '’',
	ldquo: '“',
	rdquo: '”'
};

/** Decodes the character references caption and Markdown files use; unknown ones stay as written. */
export function decodeEntities(s: string): string {
	if (!s.includes('&')) return s;
	return s.replace(/&(#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, (all, ref: string) => {
		if (ref[0] === '#') {
			const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
			return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : all;
		}
		return ENTITIES[ref.toLowerCase()] ?? all;
	});
}

/** A speaker name as it can stand before a colon on one line. */
export function cleanSpeaker(name: string): string {
	return name.replace(/[:\r\n\t]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60);
}

/** Collapses the whitespace of caption text (line breaks inside a cue are only layout); a no-break space is kept. */
export function squash(s: string): string {
	const t = /[\t\r\n\f\v]| {2}/.test(s) ? s.replace(/[ \t\r\n\f\v]+/g, ' ') : s;
	let a = 0;
	let b = t.length;
	while (a < b && t.charCodeAt(a) === 32) a++;
	while (b > a && t.charCodeAt(b - 1) === 32) b--;
	return a === 0 && b === t.length ? t : t.slice(a, b);
}

// "Name: text" at the start of a cue line. A name is 1–4 words, each capitalised or a number
// (particles such as "van" or "de" allowed), or any label parseTurns knows (`I`, `P03`, `INT`).
const PREFIX = /^([^\s:][^:]{0,59}?)[ \t]*:[ \t]+(?=\S)/;
/** A line that may start with a speaker label (checked over the whole file later). */
export const LABEL_START = /^[^\s:][^:]{0,59}?[ \t]*:[ \t]+\S/;
const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'da', 'di', 'du', 'la', 'le', 'bin', 'al', 'el', 'af', 'of']);

function knownLabel(prefix: string): boolean {
	const t = parseTurns(`${prefix}: x`);
	return t.length === 1 && t[0].start === 0 && t[0].speaker === prefix;
}

function nameLike(prefix: string): boolean {
	const words = prefix.split(/[ \t]+/);
	if (words.length > 4 || /[?!,;"“”…]/.test(prefix) || /^\d+$/.test(prefix)) return false;
	return words.every((w, i) => /^[\p{Lu}\p{N}]/u.test(w) || (i > 0 && PARTICLES.has(w.toLowerCase())));
}

/**
 * Gives segments without a speaker the one their text starts with (`Interviewer: …`,
 * `Anna Berg: …`), stripping the label. A name parseTurns does not know must begin at least
 * two cues, so "Note: …" once in a file is never taken for a speaker.
 */
export function speakersFromText(segments: CaptionSegment[]): CaptionSegment[] {
	const counts = new Map<string, number>();
	for (const s of segments) {
		if (s.speaker !== null) continue;
		const m = PREFIX.exec(s.text);
		if (m) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
	}
	const accepted = new Set(
		[...counts].filter(([p, n]) => knownLabel(p) || (n >= 2 && nameLike(p))).map(([p]) => p)
	);
	if (accepted.size === 0) return segments;
	return segments.map((s) => {
		if (s.speaker !== null) return s;
		const m = PREFIX.exec(s.text);
		return m && accepted.has(m[1]) ? { ...s, speaker: m[1], text: s.text.slice(m[0].length) } : s;
	});
}

/**
 * Merges caption segments into speaker turns and writes them as transcript text. A segment
 * without a speaker continues the turn before it (services often name only the speaker who
 * starts talking); before any speaker, such segments form paragraphs split at pauses.
 */
export function captionsToTranscript(segments: CaptionSegment[]): CaptionTranscript {
	interface Block {
		start: number;
		end: number;
		speaker: string | null;
		parts: string[];
	}
	const blocks: Block[] = [];
	let current: Block | null = null;
	for (const seg of segments) {
		const text = squash(seg.text);
		if (!text) continue;
		const speaker = seg.speaker === null ? null : cleanSpeaker(seg.speaker) || null;
		const continues =
			current !== null &&
			(speaker === null
				? current.speaker !== null || seg.start - current.end < PARAGRAPH_PAUSE_S
				: speaker === current.speaker);
		if (continues && current) {
			current.parts.push(text);
			current.end = Math.max(current.end, seg.end);
		} else {
			current = { start: seg.start, end: seg.end, speaker, parts: [text] };
			blocks.push(current);
		}
	}
	const labels = new Set<string>();
	const known = new Map<string, boolean>();
	const lines = blocks.map((b) => {
		const body = b.parts.join(' ');
		if (b.speaker === null) return `[${clockOf(b.start)}] ${body}`;
		if (!known.has(b.speaker)) known.set(b.speaker, knownLabel(b.speaker));
		if (!known.get(b.speaker)) labels.add(b.speaker);
		return `[${clockOf(b.start)}] ${b.speaker}: ${body}`;
	});
	return {
		text: lines.length ? lines.join('\n\n') + '\n' : '',
		labels: [...labels],
		turns: blocks.filter((b) => b.speaker !== null).length,
		unnamed: blocks.filter((b) => b.speaker === null).length
	};
}
