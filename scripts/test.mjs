// `npm test`: every test, unit (vitest) then browser journeys (Playwright in Chromium).
// Both write JSON reports; the closing line "N passed, N failed" adds them up so CI and
// people read one number. Exits non-zero when anything failed or nothing ran.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureDeps } from './ensure-deps.mjs';

ensureDeps();

// Not test-results/: Playwright empties that folder when it starts.
const out = 'test-reports';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

function run(cmd, args, env = {}) {
	const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	return r.status ?? 1;
}

const unitStatus = run('npx', [
	'vitest',
	'run',
	'--reporter=default',
	'--reporter=json',
	`--outputFile.json=${out}/vitest.json`
]);

let e2eStatus = run('node', ['scripts/find-chromium.mjs', '--print']);
if (e2eStatus === 0) {
	e2eStatus = run('npx', ['playwright', 'test', '--project=e2e', '--reporter=list,json'], {
		PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/playwright.json`
	});
}

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(`${out}/vitest.json`)) {
	const v = JSON.parse(readFileSync(`${out}/vitest.json`, 'utf8'));
	passed += v.numPassedTests;
	failed += v.numFailedTests;
	skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
} else if (unitStatus !== 0) failed += 1;
if (existsSync(`${out}/playwright.json`)) {
	const p = JSON.parse(readFileSync(`${out}/playwright.json`, 'utf8'));
	passed += p.stats.expected + (p.stats.flaky ?? 0);
	failed += p.stats.unexpected;
	skipped += p.stats.skipped ?? 0;
} else if (e2eStatus !== 0) failed += 1;

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(unitStatus !== 0 || e2eStatus !== 0 || failed > 0 || passed === 0 ? 1 : 0);
