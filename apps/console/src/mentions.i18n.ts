/** Texts of @mentions in internal notes, in Finnish, Swedish and English (merged into the console's dictionaries). */
import type { Dictionary } from "@yhteys/web";

export const mentionsFi = {
  "mentions.hint":
    "Näkyy vain henkilöstölle. Mainitse kollega kirjoittamalla @ ja nimen alku, valitse nuolinäppäimillä ja Enterillä. Tarjolla ovat vain kollegat, jotka voivat jo avata tämän asian: maininta ei anna pääsyä asiaan.",
  "mentions.list": "Mainittavat kollegat",
  "mentions.count": "{count} kollegaa löytyi. Valitse nuolinäppäimillä ja Enterillä, Esc sulkee.",
  "mentions.none": "Ei mainittavia kollegoita tällä nimellä.",
  "mentions.chosen": "Mainitaan: {names}. He saavat ilmoituksen.",
  "mentions.mention": "Maininta: {name}",
};

export type MentionsKey = keyof typeof mentionsFi;

export const mentionsSv: Dictionary<MentionsKey> = {
  "mentions.hint":
    "Syns endast för personalen. Nämn en kollega genom att skriva @ och början av namnet, välj med piltangenterna och Enter. Endast kolleger som redan kan öppna ärendet visas: ett omnämnande ger ingen åtkomst till ärendet.",
  "mentions.list": "Kolleger att nämna",
  "mentions.count": "{count} kolleger hittades. Välj med piltangenterna och Enter, Esc stänger.",
  "mentions.none": "Inga kolleger att nämna med det namnet.",
  "mentions.chosen": "Nämns: {names}. De får en avisering.",
  "mentions.mention": "Omnämnande: {name}",
};

export const mentionsEn: Dictionary<MentionsKey> = {
  "mentions.hint":
    "Seen by staff only. Mention a colleague by typing @ and the start of their name, then choose with the arrow keys and Enter. Only colleagues who can already open this ticket are offered: a mention gives no access to it.",
  "mentions.list": "Colleagues to mention",
  "mentions.count": "{count} colleagues found. Choose with the arrow keys and Enter, Esc closes.",
  "mentions.none": "No colleagues to mention by that name.",
  "mentions.chosen": "Mentioning: {names}. They will be notified.",
  "mentions.mention": "Mention: {name}",
};
