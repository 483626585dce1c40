// The worker client with a fake Worker: answers arrive when the test says so, so a stale
// answer can be delivered after its job was replaced.
import { describe, expect, it } from 'vitest';
import { AgreementClient, type WorkerLike } from './agreementClient';
import { needsWorker, runAgreementJob, selectionSize, workerMode, WORKER_THRESHOLD, type AgreementJob, type JobRequest, type JobResponse } from './agreementJob';
import type { ReportInput } from '../domain/agreement/report';
import type { Coding, TranscriptDocument } from '../domain/types';

class FakeWorker implements WorkerLike {
	onmessage: ((e: MessageEvent<JobResponse>) => void) | null = null;
	onerror: ((e: ErrorEvent) => void) | null = null;
	received: JobRequest[] = [];
	terminated = false;
	postMessage(m: JobRequest) {
		this.received.push(m);
	}
	terminate() {
		this.terminated = true;
	}
	/** The worker answers request `i` (computing it for real). */
	answer(i = this.received.length - 1) {
		const { id, job } = this.received[i];
		this.onmessage?.({ data: { id, ok: true, result: runAgreementJob(job), ms: 1 } } as MessageEvent<JobResponse>);
	}
	fail(i: number, error: string) {
		this.onmessage?.({ data: { id: this.received[i].id, ok: false, error } } as MessageEvent<JobResponse>);
	}
}

const doc = (id: string, length = 100): TranscriptDocument => ({ id, projectId: 'p', name: id, fileName: id, participantId: id, encoding: 'utf-8', eol: 'lf', length, turnCount: 0, fingerprint: id, importedAt: 0, order: 0 });
const coding = (id: string, docId: string, coderId: string, start: number, end: number): Coding => ({ id, projectId: 'p', docId, codeId: 'X', coderId, start, end, quote: '', prefix: '', suffix: '', createdAt: 0 });
function job(unit: ReportInput['unit']): AgreementJob {
	return {
		kind: 'report',
		input: {
			documents: [doc('d1'), doc('d2')],
			contents: new Map(),
			codes: [{ id: 'X', projectId: 'p', parentId: null, order: 0, name: 'X', color: '#000000', definition: '', include: '', exclude: '', example: '', createdAt: 0 }],
			codings: [coding('1', 'd1', 'a', 0, 30), coding('2', 'd1', 'b', 10, 30), coding('3', 'd2', 'a', 50, 60), coding('4', 'd2', 'b', 40, 60)],
			coders: [{ id: 'a', projectId: 'p', name: 'A', color: '#000000' }, { id: 'b', projectId: 'p', name: 'B', color: '#000000' }],
			docIds: ['d1', 'd2'],
			codeIds: ['X'],
			coderIds: ['a', 'b'],
			unit,
			bootstrap: { replicates: 50 }
		}
	};
}

function setup() {
	const workers: FakeWorker[] = [];
	const client = new AgreementClient(() => {
		const w = new FakeWorker();
		workers.push(w);
		return w;
	});
	return { client, workers };
}

describe('the agreement worker client', () => {
	it('posts the job as plain data and resolves with the worker’s answer, reusing the worker', async () => {
		const { client, workers } = setup();
		const p = client.run(job('char'));
		expect(client.busy).toBe(true);
		expect(workers[0].received[0]).toEqual({ id: 1, job: job('char') });
		expect(structuredClone(workers[0].received[0])).toEqual(workers[0].received[0]);
		workers[0].answer();
		const r = await p;
		expect(r?.kind === 'report' && r.report.unit).toBe('char');
		expect(client.busy).toBe(false);
		const q = client.run(job('turn'));
		workers[0].answer();
		expect((await q)?.kind).toBe('report');
		expect(workers).toHaveLength(1);
	});

	it('a new job replaces the one in flight: the old promise gives null, its worker is stopped, its late answer ignored', async () => {
		const { client, workers } = setup();
		const first = client.run(job('char'));
		const second = client.run(job('turn'));
		expect(await first).toBeNull();
		expect(workers[0].terminated).toBe(true);
		expect(workers).toHaveLength(2);
		expect(workers[1].received[0].id).toBe(2);
		// the stopped worker answers anyway (it had finished): ignored
		workers[0].answer(0);
		expect(client.busy).toBe(true);
		// an answer with an old id on the live worker: ignored too
		workers[1].onmessage?.({ data: { id: 1, ok: true, result: runAgreementJob(job('presence')), ms: 1 } } as MessageEvent<JobResponse>);
		expect(client.busy).toBe(true);
		workers[1].answer();
		const r = await second;
		expect(r?.kind === 'report' && r.report.unit).toBe('turn');
	});

	it('cancel drops the job; an error in the job rejects; a crashed worker is replaced', async () => {
		const { client, workers } = setup();
		const p = client.run(job('char'));
		client.cancel();
		expect(await p).toBeNull();
		expect(workers[0].terminated).toBe(true);
		const q = client.run(job('char'));
		workers[1].fail(0, 'no coder with id zz');
		await expect(q).rejects.toThrow('no coder with id zz');
		const r = client.run(job('char'));
		workers[1].onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
		await expect(r).rejects.toThrow('boom');
		expect(workers[1].terminated).toBe(true);
		const s = client.run(job('char'));
		expect(workers).toHaveLength(3);
		workers[2].answer();
		expect(await s).not.toBeNull();
		client.dispose();
		expect(workers[2].terminated).toBe(true);
	});
});

describe('when the worker is used', () => {
	it('counts the chosen codings and characters and compares them with the threshold', () => {
		const documents = [doc('d1', 1_500_000), doc('d2', 600_000), doc('d3', 10)];
		const codings = [coding('1', 'd1', 'a', 0, 1), coding('2', 'd1', 'b', 0, 1), coding('3', 'd3', 'a', 0, 1), coding('4', 'd2', 'c', 0, 1)];
		const size = selectionSize(documents, codings, ['d1', 'd3'], ['X'], ['a', 'b']);
		expect(size).toEqual({ codings: 3, characters: 1_500_010, transcripts: 2 });
		expect(needsWorker(size)).toBe(false);
		expect(needsWorker({ ...size, characters: WORKER_THRESHOLD.characters + 1 })).toBe(true);
		expect(needsWorker({ ...size, codings: WORKER_THRESHOLD.codings + 1 })).toBe(true);
		expect(needsWorker({ ...size, codings: 10 ** 6 }, 'never')).toBe(false);
		expect(needsWorker(size, 'always')).toBe(true);
		expect([workerMode('1'), workerMode('0'), workerMode(null), workerMode('yes')]).toEqual(['always', 'never', 'auto', 'auto']);
	});
});
