// The exported map as XML: parsed with jsdom's DOMParser (image/svg+xml is a strict XML parse).
import { describe, expect, it } from 'vitest';
import { layoutMap } from '../domain/mapLayout';
import type { Theme } from '../domain/types';
import { code } from '../../../tests/fixtures/codes';
import { escapeXml, mapToSvg, svgSize } from './svgImage';
import { makeTheme } from '../../../tests/fixtures/themes';

const SVG_NS = 'http://www.w3.org/2000/svg';

function theme(id: string, parentId: string | null, order: number, name: string, codeIds: string[], extra: Partial<Theme> = {}): Theme {
	return makeTheme(id, { parentId, order, name, codeIds, status: 'kept', ...extra });
}

const hostile = '<script>alert("x")</script> & Tom\'s "quotes"';

function layout() {
	return layoutMap({
		title: 'R&D <project>',
		themes: [
			theme('M', null, 0, 'Change in perceptions', []),
			theme('A', 'M', 0, hostile, ['c1', 'c2']),
			theme('B', 'M', 1, 'Self-confidence', ['c2'], { color: '#fde68a' }),
			theme('D', null, 1, 'Discarded one', ['c1'], { status: 'discarded' })
		],
		codes: [code('c1', null, 0, { name: 'Letting thoughts be & <b>bold</b>' }), code('c2', null, 1, { name: 'Routines\u0007 ok' })],
		counts: new Map([['c1', { extracts: 12 }]])
	});
}

function parse(svg: string): Document {
	const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
	expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
	return doc;
}

describe('mapToSvg', () => {
	it('is well-formed standalone SVG with a title, size and viewBox', () => {
		const svg = mapToSvg(layout(), { title: 'R&D <project> — thematic map', description: 'Two themes & a code' });
		expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
		const doc = parse(svg);
		const root = doc.documentElement;
		expect(root.localName).toBe('svg');
		expect(root.namespaceURI).toBe(SVG_NS);
		expect(root.getAttribute('width')).toMatch(/^\d+$/);
		expect(root.getAttribute('viewBox')!.split(' ')).toHaveLength(4);
		const [, , vw, vh] = root.getAttribute('viewBox')!.split(' ').map(Number);
		expect(vw).toBe(Number(root.getAttribute('width')));
		expect(vh).toBe(Number(root.getAttribute('height')));
		expect(svgSize(svg)).toEqual({ width: vw, height: vh });
		expect(root.querySelector(':scope > title')!.textContent).toBe('R&D <project> — thematic map');
		expect(root.querySelector(':scope > desc')!.textContent).toBe('Two themes & a code');
		// Self-contained: no scripts, links, images, styles or web fonts.
		expect(root.querySelectorAll('script, image, use, style, foreignObject, a')).toHaveLength(0);
		expect(svg).not.toMatch(/url\(|href|@import|@font-face|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
		expect(root.getAttribute('font-family')).toContain('system-ui');
	});

	it('keeps hostile names as text, escaped', () => {
		const svg = mapToSvg(layout(), { title: hostile });
		const doc = parse(svg);
		expect(doc.getElementsByTagName('script')).toHaveLength(0);
		expect(doc.getElementsByTagName('b')).toHaveLength(0);
		expect(doc.documentElement.querySelector('title')!.textContent).toBe(hostile);
		const titles = [...doc.querySelectorAll('g > title')].map((t) => t.textContent);
		expect(titles).toContain(hostile);
		expect(titles).toContain('Letting thoughts be & <b>bold</b>');
		// The forbidden control character is dropped, the rest kept.
		expect(titles).toContain('Routines ok');
		const texts = [...doc.getElementsByTagName('text')].map((t) => t.textContent).join(' ');
		expect(texts.replace(/\s/g, '')).toContain('<script>alert("x")</script>');
		expect(texts).toContain('R&D <project>');
		expect(svg).not.toContain('<script>');
	});

	it('draws one shape per node, one path per link, and leaves discarded themes out', () => {
		const l = layout();
		const doc = parse(mapToSvg(l, { title: 'map' }));
		expect(l.nodes.some((n) => n.label === 'Discarded one')).toBe(false);
		expect(doc.querySelectorAll('g > rect')).toHaveLength(l.nodes.length);
		expect(doc.getElementsByTagName('path')).toHaveLength(l.edges.length);
		expect(doc.getElementsByTagName('circle')).toHaveLength(l.nodes.filter((n) => n.kind === 'code').length);
		// The count of extracts is written on the code.
		expect([...doc.getElementsByTagName('text')].some((t) => t.textContent === '12')).toBe(true);
		// Text on the light yellow theme is dark, on the violet main theme white.
		const fillOf = (start: string) => [...doc.getElementsByTagName('text')].find((t) => t.textContent!.startsWith(start))?.getAttribute('fill');
		expect(fillOf('Self-confidence')).toBe('#1f2328');
		expect(fillOf('Change in')).toBe('#ffffff');
	});

	it('escapes the five XML characters', () => {
		expect(escapeXml(`<a href="x">Tom's & co</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom&apos;s &amp; co&lt;/a&gt;');
	});
});
