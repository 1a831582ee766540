/** The console's frame: its name, navigation, header, common words, error messages, language names and live updates in Finnish, Swedish and English (merged into the console's dictionaries). */
import type { Dictionary } from "@yhteys/web";

export const shellFi = {
  "app.name": "Yhteys",
  "app.console": "Asiointikonsoli",
  "app.skip": "Siirry pääsisältöön",
  "app.loading": "Ladataan…",

  "error.network": "Palvelimeen ei saatu yhteyttä. Tarkista verkkoyhteys ja yritä uudelleen.",
  "error.generic": "Toiminto epäonnistui (virhe {status}).",
  "error.forbidden": "Sinulla ei ole oikeutta tähän toimintoon.",
  "error.invalidTransition": "Yhteydenottoa ei voi siirtää tähän tilaan.",
  "error.validation": "Tarkista kentät.",
  "error.notFound": "Kohdetta ei löytynyt.",
  "error.title": "Virhe",

  "header.user": "Kirjautunut käyttäjä",
  "header.language": "Kieli",
  "header.signOut": "Kirjaudu ulos",

  "nav.queues": "Jonot",
  "nav.open": "{count} avointa",
  "nav.unclear": "epäselvät",

  "live.reconnecting": "Reaaliaikainen yhteys katkesi. Yhdistetään uudelleen…",
  "live.newTicket": "Uusi yhteydenotto {reference}",

  "language.fi": "suomi",
  "language.sv": "ruotsi",
  "language.en": "englanti",

  "common.yes": "Kyllä",
  "common.no": "Ei",
  "common.optional": "valinnainen",
  "common.saving": "Tallennetaan…",
  "reports.nav": "Raportit",
};

export const shellSv: Dictionary<keyof typeof shellFi> = {
  "app.name": "Yhteys",
  "app.console": "Ärendekonsol",
  "app.skip": "Hoppa till huvudinnehållet",
  "app.loading": "Laddar…",

  "error.network": "Det gick inte att nå servern. Kontrollera nätverksanslutningen och försök igen.",
  "error.generic": "Åtgärden misslyckades (fel {status}).",
  "error.forbidden": "Du har inte behörighet till den här åtgärden.",
  "error.invalidTransition": "Ärendet kan inte flyttas till det här läget.",
  "error.validation": "Kontrollera fälten.",
  "error.notFound": "Hittades inte.",
  "error.title": "Fel",

  "header.user": "Inloggad användare",
  "header.language": "Språk",
  "header.signOut": "Logga ut",

  "nav.queues": "Köer",
  "nav.open": "{count} öppna",
  "nav.unclear": "oklara",

  "live.reconnecting": "Realtidsanslutningen bröts. Ansluter igen…",
  "live.newTicket": "Ny kontakt {reference}",

  "language.fi": "finska",
  "language.sv": "svenska",
  "language.en": "engelska",

  "common.yes": "Ja",
  "common.no": "Nej",
  "common.optional": "frivilligt",
  "common.saving": "Sparar…",
  "reports.nav": "Rapporter",
};

export const shellEn: Dictionary<keyof typeof shellFi> = {
  "app.name": "Yhteys",
  "app.console": "Service console",
  "app.skip": "Skip to main content",
  "app.loading": "Loading…",

  "error.network": "Could not reach the server. Check your connection and try again.",
  "error.generic": "That did not work (error {status}).",
  "error.forbidden": "Your role does not allow this.",
  "error.invalidTransition": "The ticket cannot move to that state.",
  "error.validation": "Please check the fields.",
  "error.notFound": "Not found.",
  "error.title": "Error",

  "header.user": "Signed in",
  "header.language": "Language",
  "header.signOut": "Sign out",

  "nav.queues": "Queues",
  "nav.open": "{count} open",
  "nav.unclear": "unclear",

  "live.reconnecting": "Live updates were interrupted. Reconnecting…",
  "live.newTicket": "New contact {reference}",

  "language.fi": "Finnish",
  "language.sv": "Swedish",
  "language.en": "English",

  "common.yes": "Yes",
  "common.no": "No",
  "common.optional": "optional",
  "common.saving": "Saving…",
  "reports.nav": "Reports",
};
