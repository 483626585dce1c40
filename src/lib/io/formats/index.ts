// Transcript formats by file extension: bytes in, the text Tema stores out (or the problem in
// words, without the file name; the caller adds it). Plain text is stored exactly as decoded;
// every other format is converted to the same .txt form, so turns come from one parser.

import { decodeText } from '../../domain/decode';
import type { TextEncoding } from '../../domain/types';
import { readDocx } from './docx';
import { readMarkdown } from './markdown';
import { readSrt } from './srt';
import type { FormatText } from './types';
import { readVtt } from './vtt';

export interface TranscriptFormat {
	extensions: string[];
	/** How a researcher knows the format, for messages and the file chooser. */
	label: string;
}

export const TRANSCRIPT_FORMATS: TranscriptFormat[] = [
	{ extensions: ['.txt'], label: 'plain text' },
	{ extensions: ['.docx'], label: 'Word' },
	{ extensions: ['.md', '.markdown'], label: 'Markdown' },
	{ extensions: ['.vtt'], label: 'WebVTT captions' },
	{ extensions: ['.srt'], label: 'SubRip subtitles' }
];

export const TRANSCRIPT_EXTENSIONS = TRANSCRIPT_FORMATS.flatMap((f) => f.extensions);

export type ReadText =
	| {
			kind: 'text';
			text: string;
			encoding: TextEncoding;
			/** For a .txt: the file's bytes are the UTF-8 of the text (BOM this long stripped). */
			sameBytes: { bomLength: number } | null;
			labels: string[];
			/** What was done to get the text; null for plain text stored as it is. */
			note: string | null;
	  }
	| { kind: 'error'; message: string }
	| { kind: 'ask-encoding'; message: string };

export function extensionOf(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? name;
	const dot = base.lastIndexOf('.');
	return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

const BINARY: Record<string, string> = {
	'.txt': 'This is not a plain-text file. If it is a Word document, import the .docx file itself; a PDF must be saved as text (.txt) first.',
	'.md': 'the file holds binary data, not Markdown text.',
	'.markdown': 'the file holds binary data, not Markdown text.',
	'.vtt': 'the file holds binary data, not WebVTT captions (which are text). Export the captions again from the recording tool.',
	'.srt': 'the file holds binary data, not SubRip subtitles (which are text).'
};

/** Reads one transcript file's bytes by its extension. `assume` forces the text encoding. */
export async function readTranscriptText(fileName: string, bytes: Uint8Array, assume?: TextEncoding): Promise<ReadText> {
	const ext = extensionOf(fileName);
	if (!TRANSCRIPT_EXTENSIONS.includes(ext)) {
		const list = TRANSCRIPT_EXTENSIONS.filter((e) => e !== '.markdown').join(', ');
		return {
			kind: 'error',
			message: `“${ext || 'no extension'}” files are not transcripts Tema can read. Tema reads ${list}; save the transcript in one of these.`
		};
	}
	if (bytes.byteLength === 0) return { kind: 'error', message: 'the file is empty.' };
	if (ext === '.docx') {
		const r = await readDocx(bytes);
		return r.ok
			? { kind: 'text', text: r.text, encoding: 'utf-8', sameBytes: null, labels: [], note: r.note }
			: { kind: 'error', message: r.message };
	}
	const decoded = decodeText(bytes, assume ? { assume } : undefined);
	if (!decoded.ok) {
		if (decoded.reason === 'ambiguous-encoding') return { kind: 'ask-encoding', message: decoded.message };
		if (decoded.reason === 'binary' && BINARY[ext]) return { kind: 'error', message: BINARY[ext] };
		return { kind: 'error', message: decoded.message };
	}
	if (ext === '.txt') {
		const sameBytes = decoded.encoding === 'utf-8' && !assume ? { bomLength: decoded.bomStripped ? 3 : 0 } : null;
		return { kind: 'text', text: decoded.text, encoding: decoded.encoding, sameBytes, labels: [], note: null };
	}
	const r: FormatText = ext === '.vtt' ? readVtt(decoded.text) : ext === '.srt' ? readSrt(decoded.text) : readMarkdown(decoded.text);
	return r.ok
		? { kind: 'text', text: r.text, encoding: decoded.encoding, sameBytes: null, labels: r.labels, note: r.note }
		: { kind: 'error', message: r.message };
}
