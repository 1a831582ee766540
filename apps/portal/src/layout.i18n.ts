/** The portal's frame and the page-not-found page in Finnish, Swedish and English (merged into the portal's dictionaries). */
import type { Dictionary } from "@yhteys/web";

export const layoutFi = {
  "app.tagline": "Palautteet ja yhteydenotot",
  "app.skipLink": "Siirry pääsisältöön",
  "app.languageNav": "Kielivalinta",
  "app.loading": "Ladataan…",
  "app.loadFailed": "Sivun lataaminen ei onnistunut. Tarkista verkkoyhteys ja yritä hetken kuluttua uudelleen.",
  "app.retry": "Yritä uudelleen",
  "app.footerService": "{org} – asiakaspalvelu",
  "app.footerEmergency": "Hätätilanteessa soita 112.",
  "app.footerLanguages": "Palvelu toimii suomeksi, ruotsiksi ja englanniksi.",
  "app.required": "pakollinen",

  "notFound.title": "Sivua ei löytynyt",
  "notFound.body": "Tarkista, että osoite on kirjoitettu oikein.",
  "notFound.orgBody": "Tällä osoitteella ei löytynyt palvelua. Tarkista osoite.",
  "notFound.toForm": "Siirry yhteydenottolomakkeelle",
};

export const layoutSv: Dictionary<keyof typeof layoutFi> = {
  "app.tagline": "Respons och kontakter",
  "app.skipLink": "Hoppa till huvudinnehållet",
  "app.languageNav": "Språkval",
  "app.loading": "Laddar…",
  "app.loadFailed": "Sidan kunde inte laddas. Kontrollera nätverksanslutningen och försök igen om en stund.",
  "app.retry": "Försök igen",
  "app.footerService": "{org} – kundtjänst",
  "app.footerEmergency": "Ring 112 i nödsituationer.",
  "app.footerLanguages": "Tjänsten finns på finska, svenska och engelska.",
  "app.required": "obligatorisk",

  "notFound.title": "Sidan hittades inte",
  "notFound.body": "Kontrollera att adressen är rätt skriven.",
  "notFound.orgBody": "Det finns ingen tjänst på den här adressen. Kontrollera adressen.",
  "notFound.toForm": "Gå till kontaktformuläret",
};

export const layoutEn: Dictionary<keyof typeof layoutFi> = {
  "app.tagline": "Feedback and contacts",
  "app.skipLink": "Skip to main content",
  "app.languageNav": "Language",
  "app.loading": "Loading…",
  "app.loadFailed": "The page could not be loaded. Check your connection and try again in a moment.",
  "app.retry": "Try again",
  "app.footerService": "{org} – customer service",
  "app.footerEmergency": "In an emergency, call 112.",
  "app.footerLanguages": "The service is available in Finnish, Swedish and English.",
  "app.required": "required",

  "notFound.title": "Page not found",
  "notFound.body": "Check that the address is spelled correctly.",
  "notFound.orgBody": "There is no service at this address. Check the address.",
  "notFound.toForm": "Go to the contact form",
};
