import { describe, expect, it } from 'vitest';
import { detectCorpus, detectIdentifiers } from './detect';
import { isNorwegianId, norwegianIdFrom } from './ids';

/** [category, text] of every finding, in text order. */
const found = (text: string) => detectIdentifiers(text).map((d) => [d.category, d.text]);
const only = (text: string, category: string) => detectIdentifiers(text).filter((d) => d.category === category).map((d) => d.text);

describe('names', () => {
	it('finds a first name and surname, in English and Norwegian', () => {
		expect(found('P01: The caseworker, Kristin Olsen, was actually very understanding.')).toEqual([['name', 'Kristin Olsen']]);
		expect(found('P02: Saksbehandleren min, Ingrid Larsen, var veldig forståelsesfull.')).toEqual([['name', 'Ingrid Larsen']]);
	});

	it('finds names introduced by a relation, also names in no list', () => {
		expect(only('P03: And my manager, Henrik, was very good about it.', 'name')).toEqual(['Henrik']);
		expect(only('P03: My manager Gunvor was very good about it.', 'name')).toEqual(['Gunvor']);
		expect(only('P04: Lederen min, Åsmund, ringte meg hver uke.', 'name')).toEqual(['Åsmund']);
		expect(only('P04: Jeg snakket med fastlegen, Brynhild, om det.', 'name')).toEqual(['Brynhild']);
		expect(only('P05: A colleague called Torgrim kept making remarks.', 'name')).toEqual(['Torgrim']);
	});

	it('finds a listed first name at the start of a sentence when it acts as a person', () => {
		expect(only('P06: That is a big question. Tone, who sits next to me, was the first one.', 'name')).toEqual(['Tone']);
		expect(only('P06: Silje ringte meg dagen etter.', 'name')).toEqual(['Silje']);
	});

	it('finds titles and possessives', () => {
		expect(only('P07: I saw Dr Haugland twice and then Mrs. Pemberton.', 'name')).toEqual(['Haugland', 'Pemberton']);
		expect(only("P07: It was Kari's idea, and Karis kontor er ved siden av mitt.", 'name')).toEqual(['Kari', 'Kari']);
		expect(only('P07: Jeg møtte fru Aasheim på gangen.', 'name')).toEqual(['Aasheim']);
	});

	it('finds a name again wherever else it occurs, also at a sentence start', () => {
		const text = 'P08: My manager, Morten Brattvoll, called.\n\nP08: Brattvoll said I could take my time. Morten was kind.';
		expect(only(text, 'name')).toEqual(['Morten Brattvoll', 'Brattvoll', 'Morten']);
	});

	it('keeps Norwegian letters whole', () => {
		expect(only('P09: Kollegaen min, Sølvi Ødegård, hjalp meg.', 'name')).toEqual(['Sølvi Ødegård']);
		expect(only('P09: Jeg snakket med Øystein og Åse.', 'name')).toEqual(['Øystein', 'Åse']);
	});

	it('does not take I, sentence starts, speaker labels or placeholders for names', () => {
		expect(found('P10: I think so. Because I was tired. Well, I went back.')).toEqual([]);
		expect(found('Interviewer: How was it?\n\nP10: Actually, it was fine. Nobody asked.')).toEqual([]);
		expect(found('Interviewer (Anna): How was it?\n\nParticipant 3: Fine, thanks.')).toEqual([]);
		expect(found('P11: My manager, [name], was good about it, and [name] from [workplace] too.')).toEqual([]);
		expect(found('P11: We talked on Teams every Monday, and at Christmas I spoke English with NAV and my GP.')).toEqual([]);
		expect(found('P11: Jeg var hos fastlegen på mandag, og NAV ringte i juli.')).toEqual([]);
	});

	it('does not take a name that is also a word for a name without context', () => {
		expect(found('P12: Will it help? May I say something? Per day it was too much.')).toEqual([]);
		expect(found('P12: Even so, I went. Liv er vanskelig noen ganger.')).toEqual([]);
	});
});

