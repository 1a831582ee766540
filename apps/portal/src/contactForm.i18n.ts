/** The contact form: type, category, description, extra fields, contact details, reply and privacy in Finnish, Swedish and English (merged into the portal's dictionaries). */
import type { Dictionary } from "@yhteys/web";

export const contactFormFi = {
  "form.title": "Ota yhteyttä",
  "form.intro": "Voit antaa palautetta, kysyä, ilmoittaa viasta tai pyytää palvelua. Vastaamme, jos pyydät vastausta.",
  "form.emergency": "Tämä lomake ei ole hätäpalvelu. Jos joku on vaarassa, soita 112.",
  "form.requiredNote": "Pakolliset kohdat on merkitty tähdellä (*).",
  "form.submit": "Lähetä",
  "form.submitting": "Lähetetään…",
  "form.draftNote": "Keskeneräinen viesti tallentuu tälle laitteelle, kunnes lähetät sen.",
  "form.draftRestored": "Palautimme lähettämättömän viestisi, joka oli tallessa tällä laitteella.",
  "form.startOver": "Aloita alusta",
  "form.cleared": "Lomake tyhjennettiin.",

  "category.legend": "Mitä asiasi koskee?",
  "category.filterLabel": "Hae aihetta",
  "category.filterHint": "Kirjoita esimerkiksi ”valo” tai ”roska”.",
  "category.foundOne": "1 aihe löytyi.",
  "category.foundMany": "{count} aihetta löytyi.",
  "category.foundNone": "Hakusanalla ei löytynyt aiheita. Kokeile toista sanaa.",
  "category.selected": "Valittu aihe",
  "category.loading": "Ladataan aiheita…",

  "type.legend": "Millainen yhteydenotto on?",
  "type.hint": "Valitsimme vaihtoehdon aiheen perusteella. Voit vaihtaa sen.",
  "type.feedback": "Palaute",
  "type.feedback.hint": "Kiitos, moite tai parannusehdotus",
  "type.question": "Kysymys",
  "type.question.hint": "Haluat tietää jotain",
  "type.fault_report": "Vikailmoitus",
  "type.fault_report.hint": "Jokin on rikki, likainen tai vaarallinen",
  "type.service_request": "Palvelupyyntö",
  "type.service_request.hint": "Pyydät kaupunkia tekemään jotain",

  "extra.legend": "Lisätietoja aiheesta",
  "extra.yes": "Kyllä",
  "extra.no": "Ei",
  "extra.choose": "Valitse",

  "description.label": "Kerro asiasi",
  "description.hint": "Kerro mitä, missä ja milloin. Älä kirjoita viestiin henkilötunnusta tai terveystietoja.",
  "description.remaining": "{count} merkkiä jäljellä",
  "description.over": "{count} merkkiä liikaa",

  "reply.label": "Haluan vastauksen",
  "reply.hint": "Jos et pyydä vastausta, voit lähettää viestin nimettömänä.",

  "contact.legend": "Yhteystietosi",
  "contact.hint": "Anna sähköpostiosoite tai puhelinnumero, tai molemmat.",
  "contact.name": "Nimi",
  "contact.email": "Sähköposti",
  "contact.phone": "Puhelinnumero",

  "privacy.title": "Näin käsittelemme tietojasi",
  "privacy.body":
    "Käytämme viestiäsi ja yhteystietojasi vain asiasi hoitamiseen. Viestisi ja kaupungin vastaus voidaan julkaista ilman henkilötietoja, jotta muut näkevät asian olevan jo tiedossa.",

  "honeypot.label": "Jätä tämä kenttä tyhjäksi",
};

