// Built-in name lists for the de-identification detector: common Norwegian and English first
// names (by gender, so a pseudonym can keep the pronouns of the text right) and surnames.
// Written for Tema from general knowledge of common names; a few hundred of each is enough
// because context patterns ("my manager, X", "X, who …") find names that are not listed.

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

export const NORWEGIAN_FEMALE = words(`
Agnes Agnete Aina Alma Amalie Andrea Ane Anette Anita Anja Ann Anna Anne Anne-Grete Anne-Lise
Anne-Marie Annette Astrid Aud Audhild Aslaug Asta Benedicte Bente Berit Birgit Birgitte Bjørg
Borghild Britt Camilla Carina Caroline Cathrine Cecilie Charlotte Christina Christine Dagny
Dagrun Eldbjørg Elin Eline Elisabeth Ella Ellen Elsa Embla Emilie Emma Erle Eva Frida Gerd
Gina Grete Grethe Gro Gudrun Gunhild Gunn Gunnhild Guri Guro Hanna Hanne Hedda Hedvig Hege
Heidi Helene Helga Helle Henriette Hilde Hildegunn Hilma Ida Idun Inga Ingebjørg Ingeborg
Inger Inger-Lise Ingrid Ingri Ingunn Ingvild Irene Iselin Jannicke Janne Jenny Johanne Jorunn
Julie Kaja Kamilla Kari Karin Karina Karoline Kathrine Katrine Kirsten Kjersti Kristin
Kristine Laila Lea Lena Lene Lill Lillian Linda Line Linn Lisbeth Lise Liv Lone Magnhild Maia
Maja Malin Margit Margrete Margrethe Mari Maria Marianne Marie Marit Marte Marthe Martine
Mathilde Merete Mette Mia Mona Monica Monika Målfrid Nina Nora Oda Oddny Oddrun Oline Pernille
Ragna Ragnhild Randi Ranveig Reidun Rigmor Ruth Selma Sigrid Sigrun Signe Silje Siri Sissel
Siv Solfrid Solveig Sofie Sofia Stine Sunniva Sylvi Synne Synnøve Sølvi Tale Tea Thea Therese
Tiril Tone Tonje Tordis Torhild Torill Torunn Tove Trine Turid Tuva Unni Vibeke Vigdis Vilde
Vilja Wenche Yvonne Åse Åshild Åsta Øydis`);

export const NORWEGIAN_MALE = words(`
Aksel Alexander Alf Anders Andreas Are Arild Arne Arnfinn Arvid Asbjørn Atle Audun Birger
Bjarne Bjørn Bjørnar Bård Christian Christoffer Dag Daniel Egil Eilif Einar Eirik Eivind
Elias Emil Endre Erik Erlend Espen Even Finn Fredrik Frode Gaute Geir Georg Gjermund Gudmund
Gunnar Gustav Halvard Halvor Hallvard Hans Hans-Petter Harald Henning Henrik Herman Håkon
Haakon Helge Idar Inge Ingvar Isak Ivar Jakob Jan Jan-Erik Jarle Jens Joakim Johan Johannes
John Jon Jonas Jostein Jørgen Jørn Karl Kasper Kenneth Ketil Kjell Kjetil Knut Kolbjørn
Kristian Kristoffer Kåre Lars Lasse Leif Ludvig Magne Magnus Markus Martin Mathias Mats
Mikkel Morten Nikolai Nils Njål Odd Oddbjørn Oddvar Olav Ole Oliver Oskar Ove Paul Per
Per-Olav Petter Pål Ragnar Reidar Roald Roar Roger Rolf Ronny Rune Runar Sander Sebastian
Severin Sigmund Sigurd Sigve Simen Sindre Sjur Snorre Sondre Stein Steinar Stian Stig
Sturla Svein Sveinung Sverre Terje Thomas Thor Tobias Tom Tor Torbjørn Tore Torgeir Torleif
Tormod Torstein Trond Trygve Ulrik Vebjørn Vegard Vidar Viggo Yngve Øystein Øyvind Åge
Åsmund`);

