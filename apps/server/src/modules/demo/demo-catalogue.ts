/** Demo City's configuration: areas of Tampere, handler groups, the category tree and service-level targets. */
import type { BusinessCalendar, ExtraFieldDefinition, LocalizedText, Priority, TicketType } from "@yhteys/contracts";

/** Rough rectangles around real Tampere districts ([lon, lat] corners). */
export const demoAreas: { code: string; name: LocalizedText; box: [number, number, number, number] }[] = [
  { code: "keskusta", name: { fi: "Keskusta", sv: "Centrum", en: "City centre" }, box: [23.72, 61.49, 23.8, 61.505] },
  { code: "hervanta", name: { fi: "Hervanta", sv: "Hervanta", en: "Hervanta" }, box: [23.82, 61.44, 23.88, 61.46] },
  { code: "kaleva", name: { fi: "Kaleva", sv: "Kaleva", en: "Kaleva" }, box: [23.8, 61.495, 23.84, 61.51] },
  { code: "lielahti", name: { fi: "Lielahti", sv: "Lielahti", en: "Lielahti" }, box: [23.63, 61.505, 23.7, 61.525] },
  { code: "tesoma", name: { fi: "Tesoma", sv: "Tesoma", en: "Tesoma" }, box: [23.6, 61.485, 23.66, 61.5] },
  { code: "linnainmaa", name: { fi: "Linnainmaa", sv: "Linnainmaa", en: "Linnainmaa" }, box: [23.84, 61.5, 23.9, 61.52] },
];

export const demoGroups: { code: string; name: LocalizedText; isUnclearQueue?: boolean }[] = [
  { code: "service-point", name: { fi: "Palveluneuvonta", sv: "Servicerådgivning", en: "Service point" }, isUnclearQueue: true },
  { code: "streets", name: { fi: "Katu- ja liikenneyksikkö", sv: "Gator och trafik", en: "Streets and traffic" } },
  { code: "green", name: { fi: "Viheralueet", sv: "Grönområden", en: "Green areas" } },
  { code: "sports", name: { fi: "Liikuntapalvelut", sv: "Idrottstjänster", en: "Sports services" } },
  { code: "waste", name: { fi: "Siisteys ja jätehuolto", sv: "Renhållning och avfall", en: "Cleanliness and waste" } },
];

type DemoCategory = {
  code: string;
  name: LocalizedText;
  description?: LocalizedText;
  group?: string;
  type?: TicketType;
  extraFields?: ExtraFieldDefinition[];
  texts: string[];
};

const yesNo = (code: string, label: LocalizedText): ExtraFieldDefinition => ({ code, type: "boolean", required: false, label });

