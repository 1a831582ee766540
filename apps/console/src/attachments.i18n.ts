/** Texts of the attachments panel in Finnish, Swedish and English (merged into the console's dictionaries). */
import type { Dictionary } from "@yhteys/web";

export const attachmentsFi = {
  "attachments.title": "Liitteet",
  "attachments.none": "Ei liitteitä.",
  "attachments.download": "Lataa",
  "attachments.by.resident": "Asukas",
  "attachments.by.user": "Henkilöstö",
  "attachments.by.api_client": "Sovellus",
  "attachments.by.system": "Järjestelmä",
  "attachments.scan.clean": "Virustarkastettu",
  "attachments.scan.skipped": "Ei virustarkastusta",
  "attachments.scan.pending": "Odottaa virustarkastusta – ei avattavissa",
  "attachments.scan.infected": "Haittaohjelma löytyi – karanteenissa, ei avattavissa",
  "history.attachmentAdded": "{actor} liitti tiedoston {name}.",
  "history.attachmentReady": "Kuva {name} on käsitelty (sijaintitiedot poistettu).",
  "history.attachmentRejected": "Kuvaa {name} ei näytetä: {reason}",
  "attachments.processing": "Käsitellään… (sijaintitiedot poistetaan)",
  "attachments.rejected.unreadable": "Kuvaa ei voitu lukea – ei avattavissa",
  "attachments.rejected.infected": "Haittaohjelma löytyi – karanteenissa, ei avattavissa",
};

type AttachmentKey = keyof typeof attachmentsFi;

export const attachmentsSv: Dictionary<AttachmentKey> = {
  "attachments.title": "Bilagor",
  "attachments.none": "Inga bilagor.",
  "attachments.download": "Ladda ner",
  "attachments.by.resident": "Invånare",
  "attachments.by.user": "Personal",
  "attachments.by.api_client": "Applikation",
  "attachments.by.system": "Systemet",
  "attachments.scan.clean": "Viruskontrollerad",
  "attachments.scan.skipped": "Ingen viruskontroll",
  "attachments.scan.pending": "Väntar på viruskontroll – kan inte öppnas",
  "attachments.scan.infected": "Skadlig kod hittades – i karantän, kan inte öppnas",
  "history.attachmentAdded": "{actor} bifogade filen {name}.",
  "history.attachmentReady": "Bilden {name} har behandlats (platsuppgifterna borttagna).",
  "history.attachmentRejected": "Bilden {name} visas inte: {reason}",
  "attachments.processing": "Behandlas… (platsuppgifterna tas bort)",
  "attachments.rejected.unreadable": "Bilden kunde inte läsas – kan inte öppnas",
  "attachments.rejected.infected": "Skadlig kod hittades – i karantän, kan inte öppnas",
};

export const attachmentsEn: Dictionary<AttachmentKey> = {
  "attachments.title": "Attachments",
  "attachments.none": "No attachments.",
  "attachments.download": "Download",
  "attachments.by.resident": "Resident",
  "attachments.by.user": "Staff",
  "attachments.by.api_client": "Application",
  "attachments.by.system": "System",
  "attachments.scan.clean": "Virus scanned",
  "attachments.scan.skipped": "Not virus scanned",
  "attachments.scan.pending": "Waiting for a virus scan – cannot be opened",
  "attachments.scan.infected": "Malware found – quarantined, cannot be opened",
  "history.attachmentAdded": "{actor} attached the file {name}.",
  "history.attachmentReady": "The photo {name} has been processed (location data removed).",
  "history.attachmentRejected": "The photo {name} is not shown: {reason}",
  "attachments.processing": "Processing… (removing location data)",
  "attachments.rejected.unreadable": "The photo could not be read – cannot be opened",
  "attachments.rejected.infected": "Malware found – quarantined, cannot be opened",
};
