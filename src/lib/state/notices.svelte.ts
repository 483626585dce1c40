// Short messages for the user (a live region shows them): what happened, to what, and
// what to do. Errors stay until dismissed; information fades after a few seconds.
export interface Notice {
	id: number;
	kind: 'info' | 'warn' | 'error';
	text: string;
}

class Notices {
	list = $state<Notice[]>([]);
	#next = 1;

	#push(kind: Notice['kind'], text: string, ms: number | null): void {
		const id = this.#next++;
		this.list = [...this.list.slice(-4), { id, kind, text }];
		if (ms !== null && typeof setTimeout === 'function') setTimeout(() => this.dismiss(id), ms);
	}

	info(text: string): void {
		this.#push('info', text, 4000);
	}

	warn(text: string): void {
		this.#push('warn', text, 8000);
	}

	error(text: string): void {
		this.#push('error', text, null);
	}

	dismiss(id: number): void {
		this.list = this.list.filter((n) => n.id !== id);
	}
}

export const notices = new Notices();
