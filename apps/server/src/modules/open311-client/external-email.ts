/**
 * The email that forwards a ticket to an external system without an API (an `email` route): plain
 * text and simple HTML with the same content, in the organisation's language. It says what the
 * request is (reference, category, received, description), where (address, coordinates and a map
 * link), its approved photos as public links, and how to answer: a reply to the email comes back
 * into the ticket's history, and a reply with the "not ours" marker returns the ticket. Nothing
 * about the resident (name, email, phone) is included.
 */
import { type Language, localize } from "@yhteys/contracts";
import { eq } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { categories, externalRequests, open311Routes, organisations, tickets } from "../../db/schema.ts";
import { fill, htmlDocument } from "../email/outgoing-messages.ts";
import { escapeHtml } from "../templates/richtext.ts";
import { publishedPhotoUrls } from "./ticket-media.ts";

export type ExternalEmailFacts = {
  language: Language;
  organisationName: string;
  reference: string;
  category: string;
  receivedAt: Date;
  description: string;
  address: string | null;
  location: { lat: number; lon: number } | null;
  photos: string[];
  notOursMarker: string;
};

type Texts = {
  subject: string;
  lead: string;
  reference: string;
  category: string;
  received: string;
  description: string;
  place: string;
  address: string;
  coordinates: string;
  map: string;
  noPlace: string;
  photos: string;
  answerHeading: string;
  answer: string;
  notOurs: string;
};

const texts: Record<Language, Texts> = {
  fi: {
    subject: "Palvelupyyntö: {category}",
    lead: "{organisation} välittää tämän palvelupyynnön teille hoidettavaksi.",
    reference: "Tunnus",
    category: "Aihe",
    received: "Vastaanotettu",
    description: "Kuvaus",
    place: "Sijainti",
    address: "Osoite",
    coordinates: "Koordinaatit (WGS84)",
    map: "Kartalla",
    noPlace: "Sijaintia ei ole annettu.",
    photos: "Kuvat",
    answerHeading: "Näin vastaatte",
    answer: "Vastatkaa tähän viestiin. Vastauksenne liitetään palvelupyynnön {reference} historiaan, ja käsittelijämme näkevät sen.",
    notOurs: "Jos asia ei kuulu teille, kirjoittakaa vastaukseen {marker}, niin palvelupyyntö palaa meille.",
  },
  sv: {
    subject: "Serviceförfrågan: {category}",
    lead: "{organisation} vidarebefordrar denna serviceförfrågan till er för åtgärd.",
    reference: "Nummer",
    category: "Ämne",
    received: "Mottagen",
    description: "Beskrivning",
    place: "Plats",
    address: "Adress",
    coordinates: "Koordinater (WGS84)",
    map: "På kartan",
    noPlace: "Ingen plats har angetts.",
    photos: "Bilder",
    answerHeading: "Så här svarar ni",
    answer: "Svara på det här meddelandet. Ert svar läggs till i historiken för förfrågan {reference}, och våra handläggare ser det.",
    notOurs: "Om ärendet inte hör till er, skriv {marker} i svaret, så kommer förfrågan tillbaka till oss.",
  },
  en: {
    subject: "Service request: {category}",
    lead: "{organisation} forwards this service request to you to deal with.",
    reference: "Reference",
    category: "Subject",
    received: "Received",
    description: "Description",
    place: "Location",
    address: "Address",
    coordinates: "Coordinates (WGS84)",
    map: "On the map",
    noPlace: "No location was given.",
    photos: "Photos",
    answerHeading: "How to answer",
    answer: "Reply to this email. Your answer is added to the history of request {reference}, where our staff see it.",
    notOurs: "If this is not yours to deal with, write {marker} in your reply and the request comes back to us.",
  },
};

const link = (url: string) => `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;

/** An OpenStreetMap link with a marker at the point. */
const mapLink = ({ lat, lon }: { lat: number; lon: number }) =>
  `https://www.openstreetmap.org/?mlat=${lat.toFixed(6)}&mlon=${lon.toFixed(6)}#map=18/${lat.toFixed(6)}/${lon.toFixed(6)}`;