describe('workplaces', () => {
	it('finds company names with a legal form or company word', () => {
		expect(only('P01: I am an engineer at Bakkelund Bygg AS and before that at Moe & Sønner AS.', 'workplace')).toEqual([
			'Bakkelund Bygg AS',
			'Moe & Sønner AS'
		]);
		expect(only('P01: She worked for Lyngmo Consulting, then Acme Widgets Ltd.', 'workplace')).toEqual(['Lyngmo Consulting', 'Acme Widgets Ltd.']);
	});

	it('finds institutions named with kommune, barnehage, sykehus and the like', () => {
		expect(only('P02: Jeg jobber i Ringvik kommune, og før det på Tusenfryd barnehage.', 'workplace')).toEqual(['Ringvik kommune', 'Tusenfryd barnehage']);
		expect(only('P02: I was a nurse at the Haukeland hospital for years.', 'workplace')).toEqual(['Haukeland hospital']);
		expect(only('P02: Hun er lektor ved Kongsberg videregående skole.', 'workplace')).toEqual(['Kongsberg videregående skole']);
	});

	it('finds agencies and organisations by their first word', () => {
		expect(only('P03: I am a senior adviser at Direktoratet for vannveier, and I like it.', 'workplace')).toEqual(['Direktoratet for vannveier']);
		expect(only('P03: Jeg har vært ansatt ved Universitetet i Tromsø i ti år.', 'workplace')).toEqual(['Universitetet i Tromsø']);
		expect(only('P03: I’m a lawyer, at Advokatfirmaet Lunde & Vik.', 'workplace')).toEqual(['Advokatfirmaet Lunde & Vik']);
	});

	it('finds the name after "works at" even without a company word', () => {
		expect(only('P04: I work as a receptionist at Heimly Omsorg. It is fine.', 'workplace')).toEqual(['Heimly Omsorg']);
		expect(only('P04: Jeg jobber på Rema 1000 på Lade.', 'workplace')).toEqual(['Rema 1000']);
		expect(only('P04: I have worked at IKEA for nine years.', 'workplace')).toEqual(['IKEA']);
	});

	it('does not take NAV, the GP or the weekend for a workplace', () => {
		expect(only('P05: I work at the weekends, and NAV called me at work.', 'workplace')).toEqual([]);
	});
});

describe('places', () => {
	it('finds listed towns and unknown names after "in", "i", "outside"', () => {
		expect(only('P01: I live alone in a flat in Bergen, just outside Tromsø.', 'place')).toEqual(['Bergen', 'Tromsø']);
		expect(only('P01: Vi bor i Førde, men jeg vokste opp på Gjøvik.', 'place')).toEqual(['Førde', 'Gjøvik']);
		expect(only('P01: We moved to Tindvik when the children were small.', 'place')).toEqual(['Tindvik']);
		expect(only('P01: I grew up in Mo i Rana.', 'place')).toEqual(['Mo i Rana']);
	});

	it('finds place names that are also words only after a preposition', () => {
		expect(only('P02: We live in Moss now. Moss grows on the roof.', 'place')).toEqual(['Moss']);
	});

	it('leaves months, languages and the like alone', () => {
		expect(only('P03: In January I spoke in Norwegian, in English and in Polish.', 'place')).toEqual([]);
	});
});

describe('addresses', () => {
	it('finds Norwegian street addresses', () => {
		expect(only('P01: The letters went to my old address, Storgata 12, so I never got them.', 'address')).toEqual(['Storgata 12']);
		expect(only('P01: Vi bodde i Kirkeveien 5B, 0368 Oslo før.', 'address')).toEqual(['Kirkeveien 5B, 0368 Oslo']);
		expect(only('P01: Kontoret ligger i Karl Johans gate 31.', 'address')).toEqual(['Karl Johans gate 31']);
		expect(only('P01: They went to Nedre Møllevei 25B instead.', 'address')).toEqual(['Nedre Møllevei 25B']);
	});

	it('finds English addresses and UK postcodes', () => {
		expect(only('P02: I lived at 12 High Street for ten years.', 'address')).toEqual(['12 High Street']);
		expect(only('P02: Send it to Flat 3, 27 Church Road, LS6 2QT please.', 'address')).toEqual(['Flat 3, 27 Church Road, LS6 2QT']);
	});

	it('takes a capitalised word and number after "address" as an address', () => {
		expect(only('P03: My address is Hesteskoen 3, if you need it.', 'address')).toEqual(['Hesteskoen 3']);
	});

	it('does not take a percentage or a count for a house number', () => {
		expect(only('P04: Sick leave went from Monday 100 % to 50 percent. I was at Ullevål 3 years.', 'address')).toEqual([]);
	});
});

describe('phone numbers and e-mail addresses', () => {
	it('finds Norwegian numbers in every usual spacing, with or without +47', () => {
		expect(only('P01: My mobile number, 968 73 202, and the office, 22 33 44 55.', 'phone')).toEqual(['968 73 202', '22 33 44 55']);
		expect(only('P01: Ring meg på 92345678 eller +47 477 36 269 eller 0047 91234567.', 'phone')).toEqual(['92345678', '+47 477 36 269', '0047 91234567']);
		expect(only('P01: Telefon 2234 5678.', 'phone')).toEqual(['2234 5678']);
	});

	it('finds international numbers', () => {
		expect(only('P02: Call me on +44 7700 900123 or 07700 900456, or +46 70 123 45 67.', 'phone')).toEqual(['+44 7700 900123', '07700 900456', '+46 70 123 45 67']);
	});

	it('finds e-mail addresses', () => {
		expect(only('P03: I sent everything from my private e-mail, kristin.jensen@example.net, because …', 'email')).toEqual(['kristin.jensen@example.net']);
		expect(only('P03: Skriv til tamsin+nav@example.co.uk.', 'email')).toEqual(['tamsin+nav@example.co.uk']);
	});

	it('does not take years, clock times, case numbers or percentages for phone numbers', () => {
		expect(found('P04: In 2019 I started, and in 2019 2020 it was hard.')).toEqual([]);
		expect(found('P04: We met at 10:30, or was it 10.30? It lasted until 14.45.')).toEqual([]);
		expect(found('P04: My case number is 20191234 and the reference 44556677.')).toEqual([]);
		expect(found('P04: Saksnummer 2019/12345, kode 91234567.')).toEqual([]);
		expect(found('P04: It went from 100 % to 60 %, about 20-30 percent of the time.')).toEqual([]);
		expect(found('P04: The invoice was 12500 kroner, and I walked 10000 steps.')).toEqual([]);
	});
});

