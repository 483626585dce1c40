import { describe, expect, it } from 'vitest';
import { heat } from './heat';

function lum(css: string): number {
	const m = /rgb\((\d+) (\d+) (\d+)\)/.exec(css);
	const rgb = m ? [1, 2, 3].map((i) => Number(m[i])) : [255, 255, 255];
	const lin = (c: number) => {
		const s = c / 255;
		return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2]);
}

describe('heat shading', () => {
	const shares = Array.from({ length: 101 }, (_, i) => i / 100);

	it('every tint keeps its text at 4.5:1 or better', () => {
		for (const x of shares) {
			const h = heat(x);
			const bg = lum(h.background);
			const fg = h.color === '#ffffff' ? 1 : lum('rgb(31 35 40)');
			const ratio = (Math.max(bg, fg) + 0.05) / (Math.min(bg, fg) + 0.05);
			expect(ratio, `share ${x}: ${h.background} with ${h.color}`).toBeGreaterThanOrEqual(4.5);
		}
	});

	it('gets darker as the share grows, so greyscale keeps the order', () => {
		const ls = shares.slice(1).map((x) => lum(heat(x).background));
		for (let i = 1; i < ls.length; i++) expect(ls[i]).toBeLessThanOrEqual(ls[i - 1]);
		expect(heat(0).background).toBe('transparent');
		expect(heat(1).color).toBe('#ffffff');
		expect(heat(0.1).color).toBe('#1f2328');
	});
});
