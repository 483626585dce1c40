// The start screen's list of projects, creating projects, and setting up the sample study
// (transcripts, participants and starter codebook) as one ordinary project.
import { repo, type Repo } from '../db';
import { parseBackup, rekeyBackup, type ProjectBackup } from '../domain/backup';
import type { Project } from '../domain/types';
import { parseParticipantsCsv } from '../io/participants';
import { readQdpx } from '../io/refi/readQdpx';
import type { ImportReport } from '../io/refi/report';
import { loadSampleStudy } from '../io/sample';
import { starterCodebook } from '../io/starterCodebooks';
import { ProjectState } from './project.svelte';

export class ProjectsState {
	#repo: Repo;
	list = $state.raw<Project[]>([]);
	loaded = $state(false);
	/** Progress text while the sample study is being set up. */
	preparing = $state<string | null>(null);
	/** Progress text while a REFI-QDA project is being read and stored. */
	importing = $state<string | null>(null);

	constructor(r: Repo = repo()) {
		this.#repo = r;
	}

	async refresh(): Promise<void> {
		this.list = await this.#repo.listProjects();
		this.loaded = true;
	}

	async create(name: string, description = ''): Promise<Project> {
		const p = await this.#repo.createProject({ name: name.trim() || 'Untitled project', description });
		await this.refresh();
		return p;
	}

	async delete(id: string): Promise<void> {
		await this.#repo.deleteProject(id);
		await this.refresh();
	}

	/**
	 * Opens the sample project, creating it the first time (or after it was deleted). The
	 * coded sample also has the sample coder's codings, to try themes at once.
	 */
	async openSample(coded = false): Promise<Project> {
		const existing = this.list.find((p) => p.sample && !!p.sampleCoded === coded);
		if (existing) return existing;
		this.preparing = 'Loading the sample transcripts…';
		let projectId: string | null = null;
		let state: ProjectState | null = null;
		try {
			const study = await loadSampleStudy('/sample', fetch, { coded });
			const project = await this.#repo.createProject({
				name: coded ? `${study.name} (coded)` : study.name,
				description: study.description,
				sample: true,
				...(coded ? { sampleCoded: true } : {})
			});
			projectId = project.id;
			state = new ProjectState(project.id, this.#repo);
			await state.load();
			this.preparing = 'Reading 23 interviews…';
			const report = await state.importFiles(study.files);
			if (report.problems.length) throw new Error(report.problems.map((p) => p.message).join('\n'));
			const participants = parseParticipantsCsv(study.participantsCsv, 'participants.csv', project.id);
			if (!participants.ok) throw new Error(participants.message);
			await state.setParticipants(participants.participants);
			const codebook = starterCodebook(study.codebook);
			const loaded = codebook ? await state.loadCodebook(codebook.file) : null;
			if (study.codings) {
				if (!loaded) throw new Error('The sample codebook could not be loaded, so its codings cannot be placed.');
				this.preparing = 'Adding the sample coder’s codings…';
				await state.addCoderWithCodings(study.codings.coder, study.codings.codings, loaded.idMap);
			}
			await this.refresh();
			return project;
		} catch (e) {
			// A half-built sample would look like a study with missing interviews: remove it.
			if (projectId) await this.#repo.deleteProject(projectId).catch(() => undefined);
			throw e;
		} finally {
			// The set-up copy must not listen for changes: it would warn about this tab's own edits.
			state?.dispose();
			this.preparing = null;
		}
	}

	/**
	 * Restores a backup file as a new project. When the backed-up project still exists in this
	 * browser, the copy gets new ids (and "(restored)" after its name) so both can live side by
	 * side. A file that is not a valid backup is refused with its name and the problem, and
	 * nothing is stored.
	 */
	async restore(file: { name: string; text(): Promise<string> }): Promise<Project> {
		const parsed = parseBackup(await file.text(), file.name);
		if (!parsed.ok) throw new Error(parsed.error);
		let backup = parsed.backup;
		if (await this.#repo.getProject(backup.project.id)) {
			backup = rekeyBackup(backup, () => crypto.randomUUID());
			backup = { ...backup, project: { ...backup.project, name: `${backup.project.name} (restored)` } };
		}
		await this.#repo.restoreProject(backup);
		await this.refresh();
		return backup.project;
	}

	/**
	 * Opens a REFI-QDA project (.qdpx) as a new project: read (sources, codes, coders, codings,
	 * participants, notes, themes), then stored in one transaction, so a file that cannot be
	 * read or stored leaves nothing behind. The report says what was read, what was left out
	 * and why, and which position unit the file was read in.
	 */
	async importRefi(
		file: { name: string; arrayBuffer(): Promise<ArrayBuffer> },
		onProgress?: (message: string) => void | Promise<void>
	): Promise<{ project: Project; report: ImportReport }> {
		const step = async (m: string) => {
			this.importing = m;
			await onProgress?.(m);
		};
		try {
			await step(`Reading ${file.name}…`);
			const bytes = new Uint8Array(await file.arrayBuffer());
			const read = await readQdpx(bytes, file.name, { onProgress: step });
			if (!read.ok) throw new Error(read.error);
			const { report } = read;
			let backup: ProjectBackup = read.backup;
			const taken = new Set(this.list.map((p) => p.name.trim().toLowerCase()));
			if (taken.has(backup.project.name.trim().toLowerCase())) {
				let n = 2;
				while (taken.has(`${backup.project.name} (${n})`.toLowerCase())) n++;
				backup = { ...backup, project: { ...backup.project, name: `${backup.project.name} (${n})` } };
			}
			await step(`Storing ${backup.documents.length} transcripts and ${backup.codings.length} codings…`);
			try {
				await this.#repo.restoreProject(backup);
			} catch (e) {
				// The file's GUIDs are kept as ids; when they are already used in this browser (the
				// same project imported before), the copy gets new ones. The failed attempt stored nothing.
				if (!isKeyClash(e)) throw e;
				backup = rekeyBackup(backup, () => crypto.randomUUID());
				await this.#repo.restoreProject(backup);
				report.notes.push('Parts of this project were already in this browser (it was imported before), so this copy was given new internal ids.');
			}
			await this.refresh();
			return { project: backup.project, report };
		} finally {
			this.importing = null;
		}
	}
}

function isKeyClash(e: unknown): boolean {
	const err = e as { name?: string; failures?: { name?: string }[]; inner?: { name?: string } } | null;
	if (!err) return false;
	return (
		err.name === 'ConstraintError' ||
		err.inner?.name === 'ConstraintError' ||
		(err.name === 'BulkError' && (err.failures ?? []).some((f) => f?.name === 'ConstraintError'))
	);
}
