// Coding shortcuts on the transcript. The letter and digit keys act only on a non-empty
// selection and otherwise return false, so the same keys stay free for the app (and for
// type-to-search) when nothing is selected; undo and redo always apply.

import type { Command, EditorState, Plugin } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { keymap } from 'prosemirror-keymap';

export interface CodingHandlers {
	/** Apply the n-th most recent code (1-based) to the selection. */
	applyRecent(n: number): boolean;
	/** Open the code palette for the selection. */
	openPalette(): boolean;
	/** Create a code named after the selected words. */
	inVivo(): boolean;
	undo(): boolean;
	redo(): boolean;
}

/**
 * The editor's selection, brought up to date with the page's. A selection made with the
 * keyboard (Shift+End) reaches ProseMirror through the asynchronous `selectionchange` event;
 * a key pressed right after it (V, 1–9) would otherwise still see the old, empty selection.
 * ProseMirror reads the DOM selection when that event fires, so firing it now syncs it.
 */
export function syncedState(state: EditorState, view?: EditorView): EditorState {
	if (!view?.dom || !state.selection.empty || !view.hasFocus()) return state;
	const dom = view.dom.ownerDocument.getSelection();
	if (!dom || dom.isCollapsed) return state;
	view.dom.ownerDocument.dispatchEvent(new Event('selectionchange'));
	return view.state;
}

export function codingKeymap(handlers: CodingHandlers): Plugin {
	const onSelection =
		(run: () => boolean): Command =>
		(state, _dispatch, view) =>
			!syncedState(state, view).selection.empty && run();
	const bindings: Record<string, Command> = {
		c: onSelection(() => handlers.openPalette()),
		'/': onSelection(() => handlers.openPalette()),
		v: onSelection(() => handlers.inVivo()),
		'Mod-z': () => handlers.undo(),
		'Shift-Mod-z': () => handlers.redo(),
		// With Shift held most browsers report the key as "Z"; bind both spellings.
		'Shift-Mod-Z': () => handlers.redo(),
		'Mod-y': () => handlers.redo()
	};
	for (let n = 1; n <= 9; n++) bindings[String(n)] = onSelection(() => handlers.applyRecent(n));
	return keymap(bindings);
}
