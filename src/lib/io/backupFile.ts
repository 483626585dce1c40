// The project backup as a file the user downloads: "<project name> backup <yyyy-mm-dd>.json".

import type { ProjectBackup } from '../domain/backup';
import { downloadFile } from './download';

/**
 * Makes a backup of the project (ProjectState.backup: checked, and remembered as the last
 * backup) and offers it as a download; returns the file name used and the backup. Typed by what
 * it uses, so io/ does not import state/ (a ProjectState is passed as it is).
 */
export async function downloadBackup(project: {
	backup(): Promise<ProjectBackup>;
	readonly project: { name: string } | null;
}): Promise<{ name: string; backup: ProjectBackup }> {
	const backup = await project.backup();
	const day = new Date().toISOString().slice(0, 10);
	const name = downloadFile(`${project.project?.name ?? 'Tema project'} backup ${day}.json`, JSON.stringify(backup), 'application/json');
	return { name, backup };
}
