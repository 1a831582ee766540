/** Texts of the admin navigation in the console's first load (the admin pages' own texts load with them). */
import type { Dictionary } from "@yhteys/web";

export const adminNavFi = {
  "admin.nav": "Ylläpito",
  "admin.nav.users": "Käyttäjät",
  "admin.nav.groups": "Käsittelijäryhmät",
  "admin.nav.audit": "Lokitiedot",
  "admin.nav.content": "Tiedotteet ja UKK",
  "admin.nav.integrations": "Integraatiot",
  "admin.nav.mail": "Sähköposti",
  "admin.nav.mailboxes": "Sähköpostilaatikot",
  "admin.nav.rules": "Säännöt",
  "admin.nav.service-levels": "Palvelutasot",
  "admin.nav.templates": "Vastauspohjat",
  "admin.nav.appearance": "Ulkoasu",
  "admin.nav.webhooks": "Webhookit",
  "admin.nav.ticket-types": "Asiatyypit ja työnkulut",
  "admin.nav.categories": "Aiheet ja lisäkentät",
};

export type AdminNavKey = keyof typeof adminNavFi;

export const adminNavSv: Dictionary<AdminNavKey> = {
  "admin.nav": "Administration",
  "admin.nav.users": "Användare",
  "admin.nav.groups": "Handläggargrupper",
  "admin.nav.audit": "Loggdata",
  "admin.nav.content": "Meddelanden och FAQ",
  "admin.nav.integrations": "Integrationer",
  "admin.nav.mail": "E-post",
  "admin.nav.mailboxes": "E-postlådor",
  "admin.nav.rules": "Regler",
  "admin.nav.service-levels": "Servicenivåer",
  "admin.nav.templates": "Svarsmallar",
  "admin.nav.appearance": "Utseende",
  "admin.nav.webhooks": "Webhooks",
  "admin.nav.ticket-types": "Ärendetyper och arbetsflöden",
  "admin.nav.categories": "Ämnen och tilläggsfält",
};

export const adminNavEn: Dictionary<AdminNavKey> = {
  "admin.nav": "Administration",
  "admin.nav.users": "Users",
  "admin.nav.groups": "Handler groups",
  "admin.nav.audit": "Audit log",
  "admin.nav.content": "Notices and FAQ",
  "admin.nav.integrations": "Integrations",
  "admin.nav.mail": "Email",
  "admin.nav.mailboxes": "Mailboxes",
  "admin.nav.rules": "Rules",
  "admin.nav.service-levels": "Service levels",
  "admin.nav.templates": "Reply templates",
  "admin.nav.appearance": "Appearance",
  "admin.nav.webhooks": "Webhooks",
  "admin.nav.ticket-types": "Ticket types and workflows",
  "admin.nav.categories": "Categories and extra fields",
};
