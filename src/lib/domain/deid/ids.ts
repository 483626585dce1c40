// Check-digit validation of national identity numbers, so the detector reports an 11-digit
// number only when it really can be a fødselsnummer (and not an account or case number):
// Norway (both mod-11 control digits; D-numbers add 40 to the day, H-numbers 40 and synthetic
// test identities 80 to the month), Sweden (personnummer, Luhn), Finland (henkilötunnus, mod
// 31 check character), Denmark (CPR: date only, the old mod-11 rule is no longer required)
// and the UK (National Insurance number: prefix rules).

function validDate(day: number, month: number, year: number | null): boolean {
	if (month < 1 || month > 12 || day < 1) return false;
	const y = year ?? 2000; // leap year when unknown, so 29 February passes
	const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
	return day <= days[month - 1];
}

/** The century of a Norwegian number from its year and individual number (Skatteetaten's rule). */
function norwegianYear(yy: number, individual: number): number | null {
	if (individual <= 499) return 1900 + yy;
	if (individual <= 749 && yy >= 54) return 1800 + yy;
	if (individual >= 900 && yy >= 40) return 1900 + yy;
	if (individual >= 500) return (yy <= 39 ? 2000 : 1900) + yy;
	return null;
}

/**
 * A Norwegian fødselsnummer or D-number (11 digits, spaces removed): a date (day + 40 for a
 * D-number; month + 40 for an H-number, + 80 for a synthetic test identity) and two mod-11
 * control digits that must both be right.
 */
export function isNorwegianId(digits: string): boolean {
	if (!/^\d{11}$/.test(digits)) return false;
	const d = [...digits].map(Number);
	const w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
	const w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
	const control = (weights: number[]) => {
		const r = 11 - (weights.reduce((s, w, i) => s + w * d[i], 0) % 11);
		return r === 11 ? 0 : r;
	};
	const k1 = control(w1);
	if (k1 === 10 || k1 !== d[9]) return false;
	const k2 = control(w2);
	if (k2 === 10 || k2 !== d[10]) return false;
	let day = d[0] * 10 + d[1];
	let month = d[2] * 10 + d[3];
	if (day > 40) day -= 40;
	if (month > 80) month -= 80;
	else if (month > 40) month -= 40;
	const yy = d[4] * 10 + d[5];
	const individual = d[6] * 100 + d[7] * 10 + d[8];
	return validDate(day, month, norwegianYear(yy, individual));
}

/** Luhn checksum over a string of digits (the last digit is the check digit). */
export function luhn(digits: string): boolean {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let n = Number(digits[digits.length - 1 - i]);
		if (i % 2 === 1) {
			n *= 2;
			if (n > 9) n -= 9;
		}
		sum += n;
	}
	return sum % 10 === 0;
}

/**
 * A Swedish personnummer or samordningsnummer: YYMMDD-NNNC or YYYYMMDDNNNC (separator
 * optional in the 12-digit form), date valid (day + 60 for a samordningsnummer), Luhn over
 * the last ten digits.
 */
export function isSwedishId(raw: string): boolean {
	const m = /^(\d{2})?(\d{2})(\d{2})(\d{2})[-+]?(\d{4})$/.exec(raw);
	if (!m) return false;
	const century = m[1] ? Number(m[1]) : null;
	if (century !== null && century !== 18 && century !== 19 && century !== 20) return false;
	let day = Number(m[4]);
	if (day > 60) day -= 60;
	const year = century !== null ? century * 100 + Number(m[2]) : null;
	if (!validDate(day, Number(m[3]), year)) return false;
	return luhn(m[2] + m[3] + m[4] + m[5]);
}

const FINNISH_CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';

/** A Finnish henkilötunnus: DDMMYY, a century sign, NNN and a mod-31 check character. */
export function isFinnishId(raw: string): boolean {
	const m = /^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])$/.exec(raw.toUpperCase());
	if (!m) return false;
	if (!validDate(Number(m[1]), Number(m[2]), null)) return false;
	return FINNISH_CHECK[Number(m[1] + m[2] + m[3] + m[5]) % 31] === m[6];
}

/** A Danish CPR number DDMMYY-NNNN with a valid date (no checksum since 2007). */
export function isDanishId(raw: string): boolean {
	const m = /^(\d{2})(\d{2})(\d{2})-(\d{4})$/.exec(raw);
	return !!m && validDate(Number(m[1]), Number(m[2]), null);
}

/** A UK National Insurance number: two letters (not D, F, I, Q, U, V; no BG, GB, NK, KN, TN, NT, ZZ), six digits, A–D. */
export function isUkNino(raw: string): boolean {
	const s = raw.replace(/\s+/g, '').toUpperCase();
	const m = /^([A-CEGHJ-PR-TW-Z])([A-CEGHJ-NPR-TW-Z])(\d{6})([A-D])$/.exec(s);
	if (!m) return false;
	return !['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ'].includes(m[1] + m[2]);
}

/** A UK NHS number: ten digits, the last a mod-11 check digit. */
export function isNhsNumber(raw: string): boolean {
	const d = raw.replace(/\s+/g, '');
	if (!/^\d{10}$/.test(d)) return false;
	const sum = [...d.slice(0, 9)].reduce((s, x, i) => s + Number(x) * (10 - i), 0);
	const check = 11 - (sum % 11);
	return check !== 10 && (check === 11 ? 0 : check) === Number(d[9]);
}

/** Makes a valid Norwegian number from its first nine digits (for tests and examples). */
export function norwegianIdFrom(nine: string): string | null {
	const d = [...nine].map(Number);
	if (d.length !== 9 || d.some(Number.isNaN)) return null;
	const k = (w: number[], ds: number[]) => {
		const r = 11 - (w.reduce((s, x, i) => s + x * ds[i], 0) % 11);
		return r === 11 ? 0 : r;
	};
	const k1 = k([3, 7, 6, 1, 8, 9, 4, 5, 2], d);
	if (k1 === 10) return null;
	const k2 = k([5, 4, 3, 2, 7, 6, 5, 4, 3, 2], [...d, k1]);
	if (k2 === 10) return null;
	return nine + k1 + k2;
}
