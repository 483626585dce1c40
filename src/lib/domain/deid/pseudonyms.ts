// Invented replacement values for pseudonymisation: first names (by gender, so "she" and
// "he" in the text stay right), surnames, towns, workplace names and streets. The names are
// rare or made up and none is in the detector's lists, so a transcript scanned again after
// pseudonymisation does not light up with its own pseudonyms.

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

export const PSEUDO_FEMALE = words(`
Alvhild Borgny Dagfrid Eldrid Frøydis Gudny Halldis Idunn Jorid Kjellaug Liss Magnfrid
Norun Oddlaug Ragnfrid Signy Tordny Ulvhild Vårin Åsny Bergljot Edel Gyri Herdis
Jofrid Kolfrid Lidvor Marvi Nelly Orlaug Petrine Rønnaug Sølvor Torlaug Unnbjørg Vesla Ylva`);

export const PSEUDO_MALE = words(`
Aslak Brede Dagfinn Eldar Fridtjof Gunvald Hallstein Ingolf Jomar Kolbein Leidulf Målfred
Njord Ottar Ragnvald Sjurd Tjostolv Ulvar Vetle Ådne Bjarte Eyvind Gisle Helmer Ivarr
Joralf Kjartan Ljot Mons Narve Olve Peder Reinert Sølve Tarjei Uthald Vemund Yngvar`);

export const PSEUDO_SURNAMES = words(`
Brattvoll Kvernstad Lysebotn Heggvik Ulvedal Tindeland Marvoll Fagerlid Bergtun Myrvold
Skarvik Lindtveit Granmo Hovdenak Fjellvang Elvsaas Storløkken Rognstad Kvitberg Solhaug
Nordbakk Vestli Østmo Lyngtveit Holtvik Sandmo Furuseth Bekkevold Steinholt Havstad`);

export const PSEUDO_PLACES = words(`
Nordvika Solnes Fjellsund Havrå Lyngvær Elvebø Kvitsand Tindnes Bjørkvåg Storlia Vesterhamn
Østerby Sølvfjord Granvika Furuvåg Heimsund Marvika Saltnes Vestrum Kvitnes Brennvika
Osterhavn Ulvsund Rypeli Sjøvik Strandmo Bakkeby Engvik Moldvik`);

/** Stems for workplaces: "Tusenfryd barnehage" becomes "Lerkely barnehage". */
export const PSEUDO_WORKPLACE_STEMS = words(`
Lerkely Fjellro Havblikk Solstreif Granholt Kvitlyng Elvesus Bjørkly Nordlys Sjøbris
Tindeglød Multekrok Furutopp Lyngtun Vindheim Skoglund Bekkesus Rimfrost Solglimt Fjordglans
Myrull Rosetun Tyttebær Hegglia Ospelund Lauvhaug Blåbærli Sildrehaug Kløverlund Vårsol`);

/** Street stems: "Storgata 12" becomes "Lerkeveien 3", "12 High Street" "3 Alder Road". */
export const PSEUDO_STREETS_NO = words(`
Lerkeveien Granstien Ospegata Rognebakken Hasselveien Einerlia Lyngåsen Blåklokkevegen
Kløverveien Seljestien Bjørnebærveien Tyttebærlia Moltebakken Sivgata Vierveien Hegglia`);

export const PSEUDO_STREETS_EN = words(`Alder Rowan Hazel Linden Willow Juniper Heather Bramble Elder Sorrel Thistle Yarrow`);
export const ENGLISH_STREET_WORDS = words(`Road Lane Close Street Way Grove Drive`);
