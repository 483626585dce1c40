// Retrieval for one code: loads the texts of the documents that hold its codings, then
// lists the extracts grouped by document with the participant count the paper reports.
import { codeSetFor, extractsFor, type Extract } from '../domain/retrieve';
import type { Id, TranscriptDocument } from '../domain/types';
import type { ProjectState } from './project.svelte';

export interface ExtractGroup {
	doc: TranscriptDocument;
	participant: string;
	items: Extract[];
}

export class RetrievalState {
	#project: ProjectState;
	#codeId = $state<Id | null>(null);
	#withSub = $state(true);
	#contentsVersion = $state(0);
	loading = $state(false);

	extracts = $derived.by(() => {
		// Re-run when more texts have been loaded (they live outside the runes).
		void this.#contentsVersion;
		const codeId = this.#codeId;
		if (!codeId || !this.#project.codeById.has(codeId)) return [];
		const ids = codeSetFor(this.#project.codes, codeId, this.#withSub);
		return extractsFor(ids, this.#project.codings, this.#project.documents, this.#project.loadedContents());
	});
	groups = $derived.by(() => {
		const out: ExtractGroup[] = [];
		for (const x of this.extracts) {
			const last = out[out.length - 1];
			if (last && last.doc.id === x.doc.id) last.items.push(x);
			else out.push({ doc: x.doc, participant: x.participant, items: [x] });
		}
		return out;
	});
	participantCount = $derived(new Set(this.extracts.map((x) => x.participant)).size);

	constructor(project: ProjectState) {
		this.#project = project;
	}

	async show(codeId: Id | null, withSub: boolean): Promise<void> {
		this.#codeId = codeId;
		this.#withSub = withSub;
		if (!codeId) return;
		const ids = codeSetFor(this.#project.codes, codeId, withSub);
		const docIds = new Set(this.#project.codings.filter((c) => ids.has(c.codeId)).map((c) => c.docId));
		this.loading = true;
		await this.#project.contentsFor(docIds);
		this.loading = false;
		this.#contentsVersion++;
	}
}
