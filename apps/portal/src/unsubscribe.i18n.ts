/** Texts of the page that stops a contact's emails, in Finnish, Swedish and English. */
import type { Dictionary } from "@yhteys/web";

export const unsubscribeFi = {
  "unsubscribe.pageTitle": "Sähköpostien lopettaminen",
  "unsubscribe.title": "Lopetetaanko sähköpostit?",
  "unsubscribe.body": "Et saa tämän jälkeen sähköposteja asiasta {reference}. Asian käsittely jatkuu tavallisesti.",
  "unsubscribe.confirm": "Lopeta sähköpostit",
  "unsubscribe.doneTitle": "Sähköpostit lopetettu",
  "unsubscribe.done": "Et saa enää sähköposteja asiasta {reference}.",
  "unsubscribe.invalid": "Linkki ei ole voimassa. Tarkista, että kopioit sen kokonaan.",
  "unsubscribe.failed": "Lopettaminen ei onnistunut. Yritä hetken kuluttua uudelleen.",
} as const;

export const unsubscribeSv: Dictionary<keyof typeof unsubscribeFi> = {
  "unsubscribe.pageTitle": "Avsluta e-post",
  "unsubscribe.title": "Vill du avsluta e-posten?",
  "unsubscribe.body": "Du får därefter ingen e-post om ärendet {reference}. Ärendet behandlas som vanligt.",
  "unsubscribe.confirm": "Avsluta e-posten",
  "unsubscribe.doneTitle": "E-posten har avslutats",
  "unsubscribe.done": "Du får inte längre e-post om ärendet {reference}.",
  "unsubscribe.invalid": "Länken gäller inte. Kontrollera att du kopierade hela länken.",
  "unsubscribe.failed": "Det gick inte att avsluta. Försök igen om en stund.",
};

export const unsubscribeEn: Dictionary<keyof typeof unsubscribeFi> = {
  "unsubscribe.pageTitle": "Stop emails",
  "unsubscribe.title": "Stop the emails?",
  "unsubscribe.body": "You will get no more emails about {reference}. It will still be dealt with as usual.",
  "unsubscribe.confirm": "Stop emails",
  "unsubscribe.doneTitle": "Emails stopped",
  "unsubscribe.done": "You will get no more emails about {reference}.",
  "unsubscribe.invalid": "This link is not valid. Check that you copied all of it.",
  "unsubscribe.failed": "That did not work. Please try again in a moment.",
};
