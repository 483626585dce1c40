// Public face of db/: the rest of the app imports from here, and shares one database
// connection through the lazily created singletons (nothing opens IndexedDB at import time,
// so modules that merely import db/ stay usable in Node and during prerendering).

import { Repo } from './repo';
import { TemaDB } from './schema';

export { TemaDB } from './schema';
export { VERSIONS, LATEST_VERSION, type SchemaVersion } from './versions';
export type { CodingSetRow, MetaRow } from './rows';
export {
	Repo,
	DEFAULT_CODER,
	type RepoOptions,
	type NewProject,
	type NewDocument,
	type ProjectPatch,
	type DocumentPatch,
	type CodingFilter
} from './repo';
export { codingSetId, compareCodings, validateChanges } from './changes';
export { storageInfo, requestPersistence, type StorageInfo, type StorageApi } from './storage';

/** The IndexedDB database name the app uses. */
export const DB_NAME = 'tema';

let database: TemaDB | undefined;
let repository: Repo | undefined;

/** The app's database, created on first use. */
export function db(): TemaDB {
	return (database ??= new TemaDB(DB_NAME));
}

/** The app's repository over db(), created on first use. */
export function repo(): Repo {
	return (repository ??= new Repo(db()));
}
