// Where the test material beside the repository lives: ../shared (the synthetic corpus,
// REFI-QDA samples, agreement vectors). CI clones the repo with shared/ beside it, as here;
// TEMA_SHARED points elsewhere if needed. The app itself never reads it.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.env.TEMA_SHARED ?? resolve(REPO, '..', 'shared'));
// The real path: the corpus generator runs only when started by its real path, so a
// symlinked shared/ would otherwise make it exit without writing anything.
export const SHARED = existsSync(shared) ? realpathSync(shared) : shared;
export const CORPUS = resolve(SHARED, 'corpus');
export const SAMPLE = resolve(CORPUS, 'sample');

/** A sample transcript's text, exactly as stored (CRLF documents keep their CRLF). */
export function sampleTranscript(id: string): string {
	return readFileSync(resolve(SAMPLE, 'transcripts', `${id}.txt`), 'utf8');
}

/** The sample's gold codings of one document, in the shape the editor paints. */
export function goldSpans(doc: string): { id: string; codeId: string; start: number; end: number }[] {
	const gold = JSON.parse(readFileSync(resolve(SAMPLE, 'gold.json'), 'utf8')) as {
		id: string;
		doc: string;
		code: string;
		start: number;
		end: number;
	}[];
	return gold.filter((g) => g.doc === doc).map((g) => ({ id: g.id, codeId: g.code, start: g.start, end: g.end }));
}

/** Seeded PRNG (mulberry32): the app's own, so tests and benchmarks repeat exactly. */
export { mulberry32 } from '../src/lib/domain/random';
