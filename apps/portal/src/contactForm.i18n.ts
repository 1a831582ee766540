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
  "privacy.what.label": "Mitä tallennamme:",
  "privacy.what": "viestisi, aiheen, paikan ja liitteet sekä nimesi ja yhteystietosi, jos pyydät vastausta.",
  "privacy.why.label": "Miksi:",
  "privacy.why": "jotta voimme hoitaa asiasi ja vastata sinulle.",
  "privacy.who.label": "Kuka näkee:",
  "privacy.who":
    "asiaa hoitavat kaupungin työntekijät, ja urakoitsija näkee viestin (ei yhteystietojasi), jos se hoitaa asian. Muut näkevät viestisi vain, jos annat alla luvan julkaista sen, eivätkä silloinkaan henkilötietojasi.",
  "privacy.howLong.label": "Kuinka kauan:",
  "privacy.howLong": "säilytämme tietoja niin kauan kuin kaupungin säilytyssäännöt määräävät.",
  "consent.label": "Palautteeni ja kaupungin vastauksen saa julkaista palautekartalla ilman henkilötietoja",
  "consent.hint":
    "Ennen julkaisua poistamme nimet, puhelinnumerot, rekisterinumerot ja muut henkilötiedot. Kuvat julkaistaan vain, jos kaupunki hyväksyy ne. Voit myöhemmin pyytää poistamaan julkaisun.",

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
  "privacy.what.label": "Vad vi sparar:",
  "privacy.what": "ditt meddelande, ämnet, platsen och bilagorna samt ditt namn och dina kontaktuppgifter om du ber om svar.",
  "privacy.why.label": "Varför:",
  "privacy.why": "för att kunna sköta ditt ärende och svara dig.",
  "privacy.who.label": "Vem ser dem:",
  "privacy.who":
    "stadens anställda som sköter ärendet, och en entreprenör ser meddelandet (inte dina kontaktuppgifter) om den sköter saken. Andra ser ditt meddelande bara om du nedan tillåter att det publiceras, och inte heller då dina personuppgifter.",
  "privacy.howLong.label": "Hur länge:",
  "privacy.howLong": "vi sparar uppgifterna så länge stadens regler för bevarande av handlingar kräver.",
  "consent.label": "Min respons och stadens svar får publiceras på responskartan utan personuppgifter",
  "consent.hint":
    "Innan vi publicerar tar vi bort namn, telefonnummer, registernummer och andra personuppgifter. Bilder publiceras bara om staden godkänner dem. Du kan senare be oss ta bort publiceringen.",

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
  "privacy.what.label": "What we keep:",
  "privacy.what": "your message, the topic, the place and any attachments, and your name and contact details if you ask for a reply.",
  "privacy.why.label": "Why:",
  "privacy.why": "to handle your matter and reply to you.",
  "privacy.who.label": "Who sees it:",
  "privacy.who":
    "the city staff who handle your matter, and a contractor sees the message (not your contact details) if it does the work. Others see your message only if you allow us to publish it below, and even then not your personal data.",
  "privacy.howLong.label": "How long:",
  "privacy.howLong": "we keep it as long as the city's retention rules say.",
  "consent.label": "My feedback and the city's answer may be published on the feedback map without personal data",
  "consent.hint":
    "Before publishing we remove names, phone numbers, registration numbers and other personal data. Photos are published only if the city approves them. You can ask us later to take it down.",

  "honeypot.label": "Leave this field empty",
};
