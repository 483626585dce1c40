// Builds static/sample/codings.json, the codings the coded sample study starts with: the
// synthetic corpus's gold codings (sample/gold.json) in a compact form, UTF-16 offsets,
// code ids as in codebooks/mct-rtw.json. They let a new user try themes, review and the
// theme table at once; they are attributed to their own coder, "Sample coder".
//
//   node scripts/build-sample-codings.mjs [corpusDir] [outFile]

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(process.argv[2] ?? process.env.TEMA_CORPUS ?? join(root, '..', 'shared', 'corpus', 'sample'));
const outFile = resolve(process.argv[3] ?? join(root, 'static', 'sample', 'codings.json'));

const gold = JSON.parse(readFileSync(join(corpus, 'gold.json'), 'utf8'));
const rows = gold
	.map((g) => [g.doc, g.code, g.start16, g.end16])
	.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[2] - b[2] || a[3] - b[3]));
const out = {
	schemaVersion: 1,
	coder: { name: 'Sample coder', color: '#b45309' },
	note: 'Gold codings of the synthetic sample corpus: [document (file name without .txt), code id, start, end] in UTF-16 offsets.',
	codings: rows
};
writeFileSync(outFile, JSON.stringify(out).replace(/\],\[/g, '],\n['));
console.log(`${rows.length} codings → ${outFile}`);
