import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { host: '127.0.0.1', port: 5173, strictPort: true, fs: { allow: ['codebooks'] } },
	preview: { host: '127.0.0.1', port: 4173, strictPort: true },
	// Vite 8 (rolldown) warns about SvelteKit's slow writeBundle on every build; silence it.
	build: { rolldownOptions: { checks: { bundlerTimings: false } } },
	test: {
		projects: [
			{
				// DOM tests: Svelte components and ProseMirror EditorView tests (jsdom).
				// 'browser' makes `svelte` resolve to its client build so mount() works.
				extends: true,
				resolve: { conditions: ['browser'] },
				test: {
					name: 'dom',
					environment: 'jsdom',
					include: ['src/**/*.svelte.{test,spec}.ts', 'src/**/*.dom.{test,spec}.ts']
				}
			},
			{
				// Pure logic, io, CLI and Dexie (fake-indexeddb) in plain node.
				extends: true,
				test: {
					name: 'node',
					environment: 'node',
					include: ['src/**/*.{test,spec}.ts', 'tests/unit/**/*.{test,spec}.ts'],
					exclude: ['src/**/*.svelte.{test,spec}.ts', 'src/**/*.dom.{test,spec}.ts'],
					testTimeout: 30_000
				}
			}
		]
	}
});
