// Words the de-identification detector reads context from, in Norwegian and English: what
// a capitalised word can be without being an identifier (months, weekdays, languages,
// agencies everyone deals with), what introduces a person ("my manager", "saksbehandleren"),
// a workplace ("works at", "jobber på") or a place ("in", "i", "outside"), and the words
// that end an organisation's or a street's name.

const lower = (s: string): Set<string> => new Set(s.split(/\s+/).filter(Boolean).map((w) => w.toLowerCase()));

export const MONTHS: Record<string, number> = {
	january: 1, jan: 1, januar: 1,
	february: 2, feb: 2, februar: 2,
	march: 3, mar: 3, mars: 3,
	april: 4, apr: 4,
	may: 5, mai: 5,
	june: 6, jun: 6, juni: 6,
	july: 7, jul: 7, juli: 7,
	august: 8, aug: 8,
	september: 9, sep: 9, sept: 9,
	october: 10, oct: 10, oktober: 10, okt: 10,
	november: 11, nov: 11,
	december: 12, dec: 12, desember: 12, des: 12
};

/**
 * Capitalised words that are not identifiers wherever they stand: pronouns, months, days,
 * holidays, languages and nationalities, agencies and services every participant names,
 * software, and common sentence openers in both languages.
 */
export const NOT_IDENTIFYING = lower(`
I I'm I’m I've I’ve I'd I’d I'll I’ll Im Ive Id OK Okay Ok Mr Mrs Ms Miss Dr Prof Mx
January February March April May June July August September October November December
Januar Februar Mars Mai Juni Juli Oktober Desember
Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mondays Tuesdays Wednesdays
Thursdays Fridays Saturdays Sundays Mandag Tirsdag Onsdag Torsdag Fredag Lørdag Søndag
Christmas Easter Jul Påske Pinse Whitsun Halloween New Year Eid Ramadan
English Norwegian Swedish Danish Finnish German French Spanish Polish Arabic Somali Urdu
British American European Scandinavian Nordic Sami Norsk Engelsk Svensk Dansk
Norway Norge Sweden Sverige Denmark Danmark Finland Iceland Island Europe Europa England
Scotland Wales Ireland Britain UK USA America Germany Tyskland Poland Polen Spain
NAV Nav GP GPs DPS MCT CBT ACT Covid Covid-19 Corona Koronaen Teams Zoom Skype FaceTime
Facebook Instagram Snapchat Twitter WhatsApp Messenger Google Microsoft Word Excel Outlook
iPhone Android Netflix YouTube LinkedIn Vipps BankID Altinn Helsenorge Docs Sheets Slides Drive
Slack Spotify Amazon Apple Samsung Uber Tinder TikTok Wikipedia Kindle PowerPoint OneDrive Dropbox SMS
God Gud Jesus Bible
Interviewer Interviewee Participant Respondent Informant Moderator Transcript Interview
The A An And But So Or If When Then Yes No Well Yeah Yep Oh Um Uh Eh Hm Hmm Mm Ah Right
Sure Actually Maybe Perhaps Because Also Just Really Of Course Anyway Now There Here This
That These Those It It's It’s He She We They You Your My Our Their His Her Its What Who
Why How Where Which Nobody Everybody Somebody Someone Everyone Anyone Nothing Something
Everything All Some Most Many Much More Less Very Not Never Always Sometimes Often After
Before During Since Until While Although Though However Still Yet Even Only First Second
Third Last Next Then Again Thanks Thank Please Sorry Hello Hi Bye Good Great Fine Like
Ja Nei Jo Nå Og Men Så Eller Hvis Når Da Jeg Du Han Hun Vi Dere De Den Det Min Mitt Mine
Hva Hvem Hvorfor Hvordan Hvor Hvilken Ingen Alle Noen Mye Mange Ikke Aldri Alltid Etter
Før Under Siden Mens Selv Bare Egentlig Kanskje Fordi Også Altså Liksom Sånn Takk Hei
Greit Bra Godt Ok Ikke Eh Ehm Øh Mhm
Another Other Others Each Every Both Either Neither Such Same One Two Three Four Five Let Let's Mamma Pappa Mum Mom Dad Mummy Daddy Granny Grandma Grandpa Mormor Morfar Farmor Farfar Bestemor Bestefar
`);

/** Titles before a name: "Dr Hansen", "fru Olsen". */
export const HONORIFICS = lower(`Mr Mrs Ms Miss Mx Dr Doctor Prof Professor Sir Dame Lady Lord Fru Herr Frøken Doktor Dr.`);

/**
 * What introduces a person's name, as regular-expression source, ending just before the
 * name (an optional comma after it is allowed by the caller): "my manager, Kari",
 * "saksbehandleren min, Ola", "a colleague called Per", "heter Kari".
 */
