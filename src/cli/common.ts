// What every `tema` command shares: where it writes, its two kinds of failure (a usage problem,
// exit 2 with a pointer to --help; a problem with a file, exit 1), reading a file's bytes with
// the reason in words, and the text encodings --encoding accepts.

import { readFileSync } from 'node:fs';
import type { TextEncoding } from '../lib/domain/types';

export interface Io {
	out(text: string): void;
	err(text: string): void;
}

export class UsageError extends Error {}
export class FileError extends Error {}

export const ENCODINGS: readonly TextEncoding[] = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'];

/** An --encoding value, or a usage error listing the ones there are. */
export function encodingArg(v: string): TextEncoding {
	const enc = ENCODINGS.find((e) => e === v.toLowerCase());
	if (!enc) throw new UsageError(`unknown encoding "${v}" (use ${ENCODINGS.join(', ')})`);
	return enc;
}

/**
 * A command's arguments in order, each with its option name ("--out" of "--out=x") and
 * `value()`, which reads the option's value from "--out=x" or from the next argument (which is
 * then skipped), or throws "--out needs a value". A generator, so commands loop with for…of.
 */
export function* options(args: readonly string[]): Generator<{ arg: string; name: string; value: () => string }> {
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		const name = arg.split('=')[0];
		yield {
			arg,
			name,
			value: () => {
				const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
				if (v === undefined || v === '') throw new UsageError(`${name} needs a value`);
				return v;
			}
		};
	}
}

/**
 * Runs a command's work and turns its failure into the exit code, printed as `tema` prints it:
 * 0 done, 1 a file's problem, 2 a usage problem (`command` names the help to point to).
 */
export async function exitCode(command: string | undefined, work: () => void | Promise<void>, io: Io): Promise<number> {
	try {
		await work();
		return 0;
	} catch (e) {
		if (e instanceof UsageError) {
			io.err(`tema: ${e.message}\nRun "${command ? `tema ${command} --help` : 'tema --help'}" for usage.\n`);
			return 2;
		}
		if (e instanceof FileError) {
			io.err(`tema: ${e.message}\n`);
			return 1;
		}
		throw e;
	}
}

export function readBytes(file: string): Uint8Array {
	try {
		return readFileSync(file);
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		const why =
			code === 'ENOENT'
				? 'file not found'
				: code === 'EISDIR'
					? 'is a folder, not a file'
					: code === 'EACCES' || code === 'EPERM'
						? 'permission denied'
						: (e as Error).message;
		throw new FileError(`${file}: ${why}`);
	}
}
