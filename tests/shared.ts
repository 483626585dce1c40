// Where the test material beside the repository lives: ../shared (the synthetic corpus,
// REFI-QDA samples, agreement vectors). CI clones the repo with shared/ beside it, as here;
// TEMA_SHARED points elsewhere if needed. The app itself never reads it.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = resolve(process.env.TEMA_SHARED ?? resolve(REPO, '..', 'shared'));
export const CORPUS = resolve(SHARED, 'corpus');
export const SAMPLE = resolve(CORPUS, 'sample');
