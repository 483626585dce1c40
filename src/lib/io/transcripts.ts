// Reading transcript files: bytes in, a document ready to store out (or a clear reason why
// not). Each format (.txt, .docx, .md, .vtt, .srt) is read by formats/ into the .txt form and
// parsed for turns here. Batches report progress after every file and stop between files when
// cancelled; nothing is stored here, so the caller can store a batch in one transaction or not
// at all.
import { detectEol } from '../domain/decode';
import { detectParticipant, parseTurns } from '../domain/turns';
import type { DocumentContent, TextEncoding, TranscriptDocument } from '../domain/types';
import { extensionOf, readTranscriptText, TRANSCRIPT_EXTENSIONS, TRANSCRIPT_FORMATS } from './formats';

/** Largest transcript accepted: a 90-minute interview is ~100 kB; 20 MB is surely a mistake. */
export const MAX_TRANSCRIPT_BYTES = 20 * 1024 * 1024;

export { TRANSCRIPT_EXTENSIONS, TRANSCRIPT_FORMATS };

export interface FileLike {
	name: string;
	size: number;
	arrayBuffer(): Promise<ArrayBuffer>;
}

export type FileOutcome =
	| {
			kind: 'ok';
			fileName: string;
			message: string;
			doc: TranscriptDocument;
			content: DocumentContent;
			/** What was done to turn the file into text (null for plain text stored as it is). */
			note: string | null;
	  }
	| { kind: 'error'; fileName: string; message: string }
	| { kind: 'duplicate'; fileName: string; message: string; existingName: string }
	| { kind: 'ask-encoding'; fileName: string; message: string; bytes: Uint8Array };

export interface ReadOptions {
	projectId: string;
	/** Order of the first new document in the project list. */
	firstOrder: number;
	/** Fingerprint → name of documents already in the project (to refuse duplicates). */
	existing: Map<string, string>;
	/** Decode with this encoding (after the user answered the encoding question). */
	assume?: TextEncoding;
	now?: number;
	idFn?: () => string;
	signal?: AbortSignal;
	onProgress?: (done: number, total: number, fileName: string) => void;
}

/** SHA-256 (hex) of the text's UTF-8 encoding; `utf8` may pass those bytes when known. */
export async function sha256Hex(text: string, utf8?: Uint8Array): Promise<string> {
	const bytes = utf8 ?? new TextEncoder().encode(text);
	const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
	return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function baseName(fileName: string): string {
	const ext = extensionOf(fileName);
	return ext ? fileName.slice(0, -ext.length) : fileName;
}

/** Turns one file's bytes into a document, or says why it cannot. */
export async function readTranscriptBytes(
	fileName: string,
	bytes: Uint8Array,
	order: number,
	opts: ReadOptions
): Promise<FileOutcome> {
	if (bytes.byteLength > MAX_TRANSCRIPT_BYTES) {
		return {
			kind: 'error',
			fileName,
			message: `${fileName}: the file is ${(bytes.byteLength / 1048576).toFixed(0)} MB, larger than the ${MAX_TRANSCRIPT_BYTES / 1048576} MB a transcript can be. Is it really a transcript?`
		};
	}
	const read = await readTranscriptText(fileName, bytes, opts.assume);
	if (read.kind === 'ask-encoding') return { kind: 'ask-encoding', fileName, message: `${fileName}: ${read.message}`, bytes };
	if (read.kind === 'error') return { kind: 'error', fileName, message: `${fileName}: ${read.message}` };
	const text = read.text;
	// Valid UTF-8 file bytes are the text's UTF-8 encoding already: hash them, skip re-encoding.
	const utf8 = read.sameBytes ? bytes.subarray(read.sameBytes.bomLength) : undefined;
	const fingerprint = await sha256Hex(text, utf8);
	const existingName = opts.existing.get(fingerprint);
	if (existingName !== undefined) {
		return {
			kind: 'duplicate',
			fileName,
			existingName,
			message: `${fileName}: the same text is already in this project as “${existingName}”; it was not added again.`
		};
	}
	const turns = parseTurns(text, read.labels);
	const id = (opts.idFn ?? (() => crypto.randomUUID()))();
	const doc: TranscriptDocument = {
		id,
		projectId: opts.projectId,
		name: baseName(fileName),
		fileName,
		participantId: detectParticipant(turns, fileName),
		encoding: read.encoding,
		eol: detectEol(text),
		length: text.length,
		turnCount: turns.length,
		fingerprint,
		importedAt: opts.now ?? Date.now(),
		order
	};
	const message = `${fileName}: ${turns.length} speaker turns${doc.participantId ? `, participant ${doc.participantId}` : ''}.${read.note ? ` ${read.note}.` : ''}`;
	return { kind: 'ok', fileName, message, doc, content: { docId: id, text, turns }, note: read.note };
}

/**
 * Reads a batch of files one by one. Cancelling stops before the next file; the outcomes
 * read so far are returned with `cancelled: true` so the caller can decide to keep none.
 */
export async function readTranscriptFiles(
	files: FileLike[],
	opts: ReadOptions
): Promise<{ outcomes: FileOutcome[]; cancelled: boolean }> {
	const outcomes: FileOutcome[] = [];
	const seen = new Map(opts.existing);
	let order = opts.firstOrder;
	// The browser reads files off the main thread: ask for the next few while this one is
	// decoded and parsed. Bounded, so a batch of large files never sits in memory at once.
	const AHEAD = 4;
	const pending = new Map<number, Promise<ArrayBuffer>>();
	const bytesOf = (i: number) => {
		for (let j = i; j < Math.min(files.length, i + AHEAD); j++) {
			if (!pending.has(j) && files[j].size > 0) {
				const p = files[j].arrayBuffer();
				p.catch(() => undefined); // reported when its turn comes
				pending.set(j, p);
			}
		}
		const p = pending.get(i)!;
		pending.delete(i);
		return p;
	};
	for (let i = 0; i < files.length; i++) {
		const file = files[i];
		opts.onProgress?.(i, files.length, file.name);
		if (opts.signal?.aborted) return { outcomes, cancelled: true };
		let outcome: FileOutcome;
		try {
			if (file.size === 0) {
				outcome = { kind: 'error', fileName: file.name, message: `${file.name}: the file is empty.` };
			} else {
				const bytes = new Uint8Array(await bytesOf(i));
				outcome = await readTranscriptBytes(file.name, bytes, order, { ...opts, existing: seen });
			}
		} catch (e) {
			outcome = {
				kind: 'error',
				fileName: file.name,
				message: `${file.name}: the file could not be read (${e instanceof Error ? e.message : String(e)}).`
			};
		}
		if (outcome.kind === 'ok') {
			seen.set(outcome.doc.fingerprint, outcome.doc.name);
			order++;
		}
		outcomes.push(outcome);
	}
	opts.onProgress?.(files.length, files.length, '');
	return { outcomes, cancelled: false };
}
