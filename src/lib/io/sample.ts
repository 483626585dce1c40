// The bundled sample study (static/sample/, copied from the synthetic corpus): transcripts,
// participants table and the name of its starter codebook. Fetched from the app's own
// origin, never from the network beyond it.
import type { FileLike } from './transcripts';

export interface SampleStudy {
	name: string;
	description: string;
	codebook: string;
	participantsCsv: string;
	files: FileLike[];
	/** The sample coder's codings, when asked for. */
	codings?: SampleCodings;
}

/** static/sample/codings.json: [document name, code id, start, end] rows (UTF-16 offsets). */
export interface SampleCodings {
	coder: { name: string; color: string };
	codings: [string, string, number, number][];
}

interface StudyJson {
	schemaVersion: 1;
	name: string;
	description: string;
	codebook: string;
	participants: string;
	transcripts: string[];
	codings?: string;
}

async function fetchOk(url: string, fetcher: typeof fetch): Promise<Response> {
	const res = await fetcher(url);
	if (!res.ok) throw new Error(`${url} could not be loaded (HTTP ${res.status}).`);
	return res;
}

export async function loadSampleStudy(
	base = '/sample',
	fetcher: typeof fetch = fetch,
	options: { coded?: boolean } = {}
): Promise<SampleStudy> {
	const study = (await (await fetchOk(`${base}/study.json`, fetcher)).json()) as StudyJson;
	if (study.schemaVersion !== 1) throw new Error(`The sample study has an unknown schemaVersion ${study.schemaVersion}.`);
	const participantsCsv = await (await fetchOk(`${base}/${study.participants}`, fetcher)).text();
	const files = await Promise.all(
		study.transcripts.map(async (name) => {
			// Bytes, not text: the CRLF transcripts must reach the decoder exactly as stored.
			const buf = await (await fetchOk(`${base}/${name}`, fetcher)).arrayBuffer();
			return { name, size: buf.byteLength, arrayBuffer: async () => buf } satisfies FileLike;
		})
	);
	let codings: SampleCodings | undefined;
	if (options.coded) {
		if (!study.codings) throw new Error('This sample study has no codings to start from.');
		codings = (await (await fetchOk(`${base}/${study.codings}`, fetcher)).json()) as SampleCodings;
		if (!Array.isArray(codings.codings)) throw new Error(`${study.codings} has no "codings" list.`);
	}
	return { name: study.name, description: study.description, codebook: study.codebook, participantsCsv, files, codings };
}
