// What the theme board shares between its parts: the drag in progress and the drop target
// under the pointer, the open move menu, inline editing, the line announced to screen
// readers, and the moves themselves. Every move is one ProjectState action (so Ctrl+Z
// undoes it), planned first by domain/boardKeys so drag and keyboard follow the same rules.
import { tick } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import { planCodeDrop, planThemeMove, type MenuChoice, type MenuSubject, type ThemePlan } from '$lib/domain/boardKeys';
import { newTheme, placeCode as planPlace, codesInSeveralThemes, themeCounts, themePath } from '$lib/domain/themes';
import { studyParticipants } from '$lib/domain/themeTable';
import type { Change, Id, Theme } from '$lib/domain/types';
import type { ProjectState } from '$lib/state/project.svelte';

export type Drag = { kind: 'code'; codeId: Id; fromThemeId: Id | null } | { kind: 'theme'; themeId: Id };

/** The drop target under the pointer: its key (for styling), whether it takes the drop, what it would do. */
export interface Hover {
	key: string;
	zone: 'into' | 'before' | 'after' | 'pile' | 'new' | 'end';
	ok: boolean;
	text: string;
	run: (() => Promise<void>) | null;
}

export interface OpenMenu {
	subject: MenuSubject;
	title: string;
	anchor: HTMLElement;
	/** Where focus returns when the menu closes without a choice. */
	returnKey: string;
}

export interface Creating {
	parentId: Id | null;
	main: boolean;
	initial: string;
	/** A code to put in the new theme (T on a code), taken out of fromThemeId. */
	codeId?: Id;
	fromThemeId?: Id | null;
	returnKey?: string;
}

export const pileKey = (codeId: Id) => `pile:${codeId}`;
export const chipKey = (themeId: Id, codeId: Id) => `chip:${themeId}:${codeId}`;
export const themeKey = (themeId: Id) => `theme:${themeId}`;