export const contactFormSv: Dictionary<keyof typeof contactFormFi> = {
  "form.title": "Kontakta oss",
  "form.intro": "Du kan ge respons, ställa en fråga, anmäla ett fel eller begära en tjänst. Vi svarar om du ber om svar.",
  "form.emergency": "Det här formuläret är inte en nödtjänst. Ring 112 om någon är i fara.",
  "form.requiredNote": "Obligatoriska uppgifter är märkta med en asterisk (*).",
  "form.submit": "Skicka",
  "form.submitting": "Skickar…",
  "form.draftNote": "Ett påbörjat meddelande sparas på den här enheten tills du skickar det.",
  "form.draftRestored": "Vi återställde ditt oskickade meddelande som fanns sparat på den här enheten.",
  "form.startOver": "Börja om",
  "form.cleared": "Formuläret tömdes.",

  "category.legend": "Vad gäller ditt ärende?",
  "category.filterLabel": "Sök ämne",
  "category.filterHint": "Skriv till exempel ”belysning” eller ”skräp”.",
  "category.foundOne": "1 ämne hittades.",
  "category.foundMany": "{count} ämnen hittades.",
  "category.foundNone": "Inga ämnen hittades med sökordet. Prova ett annat ord.",
  "category.selected": "Valt ämne",
  "category.loading": "Laddar ämnen…",

  "type.legend": "Vilken typ av kontakt är det?",
  "type.hint": "Vi valde ett alternativ utifrån ämnet. Du kan ändra det.",
  "type.feedback": "Respons",
  "type.feedback.hint": "Beröm, klagomål eller förbättringsförslag",
  "type.question": "Fråga",
  "type.question.hint": "Du vill veta något",
  "type.fault_report": "Felanmälan",
  "type.fault_report.hint": "Något är trasigt, smutsigt eller farligt",
  "type.service_request": "Begäran om service",
  "type.service_request.hint": "Du ber staden att göra något",

  "extra.legend": "Mer information om ämnet",
  "extra.yes": "Ja",
  "extra.no": "Nej",
  "extra.choose": "Välj",

  "description.label": "Beskriv ditt ärende",
  "description.hint": "Berätta vad, var och när. Skriv inte din personbeteckning eller hälsouppgifter i meddelandet.",
  "description.remaining": "{count} tecken kvar",
  "description.over": "{count} tecken för mycket",

  "reply.label": "Jag vill ha svar",
  "reply.hint": "Om du inte ber om svar kan du skicka meddelandet anonymt.",

  "contact.legend": "Dina kontaktuppgifter",
  "contact.hint": "Ange e-postadress eller telefonnummer, eller båda.",
  "contact.name": "Namn",
  "contact.email": "E-post",
  "contact.phone": "Telefonnummer",

  "privacy.title": "Så behandlar vi dina uppgifter",
  "privacy.body":
    "Vi använder ditt meddelande och dina kontaktuppgifter endast för att sköta ditt ärende. Ditt meddelande och stadens svar kan publiceras utan personuppgifter, så att andra ser att saken redan är känd.",

  "honeypot.label": "Lämna det här fältet tomt",
};

export const contactFormEn: Dictionary<keyof typeof contactFormFi> = {
  "form.title": "Contact us",
  "form.intro": "You can give feedback, ask a question, report a fault or request a service. We will reply if you ask us to.",
  "form.emergency": "This form is not an emergency service. If someone is in danger, call 112.",
  "form.requiredNote": "Required questions are marked with an asterisk (*).",
  "form.submit": "Send",
  "form.submitting": "Sending…",
  "form.draftNote": "An unfinished message is saved on this device until you send it.",
  "form.draftRestored": "We restored your unsent message that was saved on this device.",
  "form.startOver": "Start over",
  "form.cleared": "The form was cleared.",

  "category.legend": "What is it about?",
  "category.filterLabel": "Search for a topic",
  "category.filterHint": "For example “light” or “litter”.",
  "category.foundOne": "1 topic found.",
  "category.foundMany": "{count} topics found.",
  "category.foundNone": "No topics match. Try another word.",
  "category.selected": "Chosen topic",
  "category.loading": "Loading topics…",

  "type.legend": "What kind of contact is it?",
  "type.hint": "We chose this based on the topic. You can change it.",
  "type.feedback": "Feedback",
  "type.feedback.hint": "Praise, a complaint or an idea",
  "type.question": "Question",
  "type.question.hint": "You want to know something",
  "type.fault_report": "Fault report",
  "type.fault_report.hint": "Something is broken, dirty or dangerous",
  "type.service_request": "Service request",
  "type.service_request.hint": "You ask the city to do something",

  "extra.legend": "More about the topic",
  "extra.yes": "Yes",
  "extra.no": "No",
  "extra.choose": "Choose",

  "description.label": "Your message",
  "description.hint": "Tell us what, where and when. Do not include your personal identity code or health information.",
  "description.remaining": "{count} characters left",
  "description.over": "{count} characters too many",

  "reply.label": "I want a reply",
  "reply.hint": "If you do not ask for a reply, you can send the message anonymously.",

  "contact.legend": "Your contact details",
  "contact.hint": "Give an email address or a phone number, or both.",
  "contact.name": "Name",
  "contact.email": "Email",
  "contact.phone": "Phone number",

  "privacy.title": "How we handle your information",
  "privacy.body":
    "We use your message and contact details only to handle your matter. Your message and the city's answer may be published without personal data so that others can see the matter is already known.",

  "honeypot.label": "Leave this field empty",
};