export const PERSON_CONTEXT = [
	// English relations and roles, "my/the/our/a/her/his …"
	String.raw`\b(?:my|the|our|a|her|his|their|your)\s+(?:new\s+|old\s+|former\s+|first\s+|own\s+|closest\s+|best\s+|nearest\s+)?(?:manager|boss|leader|line manager|supervisor|team leader|head of department|colleague|co-worker|coworker|workmate|caseworker|case worker|case manager|counsellor|counselor|adviser|advisor|contact person|GP|doctor|psychologist|psychiatrist|therapist|nurse|physio|physiotherapist|occupational therapist|social worker|husband|wife|partner|boyfriend|girlfriend|ex|ex-husband|ex-wife|son|daughter|child|kid|mother|father|mum|mom|dad|sister|brother|aunt|uncle|cousin|grandmother|grandfather|granny|grandma|grandpa|niece|nephew|friend|neighbour|neighbor|flatmate|landlord|union rep|representative|HR person|HR adviser|employer|teacher|coach|mentor|lawyer)`,
	// English naming verbs
	String.raw`\b(?:named|called|name is|name was|known as|talked to|spoke to|spoke with|talked with|met with|emailed|rang|phoned|texted|asked|told|thanks to|ask for)`,
	// Norwegian relations and roles, "min leder", "sjefen min", "saksbehandleren"
	String.raw`\b(?:min|mi|mitt|vår|hennes|hans|deres|en|ei)\s+(?:nye\s+|gamle\s+|tidligere\s+|første\s+|beste\s+)?(?:leder|sjef|nærmeste leder|kollega|arbeidskollega|saksbehandler|veileder|rådgiver|fastlege|lege|psykolog|psykiater|terapeut|behandler|sykepleier|fysioterapeut|mann|kone|samboer|kjæreste|ektemann|sønn|datter|mor|far|mamma|pappa|søster|bror|tante|onkel|fetter|kusine|bestemor|bestefar|mormor|morfar|farmor|farfar|venn|venninne|nabo|lærer|tillitsvalgt|advokat)`,
	String.raw`\b(?:lederen|sjefen|kollegaen|saksbehandleren|veilederen|rådgiveren|fastlegen|legen|psykologen|psykiateren|terapeuten|behandleren|sykepleieren|mannen|kona|samboeren|kjæresten|sønnen|dattera|datteren|moren|mora|faren|søstera|søsteren|broren|tanten|onkelen|venninnen|vennen|naboen|læreren|tillitsvalgte|advokaten)(?:\s+(?:min|mi|mitt|mine|vår|på jobben|i NAV|på NAV|hos NAV))?`,
	// Norwegian naming verbs
	String.raw`\b(?:heter|het|kalt|kalles|navnet (?:hennes|hans|mitt) er|snakket med|pratet med|ringte til|ringte|sa til|spurte)`
].map((s) => new RegExp(`(?:${s})\\s*,?\\s*$`, 'iu'));

/** What may follow a person's name: ", who sits next to me", " said", ", som …". */
export const AFTER_PERSON = /^(?:\s*,\s*(?:who|whom|whose|som)\b|\s+(?:said|says|told|asked|called|rang|phoned|emailed|texted|thought|sa|sier|spurte|fortalte|ringte|mente|syntes)\b)/u;

/** Legal-form and company words that end an organisation's name: "Bakkelund Bygg AS". */
export const ORG_SUFFIXES = new Set(
	`AS ASA SA ANS DA BA KS NUF Ltd Ltd. Limited PLC plc Inc Inc. LLC LLP GmbH AB Oy A/S ApS Group Gruppen Consulting Engineering Solutions Services Systems Technologies Technology Partners Holding Invest Bank Sparebank Forsikring Entreprenør Bygg Elektro Regnskap Revisjon Advokatfirma Advokatfirmaet Arkitekter Eiendom Transport Handel Hotel Hotell Klinikk Clinic Hospital Foundation Trust Council School Academy College University Institute Centre Center Industrier Industri Maskin Rør Media Data IT Pharma Energi Kraft Shipping Logistikk Logistics Fisk Sjømat Senter`
		.split(/\s+/)
);

/** Lower-case Norwegian institution words after a name: "Tusenfryd barnehage", "Ringvik kommune". */
export const INSTITUTION_NOUNS = lower(`
kommune fylkeskommune bydel hospital sykehus sjukehus universitetssykehus universitetssjukehus
sykehjem omsorgssenter helsesenter helsestasjon legesenter legekontor tannlegesenter
tannklinikk klinikk apotek barnehage skole skule barneskole ungdomsskole videregående
høgskole høyskole gymnas universitet bibliotek menighet kirke sokn politidistrikt politistasjon
brannstasjon brannvesen bo- behandlingssenter rehabiliteringssenter distriktspsykiatriske
vgs vgs. hotell bakeri butikk verksted verft fabrikk sag meieri gård barnevern barnevernstjeneste
`);

