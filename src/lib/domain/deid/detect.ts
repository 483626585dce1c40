// Finds identifying details in Norwegian and English interview transcripts. Two kinds of
// evidence: patterns that validate themselves (e-mail syntax, ID numbers with check digits,
// phone number shapes, dates next to "born"/"født", street names with house numbers), and
// capitalised words read in context — name and place lists, "my manager, Kari", "works at X
// AS", "in Tromsø" — with sentence starts, speaker labels, [placeholders], years, clock
// times, percentages and case numbers kept out. Each finding carries a confidence and a
// reason. Overlapping candidates are resolved by confidence, then length; a name or place
// found with good evidence is then found again wherever else it occurs (corpus-wide in
// detectCorpus), so a later "Olsen" or a sentence-initial "Kristin" is not missed.

import { parseTurns } from '../turns';
import type { Turn } from '../types';
import { isDanishId, isFinnishId, isNhsNumber, isNorwegianId, isSwedishId, isUkNino } from './ids';
import {
	ADDRESS_CONTEXT,
	AFTER_PERSON,
	BIRTH_CONTEXT,
	ENGLISH_STREET_TYPES,
	HONORIFICS,
	ID_CONTEXT,
	INSTITUTION_NOUNS,
	MONTHS,
	NOT_IDENTIFYING,
	NOT_PHONE_CONTEXT,
	ORG_HEADS,
	ORG_SUFFIXES,
	PERSON_CONTEXT,
	PHONE_CONTEXT,
	PLACE_BEFORE,
	STREET_SUFFIX,
	WORK_CONTEXT
} from './lexicon';
import { AMBIGUOUS_NAMES, FIRST_NAMES, SURNAMES } from './names';
import { AMBIGUOUS_PLACES, PLACE_PHRASES, PLACES } from './places';
import type { DeidCategory, Detection, Finding } from './types';

export interface DetectOptions {
	/** The text's speaker turns (parsed when absent): their labels are never findings. */
	turns?: readonly Turn[];
	/**
	 * Details already found with good evidence elsewhere (other transcripts): found again here
	 * wherever they occur as whole words.
	 */
	known?: ReadonlyMap<string, DeidCategory>;
	/** Leave out findings below this confidence (default 0: report everything). */
	minConfidence?: number;
}

interface Token {
	start: number;
	end: number;
	text: string;
	lower: string;
	/** Starts with a capital letter followed by a small one (or is one capital letter). */
	cap: boolean;
	/** Two or more capitals and no small letters ("NAV", "IKEA"). */
	allCaps: boolean;
	/** First word of a sentence, a turn or a line. */
	sentStart: boolean;
	/** The token is "&" (inside "Moe & Sønner AS"). */
	amp: boolean;
}

type Candidate = Detection;

const TOKEN_RE = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’-][\p{L}\p{N}\p{M}]+)*|&/gu;
const UPPER = /^\p{Lu}/u;
const LOWER_AFTER = /^\p{Lu}[\p{Ll}\p{M}]/u;
const ALL_CAPS = /^\p{Lu}[\p{Lu}\p{N}]+$/u;
const ABBREVIATIONS = new Set(['dr', 'mr', 'mrs', 'ms', 'st', 'prof', 'ca', 'nr', 'f', 'jf', 'bl', 'dvs', 'mv', 'osv', 'etc', 'vs', 'no', 'tlf']);
const NAME_PARTICLES = new Set(['van', 'von', 'de', 'af', 'av', 'der', 'den', 'la', 'le', 'mac', 'di', 'da']);
const MONTH_NAMES = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');

/** "I'm a sales representative, at X", "jeg er sykepleier på X": a job title, then where. */
const JOB_TITLE_BEFORE = /\b(?:I'm|I’m|I am|I was|I've been|I’ve been|she's|he's|she is|he is|jeg er|jeg var|jeg har vært|hun er|han er)\s+(?:a|an|the|en|ei|et)?\s*[\p{L} -]{2,40},?\s*$/iu;

/** Heads of English organisation names, which take capitalised words after "for" ("Department for Education"). */
const ENGLISH_ORG_HEADS = new Set(['university', 'hospital', 'trust', 'council', 'ministry', 'department', 'bank']);

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

/** The identifying details in one text, in text order, non-overlapping. */
export function detectIdentifiers(text: string, opts: DetectOptions = {}): Detection[] {
	const turns = opts.turns ?? parseTurns(text);
	const excluded = excludedMask(text, turns);
	const tokens = tokenize(text, turns);
	const found: Candidate[] = [];
	const add = (start: number, end: number, category: DeidCategory, confidence: number, reason: string) => {
		if (end <= start) return;
		for (let i = start; i < end; i++) if (excluded[i]) return;
		found.push({ start, end, category, text: text.slice(start, end), confidence: clamp01(confidence), reason });
	};
	findEmails(text, add);
	findIds(text, add);
	findPhones(text, add);
	findDates(text, add);
	findAddresses(text, tokens, add);
	findWorkplaces(text, tokens, add);
	findNames(text, tokens, add);
	findPlaces(text, tokens, add);
	let chosen = resolve(found);
	chosen = propagate(text, chosen, excluded, opts.known);
	const min = opts.minConfidence ?? 0;
	return chosen.filter((d) => d.confidence >= min);
}

