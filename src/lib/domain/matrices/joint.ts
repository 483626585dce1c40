// The mixed-methods joint display: themes beside the participants' numbers. For each theme,
// the participants who contribute to it (counted exactly as in the theme table: at least one
// extract not judged not to fit, a main theme holding its sub-themes; or at least
// `minExtracts` such extracts when the analyst raises the bar), everyone else in the
// study as non-contributors, and for chosen numeric attributes (sick leave at start and end,
// self-efficacy before and after) each group's n, mean (SD) and median. When two attributes
// are chosen as before and after, the change (after − before) of each participant with both
// values is summarised the same way. Pure.

import { attributesOfType } from '../table1';
import { themeCounts } from '../themes';
import type { AttributeDef, Id, Theme } from '../types';
import {
	countsAsTheme,
	numberOf,
	participantOf,
	participantsByLabel,
	studyParticipants,
	summarise,
	themeRows,
	type AnalysisRows,
	type RowItem,
	type Summary
} from './common';

export interface JointInput extends AnalysisRows {
	/** The project's typed attributes (Project.attributes); types are guessed for the rest. */
	attributes?: readonly AttributeDef[];
}

export interface BeforeAfter {
	before: string;
	after: string;
}

export interface JointOptions {
	/** Numeric attributes to show, in order. */
	attributes: readonly string[];
	/** Two of them read as before and after: adds the change (after − before). */
	change?: BeforeAfter | null;
	/** Candidate themes count too unless false (discarded ones never do), as in the theme table. */
	includeCandidates?: boolean;
	/**
	 * Extracts a participant needs in a theme to count as a contributor (default 1: the theme
	 * table's rule). Raising it sets those who speak of the theme at length apart from those who
	 * touch on it, where nearly everyone touches on every theme.
	 */
	minExtracts?: number;
}

export interface GroupStats {
	contributors: Summary;
	others: Summary;
}

export interface JointTheme {
	theme: RowItem;
	/** Participants who contribute, natural order. */
	contributors: string[];
	/** Everyone else in the study. */
	others: string[];
	/** Extracts counted per contributing participant. */
	extracts: Map<string, number>;
	/** Per chosen attribute, in order. */
	stats: GroupStats[];
	change: GroupStats | null;
}

export interface JointDisplay {
	/** Everyone in the study, natural order. */
	participants: string[];
	attributes: string[];
	change: BeforeAfter | null;
	/** Extracts needed to count as a contributor. */
	minExtracts: number;
	/** Participant → their value of each chosen attribute (null when missing). */
	values: Map<string, (number | null)[]>;
	/** Participant → after − before (null when either is missing, or no change chosen). */
	changes: Map<string, number | null>;
	themes: JointTheme[];
	/** Everyone together, per attribute and for the change. */
	overall: { stats: Summary[]; change: Summary | null };
}

/** Numeric attributes of the study, in the project's order. */
export function numericAttributes(input: Pick<JointInput, 'attributes' | 'participants'>): string[] {
	return attributesOfType(input.attributes, input.participants, 'number').map((d) => d.name);
}

const WORD_PAIRS: readonly [string, string][] = [
	['pre', 'post'],
	['start', 'end'],
	['before', 'after'],
	['baseline', 'followup'],
	['baseline', 'follow_up'],
	['baseline', 'end'],
	['t0', 't1'],
	['t1', 't2'],
	['admission', 'discharge'],
	['first', 'last']
];

/**
 * Pairs of attribute names that read as before and after: the same name with pre/post,
 * start/end, before/after, baseline/follow-up, t0/t1 … as one of its words
 * ("rtw_self_efficacy_pre" and "rtw_self_efficacy_post").
 */
export function beforeAfterPairs(names: readonly string[]): BeforeAfter[] {
	const known = new Set(names);
	const out: BeforeAfter[] = [];
	for (const before of names) {
		const words = before.split(/([_\s-]+)/);
		for (const [from, to] of WORD_PAIRS)
			for (let i = 0; i < words.length; i++) {
				if (words[i].toLowerCase() !== from) continue;
				const after = [...words.slice(0, i), to, ...words.slice(i + 1)].join('');
				if (known.has(after) && after !== before && !out.some((p) => p.before === before && p.after === after)) out.push({ before, after });
			}
	}
	return out;
}

export function jointDisplay(input: JointInput, options: JointOptions): JointDisplay {
	const includeCandidates = options.includeCandidates ?? true;
	const minExtracts = Math.max(1, Math.floor(options.minExtracts ?? 1));
	const keep = (t: Theme) => countsAsTheme(t) && (includeCandidates || t.status !== 'candidate');
	const visible = input.themes.filter(keep);
	const everyone = studyParticipants(input.participants, input.documents);
	const people = participantsByLabel(input.participants);
	const attributes = [...options.attributes];
	const values = new Map(everyone.map((p) => [p, attributes.map((a) => numberOf(people.get(p)?.attributes[a]))]));
	const change = options.change ?? null;
	const changes = new Map<string, number | null>(
		everyone.map((p) => {
			if (!change) return [p, null];
			const b = numberOf(people.get(p)?.attributes[change.before]);
			const a = numberOf(people.get(p)?.attributes[change.after]);
			return [p, a === null || b === null ? null : a - b];
		})
	);
	const docById = new Map(input.documents.map((d) => [d.id, d]));
	const byId = new Map<Id, Theme>(visible.map((t) => [t.id, t]));
	const column = (group: readonly string[], i: number) => summarise(group.map((p) => values.get(p)![i]));
	const changeOf = (group: readonly string[]) => summarise(group.map((p) => changes.get(p) ?? null));

	const themes: JointTheme[] = themeRows(input.themes, keep).map((row) => {
		const { counted } = themeCounts(byId.get(row.id)!, visible, input.codes, input.codings, docById);
		const extracts = new Map<string, number>();
		for (const c of counted) {
			const p = participantOf(docById.get(c.docId)!);
			extracts.set(p, (extracts.get(p) ?? 0) + 1);
		}
		const contributes = (p: string) => (extracts.get(p) ?? 0) >= minExtracts;
		const contributors = everyone.filter(contributes);
		const others = everyone.filter((p) => !contributes(p));
		return {
			theme: row,
			contributors,
			others,
			extracts,
			stats: attributes.map((_, i) => ({ contributors: column(contributors, i), others: column(others, i) })),
			change: change ? { contributors: changeOf(contributors), others: changeOf(others) } : null
		};
	});
	return {
		participants: everyone,
		attributes,
		change,
		minExtracts,
		values,
		changes,
		themes,
		overall: { stats: attributes.map((_, i) => column(everyone, i)), change: change ? changeOf(everyone) : null }
	};
}