export const demoCategoryTree: { code: string; name: LocalizedText; children: DemoCategory[] }[] = [
  {
    code: "streets",
    name: { fi: "Kadut ja liikenne", sv: "Gator och trafik", en: "Streets and traffic" },
    children: [
      {
        code: "street-lighting",
        name: { fi: "Katuvalaistus", sv: "Gatubelysning", en: "Street lighting" },
        description: {
          fi: "Rikkinäiset tai jatkuvasti palavat katuvalot.",
          sv: "Trasiga gatlampor.",
          en: "Broken or always-on street lights.",
        },
        group: "streets",
        type: "fault_report",
        extraFields: [
          {
            code: "pole_number",
            type: "string",
            required: false,
            label: { fi: "Pylvään numero", sv: "Stolpens nummer", en: "Pole number" },
            help: { fi: "Numero on pylvään kyljessä.", sv: "Numret finns på stolpen.", en: "The number is on the side of the pole." },
          },
          {
            code: "lamp_state",
            type: "singlevaluelist",
            required: true,
            label: { fi: "Mikä on vialla?", sv: "Vad är fel?", en: "What is wrong?" },
            options: [
              { key: "dark", label: { fi: "Ei pala", sv: "Lyser inte", en: "Not lit" } },
              { key: "flicker", label: { fi: "Vilkkuu", sv: "Blinkar", en: "Flickers" } },
              { key: "day", label: { fi: "Palaa päivällä", sv: "Lyser på dagen", en: "Lit in daytime" } },
            ],
          },
        ],
        texts: [
          "Katuvalo ei pala kevyen liikenteen väylällä, todella pimeää illalla.",
          "Kolme katuvaloa peräkkäin pimeänä risteyksen kohdalla.",
          "The street light outside the school has been flickering for a week.",
          "Gatlampan vid busshållplatsen lyser inte.",
        ],
      },
      {
        code: "potholes",
        name: { fi: "Kuopat ja päällysteet", sv: "Gropar och beläggning", en: "Potholes and paving" },
        group: "streets",
        type: "fault_report",
        texts: [
          "Syvä kuoppa ajoradalla suojatien vieressä, pyöräilijä voi kaatua.",
          "Asfaltti on haljennut ja irtoaa bussipysäkillä.",
          "Large pothole on the cycle lane near the bridge.",
        ],
      },
      {
        code: "traffic-signs",
        name: { fi: "Liikennemerkit ja -valot", sv: "Trafikmärken och -ljus", en: "Traffic signs and lights" },
        group: "streets",
        type: "fault_report",
        texts: [
          "Liikennevalot eivät vaihdu jalankulkijoille.",
          "Stop-merkki on kaatunut risteyksessä.",
          "Trafikljuset blinkar gult hela tiden.",
        ],
      },
      {
        code: "winter-maintenance",
        name: { fi: "Talvikunnossapito", sv: "Vinterunderhåll", en: "Winter maintenance" },
        group: "streets",
        type: "service_request",
        extraFields: [
          {
            code: "issue",
            type: "singlevaluelist",
            required: true,
            label: { fi: "Ongelma", sv: "Problem", en: "Problem" },
            options: [
              { key: "snow", label: { fi: "Auraamatta", sv: "Inte plogat", en: "Not ploughed" } },
              { key: "ice", label: { fi: "Liukas", sv: "Halt", en: "Slippery" } },
              { key: "bank", label: { fi: "Lumivalli", sv: "Snövall", en: "Snowbank" } },
            ],
          },
        ],
        texts: [
          "Jalkakäytävä on hiekoittamatta ja erittäin liukas.",
          "Katua ei ole aurattu kahteen päivään.",
          "The pavement is icy and dangerous.",
        ],
      },
      {
        code: "cycle-paths",
        name: { fi: "Pyörätiet", sv: "Cykelvägar", en: "Cycle paths" },
        group: "streets",
        type: "feedback",
        texts: [
          "Kiitos uudesta pyöräkaistasta Hämeenkadulla!",
          "Pyörätie päättyy yllättäen keskelle ajorataa.",
          "Please add a cycle path to the school.",
        ],
      },
    ],
  },
  {
    code: "parks",
    name: { fi: "Puistot ja viheralueet", sv: "Parker och grönområden", en: "Parks and green areas" },
    children: [
      {
        code: "playgrounds",
        name: { fi: "Puistot ja leikkipaikat", sv: "Parker och lekplatser", en: "Parks and playgrounds" },
        group: "green",
        type: "fault_report",
        extraFields: [
          yesNo("equipment_damaged", { fi: "Onko leikkiväline rikki?", sv: "Är en lekställning trasig?", en: "Is play equipment broken?" }),
        ],
        texts: [
          "Keinun ketju on poikki leikkipuistossa.",
          "Leikkipaikan hiekkalaatikossa on lasinsiruja.",
          "Gungan på lekplatsen är trasig.",
        ],
      },
      {
        code: "trees",
        name: { fi: "Puut ja kasvillisuus", sv: "Träd och växtlighet", en: "Trees and vegetation" },
        group: "green",
        type: "service_request",
        texts: [
          "Myrskyn kaatama puu tukkii ulkoilureitin.",
          "Pensas peittää näkyvyyden risteyksessä.",
          "A dead tree is leaning over the path.",
        ],
      },
      {
        code: "litter",
        name: { fi: "Roskaantuminen ja ilkivalta", sv: "Nedskräpning och skadegörelse", en: "Litter and vandalism" },
        group: "waste",
        type: "fault_report",
        texts: ["Puistossa paljon roskia viikonlopun jäljiltä.", "Penkki on rikottu rantapuistossa.", "Lots of litter by the lake shore."],
      },
    ],
  },
  {
    code: "sports",
    name: { fi: "Liikunta ja ulkoilu", sv: "Idrott och friluftsliv", en: "Sports and outdoors" },
    children: [
      {
        code: "swimming",
        name: { fi: "Uimahallit ja uimarannat", sv: "Simhallar och badstränder", en: "Swimming halls and beaches" },
        group: "sports",
        type: "feedback",
        texts: [
          "Uimahallin saunat olivat kylmiä koko illan.",
          "Kiitos siististä uimarannasta!",
          "The changing rooms at the beach need cleaning.",
        ],
      },
      {
        code: "trails",
        name: { fi: "Ladut ja kuntoradat", sv: "Skidspår och motionsbanor", en: "Ski and fitness trails" },
        group: "sports",
        type: "service_request",
        texts: ["Latu on ajamatta Kauppiin.", "Kuntoradan valaistus ei toimi.", "Skidspåret är inte preparerat."],
      },
      {
        code: "sports-fields",
        name: { fi: "Urheilukentät", sv: "Idrottsplaner", en: "Sports fields" },
        group: "sports",
        type: "question",
        texts: ["Milloin koulun tekonurmi avataan keväällä?", "Voiko kentän vuoroja varata verkossa?", "When will the ice rink open?"],
      },
    ],
  },
  {
    code: "cleanliness",
    name: { fi: "Siisteys ja jätehuolto", sv: "Renhållning och avfall", en: "Cleanliness and waste" },
    children: [
      {
        code: "public-bins",
        name: { fi: "Roska-astiat", sv: "Papperskorgar", en: "Public bins" },
        group: "waste",
        type: "fault_report",
        extraFields: [yesNo("bin_full", { fi: "Onko astia täynnä?", sv: "Är korgen full?", en: "Is the bin full?" })],
        texts: [
          "Roska-astia on täynnä ja roskat lentävät tuulessa.",
          "Koirankakka-astia puuttuu puistosta.",
          "The bin at the bus stop is overflowing.",
        ],
      },
      {
        code: "graffiti",
        name: { fi: "Töherrykset", sv: "Klotter", en: "Graffiti" },
        group: "waste",
        type: "fault_report",
        texts: ["Alikulkutunnelin seinät on töhritty.", "Graffiti on the school wall.", "Klotter på bron."],
      },
      {
        code: "abandoned-vehicles",
        name: { fi: "Hylätyt ajoneuvot", sv: "Övergivna fordon", en: "Abandoned vehicles" },
        group: "waste",
        type: "service_request",
        extraFields: [
          {
            code: "registration_number",
            type: "string",
            required: true,
            label: { fi: "Rekisteritunnus", sv: "Registreringsnummer", en: "Registration number" },
          },
        ],
        texts: ["Romuauto on seissyt pysäköintialueella kuukausia.", "Hylätty mopo jalkakäytävällä.", "An abandoned car with flat tyres."],
      },
    ],
  },
  {
    code: "services",
    name: { fi: "Kaupungin palvelut", sv: "Stadens tjänster", en: "City services" },
    children: [
      {
        code: "customer-service",
        name: { fi: "Asiakaspalvelu", sv: "Kundtjänst", en: "Customer service" },
        group: "service-point",
        type: "feedback",
        texts: [
          "Sain todella ystävällistä palvelua palvelupisteessä, kiitos!",
          "Puhelinpalveluun oli pitkä jono.",
          "Hur bokar jag en tid?",
        ],
      },
      {
        code: "digital-services",
        name: { fi: "Verkkosivut ja digipalvelut", sv: "Webbplats och digitala tjänster", en: "Website and digital services" },
        group: "service-point",
        type: "question",
        texts: [
          "Verkkosivuilta ei löydy kirjaston aukioloaikoja.",
          "Lomake ei toimi puhelimella.",
          "The online form does not work in English.",
        ],
      },
      {
        code: "other",
        name: { fi: "Muu palaute", sv: "Annan respons", en: "Other feedback" },
        description: { fi: "Kun mikään muu ei sovi.", sv: "När inget annat passar.", en: "When nothing else fits." },
        type: "feedback",
        texts: [
          "Kaupungin pitäisi järjestää enemmän tapahtumia nuorille.",
          "Idea: lisää penkkejä rantaan.",
          "More benches by the lake, please.",
        ],
      },
    ],
  },
];

const officeHours = [{ from: "08:00", to: "16:00" }];

/** Demo City's service point hours: weekdays 8–16, Finnish public holidays closed. */
export const demoCalendar: BusinessCalendar = {
  timeZone: "Europe/Helsinki",
  weekly: { mon: officeHours, tue: officeHours, wed: officeHours, thu: officeHours, fri: officeHours, sat: [], sun: [] },
  publicHolidays: "fi",
  exceptions: [],
};

/** Service-level targets in working minutes (a working day is 8 hours). */
export const demoSlaPolicies: { priority: Priority | null; firstResponseMinutes: number; resolutionMinutes: number }[] = [
  { priority: null, firstResponseMinutes: 2 * 480, resolutionMinutes: 10 * 480 },
  { priority: "high", firstResponseMinutes: 480, resolutionMinutes: 5 * 480 },
  { priority: "urgent", firstResponseMinutes: 120, resolutionMinutes: 480 },
];
