// How Tema's things that REFI-QDA has no element for are written into the elements it has, and
// read back: a code's include/exclude/example inside its Description, a theme as a Set with a
// recognisable name ("Main theme: …", "Theme: Main › Sub", "Theme: …") and its definition as the
// Set's Description, a note's kind in the Note's name. Other tools show these as ordinary text;
// Tema's reader turns them back into fields. The parse functions are the exact inverses of the
// format functions for everything Tema itself writes.

import type { Code, Note, NoteKind, Theme, ThemeDefinition, ThemeStatus } from '../../domain/types';

export const MAIN_THEME_PREFIX = 'Main theme: ';
export const THEME_PREFIX = 'Theme: ';
/** Between a main theme's name and its theme's name in a Set name (U+203A with spaces). */
export const THEME_PATH_SEPARATOR = ' \u203a ';

/** The Set name of a theme: its place in the two levels is part of the name. */
export function themeSetName(theme: Theme, parent: Theme | null, main: boolean): string {
	if (parent) return `${THEME_PREFIX}${parent.name}${THEME_PATH_SEPARATOR}${theme.name}`;
	return `${main ? MAIN_THEME_PREFIX : THEME_PREFIX}${theme.name}`;
}

export type ThemeSetName = { main: true; name: string; parent: null } | { main: false; name: string; parent: string | null };

/** The theme a Set name stands for, or null when the Set was not named as a theme. */
export function parseThemeSetName(setName: string): ThemeSetName | null {
	const s = setName.trim();
	if (s.startsWith(MAIN_THEME_PREFIX.trim())) {
		const name = s.slice(MAIN_THEME_PREFIX.trim().length).trim();
		return name ? { main: true, name, parent: null } : null;
	}
	if (s.startsWith(THEME_PREFIX.trim())) {
		const rest = s.slice(THEME_PREFIX.trim().length).trim();
		const at = rest.indexOf(THEME_PATH_SEPARATOR.trim());
		if (at < 0) return rest ? { main: false, name: rest, parent: null } : null;
		const parent = rest.slice(0, at).trim();
		const name = rest.slice(at + 1).trim();
		return parent && name ? { main: false, name, parent } : null;
	}
	return null;
}

/** "Lead text" then one `Label: value` line per non-empty field (values may run over several lines). */
function labelled(lead: string, fields: [string, string][]): string {
	const lines = [lead.trim()];
	for (const [label, value] of fields) if (value.trim() !== '') lines.push(`${label}: ${value.trim()}`);
	return lines.filter((l) => l !== '').join('\n');
}

/** Splits text written by `labelled` back into the lead and the labelled fields. */
export function parseLabelled<L extends string>(text: string, labels: readonly L[]): { lead: string; fields: Partial<Record<L, string>> } {
	const fields: Partial<Record<L, string>> = {};
	const lead: string[] = [];
	let current: L | null = null;
	let buffer: string[] = [];
	const flush = () => {
		if (current !== null) fields[current] = buffer.join('\n').trim();
	};
	for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
		const label = labels.find((l) => line.startsWith(`${l}:`));
		if (label !== undefined && fields[label] === undefined && label !== current) {
			flush();
			current = label;
			buffer = [line.slice(label.length + 1).trim()];
		} else if (current !== null) buffer.push(line);
		else lead.push(line);
	}
	flush();
	return { lead: lead.join('\n').trim(), fields };
}

export const CODE_LABELS = ['Includes', 'Excludes', 'Example'] as const;

/** A code's Description: the definition, then `Includes:`, `Excludes:`, `Example:` lines (empty ones left out). */
export function codeDescription(code: Pick<Code, 'definition' | 'include' | 'exclude' | 'example'>): string {
	return labelled(code.definition, [
		['Includes', code.include],
		['Excludes', code.exclude],
		['Example', code.example]
	]);
}

export function parseCodeDescription(text: string): Pick<Code, 'definition' | 'include' | 'exclude' | 'example'> {
	const { lead, fields } = parseLabelled(text, CODE_LABELS);
	return { definition: lead, include: fields.Includes ?? '', exclude: fields.Excludes ?? '', example: fields.Example ?? '' };
}

export const THEME_LABELS = ['Includes', 'Excludes', 'Relations', 'Status'] as const;

/** A theme Set's Description: the concept, `Includes:`, `Excludes:`, `Relations:`, and `Status:` unless candidate. */
export function themeDescription(theme: Pick<Theme, 'definition' | 'status'>): string {
	const d = theme.definition;
	return labelled(d.concept, [
		['Includes', d.includes],
		['Excludes', d.excludes],
		['Relations', d.relations],
		['Status', theme.status === 'candidate' ? '' : theme.status]
	]);
}

export function parseThemeDescription(text: string): { definition: ThemeDefinition; status: ThemeStatus } {
	const { lead, fields } = parseLabelled(text, THEME_LABELS);
	const s = fields.Status?.toLowerCase();
	return {
		definition: { concept: lead, includes: fields.Includes ?? '', excludes: fields.Excludes ?? '', relations: fields.Relations ?? '' },
		status: s === 'kept' || s === 'discarded' ? s : 'candidate'
	};
}

export const NOTE_KIND_LABELS: Record<NoteKind, string> = {
	memo: 'Memo',
	familiarisation: 'Familiarisation note',
	journal: 'Reflexive journal entry'
};

/** A Note's name: what kind of note it is, then its first words (what NVivo and MAXQDA list). */
export function noteName(note: Pick<Note, 'kind' | 'text'>): string {
	const first = note.text.trim().split(/\r?\n/)[0].trim();
	const words = first.length > 60 ? `${first.slice(0, 59).trimEnd()}…` : first;
	return words ? `${NOTE_KIND_LABELS[note.kind]}: ${words}` : NOTE_KIND_LABELS[note.kind];
}

/** The kind a Note's name says, or null when the name does not start with one of Tema's labels. */
export function noteKindFromName(name: string): NoteKind | null {
	for (const [kind, label] of Object.entries(NOTE_KIND_LABELS) as [NoteKind, string][])
		if (name === label || name.startsWith(`${label}:`)) return kind;
	return null;
}
