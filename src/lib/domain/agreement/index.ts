// Agreement statistics for several coders (issue 4): pure functions, no UI or storage.
// compute.ts is the single entry point the CLI and the app use; the rest is exported for
// reports that need the parts (coincidences, tables, bootstrap intervals, the paradox flag).
export * from './types';
export * from './inputs';
export * from './nominal';
export * from './alpha';
export * from './characters';
export * from './unitizing';
export * from './bootstrap';
export * from './paradox';
export * from './compute';
export * from './compare';
