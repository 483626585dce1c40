// Finds the Chromium the browser tests drive (Playwright cannot download its own here).
// Prints where it is, or how to install it, and fails fast instead of a cryptic launch error.
import { existsSync } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
const found = candidates.find((p) => existsSync(p));
if (!found) {
	console.error(
		'Chromium not found. The browser tests drive Debian\'s chromium package:\n' +
			'  sudo apt-get update && sudo apt-get install -y chromium\n' +
			'or set CHROMIUM_PATH to a Chromium or Chrome binary.'
	);
	process.exit(1);
}
if (process.env.CI || process.argv.includes('--print')) console.log(`Chromium: ${found}`);
