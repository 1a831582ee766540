/** Texts of the notification settings page, in Finnish, Swedish and English. */
import type { Dictionary } from "@yhteys/web";

export const notificationSettingsFi = {
  "notificationSettings.title": "Ilmoitusasetukset",
  "notificationSettings.intro":
    "Valitse, miten haluat kuulla kustakin asiasta. Sähköposti lähetetään vain, jos et ole Yhteydessä paikalla etkä ole lukenut ilmoitusta sitä ennen. Koosteet tulevat tasatunnein tai kerran päivässä kello 7.",
  "notificationSettings.kind.assigned": "Minulle annetaan asia",
  "notificationSettings.kind.comment_requested": "Minulta pyydetään lausuntoa",
  "notificationSettings.kind.information": "Minulle lähetetään asia tiedoksi",
  "notificationSettings.kind.comment_answered": "Lausuntopyyntööni vastataan",
  "notificationSettings.kind.resident_message": "Asukas kirjoittaa käsittelemääni asiaan",
  "notificationSettings.kind.sla_warning": "Asiani määräaika lähestyy",
  "notificationSettings.kind.sla_breached": "Asiani määräaika ylittyy",
  "notificationSettings.kind.rule": "Automaatiosääntö pyytää huomiotani",
  "notificationSettings.kind.mention": "Minut mainitaan muistiinpanossa (@nimi)",
  "notificationSettings.kind.group_new": "Ryhmäni jonoon saapuu uusi asia",
  "notificationSettings.delivery.off": "Ei ilmoitusta",
  "notificationSettings.delivery.in_app": "Vain Yhteydessä",
  "notificationSettings.delivery.email": "Sähköposti heti",
  "notificationSettings.delivery.hourly": "Tunnin kooste sähköpostiin",
  "notificationSettings.delivery.daily": "Päivän kooste sähköpostiin",
  "notificationSettings.default": "(oletus)",
  "notificationSettings.save": "Tallenna asetukset",
  "notificationSettings.saved": "Ilmoitusasetukset tallennettu.",
};

export type NotificationSettingsKey = keyof typeof notificationSettingsFi;

export const notificationSettingsSv: Dictionary<NotificationSettingsKey> = {
  "notificationSettings.title": "Inställningar för aviseringar",
  "notificationSettings.intro":
    "Välj hur du vill få veta om varje sak. E-post skickas bara om du inte är inloggad i Yhteys och inte har läst aviseringen innan dess. Sammandrag kommer varje hel timme eller en gång om dagen klockan 7.",
  "notificationSettings.kind.assigned": "Jag får ett ärende",
  "notificationSettings.kind.comment_requested": "Någon begär mitt utlåtande",
  "notificationSettings.kind.information": "Ett ärende skickas till mig för kännedom",
  "notificationSettings.kind.comment_answered": "Min begäran om utlåtande besvaras",
  "notificationSettings.kind.resident_message": "Invånaren skriver i ett ärende jag behandlar",
  "notificationSettings.kind.sla_warning": "Tidsfristen för mitt ärende närmar sig",
  "notificationSettings.kind.sla_breached": "Tidsfristen för mitt ärende överskrids",
  "notificationSettings.kind.rule": "En automatiseringsregel ber om min uppmärksamhet",
  "notificationSettings.kind.mention": "Jag nämns i en anteckning (@namn)",
  "notificationSettings.kind.group_new": "Ett nytt ärende kommer till min grupps kö",
  "notificationSettings.delivery.off": "Ingen avisering",
  "notificationSettings.delivery.in_app": "Bara i Yhteys",
  "notificationSettings.delivery.email": "E-post genast",
  "notificationSettings.delivery.hourly": "Sammandrag per timme via e-post",
  "notificationSettings.delivery.daily": "Dagligt sammandrag via e-post",
  "notificationSettings.default": "(standard)",
  "notificationSettings.save": "Spara inställningarna",
  "notificationSettings.saved": "Inställningarna för aviseringar har sparats.",
};

export const notificationSettingsEn: Dictionary<NotificationSettingsKey> = {
  "notificationSettings.title": "Notification settings",
  "notificationSettings.intro":
    "Choose how you want to hear of each thing. Email is sent only if you are not signed in to Yhteys and have not read the notification by then. Digests come on the hour or once a day at 7 am.",
  "notificationSettings.kind.assigned": "A ticket is given to me",
  "notificationSettings.kind.comment_requested": "Someone asks for my comment",
  "notificationSettings.kind.information": "A ticket is sent to me for information",
  "notificationSettings.kind.comment_answered": "My comment request is answered",
  "notificationSettings.kind.resident_message": "The resident writes on a ticket I handle",
  "notificationSettings.kind.sla_warning": "My ticket's deadline is near",
  "notificationSettings.kind.sla_breached": "My ticket's deadline is missed",
  "notificationSettings.kind.rule": "An automation rule asks for my attention",
  "notificationSettings.kind.mention": "I am mentioned in a note (@name)",
  "notificationSettings.kind.group_new": "A new ticket arrives in my group's queue",
  "notificationSettings.delivery.off": "No notification",
  "notificationSettings.delivery.in_app": "Only in Yhteys",
  "notificationSettings.delivery.email": "Email at once",
  "notificationSettings.delivery.hourly": "Hourly digest by email",
  "notificationSettings.delivery.daily": "Daily digest by email",
  "notificationSettings.default": "(default)",
  "notificationSettings.save": "Save settings",
  "notificationSettings.saved": "Notification settings saved.",
};
