// Turns the bytes of an imported transcript into text. Files come from Word, transcription
// services and old Windows machines, so we honour byte-order marks, fall back to Windows-1252
// only when the bytes clearly look like it, and otherwise report 'ambiguous-encoding' so the
// UI can ask the researcher (and call again with `assume`) instead of silently garbling text.

import type { TextEncoding } from './types';

export type DecodeFailure = 'empty' | 'binary' | 'ambiguous-encoding';

export type DecodeResult =
	| { ok: true; text: string; encoding: TextEncoding; bomStripped: boolean }
	| { ok: false; reason: DecodeFailure; message: string };

export interface DecodeOptions {
	/** Decode with this encoding (the researcher's choice) instead of detecting one. */
	assume?: TextEncoding;
}

const MESSAGES: Record<DecodeFailure, string> = {
	empty: 'The file contains no text.',
	binary:
		'This is not a plain-text file. If it is a Word document or a PDF, save it as plain text (.txt) and import that.',
	'ambiguous-encoding':
		'The text encoding could not be recognised. Choose the encoding the file was saved in.'
};

/** Above this share of control characters a file is treated as binary. Real text has ~0. */
const MAX_CONTROL_SHARE = 0.05;

function fail(reason: DecodeFailure): DecodeResult {
	return { ok: false, reason, message: MESSAGES[reason] };
}

/**
 * Decodes transcript bytes. Order: empty → BOM → BOM-less UTF-16 (ASCII-heavy only) → binary →
 * strict UTF-8 → Windows-1252 when it clearly fits → 'ambiguous-encoding'.
 * With `assume`, the given encoding is used as is (invalid sequences become U+FFFD); a BOM
 * of that same encoding is still stripped.
 */
export function decodeText(bytes: Uint8Array, opts: DecodeOptions = {}): DecodeResult {
	if (bytes.length === 0) return fail('empty');
	const bom = readBom(bytes);

	if (opts.assume) {
		const encoding = opts.assume;
		const strip = bom !== null && bom.encoding === encoding;
		const body = strip ? bytes.subarray(bom.length) : bytes;
		if (!isUtf16(encoding) && looksBinary(body)) return fail('binary');
		const text =
			encoding === 'windows-1252'
				? decodeWindows1252(body)
				: new TextDecoder(encoding, { ignoreBOM: true }).decode(body);
		return finish(text, encoding, strip);
	}

	if (bom) {
		const body = bytes.subarray(bom.length);
		if (isUtf16(bom.encoding)) {
			return finish(new TextDecoder(bom.encoding, { ignoreBOM: true }).decode(body), bom.encoding, true);
		}
		const text = decodeUtf8Strict(body);
		if (text !== null) return finish(text, 'utf-8', true);
		if (looksBinary(body)) return fail('binary');
		// A UTF-8 mark on bytes that are not UTF-8: the file was edited in two encodings.
		return fail('ambiguous-encoding');
	}

	const utf16 = guessBomlessUtf16(bytes);
	if (utf16) return finish(new TextDecoder(utf16, { ignoreBOM: true }).decode(bytes), utf16, false);

	// Valid UTF-8 is the common case: decode natively first; finish() catches control-heavy
	// text. Only bytes that are not UTF-8 get the slower byte-level checks.
	if (bytes.indexOf(0) !== -1) return fail('binary');
	const utf8 = decodeUtf8Strict(bytes);
	if (utf8 !== null) return finish(utf8, 'utf-8', false);
	if (looksBinary(bytes)) return fail('binary');
	if (looksLikeWindows1252(bytes)) return finish(decodeWindows1252(bytes), 'windows-1252', false);
	return fail('ambiguous-encoding');
}

/** Line-ending style of a text. A lone CR (classic Mac) also counts as 'mixed': it is unusual. */
export function detectEol(text: string): 'lf' | 'crlf' | 'mixed' | 'none' {
	// Counted with indexOf (native) rather than a loop over every character: 8 MB in ~5 ms.
	const count = (needle: string) => {
		let n = 0;
		for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n++;
		return n;
	};
	const cr = count('\r');
	const lf = count('\n');
	const crlf = cr === 0 || lf === 0 ? 0 : count('\r\n');
	if (cr + lf === 0) return 'none';
	if (cr > crlf || (crlf > 0 && lf > crlf)) return 'mixed';
	return crlf > 0 ? 'crlf' : 'lf';
}

