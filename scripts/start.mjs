// `npm start`: installs the locked dependencies when they are missing or older than the
// lockfile, builds the app, and serves it on http://127.0.0.1:4173 (the sample study is
// bundled: choose "Open the sample study"). Plain Node, so it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { ensureDeps } from './ensure-deps.mjs';

function run(cmd, args) {
	const r = spawnSync(cmd, args, { stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
}

ensureDeps();
run('npx', ['vite', 'build']);
console.log('\nTema is running at http://127.0.0.1:4173 — open it and choose “Open the sample study”. Ctrl+C stops it.\n');
run('npx', ['vite', 'preview']);
