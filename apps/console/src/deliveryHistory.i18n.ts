/** Texts of ticket history about emails and external partners (kinds and recipients of emails, failures, bounces), in Finnish, Swedish and English. */
import type { Dictionary } from "@yhteys/web";

export const deliveryHistoryFi = {
  "history.externalSent": "Välitetty järjestelmään {endpoint} (tunnus {id}).",
  "history.externalEmailed": "Välitetty sähköpostilla osoitteeseen {email}.",
  "history.externalAnswered": "Ulkoinen taho vastasi sähköpostilla: {notes}",
  "history.externalUpdated": "Ulkoinen järjestelmä: {status}{notes}",
  "history.externalReturned": "Ulkoinen järjestelmä palautti: ei heidän asiansa. Palautettu selvittelyjonoon.",
  "mail.kind.confirmation": "Vahvistus",
  "mail.kind.reply": "Vastaus",
  "mail.kind.resolved": "Käsitelty",
  "mail.kind.closed": "Suljettu",
  "mail.kind.test": "Testi",
  "mail.kind.external": "Välitys ulkoiseen järjestelmään",
  "mail.recipient.resident": "Yhteydenottaja",
  "mail.recipient.follower": "Seuraaja",
  "mail.recipient.test": "Testi",
  "mail.recipient.external": "Ulkoinen järjestelmä",
  "history.emailFailed": "Sähköpostia ({kind}) ei saatu perille: {recipient}.",
  "history.emailUnsubscribed": "{recipient} lopetti sähköpostit tästä asiasta.",
  "history.emailBounced": "Asukkaalle lähetetty sähköposti palautui: osoite ei ehkä ole voimassa.",
};

export type DeliveryHistoryKey = keyof typeof deliveryHistoryFi;

export const deliveryHistorySv: Dictionary<DeliveryHistoryKey> = {
  "history.externalSent": "Vidarebefordrat till {endpoint} (id {id}).",
  "history.externalEmailed": "Vidarebefordrat per e-post till {email}.",
  "history.externalAnswered": "Den externa parten svarade per e-post: {notes}",
  "history.externalUpdated": "Externt system: {status}{notes}",
  "history.externalReturned": "Det externa systemet returnerade ärendet som inte deras. Tillbaka i kön för oklara ärenden.",
  "mail.kind.confirmation": "Bekräftelse",
  "mail.kind.reply": "Svar",
  "mail.kind.resolved": "Behandlat",
  "mail.kind.closed": "Stängt",
  "mail.kind.test": "Test",
  "mail.kind.external": "Vidarebefordran till externt system",
  "mail.recipient.resident": "Invånaren",
  "mail.recipient.follower": "Följare",
  "mail.recipient.test": "Test",
  "mail.recipient.external": "Externt system",
  "history.emailFailed": "E-postmeddelandet ({kind}) kom inte fram: {recipient}.",
  "history.emailUnsubscribed": "{recipient} avslutade e-posten om det här ärendet.",
  "history.emailBounced": "E-post till invånaren kom i retur: adressen är kanske inte giltig.",
};

export const deliveryHistoryEn: Dictionary<DeliveryHistoryKey> = {
  "history.externalSent": "Forwarded to {endpoint} (id {id}).",
  "history.externalEmailed": "Forwarded by email to {email}.",
  "history.externalAnswered": "The external party answered by email: {notes}",
  "history.externalUpdated": "External system: {status}{notes}",
  "history.externalReturned": "The external system returned it as not theirs. Back in the unclear queue.",
  "mail.kind.confirmation": "Confirmation",
  "mail.kind.reply": "Reply",
  "mail.kind.resolved": "Dealt with",
  "mail.kind.closed": "Closed",
  "mail.kind.test": "Test",
  "mail.kind.external": "Forwarding to an external system",
  "mail.recipient.resident": "Resident",
  "mail.recipient.follower": "Follower",
  "mail.recipient.test": "Test",
  "mail.recipient.external": "External system",
  "history.emailFailed": "An email ({kind}) did not arrive: {recipient}.",
  "history.emailUnsubscribed": "{recipient} stopped emails about this.",
  "history.emailBounced": "Email to the resident bounced: the address may not be valid.",
};
