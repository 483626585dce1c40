// Heat shading for matrix cells: white to dark teal by size, readable in greyscale (the
// lightness alone carries the order) and with text that contrasts at 4.5:1 or better.

const DARK = [0x1f, 0x4e, 0x54];
const INK_LUMINANCE = 0.0152; // #1f2328

export function mix(t: number): number[] {
	return DARK.map((d) => Math.round(255 + (d - 255) * t));
}

export function luminance(rgb: number[]): number {
	const lin = (c: number) => {
		const s = c / 255;
		return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2]);
}

/** The mix at which the luminance falls to `target` (luminance falls as t grows). */
function mixFor(target: number): number {
	let lo = 0;
	let hi = 1;
	for (let i = 0; i < 30; i++) {
		const mid = (lo + hi) / 2;
		if (luminance(mix(mid)) > target) lo = mid;
		else hi = mid;
	}
	return lo;
}

// Between these luminances neither ink (needs ≥ 0.243) nor white text (needs ≤ 0.183) reaches
// 4.5:1, so the ramp skips that band: light tints carry ink, dark ones white.
const LIGHT_END = mixFor(0.26);
const DARK_START = mixFor(0.17);
const DARKEST = 0.9;

/**
 * A cell's background for a share (0–1) of the largest value: white to dark teal, darker
 * for more, so the order survives greyscale printing; and the text colour (ink or white)
 * that reads on it at 4.5:1 or better.
 */
export function heat(share: number): { background: string; color: string } {
	const x = Math.max(0, Math.min(1, share));
	if (x <= 0) return { background: 'transparent', color: '#1f2328' };
	const t = x <= 0.5 ? 0.06 + (LIGHT_END - 0.06) * (x / 0.5) : DARK_START + (DARKEST - DARK_START) * ((x - 0.5) / 0.5);
	const rgb = mix(t);
	const L = luminance(rgb);
	const onInk = (L + 0.05) / (INK_LUMINANCE + 0.05);
	const onWhite = 1.05 / (L + 0.05);
	return { background: `rgb(${rgb.join(' ')})`, color: onWhite > onInk ? '#ffffff' : '#1f2328' };
}
