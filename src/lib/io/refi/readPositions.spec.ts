import { describe, expect, it } from 'vitest';
import { chooseUnit, offsetMapper, onWordBoundary, producerDefault, textEvents, UNITS } from './readPositions';

const unit = (id: string) => UNITS.find((u) => u.id === id)!;
// "😀" is one code point and two UTF-16 units; CRLF is two characters, or one for some tools.
const TEXT = 'Hi 😀 there\r\nNext line 😀😀 end';

describe('offsetMapper', () => {
	it('maps each unit to UTF-16 offsets, and refuses positions outside the text', () => {
		const cp = [...TEXT];
		const cpMap = offsetMapper(TEXT, unit('cp'));
		// Every code point position maps to the UTF-16 offset of that character.
		for (let p = 0; p <= cp.length; p++) expect(cpMap(p)).toBe(cp.slice(0, p).join('').length);
		expect(cpMap(cp.length + 1)).toBe(-1);
		expect(cpMap(-1)).toBe(-1);
		expect(cpMap(1.5)).toBe(-1);

		const u16 = offsetMapper(TEXT, unit('u16'));
		expect(u16(TEXT.length)).toBe(TEXT.length);
		expect(u16(TEXT.length + 1)).toBe(-1);

		// With CRLF as one, "Next" starts one position earlier than in UTF-16.
		const lf = TEXT.replace(/\r\n/g, '\n');
		const next = TEXT.indexOf('Next');
		expect(offsetMapper(TEXT, unit('u16-crlf1'))(lf.indexOf('Next'))).toBe(next);
		expect(offsetMapper(TEXT, unit('cp-crlf1'))([...lf].indexOf('N'))).toBe(next);
		expect(offsetMapper(textEvents(TEXT), unit('cp-crlf1'))([...lf].length)).toBe(TEXT.length);
	});
});

describe('onWordBoundary', () => {
	it('is true between words and at the ends, false inside a word or a surrogate pair', () => {
		const t = 'día 😀x';
		expect([0, 1, 3, 4, 5, 6, 7].map((o) => onWordBoundary(t, o))).toEqual([true, false, true, true, false, true, true]);
	});
});

describe('chooseUnit', () => {
	const words = ['there', 'Next', 'end'];
	const selectionsIn = (positions: (w: string) => number) => words.map((w) => ({ start: positions(w), end: positions(w) + w.length }));

	it('finds code points for code-point positions and UTF-16 for NVivo-style ones, whatever the producer says', () => {
		const cp = [...TEXT];
		const cpSel = selectionsIn((w) => cp.join('').indexOf(w) - (TEXT.slice(0, TEXT.indexOf(w)).length - [...TEXT.slice(0, TEXT.indexOf(w))].length));
		const byCp = chooseUnit([{ text: TEXT, selections: cpSel }], 'NVivo for Windows 12.6');
		expect(byCp.unit.id).toBe('cp');
		expect(byCp.note).toMatch(/counts in Unicode code points with CRLF as two \(as the standard says\); 3 of 3 selections/);
		const u16Sel = selectionsIn((w) => TEXT.indexOf(w));
		const byU16 = chooseUnit([{ text: TEXT, selections: u16Sel }], 'MAXQDA 24');
		expect(byU16.unit.id).toBe('u16');
		expect(byU16.note).toMatch(/counts in UTF-16 code units with CRLF as two, not in Unicode code points as expected from this producer; 3 of 3/);
	});

	it('goes by the producer’s habit when the text cannot tell units apart, and says so', () => {
		const plain = 'Plain words only.';
		const sel = [{ start: 6, end: 11 }];
		expect(chooseUnit([{ text: plain, selections: sel }], 'NVivo for Mac 15').unit.id).toBe('u16');
		const c = chooseUnit([{ text: plain, selections: sel }], 'QualCoder 3.6');
		expect(c.unit.id).toBe('cp');
		expect(c.allSame).toBe(true);
		expect(c.note).toMatch(/every unit gives the same offsets/);
		expect(producerDefault('ATLAS.ti 23').id).toBe('cp');
		expect(chooseUnit([{ text: plain, selections: [] }], 'x').note).toBe('Positions: the file has no text selections, so no position unit was needed.');
	});
});