/**
 * Every document of a corpus: each detected on its own, then details found with good evidence
 * in any document (a full name, a workplace with its legal form) are looked for in all of them.
 */
export function detectCorpus(
	docs: readonly { doc: string; text: string; turns?: readonly Turn[] }[],
	opts: Omit<DetectOptions, 'turns' | 'known'> = {}
): Finding[] {
	const turns = docs.map((d) => d.turns ?? parseTurns(d.text));
	const first = docs.map((d, i) => detectIdentifiers(d.text, { turns: turns[i] }));
	const known = knownFrom(first);
	const out: Finding[] = [];
	docs.forEach((d, i) => {
		for (const x of spreadKnown(d.text, first[i], known, turns[i])) if (x.confidence >= (opts.minConfidence ?? 0)) out.push({ doc: d.doc, ...x });
	});
	return out;
}

/** The details worth looking for in other documents: those found with good evidence. */
export function knownFrom(lists: readonly (readonly Detection[])[]): Map<string, DeidCategory> {
	const known = new Map<string, DeidCategory>();
	for (const list of lists) for (const d of list) for (const [t, c] of propagatable(d)) if (!known.has(t)) known.set(t, c);
	return known;
}

/** A document's detections plus every further occurrence of details known from the corpus. */
export function spreadKnown(text: string, detections: readonly Detection[], known: ReadonlyMap<string, DeidCategory>, turns?: readonly Turn[]): Detection[] {
	return propagate(text, [...detections], excludedMask(text, turns ?? parseTurns(text)), known);
}

// ---- text structure ------------------------------------------------------------------

/** 1 where nothing may be found: speaker labels, timestamps and [bracketed] placeholders or notes. */
function excludedMask(text: string, turns: readonly Turn[]): Uint8Array {
	const mask = new Uint8Array(text.length);
	for (const t of turns) mask.fill(1, t.start, t.textStart);
	for (const m of text.matchAll(/\[[^\]\r\n]{0,60}\]/g)) mask.fill(1, m.index, m.index + m[0].length);
	return mask;
}

