// The project's rows that every matrix, chart and the joint display read: the analysis layer's
// codings and the project's typed attributes. Call it inside $derived, so each view follows
// the project's changes.
import type { AnalysisRows } from '$lib/domain/matrices/common';
import type { AttributeDef } from '$lib/domain/types';
import type { ProjectState } from '$lib/state/project.svelte';

export function analysisRows(project: ProjectState): AnalysisRows & { attributes?: readonly AttributeDef[] } {
	return {
		codes: project.codes,
		codings: project.analysisCodings,
		documents: project.documents,
		participants: project.participants,
		themes: project.themes,
		attributes: project.project?.attributes
	};
}
