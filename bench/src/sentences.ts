/**
 * A pool of resident-style sentences in Finnish, Swedish and English for bulk-generated tickets:
 * subjects × problems × places give a few hundred distinct sentences, so search words have
 * realistic selectivity (a frequent word hits a few per cent of tickets, a rare one a fraction).
 */
import type { Language } from "@yhteys/contracts";
import { seededRandom } from "../../apps/server/src/modules/demo/demo.ts";

type Fragments = { subjects: string[]; problems: string[]; places: string[]; extras: string[] };

const fragments: Record<Language, Fragments> = {
  fi: {
    subjects: [
      "Katuvalo",
      "Liikennevalo",
      "Suojatien merkki",
      "Roska-astia",
      "Puiston penkki",
      "Keinu",
      "Kevyen liikenteen väylä",
      "Jalkakäytävä",
      "Bussipysäkin katos",
      "Uimahallin suihku",
      "Latu",
      "Kaivon kansi",
      "Pyöräteline",
      "Leikkipaikan liukumäki",
      "Kuntoportaat",
      "Hiihtoladun valaistus",
      "Koirapuiston portti",
      "Yleinen käymälä",
      "Aita",
      "Katukyltti",
      "Verkkosivun lomake",
      "Asiointipalvelu",
      "Kirjaston palautusluukku",
      "Pysäköintiautomaatti",
    ],
    problems: [
      "on rikki",
      "ei toimi",
      "on kaatunut",
      "on täynnä ja haisee",
      "on ollut pimeänä viikon",
      "vilkkuu jatkuvasti",
      "on töhritty graffiteilla",
      "on irti ja heiluu tuulessa",
      "on vaarallisen liukas",
      "on hiekoittamatta",
      "on auraamatta",
      "on vuotanut koko päivän",
      "antaa virheilmoituksen",
      "on lasinsirujen peitossa",
      "on kadonnut",
    ],
    places: [
      "koulun vieressä",
      "Hämeenkadulla",
      "Hervannan keskustassa",
      "rautatieaseman edessä",
      "uimarannan parkkipaikalla",
      "kirjaston takana",
      "päiväkodin pihan kohdalla",
      "Kalevan puistotiellä",
      "risteyksessä",
      "sillan alla",
      "Tesoman liikuntapuistossa",
      "Lielahden kauppakeskuksen lähellä",
    ],
    extras: [
      "Korjatkaa pian, joku voi loukkaantua.",
      "Ilmoitin asiasta jo viime kuussa.",
      "Lapset kulkevat tästä joka aamu.",
      "Kiitos nopeasta toiminnasta viime kerralla!",
      "Voisiko asiaan saada vastauksen sähköpostilla?",
      "Tilanne pahenee joka päivä.",
      "Liitteenä kuva paikasta.",
      "Milloin asia korjataan?",
    ],
  },
  sv: {
    subjects: [
      "Gatlampan",
      "Trafikljuset",
      "Papperskorgen",
      "Parkbänken",
      "Gungan",
      "Cykelvägen",
      "Trottoaren",
      "Busskuren",
      "Skidspåret",
      "Lekplatsen",
    ],
    problems: [
      "är trasig",
      "fungerar inte",
      "har vält",
      "är full och luktar",
      "lyser inte",
      "är full av klotter",
      "är hal och farlig",
      "är inte plogad",
    ],
    places: ["vid skolan", "på Hämeenkatu", "vid järnvägsstationen", "bakom biblioteket", "vid daghemmet", "i korsningen", "under bron"],
    extras: [
      "Var snäll och åtgärda snabbt.",
      "Jag anmälde detta redan förra månaden.",
      "Barnen går här varje morgon.",
      "När blir det lagat?",
    ],
  },
  en: {
    subjects: [
      "The street light",
      "The traffic light",
      "The litter bin",
      "The park bench",
      "The swing",
      "The cycle path",
      "The pavement",
      "The bus shelter",
      "The ski trail",
      "The playground",
    ],
    problems: [
      "is broken",
      "does not work",
      "has fallen over",
      "is overflowing",
      "has been dark for a week",
      "is covered in graffiti",
      "is icy and dangerous",
      "has not been ploughed",
    ],
    places: [
      "next to the school",
      "on Hämeenkatu",
      "outside the railway station",
      "behind the library",
      "near the day care centre",
      "at the crossing",
      "under the bridge",
    ],
    extras: [
      "Please fix it soon.",
      "I reported this last month already.",
      "Children walk here every morning.",
      "When will it be repaired?",
    ],
  },
};

/** `count` distinct sentences in `language`, some with a second, free-standing sentence. */
export function sentencePool(language: Language, count: number): string[] {
  const f = fragments[language];
  const rnd = seededRandom(language.charCodeAt(0) * 31 + language.charCodeAt(1));
  const pick = (items: string[]) => items[Math.floor(rnd() * items.length)] as string;
  const pool = new Set<string>();
  for (let tries = 0; pool.size < count && tries < count * 50; tries++) {
    const base = `${pick(f.subjects)} ${pick(f.places)} ${pick(f.problems)}.`;
    pool.add(rnd() < 0.5 ? `${base} ${pick(f.extras)}` : base);
  }
  return [...pool];
}
