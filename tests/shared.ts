// Where the test material beside the repository lives: ../shared (the synthetic corpus,
// REFI-QDA samples, agreement vectors). CI clones the repo with shared/ beside it, as here;
// TEMA_SHARED points elsewhere if needed. The app itself never reads it.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.env.TEMA_SHARED ?? resolve(REPO, '..', 'shared'));
// The real path: the corpus generator runs only when started by its real path, so a
// symlinked shared/ would otherwise make it exit without writing anything.
export const SHARED = existsSync(shared) ? realpathSync(shared) : shared;
export const CORPUS = resolve(SHARED, 'corpus');
export const SAMPLE = resolve(CORPUS, 'sample');
