// What a REFI-QDA import did, for the researcher and for the record: what was read, every
// element left out with the reason (the standard asks importers to list discarded elements),
// and the decisions taken on the way (which position unit, which user became which coder).

export interface ImportReport {
	/** What was read, one line per kind of thing: "2 sources (1,236,037 characters)". */
	read: string[];
	/** Each element left out, with why. */
	dropped: { what: string; why: string }[];
	/** Decisions and remarks: the position unit chosen and why, names changed, … */
	notes: string[];
}

export function emptyReport(): ImportReport {
	return { read: [], dropped: [], notes: [] };
}
