// SubRip subtitles (.srt) → transcript text. Blocks are a number, a time line
// `00:00:01,000 --> 00:00:04,000` and text lines; a line starting `Speaker: ` names who
// speaks. Formatting tags (<i>, <b>, <font …>) and ASS positioning codes ({\an8}) are removed.
// Lenient where real files are sloppy: the number may be missing, the decimal sign may be a
// dot, and text after a stray blank line joins the cue before it.

import { captionsToTranscript, decodeEntities, LABEL_START, linesOf, parseCueTime, speakersFromText, type CaptionSegment } from './captions';
import type { FormatText } from './types';
import { captionNote } from './vtt';

const TIMING = /^(\d{1,3}:\d{1,2}:\d{2}(?:[.,]\d{1,3})?)[ \t]*-->[ \t]*(\d{1,3}:\d{1,2}:\d{2}(?:[.,]\d{1,3})?)/;
const TAGS = /<\/?(?:i|b|u|s|em|strong|font|span)(?:[ \t][^<>]{0,200})?>|\{\\[^{}\n]{0,200}\}/gi;

export function parseSrt(text: string): { segments: CaptionSegment[]; cues: number; skipped: number } {
	const lines = linesOf(text);
	const segments: CaptionSegment[] = [];
	let cues = 0;
	let skipped = 0;
	let last: { start: number; end: number; lines: string[] } | null = null;
	const flush = () => {
		if (last) segments.push(...cueSegments(last.lines, last.start, last.end));
		last = null;
	};
	let i = 0;
	while (i < lines.length) {
		while (i < lines.length && lines[i].trim() === '') i++;
		const block: string[] = [];
		while (i < lines.length && lines[i].trim() !== '') block.push(lines[i++]);
		if (block.length === 0) break;
		const t = TIMING.test(block[0].trim()) ? 0 : block.length > 1 && TIMING.test(block[1].trim()) ? 1 : -1;
		if (t < 0) {
			// Text after a blank line inside a cue: keep it with that cue rather than lose words.
			if (last && !/^\d+$/.test(block[0].trim())) (last as { lines: string[] }).lines.push(...block);
			else skipped++;
			continue;
		}
		const m = TIMING.exec(block[t].trim())!;
		const start = parseCueTime(m[1]);
		const end = parseCueTime(m[2]);
		if (start === null || end === null) {
			skipped++;
			continue;
		}
		flush();
		cues++;
		last = { start, end, lines: block.slice(t + 1) };
	}
	flush();
	return { segments: speakersFromText(segments), cues, skipped };
}

/** A cue's lines; a line that starts with a speaker label starts a new segment (two speakers in one cue). */
function cueSegments(lines: string[], start: number, end: number): CaptionSegment[] {
	const clean = lines.map((l) => decodeEntities(l.replace(TAGS, '')).trim()).filter(Boolean);
	if (clean.length === 0) return [];
	// Labels are found later over the whole file (speakersFromText); here each line that could
	// carry one stays a segment of its own, and the others join the line before.
	const out: CaptionSegment[] = [];
	for (const line of clean) {
		const prev = out[out.length - 1];
		if (prev && !LABEL_START.test(line)) prev.text += ' ' + line;
		else out.push({ start, end, speaker: null, text: line });
	}
	return out;
}

export function readSrt(text: string): FormatText {
	const parsed = parseSrt(text);
	if (parsed.cues === 0) {
		return {
			ok: false,
			message: 'no subtitles found: an .srt file is numbered cues, each with a time line such as “00:00:01,000 --> 00:00:04,000” and its text.'
		};
	}
	if (parsed.segments.length === 0) return { ok: false, message: 'the subtitles hold no text.' };
	const t = captionsToTranscript(parsed.segments);
	return { ok: true, text: t.text, labels: t.labels, note: captionNote('SubRip', parsed.cues, t, parsed.skipped) };
}
