// Builds codebooks/mct-rtw.json, the sample study's starter codebook, from the synthetic
// corpus: the 41 codes (ids kept, so gold codings match) grouped under the topics of the
// interview guide, as a team would set it up before coding — not under the themes, which
// are built later in the analysis. Examples are the text of each code's gold example span.
//
//   node scripts/build-codebook.mjs [corpusDir] [outFile]
//   (defaults: $TEMA_CORPUS or ../shared/corpus/sample, codebooks/mct-rtw.json)

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(process.argv[2] ?? process.env.TEMA_CORPUS ?? join(root, '..', 'shared', 'corpus', 'sample'));
const outFile = resolve(process.argv[3] ?? join(root, 'codebooks', 'mct-rtw.json'));

/**
 * The interview guide's parts, in interview order, with the codes whose talk falls there
 * (checked against where the gold spans sit in the transcripts). Hue is an OKLCH angle:
 * each group has its own colour family; its codes vary around it.
 */
const GROUPS = [
	{
		name: 'Reasons for seeking help',
		definition:
			'The time before the treatment: what led to seeking help, how the problems built up, symptoms, earlier treatment and strain at work and at home.',
		hue: 15,
		codes: ['X_REASON', 'AWR_EARLY_SIGNS', 'AWR_SOMATIC', 'AWR_WORRY_CONC', 'X_PRIOR_TX', 'X_PRIVATE', 'X_BULLYING']
	},
	{
		name: 'Sick leave and return to work',
		definition:
			'Being on sick leave and coming back: how the leave felt, how the return was organised, readiness, and what they told people at work and how people reacted.',
		hue: 95,
		codes: [
			'X_LEAVE_EXP',
			'AWR_SHAME_COMMON',
			'X_PANDEMIC',
			'CONF_READY',
			'X_GRADED_RTW',
			'CONF_MASTERY',
			'STRAT_NO_AVOID',
			'OPEN_SELECTIVE',
			'OPEN_NOT_OPTION',
			'OPEN_SUPPORT',
			'OPEN_HURTFUL',
			'OPEN_RELIEF'
		]
	},
	{
		name: 'The treatment',
		definition:
			'The MCT and work-focused treatment: its format and length, the therapist, what it changed in how they understand their problems, and the techniques they use now.',
		hue: 250,
		codes: [
			'X_FORMAT',
			'X_SHORT',
			'AWR_EXPLANATION',
			'AWR_METACOG',
			'CONF_PUSH',
			'CONF_WORK_FOCUS',
			'CONF_OWN_PROCESS',
			'STRAT_LET_BE',
			'STRAT_POSTPONE',
			'STRAT_ATTENTION',
			'STRAT_SELF_CRIT',
			'STRAT_ROUTINES',
			'STRAT_BOUNDARIES'
		]
	},
	{
		name: 'Cooperation: GP, NAV, employer',
		definition:
			'How the GP, the welfare administration (NAV) and the employer took part during the sick leave and the return, including adjustments at work.',
		hue: 170,
		codes: ['X_GP', 'X_NAV', 'X_EMPLOYER', 'STRAT_ADJUST']
	},
	{
		name: 'Looking ahead',
		definition:
			'The time after the treatment: how they expect to cope, signs to watch for, plans for setbacks, worries and wishes for follow-up.',
		hue: 330,
		codes: ['FUT_CONFIDENT', 'FUT_UNSURE', 'FUT_EARLY_SIGNS', 'FUT_PLAN', 'X_BOOSTER']
	}
];

// ---- colour: OKLCH -> sRGB hex, chroma reduced until the colour fits the sRGB gamut ----

function oklchToLinear(L, C, h) {
	const a = C * Math.cos((h * Math.PI) / 180);
	const b = C * Math.sin((h * Math.PI) / 180);
	const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
	const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
	const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
	return [
		4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
		-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
		-0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s
	];
}

function oklchHex(L, C, h) {
	let c = C;
	let lin = oklchToLinear(L, c, h);
	while (c > 0 && !lin.every((v) => v >= 0 && v <= 1)) lin = oklchToLinear(L, (c -= 0.002), h);
	const encode = (v) => {
		const x = Math.min(1, Math.max(0, v));
		return Math.round((x <= 0.0031308 ? 12.92 * x : 1.055 * x ** (1 / 2.4) - 0.055) * 255);
	};
	return '#' + lin.map((v) => encode(v).toString(16).padStart(2, '0')).join('');
}

