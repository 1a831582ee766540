/** Texts of the tracking page's pointer to the contact this one was combined with, in Finnish, Swedish and English. */
import type { Dictionary } from "@yhteys/web";

export const mergedFi = {
  "track.mergedTitle": "Yhteydenottosi yhdistettiin yhteydenottoon {reference}",
  "track.mergedBody":
    "Sama asia oli jo kaupungin tiedossa, joten yhteydenottosi yhdistettiin yhteydenottoon {reference}. Sen käsittely jatkuu siellä. Jos annoit sähköpostiosoitteesi, saat viestin, kun sen tilanne muuttuu.",
  "track.mergedState": "Sen tila:",
  "track.mergedUpdated": "(päivitetty {date})",
  "track.mergedFollow": "Seuraa yhteydenottoa {reference} täällä",
  "track.mergedHere": "Näet sen tilan myös tältä sivulta.",
} as const;

export const mergedSv: Dictionary<keyof typeof mergedFi> = {
  "track.mergedTitle": "Ditt ärende har slagits ihop med ärendet {reference}",
  "track.mergedBody":
    "Staden kände redan till saken, så ditt ärende har slagits ihop med ärendet {reference}. Behandlingen fortsätter där. Om du gav din e-postadress får du ett meddelande när läget ändras.",
  "track.mergedState": "Dess status:",
  "track.mergedUpdated": "(uppdaterat {date})",
  "track.mergedFollow": "Följ ärendet {reference} här",
  "track.mergedHere": "Du ser dess status också på den här sidan.",
};

export const mergedEn: Dictionary<keyof typeof mergedFi> = {
  "track.mergedTitle": "Your contact was combined with {reference}",
  "track.mergedBody":
    "The city already knew about this, so your contact was combined with {reference}. It is handled there from now on. If you gave your email address, you will get a message when its status changes.",
  "track.mergedState": "Its status:",
  "track.mergedUpdated": "(updated {date})",
  "track.mergedFollow": "Follow {reference} here",
  "track.mergedHere": "You can also see its status on this page.",
};
