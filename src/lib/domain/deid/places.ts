// Built-in place lists for the de-identification detector: Norwegian towns, municipalities
// and districts, and cities elsewhere that interviews mention. Countries and regions are
// left out (saying "Norway" identifies no one). Written for Tema from general knowledge.

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

export const NORWEGIAN_PLACES = words(`
Oslo Bergen Trondheim Stavanger Drammen Fredrikstad Kristiansand Sandnes Tromsø Sarpsborg
Skien Ålesund Sandefjord Haugesund Tønsberg Porsgrunn Bodø Arendal Hamar Larvik Halden
Lillehammer Harstad Molde Kongsberg Gjøvik Horten Askøy Kristiansund Jessheim Alta Elverum
Steinkjer Narvik Grimstad Leirvik Førde Egersund Kongsvinger Levanger Namsos Stjørdal
Hønefoss Lillestrøm Asker Bærum Sandvika Lørenskog Drøbak Råholt Mosjøen Florø Notodden
Brumunddal Raufoss Ørsta Volda Stord Voss Sogndal Lyngdal Mandal Flekkefjord Farsund
Lillesand Risør Kragerø Tvedestrand Brevik Langesund Rjukan Geilo Fagernes Otta Dombås
Oppdal Røros Tynset Orkanger Hitra Frøya Brønnøysund Sandnessjøen Svolvær Leknes Sortland
Stokmarknes Andenes Finnsnes Hammerfest Vardø Vadsø Kirkenes Honningsvåg Lakselv Karasjok
Kautokeino Longyearbyen Bryne Jørpeland Sauda Kopervik Åkrehamn Odda Norheimsund Knarvik
Osøyro Straume Kleppestø Eidsvoll Kløfta Nittedal Sørumsand Årnes Mysen Askim Spydeberg
Rakkestad Vestby Holmestrand Svelvik Mjøndalen Hokksund Vikersund Nesbyen Hemsedal
Åndalsnes Sunndalsøra Surnadal Ulsteinvik Fosnavåg Stryn Nordfjordeid Måløy Lærdal Aurland
Leikanger Høyanger Brekstad Malvik Melhus Støren Verdal Rørvik Fauske Bardufoss Setermoen
Storslett Vinstra Moelv Dokka Kolbotn Oppegård Langhus Fetsund Bjørkelangen Trysil Flisa
Rena Koppang Alvdal Stange Løten Tolga Folldal Orkdal Meldal Selbu Tydal Klæbu Skaun
Ringerike Modum Lier Sande Re Tjøme Nøtterøy Stokke Andebu Lardal
Bamble Drangedal Nome Bø Seljord Kviteseid Vinje Tokke Evje Åmli Vennesla Songdalen Søgne
Marnardal Åseral Hægebostad Kvinesdal Sirdal Eigersund Sokndal Lund Bjerkreim Hå Klepp
Time Gjesdal Sola Randaberg Strand Hjelmeland Suldal Tysvær Karmøy Bokn Vindafjord Etne
Kvinnherad Tysnes Fitjar Bømlo Sveio Austevoll Sund Fjell Øygarden Radøy Meland Lindås
Osterøy Vaksdal Samnanger Kvam Granvin Ulvik Eidfjord Ullensvang Jondal Masfjorden
Gulen Solund Hyllestad Askvoll Fjaler Gaular Jølster Naustdal Bremanger Vågsøy Selje
Eid Hornindal Gloppen Vanylven Sande Herøy Ulstein Hareid Sula Giske Haram Vestnes Rauma
Nesset Midsund Sandøy Aukra Fræna Eide Averøy Gjemnes Tingvoll Sunndal Halsa Smøla Aure
Rindal Rennebu Holtålen Frosta Leksvik Rissa Bjugn Åfjord Roan Osen Snåsa
Lierne Røyrvik Namsskogan Grong Høylandet Overhalla Fosnes Flatanger Vikna Nærøy Leka
Bindal Sømna Brønnøy Vega Vevelstad Herøy Alstahaug Leirfjord Vefsn Grane Hattfjelldal
Dønna Nesna Hemnes Rana Lurøy Træna Rødøy Meløy Gildeskål Beiarn Saltdal Sørfold Steigen
Hamarøy Tysfjord Lødingen Tjeldsund Evenes Ballangen Røst Værøy Flakstad Vestvågøy
Vågan Hadsel Bø Øksnes Sortland Andøy Moskenes Kvæfjord Skånland Ibestad Gratangen
Lavangen Bardu Salangen Målselv Sørreisa Dyrøy Tranøy Torsken Berg Lenvik Balsfjord
Karlsøy Lyngen Storfjord Kåfjord Skjervøy Nordreisa Kvænangen Loppa Hasvik Kvalsund Måsøy
Nordkapp Porsanger Lebesby Gamvik Berlevåg Tana Nesseby Båtsfjord Sør-Varanger
Grünerløkka Frogner Majorstuen Grønland Tøyen Sagene Nordstrand Holmlia Furuset Stovner
Groruddalen Bjerke Ullern Vinderen Røa Bislett Sentrum Lambertseter Manglerud
Fana Åsane Laksevåg Fyllingsdalen Arna Sandviken Nordnes Loddefjord Byåsen Heimdal Moholt
Lade Tiller Saupstad Madla Hillevåg Hundvåg Eiganes Tasta`);

