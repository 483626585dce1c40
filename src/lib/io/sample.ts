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
}

interface StudyJson {
	schemaVersion: 1;
	name: string;
	description: string;
	codebook: string;
	participants: string;
	transcripts: string[];
}

async function fetchOk(url: string, fetcher: typeof fetch): Promise<Response> {
	const res = await fetcher(url);
	if (!res.ok) throw new Error(`${url} could not be loaded (HTTP ${res.status}).`);
	return res;
}

export async function loadSampleStudy(base = '/sample', fetcher: typeof fetch = fetch): Promise<SampleStudy> {
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
	return { name: study.name, description: study.description, codebook: study.codebook, participantsCsv, files };
}
