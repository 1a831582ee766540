/** The confirmation page after a contact is sent in Finnish, Swedish and English (merged into the portal's dictionaries). */
import type { Dictionary } from "@yhteys/web";

export const confirmationFi = {
  "confirm.title": "Kiitos, viestisi on vastaanotettu",
  "confirm.reference": "Yhteydenottosi tunnus",
  "confirm.reply": "Vastaamme antamiisi yhteystietoihin.",
  "confirm.trackIntro": "Voit seurata asiasi käsittelyä ja lukea vastauksen henkilökohtaisesta linkistäsi.",
  "confirm.linkLabel": "Seurantalinkki",
  "confirm.copy": "Kopioi linkki",
  "confirm.copied": "Linkki kopioitiin.",
  "confirm.copyFailed": "Kopiointi ei onnistunut. Valitse linkki ja kopioi se itse.",
  "confirm.keepSafe": "Säilytä linkki äläkä jaa sitä. Kuka tahansa, jolla on linkki, voi lukea viestisi ja vastauksen.",
  "confirm.open": "Avaa seurantasivu",
  "confirm.another": "Lähetä uusi viesti",
  "confirm.pageTitle": "Viesti lähetetty",
};

export const confirmationSv: Dictionary<keyof typeof confirmationFi> = {
  "confirm.title": "Tack, vi har tagit emot ditt meddelande",
  "confirm.reference": "Referens för ditt ärende",
  "confirm.reply": "Vi svarar till de kontaktuppgifter du angav.",
  "confirm.trackIntro": "Du kan följa behandlingen och läsa svaret via din personliga länk.",
  "confirm.linkLabel": "Uppföljningslänk",
  "confirm.copy": "Kopiera länken",
  "confirm.copied": "Länken kopierades.",
  "confirm.copyFailed": "Det gick inte att kopiera. Markera länken och kopiera den själv.",
  "confirm.keepSafe": "Spara länken och dela den inte. Alla som har länken kan läsa ditt meddelande och svaret.",
  "confirm.open": "Öppna uppföljningssidan",
  "confirm.another": "Skicka ett nytt meddelande",
  "confirm.pageTitle": "Meddelandet har skickats",
};

export const confirmationEn: Dictionary<keyof typeof confirmationFi> = {
  "confirm.title": "Thank you, we have received your message",
  "confirm.reference": "Your reference",
  "confirm.reply": "We will reply using the contact details you gave.",
  "confirm.trackIntro": "You can follow your matter and read the answer with your personal link.",
  "confirm.linkLabel": "Tracking link",
  "confirm.copy": "Copy link",
  "confirm.copied": "The link was copied.",
  "confirm.copyFailed": "Copying did not work. Select the link and copy it yourself.",
  "confirm.keepSafe": "Keep the link safe and do not share it. Anyone with the link can read your message and the answer.",
  "confirm.open": "Open the tracking page",
  "confirm.another": "Send another message",
  "confirm.pageTitle": "Message sent",
};
