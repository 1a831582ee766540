/** Names of ticket states, channels, roles, types, priorities, SLA states and actors in Finnish, Swedish and English (merged into the console's dictionaries). */
import type { Dictionary } from "@yhteys/web";

export const namesFi = {
  "sla.filter": "Palvelutaso",
  "sla.all": "Kaikki",
  "sla.ok": "Ajallaan",
  "sla.warning": "Erääntymässä",
  "sla.breached": "Myöhässä",
  "sla.met": "Toteutui",
  "sla.none": "Ei tavoitetta",

  "state.new": "Uusi",
  "state.in_progress": "Käsittelyssä",
  "state.waiting_for_customer": "Odottaa asiakasta",
  "state.resolved": "Ratkaistu",
  "state.closed_unnecessary": "Suljettu tarpeettomana",

  "priority.low": "Matala",
  "priority.normal": "Normaali",
  "priority.high": "Korkea",
  "priority.urgent": "Kiireellinen",

  "type.feedback": "Palaute",
  "type.question": "Kysymys",
  "type.fault_report": "Vikailmoitus",
  "type.service_request": "Palvelupyyntö",

  "channel.web": "Verkkolomake",
  "channel.mobile": "Mobiilisovellus",
  "channel.open311": "Open311-rajapinta",
  "channel.email": "Sähköposti",
  "channel.chat": "Chat",
  "channel.phone": "Puhelin",
  "channel.visit": "Asiointikäynti",
  "channel.social": "Sosiaalinen media",
  "channel.internal": "Sisäinen pyyntö",

  "role.technical_admin": "Tekninen ylläpitäjä",
  "role.content_admin": "Sisällön ylläpitäjä",
  "role.service_advisor": "Palveluneuvoja",
  "role.expert": "Asiantuntija",
  "role.reporter": "Raportoija",
  "role.viewer": "Katselija",
  "role.internal_customer": "Sisäinen asiakas",
  "role.external_partner": "Ulkoinen kumppani",

  "sla.paused": "Määräaikojen kello on pysähdyksissä, kun odotetaan asiakasta.",

  "actor.resident": "Asukas",
  "actor.system": "Järjestelmä",
  "actor.api": "Rajapinta",
  "actor.unknown": "Tuntematon käyttäjä",

  "state.title": "Muuta tilaa",
  "state.current": "Nykyinen tila: {state}",
  "state.reason": "Perustelu",
  "state.to": "Merkitse: {state}",
  "state.reopen": "Avaa uudelleen",
  "state.done": "Tila muutettu: {state}.",
};

export const namesSv: Dictionary<keyof typeof namesFi> = {
  "sla.filter": "Servicenivå",
  "sla.all": "Alla",
  "sla.ok": "I tid",
  "sla.warning": "Förfaller snart",
  "sla.breached": "Försenad",
  "sla.met": "Uppfylld",
  "sla.none": "Inget mål",

  "state.new": "Ny",
  "state.in_progress": "Under behandling",
  "state.waiting_for_customer": "Väntar på kunden",
  "state.resolved": "Löst",
  "state.closed_unnecessary": "Stängd som onödig",

  "priority.low": "Låg",
  "priority.normal": "Normal",
  "priority.high": "Hög",
  "priority.urgent": "Brådskande",

  "type.feedback": "Respons",
  "type.question": "Fråga",
  "type.fault_report": "Felanmälan",
  "type.service_request": "Servicebegäran",

  "channel.web": "Webbformulär",
  "channel.mobile": "Mobilapp",
  "channel.open311": "Open311-gränssnitt",
  "channel.email": "E-post",
  "channel.chat": "Chatt",
  "channel.phone": "Telefon",
  "channel.visit": "Besök",
  "channel.social": "Sociala medier",
  "channel.internal": "Intern begäran",

  "role.technical_admin": "Teknisk administratör",
  "role.content_admin": "Innehållsadministratör",
  "role.service_advisor": "Servicerådgivare",
  "role.expert": "Sakkunnig",
  "role.reporter": "Rapportör",
  "role.viewer": "Läsare",
  "role.internal_customer": "Intern kund",
  "role.external_partner": "Extern partner",

  "sla.paused": "Tidsfristernas klocka står stilla medan vi väntar på kunden.",

  "actor.resident": "Invånaren",
  "actor.system": "Systemet",
  "actor.api": "Gränssnittet",
  "actor.unknown": "Okänd användare",

  "state.title": "Ändra läge",
  "state.current": "Nuvarande läge: {state}",
  "state.reason": "Motivering",
  "state.to": "Markera: {state}",
  "state.reopen": "Öppna igen",
  "state.done": "Läget har ändrats: {state}.",
};

export const namesEn: Dictionary<keyof typeof namesFi> = {
  "sla.filter": "Service level",
  "sla.all": "All",
  "sla.ok": "On time",
  "sla.warning": "Due soon",
  "sla.breached": "Overdue",
  "sla.met": "Met",
  "sla.none": "No target",

  "state.new": "New",
  "state.in_progress": "In progress",
  "state.waiting_for_customer": "Waiting for customer",
  "state.resolved": "Resolved",
  "state.closed_unnecessary": "Closed as unnecessary",

  "priority.low": "Low",
  "priority.normal": "Normal",
  "priority.high": "High",
  "priority.urgent": "Urgent",

  "type.feedback": "Feedback",
  "type.question": "Question",
  "type.fault_report": "Fault report",
  "type.service_request": "Service request",

  "channel.web": "Web form",
  "channel.mobile": "Mobile app",
  "channel.open311": "Open311 API",
  "channel.email": "Email",
  "channel.chat": "Chat",
  "channel.phone": "Phone",
  "channel.visit": "Visit",
  "channel.social": "Social media",
  "channel.internal": "Internal request",

  "role.technical_admin": "Technical administrator",
  "role.content_admin": "Content administrator",
  "role.service_advisor": "Service advisor",
  "role.expert": "Expert",
  "role.reporter": "Reporter",
  "role.viewer": "Viewer",
  "role.internal_customer": "Internal customer",
  "role.external_partner": "External partner",

  "sla.paused": "The service-level clock stands still while we wait for the customer.",

  "actor.resident": "The resident",
  "actor.system": "The system",
  "actor.api": "The API",
  "actor.unknown": "Unknown user",

  "state.title": "Change state",
  "state.current": "Current state: {state}",
  "state.reason": "Reason",
  "state.to": "Mark: {state}",
  "state.reopen": "Reopen",
  "state.done": "State changed: {state}.",
};