describe('dates of birth', () => {
	it('finds dates after "born" and "født" in many formats', () => {
		expect(only('P01: I was born 22 July 1974, so I am in my forties.', 'date_of_birth')).toEqual(['22 July 1974']);
		expect(only('P01: Jeg er født 12.06.1971.', 'date_of_birth')).toEqual(['12.06.1971']);
		expect(only('P01: Født 3. mai 1979 i Bergen.', 'date_of_birth')).toEqual(['3. mai 1979']);
		expect(only('P01: Date of birth: 1979-05-03.', 'date_of_birth')).toEqual(['1979-05-03']);
		expect(only('P01: I was born on May 3, 1979.', 'date_of_birth')).toEqual(['May 3, 1979']);
		expect(only('P01: I was born on the 3rd of May 1979.', 'date_of_birth')).toEqual(['the 3rd of May 1979']);
		expect(only('P01: I was born in 1974, so I am fifty.', 'date_of_birth')).toEqual(['1974']);
	});

	it('flags a full numeric date with a plausible year of birth, with low confidence', () => {
		const [d] = detectIdentifiers('P02: Skjemaet sa 14.11.1968 øverst.');
		expect(d).toMatchObject({ category: 'date_of_birth', text: '14.11.1968' });
		expect(d.confidence).toBeLessThan(0.6);
	});

	it('leaves other dates and years alone', () => {
		expect(found('P03: The meeting was on 12 March 2023 and we started in 2019.')).toEqual([]);
		expect(found('P03: Timen var 03.04.2024 klokka 10:30.')).toEqual([]);
	});
});

describe('national ID numbers', () => {
	it('finds Norwegian numbers with valid check digits: ordinary, D-number and synthetic', () => {
		const ordinary = norwegianIdFrom('150480123')!;
		const dNumber = norwegianIdFrom('550480123')!; // day + 40
		expect(isNorwegianId(ordinary) && isNorwegianId(dNumber)).toBe(true);
		expect(only(`P01: Fødselsnummeret mitt er ${ordinary}, og D-nummeret ${dNumber}.`, 'national_id')).toEqual([ordinary, dNumber]);
		expect(only('P01: I had to give my personal number, 22877438876, every time.', 'national_id')).toEqual(['22877438876']);
		expect(only('P01: Written with a space: 110285 34525.', 'national_id')).toEqual(['110285 34525']);
	});

	it('refuses eleven digits whose check digits are wrong', () => {
		expect(only('P02: The number 22877438877 is not valid, nor is 12345678901.', 'national_id')).toEqual([]);
		expect(found('P02: The number 22877438877 is not valid, nor is 12345678901.')).toEqual([]);
	});

	it('finds Swedish, Finnish, Danish and UK numbers', () => {
		expect(only('P03: Mitt personnummer är 800415-1232, eller 19800415-1232.', 'national_id')).toEqual(['800415-1232', '19800415-1232']);
		expect(only('P03: My NI number is AB 12 34 56 C.', 'national_id')).toEqual(['AB 12 34 56 C']);
		expect(only('P03: Henkilötunnus 131052-308T.', 'national_id')).toEqual(['131052-308T']);
		expect(only('P03: CPR 010280-1234.', 'national_id')).toEqual(['010280-1234']);
		expect(only('P03: Not an NI number: QQ 12 34 56 C, nor 800415-1233.', 'national_id')).toEqual([]);
	});
});

describe('offsets and the corpus pass', () => {
	it('gives UTF-16 offsets that slice the text, also after an emoji', () => {
		const text = 'P01: 😀 My manager, Henrik, rang me on 968 73 202.';
		for (const d of detectIdentifiers(text)) expect(text.slice(d.start, d.end)).toBe(d.text);
		expect(only(text, 'name')).toEqual(['Henrik']);
	});

	it('finds a name found with context in one transcript in the others too', () => {
		const findings = detectCorpus([
			{ doc: 'P01', text: 'P01: My manager, Gunvor Tindeland, was kind.' },
			{ doc: 'P02', text: 'P02: I heard that Tindeland was leaving. Gunvor is nice.' }
		]);
		expect(findings.filter((f) => f.doc === 'P02').map((f) => f.text)).toEqual(['Tindeland', 'Gunvor']);
	});

	it('reports a confidence and a reason for each finding', () => {
		for (const d of detectIdentifiers('P01: My manager, Henrik, works at Bakkelund Bygg AS in Bergen.')) {
			expect(d.confidence).toBeGreaterThan(0);
			expect(d.confidence).toBeLessThanOrEqual(1);
			expect(d.reason.length).toBeGreaterThan(5);
		}
	});
});
