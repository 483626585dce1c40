// The thematic map as a picture file: a standalone SVG (one string: no scripts, no external
// fonts or images, presentation attributes instead of CSS, so browsers, Inkscape and Word
// show it alike) and, through the browser's own SVG renderer and a canvas, a PNG.
import { codeDot, MAP_BACKGROUND, MAP_FONT, nodeStyle, nodeText, type MapLayout } from '../domain/mapLayout';

/** Escapes text for XML content and attribute values; drops characters XML 1.0 forbids. */
export function escapeXml(s: string): string {
	return (
		s
			// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
			.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
			.replace(/&/g, '&amp;')
			.replace(/</g, '&lt;')
			.replace(/>/g, '&gt;')
			.replace(/"/g, '&quot;')
			.replace(/'/g, '&apos;')
	);
}

const num = (v: number) => String(Math.round(v * 100) / 100);

export interface SvgOptions {
	/** The picture's title (the <title> element), e.g. "Project — thematic map". */
	title: string;
	/** A longer description (the <desc> element), e.g. the structure in words. */
	description?: string;
	/** Empty space around the map, in px. */
	margin?: number;
}

/** The laid-out map as a standalone SVG document. */
export function mapToSvg(layout: MapLayout, options: SvgOptions): string {
	const m = options.margin ?? 28;
	const x = layout.bounds.x - m;
	const y = layout.bounds.y - m;
	const w = Math.ceil(layout.bounds.w + 2 * m);
	const h = Math.ceil(layout.bounds.h + 2 * m);
	const out: string[] = [];
	out.push('<?xml version="1.0" encoding="UTF-8"?>');
	out.push(
		`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${w}" height="${h}" viewBox="${num(x)} ${num(y)} ${w} ${h}" ` +
			`font-family="${escapeXml(MAP_FONT)}" role="img">`
	);
	out.push(`<title>${escapeXml(options.title)}</title>`);
	if (options.description) out.push(`<desc>${escapeXml(options.description)}</desc>`);
	out.push(`<rect x="${num(x)}" y="${num(y)}" width="${w}" height="${h}" fill="${MAP_BACKGROUND}"/>`);
	out.push('<g fill="none" stroke-linecap="round">');
	for (const e of layout.edges)
		out.push(`<path d="${e.d}" stroke="${escapeXml(e.color)}" stroke-width="${num(e.width)}" stroke-opacity="${num(e.opacity)}"/>`);
	out.push('</g>');
	for (const n of layout.nodes) {
		const s = nodeStyle(n);
		out.push(`<g${s.opacity < 1 ? ` opacity="${num(s.opacity)}"` : ''}>`);
		out.push(`<title>${escapeXml(n.label)}</title>`);
		out.push(
			`<rect x="${num(n.x)}" y="${num(n.y)}" width="${num(n.w)}" height="${num(n.h)}" rx="${num(s.rx)}" fill="${escapeXml(s.fill)}"` +
				(s.strokeWidth > 0 ? ` stroke="${escapeXml(s.stroke)}" stroke-width="${num(s.strokeWidth)}"` : '') +
				(s.dash ? ` stroke-dasharray="${s.dash}"` : '') +
				'/>'
		);
		const dot = codeDot(n);
		if (dot)
			out.push(`<circle cx="${num(dot.cx)}" cy="${num(dot.cy)}" r="${num(dot.r)}" fill="${escapeXml(n.color)}" stroke="#000000" stroke-opacity="0.25"/>`);
		for (const t of nodeText(n))
			out.push(
				`<text x="${num(t.x)}" y="${num(t.y)}" font-size="${num(t.size)}" font-weight="${t.weight}" fill="${t.fill}"` +
					(t.anchor !== 'start' ? ` text-anchor="${t.anchor}"` : '') +
					(t.italic ? ' font-style="italic"' : '') +
					`>${escapeXml(t.text)}</text>`
			);
		out.push('</g>');
	}
	out.push('</svg>');
	return out.join('\n') + '\n';
}

/** The width and height attributes of an SVG document's root. */
export function svgSize(svg: string): { width: number; height: number } {
	const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
	const attr = (name: string) => Number(new RegExp(`\\s${name}="([0-9.]+)"`).exec(root)?.[1] ?? NaN);
	const width = attr('width');
	const height = attr('height');
	if (!(width > 0) || !(height > 0)) throw new Error('The SVG has no width and height.');
	return { width, height };
}

/** Browsers refuse canvases much beyond this many pixels. */
const MAX_PIXELS = 60_000_000;
const MAX_SIDE = 16_000;

/**
 * Renders an SVG document to a PNG at `scale` times its size (less when that would make a
 * canvas larger than browsers allow). Browser only: it uses Image and <canvas>.
 */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
	const { width, height } = svgSize(svg);
	const fit = Math.min(scale, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_PIXELS / (width * height)));
	const cw = Math.max(1, Math.round(width * fit));
	const ch = Math.max(1, Math.round(height * fit));
	const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
	try {
		const img = new Image();
		await new Promise<void>((resolve, reject) => {
			img.onload = () => resolve();
			img.onerror = () => reject(new Error('The browser could not draw the map’s SVG.'));
			img.src = url;
		});
		const canvas = document.createElement('canvas');
		canvas.width = cw;
		canvas.height = ch;
		const ctx = canvas.getContext('2d');
		if (!ctx) throw new Error('This browser cannot draw on a canvas.');
		ctx.fillStyle = '#ffffff';
		ctx.fillRect(0, 0, cw, ch);
		ctx.drawImage(img, 0, 0, cw, ch);
		return await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The browser could not make a PNG of the map.'))), 'image/png')
		);
	} finally {
		URL.revokeObjectURL(url);
	}
}
