// The starter codebooks shipped in codebooks/: bundled at build time (never fetched), and
// validated through the same parser as a user's file, so a broken starter fails loudly.
import { parseCodebookFile, type CodebookFile } from '../domain/codebookFile';

const files = import.meta.glob('/codebooks/*.json', { eager: true, import: 'default' }) as Record<string, unknown>;

export interface StarterCodebook {
	key: string;
	file: CodebookFile;
}

export function starterCodebooks(): StarterCodebook[] {
	return Object.entries(files)
		.map(([path, json]) => {
			const key = path.replace(/^.*\//, '').replace(/\.json$/, '');
			const parsed = parseCodebookFile(json, `codebooks/${key}.json`);
			if (!parsed.ok) throw new Error(parsed.error);
			return { key, file: parsed.file };
		})
		.sort((a, b) => a.file.name.localeCompare(b.file.name));
}

export function starterCodebook(key: string): StarterCodebook | undefined {
	return starterCodebooks().find((c) => c.key === key);
}