function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export class Board {
	readonly project: ProjectState;
	root: HTMLElement | null = null;

	drag = $state<Drag | null>(null);
	hover = $state<Hover | null>(null);
	/** Ctrl or Alt held during the drag: the code is copied rather than moved. */
	copying = $state(false);
	menu = $state<OpenMenu | null>(null);
	renaming = $state<Id | null>(null);
	creating = $state<Creating | null>(null);
	/** Creating a sub-theme inside this main theme. */
	creatingIn = $state<Id | null>(null);
	message = $state('');
	/** The pile's filter. */
	query = $state('');
	/** The pile code that is in the tab order (roving tabindex). */
	pileTab = $state<Id | null>(null);
	/** Per theme: which of its codes is in the tab order. */
	chipTab = new SvelteMap<Id, Id>();
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(project: ProjectState) {
		this.project = project;
	}

	several = $derived.by(() => codesInSeveralThemes(this.project.themes));
	totalParticipants = $derived.by(() => studyParticipants(this.project.participants, this.project.documents).length);

	/** Extracts and distinct participants per theme, without extracts judged not to fit (a main theme counts its sub-themes' too). */
	counts = $derived.by(() => {
		const { themes, codes, codings, documents } = this.project;
		const docById = new Map(documents.map((d) => [d.id, d]));
		const out = new Map<Id, { extracts: number; participants: number }>();
		for (const t of themes) {
			const { counted, participants } = themeCounts(t, themes, codes, codings, docById);
			out.set(t.id, { extracts: counted.length, participants: participants.size });
		}
		return out;
	});

	countText(id: Id): string {
		const c = this.counts.get(id) ?? { extracts: 0, participants: 0 };
		return `${plural(c.extracts, 'extract')} · ${c.participants} of ${this.totalParticipants} participants`;
	}

	name(id: Id | null): string {
		return (id && this.project.themeById.get(id)?.name) || '';
	}

	codeName(id: Id): string {
		return this.project.codeById.get(id)?.name ?? 'code';
	}

	say(text: string): void {
		this.message = text;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => (this.message = ''), 8000);
	}

	dispose(): void {
		clearTimeout(this.#timer);
	}

	/** Focuses a board item by key once it is on screen (and puts it in the tab order). */
	async focus(key: string): Promise<boolean> {
		const [kind, a, b] = key.split(':');
		if (kind === 'pile') this.pileTab = a;
		if (kind === 'chip') this.chipTab.set(a, b);
		await tick();
		const el = this.root?.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`);
		if (!el) return false;
		el.focus();
		el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
		return true;
	}

	// ---- moves -------------------------------------------------------------------------------

	/** Puts a code in a theme (moving it from fromThemeId, or copying when copy is set). */
	async placeCode(codeId: Id, fromThemeId: Id | null, toThemeId: Id, opts: { copy?: boolean; beforeCodeId?: Id | null } = {}): Promise<void> {
		const plan = planCodeDrop(this.project.themes, codeId, fromThemeId, toThemeId, opts);
		const code = this.codeName(codeId);
		if (!plan.ok) return this.say(plan.error);
		if (plan.noop) {
			this.say(plan.copy ? `“${code}” is already in “${this.name(toThemeId)}”.` : `“${code}” is already there.`);
			return;
		}
		const ok = await this.project.placeCode(codeId, plan.fromThemeId, toThemeId, plan.index);
		if (!ok) return;
		const where = themePath(this.project.themes, toThemeId);
		const also = this.several.get(codeId);
		const alsoText = also && also.length > 1 ? ` It is now in ${also.length} themes.` : '';
		const verb = fromThemeId === toThemeId ? 'Moved' : plan.copy ? 'Copied' : 'Put';
		const what = fromThemeId === toThemeId ? `“${code}” to place ${plan.index + 1} in “${where}”` : `“${code}” in “${where}”`;
		this.say(`${verb} ${what}.${alsoText} Ctrl+Z undoes it.`);
		await this.focus(chipKey(toThemeId, codeId));
	}

	/** Takes a code out of a theme; it goes back to the pile unless it is in other themes. */
	async takeOut(codeId: Id, fromThemeId: Id, focusAfter: 'pile' | 'theme' = 'pile'): Promise<void> {
		const theme = this.project.themeById.get(fromThemeId);
		const i = theme ? theme.codeIds.indexOf(codeId) : -1;
		const ok = await this.project.placeCode(codeId, fromThemeId, null);
		if (!ok) return;
		const code = this.codeName(codeId);
		const still = this.project.themes.filter((t) => t.status !== 'discarded' && t.codeIds.includes(codeId));
		const rest = still.length
			? `It is still in ${still.map((t) => `“${t.name}”`).join(', ')}.`
			: 'It is back on the pile.';
		this.say(`Took “${code}” out of “${theme?.name ?? 'the theme'}”. ${rest} Ctrl+Z undoes it.`);
		if (focusAfter === 'pile' && !still.length) {
			if (await this.focus(pileKey(codeId))) return;
			// Hidden by the pile's filter: clear it, so the code is seen where it went.
			if (this.query) {
				this.query = '';
				if (await this.focus(pileKey(codeId))) return;
			}
		}
		const left = this.project.themeById.get(fromThemeId)?.codeIds ?? [];
		const next = left[Math.min(i, left.length - 1)];
		if (!(next && (await this.focus(chipKey(fromThemeId, next))))) await this.focus(themeKey(fromThemeId));
	}

	async applyThemePlan(id: Id, plan: ThemePlan): Promise<void> {
		if (!plan.ok) return this.say(plan.error);
		if (plan.noop) {
			this.say(`“${this.name(id)}” is already there.`);
			return;
		}
		const ok = await this.project.moveTheme(id, plan.parentId, plan.index);
		if (!ok) return;
		const siblings = this.project.themes.filter((x) => x.parentId === plan.parentId && x.status !== 'discarded');
		const place = `place ${siblings.findIndex((x) => x.id === id) + 1} of ${siblings.length}`;
		const where = plan.parentId ? `under “${this.name(plan.parentId)}”, ${place}` : `to the top level, ${place}`;
		this.say(`Moved theme “${this.name(id)}” ${where}. Ctrl+Z undoes it.`);
		await this.focus(themeKey(id));
	}

	async moveThemeTo(id: Id, parentId: Id | null): Promise<void> {
		const plan = planThemeMove(this.project.themes, id, parentId === null ? { themeId: null, zone: 'end' } : { themeId: parentId, zone: 'into' });
		await this.applyThemePlan(id, plan);
	}

	/**
	 * A new theme holding a code, in one undoable step (the code leaves fromThemeId unless
	 * copy is set).
	 */
	async newThemeWithCode(name: string, codeId: Id, fromThemeId: Id | null, copy = false): Promise<Theme | null> {
		const { project } = this;
		const made = newTheme(project.id, project.themes, { name, codeIds: [codeId] }, Date.now(), crypto.randomUUID());
		if (!made.ok) {
			this.say(made.error);
			return null;
		}
		const changes: Change[] = [...made.changes];
		if (fromThemeId && !copy) {
			const out = planPlace(project.themes, codeId, fromThemeId, null, 0, Date.now());
			if (out.ok) changes.push(...out.changes);
		}
		const ok = await project.commit(`Create theme “${made.theme.name}” with “${this.codeName(codeId)}”`, changes);
		if (!ok) return null;
		this.say(`Created theme “${made.theme.name}” with “${this.codeName(codeId)}”. Ctrl+Z undoes it.`);
		await this.focus(chipKey(made.theme.id, codeId));
		return made.theme;
	}

	async createTheme(c: Creating, name: string): Promise<Theme | null> {
		if (c.codeId) return this.newThemeWithCode(name, c.codeId, c.fromThemeId ?? null);
		const t = await this.project.createTheme({ name, parentId: c.parentId, main: c.main });
		if (!t) return null;
		const where = c.parentId ? ` under “${this.name(c.parentId)}”` : '';
		const hint = c.main ? ' Add sub-themes with “New sub-theme” or by moving themes into it.' : ' Drag codes into it, or press M on a code.';
		this.say(`Created ${c.main ? 'main theme' : 'theme'} “${t.name}”${where}.${hint}`);
		await this.focus(themeKey(t.id));
		return t;
	}

	async chooseFromMenu(menu: OpenMenu, choice: MenuChoice): Promise<void> {
		this.menu = null;
		const s = menu.subject;
		if (s.kind === 'theme') {
			if (choice.kind === 'theme') await this.moveThemeTo(s.themeId, choice.themeId);
			else if (choice.kind === 'top') await this.moveThemeTo(s.themeId, null);
			return;
		}
		if (choice.kind === 'theme') await this.placeCode(s.codeId, s.fromThemeId, choice.themeId, { copy: s.mode === 'copy' });
		else if (choice.kind === 'new') await this.newThemeWithCode(choice.name, s.codeId, s.fromThemeId, s.mode === 'copy');
		else if (choice.kind === 'pile' && s.fromThemeId) await this.takeOut(s.codeId, s.fromThemeId);
	}

	openCodeMenu(anchor: HTMLElement, codeId: Id, fromThemeId: Id | null, mode: 'move' | 'copy'): void {
		const code = this.codeName(codeId);
		const title = mode === 'copy' ? `Copy “${code}” into another theme` : `Move “${code}” to a theme`;
		this.menu = {
			subject: { kind: 'code', codeId, codeName: code, fromThemeId, mode },
			title,
			anchor,
			returnKey: fromThemeId ? chipKey(fromThemeId, codeId) : pileKey(codeId)
		};
	}

	openThemeMenu(anchor: HTMLElement, themeId: Id): void {
		this.menu = {
			subject: { kind: 'theme', themeId },
			title: `Move “${this.name(themeId)}” under a main theme`,
			anchor,
			returnKey: themeKey(themeId)
		};
	}

	// ---- drag and drop ---------------------------------------------------------------------

	startDrag(e: DragEvent, drag: Drag, label: string): void {
		this.drag = drag;
		this.hover = null;
		this.menu = null;
		if (e.dataTransfer) {
			e.dataTransfer.effectAllowed = 'copyMove';
			e.dataTransfer.setData('text/plain', label);
		}
	}

	endDrag(): void {
		this.drag = null;
		this.hover = null;
		this.copying = false;
	}

	/** A dragover on a target: remember what dropping would do; accept it when it can happen. */
	offer(e: DragEvent, hover: Omit<Hover, 'run'> & { run?: Hover['run'] }): void {
		e.stopPropagation();
		this.copying = e.ctrlKey || e.altKey;
		if (this.hover?.key !== hover.key || this.hover.text !== hover.text || this.hover.ok !== hover.ok)
			this.hover = { ...hover, run: hover.run ?? null };
		if (hover.ok && hover.run) {
			e.preventDefault();
			if (e.dataTransfer) e.dataTransfer.dropEffect = this.drag?.kind === 'code' && this.copying ? 'copy' : 'move';
		} else if (e.dataTransfer) e.dataTransfer.dropEffect = 'none';
	}

	async drop(e: DragEvent): Promise<void> {
		e.preventDefault();
		e.stopPropagation();
		const run = this.hover?.ok ? this.hover.run : null;
		this.endDrag();
		if (run) await run();
	}

	/** What dropping the dragged code on a theme does (before a code of it, or at its end). */
	codeOnTheme(e: DragEvent, themeId: Id, beforeCodeId: Id | null = null): void {
		const d = this.drag;
		if (!d || d.kind !== 'code') return;
		const copy = e.ctrlKey || e.altKey;
		const plan = planCodeDrop(this.project.themes, d.codeId, d.fromThemeId, themeId, { copy, beforeCodeId });
		const code = this.codeName(d.codeId);
		const to = themePath(this.project.themes, themeId);
		const key = beforeCodeId ? chipKey(themeId, beforeCodeId) : themeKey(themeId);
		if (!plan.ok) return this.offer(e, { key, zone: 'into', ok: false, text: plan.error });
		if (plan.noop) return this.offer(e, { key, zone: 'into', ok: false, text: `“${code}” is already in “${to}”.` });
		const tail = d.fromThemeId && d.fromThemeId !== themeId && !copy ? ' (hold Ctrl or Alt to copy it instead)' : '';
		const text =
			d.fromThemeId === themeId
				? `Drop to move “${code}” ${beforeCodeId ? `before “${this.codeName(beforeCodeId)}”` : 'to the end'} in “${to}”.`
				: `Drop to ${plan.copy ? 'copy' : 'put'} “${code}” in “${to}”${tail}.`;
		this.offer(e, {
			key,
			zone: 'into',
			ok: true,
			text,
			run: () => this.placeCode(d.codeId, d.fromThemeId, themeId, { copy, beforeCodeId })
		});
	}

	/** What dropping the dragged theme before, after or into another theme does. */
	themeOnTheme(e: DragEvent, targetId: Id, zone: 'before' | 'after' | 'into'): void {
		const d = this.drag;
		if (!d || d.kind !== 'theme') return;
		const plan = planThemeMove(this.project.themes, d.themeId, { themeId: targetId, zone });
		const name = this.name(d.themeId);
		const target = this.name(targetId);
		const key = themeKey(targetId);
		if (!plan.ok) return this.offer(e, { key, zone, ok: false, text: plan.error });
		if (plan.noop) return this.offer(e, { key, zone, ok: false, text: `“${name}” is already there.` });
		const text =
			zone === 'into'
				? `Drop to make “${name}” a sub-theme of “${target}”.`
				: `Drop to put “${name}” ${zone} “${target}”${plan.parentId ? ` in “${this.name(plan.parentId)}”` : ''}.`;
		this.offer(e, { key, zone, ok: true, text, run: () => this.applyThemePlan(d.themeId, plan) });
	}
}
