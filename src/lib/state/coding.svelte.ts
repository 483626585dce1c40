// The coding workspace for one transcript: the loaded text, the current selection (as text
// offsets), the codings under the caret, and the coding actions the keyboard and the panel
// share. Recent codes give the number keys 1–9; in-vivo names a code after the selection.
import { inVivoName } from '../domain/codebook';
import type { Code, Coding, DocumentContent, Id } from '../domain/types';
import { notices } from './notices.svelte';
import type { ProjectState } from './project.svelte';

export class CodingSession {
	readonly project: ProjectState;
	readonly docId: Id;
	content = $state.raw<DocumentContent | null>(null);
	status = $state<'loading' | 'ready' | 'missing'>('loading');
	selection = $state<{ start: number; end: number } | null>(null);
	cursorIds = $state<string[]>([]);

	doc = $derived.by(() => this.project.documents.find((d) => d.id === this.docId));
	/** The codings shown: every coder's, or in blind mode only the current coder's. */
	codings = $derived.by(() => {
		const shown = this.project.shownCoderIds;
		return this.project.codings.filter((c) => c.docId === this.docId && (shown === null || shown.has(c.coderId)));
	});
	/**
	 * The codings the panel offers to change: those the selection overlaps, or those under
	 * the caret. (Selecting a new extent for a coding must not make it vanish from the list.)
	 */
	cursorCodings = $derived.by(() => {
		const sel = this.selection;
		if (sel && sel.start !== sel.end) {
			return this.codings.filter((c) => c.start < sel.end && c.end > sel.start).sort((a, b) => a.start - b.start);
		}
		const byId = new Map(this.codings.map((c) => [c.id, c]));
		return this.cursorIds.map((id) => byId.get(id)).filter((c): c is Coding => !!c);
	});
	orphans = $derived(this.codings.filter((c) => c.orphaned));
	selectedText = $derived(
		this.selection && this.content ? this.content.text.slice(this.selection.start, this.selection.end) : ''
	);

	constructor(project: ProjectState, docId: Id) {
		this.project = project;
		this.docId = docId;
		project.content(docId).then((c) => {
			this.content = c ?? null;
			this.status = c ? 'ready' : 'missing';
		});
	}

	async apply(code: Code): Promise<boolean> {
		const sel = this.selection;
		if (!sel || sel.start === sel.end) {
			notices.info('Select a passage first, then apply a code.');
			return false;
		}
		return (await this.project.applyCode(this.docId, sel.start, sel.end, code.id)) !== null;
	}

	async applyRecent(n: number): Promise<boolean> {
		const code = this.project.recentCodes[n - 1];
		if (!code) {
			notices.info(n === 1 ? 'No recent codes yet: apply a code from the codebook once, then 1–9 repeat it.' : `There is no recent code ${n} yet.`);
			return false;
		}
		return this.apply(code);
	}

	async createAndApply(name: string, parentId: Id | null = null): Promise<boolean> {
		const existing = this.project.codes.find((c) => c.parentId === parentId && c.name.toLowerCase() === name.trim().toLowerCase());
		const code = existing ?? (await this.project.createCode({ name, parentId }));
		if (!code) return false;
		return this.selection && this.selection.start !== this.selection.end ? this.apply(code) : true;
	}

	async inVivo(): Promise<boolean> {
		if (!this.selectedText.trim()) return false;
		return this.createAndApply(inVivoName(this.selectedText));
	}

	/** Moves a coding's boundaries to the current selection. */
	async adjustToSelection(codingId: Id): Promise<boolean> {
		const sel = this.selection;
		if (!sel || sel.start === sel.end) {
			notices.info('Select the new extent of the passage first, then choose “Use selection”.');
			return false;
		}
		return this.project.adjustCoding(codingId, sel.start, sel.end);
	}
}
