// What a transcript format reader gives back: the text Tema stores (parsed for speaker turns
// like a .txt) and a note of what was done to get it, or the problem in words.

export type FormatText =
	| {
			ok: true;
			text: string;
			/** Speaker names to accept as turn labels besides the usual ones (caption files). */
			labels: string[];
			/** What was done, e.g. "WebVTT: 354 captions merged into 292 speaker turns …". */
			note: string;
	  }
	| { ok: false; message: string };
