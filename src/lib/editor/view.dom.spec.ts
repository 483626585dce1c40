import { afterEach, describe, expect, it } from 'vitest';
import type { SpanCoding } from '../domain/segments';
import { parseTurns } from '../domain/turns';
import type { CodingHandlers } from './keymap';
import type { TextRange } from './positions';
import { createTranscriptView, type TranscriptView } from './view';
import { goldSpans, sampleTranscript } from '../../../tests/shared';
import { highlightRule } from './highlights';

const TEXT = sampleTranscript('P01');
const GOLD: SpanCoding[] = goldSpans('P01');

const handlers: CodingHandlers = {
	applyRecent: () => true,
	openPalette: () => true,
	inVivo: () => true,
	undo: () => true,
	redo: () => true
};

function mountView() {
	const mount = document.createElement('div');
	document.body.appendChild(mount);
	const selections: (TextRange | null)[] = [];
	const cursor: string[][] = [];
	const hovers: { ids: string[]; rect: DOMRect | null }[] = [];
	const colors = new Map(GOLD.map((g) => [g.codeId, '#3366cc']));
	const view = createTranscriptView(mount, {
		text: TEXT,
		turns: parseTurns(TEXT),
		codings: GOLD,
		colors,
		ariaLabel: 'Transcript P01',
		handlers,
		onSelection: (r) => selections.push(r),
		onCursorCodings: (ids) => cursor.push(ids),
		onHover: (ids, rect) => hovers.push({ ids, rect })
	});
	return { mount, view, selections, cursor, hovers, colors };
}

let current: { mount: HTMLElement; view: TranscriptView } | null = null;
afterEach(() => {
	current?.view.destroy();
	current?.mount.remove();
	current = null;
});

