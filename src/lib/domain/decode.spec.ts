// Byte-level import cases researchers actually hit: BOMs, UTF-16, old Windows-1252 files,
// empty and binary files, and bytes we must not guess at (the UI then asks for an encoding).

import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText, detectEol, previewLine, type DecodeResult } from './decode';
import { SAMPLE } from '../../../tests/shared';

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (number[] | Uint8Array)[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

function utf16(s: string, endian: 'le' | 'be'): number[] {
	const out: number[] = [];
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (endian === 'le') out.push(c & 0xff, c >> 8);
		else out.push(c >> 8, c & 0xff);
	}
	return out;
}

/** Windows-1252 by hand: Latin-1 as is, plus the typographic characters of 0x80–0x9F we use. */
const CP1252: Record<string, number> = {
	'‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, '…': 0x85, '€': 0x80
};
function cp1252(s: string): Uint8Array {
	return Uint8Array.from(Array.from(s, (ch) => {
		const c = ch.charCodeAt(0);
		if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) return c;
		const b = CP1252[ch];
		if (b === undefined) throw new Error(`no cp1252 byte for ${ch} in this test table`);
		return b;
	}));
}

function expectOk(r: DecodeResult) {
	if (!r.ok) throw new Error(`expected ok, got ${r.reason}: ${r.message}`);
	return r;
}
function expectFail(r: DecodeResult, reason: string) {
	expect(r.ok).toBe(false);
	if (r.ok) return;
	expect(r.reason).toBe(reason);
	expect(r.message.length).toBeGreaterThan(10);
}

const NORWEGIAN = 'Jeg følte meg “sliten” – på jobb';

describe('decodeText: UTF-8', () => {
	it('decodes UTF-8 without a BOM', () => {
		const r = expectOk(decodeText(utf8(NORWEGIAN)));
		expect(r).toEqual({ ok: true, text: NORWEGIAN, encoding: 'utf-8', bomStripped: false });
	});

	it('strips a UTF-8 BOM and says so', () => {
		const r = expectOk(decodeText(bytes([0xef, 0xbb, 0xbf], utf8('P01: Hei 🙂'))));
		expect(r.text).toBe('P01: Hei 🙂');
		expect(r.encoding).toBe('utf-8');
		expect(r.bomStripped).toBe(true);
	});

	it('keeps line endings exactly', () => {
		const text = 'I: a\r\n\r\nR: b\n';
		expect(expectOk(decodeText(utf8(text))).text).toBe(text);
	});

	it('prefers valid UTF-8 even when every byte pair could be Windows-1252', () => {
		// "Ã¸" in 1252, but as UTF-8 it is "ø": valid UTF-8 always wins.
		const r = expectOk(decodeText(utf8('følte')));
		expect(r.encoding).toBe('utf-8');
		expect(r.text).toBe('følte');
	});
});

describe('decodeText: UTF-16', () => {
	const text = 'Interviewer: Hvordan går det?\r\n\r\nP03: Bra 😀 takk.';

	it('decodes UTF-16LE with a BOM, surrogate pairs intact', () => {
		const r = expectOk(decodeText(bytes([0xff, 0xfe], utf16(text, 'le'))));
		expect(r).toEqual({ ok: true, text, encoding: 'utf-16le', bomStripped: true });
	});

	it('decodes UTF-16BE with a BOM', () => {
		const r = expectOk(decodeText(bytes([0xfe, 0xff], utf16(text, 'be'))));
		expect(r).toEqual({ ok: true, text, encoding: 'utf-16be', bomStripped: true });
	});

	it('recognises BOM-less UTF-16LE of mostly Latin text (NULs there are not binary)', () => {
		const r = expectOk(decodeText(Uint8Array.from(utf16(text, 'le'))));
		expect(r.encoding).toBe('utf-16le');
		expect(r.bomStripped).toBe(false);
		expect(r.text).toBe(text);
	});

	it('rejects UTF-16 whose content is control characters as binary', () => {
		const junk = Array.from({ length: 200 }, (_, i) => [(i * 7) % 31 || 1, 0]).flat();
		expectFail(decodeText(bytes([0xff, 0xfe], junk)), 'binary');
	});

	it('treats a UTF-16 BOM with nothing after it as empty', () => {
		expectFail(decodeText(Uint8Array.from([0xff, 0xfe])), 'empty');
		expectFail(decodeText(bytes([0xfe, 0xff], utf16('  \n', 'be'))), 'empty');
	});
});