/** "Direktoratet for …", "Universitetet i …": agency names that start with their kind. */
export const ORG_HEADS = lower(`
Direktoratet Universitetet Høgskolen Høyskolen Sykehuset Sjukehuset Statens Helse Fylkesmannen
Statsforvalteren Kommunen Politiet Fylkeskommunen University Hospital Trust Council Ministry
Department Bank Banken Sparebanken Stiftelsen Foreningen Kirkens Advokatfirmaet Advokatfirma
Advokatkontoret Tannlegene Tannlegekontoret Legesenteret Legekontoret Regnskapskontoret Revisjonsfirmaet Firmaet
Klinikken Bydel Kommune Avdeling Avdelingen Seksjon Seksjonen Enhet Enheten Senter Senteret
Kontoret Instituttet Institutt Fakultetet`);

/** Words around a workplace: "I work at X", "employed by X", "jobber på X", "ansatt i X". */
export const WORK_CONTEXT =
	/\b(?:work(?:s|ed|ing)?|job|jobs|employed|employer|employee|been there|been at|started at|worked there|position|post|engineer|teacher|nurse|adviser|advisor|consultant|manager|worker|assistant|technician|lawyer|accountant|economist|lecturer|receptionist|supervisor|jobber|jobbet|jobb|arbeider|arbeidet|ansatt|stilling|arbeidsplass|arbeidsgiver|bedrift)\b/iu;

/** Prepositions after which a capitalised word is likely a place: "in Bergen", "i Tromsø". */
export const PLACE_BEFORE =
	/(?:\b(?:in|from|outside|near|around|towards|to|moved to|move to|lived in|live in|grew up in|born in|here in|there in|i|fra|utenfor|nær|rundt|mot|til|på|ved|like|som)\s+(?:the\s+centre\s+of\s+|the\s+center\s+of\s+|the\s+middle\s+of\s+|sentrum\s+av\s+|midt\s+i\s+)?)$/iu;

/** Context that makes a number a phone number: "my mobile number, …", "ring meg på …". */
export const PHONE_CONTEXT = /\b(?:phone|phoned|mobile|mobil|mobilnummer|telefonnummer|cell|telephone|telefon|tlf|tel|number|nummer|nr|call|called|calls|rang|ring|ringe|ringte|text|texted|sms|reach me|nås|contact)\b[^.!?\n]{0,40}$/iu;

/** Context that makes a number a code, case or account number, not a phone number. */
export const NOT_PHONE_CONTEXT =
	/\b(?:case|sak|saks|saksnummer|saksnr|ref|reference|referanse|kode|code|order|ordre|invoice|faktura|konto|kontonummer|account|org|organisasjonsnummer|orgnr|journal|patient|pasient|id|policy|polise|postnummer|postcode|zip|serial|ticket|room|rom|version|versjon|page|side|kr|NOK|EUR|USD|kroner|pounds|dollars|steps|skritt)\b[^.!?\n]{0,25}$/iu;

/** Context that makes a date a date of birth: "I was born 22 July 1974", "født 12.06.1971". */
export const BIRTH_CONTEXT =
	/\b(?:born|birth|birthday|birthdate|date of birth|DOB|d\.o\.b\.?|født|fødd|fødselsdato|fødselsdag|f\.)\b[^.!?\n]{0,30}$/iu;

/** Words that, right before a number, make it a national ID: "personal number", "fødselsnummer". */
export const ID_CONTEXT =
	/\b(?:personal number|personal identity number|national identity number|national ID|ID number|identity number|social security number|SSN|fødselsnummer|fødselsnummeret|personnummer|personnummeret|D-nummer|d-nummer|NI number|national insurance number|CPR|henkilötunnus)\b[^.!?\n]{0,30}$/iu;

/** Words that end a street's name: "Storgata", "Kirkeveien", "Solbakken", "High Street". */
export const STREET_SUFFIX =
	/(?:gata|gaten|gate|gt\.?|veien|vegen|vei|veg|vn\.?|stien|stuen|bakken|bakke|lia|liane|plass|plassen|torget|torg|allé|alléen|alle|alleen|brygge|bryggen|kaia|kaien|svingen|haugen|åsen|tunet|løkka|løkken|grenda|ringen|jordet|enga|skogen|kroken|parken|berget|bekken|dalen|terrasse|terrassen|tunet|marka|moen|sletta|stredet|smauet|kleiva|brekka|hagen|hauge|lunden|lund)$/iu;

/** English street types after the street name: "12 High Street", "4 Mill Lane". */
export const ENGLISH_STREET_TYPES =
	'Street|St\\.?|Road|Rd\\.?|Avenue|Ave\\.?|Lane|Ln\\.?|Drive|Dr\\.?|Close|Way|Crescent|Cres\\.?|Place|Pl\\.?|Court|Ct\\.?|Terrace|Gardens|Grove|Hill|Row|Square|Sq\\.?|Walk|Mews|Park|Boulevard|Blvd\\.?|Parade|Rise|View|Green';

/** Context before an address: "my old address, …", "I live at", "bor i". */
export const ADDRESS_CONTEXT =
	/\b(?:address|adresse|adressa|adressen|live at|lives at|lived at|living at|moved to|bor i|bor på|bodde i|bodde på|flyttet til)\b[^.!?\n]{0,20}$/iu;
