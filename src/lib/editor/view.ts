// Mounts a transcript as a read-only but selectable ProseMirror view and hides every
// ProseMirror detail behind a small controller that speaks text offsets: the UI passes
// codings in and gets selections, the codings under the caret and hovered highlights out.

import { EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { SpanCoding } from '../domain/segments';
import type { Turn } from '../domain/types';
import { readOnlyGuard } from './guard';
import {
	ALL,
	codingIdsAt,
	extendHighlights,
	highlightKey,
	highlightsPlugin,
	recolor as recolorTr,
	setCodings as setCodingsTr,
	updateCodings as updateCodingsTr,
	type CodeColors
} from './highlights';
import { codingKeymap, syncedState, type CodingHandlers } from './keymap';
import type { TextRange } from './positions';
import { buildDoc } from './schema';
import { turnNavigation } from './turnNav';

export interface TranscriptViewOptions {
	text: string;
	turns: readonly Turn[];
	codings: readonly SpanCoding[];
	colors: CodeColors;
	/** Accessible name of the text box, e.g. "Transcript P03". */
	ariaLabel: string;
	handlers: CodingHandlers;
	/** The selection as text offsets (null when empty); called when it changes. */
	onSelection(range: TextRange | null): void;
	/** Codings under the caret (the selection head); called on every selection change. */
	onCursorCodings(ids: string[]): void;
	/**
	 * A highlight under the pointer, or under the caret after keyboard movement; called with
	 * ([], null) when it is left.
	 */
	onHover?(ids: string[], rect: DOMRect | null): void;
	/** Where the reader will look first (e.g. an extract opened from a list); default 0. */
	initialOffset?: number;
}

export interface TranscriptView {
	/** Resolves when every highlight is painted (long transcripts paint in idle slices). */
	whenPainted(): Promise<void>;
	/** Replaces all highlights. */
	setCodings(codings: readonly SpanCoding[], colors: CodeColors): void;
	/**
	 * Applies a small change, repainting only the affected overlap cluster. Pass `colors` when
	 * the change brought a new code; use `recolor` when an existing code changed colour.
	 */
	update(
		added: readonly SpanCoding[],
		removedIds: readonly string[],
		all: readonly SpanCoding[],
		colors?: CodeColors
	): void;
	/** New code colours for the same codings. */
	recolor(colors: CodeColors): void;
	/** Scrolls the text at `offset` into the middle of the viewport. */
	scrollToOffset(offset: number): void;
	/** Selects [start, end) (a caret when equal) and scrolls it into view. */
	select(start: number, end: number): void;
	focus(): void;
	selection(): TextRange | null;
	/**
	 * The selection after bringing the editor up to date with the page's (a keyboard
	 * selection made just before reaches ProseMirror asynchronously; see syncedState).
	 */
	syncedSelection(): TextRange | null;
	/**
	 * The text offset at the lower edge of what is visible of the text in the window's
	 * viewport: how far a reader has seen. The text's length when its end is in view, 0 when
	 * the text is below the viewport, null where there is no layout (jsdom). One
	 * posAtCoords: call it throttled (e.g. every 500 ms while scrolling), not per event.
	 */
	offsetAtViewportBottom(): number | null;
	destroy(): void;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((id, i) => id === b[i]);
}

function idsOf(el: Element): string[] {
	return (el.getAttribute('data-codings') ?? '').split(' ').filter(Boolean);
}

// Layout-dependent calls do nothing useful (or throw) where there is no layout, as in jsdom.
function scrollElementIntoView(el: Element | null): void {
	if (el && typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'center' });
}

/**
 * Long, densely coded transcripts get their highlights in slices: first the text around
 * where the reader starts (well beyond one screen), then the rest in idle time, a slice per
 * task, so the transcript shows as fast as plain text and stays responsive while the rest
 * is painted. Short ones are painted whole at once.
 */
const PROGRESSIVE_MIN_CODINGS = 400;
const FIRST_WINDOW_BEFORE = 3_000;
const FIRST_WINDOW_AFTER = 12_000;
const SLICE = 30_000;

type IdleHandle = { cancel(): void };
function whenIdle(fn: () => void): IdleHandle {
	if (typeof requestIdleCallback === 'function') {
		const id = requestIdleCallback(fn, { timeout: 50 });
		return { cancel: () => cancelIdleCallback(id) };
	}
	const id = setTimeout(fn, 0);
	return { cancel: () => clearTimeout(id) };
}

