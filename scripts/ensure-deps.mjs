// Installs the locked dependencies (npm ci) when node_modules is missing or older than
// package-lock.json, so `npm start` and `npm test` work straight after a clone.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

export function ensureDeps() {
	const installed = 'node_modules/.package-lock.json';
	if (existsSync(installed) && statSync(installed).mtimeMs >= statSync('package-lock.json').mtimeMs) return;
	console.log('Installing dependencies (npm ci)…');
	const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
}