function tokenize(text: string, turns: readonly Turn[]): Token[] {
	const textStarts = new Set(turns.map((t) => t.textStart));
	const tokens: Token[] = [];
	for (const m of text.matchAll(TOKEN_RE)) {
		const start = m.index;
		let raw = m[0];
		// "Kari's" is Kari plus a possessive: the name is the part before the apostrophe.
		const poss = /['’]s$/u.exec(raw);
		if (poss && raw.length > 3) raw = raw.slice(0, -2);
		const prev = tokens[tokens.length - 1];
		tokens.push({
			start,
			end: start + raw.length,
			text: raw,
			lower: raw.toLowerCase(),
			cap: raw === '&' ? false : LOWER_AFTER.test(raw) || (raw.length === 1 && UPPER.test(raw)),
			allCaps: ALL_CAPS.test(raw),
			sentStart: textStarts.has(start) || isSentenceStart(text, start, prev),
			amp: raw === '&'
		});
	}
	return tokens;
}

function isSentenceStart(text: string, start: number, prev: Token | undefined): boolean {
	let i = start - 1;
	for (;;) {
		while (i >= 0 && /[ \t\u00a0—–-]/u.test(text[i])) i--;
		if (i < 0) return true;
		const ch = text[i];
		if (ch === '\n' || ch === '\r') return true;
		// An opening quote starts quoted speech: said, “Mamma, …
		if (ch === '“' || ch === '«' || ch === '‘' || ch === '(' || ((ch === '"' || ch === "'") && (i === 0 || /[\s,:(]/u.test(text[i - 1])))) return true;
		// A pause or a note between sentences is transparent: "… then. (…) One day", "[inaudible] Plus".
		if (ch === ')' || ch === ']') {
			const open = text.lastIndexOf(ch === ')' ? '(' : '[', i);
			if (open >= 0 && i - open <= 40) {
				i = open - 1;
				continue;
			}
			return false;
		}
		if (ch === '.' && prev && prev.end === i && ABBREVIATIONS.has(prev.lower)) return false;
		return ch === '.' || ch === '!' || ch === '?' || ch === '…' || ch === ':' || ch === ';';
	}
}

/** The stretch of the sentence before `pos` (at most `max` characters, not across a sentence end). */
function sentenceBefore(text: string, pos: number, max = 120): string {
	const from = Math.max(0, pos - max);
	const s = text.slice(from, pos);
	const cut = Math.max(s.lastIndexOf('. '), s.lastIndexOf('? '), s.lastIndexOf('! '), s.lastIndexOf('\n'));
	return cut >= 0 ? s.slice(cut + 1) : s;
}

const isStop = (t: Token) => NOT_IDENTIFYING.has(t.lower) || NOT_IDENTIFYING.has(t.text.toLowerCase().replace(/['’].*$/u, ''));

/** A capitalised word that could be part of a name (not a stop word, suffix, acronym or "&"). */
function properWord(t: Token | undefined): boolean {
	return !!t && t.cap && !t.allCaps && !isStop(t) && !ORG_SUFFIXES.has(t.text) && !/^\d/.test(t.text);
}

/** Tokens i and i+1 are separated by exactly one space (or a hyphen inside a name). */
function adjacent(text: string, a: Token, b: Token): boolean {
	const gap = text.slice(a.end, b.start);
	// "St James's Hospital": a possessive between two words of one name.
	return gap === ' ' || gap === '\u00a0' || gap === "'s " || gap === '’s ' || (gap === '. ' && a.text === 'St');
}

type Add = (start: number, end: number, category: DeidCategory, confidence: number, reason: string) => void;

// ---- self-validating patterns -----------------------------------------------------------

function findEmails(text: string, add: Add): void {
	// Grown outwards from each "@": a regex tried at every position of a long text is slow.
	const local = /[\p{L}\p{N}._%+-]/u;
	const domain = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
	for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
		let s = at;
		while (s > 0 && at - s < 64 && local.test(text[s - 1])) s--;
		const d = domain.exec(text.slice(at + 1, at + 256));
		if (s === at || !d) continue;
		while (s < at && text[s] === '.') s++;
		add(s, at + 1 + d[0].length, 'email', 0.99, 'an e-mail address');
	}
}

function findIds(text: string, add: Add): void {
	const ctx = (i: number) => ID_CONTEXT.test(sentenceBefore(text, i, 60));
	for (const m of text.matchAll(/(?<![\d\p{L}])(\d{6}) ?(\d{5})(?![\d\p{L}])/gu)) {
		if (isNorwegianId(m[1] + m[2])) add(m.index, m.index + m[0].length, 'national_id', ctx(m.index) ? 0.99 : 0.97, 'a Norwegian national ID number (check digits valid)');
		// Called an ID number but the check digits do not match: a slip of the transcriber's, still identifying.
		else if (ctx(m.index)) add(m.index, m.index + m[0].length, 'national_id', 0.5, 'eleven digits called an ID number (check digits do not match)');
	}
	for (const m of text.matchAll(/(?<![\d\p{L}])(?:\d{8}[-+]?\d{4}|\d{6}[-+]\d{4})(?![\d\p{L}])/gu)) {
		if (isSwedishId(m[0])) add(m.index, m.index + m[0].length, 'national_id', 0.95, 'a Swedish personal identity number (check digit valid)');
		else if (isDanishId(m[0])) add(m.index, m.index + m[0].length, 'national_id', ctx(m.index) ? 0.95 : 0.75, 'a Danish CPR number (valid date)');
	}
	for (const m of text.matchAll(/(?<![\d\p{L}])\d{6}[-+A]\d{3}[0-9A-Y](?![\d\p{L}])/gu)) {
		if (isFinnishId(m[0])) add(m.index, m.index + m[0].length, 'national_id', 0.95, 'a Finnish personal identity code (check character valid)');
	}
	for (const m of text.matchAll(/(?<![\d\p{L}])\d{3} \d{3} \d{4}(?![\d\p{L}])/gu)) {
		if (isNhsNumber(m[0]) && /\bNHS\b/.test(sentenceBefore(text, m.index, 60))) add(m.index, m.index + m[0].length, 'national_id', 0.95, 'an NHS number (check digit valid)');
	}
	for (const m of text.matchAll(/(?<![\p{L}\d])[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\p{L}\d])/gu)) {
		if (isUkNino(m[0])) add(m.index, m.index + m[0].length, 'national_id', 0.93, 'a UK National Insurance number');
	}
}

const looksLikeYear = (s: string) => /^(?:19|20)\d{2}$/.test(s);

function validDayMonth(d: number, m: number): boolean {
	return m >= 1 && m <= 12 && d >= 1 && d <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

function findPhones(text: string, add: Add): void {
	const judge = (start: number, end: number, digits: string, prefixed: boolean, formatted: boolean) => {
		const before = sentenceBefore(text, start, 60);
		if (prefixed) return add(start, end, 'phone', 0.97, 'a phone number with a country code');
		if (NOT_PHONE_CONTEXT.test(before)) return;
		// A date written as ddmmyyyy, or two years side by side, is not a phone number.
		if (!formatted && validDayMonth(Number(digits.slice(0, 2)), Number(digits.slice(2, 4))) && looksLikeYear(digits.slice(4))) return;
		if (looksLikeYear(digits.slice(0, 4)) && looksLikeYear(digits.slice(4))) return;
		if (PHONE_CONTEXT.test(before)) return add(start, end, 'phone', 0.95, 'a phone number (said to be one)');
		add(start, end, 'phone', formatted ? 0.85 : 0.6, formatted ? 'a Norwegian phone number' : 'an eight-digit number shaped like a Norwegian phone number');
	};
	// Norwegian: 8 digits starting 2–9, as 12345678, 123 45 678, 12 34 56 78 or 1234 5678, maybe after +47 / 0047.
	const no = /(?<![\d\p{L}+/.,:-])((?:\+|00) ?47[ -]?)?([2-9]\d{7}|[2-9]\d{2}[ -]\d{2}[ -]\d{3}|[2-9]\d[ -]\d{2}[ -]\d{2}[ -]\d{2}|[2-9]\d{3}[ -]\d{4})(?![\d\p{L}]|[.,:/-]\d| \d)/gu;
	for (const m of text.matchAll(no)) {
		const digits = m[2].replace(/\D/g, '');
		judge(m.index, m.index + m[0].length, digits, !!m[1], /\D/.test(m[2]));
	}
	// Other countries: +CC then 7–13 more digits in groups.
	for (const m of text.matchAll(/(?<![\d\p{L}])(?:\+|00)(?!47)[1-9]\d{0,2}(?:[ .-]?\(?\d{1,4}\)?){2,5}(?![\d\p{L}])/gu)) {
		const n = m[0].replace(/\D/g, '').length;
		if (n >= 9 && n <= 15) add(m.index, m.index + m[0].length, 'phone', 0.93, 'an international phone number');
	}
	// National numbers starting with 0 (UK 07700 900123, Sweden 070-123 45 67): 10–11 digits.
	for (const m of text.matchAll(/(?<![\d\p{L}+/.,:-])0\d{1,4}[ -]?\d{2,4}[ -]?\d{2,4}(?:[ -]\d{2})?(?![\d\p{L}]|[.,:/-]\d)/gu)) {
		const digits = m[0].replace(/\D/g, '');
		if (digits.length < 10 || digits.length > 11) continue;
		const before = sentenceBefore(text, m.index, 60);
		if (NOT_PHONE_CONTEXT.test(before) || ID_CONTEXT.test(before)) continue;
		add(m.index, m.index + m[0].length, 'phone', PHONE_CONTEXT.test(before) ? 0.9 : 0.7, 'a phone number');
	}
}

function findDates(text: string, add: Add): void {
	const birth = (i: number) => BIRTH_CONTEXT.test(sentenceBefore(text, i, 60));
	const judge = (start: number, end: number, day: number, month: number, year: number | null, numeric: boolean) => {
		if (!validDayMonth(day, month)) return;
		if (birth(start)) return add(start, end, 'date_of_birth', 0.95, 'a date after “born”');
		// A full numeric date with a plausible year of birth: often a date of birth in an interview.
		if (numeric && year !== null && year >= 1920 && year <= 2012) add(start, end, 'date_of_birth', 0.5, 'a full date that could be a date of birth');
	};
	for (const m of text.matchAll(/(?<![\d\p{L}.,:/-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d\p{L}]|[./-]\d)/gu)) {
		const y = m[4].length === 4 ? Number(m[4]) : null;
		judge(m.index, m.index + m[0].length, Number(m[1]), Number(m[3]), y, m[4].length === 4);
	}
	for (const m of text.matchAll(/(?<![\d\p{L}.,:/-])((?:19|20)\d{2})-(\d{2})-(\d{2})(?![\d\p{L}])/gu)) {
		judge(m.index, m.index + m[0].length, Number(m[3]), Number(m[2]), Number(m[1]), true);
	}
	const dayMonth = new RegExp(String.raw`(?<![\d\p{L}])(?:the\s+)?(\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:of\s+)?(${MONTH_NAMES})\.?,?\s+((?:19|20)\d{2})(?!\d)`, 'giu');
	for (const m of text.matchAll(dayMonth)) judge(m.index, m.index + m[0].length, Number(m[1]), MONTHS[m[2].toLowerCase()], Number(m[3]), false);
	const monthDay = new RegExp(String.raw`(?<![\p{L}])(${MONTH_NAMES})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})(?!\d)`, 'giu');
	for (const m of text.matchAll(monthDay)) judge(m.index, m.index + m[0].length, Number(m[2]), MONTHS[m[1].toLowerCase()], Number(m[3]), false);
	// "born in March 1974", "født i 1974": a month and year, or a year, right after born / født.
	const born = new RegExp(String.raw`\b(?:born|født|fødd)\s+(?:in\s+|i\s+)?((?:(?:${MONTH_NAMES})\.?\s+)?(?:19|20)\d{2})(?!\d)`, 'giu');
	for (const m of text.matchAll(born)) {
		const start = m.index + m[0].length - m[1].length;
		add(start, start + m[1].length, 'date_of_birth', 0.7, 'a year of birth');
	}
}

// ---- addresses ---------------------------------------------------------------------------

/** A word that is more likely a name or a place than the first word of a street name. */
const PERSON_OR_PLACE_WORD = (t: Token) => PLACES.has(t.lower) && !AMBIGUOUS_PLACES.has(t.lower);

function findAddresses(text: string, tokens: Token[], add: Add): void {
	// Norwegian: "Storgata 12", "Kirkeveien 5B", "Karl Johans gate 31", "Solbakken 98, 0150 Oslo".
	for (let i = 1; i < tokens.length; i++) {
		const num = tokens[i];
		if (!/^\d{1,4}[A-Za-z]?$/.test(num.text)) continue;
		const w = tokens[i - 1];
		if (!adjacent(text, w, num)) continue;
		let startTok = -1;
		let confidence = 0.9;
		if (properWord(w) && w.text.length >= 5 && STREET_SUFFIX.test(w.text)) {
			// "Nedre Møllevei", "Gamle Kongevei": up to two capitalised words before the street word.
			startTok = i - 1;
			while (startTok > 0 && i - 1 - startTok < 2 && properWord(tokens[startTok - 1]) && !tokens[startTok].sentStart && adjacent(text, tokens[startTok - 1], tokens[startTok]) && !PERSON_OR_PLACE_WORD(tokens[startTok - 1])) startTok--;
		}
		else if (/^(?:gate|gata|vei|veg|plass|allé|alle|torg|gaten|veien|vegen)$/iu.test(w.text) && i >= 2 && properWord(tokens[i - 2]) && adjacent(text, tokens[i - 2], w)) {
			startTok = i - 2;
			if (i >= 3 && properWord(tokens[i - 3]) && adjacent(text, tokens[i - 3], tokens[i - 2])) startTok = i - 3;
		} else if (properWord(w) && ADDRESS_CONTEXT.test(sentenceBefore(text, w.start, 60))) {
			startTok = i - 1;
			confidence = 0.8;
		}
		if (startTok < 0) continue;
		let end = num.end;
		// House letter: "5B", "5 B".
		const letter = /^ ?[A-Za-z](?![\p{L}\d])/u.exec(text.slice(end, end + 3));
		if (letter) end += letter[0].length;
		// A number followed by "%" or ":" or "years" is not a house number.
		if (/^\s*(?:%|prosent|percent|per cent|:\d|years|år)/iu.test(text.slice(end, end + 10))) continue;
		const post = /^,? \d{4} \p{Lu}[\p{L}-]+/u.exec(text.slice(end, end + 40));
		if (post) end += post[0].length;
		add(tokens[startTok].start, end, 'address', confidence, 'a street name and house number');
	}
	// English: "12 High Street", "4a Mill Lane", "Flat 3, 27 Church Road".
	const en = new RegExp(String.raw`(?<![\p{L}\d])(?:Flat \d+[A-Za-z]?,? )?\d{1,4}[A-Za-z]?,? (?:\p{Lu}[\p{L}'’-]+ ){1,3}(?:${ENGLISH_STREET_TYPES})(?![\p{L}])(?:,? [A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b)?`, 'gu');
	for (const m of text.matchAll(en)) add(m.index, m.index + m[0].length, 'address', 0.9, 'a house number and street');
	// UK postcodes on their own: "SW1A 1AA", "LS6 2QT".
	for (const m of text.matchAll(/(?<![\p{L}\d])[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}(?![\p{L}\d])/gu)) add(m.index, m.index + m[0].length, 'address', 0.8, 'a UK postcode');
	// A street name without a number after "in", "i", "on", "på", "bor i": "bor i Storgata".
	for (let i = 1; i < tokens.length; i++) {
		const w = tokens[i];
		if (!properWord(w) || w.text.length < 7 || !/(?:gata|gaten|veien|vegen|allé|alléen|stien|plassen)$/iu.test(w.text)) continue;
		if (!/\b(?:in|on|i|på|bor i|bor på|live in|lives in)\s+$/iu.test(text.slice(Math.max(0, w.start - 12), w.start))) continue;
		add(w.start, w.end, 'address', 0.6, 'a street name');
	}
}

// ---- workplaces ---------------------------------------------------------------------------

/** Extends a run of capitalised words (with "&", "og", "of" between them) backwards from token index j. */
function chainBack(text: string, tokens: Token[], j: number, max = 4): number {
	let s = j;
	let words = 1;
	while (s > 0 && words < max) {
		const prev = tokens[s - 1];
		if (!adjacent(text, prev, tokens[s])) break;
		if (properWord(prev) && !prev.sentStart) {
			s--;
			words++;
		} else if (properWord(prev) && prev.sentStart) {
			s--;
			break;
		} else if ((prev.amp || prev.lower === 'og' || prev.lower === 'and') && s >= 2 && properWord(tokens[s - 2]) && adjacent(text, tokens[s - 2], prev)) {
			s -= 2;
			words++;
		} else break;
	}
	return s;
}

function findWorkplaces(text: string, tokens: Token[], add: Add): void {
	for (let i = 1; i < tokens.length; i++) {
		const t = tokens[i];
		// "Bakkelund Bygg AS", "Lyngmo Consulting", "Moe & Sønner AS": a name, then a company word.
		const suffix = ORG_SUFFIXES.has(t.text) || (t.text === 'A' && text.slice(t.end, t.end + 2) === '/S');
		const noun = INSTITUTION_NOUNS.has(t.lower) && !t.cap && t.text === t.lower;
		const engNoun = /^(?:hospital|clinic|school|kindergarten|nursery|council|municipality|surgery|university|college)$/.test(t.text);
		if (!suffix && !noun && !engNoun) continue;
		if (!adjacent(text, tokens[i - 1], t)) continue;
		// Several company words in a row ("Bygg AS"): start from the first.
		let j = i - 1;
		while (j >= 0 && ORG_SUFFIXES.has(tokens[j].text) && j > 0 && adjacent(text, tokens[j - 1], tokens[j])) j--;
		const head = tokens[j];
		if (!properWord(head) && !(head.allCaps && !isStop(head))) continue;
		if (head.sentStart && !PLACES.has(head.lower) && FIRST_NAMES.has(head.lower) === false && NOT_IDENTIFYING.has(head.lower)) continue;
		const s = chainBack(text, tokens, j);
		let endTok = i;
		// Take following company words too: "Bygg AS", "videregående skole".
		while (endTok + 1 < tokens.length && adjacent(text, tokens[endTok], tokens[endTok + 1]) && (ORG_SUFFIXES.has(tokens[endTok + 1].text) || INSTITUTION_NOUNS.has(tokens[endTok + 1].text))) endTok++;
		let end = tokens[endTok].end;
		if (text.slice(end, end + 2) === '/S') end += 2;
		if (/^ ?\.(?=\s|$)/.test(text.slice(end, end + 2)) && /^(?:Ltd|Inc)$/.test(tokens[endTok].text)) end += 1;
		add(tokens[s].start, end, 'workplace', suffix || noun ? 0.9 : 0.8, noun || engNoun ? 'a name with an institution word (kommune, barnehage, hospital…)' : 'an organisation name with a company word (AS, Consulting…)');
	}
	// "Direktoratet for vannveier", "Universitetet i Bergen", "Statens vegvesen", "Helse Bergen", "University of Oslo".
	for (let i = 0; i + 1 < tokens.length; i++) {
		const h = tokens[i];
		if (!h.cap || !ORG_HEADS.has(h.lower)) continue;
		const n = tokens[i + 1];
		if (!adjacent(text, h, n)) continue;
		let endTok = -1;
		if (/^(?:for|i|in|of|på)$/u.test(n.text) && i + 2 < tokens.length && adjacent(text, n, tokens[i + 2])) {
			const w = tokens[i + 2];
			// "Universitetet i Bergen" needs a name after it; "Direktoratet for vannveier" (a Norwegian
			// definite head) takes ordinary words, "Department for Education" capitalised ones.
			const lowerOk = n.text === 'for' && !ENGLISH_ORG_HEADS.has(h.lower) && !isStop(w) && !w.allCaps && !/^\d/.test(w.text);
			if (!lowerOk && !properWord(w)) continue;
			endTok = i + 2;
			while (endTok + 1 < tokens.length && endTok < i + 4 && adjacent(text, tokens[endTok], tokens[endTok + 1])) {
				const nx = tokens[endTok + 1];
				const after = tokens[endTok + 2];
				if (n.text === 'for' && (nx.lower === 'og' || nx.lower === 'and') && after && adjacent(text, nx, after) && !isStop(after)) endTok += 2;
				else if (properWord(nx)) endTok++;
				else break;
			}
		} else if (properWord(n) || (h.lower === 'statens' && /^\p{Ll}+$/u.test(n.text))) {
			endTok = i + 1;
			// "Advokatfirmaet Lunde & Vik", "Tannlegene Berg og Dahl".
			while (endTok + 2 < tokens.length && endTok < i + 5) {
				const j = tokens[endTok + 1];
				const k = tokens[endTok + 2];
				if ((j.amp || j.lower === 'og' || j.lower === 'and') && adjacent(text, tokens[endTok], j) && adjacent(text, j, k) && properWord(k)) endTok += 2;
				else if (properWord(j) && adjacent(text, tokens[endTok], j)) endTok++;
				else break;
			}
		}
		if (endTok < 0) continue;
		add(h.start, tokens[endTok].end, 'workplace', 0.85, 'an organisation name (Direktoratet for …, Universitetet i …)');
	}
	// "I work at X", "engineer at X", "jobber på X", "ansatt i X": the capitalised words after it.
	for (let i = 1; i < tokens.length; i++) {
		const p = tokens[i - 1];
		const t = tokens[i];
		if (!/^(?:at|for|hos|på|i|ved|with)$/u.test(p.text) || !adjacent(text, p, t)) continue;
		if (!(properWord(t) || (t.allCaps && !isStop(t) && t.text.length >= 2))) continue;
		const clause = sentenceBefore(text, p.start, 90);
		if (!WORK_CONTEXT.test(clause) && !JOB_TITLE_BEFORE.test(clause)) continue;
		let e = i;
		while (e + 1 < tokens.length && e - i < 4 && adjacent(text, tokens[e], tokens[e + 1])) {
			const nx = tokens[e + 1];
			if (properWord(nx) || (nx.allCaps && !isStop(nx)) || ORG_SUFFIXES.has(nx.text) || /^\d{1,4}$/.test(nx.text)) e++;
			else if ((nx.amp || nx.lower === 'og') && e + 2 < tokens.length && properWord(tokens[e + 2])) e += 2;
			else break;
		}
		const chain = text.slice(t.start, tokens[e].end);
		// "jobber i Bergen" is a place; "work with Kari" is a person.
		if (e === i && (PLACES.has(t.lower) || FIRST_NAMES.has(t.lower))) continue;
		if (p.text === 'with' && e === i) continue;
		add(t.start, t.start + chain.length, 'workplace', 0.75, 'the name of where someone works (“works at …”)');
	}
}

// ---- names --------------------------------------------------------------------------------

function personContextBefore(text: string, start: number): boolean {
	const before = text.slice(Math.max(0, start - 70), start);
	return PERSON_CONTEXT.some((re) => re.test(before));
}

function findNames(text: string, tokens: Token[], add: Add): void {
	for (let i = 0; i < tokens.length; i++) {
		const t = tokens[i];
		if (!properWord(t)) continue;
		// A chain of up to three capitalised words: "Kristin Olsen", "Anne Marie Hansen", "Jan van Dijk".
		let e = i;
		while (e + 1 < tokens.length && e - i < 3 && adjacent(text, tokens[e], tokens[e + 1])) {
			const nx = tokens[e + 1];
			if (properWord(nx) && !INSTITUTION_NOUNS.has(nx.lower) && !(PLACES.has(nx.lower) && !SURNAMES.has(nx.lower) && !FIRST_NAMES.has(nx.lower))) e++;
			else if (NAME_PARTICLES.has(nx.text) && e + 2 < tokens.length && properWord(tokens[e + 2]) && adjacent(text, nx, tokens[e + 2])) e += 2;
			else break;
		}
		// The chain must not run into a company word ("Moe & Sønner AS" is a workplace).
		const lower = t.lower;
		const base = nameBase(t);
		const first = FIRST_NAMES.has(base.lower);
		const ambiguous = AMBIGUOUS_NAMES.has(base.lower);
		const sur = SURNAMES.has(lower);
		const place = PLACES.has(lower);
		const multi = e > i;
		const second = multi ? tokens[e] : null;
		const end = multi ? tokens[e].end : base.end;
		const cue = personContextBefore(text, t.start);
		const honorific = i > 0 && isHonorific(text, tokens[i - 1], t);
		const after = AFTER_PERSON.test(text.slice(end, end + 20));
		const placeBefore = PLACE_BEFORE.test(text.slice(Math.max(0, t.start - 40), t.start));
		let conf = 0;
		let reason = '';
		if (honorific) {
			conf = 0.95;
			reason = 'a title before a name (Dr, Mrs, fru …)';
		} else if (cue && (first || sur || !place)) {
			conf = first || sur ? 0.93 : 0.85;
			reason = 'introduced as a person (“my manager, …”, “the caseworker, …”)';
		} else if (multi && second) {
			const secondSur = SURNAMES.has(second.lower);
			if (first && (secondSur || !ambiguous)) {
				conf = secondSur ? 0.92 : 0.85;
				reason = 'a first name and a surname';
			} else if (secondSur && !t.sentStart) {
				conf = 0.8;
				reason = 'a capitalised word before a surname';
			} else if (first && ambiguous && secondSur) {
				conf = 0.8;
				reason = 'a first name and a surname';
			} else if (!t.sentStart && !place && !placeBefore) {
				conf = 0.6;
				reason = 'capitalised words in mid-sentence';
			}
		}
		if (conf === 0) {
			if (first && !ambiguous) {
				conf = t.sentStart ? (after ? 0.85 : 0.65) : 0.85;
				reason = 'a first name';
			} else if (first && ambiguous && (after || (!t.sentStart && !placeBefore))) {
				conf = after ? 0.8 : 0.55;
				reason = 'a first name that is also a word';
			} else if (sur && !AMBIGUOUS_NAMES.has(lower) && !t.sentStart && !place) {
				conf = 0.75;
				reason = 'a surname';
			} else if (!first && !sur && !place && after && (!t.sentStart || /^\s*,/.test(text.slice(end, end + 3))) && !AMBIGUOUS_PLACES.has(lower)) {
				conf = 0.75;
				reason = 'a capitalised word before “who”, “said” …';
			} else if (!first && !sur && !place && !t.sentStart && !placeBefore && !AMBIGUOUS_PLACES.has(lower)) {
				conf = 0.4;
				reason = 'a capitalised word in mid-sentence';
			}
		}
		if (conf === 0) continue;
		add(t.start, multi ? end : base.end, 'name', conf, reason);
		if (multi) i = e;
	}
}

/** "Dr Hansen", "Mrs. Smith", "fru Olsen": a title (capitalised, or a Norwegian fru/herr) right before. */
function isHonorific(text: string, h: Token, t: Token): boolean {
	if (!HONORIFICS.has(h.lower) || !(h.cap || /^(?:fru|herr|frøken|dr)$/.test(h.text))) return false;
	const gap = text.slice(h.end, t.start);
	return (gap === ' ' && h.text !== 'dr') || (gap === '. ' && /^(?:Dr|Mr|Mrs|Ms|Prof|Mx|dr)$/.test(h.text));
}

/** The name inside a token: "Karis" (Norwegian genitive) → "Kari". */
function nameBase(t: Token): { lower: string; end: number } {
	if (t.lower.endsWith('s') && !FIRST_NAMES.has(t.lower) && !SURNAMES.has(t.lower) && FIRST_NAMES.has(t.lower.slice(0, -1))) {
		return { lower: t.lower.slice(0, -1), end: t.end - 1 };
	}
	return { lower: t.lower, end: t.end };
}

// ---- places -------------------------------------------------------------------------------

function findPlaces(text: string, tokens: Token[], add: Add): void {
	for (const phrase of PLACE_PHRASES) {
		const re = new RegExp(`(?<![\\p{L}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'gu');
		for (const m of text.matchAll(re)) add(m.index, m.index + m[0].length, 'place', 0.88, 'a place name');
	}
	for (let i = 0; i < tokens.length; i++) {
		const t = tokens[i];
		if (!t.cap || isStop(t)) continue;
		const before = PLACE_BEFORE.test(text.slice(Math.max(0, t.start - 40), t.start));
		const listed = PLACES.has(t.lower);
		const ambiguous = AMBIGUOUS_PLACES.has(t.lower);
		if (listed && !ambiguous) {
			add(t.start, t.end, 'place', t.sentStart && !before ? 0.75 : 0.87, 'a place name');
			continue;
		}
		if (!before) continue;
		if (listed && ambiguous) {
			add(t.start, t.end, 'place', 0.7, 'a place name after “in”, “i”, “from” …');
			continue;
		}
		if (FIRST_NAMES.has(t.lower) || SURNAMES.has(t.lower) || ORG_SUFFIXES.has(t.text) || t.allCaps) continue;
		// An unknown capitalised word after "in", "i", "outside", "near": probably a place.
		let e = i;
		if (i + 1 < tokens.length && properWord(tokens[i + 1]) && adjacent(text, t, tokens[i + 1]) && !FIRST_NAMES.has(tokens[i + 1].lower)) e = i + 1;
		add(t.start, tokens[e].end, 'place', 0.55, 'a capitalised word after “in”, “i”, “from” …');
	}
}

// ---- choosing and spreading ---------------------------------------------------------------

/**
 * Non-overlapping candidates, the most confident first, in text order. A longer structure gets
 * a little credit per extra word, so "Universitetet i Tromsø" (workplace) beats the "Tromsø"
 * (place) inside it, and "Kirkeveien 5B, 0368 Oslo" beats "Oslo".
 */
function resolve(cands: Candidate[]): Candidate[] {
	const score = (c: Candidate) => c.confidence + Math.min(0.1, 0.03 * (c.text.trim().split(/\s+/).length - 1));
	const sorted = [...cands].sort((a, b) => score(b) - score(a) || b.end - b.start - (a.end - a.start) || a.start - b.start);
	const chosen: Candidate[] = [];
	for (const c of sorted) {
		if (chosen.some((x) => x.start < c.end && c.start < x.end)) continue;
		chosen.push(c);
	}
	return chosen.sort((a, b) => a.start - b.start);
}

/** The strings a confident finding makes findable elsewhere: the whole, and each part of a full name. */
function propagatable(d: Detection): [string, DeidCategory][] {
	if (d.confidence < 0.8) return [];
	if (d.category === 'name') {
		const parts = d.text.split(/\s+/).filter((p) => p.length >= 3 && !AMBIGUOUS_NAMES.has(p.toLowerCase()) && !NOT_IDENTIFYING.has(p.toLowerCase()) && !NAME_PARTICLES.has(p));
		const whole: [string, DeidCategory][] = /\s/.test(d.text.trim()) || parts.length ? [[d.text, 'name']] : [];
		return [...whole, ...parts.map((p) => [p, 'name'] as [string, DeidCategory])];
	}
	if (d.category !== 'other') {
		if (d.category === 'place' && AMBIGUOUS_PLACES.has(d.text.toLowerCase())) return [];
		return [[d.text, d.category]];
	}
	return [];
}

function propagate(text: string, chosen: Candidate[], excluded: Uint8Array, known?: ReadonlyMap<string, DeidCategory>): Candidate[] {
	const terms = new Map<string, DeidCategory>(known ?? []);
	for (const d of chosen) for (const [t, c] of propagatable(d)) if (!terms.has(t)) terms.set(t, c);
	if (terms.size === 0) return chosen;
	const extra: Candidate[] = [];
	const taken = (s: number, e: number) => chosen.some((x) => x.start < e && s < x.end) || extra.some((x) => x.start < e && s < x.end);
	// Longest first, so "Kristin Olsen" is taken before "Kristin".
	for (const [term, category] of [...terms].sort((a, b) => b[0].length - a[0].length)) {
		const re = new RegExp(`(?<![\\p{L}\\p{N}@.])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}]|@)`, 'gu');
		for (const m of text.matchAll(re)) {
			const s = m.index;
			const e = s + m[0].length;
			if (taken(s, e)) continue;
			let bad = false;
			for (let i = s; i < e; i++) if (excluded[i]) bad = true;
			if (bad) continue;
			extra.push({ start: s, end: e, category, text: m[0], confidence: 0.8, reason: `the same as “${term}”, found elsewhere` });
		}
	}
	return [...chosen, ...extra].sort((a, b) => a.start - b.start);
}
