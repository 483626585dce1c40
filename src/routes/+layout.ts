// SPA: no server rendering and no prerendering; the client renders everything from IndexedDB.
export const ssr = false;
export const prerender = false;
