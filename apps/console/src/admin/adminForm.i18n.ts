/** Texts of the shared admin form, which ticket actions use in the console's first load. */
import type { Dictionary } from "@yhteys/web";

export const adminFormFi = {
  "admin.conflict": "Muutosta ei voi tehdä.",
  "admin.errorSummaryHint": "Korjaa virheet ja lähetä lomake uudelleen.",
  "admin.optional": "valinnainen",
  "admin.groupName.fi": "Nimi suomeksi",
  "admin.groupName.sv": "Nimi ruotsiksi",
  "admin.groupName.en": "Nimi englanniksi",
  "admin.groupDescription": "Kuvaus",
};

export type AdminFormKey = keyof typeof adminFormFi;

export const adminFormSv: Dictionary<AdminFormKey> = {
  "admin.conflict": "Ändringen kan inte göras.",
  "admin.errorSummaryHint": "Rätta felen och skicka formuläret igen.",
  "admin.optional": "valfritt",
  "admin.groupName.fi": "Namn på finska",
  "admin.groupName.sv": "Namn på svenska",
  "admin.groupName.en": "Namn på engelska",
  "admin.groupDescription": "Beskrivning",
};

export const adminFormEn: Dictionary<AdminFormKey> = {
  "admin.conflict": "This change cannot be made.",
  "admin.errorSummaryHint": "Correct the errors and send the form again.",
  "admin.optional": "optional",
  "admin.groupName.fi": "Name in Finnish",
  "admin.groupName.sv": "Name in Swedish",
  "admin.groupName.en": "Name in English",
  "admin.groupDescription": "Description",
};