export const FOREIGN_PLACES = words(`
London Manchester Birmingham Leeds Glasgow Edinburgh Liverpool Bristol Sheffield Newcastle
Cardiff Belfast Nottingham Leicester Southampton Portsmouth Brighton Plymouth Oxford
Cambridge York Exeter Norwich Coventry Aberdeen Dundee Inverness Swansea Derby Hull
Bradford Wolverhampton Luton Bournemouth Sunderland Middlesbrough Ipswich Preston
Blackpool Huddersfield Stockport Bolton Wigan Salford Swindon Northampton Peterborough
Dublin Cork Galway Limerick Waterford Stockholm Gothenburg Göteborg Malmö Uppsala Västerås
Örebro Linköping Helsingborg Umeå Luleå Copenhagen København Aarhus Odense Aalborg Helsinki
Turku Tampere Oulu Reykjavik Berlin Hamburg Munich München Frankfurt Cologne Köln Paris Lyon
Marseille Amsterdam Rotterdam Utrecht Brussels Antwerp Madrid Barcelona Valencia Malaga
Lisbon Porto Rome Milan Naples Vienna Zurich Geneva Prague Warsaw Krakow Gdansk Riga Tallinn
Vilnius Budapest Athens Istanbul Boston Chicago Seattle Toronto Vancouver Montreal Sydney
Melbourne Auckland Dubai`);

/** Multi-word places, matched as phrases. */
export const PLACE_PHRASES = [
	'Mo i Rana',
	'Nedre Eiker',
	'Øvre Eiker',
	'Midtre Gauldal',
	'Gamle Oslo',
	'Milton Keynes',
	'New York',
	'Los Angeles',
	'San Francisco',
	'Sør-Varanger'
];

/**
 * Place names that are also common words or surnames ("Moss", "Ski", "Time", "Lund", "Sund",
 * "Strand", "Re", "Hå"): taken as places only after "in", "i", "from", "near" and the like.
 */
export const AMBIGUOUS_PLACES = new Set(
	words(`Moss Ski Son Os Gran Hol Bø Ål Ås Lena Roa Tana Jaren Mo Vik Dale Sand Nes Fjell Time
Lund Strand Sund Re Hå Eid Eide Sande Berg Bjerke Lier Kvam Rauma Sola Klepp Selje Leka
Vega Røst Rana Sentrum Grønland Lade Arna Fana Tasta Halsa Aure Osen Roan Grong Dønna Nesna
Hemnes Steigen Evenes Bardu Lyngen Loppa Tiller Heimdal Vinje Nome Tokke Evje Meland
Stokke Sula Giske Haram Hareid Herøy Ulstein Vanylven Frosta Snåsa Bindal Sømna Vevelstad
Gildeskål Beiarn Saltdal Hamarøy Vågan Hadsel Øksnes Andøy Moskenes Ibestad Lavangen
Salangen Dyrøy Tranøy Torsken Lenvik Karlsøy Storfjord Kåfjord Hasvik Måsøy Lebesby Gamvik
Nesseby Reading Bath Stoke Derby Hull York Wells Preston Bolton Wigan Sunderland Cork
Nice Mainz Split`).map((w) => w.toLowerCase())
);

export const PLACES = new Set([...NORWEGIAN_PLACES, ...FOREIGN_PLACES].map((p) => p.toLowerCase()));