export function createTranscriptView(mount: HTMLElement, opts: TranscriptViewOptions): TranscriptView {
	const { doc, map } = buildDoc(opts.text, opts.turns);
	const total = opts.text.length;
	const progressive = opts.codings.length >= PROGRESSIVE_MIN_CODINGS && total > FIRST_WINDOW_BEFORE + FIRST_WINDOW_AFTER;
	const at = Math.max(0, Math.min(total, opts.initialOffset ?? 0));
	const window = progressive ? { from: Math.max(0, at - FIRST_WINDOW_BEFORE), to: at + FIRST_WINDOW_AFTER } : ALL;
	const state = EditorState.create({
		doc,
		plugins: [
			codingKeymap(opts.handlers),
			turnNavigation(map, opts.turns),
			readOnlyGuard(),
			highlightsPlugin({ map, codings: opts.codings, colors: opts.colors, window })
		]
	});

	let lastRange: TextRange | null = null;
	let lastCursorIds: string[] = [];
	let hovered: Element | null = null;
	// Whether the last selection change came from the keyboard: only then does the caret
	// stand in for the pointer and report a hover.
	let keyboardMoved = false;
	let caretHover = false;
	let destroyed = false;

	// The element holding the character after `pos` (its text's parent, or the child element
	// a boundary position points at).
	const domAt = (pos: number): Element | null => {
		const { node, offset } = view.domAtPos(pos, 1);
		if (node.nodeType !== 1) return node.parentElement;
		const child = node.childNodes[offset];
		return child?.nodeType === 1 ? (child as Element) : (node as Element);
	};

	const reportCaretHover = (ids: string[], head: number) => {
		if (!opts.onHover) return;
		if (ids.length > 0) {
			const el = domAt(head)?.closest('.hl') ?? null;
			opts.onHover(ids, el ? el.getBoundingClientRect() : null);
			caretHover = true;
		} else if (caretHover) {
			opts.onHover([], null);
			caretHover = false;
		}
	};

	const afterUpdate = (before: EditorState, after: EditorState) => {
		const selectionChanged = !after.selection.eq(before.selection);
		if (selectionChanged) {
			const range = map.selectionToRange(after);
			if (range?.start !== lastRange?.start || range?.end !== lastRange?.end) {
				lastRange = range;
				opts.onSelection(range);
			}
		}
		const highlightsChanged = highlightKey.getState(after) !== highlightKey.getState(before);
		if (!selectionChanged && !highlightsChanged) return;
		const ids = codingIdsAt(after, after.selection.head);
		if (selectionChanged || !sameIds(ids, lastCursorIds)) {
			lastCursorIds = ids;
			opts.onCursorCodings(ids);
		}
		if (selectionChanged && keyboardMoved) reportCaretHover(ids, after.selection.head);
	};

	const view: EditorView = new EditorView(mount, {
		state,
		attributes: {
			class: 'transcript',
			role: 'textbox',
			'aria-multiline': 'true',
			'aria-readonly': 'true',
			'aria-label': opts.ariaLabel,
			spellcheck: 'false',
			autocorrect: 'off',
			autocapitalize: 'off',
			// Nothing can be typed, so touch devices should not open an on-screen keyboard.
			inputmode: 'none',
			// Machine translation rewrites the DOM under ProseMirror and would send the text away.
			translate: 'no'
		},
		// Copy the exact characters of the transcript (line endings included), not
		// ProseMirror's re-serialisation of the blocks.
		clipboardTextSerializer: (slice, v) => {
			const range = map.selectionToRange(v.state);
			return range
				? opts.text.slice(range.start, range.end)
				: slice.content.textBetween(0, slice.content.size, '\n');
		},
		dispatchTransaction(tr: Transaction) {
			if (destroyed) return;
			const before = view.state;
			const after = before.apply(tr);
			view.updateState(after);
			afterUpdate(before, after);
		}
	});

	const onKeyDown = () => {
		keyboardMoved = true;
	};
	const onPointerDown = () => {
		keyboardMoved = false;
	};
	const onMouseOver = (event: MouseEvent) => {
		const target = event.target as Element | null;
		const el = typeof target?.closest === 'function' ? target.closest('.hl') : null;
		if (el === hovered) return;
		hovered = el;
		if (el) opts.onHover?.(idsOf(el), el.getBoundingClientRect());
		else opts.onHover?.([], null);
	};
	const onMouseLeave = () => {
		if (!hovered) return;
		hovered = null;
		opts.onHover?.([], null);
	};
	// Paint the rest of the highlights, one slice per idle task: after the painted range,
	// then before it, until the whole text is covered.
	let painting: IdleHandle | null = null;
	let paintedResolve: () => void = () => {};
	const painted = new Promise<void>((resolve) => (paintedResolve = resolve));
	const paintNext = () => {
		painting = null;
		if (destroyed) return;
		const done = highlightKey.getState(view.state)!.painted;
		let next: { from: number; to: number } | null = null;
		if (done.to < total) next = { from: done.to, to: Math.min(total, done.to + SLICE) };
		else if (done.from > 0) next = { from: Math.max(0, done.from - SLICE), to: done.from };
		if (!next) {
			paintedResolve();
			return;
		}
		view.dispatch(extendHighlights(view.state, next));
		painting = whenIdle(paintNext);
	};
	// Start only after the first frame is on screen, so the slices never delay it.
	const afterFirstFrame = (fn: () => void): IdleHandle => {
		if (typeof requestAnimationFrame !== 'function') return whenIdle(fn);
		let inner: IdleHandle | null = null;
		const id = requestAnimationFrame(() => (inner = whenIdle(fn)));
		return { cancel: () => (inner ? inner.cancel() : cancelAnimationFrame(id)) };
	};
	if (progressive) painting = afterFirstFrame(paintNext);
	else paintedResolve();

	view.dom.addEventListener('keydown', onKeyDown, true);
	view.dom.addEventListener('mousedown', onPointerDown, true);
	view.dom.addEventListener('mouseover', onMouseOver);
	view.dom.addEventListener('mouseleave', onMouseLeave);

	return {
		whenPainted: () => painted,
		setCodings(codings, colors) {
			if (!destroyed) view.dispatch(setCodingsTr(view.state, codings, colors));
		},
		update(added, removedIds, all, colors) {
			if (!destroyed) view.dispatch(updateCodingsTr(view.state, { added, removed: removedIds, all, colors }));
		},
		recolor(colors) {
			if (!destroyed) view.dispatch(recolorTr(view.state, colors));
		},
		scrollToOffset(offset) {
			if (!destroyed) scrollElementIntoView(domAt(map.toPos(offset)));
		},
		select(start, end) {
			if (destroyed) return;
			const { from, to } = map.rangeToPos(Math.min(start, end), Math.max(start, end));
			view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, from, to)));
			scrollElementIntoView(domAt(from));
		},
		focus() {
			if (!destroyed) view.focus();
		},
		selection() {
			return destroyed ? null : map.selectionToRange(view.state);
		},
		syncedSelection() {
			return destroyed ? null : map.selectionToRange(syncedState(view.state, view));
		},
		offsetAtViewportBottom() {
			if (destroyed) return null;
			const win = view.dom.ownerDocument.defaultView;
			const rect = view.dom.getBoundingClientRect();
			if (!win || rect.height === 0) return null;
			if (rect.top >= win.innerHeight) return 0;
			// The last line of text: below it there is only the text's bottom padding.
			const last = view.dom.lastElementChild?.getBoundingClientRect();
			if (last && last.bottom <= win.innerHeight) return total;
			const y = Math.min(win.innerHeight, rect.bottom) - 2;
			const x = rect.left + Math.min(24, rect.width / 2);
			try {
				const hit = view.posAtCoords({ left: x, top: y });
				return hit ? map.toOffset(hit.pos) : null;
			} catch {
				return null; // no layout
			}
		},
		destroy() {
			if (destroyed) return;
			painting?.cancel();
			view.dom.removeEventListener('keydown', onKeyDown, true);
			view.dom.removeEventListener('mousedown', onPointerDown, true);
			view.dom.removeEventListener('mouseover', onMouseOver);
			view.dom.removeEventListener('mouseleave', onMouseLeave);
			view.destroy();
			destroyed = true;
		}
	};
}
