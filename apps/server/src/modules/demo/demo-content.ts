/** Demo City's notices and FAQ in Finnish, Swedish and English (REQUIREMENTS P6). */
import type { Db } from "../../db/client.ts";
import { faqEntries, notices } from "../../db/schema.ts";
import type { SeededOrganisation } from "./demo.ts";

const DAY = 86_400_000;

export async function seedContent(db: Db, org: SeededOrganisation, now = Date.now()) {
  await db.insert(notices).values([
    {
      organisationId: org.id,
      kind: "disruption",
      title: {
        fi: "Katuvalot pimeänä Hervannassa",
        sv: "Gatlamporna släckta i Hervanta",
        en: "Street lights out in Hervanta",
      },
      body: {
        fi: "Tiedämme, että katuvalot ovat pimeänä osassa Hervantaa kaapelivian vuoksi. Korjaus on käynnissä, ja valot palaavat arviolta perjantaina.\n\nTästä viasta ei tarvitse ilmoittaa erikseen.",
        sv: "Vi vet att gatlamporna är släckta i delar av Hervanta på grund av ett kabelfel. Reparationen pågår och lamporna tänds troligen på fredag.\n\nDu behöver inte anmäla felet separat.",
        en: "We know that the street lights are out in parts of Hervanta because of a cable fault. Repairs are under way and the lights should be back on Friday.\n\nThere is no need to report this fault.",
      },
      validFrom: new Date(now - DAY),
      validUntil: new Date(now + 14 * DAY),
      categoryIds: [org.categories["street-lighting"] as string],
      areaIds: [org.areas.hervanta as string],
      groupId: org.groups.streets ?? null,
    },
    {
      organisationId: org.id,
      kind: "news",
      title: {
        fi: "Talvikunnossapidon palaute nyt verkossa",
        sv: "Respons om vinterunderhållet nu på webben",
        en: "Winter maintenance feedback now online",
      },
      body: {
        fi: "Voit nyt antaa palautetta aurauksesta ja liukkaudentorjunnasta suoraan tällä lomakkeella. Valitse aiheeksi Talvikunnossapito.\n\nLisätietoa: https://www.tampere.fi",
        sv: "Du kan nu ge respons om plogning och halkbekämpning direkt med detta formulär. Välj ämnet Vinterunderhåll.",
        en: "You can now give feedback on snow clearing and gritting directly with this form. Choose the category Winter maintenance.",
      },
      validFrom: new Date(now - 3 * DAY),
      validUntil: null,
    },
  ]);

  const faq: [string, string, string, string, string, string][] = [
    [
      "Kuinka nopeasti palautteeseen vastataan?",
      "Tavoitteemme on vastata viiden arkipäivän kuluessa. Kiireelliset vika- ja vaarailmoitukset käsitellään heti.",
      "Hur snabbt besvaras responsen?",
      "Vårt mål är att svara inom fem vardagar. Brådskande fel och faror behandlas genast.",
      "How quickly is feedback answered?",
      "We aim to answer within five working days. Urgent faults and dangers are handled at once.",
    ],
    [
      "Miten voin seurata palautteeni käsittelyä?",
      "Saat lähettämisen jälkeen tunnuksen ja henkilökohtaisen seurantalinkin. Linkistä näet tilan ja vastauksen, ja voit lisätä tietoja.",
      "Hur kan jag följa behandlingen av min respons?",
      "Efter att du skickat får du en kod och en personlig uppföljningslänk. Där ser du läget och svaret och kan lägga till uppgifter.",
      "How can I follow my feedback?",
      "After sending you get a reference and a personal tracking link. It shows the status and the answer, and you can add information.",
    ],
    [
      "Voinko antaa palautetta nimettömänä?",
      "Voit. Yhteystiedot tarvitaan vain, jos haluat vastauksen sähköpostiin tai puhelimeen.",
      "Kan jag ge respons anonymt?",
      "Ja. Kontaktuppgifter behövs bara om du vill ha svar per e-post eller telefon.",
      "Can I give feedback anonymously?",
      "Yes. Contact details are needed only if you want an answer by email or phone.",
    ],
    [
      "Mitä teen, jos tilanne on vaarallinen?",
      "Soita hätänumeroon 112. Palautelomaketta ei seurata ympäri vuorokauden.",
      "Vad gör jag om situationen är farlig?",
      "Ring nödnumret 112. Responsformuläret övervakas inte dygnet runt.",
      "What should I do if the situation is dangerous?",
      "Call the emergency number 112. The feedback form is not monitored around the clock.",
    ],
    [
      "Näkyykö palautteeni muille?",
      "Palaute voidaan julkaista palautekartalla vain luvallasi, ja henkilötiedot poistetaan ennen julkaisua.",
      "Syns min respons för andra?",
      "Responsen kan publiceras på responskartan endast med ditt tillstånd, och personuppgifter tas bort före publicering.",
      "Is my feedback visible to others?",
      "Feedback may be published on the feedback map only with your permission, and personal data is removed before publishing.",
    ],
    [
      "Voinko liittää kuvan?",
      "Voit liittää valokuvia ja PDF-tiedostoja. Kuvista poistetaan sijainti- ja laitetiedot ennen tallennusta.",
      "Kan jag bifoga en bild?",
      "Du kan bifoga foton och PDF-filer. Plats- och enhetsuppgifter tas bort från bilderna innan de sparas.",
      "Can I attach a photo?",
      "You can attach photos and PDF files. Location and device data are removed from photos before they are stored.",
    ],
    [
      "Kenelle palautteeni menee?",
      "Palaute ohjautuu aiheen perusteella suoraan asiasta vastaavalle yksikölle, esimerkiksi katu- ja liikenneyksikölle.",
      "Till vem går min respons?",
      "Responsen går utifrån ämnet direkt till den enhet som ansvarar, till exempel enheten för gator och trafik.",
      "Who receives my feedback?",
      "Feedback goes by its category straight to the unit in charge, for example streets and traffic.",
    ],
    [
      "Onko samasta asiasta jo ilmoitettu?",
      "Kun valitset paikan kartalta, lomake näyttää lähellä jo tehdyt ilmoitukset. Voit seurata aiempaa ilmoitusta uuden sijaan. Katso myös ajankohtaiset tiedotteet.",
      "Har samma sak redan anmälts?",
      "När du väljer en plats på kartan visar formuläret anmälningar i närheten. Du kan följa en tidigare anmälan i stället. Se också de aktuella meddelandena.",
      "Has the same issue already been reported?",
      "When you choose a place on the map, the form shows reports nearby. You can follow an earlier one instead. See also the current notices.",
    ],
  ];
  await db.insert(faqEntries).values(
    faq.map(([qfi, afi, qsv, asv, qen, aen], i) => ({
      organisationId: org.id,
      question: { fi: qfi, sv: qsv, en: qen },
      answer: { fi: afi, sv: asv, en: aen },
      position: (i + 1) * 10,
    })),
  );
}
