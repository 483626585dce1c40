// `npm start`: installs the locked dependencies when they are missing or older than the
// lockfile, builds the app, and serves it on http://127.0.0.1:4173 (the sample study is
// bundled: choose "Open the sample study"). Plain Node, so it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

function run(cmd, args) {
	const r = spawnSync(cmd, args, { stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
}

const installed = 'node_modules/.package-lock.json';
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync('package-lock.json').mtimeMs) {
	console.log('Installing dependencies (npm ci)…');
	run('npm', ['ci', '--no-audit', '--no-fund']);
}
run('npx', ['vite', 'build']);
console.log('\nTema is running at http://127.0.0.1:4173 — open it and choose “Open the sample study”. Ctrl+C stops it.\n');
run('npx', ['vite', 'preview']);
