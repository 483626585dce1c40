// What de-identification finds and replaces: the categories of identifying detail, a finding
// (a stretch of one transcript's text, UTF-16 offsets) and how each category is replaced.

export type DeidCategory =
	| 'name'
	| 'workplace'
	| 'place'
	| 'address'
	| 'phone'
	| 'email'
	| 'date_of_birth'
	| 'national_id'
	| 'other';

export const DEID_CATEGORIES: readonly DeidCategory[] = [
	'name',
	'workplace',
	'place',
	'address',
	'phone',
	'email',
	'date_of_birth',
	'national_id',
	'other'
];

/** How a category is named on screen (singular, lower case). */
export const CATEGORY_LABEL: Record<DeidCategory, string> = {
	name: 'name',
	workplace: 'workplace',
	place: 'place',
	address: 'address',
	phone: 'phone number',
	email: 'e-mail address',
	date_of_birth: 'date of birth',
	national_id: 'ID number',
	other: 'other term'
};

/** The plural, lower case, as counts and lists say it ("3 e-mail addresses"). */
export const CATEGORY_PLURAL: Record<DeidCategory, string> = {
	name: 'names',
	workplace: 'workplaces',
	place: 'places',
	address: 'addresses',
	phone: 'phone numbers',
	email: 'e-mail addresses',
	date_of_birth: 'dates of birth',
	national_id: 'ID numbers',
	other: 'other terms'
};

/** The placeholder written for a category when the analyst chooses placeholders. */
export const PLACEHOLDER: Record<DeidCategory, string> = {
	name: '[name]',
	workplace: '[workplace]',
	place: '[place]',
	address: '[address]',
	phone: '[phone number]',
	email: '[e-mail]',
	date_of_birth: '[date of birth]',
	national_id: '[ID number]',
	other: '[removed]'
};

/** One identifying detail found in a text. Offsets are UTF-16, half-open. */
export interface Detection {
	start: number;
	end: number;
	category: DeidCategory;
	/** text.slice(start, end) */
	text: string;
	/** 0–1: how sure the detector is (check digits and e-mail syntax near 1, a lone capitalised word near 0.4). */
	confidence: number;
	/** Why it was flagged, in words, for the analyst who reviews it. */
	reason: string;
}

/** A detection in a named document (the CLI's doc is the file name without extension). */
export interface Finding extends Detection {
	doc: string;
}

/** Pseudonyms (consistent invented values) or placeholders like [name], chosen per category. */
export type ReplacementMode = 'pseudonym' | 'placeholder';

export const DEFAULT_MODES: Record<DeidCategory, ReplacementMode> = {
	name: 'pseudonym',
	workplace: 'pseudonym',
	place: 'pseudonym',
	address: 'pseudonym',
	phone: 'placeholder',
	email: 'placeholder',
	date_of_birth: 'placeholder',
	national_id: 'placeholder',
	other: 'placeholder'
};
