// WebVTT captions (Zoom, Teams, transcription services) → transcript text. Follows the parts
// of the W3C WebVTT format that carry words: the `WEBVTT` header is required; NOTE, STYLE and
// REGION blocks are skipped; cue identifiers and cue settings are ignored; `<v Speaker>` voice
// spans name the speaker (Teams), or a cue starts with `Speaker: ` (Zoom); every other tag
// (<c.x>, <i>, <b>, <u>, <lang>, <ruby>, inline times) is removed and entities are decoded.

import { captionsToTranscript, decodeEntities, LABEL_START, linesOf, parseCueTime, speakersFromText, type CaptionSegment } from './captions';
import type { FormatText } from './types';

const HEADER = /^WEBVTT(?:[ \t].*)?$/;
const TIMING = /^(\S+)[ \t]+-->[ \t]+(\S+)/;
// Bounded and stopping at the next "<", so a line of 100,000 "<v " is read in linear time.
const VOICE = /<v(?:\.[^\s<>]{0,100})?(?:[ \t]+([^<>]{0,200}))?>/g;
const TAG = /<[^<>]{0,500}>/g;
const blank = (line: string) => line.length === 0 || line.trim() === '';

/** The cue segments of a WebVTT text, or why there are none. */
export function parseVtt(text: string): { ok: true; segments: CaptionSegment[]; cues: number; skipped: number; notes: number } | { ok: false; message: string } {
	const lines = linesOf(text);
	if (!HEADER.test(lines[0] ?? '')) {
		const srtLike = /^\d+[ \t]*$/m.test(text) && /\d:\d\d,\d{1,3}[ \t]+-->/.test(text);
		return {
			ok: false,
			message: srtLike
				? 'this is not a WebVTT file: the first line must be “WEBVTT”, and the cues look like SubRip. Rename the file to .srt and import it again.'
				: 'this is not a WebVTT file: its first line must be “WEBVTT”. Export the captions again from the recording tool.'
		};
	}
	const segments: CaptionSegment[] = [];
	let cues = 0;
	let skipped = 0;
	let notes = 0;
	let i = 1;
	// The header block runs to the first blank line.
	while (i < lines.length && !blank(lines[i])) i++;
	while (i < lines.length) {
		while (i < lines.length && blank(lines[i])) i++;
		const block: string[] = [];
		while (i < lines.length && !blank(lines[i])) block.push(lines[i++]);
		if (block.length === 0) break;
		if (/^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/.test(block[0])) {
			notes++;
			continue;
		}
		const t = block[0].includes('-->') ? 0 : block.length > 1 && block[1].includes('-->') ? 1 : -1;
		const m = t >= 0 ? TIMING.exec(block[t].trim()) : null;
		const start = m ? parseCueTime(m[1]) : null;
		const end = m ? parseCueTime(m[2]) : null;
		if (start === null || end === null) {
			skipped++;
			continue;
		}
		cues++;
		segments.push(...cueSegments(block.slice(t + 1), start, end));
	}
	return { ok: true, segments: speakersFromText(segments), cues, skipped, notes };
}

/** A cue payload's text by speaker: a `<v Name>` span runs to `</v>` or the end of the cue. */
function cueSegments(payload: string[], start: number, end: number): CaptionSegment[] {
	const out: CaptionSegment[] = [];
	let speaker: string | null = null;
	let parts: string[] = [];
	const flush = () => {
		const joined = parts.length === 1 ? parts[0] : parts.join(' ');
		const text = decodeEntities(joined.includes('<') ? joined.replace(TAG, '') : joined);
		if (text.trim()) out.push({ start, end, speaker, text });
		parts = [];
	};
	for (const line of payload) {
		// Without a voice span, a line that starts "Name: " may be a new speaker (Zoom).
		if (speaker === null && !line.startsWith('<v') && LABEL_START.test(decodeEntities(line.replace(TAG, '')).trim())) flush();
		let pos = 0;
		VOICE.lastIndex = 0;
		for (let m = VOICE.exec(line); m; m = VOICE.exec(line)) {
			parts.push(line.slice(pos, m.index));
			flush();
			speaker = decodeEntities(m[1] ?? '').trim() || null;
			pos = m.index + m[0].length;
		}
		const rest = line.slice(pos);
		const close = rest.indexOf('</v>');
		if (close >= 0) {
			parts.push(rest.slice(0, close));
			flush();
			speaker = null;
			parts.push(rest.slice(close + 4));
		} else parts.push(rest);
	}
	flush();
	return out;
}

export function readVtt(text: string): FormatText {
	const parsed = parseVtt(text);
	if (!parsed.ok) return parsed;
	if (parsed.segments.length === 0) {
		return { ok: false, message: 'the WebVTT file holds no captions (no cue with a time line such as “00:00:01.000 --> 00:00:04.000” and text).' };
	}
	const t = captionsToTranscript(parsed.segments);
	return { ok: true, text: t.text, labels: t.labels, note: captionNote('WebVTT', parsed.cues, t, parsed.skipped) };
}

export function captionNote(
	kind: string,
	cues: number,
	t: { turns: number; unnamed: number },
	skipped: number
): string {
	const parts = [`${kind}: ${cues} caption${cues === 1 ? '' : 's'} merged into ${t.turns} speaker turn${t.turns === 1 ? '' : 's'} with their start times`];
	if (t.unnamed) parts.push(`${t.unnamed} paragraph${t.unnamed === 1 ? '' : 's'} without a speaker name`);
	if (skipped) parts.push(`${skipped} block${skipped === 1 ? '' : 's'} without a valid time line skipped`);
	return parts.join('; ');
}
