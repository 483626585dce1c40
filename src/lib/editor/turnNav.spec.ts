import { describe, expect, it } from 'vitest';
import { EditorState, TextSelection } from 'prosemirror-state';
import { parseTurns } from '../domain/turns';
import { buildDoc } from './schema';
import { neighbourTurn, turnNavigation } from './turnNav';

const text = 'Title line\r\n\r\nInterviewer: How was it?\r\n\r\n[00:01:02] P03: Hard at first.\r\nThen better.\r\n\r\nInterviewer: Thanks.\r\n';
const turns = parseTurns(text);

function run(state: EditorState, key: string): EditorState {
	const plugin = turnNavigation(buildDoc(text, turns).map, turns);
	let next = state;
	const event = { key: key.replace(/^(Shift-)?Alt-/, ''), altKey: true, shiftKey: key.startsWith('Shift-'), ctrlKey: false, metaKey: false } as KeyboardEvent;
	const handled = plugin.props.handleKeyDown!.call(plugin, { state, dispatch: (tr: import('prosemirror-state').Transaction) => (next = state.apply(tr)) } as never, event);
	expect(handled).toBe(true);
	return next;
}

describe('turn navigation', () => {
	it('finds neighbouring turns by their spoken text', () => {
		expect(neighbourTurn(turns, 0, 1)).toBe(0);
		expect(neighbourTurn(turns, turns[0].textStart, 1)).toBe(1);
		expect(neighbourTurn(turns, turns[1].textStart, -1)).toBe(0);
		expect(neighbourTurn(turns, turns[2].textStart, 1)).toBe(-1);
	});

	it('Alt+Down moves the caret to the next turn’s text; Shift extends the selection', () => {
		const { doc, map } = buildDoc(text, turns);
		let state = EditorState.create({ doc, plugins: [turnNavigation(map, turns)] });
		state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, map.toPos(0))));
		state = run(state, 'Alt-ArrowDown');
		expect(map.toOffset(state.selection.head)).toBe(turns[0].textStart);
		state = run(state, 'Alt-ArrowDown');
		expect(text.slice(map.toOffset(state.selection.head)).startsWith('Hard at first.')).toBe(true);
		state = run(state, 'Shift-Alt-ArrowDown');
		const range = map.selectionToRange(state)!;
		expect(text.slice(range.start, range.end)).toBe('Hard at first.\r\nThen better.\r\n\r\nInterviewer: ');
		state = run(state, 'Alt-ArrowUp');
		expect(state.selection.empty).toBe(true);
		expect(map.toOffset(state.selection.head)).toBe(turns[1].textStart);
	});
});
