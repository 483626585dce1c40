// Browser storage quota and persistence (navigator.storage). Without persistence the browser
// may evict a study's IndexedDB under storage pressure, so the app shows this and asks once.
// Every function answers null where the API is missing (old browsers, Node) instead of failing.

export interface StorageInfo {
	/** Whether the origin's storage is persistent; null when unknown. */
	persisted: boolean | null;
	/** Bytes used and available, as the browser estimates them; null when unknown. */
	usage: number | null;
	quota: number | null;
}

/** The subset of StorageManager used here, so tests can pass a stand-in. */
export type StorageApi = Partial<Pick<StorageManager, 'persisted' | 'persist' | 'estimate'>>;

function browserStorage(): StorageApi | undefined {
	return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

export async function storageInfo(
	storage: StorageApi | undefined = browserStorage()
): Promise<StorageInfo> {
	const [persisted, estimate] = await Promise.all([
		storage?.persisted ? storage.persisted().catch(() => null) : null,
		storage?.estimate ? storage.estimate().catch(() => null) : null
	]);
	return {
		persisted,
		usage: estimate?.usage ?? null,
		quota: estimate?.quota ?? null
	};
}

/** Asks the browser to keep the data; true when granted, null when the API is missing. */
export async function requestPersistence(
	storage: StorageApi | undefined = browserStorage()
): Promise<boolean | null> {
	if (!storage?.persist) return null;
	return storage.persist().catch(() => null);
}