export const ENGLISH_FEMALE = words(`
Abigail Alice Alison Amanda Amber Amelia Amy Andrea Angela Ann Anna Ashley Ava Barbara
Bethany Betty Beverly Brenda Brittany Carol Caroline Carolyn Catherine Charlotte Cheryl Chloe
Christine Claire Cynthia Daisy Danielle Deborah Debra Denise Diana Diane Donna Doris Dorothy
Eleanor Elaine Elizabeth Ellie Emily Emma Evelyn Fiona Frances Freya Gemma Gillian Gloria
Hannah Harriet Heather Helen Holly Imogen Isabella Isla Jacqueline Jade Jane Janet Janice
Jennifer Jessica Jill Joan Joanne Joyce Judith Judy Julia Julie Karen Katherine Kathleen
Kathryn Kayla Kelly Kerry Kimberly Kirsty Laura Lauren Leanne Lily Linda Lisa Lorraine Lori
Lucy Madison Margaret Maria Marie Marilyn Martha Mary Maureen Megan Melissa Michelle Nancy
Natalie Nicole Niamh Olivia Pamela Patricia Pauline Phoebe Poppy Rachel Rebecca Sally
Samantha Sandra Sarah Sharon Sheila Shirley Siobhan Sophia Sophie Stephanie Susan Teresa
Theresa Tracey Victoria Virginia Wendy Zoe`);

export const ENGLISH_MALE = words(`
Aaron Adam Alan Albert Alexander Alfie Andrew Anthony Archie Arthur Austin Barry Benjamin
Brandon Brian Bruce Bryan Callum Carl Charles Charlie Christopher Ciaran Clive Colin Connor
Craig Daniel David Declan Dennis Derek Donald Douglas Dylan Edward Eric Ethan Eugene Freddie
Gabriel Gareth Gary George Gerald Gordon Graham Gregory Harold Harry Henry Ian Jack Jacob
James Jamie Jason Jeffrey Jeremy Jerry Jesse Joe John Jonathan Jordan Joseph Joshua Justin
Keith Kenneth Kevin Kieran Kyle Larry Lawrence Leo Lewis Liam Logan Louis Luke Malcolm Mark
Martin Matthew Michael Nathan Neil Nicholas Nigel Noah Oliver Oscar Owen Patrick Paul Peter
Philip Ralph Raymond Rhys Richard Robert Ronald Rory Russell Ryan Samuel Scott Sean Simon
Stephen Steven Stuart Terry Theo Thomas Timothy Toby Trevor Tyler Vincent Walter Wayne
William Zachary Ben Sam Dan Dave Mike Steve Chris Nick Tim Andy Pete Matt Phil Tony Jim`);

export const NORWEGIAN_SURNAMES = words(`
Aas Aasen Aasheim Aasland Abrahamsen Amundsen Andersen Andreassen Andresen Antonsen Arnesen
Aune Bakke Bakken Berg Berge Bergersen Bergh Berntsen Birkeland Bjerke Bjørnstad Borge Brekke
Brevik Bråten Bøe Christensen Dahl Dahle Danielsen Edvardsen Eide Einarsen Eliassen Ellingsen
Engen Eriksen Evensen Fjeld Flaten Fredriksen Furu Gjerde Grønli Grønvold Gulbrandsen
Gundersen Halvorsen Hammer Hansen Hanssen Haraldsen Haug Haugan Hauge Haugen Haugland Heggelund
Helland Henriksen Hoel Holm Holmen Hovde Hovland Husby Isaksen Iversen Jacobsen Jakobsen Jansen
Jensen Jenssen Johannessen Johansen Johnsen Jørgensen Karlsen Kleven Knudsen Knutsen Kolstad
Kristensen Kristiansen Kristoffersen Kvale Kvalheim Kvam Langeland Larsen Lervik Lie Lien Lier
Lindberg Lorentzen Lund Lunde Lyngstad Løken Løvås Madsen Martinsen Mathisen Mikkelsen Moe Moen
Myhre Myklebust Nerland Nesse Nielsen Nilsen Nilssen Nordahl Nordby Nordmann Norheim Nygård
Nyhus Næss Olsen Opsahl Ottesen Paulsen Pedersen Pettersen Ramberg Rasmussen Riise Rustad Ruud
Rønning Rønningen Sandberg Sandvik Simonsen Sivertsen Skaug Skogen Skoglund Solberg Solheim
Solli Stene Stenersen Stensrud Stokke Strand Strøm Sunde Svendsen Sveen Syversen Sæther Sætre
Sørensen Tandberg Tangen Teigen Thomassen Thorsen Torgersen Tveit Tveiten Ulriksen Vatne
Vik Vold Wang Wiik Wold Østby Ødegaard Ødegård Øien Øverland Aarseth`);

