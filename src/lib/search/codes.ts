// Type-ahead over the codebook: fuse.js fuzzy search on code names (weighted) and
// definitions. A codebook is a short list, which is what fuse's linear scan is good for.
import Fuse from 'fuse.js';
import type { Code } from '../domain/types';

export interface CodeHit {
	code: Code;
	/** 0 = perfect match, 1 = no match (fuse's score). */
	score: number;
}

export class CodeSearch {
	private fuse: Fuse<Code>;

	constructor(codes: Code[]) {
		this.fuse = new Fuse(codes, {
			keys: [
				{ name: 'name', weight: 3 },
				{ name: 'definition', weight: 1 }
			],
			threshold: 0.4,
			ignoreLocation: true,
			includeScore: true
		});
	}

	search(query: string, limit = 12): CodeHit[] {
		const q = query.trim();
		if (!q) return [];
		return this.fuse.search(q, { limit }).map((r) => ({ code: r.item, score: r.score ?? 0 }));
	}
}
