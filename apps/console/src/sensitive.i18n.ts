/** Texts about special categories of personal data in Finnish, Swedish and English (merged into the console's dictionaries). */
import type { Dictionary } from "@yhteys/web";

export const sensitiveFi = {
  "sensitive.badge": "Erityisiä henkilötietoja",
  "sensitive.title": "Erityiset henkilötiedot",
  "sensitive.explainOff":
    "Merkitse yhteydenotto, jos se sisältää esimerkiksi terveys- tai sosiaalihuollon tietoja. Sen jälkeen sen voivat avata vain ne ryhmät, joilla on oikeus erityisiin henkilötietoihin, ja jokainen avaus kirjataan lokiin.",
  "sensitive.explainOn":
    "Yhteydenotto sisältää erityisiä henkilötietoja: sen voivat avata vain ryhmät, joilla on siihen oikeus, ja jokainen avaus kirjataan lokiin.",
  "sensitive.reason": "Peruste",
  "sensitive.flag": "Merkitse erityisiä henkilötietoja sisältäväksi",
  "sensitive.unflag": "Poista merkintä",
  "sensitive.flagged": "Merkitty erityisiä henkilötietoja sisältäväksi.",
  "sensitive.unflagged": "Merkintä poistettu.",
  "sensitive.needReason": "Kirjoita peruste.",
  "history.sensitiveOn": "{actor} merkitsi yhteydenoton erityisiä henkilötietoja sisältäväksi: {reason}",
  "history.sensitiveOff": "{actor} poisti erityisten henkilötietojen merkinnän: {reason}",
  "admin.groups.sensitiveAccess": "Saa avata erityisiä henkilötietoja sisältävät yhteydenotot",
  "admin.groups.sensitiveAccessHint": "Vain tekninen pääkäyttäjä voi muuttaa tätä. Jokainen avaus kirjataan lokiin.",
};

export const sensitiveSv: Dictionary<keyof typeof sensitiveFi> = {
  "sensitive.badge": "Känsliga personuppgifter",
  "sensitive.title": "Känsliga personuppgifter",
  "sensitive.explainOff":
    "Markera kontakten om den innehåller till exempel hälso- eller socialvårdsuppgifter. Därefter kan bara grupper med rätt till känsliga personuppgifter öppna den, och varje öppning loggas.",
  "sensitive.explainOn":
    "Kontakten innehåller känsliga personuppgifter: bara grupper med rätt till dem kan öppna den, och varje öppning loggas.",
  "sensitive.reason": "Grund",
  "sensitive.flag": "Markera som innehållande känsliga personuppgifter",
  "sensitive.unflag": "Ta bort markeringen",
  "sensitive.flagged": "Markerad som innehållande känsliga personuppgifter.",
  "sensitive.unflagged": "Markeringen togs bort.",
  "sensitive.needReason": "Skriv en grund.",
  "history.sensitiveOn": "{actor} markerade kontakten som innehållande känsliga personuppgifter: {reason}",
  "history.sensitiveOff": "{actor} tog bort markeringen för känsliga personuppgifter: {reason}",
  "admin.groups.sensitiveAccess": "Får öppna kontakter med känsliga personuppgifter",
  "admin.groups.sensitiveAccessHint": "Bara den tekniska huvudanvändaren kan ändra detta. Varje öppning loggas.",
};

export const sensitiveEn: Dictionary<keyof typeof sensitiveFi> = {
  "sensitive.badge": "Special categories of personal data",
  "sensitive.title": "Special categories of personal data",
  "sensitive.explainOff":
    "Flag the contact if it holds, for example, health or social-welfare details. Then only groups allowed to handle special categories of personal data can open it, and every opening is logged.",
  "sensitive.explainOn":
    "This contact holds special categories of personal data: only groups allowed to handle them can open it, and every opening is logged.",
  "sensitive.reason": "Reason",
  "sensitive.flag": "Flag as holding special categories of personal data",
  "sensitive.unflag": "Remove the flag",
  "sensitive.flagged": "Flagged as holding special categories of personal data.",
  "sensitive.unflagged": "Flag removed.",
  "sensitive.needReason": "Write a reason.",
  "history.sensitiveOn": "{actor} flagged the contact as holding special categories of personal data: {reason}",
  "history.sensitiveOff": "{actor} removed the special-categories flag: {reason}",
  "admin.groups.sensitiveAccess": "May open contacts with special categories of personal data",
  "admin.groups.sensitiveAccessHint": "Only a technical admin can change this. Every opening is logged.",
};