export const ENGLISH_SURNAMES = words(`
Adams Ahmed Allen Anderson Andrews Armstrong Atkinson Bailey Baker Ball Barker Barnes Barrett
Bates Bell Bennett Berry Bird Bishop Booth Bradley Brooks Brown Burgess Burke Burns Burton
Butler Byrne Campbell Carr Carter Chambers Chapman Clark Clarke Cole Coleman Collins Cook
Cooke Cooper Cox Cunningham Curtis Davidson Davies Davis Dawson Dixon Doyle Dunn Edwards
Elliott Ellis Evans Ferguson Fisher Fletcher Ford Foster Fowler Fox Francis Freeman Gallagher
Gardner Gibson Gilbert Gill Goodwin Graham Grant Gray Green Gregory Griffin Griffiths Hall
Hamilton Hammond Harding Hardy Harper Harris Harrison Hart Harvey Hawkins Hayes Henderson
Hewitt Higgins Hill Holland Holmes Hopkins Howard Hudson Hughes Hunt Hunter Hussain
Hutchinson Jackson James Jenkins Jennings Johnson Johnston Jones Jordan Kelly Kennedy Khan
King Knight Lambert Lawrence Lawson Lee Lewis Lloyd Long Lowe Lynch Marsh Marshall Martin
Mason Matthews McCarthy McDonald Middleton Miller Mills Mitchell Moore Morgan Morris Murphy
Murray Nelson Newman Newton Nicholls Nicholson Norman O'Brien O'Connor O'Neill Owen Palmer
Parker Parry Parsons Patel Payne Pearce Pearson Perry Phillips Porter Potter Powell Price
Quinn Reed Rees Reid Reynolds Richards Richardson Riley Roberts Robertson Robinson Robson
Rogers Rose Ross Russell Ryan Saunders Scott Shaw Shepherd Simpson Singh Slater Smith Spencer
Stevens Stevenson Stewart Stone Sullivan Sutton Taylor Thompson Thomson Tucker Turner Walker
Wallace Walsh Walters Ward Watson Watts Webb Webster Wells West Wheeler White Whitehead
Wilkinson Williams Williamson Willis Wilson Wood Woods Wright Yates Young`);

/**
 * Names that are also ordinary words, months or places ("Will", "May", "Per" = per, "Liv" =
 * life, "Dag" = day, "Tone", "Line", "Even"). Alone and without context they are not taken
 * as names; after "my manager," or before a surname they are.
 */
export const AMBIGUOUS_NAMES = new Set(
	words(`
Are Ask Bo Dag Eli Else Even Finn Gro Hans Jan Line Liv Odd Per Siv Stig Tone Tor Tom Mark Bill
Will May June April August Grace Hope Rose Joy Faith Frank Carol Sue Pat Rob Dawn Eve Ruth
Victoria Georgia Florence Max Ray Roger Iris Ivy Sky Summer Violet Stone Young King Long Hill
Hall Wood Green White Brown Rose Bell Cook Hunt Marsh Bird Fox Ford Gray Grant Hardy Lee Page
Reed Shaw West Hammer Moss Strand Holm Lund Vik Haug Lie Lien Berg Dahl Moe Vold Wang Sand
Foss Mo Nes Ball Burns Carter Day Mason Norman Parker Potter Price Rogers Stevens Walker
Young Ward Wells Woods Long Lowe Long Ross Owen James Lewis Martin Morgan Jordan Kelly Paul
Thomas Francis Gregory Sunde Lund Lunde Eide Aune Strøm Kristen Paulsen`).map((w) => w.toLowerCase())
);

export const FIRST_NAMES_FEMALE = new Set([...NORWEGIAN_FEMALE, ...ENGLISH_FEMALE].map((n) => n.toLowerCase()));
export const FIRST_NAMES_MALE = new Set([...NORWEGIAN_MALE, ...ENGLISH_MALE].map((n) => n.toLowerCase()));
export const FIRST_NAMES = new Set([...FIRST_NAMES_FEMALE, ...FIRST_NAMES_MALE]);
export const SURNAMES = new Set([...NORWEGIAN_SURNAMES, ...ENGLISH_SURNAMES].map((n) => n.toLowerCase()));
