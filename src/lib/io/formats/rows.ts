// Table rows in Word and Markdown transcripts: transcription services often lay a transcript
// out as a table (time | speaker | text). A row becomes one transcript line in the .txt form,
// `[00:01:02] Speaker: text`, so parseTurns finds its turn; other rows keep their cells
// separated by tabs.

const TIME = /^[[(]?((?:\d{1,2}:)?\d{1,2}:\d{2})(?:[.,]\d{1,3})?[\])]?$/;
/** Header cells of such tables, e.g. "Speaker | Text". */
const HEADER = /^(?:speaker|name|who|time|timestamp|time ?code|start|end|text|transcript|utterance|content|dialogue)$/i;

export function isHeaderRow(cells: string[]): boolean {
	const filled = cells.map((c) => c.trim()).filter(Boolean);
	return filled.length >= 2 && filled.every((c) => HEADER.test(c));
}

export function rowToLine(cells: string[]): string {
	const filled = cells.map((c) => c.replace(/\s+/g, ' ').trim()).filter(Boolean);
	if (filled.length === 0) return '';
	const t = filled.findIndex((c) => TIME.test(c));
	const stamp = t >= 0 ? `[${TIME.exec(filled[t])![1]}] ` : '';
	const rest = t >= 0 ? filled.filter((_, i) => i !== t) : filled;
	if (rest.length >= 2 && speakerLike(rest[0])) {
		return `${stamp}${rest[0].replace(/[ \t]*:$/, '')}: ${rest.slice(1).join(' ')}`;
	}
	return stamp + rest.join('\t');
}

/** A short cell without sentence punctuation: a speaker's name or label. */
function speakerLike(cell: string): boolean {
	return cell.length <= 40 && cell.split(' ').length <= 4 && !/[.?!,;"“”…]$/.test(cell.replace(/:$/, ''));
}
