// Lint rules, including the import boundaries of docs/architecture: domain imports nothing
// app-local; only db/ touches Dexie, only editor/ ProseMirror, only search/ fuse.js.
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

const owned = (lib, owner) => ({
	group: [lib, `${lib}/*`, `${lib}-*`],
	message: `${lib} is used only inside src/lib/${owner}/ (one owner per library).`
});
const dexie = owned('dexie', 'db');
const prosemirror = { group: ['prosemirror-*'], message: 'ProseMirror is used only inside src/lib/editor/.' };
const fuse = owned('fuse.js', 'search');

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'svelte/no-navigation-without-resolve': 'off',
			// State is kept in $state.raw and replaced, never mutated; local Maps and Sets built
			// inside a $derived are scratch values, not state, so this rule only misfires.
			'svelte/prefer-svelte-reactivity': 'off'
		}
	},
	...[
		// domain/*.ts: '../x' would leave domain; domain/sub/*.ts may reach '../x' (still domain) but not '../../x'.
		{ files: ['src/lib/domain/*.ts'], outside: ['$lib/*', '../*', '!../domain/*'] },
		{ files: ['src/lib/domain/*/**/*.ts'], outside: ['$lib/*', '../../*', '!../../domain/*'] }
	].map(({ files, outside }) => ({
		files,
		ignores: ['src/lib/domain/**/*.spec.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: outside, message: 'domain/ imports nothing app-local.' },
						dexie,
						prosemirror,
						fuse,
						{ group: ['svelte', 'svelte/*'], message: 'domain/ is plain TypeScript.' }
					]
				}
			]
		}
	})),
	{
		files: ['src/**/*.{ts,svelte}'],
		ignores: ['src/lib/db/**', 'src/lib/editor/**', 'src/lib/search/**', 'src/lib/domain/**'],
		rules: { 'no-restricted-imports': ['error', { patterns: [dexie, prosemirror, fuse] }] }
	},
	{
		files: ['src/lib/db/**/*.ts'],
		rules: { 'no-restricted-imports': ['error', { patterns: [prosemirror, fuse] }] }
	},
	{
		files: ['src/lib/editor/**/*.ts'],
		rules: { 'no-restricted-imports': ['error', { patterns: [dexie, fuse] }] }
	},
	{
		files: ['src/lib/search/**/*.ts'],
		rules: { 'no-restricted-imports': ['error', { patterns: [dexie, prosemirror] }] }
	},
	{
		ignores: ['build/', '.svelte-kit/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench-results/']
	}
);
