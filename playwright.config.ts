import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

// Debian's Chromium (apt-get install -y chromium): Playwright cannot download its own
// browser builds on these machines. scripts/find-chromium.mjs explains a missing one.
const CHROMIUM =
	process.env.CHROMIUM_PATH ??
	['/usr/bin/chromium', '/usr/lib/chromium/chromium'].find((p) => existsSync(p)) ??
	'/usr/bin/chromium';
// We run as root: Chromium needs --no-sandbox. The network flags stop Chromium from
// calling home on a machine whose network is closed.
const chromiumArgs = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

// TEMA_PORT lets a second run (e.g. the benchmark) use its own server beside another.
const PORT = Number(process.env.TEMA_PORT ?? 4173);
const BASE = `http://127.0.0.1:${PORT}`;

export default defineConfig({
	testDir: 'tests',
	fullyParallel: false,
	forbidOnly: !!process.env.CI,
	retries: 0,
	workers: 1, // 2 cores: vite preview plus one Chromium is what the machine carries
	reporter: process.env.CI ? [['list'], ['json']] : 'list',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	use: {
		baseURL: BASE,
		trace: 'retain-on-failure',
		viewport: { width: 1400, height: 900 }
	},
	projects: [
		{
			name: 'e2e',
			testMatch: 'e2e/**/*.spec.ts',
			use: {
				...devices['Desktop Chrome'],
				viewport: { width: 1400, height: 900 },
				launchOptions: { executablePath: CHROMIUM, args: chromiumArgs }
			}
		},
		{
			name: 'bench',
			testMatch: 'bench/**/*.spec.ts',
			timeout: 900_000,
			use: {
				...devices['Desktop Chrome'],
				viewport: { width: 1400, height: 900 },
				launchOptions: {
					executablePath: CHROMIUM,
					args: [...chromiumArgs, '--enable-precise-memory-info', '--js-flags=--expose-gc']
				}
			}
		}
	],
	webServer: {
		// Build the static SPA, then serve build/ (127.0.0.1:PORT, strictPort).
		command: `npm run build && npx vite preview --port ${PORT}`,
		url: BASE,
		reuseExistingServer: !process.env.CI,
		timeout: 240_000,
		stdout: 'ignore',
		stderr: 'pipe'
	}
});
