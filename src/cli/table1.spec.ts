// `tema table1`: Table 1 from the sample's participants.csv, as the app renders it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../../tests/shared';
import { sampleBackup } from '../../tests/fixtures/sampleBackup';
import { renderTable } from '../lib/io/tables';
import { table1For } from '../lib/io/table1Doc';
import { parseParticipantsCsv } from '../lib/io/participants';
import { attributeDefs } from '../lib/domain/table1';

const CSV = join(REPO, 'static', 'sample', 'participants.csv');

function tema(args: string[]) {
	const r = spawnSync('npx', ['tsx', 'src/cli/tema.ts', ...args], { cwd: REPO, encoding: 'utf8' });
	return { status: r.status, stdout: r.stdout, stderr: r.stderr.split('\n').filter((l) => l && !l.startsWith('npm warn')).join('\n') };
}

describe('tema table1', () => {
	let dir = '';
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'tema-table1-'));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it.each(['md', 'csv', 'html', 'latex'] as const)('prints the sample’s Table 1 as %s exactly as the app renders it', async (format) => {
		const r = tema(['table1', CSV, '--format', format]);
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		const parsed = parseParticipantsCsv(readFileSync(CSV, 'utf8'), CSV, 'cli');
		if (!parsed.ok) throw new Error(parsed.message);
		expect(r.stdout).toBe(await renderTable(table1For(parsed.participants, attributeDefs(undefined, parsed.participants)), format));
		if (format === 'md') {
			expect(r.stdout).toContain('Table 1. Participant characteristics (N = 23)');
			expect(r.stdout).toMatch(/Female \| 18 \(78\.3\)/);
			expect(r.stdout).toMatch(/Male \| 5 \(21\.7\)/);
		}
	});

	it('reads a project backup with its attribute types, and names the file and problem for a bad CSV', () => {
		const b = sampleBackup();
		b.participants = b.participants.map((p, i) => ({ ...p, attributes: { score: i % 2 ? '7' : '9' } }));
		const asCategory = join(dir, 'b1.json');
		writeFileSync(asCategory, JSON.stringify(b));
		expect(tema(['table1', asCategory]).stdout).toMatch(/\| 9 \| 12 \(52\.2\) \|/);
		const typed = join(dir, 'b2.json');
		writeFileSync(typed, JSON.stringify({ ...b, project: { ...b.project, attributes: [{ name: 'score', type: 'number' }] } }));
		expect(tema(['table1', typed]).stdout).toContain('Mean (SD)');
		const bad = join(dir, 'bad.csv');
		writeFileSync(bad, 'id,gender\nP01,female\nP01,male\n');
		const r = tema(['table1', bad]);
		expect(r.status).toBe(1);
		expect(r.stderr).toBe(`tema: ${bad}: participant “P01” appears twice (row 3).`);
		expect(tema(['table1']).stderr).toMatch(/table1 needs a participants\.csv/);
	});
});