function hexToOklab(hex) {
	const [r, g, b] = [1, 3, 5].map((i) => {
		const c = parseInt(hex.slice(i, i + 2), 16) / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
	const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
	const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
	return [
		0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
		1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
		0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s
	];
}

const distance = (x, y) => {
	const [a, b] = [hexToOklab(x), hexToOklab(y)];
	return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
};

/** WCAG contrast of black text on the colour: highlights must stay readable. */
function contrastWithBlack(hex) {
	const [r, g, b] = [1, 3, 5].map((i) => {
		const c = parseInt(hex.slice(i, i + 2), 16) / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05) / 0.05;
}

/**
 * Colours for n sibling codes around a group hue: from light-to-medium candidates within a
 * hue window that widens with n, pick greedily the one farthest (in OKLab) from those
 * already picked, starting from the group's own colour. Siblings, and neighbours in the list
 * especially, come out clearly different while the group keeps its colour family.
 */
function childColours(hue, n, usedElsewhere) {
	const span = Math.min(55, 10 + 4 * n);
	const candidates = [];
	for (let off = -span; off <= span; off += 5) {
		for (const L of [0.72, 0.77, 0.82, 0.87, 0.92]) {
			const c = oklchHex(L, 0.13, (hue + off + 360) % 360);
			// Windows of neighbouring groups overlap; keep codes of different groups apart too.
			if (usedElsewhere.every((u) => distance(u, c) >= MIN_DISTANCE / 2)) candidates.push(c);
		}
	}
	const picked = [groupColour(hue)];
	while (picked.length < n + 1) {
		let best = candidates[0];
		let bestDistance = -1;
		for (const c of candidates) {
			const d = Math.min(...picked.map((p) => distance(p, c)));
			if (d > bestDistance) [best, bestDistance] = [c, d];
		}
		picked.push(best);
	}
	// The group's own colour seeded the search so that no child looks like its group row.
	return picked.slice(1);
}

function groupColour(hue) {
	return oklchHex(0.82, 0.13, hue);
}

// ---- build ----

/** Below about 0.05 in OKLab two highlight colours are easy to confuse at a glance. */
const MIN_DISTANCE = 0.05;

const source = JSON.parse(readFileSync(join(corpus, 'codebook.json'), 'utf8'));
const gold = JSON.parse(readFileSync(join(corpus, 'gold.json'), 'utf8'));
const goldById = new Map(gold.map((g) => [g.id, g]));
const texts = new Map();
const textOf = (doc) => {
	if (!texts.has(doc)) texts.set(doc, readFileSync(join(corpus, 'transcripts', `${doc}.txt`), 'utf8').replace(/^\uFEFF/, ''));
	return texts.get(doc);
};

const byId = new Map(source.codes.map((c) => [c.id, c]));
const placed = GROUPS.flatMap((g) => g.codes);
const missing = source.codes.filter((c) => !placed.includes(c.id)).map((c) => c.id);
const unknown = placed.filter((id) => !byId.has(id));
const twice = placed.filter((id, i) => placed.indexOf(id) !== i);
if (missing.length || unknown.length || twice.length) {
	throw new Error(`Group table out of step with the corpus: missing ${missing}, unknown ${unknown}, twice ${twice}`);
}

const problems = [];
const used = GROUPS.map((g) => groupColour(g.hue));
const codes = GROUPS.map((group) => {
	const colours = childColours(group.hue, group.codes.length, used);
	used.push(...colours);
	const children = group.codes.map((id, i) => {
		const c = byId.get(id);
		const g = goldById.get(c.example_id);
		if (!g) throw new Error(`${id}: example_id ${c.example_id} is not in gold.json`);
		if (g.code !== id) problems.push(`${id}: example ${g.id} is coded ${g.code}`);
		// gold start/end are UTF-16 offsets, the same as JavaScript string indices.
		const example = textOf(g.doc).slice(g.start, g.end).trim();
		return {
			id,
			name: c.name,
			color: colours[i],
			definition: c.definition,
			include: c.include,
			exclude: c.exclude,
			example
		};
	});
	for (let i = 0; i < colours.length; i++) {
		if (contrastWithBlack(colours[i]) < 7) problems.push(`${group.name}: ${colours[i]} is too dark for black text`);
		for (let j = i + 1; j < colours.length; j++) {
			if (distance(colours[i], colours[j]) < MIN_DISTANCE) problems.push(`${group.name}: ${colours[i]} and ${colours[j]} look alike`);
		}
	}
	return { name: group.name, color: groupColour(group.hue), definition: group.definition, children };
});
if (problems.length) throw new Error(problems.join('\n'));

const file = {
	schemaVersion: 1,
	name: 'MCT and return to work (sample study)',
	description:
		'Starter codebook for the synthetic sample study on metacognitive therapy with a work-focused intervention and return to work. ' +
		'Codes are grouped by the parts of the interview guide; themes are left to the analysis. ' +
		'Code ids are those of the sample corpus, so its gold codings can be matched.',
	codes
};
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(file, null, '\t') + '\n');
console.log(`wrote ${outFile}: ${codes.length} groups, ${placed.length} codes`);