describe('decodeText: Windows-1252', () => {
	it('decodes the hand-built cp1252 sentence', () => {
		const b = cp1252(NORWEGIAN);
		expect(Array.from(b.slice(4, 6))).toEqual([0x66, 0xf8]); // "f" "ø"
		expect(b.length).toBe(NORWEGIAN.length);
		const r = expectOk(decodeText(b));
		expect(r).toEqual({ ok: true, text: NORWEGIAN, encoding: 'windows-1252', bomStripped: false });
	});

	it('decodes a longer cp1252 transcript with CRLF, curly apostrophes and capitals', () => {
		const text =
			'Interviewer: Hva skjedde på jobben?\r\n\r\nP04: Jeg var på Ørsta – det var “greit”, men jeg var sliten…\r\n\r\n' +
			'Interviewer: Og Åse sa?\r\n\r\nP04: Hun sa at det var én ting om gangen. Don’t worry, sa hun — ærlig talt.\r\n';
		const r = expectOk(decodeText(cp1252(text)));
		expect(r.encoding).toBe('windows-1252');
		expect(r.text).toBe(text);
	});

	it('maps 0x80–0x9F to typographic characters also when the encoding is chosen', () => {
		// Node's own TextDecoder('windows-1252') would give C1 controls here.
		const r = expectOk(decodeText(cp1252(NORWEGIAN), { assume: 'windows-1252' }));
		expect(r.text).toBe(NORWEGIAN);
		const euro = expectOk(decodeText(Uint8Array.from([0x80, 0x20, 0x35, 0x99]), { assume: 'windows-1252' }));
		expect(euro.text).toBe('€ 5™');
	});

	it('recognises every sample transcript re-saved as Windows-1252', () => {
		const dir = `${SAMPLE}/transcripts`;
		const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
		let checked = 0;
		for (const f of files) {
			const text = readFileSync(join(dir, f), 'utf8');
			if (/[\ud800-\udfff]/.test(text)) continue; // the emoji document has no 1252 form
			const r = expectOk(decodeText(cp1252(text)));
			expect(r.encoding, f).toBe('windows-1252');
			expect(r.text === text, f).toBe(true);
			checked++;
		}
		expect(checked).toBe(files.length - 1);
	});

	it('decodes a lone Latin-1 letter after a word (e.g. "Café")', () => {
		const r = expectOk(decodeText(Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x2e])));
		expect(r.encoding).toBe('windows-1252');
		expect(r.text).toBe('Café.');
	});
});

describe('decodeText: ambiguous encodings', () => {
	it('refuses bytes that are undefined in Windows-1252', () => {
		expectFail(decodeText(bytes(utf8('Hei p'), [0xe5], utf8(' deg '), [0x81], utf8(' og takk'))), 'ambiguous-encoding');
		expectFail(decodeText(bytes(utf8('Hei p'), [0xe5], utf8(' deg '), [0x9d], utf8(' og takk'))), 'ambiguous-encoding');
	});

	it('refuses Mac Roman Norwegian (in 1252 "følte" reads "f¿lte", “sliten” reads "ÒslitenÓ")', () => {
		const macRoman = bytes(utf8('Jeg f'), [0xbf], utf8('lte meg '), [0xd2], utf8('sliten'), [0xd3], utf8(' p'), [0x8c], utf8(' jobb.'));
		expectFail(decodeText(macRoman), 'ambiguous-encoding');
	});

	it('refuses non-Latin single-byte text (cp1251 Russian) even in short words', () => {
		// "Да, но это так." in cp1251: every letter is a high byte.
		const cp1251 = [0xc4, 0xe0, 0x2c, 0x20, 0xed, 0xee, 0x20, 0xfd, 0xf2, 0xee, 0x20, 0xf2, 0xe0, 0xea, 0x2e];
		expectFail(decodeText(Uint8Array.from(cp1251)), 'ambiguous-encoding');
	});

	it('refuses a long run of high bytes inside otherwise English text', () => {
		// cp1251 "привет" would read "ïðèâåò" in 1252: no Latin word looks like that.
		const privet = [0xef, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2];
		const b = bytes(utf8('P01: The participant said the word '), privet, utf8(' to me several times during our long talk.'));
		expectFail(decodeText(b), 'ambiguous-encoding');
	});

	it('refuses UTF-8 with a stray invalid byte (a file edited in two encodings)', () => {
		const mixed = bytes(utf8('Blåbær og rødgrøt, sa hun. Jeg f'), [0xf8], utf8('lte meg bra.'));
		expectFail(decodeText(mixed), 'ambiguous-encoding');
	});

	it('refuses UTF-8 capitals next to one stray 1252 byte', () => {
		// "Æ" and "Ø" as UTF-8 read "Ã†" and "Ã˜" in 1252: plausible-looking, but they are UTF-8.
		const mixed = bytes(utf8('Ærlig talt. Ørsta er fin. Jeg f'), [0xf8], utf8('lte meg bra.'));
		expectFail(decodeText(mixed), 'ambiguous-encoding');
	});

	it('refuses text whose only non-ASCII bytes are stray symbols (no sign of 1252 prose)', () => {
		expectFail(decodeText(bytes(utf8('Total 5 '), [0xa4], utf8(' and 3 '), [0xa6], utf8(' done'))), 'ambiguous-encoding');
	});

	it('refuses a UTF-8 BOM followed by bytes that are not UTF-8', () => {
		expectFail(decodeText(bytes([0xef, 0xbb, 0xbf], cp1252(NORWEGIAN))), 'ambiguous-encoding');
	});

	it('decodes with the encoding the researcher chose', () => {
		const macRoman = bytes(utf8('Jeg f'), [0xbf], utf8('lte meg'));
		const as1252 = expectOk(decodeText(macRoman, { assume: 'windows-1252' }));
		expect(as1252).toEqual({ ok: true, text: 'Jeg f¿lte meg', encoding: 'windows-1252', bomStripped: false });
		const asUtf8 = expectOk(decodeText(macRoman, { assume: 'utf-8' }));
		expect(asUtf8.text).toBe('Jeg f\ufffdlte meg');
		expect(asUtf8.encoding).toBe('utf-8');
	});

	it('strips a BOM matching the assumed encoding, and keeps checking for empty and binary', () => {
		const r = expectOk(decodeText(bytes([0xff, 0xfe], utf16('R: ja', 'le')), { assume: 'utf-16le' }));
		expect(r.text).toBe('R: ja');
		expect(r.bomStripped).toBe(true);
		expectFail(decodeText(utf8('  \n'), { assume: 'windows-1252' }), 'empty');
		expectFail(decodeText(bytes(utf8('PNG'), [0, 0, 0]), { assume: 'windows-1252' }), 'binary');
	});
});

