// Keeps a transcript read-only while it stays a real contenteditable, so the reader can
// place a caret and extend selections with the keyboard (Shift+arrows, Shift+Ctrl+arrows)
// as well as the mouse. Every route to a change is closed twice: the DOM event is cancelled
// where the browser allows it, and any transaction that changes the document is rejected.

import { Plugin, PluginKey } from 'prosemirror-state';

export const guardKey = new PluginKey('tema-read-only-guard');

const EDITING_KEYS = new Set(['Enter', 'Backspace', 'Delete']);

export function readOnlyGuard(): Plugin {
	return new Plugin({
		key: guardKey,
		// The last line of defence: IME composition and other input the browser will not let us
		// cancel still reaches ProseMirror, which then redraws the untouched document.
		filterTransaction: (tr) => !tr.docChanged,
		props: {
			handleKeyDown: (_view, event) => EDITING_KEYS.has(event.key),
			handleTextInput: () => true,
			handlePaste: () => true,
			handleDrop: () => true,
			handleDOMEvents: {
				beforeinput: (_view, event) => {
					event.preventDefault();
					return true;
				},
				// Copy stays allowed: quoting from a transcript is the point of reading it.
				cut: (_view, event) => {
					event.preventDefault();
					return true;
				}
			}
		}
	});
}
