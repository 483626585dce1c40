// Saving what the matrices and charts screens show: a TableDoc in any table format, and a
// chart as SVG or PNG. Every save says what was saved, or why it could not be.
import { downloadFile } from '$lib/io/download';
import { svgToPng } from '$lib/io/svgImage';
import { renderTable, tableFileName, tableFormatInfo, type TableDoc, type TableFormat } from '$lib/io/tables';
import { notices } from '$lib/state/notices.svelte';

const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function saveTable(doc: TableDoc, format: TableFormat, baseName: string): Promise<void> {
	try {
		const data = await renderTable(doc, format, { landscape: true });
		const name = downloadFile(tableFileName(baseName, format), data, tableFormatInfo(format).mime);
		notices.info(`Saved “${name}”.`);
	} catch (e) {
		notices.error(`“${baseName}” could not be exported as ${tableFormatInfo(format).label}: ${reason(e)}`);
	}
}

export function saveSvg(svg: string, baseName: string): void {
	const name = downloadFile(`${baseName}.svg`, svg, 'image/svg+xml');
	notices.info(`Saved “${name}”.`);
}

export async function savePng(svg: string, baseName: string): Promise<void> {
	try {
		const png = await svgToPng(svg, 2);
		const name = downloadFile(`${baseName}.png`, png, 'image/png');
		notices.info(`Saved “${name}”.`);
	} catch (e) {
		notices.error(`The PNG of “${baseName}” could not be made: ${reason(e)}`);
	}
}
