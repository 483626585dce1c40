// Finds speaker turns in a transcript so coding can be limited to participant speech and each
// document linked to its participant. A turn is a line `[timestamp ]LABEL: text`. A line without
// a label directly after a turn line (no blank line between) continues that turn; a paragraph
// after a blank line without a label (title, `[End of recording]`) belongs to no turn.
// Caption files name speakers freely (`<v Anna Berg>`): such names can be passed as extra
// labels, accepted only exactly as given, so plain text never takes "Note:" for a speaker.

import type { SpeakerRole, Turn } from './types';

// Timestamps: [h:mm:ss] [hh:mm:ss] [mm:ss] or the same in parentheses; a fraction is ignored.
const STAMP = String.raw`(?:\[(\d{1,2}(?::\d{2}){1,2})(?:[.,]\d{1,3})?\]|\((\d{1,2}(?::\d{2}){1,2})(?:[.,]\d{1,3})?\))`;
const INTERVIEWER = String.raw`interviewer(?: ?\d{1,2})?|int|i|q|moderator(?: ?\d{1,2})?|facilitator(?: ?\d{1,2})?`;
const PARTICIPANT = String.raw`(?:participant|informant|respondent) ?\d{1,4}|respondent|interviewee|r|a|ip ?\d{1,4}|p ?\d{1,4}`;
// An optional name in parentheses after the role, e.g. "Interviewer (Anna):", is part of the label.
const turnRe = (labels: string) =>
	new RegExp(String.raw`^([ \t]*)(?:${STAMP}[ \t]*)?((?:${labels})(?:[ \t]*\([^()\r\n:]{1,40}\))?)[ \t]*:`, 'i');
const TURN_RE = turnRe(`${INTERVIEWER}|${PARTICIPANT}`);
const INTERVIEWER_RE = new RegExp(String.raw`^(?:${INTERVIEWER})(?:[ \t]*\(|$)`, 'i');
/** A line that is only a bracketed note, e.g. "[inaudible]" or "(Recording stopped)". */
const NOTE_RE = /^[ \t]*(?:\[[^\]\r\n]*\]|\([^)\r\n]*\))[ \t]*$/;

/**
 * The speaker turns of a text, in order. Offsets are UTF-16 indices. `end` is the offset of
 * the line break that ends the turn's last line (the `\r` of CRLF), or the end of the text.
 * Bracketed note lines at the end of a turn's paragraph are left out of the turn, so a trailer
 * written without a blank line before it does not become participant speech.
 */
export function parseTurns(text: string, extraLabels: readonly string[] = []): Turn[] {
	const re = extraLabels.length ? labelsRe(extraLabels) : TURN_RE;
	const turns: Turn[] = [];
	let open: Turn | null = null;
	const breaks = /\r\n?|\n/g;
	let pos = 0;
	for (;;) {
		const m = breaks.exec(text);
		const lineEnd = m ? m.index : text.length;
		const line = text.slice(pos, lineEnd);
		const turn = matchTurn(re, line, pos, lineEnd);
		if (turn) {
			turns.push(turn);
			open = turn;
		} else if (line.trim() === '') {
			open = null;
		} else if (open && !NOTE_RE.test(line)) {
			open.end = lineEnd;
		}
		if (!m) break;
		pos = m.index + m[0].length;
	}
	return turns;
}

/** The turn pattern with extra exact labels tried first (longest first, so "Ann Lee" beats "Ann"). */
function labelsRe(extra: readonly string[]): RegExp {
	const names = [...new Set(extra.map((l) => l.trim()).filter((l) => l && !/[:\r\n]/.test(l)))]
		.sort((a, b) => b.length - a.length)
		.map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ \\t]'));
	return names.length ? turnRe(`${names.join('|')}|${INTERVIEWER}|${PARTICIPANT}`) : TURN_RE;
}

function matchTurn(re: RegExp, line: string, lineStart: number, lineEnd: number): Turn | null {
	const m = re.exec(line);
	if (!m) return null;
	const speaker = m[4];
	// "A:" or "I:" glued to the next word ("A:B") is more likely text than a label.
	const after = line.charAt(m[0].length);
	if (speaker.length === 1 && after !== '' && after !== ' ' && after !== '\t') return null;
	let textStart = m[0].length;
	while (line.charAt(textStart) === ' ' || line.charAt(textStart) === '\t') textStart++;
	const stamp = m[2] ?? m[3];
	const turn: Turn = {
		speaker,
		role: roleOf(speaker),
		start: lineStart + m[1].length,
		end: lineEnd,
		textStart: lineStart + textStart
	};
	if (stamp) turn.timestamp = normaliseTimestamp(stamp);
	return turn;
}

function roleOf(label: string): SpeakerRole {
	return INTERVIEWER_RE.test(label) ? 'interviewer' : 'participant';
}

/** "1:02:03" → "01:02:03", "12:31" (mm:ss) → "00:12:31". */
function normaliseTimestamp(stamp: string): string {
	const parts = stamp.split(':');
	if (parts.length === 2) parts.unshift('0');
	return parts.map((p) => p.padStart(2, '0')).join(':');
}

/**
 * A participant id ("P07") from a label that carries a number: `P7`, `P07`, `Participant 3`,
 * `Informant 3`, `IP3`, `Respondent 3` (any case, a trailing "(name)" ignored). Zero-padded to
 * two digits (three from 100); wider padding as written is kept, so `P007` stays `P007` in a
 * study numbered P001…P100. Role-only labels (`R`, `A`, `Respondent`, interviewer) give null.
 */
export function normaliseParticipantId(label: string): string | null {
	const bare = label.trim().replace(/[ \t]*\([^()]*\)$/, '');
	const m = /^(?:participant|informant|respondent|ip|p)[ _-]?(\d{1,4})$/i.exec(bare);
	return m ? formatId(m[1]) : null;
}

function formatId(digits: string): string {
	const n = Number(digits);
	const width = Math.max(n >= 100 ? 3 : 2, digits.length);
	return 'P' + String(n).padStart(width, '0');
}

/**
 * The participant a transcript belongs to: the one id its participant labels carry, else an
 * id in the file name (`P07.txt`, `interview_p7_final.txt`, `Participant 12.docx`), else null.
 * Labels naming several participants (a group interview) fall back to the file name too.
 */
export function detectParticipant(turns: Turn[], fileName?: string): string | null {
	const ids = new Set<string>();
	for (const t of turns) {
		if (t.role !== 'participant') continue;
		const id = normaliseParticipantId(t.speaker);
		if (id) ids.add(id);
	}
	if (ids.size === 1) return [...ids][0];
	return fileName ? participantFromFileName(fileName) : null;
}

function participantFromFileName(fileName: string): string | null {
	const base = fileName.split(/[\\/]/).pop() ?? '';
	const stem = base.replace(/\.[a-z0-9]{1,5}$/i, '');
	// The prefix must not follow a letter, so "step2" or "mp3" never count; "_p7" and " P07" do.
	const m = /(?:^|[^a-z])(?:participant|informant|respondent|ip|p)[ _-]?(\d{1,4})(?!\d)/i.exec(stem);
	return m ? formatId(m[1]) : null;
}
