// Moving through a transcript turn by turn: Alt+ArrowDown / Alt+ArrowUp put the caret at
// the start of the next / previous turn's spoken text (after the label), and Shift extends
// the selection there, so whole answers can be selected from the keyboard.
import { keymap } from 'prosemirror-keymap';
import { TextSelection, type Command, type Plugin } from 'prosemirror-state';
import type { Turn } from '../domain/types';
import type { PositionMap } from './positions';

/** Index of the next (dir 1) or previous (dir -1) turn from offset, or -1. */
export function neighbourTurn(turns: readonly Turn[], offset: number, dir: 1 | -1): number {
	if (dir === 1) return turns.findIndex((t) => t.textStart > offset);
	for (let i = turns.length - 1; i >= 0; i--) if (turns[i].textStart < offset) return i;
	return -1;
}

export function turnNavigation(map: PositionMap, turns: readonly Turn[]): Plugin {
	const move =
		(dir: 1 | -1, extend: boolean): Command =>
		(state, dispatch) => {
			const head = map.toOffset(state.selection.head);
			const i = neighbourTurn(turns, head, dir);
			if (i < 0) return false;
			const pos = map.toPos(turns[i].textStart);
			if (dispatch) {
				const anchor = extend ? state.selection.anchor : pos;
				dispatch(state.tr.setSelection(TextSelection.create(state.doc, anchor, pos)).scrollIntoView());
			}
			return true;
		};
	return keymap({
		'Alt-ArrowDown': move(1, false),
		'Alt-ArrowUp': move(-1, false),
		'Shift-Alt-ArrowDown': move(1, true),
		'Shift-Alt-ArrowUp': move(-1, true)
	});
}