const when = (date: Date, language: Language) =>
  new Intl.DateTimeFormat(`${language}-FI`, { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Helsinki" }).format(date);

/** The subject (with the reference in brackets, which routes answers back), plain text and HTML. */
export function composeExternalEmail(f: ExternalEmailFacts): { subject: string; text: string; html: string } {
  const t = texts[f.language];
  const values = { organisation: f.organisationName, category: f.category, reference: f.reference, marker: f.notOursMarker };
  const subject = `${fill(t.subject, values)} [${f.reference}]`;
  const facts: [string, string][] = [
    [t.reference, f.reference],
    [t.category, f.category],
    [t.received, when(f.receivedAt, f.language)],
  ];
  const place: [string, string, boolean][] = [];
  if (f.address) place.push([t.address, f.address, false]);
  if (f.location) {
    place.push([t.coordinates, `${f.location.lat.toFixed(6)}, ${f.location.lon.toFixed(6)}`, false]);
    place.push([t.map, mapLink(f.location), true]);
  }
  const answer = [fill(t.answer, values), fill(t.notOurs, values)];

  const text = [
    fill(t.lead, values),
    facts.map(([k, v]) => `${k}: ${v}`).join("\n"),
    `${t.description}:\n${f.description.trim()}`,
    `${t.place}:\n${place.length ? place.map(([k, v]) => `${k}: ${v}`).join("\n") : t.noPlace}`,
    ...(f.photos.length ? [`${t.photos}:\n${f.photos.join("\n")}`] : []),
    `${t.answerHeading}:\n${answer.join("\n")}`,
    f.organisationName,
  ];
  const rows = (list: [string, string, boolean?][]) =>
    `<table>\n${list.map(([k, v, isLink]) => `<tr><th scope="row" style="text-align: left; padding-right: 1em;">${escapeHtml(k)}</th><td>${isLink ? link(v) : escapeHtml(v)}</td></tr>`).join("\n")}\n</table>`;
  const html = [
    `<p>${escapeHtml(fill(t.lead, values))}</p>`,
    rows(facts),
    `<h2>${escapeHtml(t.description)}</h2>`,
    `<p>${escapeHtml(f.description.trim()).replace(/\n/g, "<br>")}</p>`,
    `<h2>${escapeHtml(t.place)}</h2>`,
    place.length ? rows(place) : `<p>${escapeHtml(t.noPlace)}</p>`,
    ...(f.photos.length
      ? [`<h2>${escapeHtml(t.photos)}</h2>`, `<ul>\n${f.photos.map((p) => `<li>${link(p)}</li>`).join("\n")}\n</ul>`]
      : []),
    `<h2>${escapeHtml(t.answerHeading)}</h2>`,
    ...answer.map((a) => `<p>${escapeHtml(a)}</p>`),
    `<p>${escapeHtml(f.organisationName)}</p>`,
  ];
  return {
    subject,
    text: `${text.join("\n\n")}\n`,
    html: htmlDocument(f.language, subject, html),
  };
}

/** The facts of a forwarded ticket's email, read as the ticket is now; null when it is gone. */
export async function externalEmailFacts(
  db: Queryable,
  ticketId: string,
  language: Language,
  publicUrl: string,
): Promise<ExternalEmailFacts | null> {
  const [row] = await db
    .select({ ticket: tickets, category: categories.name, organisation: organisations.name, marker: open311Routes.notOursMarker })
    .from(tickets)
    .innerJoin(organisations, eq(organisations.id, tickets.organisationId))
    .leftJoin(categories, eq(categories.id, tickets.categoryId))
    .leftJoin(externalRequests, eq(externalRequests.ticketId, tickets.id))
    .leftJoin(open311Routes, eq(open311Routes.id, externalRequests.routeId))
    .where(eq(tickets.id, ticketId));
  if (!row) return null;
  const { ticket } = row;
  return {
    language,
    organisationName: localize(row.organisation, language),
    reference: ticket.reference,
    category: row.category ? localize(row.category, language) : "–",
    receivedAt: ticket.createdAt,
    description: ticket.description,
    address: ticket.address,
    location: ticket.lat !== null && ticket.lon !== null ? { lat: ticket.lat, lon: ticket.lon } : null,
    photos: await publishedPhotoUrls(db, ticketId, publicUrl),
    notOursMarker: row.marker ?? "NOT_OURS",
  };
}