function isUtf16(e: TextEncoding): e is 'utf-16le' | 'utf-16be' {
	return e === 'utf-16le' || e === 'utf-16be';
}

function readBom(b: Uint8Array): { encoding: TextEncoding; length: number } | null {
	if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
	if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
	if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
	return null;
}

// Node's TextDecoder (20–22) decodes 'windows-1252' as Latin-1, turning “ ” – into C1
// controls; browsers get it right. A table for 0x80–0x9F gives the same text everywhere.
// The five bytes 1252 leaves undefined map to the C1 code points, as in the WHATWG decoder.
const CP1252_80_9F =
	'\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
	'\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
	const parts: string[] = [];
	const CHUNK = 8192;
	for (let i = 0; i < bytes.length; i += CHUNK) {
		const codes = Array.from(bytes.subarray(i, i + CHUNK), (b) =>
			b >= 0x80 && b < 0xa0 ? CP1252_80_9F.charCodeAt(b - 0x80) : b
		);
		parts.push(String.fromCharCode(...codes));
	}
	return parts.join('');
}

function decodeUtf8Strict(bytes: Uint8Array): string | null {
	try {
		return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
	} catch {
		return null;
	}
}

/** Control characters that plain text never contains (tab, LF, VT, FF, CR and DOS EOF are fine). */
function isControl(c: number): boolean {
	return (c < 0x20 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13 && c !== 0x1a) || c === 0x7f;
}

/** For single-byte and UTF-8 data: any NUL, or too many control bytes. */
function looksBinary(bytes: Uint8Array): boolean {
	if (bytes.indexOf(0) !== -1) return true;
	let controls = 0;
	for (let i = 0; i < bytes.length; i++) if (isControl(bytes[i])) controls++;
	return controls > 0 && controls / bytes.length > MAX_CONTROL_SHARE;
}

/** Final checks on decoded text, shared by every path (UTF-16 binaries are caught here). */
// Control characters plain text never contains (tab, LF, VT, FF, CR and DOS EOF are fine).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHAR = /[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]/;

function finish(text: string, encoding: TextEncoding, bomStripped: boolean): DecodeResult {
	if (text.includes('\0')) return fail('binary');
	// A native regex scan finds the (usual) absence of control characters fast; only text
	// that has some is counted character by character.
	if (CONTROL_CHAR.test(text)) {
		let controls = 0;
		for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i))) controls++;
		if (controls / text.length > MAX_CONTROL_SHARE) return fail('binary');
	}
	if (!/\S/.test(text)) return fail('empty');
	return { ok: true, text, encoding, bomStripped };
}

/**
 * UTF-16 without a BOM (some exports write it): mostly-ASCII text then has a zero in one
 * byte of nearly every pair and almost never in the other. Non-Latin BOM-less UTF-16 is not
 * recognised; it ends up as binary, which is the honest answer for bytes we cannot read.
 */
function guessBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
	if (bytes.length < 4 || bytes.length % 2 !== 0) return null;
	const n = Math.min(bytes.length, 8192);
	let evenZero = 0;
	let oddZero = 0;
	for (let i = 0; i + 1 < n; i += 2) {
		if (bytes[i] === 0) evenZero++;
		if (bytes[i + 1] === 0) oddZero++;
	}
	const pairs = Math.floor(n / 2);
	if (oddZero / pairs > 0.6 && evenZero / pairs < 0.1) return 'utf-16le';
	if (evenZero / pairs > 0.6 && oddZero / pairs < 0.1) return 'utf-16be';
	return null;
}

type HighClass = 'undefined' | 'upper' | 'lower' | 'punct' | 'symbol';

const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
const UPPER_1252 = new Set([0x8a, 0x8c, 0x8e, 0x9f]);
const LOWER_1252 = new Set([0x83, 0x9a, 0x9c, 0x9e, 0xaa, 0xb5, 0xba, 0xdf]);
/** Quotes, dashes, ellipsis, guillemets, NBSP, soft hyphen, middle dot: sit next to letters. */
const PUNCT_1252 = new Set([0x82, 0x84, 0x85, 0x8b, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x9b, 0xa0, 0xab, 0xad, 0xb7, 0xbb]);