describe('decodeText: empty and binary', () => {
	it('reports zero bytes as empty', () => {
		expectFail(decodeText(new Uint8Array(0)), 'empty');
	});

	it('reports whitespace-only and BOM-only files as empty', () => {
		expectFail(decodeText(utf8(' \r\n\t\n  ')), 'empty');
		expectFail(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf])), 'empty');
		expectFail(decodeText(bytes([0xef, 0xbb, 0xbf], utf8('\n\n'))), 'empty');
	});

	it('reports a PNG as binary', () => {
		const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 0x0d], utf8('IHDR'), new Uint8Array(64));
		expectFail(decodeText(png), 'binary');
	});

	it('reports a single NUL in otherwise readable text as binary', () => {
		expectFail(decodeText(bytes(utf8('P01: hello'), [0], utf8(' there'))), 'binary');
	});

	it('reports a NUL as binary also when the rest is not UTF-8', () => {
		expectFail(decodeText(bytes(utf8('Jeg f'), [0xbf], utf8('lte meg'), [0], utf8(' sliten.'))), 'binary');
	});

	it('reports control-character soup without NULs as binary', () => {
		const soup = Uint8Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x02 : 0x41 + (i % 26)));
		expectFail(decodeText(soup), 'binary');
	});

	it('tolerates the odd control character real files contain (form feed, DOS EOF, vertical tab)', () => {
		const r = expectOk(decodeText(utf8('I: page one\fpage two\vline\n\x1a')));
		expect(r.text).toBe('I: page one\fpage two\vline\n\x1a');
	});
});

describe('detectEol', () => {
	it.each([
		['a\nb\n', 'lf'],
		['a\r\nb\r\n', 'crlf'],
		['a\r\nb\nc', 'mixed'],
		['a\rb\r', 'mixed'],
		['one line', 'none'],
		['', 'none']
	] as const)('%j → %s', (text, eol) => {
		expect(detectEol(text)).toBe(eol);
	});
});

describe('previewLine', () => {
	it('shows the first line with special characters as each encoding reads it', () => {
		const bytes = new Uint8Array([...new TextEncoder().encode('Interviewer: Hei\n\nP05: '), 0xe6, 0xf8, 0xe5, 0x93, 0x94, 0x0a]);
		expect(previewLine(bytes, 'windows-1252')).toBe('P05: æøå“”');
		// e5 93 94 happens to be valid UTF-8 (U+54D4): the garble a wrong choice would show.
		expect(previewLine(bytes, 'utf-8')).toBe('P05: \ufffd\ufffd\u54d4');
		expect(previewLine(new TextEncoder().encode('plain ascii\nsecond'), 'utf-8')).toBe('plain ascii');
	});
});
