// GUIDs for REFI-QDA files. REFI wants every guid to look like 8-4-4-4-12 hex digits; Tema's own
// ids are random UUIDs for everything made in the app, but imported and sample rows may carry
// ids such as "P07" or "AWR_SOMATIC". Those get a name-based GUID (RFC 4122 version 5 layout:
// SHA-1 of a namespace and the kind-qualified id), so the same project always exports the same
// GUIDs, and a GUID id is written as it is, so ids survive an export and re-import.

const GUID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\})$/i;

/** True for what REFI's GUIDType accepts (with or without braces). */
export function isGuid(id: string): boolean {
	return GUID.test(id);
}

const W = new Uint32Array(80);

/** SHA-1 of bytes (synchronous, so an export needs no async crypto). FIPS 180-4. */
export function sha1(bytes: Uint8Array): Uint8Array {
	const ml = bytes.length;
	const words = new Uint32Array((((ml + 8) >> 6) + 1) * 16);
	for (let i = 0; i < ml; i++) words[i >> 2] |= bytes[i] << (24 - (i % 4) * 8);
	words[ml >> 2] |= 0x80 << (24 - (ml % 4) * 8);
	// Message length in bits as a 64-bit big-endian number (high word only matters above 512 MB).
	words[words.length - 2] = Math.floor(ml / 0x20000000);
	words[words.length - 1] = (ml * 8) >>> 0;
	let h0 = 0x67452301,
		h1 = 0xefcdab89,
		h2 = 0x98badcfe,
		h3 = 0x10325476,
		h4 = 0xc3d2e1f0;
	const w = W;
	for (let off = 0; off < words.length; off += 16) {
		for (let t = 0; t < 16; t++) w[t] = words[off + t];
		for (let t = 16; t < 80; t++) {
			const x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16];
			w[t] = (x << 1) | (x >>> 31);
		}
		let a = h0,
			b = h1,
			c = h2,
			d = h3,
			e = h4;
		for (let t = 0; t < 80; t++) {
			const f = t < 20 ? (b & c) | (~b & d) : t < 40 ? b ^ c ^ d : t < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
			const k = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc : 0xca62c1d6;
			const temp = (((a << 5) | (a >>> 27)) + f + e + k + w[t]) >>> 0;
			e = d;
			d = c;
			c = (b << 30) | (b >>> 2);
			b = a;
			a = temp;
		}
		h0 = (h0 + a) >>> 0;
		h1 = (h1 + b) >>> 0;
		h2 = (h2 + c) >>> 0;
		h3 = (h3 + d) >>> 0;
		h4 = (h4 + e) >>> 0;
	}
	const out = new Uint8Array(20);
	[h0, h1, h2, h3, h4].forEach((h, i) => {
		out[i * 4] = h >>> 24;
		out[i * 4 + 1] = (h >>> 16) & 0xff;
		out[i * 4 + 2] = (h >>> 8) & 0xff;
		out[i * 4 + 3] = h & 0xff;
	});
	return out;
}

/** Tema's namespace for name-based GUIDs (itself a random v4 UUID, fixed forever). */
export const TEMA_GUID_NAMESPACE = '5b0e6f0a-3c1d-4f7e-9a55-2f6c1e8d7b40';
const NS_BYTES = Uint8Array.from(TEMA_GUID_NAMESPACE.replace(/-/g, '').match(/../g)!, (h) => parseInt(h, 16));
const encoder = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The version 5 (SHA-1, name-based) UUID of `name` in Tema's namespace. */
export function nameGuid(name: string): string {
	const nameBytes = encoder.encode(name);
	const input = new Uint8Array(16 + nameBytes.length);
	input.set(NS_BYTES);
	input.set(nameBytes, 16);
	const h = sha1(input);
	h[6] = (h[6] & 0x0f) | 0x50;
	h[8] = (h[8] & 0x3f) | 0x80;
	let s = '';
	for (let i = 0; i < 16; i++) {
		s += HEX[h[i]];
		if (i === 3 || i === 5 || i === 7 || i === 9) s += '-';
	}
	return s;
}

/**
 * Hands out the GUIDs of one file: an id that already is a GUID keeps it (the first time it is
 * seen; a second use of the same GUID by another kind of row gets a name-based one instead, so
 * GUIDs stay unique within the file), any other id gets nameGuid(`${kind}:${id}`). The same
 * (kind, id) always gets the same GUID.
 */
export class GuidMap {
	readonly #byKey = new Map<string, string>();
	readonly #used = new Set<string>();

	get(kind: string, id: string): string {
		const key = `${kind}\u0000${id}`;
		const known = this.#byKey.get(key);
		if (known !== undefined) return known;
		let guid = isGuid(id) ? id.replace(/^\{|\}$/g, '') : nameGuid(`${kind}:${id}`);
		for (let n = 2; this.#used.has(guid.toLowerCase()); n++) guid = nameGuid(`${kind}:${id}:${n}`);
		this.#used.add(guid.toLowerCase());
		this.#byKey.set(key, guid);
		return guid;
	}

	/**
	 * As get, for an id that is asked for once only (a coding): the uniqueness check without
	 * remembering the answer, which saves a map entry per coding in a large export.
	 */
	once(kind: string, id: string): string {
		let guid = isGuid(id) ? (id.charCodeAt(0) === 123 ? id.slice(1, -1) : id) : nameGuid(`${kind}:${id}`);
		for (let n = 2; this.#used.has(guid.toLowerCase()); n++) guid = nameGuid(`${kind}:${id}:${n}`);
		this.#used.add(guid.toLowerCase());
		return guid;
	}

	/** A GUID for something with no id of its own (a selection made for a coding), from a name. */
	derived(name: string): string {
		return this.get('derived', name);
	}

	/**
	 * A second GUID tied to `guid` (the selection that holds a coding): the same digits with the
	 * last group's bits flipped, which is cheap for 60,000 codings and as unique as the GUID; if it
	 * is taken after all, the name-based GUID of `name` instead.
	 */
	companion(guid: string, name: string): string {
		const hi = (parseInt(guid.slice(24, 30), 16) ^ 0xffffff).toString(16).padStart(6, '0');
		const lo = (parseInt(guid.slice(30, 36), 16) ^ 0xffffff).toString(16).padStart(6, '0');
		const out = `${guid.slice(0, 24)}${hi}${lo}`;
		if (this.#used.has(out.toLowerCase())) return this.get('derived', name);
		this.#used.add(out.toLowerCase());
		return out;
	}
}