function classify1252(b: number): HighClass {
	if (UNDEFINED_1252.has(b)) return 'undefined';
	if (UPPER_1252.has(b) || (b >= 0xc0 && b <= 0xde && b !== 0xd7)) return 'upper';
	if (LOWER_1252.has(b) || (b >= 0xe0 && b !== 0xf7)) return 'lower';
	if (PUNCT_1252.has(b)) return 'punct';
	return 'symbol';
}

const isAsciiLetter = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
const isAsciiLower = (b: number) => b >= 0x61 && b <= 0x7a;

/** Length of a well-formed UTF-8 multi-byte sequence starting at i, or 0. */
function utf8SequenceAt(b: Uint8Array, i: number): number {
	const lead = b[i];
	const need = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
	if (need === 0 || i + need >= b.length) return 0;
	for (let k = 1; k <= need; k++) if ((b[i + k] & 0xc0) !== 0x80) return 0;
	return need + 1;
}

/**
 * Whether invalid-UTF-8 bytes read plausibly as Windows-1252 (or Latin-1) prose in a Latin
 * script: no bytes 1252 leaves undefined; accented letters are a small minority of letters
 * and come alone or in short runs; symbols such as ¿ ¾ never sit inside a word, and capitals
 * never follow a lower-case letter (Mac Roman "på" reads "pŒ" in 1252); and the high bytes
 * are not mostly well-formed UTF-8 (then the file is UTF-8 with some damage). Anything else is
 * left for the researcher to decide.
 */
function looksLikeWindows1252(bytes: Uint8Array): boolean {
	let high = 0;
	let highLetters = 0;
	let asciiLetters = 0;
	let suspicious = 0;
	let evidence = 0;
	let run = 0;
	let maxRun = 0;
	let utf8Bytes = 0;
	let utf8Until = 0;
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		if (b < 0x80) {
			if (isAsciiLetter(b)) asciiLetters++;
			run = 0;
			continue;
		}
		high++;
		maxRun = Math.max(maxRun, ++run);
		if (i >= utf8Until) {
			const len = utf8SequenceAt(bytes, i);
			if (len > 0) {
				utf8Bytes += len;
				utf8Until = i + len;
			}
		}
		const prev = i > 0 ? bytes[i - 1] : 0x20;
		const next = i + 1 < bytes.length ? bytes[i + 1] : 0x20;
		const kind = classify1252(b);
		const letterAround =
			isAsciiLetter(prev) || isAsciiLetter(next) || isHighLetter(prev) || isHighLetter(next);
		switch (kind) {
			case 'undefined':
				return false;
			case 'upper':
				highLetters++;
				if (isAsciiLower(prev)) suspicious++;
				else if (letterAround) evidence++;
				break;
			case 'lower':
				highLetters++;
				if (letterAround) evidence++;
				break;
			case 'punct':
				evidence++;
				break;
			case 'symbol':
				if (isAsciiLetter(prev) && isAsciiLetter(next)) suspicious++;
				break;
		}
	}
	if (high === 0 || evidence === 0) return false;
	if (maxRun > 4) return false;
	if (highLetters > Math.max(2, 0.3 * asciiLetters)) return false;
	if (suspicious > Math.floor(high * 0.02)) return false;
	if (utf8Bytes * 2 >= high) return false;
	return true;
}

function isHighLetter(b: number): boolean {
	if (b < 0x80) return false;
	const k = classify1252(b);
	return k === 'upper' || k === 'lower';
}

/**
 * How the first line with non-ASCII characters reads in an encoding: what the researcher
 * compares when Tema cannot tell the encoding of a file. Decoded by decodeText itself, so
 * Windows-1252 reads the same as it would be imported.
 */
export function previewLine(bytes: Uint8Array, encoding: TextEncoding, max = 160): string {
	const decoded = decodeText(bytes.subarray(0, 4000), { assume: encoding });
	if (!decoded.ok) return '';
	const lines = decoded.text.split(/\r\n|\r|\n/);
	const line = lines.find((l) => /[^ -~\t]/.test(l)) ?? lines[0] ?? '';
	return line.slice(0, max);
}
