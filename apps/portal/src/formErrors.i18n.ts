/** Error messages of the contact form and of failed requests in Finnish, Swedish and English (merged into the portal's dictionaries). */
import type { Dictionary } from "@yhteys/web";

export const formErrorsFi = {
  "errors.summaryTitle": "Tarkista seuraavat kohdat",
  "errors.prefix": "Virhe:",
  "errors.titlePrefix": "Virhe",
  "errors.categoryRequired": "Valitse, mitä asiasi koskee.",
  "errors.descriptionRequired": "Kirjoita viesti.",
  "errors.descriptionShort": "Kirjoita viestiin vähintään 3 merkkiä.",
  "errors.descriptionLong": "Viestissä saa olla enintään 5 000 merkkiä.",
  "errors.addressLong": "Osoitteessa saa olla enintään 200 merkkiä.",
  "errors.contactRequired": "Anna sähköpostiosoite tai puhelinnumero, jotta voimme vastata.",
  "errors.emailInvalid": "Anna sähköpostiosoite muodossa nimi@esimerkki.fi.",
  "errors.phoneInvalid": "Anna puhelinnumero muodossa 040 123 4567 tai +358 40 123 4567.",
  "errors.nameLong": "Nimessä saa olla enintään 120 merkkiä.",
  "errors.extraRequired": "Täytä kohta ”{label}”.",
  "errors.extraNumber": "Kirjoita kohtaan ”{label}” numero.",
  "errors.extraDate": "Anna kohtaan ”{label}” oikea päivämäärä.",
  "errors.extraInvalid": "Tarkista kohta ”{label}”.",
  "errors.fieldInvalid": "Tarkista tämä kohta.",
  "errors.network":
    "Viestin lähettäminen ei onnistunut, koska yhteys katkesi. Viestisi on tallessa tällä laitteella. Tarkista verkkoyhteys ja yritä uudelleen.",
  "errors.server": "Viestin lähettäminen ei onnistunut palvelun häiriön vuoksi. Viestisi on tallessa. Yritä hetken kuluttua uudelleen.",
  "errors.rateLimited": "Viestejä on lähetetty paljon lyhyessä ajassa. Odota hetki ja yritä uudelleen. Viestisi on tallessa.",
};

export const formErrorsSv: Dictionary<keyof typeof formErrorsFi> = {
  "errors.summaryTitle": "Kontrollera följande",
  "errors.prefix": "Fel:",
  "errors.titlePrefix": "Fel",
  "errors.categoryRequired": "Välj vad ditt ärende gäller.",
  "errors.descriptionRequired": "Skriv ett meddelande.",
  "errors.descriptionShort": "Skriv minst 3 tecken i meddelandet.",
  "errors.descriptionLong": "Meddelandet får innehålla högst 5 000 tecken.",
  "errors.addressLong": "Adressen får innehålla högst 200 tecken.",
  "errors.contactRequired": "Ange e-postadress eller telefonnummer så att vi kan svara.",
  "errors.emailInvalid": "Ange e-postadressen i formen namn@exempel.fi.",
  "errors.phoneInvalid": "Ange telefonnumret i formen 040 123 4567 eller +358 40 123 4567.",
  "errors.nameLong": "Namnet får innehålla högst 120 tecken.",
  "errors.extraRequired": "Fyll i ”{label}”.",
  "errors.extraNumber": "Skriv ett tal i ”{label}”.",
  "errors.extraDate": "Ange ett giltigt datum i ”{label}”.",
  "errors.extraInvalid": "Kontrollera ”{label}”.",
  "errors.fieldInvalid": "Kontrollera den här uppgiften.",
  "errors.network":
    "Meddelandet kunde inte skickas eftersom förbindelsen bröts. Ditt meddelande finns sparat på den här enheten. Kontrollera nätverksanslutningen och försök igen.",
  "errors.server":
    "Meddelandet kunde inte skickas på grund av en störning i tjänsten. Ditt meddelande finns sparat. Försök igen om en stund.",
  "errors.rateLimited": "Många meddelanden har skickats på kort tid. Vänta en stund och försök igen. Ditt meddelande finns sparat.",
};

export const formErrorsEn: Dictionary<keyof typeof formErrorsFi> = {
  "errors.summaryTitle": "Please check the following",
  "errors.prefix": "Error:",
  "errors.titlePrefix": "Error",
  "errors.categoryRequired": "Choose what your message is about.",
  "errors.descriptionRequired": "Write your message.",
  "errors.descriptionShort": "Write at least 3 characters.",
  "errors.descriptionLong": "The message can have at most 5,000 characters.",
  "errors.addressLong": "The address can have at most 200 characters.",
  "errors.contactRequired": "Give an email address or a phone number so that we can reply.",
  "errors.emailInvalid": "Enter an email address like name@example.com.",
  "errors.phoneInvalid": "Enter a phone number like 040 123 4567 or +358 40 123 4567.",
  "errors.nameLong": "The name can have at most 120 characters.",
  "errors.extraRequired": "Fill in “{label}”.",
  "errors.extraNumber": "Enter a number in “{label}”.",
  "errors.extraDate": "Enter a real date in “{label}”.",
  "errors.extraInvalid": "Check “{label}”.",
  "errors.fieldInvalid": "Check this answer.",
  "errors.network":
    "Your message could not be sent because the connection failed. It is saved on this device. Check your connection and try again.",
  "errors.server": "Your message could not be sent because of a problem in the service. It is saved. Please try again in a moment.",
  "errors.rateLimited": "Many messages have been sent in a short time. Wait a moment and try again. Your message is saved.",
};
