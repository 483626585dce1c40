// The open project is shared with the screens below the project layout through context.
import { getContext, setContext } from 'svelte';
import type { ProjectState } from './project.svelte';

const KEY = Symbol('project');

export function provideProject(p: ProjectState): void {
	setContext(KEY, p);
}

export function useProject(): ProjectState {
	const p = getContext<ProjectState | undefined>(KEY);
	if (!p) throw new Error('useProject() outside a project layout');
	return p;
}
