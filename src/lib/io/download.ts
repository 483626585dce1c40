// Saving a file the user asked for: the only way anything leaves the machine. The browser's
// own download, from memory (no server, no network).

/** A file name without characters that Windows, macOS or Linux refuse. */
export function safeFileName(name: string): string {
	const clean = name
		// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
		.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^\.+/, '');
	return clean.slice(0, 150) || 'export';
}

/** Offers `data` as a download called `fileName` (sanitised); returns the name used. */
export function downloadFile(fileName: string, data: Blob | Uint8Array | string, mime = 'application/octet-stream'): string {
	const name = safeFileName(fileName);
	const blob =
		data instanceof Blob
			? data
			: new Blob([typeof data === 'string' ? data : (data as Uint8Array<ArrayBuffer>)], {
					type: typeof data === 'string' && mime === 'application/octet-stream' ? 'text/plain;charset=utf-8' : mime
				});
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
	return name;
}
