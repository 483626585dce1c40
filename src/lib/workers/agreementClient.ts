// The screen's side of the agreement worker: posts a job as plain data and returns a Promise
// of its result. One job at a time: a new job replaces the one in flight (the selection
// changed, so its answer is no longer wanted) — the old promise resolves to null and the
// worker computing it is terminated (a synchronous computation cannot be interrupted any
// other way); a fresh worker takes the new job. Answers that arrive for a replaced job are
// ignored by their id.
import type { AgreementJob, AgreementJobResult, JobRequest, JobResponse } from './agreementJob';

/** The part of a Worker the client uses (a fake in tests). */
export interface WorkerLike {
	postMessage(message: JobRequest): void;
	terminate(): void;
	onmessage: ((e: MessageEvent<JobResponse>) => void) | null;
	onerror: ((e: ErrorEvent) => void) | null;
}

export function agreementWorker(): WorkerLike {
	return new Worker(new URL('./agreement.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
}

interface Pending {
	id: number;
	resolve: (r: AgreementJobResult | null) => void;
	reject: (e: Error) => void;
}

export class AgreementClient {
	#create: () => WorkerLike;
	#worker: WorkerLike | null = null;
	#pending: Pending | null = null;
	#seq = 0;
	/** Workers started so far (a replaced job costs one). */
	started = 0;

	constructor(create: () => WorkerLike = agreementWorker) {
		this.#create = create;
	}

	get busy(): boolean {
		return this.#pending !== null;
	}

	/** The job's result, or null if another job replaced it (or `cancel` was called) first. */
	run(job: AgreementJob): Promise<AgreementJobResult | null> {
		this.cancel();
		const id = ++this.#seq;
		const worker = this.#worker ?? this.#spawn();
		return new Promise((resolve, reject) => {
			this.#pending = { id, resolve, reject };
			worker.postMessage({ id, job });
		});
	}

	/** Drops the job in flight (its promise resolves to null) and stops its worker. */
	cancel(): void {
		const p = this.#pending;
		if (!p) return;
		this.#pending = null;
		this.#worker?.terminate();
		this.#worker = null;
		p.resolve(null);
	}

	dispose(): void {
		this.cancel();
		this.#worker?.terminate();
		this.#worker = null;
	}

	#spawn(): WorkerLike {
		const w = this.#create();
		this.started++;
		w.onmessage = (e) => this.#receive(w, e.data);
		w.onerror = (e) => {
			e.preventDefault?.();
			this.#fail(w, e.message || 'the agreement worker stopped with an error');
		};
		this.#worker = w;
		return w;
	}

	#receive(from: WorkerLike, msg: JobResponse): void {
		const p = this.#pending;
		// an answer from a terminated worker, or to a job since replaced: not wanted
		if (from !== this.#worker || !p || msg.id !== p.id) return;
		this.#pending = null;
		if (msg.ok) p.resolve(msg.result);
		else p.reject(new Error(msg.error));
	}

	#fail(from: WorkerLike, message: string): void {
		if (from !== this.#worker) return;
		// a worker that failed to load or crashed is not reused
		from.terminate();
		this.#worker = null;
		const p = this.#pending;
		this.#pending = null;
		p?.reject(new Error(message));
	}
}
