import { describe, expect, it } from 'vitest';
import { isGuid } from './writeGuid';
import { xmlAttr, xmlText } from './writeXml';
import { decodeEntities, decodeXmlBytes, guidKey, parseXml, type XmlElement } from './xml';

const ok = (xml: string) => {
	const r = parseXml(xml);
	if (!r.ok) throw new Error(r.error);
	return r;
};
const err = (xml: string) => {
	const r = parseXml(xml);
	return r.ok ? 'parsed' : r.error;
};

describe('parseXml', () => {
	it('reads elements by local name, attributes, text, CDATA and comments, and the root namespace', () => {
		const r = ok(
			'<?xml version="1.0" encoding="utf-8"?>\n<!-- made by hand -->\n<q:Project xmlns:q="urn:QDA-XML:project:1.0" xmlns="urn:other" q:name="A &amp; B" origin=\'x\'>' +
				'<q:Codes><Code guid="1" name="&lt;one&gt;"/><Code guid="2" name="two">\n<Description>Line&#13;&#10;two <![CDATA[<raw> &amp;]]> &#x1F600;</Description></Code></q:Codes></q:Project>'
		);
		expect(r.namespace).toBe('urn:other');
		expect(r.root.name).toBe('Project');
		expect(r.root.attrs).toEqual({ name: 'A & B', origin: 'x' });
		const codes = r.root.children[0];
		expect(codes.children.map((c: XmlElement) => [c.name, c.attrs.name])).toEqual([
			['Code', '<one>'],
			['Code', 'two']
		]);
		expect(codes.children[1].children[0].text).toBe('Line\r\ntwo <raw> &amp; 😀');
	});

	it('normalises line ends as XML says: literal CRLF becomes LF, &#13; stays CR; tabs and breaks in attributes become spaces', () => {
		const r = ok('<a x="one\r\ntwo\tthree" y="keep&#10;this"><b>p\r\nq\rr</b></a>');
		expect(r.root.attrs).toEqual({ x: 'one two three', y: 'keep\nthis' });
		expect(r.root.children[0].text).toBe('p\nq\nr');
	});

	it('refuses what is not well-formed, saying what and where', () => {
		expect(err('')).toBe('holds no XML (it is empty or only spaces)');
		expect(err('PK\u0003\u0004')).toBe('is not XML (it does not start with “<”)');
		expect(err('<a><b></a>')).toBe('is not well-formed XML: </a> closes <b> (line 1)');
		expect(err('<a>\n<b>\n')).toBe('is not well-formed XML: the file ends before <b> is closed (it may be cut short) (line 3)');
		expect(err('<a x="1" x="2"/>')).toMatch(/attribute “x” is repeated in <a>/);
		expect(err('<a x=1/>')).toMatch(/the tag <a> is malformed/);
		expect(err('<a/><b/>')).toMatch(/a second root element <b>/);
		expect(err('<a/>trailing')).toMatch(/text after the root element/);
		expect(err('</a>')).toMatch(/<\/a> closes nothing/);
		expect(err('<a><!-- open </a>')).toMatch(/a comment is not closed/);
		expect(err('<a toString="1" constructor="2"/>')).toBe('parsed');
	});

	it('refuses a DOCTYPE before expanding anything, and deep nesting before the stack runs out', () => {
		expect(err('<!DOCTYPE a [<!ENTITY x "xxxxxxxxxx">]><a>&x;</a>')).toBe(
			'contains a DOCTYPE declaration, which REFI-QDA files never have; it was refused so that no entity in it is expanded'
		);
		expect(err('<a>'.repeat(300) + '</a>'.repeat(300))).toMatch(/nest deeper than 256 levels/);
	});
});

describe('decodeXmlBytes', () => {
	const bytes = (...b: number[]) => new Uint8Array(b);
	it('honours BOMs and the declared encoding, and refuses bytes that are not the encoding', () => {
		const utf8 = new TextEncoder().encode('<a>é</a>');
		expect(decodeXmlBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toMatchObject({ ok: true, text: '<a>é</a>' });
		const le = new Uint8Array([0xff, 0xfe, ...[...'<a>é</a>'].flatMap((c) => [c.charCodeAt(0), 0])]);
		expect(decodeXmlBytes(le)).toMatchObject({ ok: true, text: '<a>é</a>', encoding: 'utf-16le' });
		const latin = new Uint8Array([...new TextEncoder().encode('<?xml version="1.0" encoding="windows-1252"?><a>'), 0xe9, 0x80, ...new TextEncoder().encode('</a>')]);
		expect(decodeXmlBytes(latin)).toMatchObject({ ok: true, text: '<?xml version="1.0" encoding="windows-1252"?><a>é€</a>' });
		expect(decodeXmlBytes(bytes(0x3c, 0x61, 0x3e, 0xff, 0x3c))).toEqual({ ok: false, error: 'is not valid UTF-8 text' });
		expect(decodeXmlBytes(bytes())).toEqual({ ok: false, error: 'is empty (0 bytes)' });
	});
});

describe('small helpers', () => {
	it('decode references once, escape for writing, and match GUIDs whatever their case and braces', () => {
		expect(decodeEntities('&amp;lt; &#65;&#x42; &bogus; &#xD800;')).toBe('&lt; AB &bogus; &#xD800;');
		expect(xmlText('a < b & c > d\r')).toBe('a &lt; b &amp; c &gt; d&#13;');
		expect(xmlAttr('say "hi"\n\t')).toBe('say &quot;hi&quot;&#10;&#9;');
		expect(guidKey(' {0D62985D-B147-5D01-A9B5-CAE5DCD98342} ')).toBe('0d62985d-b147-5d01-a9b5-cae5dcd98342');
		expect(isGuid('{0D62985D-B147-5D01-A9B5-CAE5DCD98342}')).toBe(true);
		expect(isGuid('P07')).toBe(false);
	});
});
