// Counted words in messages and reports: "1 coding", "3,680 codings", "2 sets of codes have".

/** `n` with the singular or the plural (default: singular + s), thousands separated. */
export function plural(n: number, one: string, many = `${one}s`): string {
	return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
