// The single place that converts ProseMirror positions <-> UTF-16 text offsets. Each non-blank
// line of the transcript is one block whose text is the line verbatim, so inside a line the
// mapping is a shift; line breaks and blank lines have no position and clamp to a block edge.
// Blocks sit in sections of CHUNK_SIZE (see schema.ts). Built once per document from the line
// table; every lookup is a binary search.

import type { EditorState } from 'prosemirror-state';

export interface LineSpan {
	/** Offset of the line's first character. */
	start: number;
	/** Offset just past its last character (before the line break). */
	end: number;
}

export interface PosRange {
	from: number;
	to: number;
}

export interface TextRange {
	start: number;
	end: number;
}

/**
 * Blocks per section. ProseMirror builds a DecorationSet by scanning every decoration once
 * per child node, so a flat document of 2,600 lines with 7,000 highlight pieces costs ~18M
 * steps per rebuild; one level of sections cuts that about fortyfold.
 */
export const CHUNK_SIZE = 64;

/** Which way an offset in a line break or blank line clamps: back, nearest, forward. */
export type Bias = -1 | 0 | 1;

/** Index of the last element <= value in an ascending array, or -1. */
function lastAtOrBefore(arr: readonly number[], value: number): number {
	let lo = 0;
	let hi = arr.length - 1;
	let found = -1;
	while (lo <= hi) {
		const mid = (lo + hi) >>> 1;
		if (arr[mid] <= value) {
			found = mid;
			lo = mid + 1;
		} else hi = mid - 1;
	}
	return found;
}

export class PositionMap {
	/** Text offset where each block's text starts / ends. */
	readonly starts: readonly number[];
	readonly ends: readonly number[];
	/** ProseMirror position of the start of each block's content. */
	readonly posStarts: readonly number[];

	/**
	 * `lines` are the blocks of the document in order, one per non-blank line, grouped into
	 * sections of `chunkSize`. An empty document still has one (empty) block, so the table is
	 * never empty.
	 */
	constructor(lines: readonly LineSpan[], chunkSize = CHUNK_SIZE) {
		const list = lines.length > 0 ? lines : [{ start: 0, end: 0 }];
		const starts: number[] = new Array(list.length);
		const ends: number[] = new Array(list.length);
		const posStarts: number[] = new Array(list.length);
		// Every node costs an opening and a closing token around its content.
		let pos = 0;
		for (let i = 0; i < list.length; i++) {
			if (i % chunkSize === 0) pos += i > 0 ? 2 : 1;
			starts[i] = list[i].start;
			ends[i] = list[i].end;
			posStarts[i] = pos + 1;
			pos += list[i].end - list[i].start + 2;
		}
		this.starts = starts;
		this.ends = ends;
		this.posStarts = posStarts;
	}

	get blockCount(): number {
		return this.starts.length;
	}

	/** Index of the block containing `offset`, or of the block before the gap it falls in (-1 before the first). */
	blockAt(offset: number): number {
		return lastAtOrBefore(this.starts, offset);
	}

	/** Position for a text offset; offsets in a line break or blank line clamp by `bias`. */
	toPos(offset: number, bias: Bias = 0): number {
		const i = this.blockAt(offset);
		if (i < 0) return this.posStarts[0];
		if (offset <= this.ends[i]) return this.posStarts[i] + (offset - this.starts[i]);
		const endOfThis = this.posStarts[i] + (this.ends[i] - this.starts[i]);
		if (i === this.starts.length - 1) return endOfThis;
		const startOfNext = this.posStarts[i + 1];
		if (bias < 0) return endOfThis;
		if (bias > 0) return startOfNext;
		return offset - this.ends[i] <= this.starts[i + 1] - offset ? endOfThis : startOfNext;
	}

	/** Text offset for a position; a position between blocks maps to the end of the block before it. */
	toOffset(pos: number): number {
		const i = lastAtOrBefore(this.posStarts, pos);
		if (i < 0) return this.starts[0];
		const rel = pos - this.posStarts[i];
		const len = this.ends[i] - this.starts[i];
		return rel <= len ? this.starts[i] + rel : this.ends[i];
	}

	/**
	 * Positions for a text range. A range that starts or ends in a line break moves inwards
	 * onto the nearest block edge, so it never selects an empty block end; a range that lies
	 * wholly inside a gap collapses to one position.
	 */
	rangeToPos(start: number, end: number): PosRange {
		const from = this.toPos(start, 1);
		const to = this.toPos(end, -1);
		return to >= from ? { from, to } : { from, to: from };
	}

	/**
	 * The non-empty pieces of a text range, one per block it touches. Inline decorations
	 * are made from these so that each lies inside one block.
	 */
	blockRanges(start: number, end: number): PosRange[] {
		const out: PosRange[] = [];
		let i = Math.max(0, this.blockAt(start));
		for (; i < this.starts.length && this.starts[i] < end; i++) {
			const s = Math.max(start, this.starts[i]);
			const e = Math.min(end, this.ends[i]);
			if (e > s) {
				const base = this.posStarts[i] - this.starts[i];
				out.push({ from: base + s, to: base + e });
			}
		}
		return out;
	}

	/** The selection as a text range, or null when it is empty (or covers no text). */
	selectionToRange(state: EditorState): TextRange | null {
		const { from, to, empty } = state.selection;
		if (empty) return null;
		const start = this.toOffset(from);
		const end = this.toOffset(to);
		return end > start ? { start, end } : null;
	}
}
