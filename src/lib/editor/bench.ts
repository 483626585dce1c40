// For `npm run bench` only (src/routes/bench): the baseline the transcript view is measured
// against, and a step-by-step rebuild of createTranscriptView's work so the benchmark can say
// where the time goes. Lives in editor/ because ProseMirror is imported nowhere else.

import { EditorState } from 'prosemirror-state';
import { DecorationSet, EditorView } from 'prosemirror-view';
import type { SpanCoding } from '../domain/segments';
import { segmentCodings } from '../domain/segments';
import type { Turn } from '../domain/types';
import { readOnlyGuard } from './guard';
import {
	highlightsPlugin,
	segmentDecorations,
	type CodeColors
} from './highlights';
import { codingKeymap } from './keymap';
import { buildDoc } from './schema';

export interface PlainView {
	dom: HTMLElement;
	destroy(): void;
}

/**
 * The same document as the transcript view (buildDoc: same blocks, same sections) in a bare
 * EditorView: no plugins, no decorations. Only the class is set, so the same CSS applies.
 */
export function createPlainView(mount: HTMLElement, text: string, turns: readonly Turn[]): PlainView {
	const { doc } = buildDoc(text, turns);
	const view = new EditorView(mount, {
		state: EditorState.create({ doc }),
		attributes: { class: 'transcript' }
	});
	return { dom: view.dom, destroy: () => view.destroy() };
}

export interface BuildSteps {
	/** buildDoc: lines -> blocks -> sections, and the position map. */
	buildDoc: number;
	/** segmentCodings: overlapping codings cut into flat segments. */
	segments: number;
	/** segmentDecorations: one inline Decoration per segment and line, with its style. */
	decorations: number;
	/** DecorationSet.create over the document. */
	decorationSet: number;
	/** EditorState.create with the view's plugins (the highlight set built again inside). */
	state: number;
	/** new EditorView: the synchronous DOM build. */
	view: number;
	segmentCount: number;
	decorationCount: number;
}

const noop = () => false;

/**
 * createTranscriptView's steps, timed one by one (performance.now()). The highlight layer is
 * built once on its own (segments, decorations, set) for the breakdown and once more inside
 * EditorState.create, as the real view does it; `state` is therefore comparable with the
 * sum segments + decorations + decorationSet. Speaker labels and timestamps are marks
 * made by buildDoc, so the plain baseline renders them too.
 */
export function profileTranscriptBuild(
	mount: HTMLElement,
	text: string,
	turns: readonly Turn[],
	codings: readonly SpanCoding[],
	colors: CodeColors
): { steps: BuildSteps; destroy(): void } {
	let t = performance.now();
	const lap = () => {
		const now = performance.now();
		const d = now - t;
		t = now;
		return d;
	};
	const { doc, map } = buildDoc(text, turns);
	const buildDocMs = lap();
	const segs = segmentCodings(codings);
	const segmentsMs = lap();
	const decos = segmentDecorations(map, segs, colors);
	const decorationsMs = lap();
	DecorationSet.create(doc, decos);
	const decorationSetMs = lap();
	const state = EditorState.create({
		doc,
		plugins: [
			codingKeymap({ applyRecent: noop, openPalette: noop, inVivo: noop, undo: noop, redo: noop }),
			readOnlyGuard(),
			highlightsPlugin({ map, codings, colors })
		]
	});
	const stateMs = lap();
	const view = new EditorView(mount, { state, attributes: { class: 'transcript' } });
	const viewMs = lap();
	return {
		steps: {
			buildDoc: buildDocMs,
			segments: segmentsMs,
			decorations: decorationsMs,
			decorationSet: decorationSetMs,
			state: stateMs,
			view: viewMs,
			segmentCount: segs.length,
			decorationCount: decos.length
		},
		destroy: () => view.destroy()
	};
}
