// What the agreement worker computes, as plain data in and out: the same pure domain
// functions the screen calls directly for small selections, so both paths give the same
// report. Imported by the worker (agreement.worker.ts) and by the screen's synchronous path.
import {
	agreementReport,
	agreementWithReference,
	type AgreementReport,
	type ReferenceComparison,
	type ReferenceInput,
	type ReportInput
} from '../domain/agreement/report';
import type { Coding, Id, TranscriptDocument } from '../domain/types';

export type AgreementJob = { kind: 'report'; input: ReportInput } | { kind: 'reference'; input: ReferenceInput; referenceId: Id };

export type AgreementJobResult = { kind: 'report'; report: AgreementReport } | { kind: 'reference'; comparison: ReferenceComparison };

export function runAgreementJob(job: AgreementJob): AgreementJobResult {
	return job.kind === 'report'
		? { kind: 'report', report: agreementReport(job.input) }
		: { kind: 'reference', comparison: agreementWithReference(job.input, job.referenceId) };
}

/** Messages between the screen and the worker. */
export interface JobRequest {
	id: number;
	job: AgreementJob;
}
export type JobResponse = { id: number; ok: true; result: AgreementJobResult; ms: number } | { id: number; ok: false; error: string };

/**
 * Above either limit the report is computed in the worker, so the screen stays responsive.
 * Measured in Chromium on this project's machine (2 vCPU, busy), with intervals: the sample
 * study's 23 transcripts (0.8 million characters) take 20–85 ms on the main thread with two to
 * four coders (7,300–14,500 codings), depending on the unit; 100 transcripts with 50,000
 * codings ≈ 170 ms. The worker's round trip for the sample is ≈ 200 ms (330 ms with its first
 * start): it answers later than the main thread would, but the page never stalls, so it is
 * used from 5,000 codings on, well before a report could hold the page for a noticeable time.
 */
export const WORKER_THRESHOLD = { codings: 5_000, characters: 2_000_000 } as const;

export interface SelectionSize {
	codings: number;
	characters: number;
	transcripts: number;
}

/** How much a report over these transcripts, codes and coders has to look at. */
export function selectionSize(
	documents: readonly TranscriptDocument[],
	codings: readonly Coding[],
	docIds: readonly Id[],
	codeIds: readonly Id[],
	coderIds: readonly Id[]
): SelectionSize {
	const docs = new Set(docIds);
	const codes = new Set(codeIds);
	const coders = new Set(coderIds);
	let n = 0;
	for (const k of codings) if (docs.has(k.docId) && codes.has(k.codeId) && coders.has(k.coderId)) n++;
	let characters = 0;
	for (const d of documents) if (docs.has(d.id)) characters += d.length;
	return { codings: n, characters, transcripts: docs.size };
}

/** 'always' and 'never' come from the page address (?worker=1 / ?worker=0), for tests and checks. */
export type WorkerMode = 'auto' | 'always' | 'never';

export function workerMode(param: string | null): WorkerMode {
	return param === '1' ? 'always' : param === '0' ? 'never' : 'auto';
}

export function needsWorker(size: SelectionSize, mode: WorkerMode = 'auto'): boolean {
	if (mode !== 'auto') return mode === 'always';
	return size.codings > WORKER_THRESHOLD.codings || size.characters > WORKER_THRESHOLD.characters;
}
