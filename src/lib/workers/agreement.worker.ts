// The agreement report for large corpora, off the main thread (a module worker). It imports
// only the pure domain code, through agreementJob.ts; every request is answered with its id,
// and the client ignores answers to requests it has since replaced.
import { runAgreementJob, type JobRequest, type JobResponse } from './agreementJob';

// The project's TypeScript lib is the DOM's; in a worker `self` is the worker's own scope.
const scope = self as unknown as {
	onmessage: ((e: MessageEvent<JobRequest>) => void) | null;
	postMessage(message: JobResponse): void;
};

scope.onmessage = (e) => {
	const { id, job } = e.data;
	const t0 = performance.now();
	let reply: JobResponse;
	try {
		reply = { id, ok: true, result: runAgreementJob(job), ms: performance.now() - t0 };
	} catch (err) {
		reply = { id, ok: false, error: err instanceof Error ? err.message : String(err) };
	}
	scope.postMessage(reply);
};