describe('createTranscriptView', () => {
	it('mounts an accessible, read-only but editable text box with turns and highlights', () => {
		const t = mountView();
		current = t;
		const root = t.mount.querySelector('.ProseMirror')!;
		expect(root.getAttribute('contenteditable')).toBe('true');
		expect(root.getAttribute('role')).toBe('textbox');
		expect(root.getAttribute('aria-readonly')).toBe('true');
		expect(root.getAttribute('aria-multiline')).toBe('true');
		expect(root.getAttribute('aria-label')).toBe('Transcript P01');
		expect(root.getAttribute('spellcheck')).toBe('false');
		expect(root.querySelectorAll('p.turn.turn-interviewer').length).toBeGreaterThan(10);
		expect(root.querySelector('p.turn.turn-participant')?.getAttribute('data-speaker')).toBe('P01');
		expect(root.querySelector('.speaker-label')?.textContent).toBe('Interviewer:');
		expect(root.querySelector('.timestamp')?.textContent).toBe('[00:00:01]');

		const spans = [...root.querySelectorAll<HTMLElement>('span.hl')];
		expect(spans.length).toBeGreaterThan(GOLD.length / 2);
		const first = GOLD.reduce((a, b) => (b.start < a.start ? b : a));
		const firstSpan = spans.find((s) => s.dataset.codings?.split(' ').includes(first.id))!;
		expect(firstSpan.dataset.codes).toContain(first.codeId);
		expect(TEXT.slice(first.start, first.end).startsWith(firstSpan.textContent!)).toBe(true);
		// Painted by a class whose rule sits in the shared highlight style sheet.
		const cls = [...firstSpan.classList].find((c) => /^hlc\d+$/.test(c))!;
		const sheetText = [...document.querySelectorAll('style[data-tema="highlights"]')]
			.flatMap((el) => [...(el as HTMLStyleElement).sheet!.cssRules].map((r) => r.cssText))
			.join('\n');
		expect(sheetText).toContain(`.hl.${cls}`);
		// Overlapping codings share a span that names all of them.
		expect(spans.some((s) => (s.dataset.codings ?? '').split(' ').length > 1)).toBe(true);
	});

	it('selects a text range, reports it and the codings under the caret', () => {
		const t = mountView();
		current = t;
		const g = GOLD[0];
		t.view.select(g.start, g.end);
		expect(t.selections.at(-1)).toEqual({ start: g.start, end: g.end });
		expect(t.view.selection()).toEqual({ start: g.start, end: g.end });
		expect(t.cursor.at(-1)).toContain(g.id);

		// A caret reports no range; selecting the same range twice reports it once.
		t.view.select(g.start + 3, g.start + 3);
		expect(t.selections.at(-1)).toBeNull();
		expect(t.view.selection()).toBeNull();
		expect(t.cursor.at(-1)).toContain(g.id);
		const count = t.selections.length;
		t.view.select(g.start + 3, g.start + 3);
		expect(t.selections.length).toBe(count);
	});

	it('repaints after update and setCodings', () => {
		const t = mountView();
		current = t;
		const root = t.mount.querySelector('.ProseMirror')!;
		// Across the timestamp and label, so the label layer splits it into several spans.
		const added = [{ id: 'fresh', codeId: 'NEW', start: 5, end: 60 }];
		const all = [...GOLD, ...added];
		t.view.update(added, [], all, new Map([...t.colors, ['NEW', '#aa0000']]));
		const fresh = [...root.querySelectorAll<HTMLElement>('span.hl[data-codings="fresh"]')];
		expect(fresh.length).toBeGreaterThan(1);
		expect(fresh.map((s) => s.textContent).join('')).toBe(TEXT.slice(5, 60));
		const freshCls = [...fresh[0].classList].find((c) => /^hlc\d+$/.test(c))!;
		expect(highlightRule(freshCls)).toContain('170, 0, 0');
		t.view.update([], ['fresh'], GOLD);
		expect(root.querySelector('span.hl[data-codings="fresh"]')).toBeNull();
		t.view.setCodings([], t.colors);
		expect(root.querySelectorAll('span.hl').length).toBe(0);
	});

	it('reports hovering a highlight and leaving it', () => {
		const t = mountView();
		current = t;
		const span = t.mount.querySelector<HTMLElement>('span.hl')!;
		span.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
		expect(t.hovers.at(-1)?.ids).toEqual(span.dataset.codings!.split(' '));
		expect(t.hovers.at(-1)?.rect).not.toBeNull();
		span.closest('p')!.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
		expect(t.hovers.at(-1)).toEqual({ ids: [], rect: null });
	});

	it('reports the highlight under the caret as a hover after keyboard movement', () => {
		const t = mountView();
		current = t;
		const root = t.mount.querySelector('.ProseMirror')!;
		const g = GOLD[3];
		t.view.select(g.start + 1, g.start + 1);
		expect(t.hovers).toEqual([]);
		root.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
		t.view.select(g.start + 2, g.start + 2);
		expect(t.hovers.at(-1)?.ids).toContain(g.id);
		t.view.select(0, 0);
		expect(t.hovers.at(-1)).toEqual({ ids: [], rect: null });
	});

	it('keeps the text unchanged when the browser tries to insert', () => {
		const t = mountView();
		current = t;
		const root = t.mount.querySelector('.ProseMirror')!;
		const before = root.textContent;
		const event = new InputEvent('beforeinput', { inputType: 'insertText', data: 'x', cancelable: true, bubbles: true });
		root.dispatchEvent(event);
		expect(event.defaultPrevented).toBe(true);
		expect(root.textContent).toBe(before);
	});

	it('cleans up on destroy', () => {
		const t = mountView();
		t.view.destroy();
		expect(t.mount.querySelector('.ProseMirror')).toBeNull();
		expect(t.mount.childNodes.length).toBe(0);
		// Calls after destroy are harmless.
		t.view.select(0, 5);
		expect(t.view.selection()).toBeNull();
		t.view.destroy();
		t.mount.remove();
	});
});
