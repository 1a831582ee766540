/**
 * Names of a report's rows in the asked language: groups, categories and areas by their
 * localised names, handlers by name, channels, types and priorities from the table below, and
 * calendar buckets formatted with Intl. The CSV export needs them too, so the server names rows.
 */
import { type Language, localize, type ReportDimension } from "@yhteys/contracts";
import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { areas, categories, handlerGroups, users } from "../../db/schema.ts";
import { REPORT_TIME_ZONE } from "./reports.queries.ts";

type Texts = Record<Language, string>;

const codeNames: Record<string, Texts> = {
  "channel.web": { fi: "Verkkolomake", sv: "Webbformulär", en: "Web form" },
  "channel.mobile": { fi: "Mobiilisovellus", sv: "Mobilapp", en: "Mobile app" },
  "channel.open311": { fi: "Open311-rajapinta", sv: "Open311-gränssnitt", en: "Open311 API" },
  "channel.email": { fi: "Sähköposti", sv: "E-post", en: "Email" },
  "channel.chat": { fi: "Chat", sv: "Chatt", en: "Chat" },
  "channel.phone": { fi: "Puhelin", sv: "Telefon", en: "Phone" },
  "channel.visit": { fi: "Asiointikäynti", sv: "Besök", en: "Visit" },
  "channel.social": { fi: "Sosiaalinen media", sv: "Sociala medier", en: "Social media" },
  "channel.internal": { fi: "Sisäinen pyyntö", sv: "Intern begäran", en: "Internal request" },
  "channel.other": { fi: "Muu kirjattu yhteydenotto", sv: "Annan registrerad kontakt", en: "Other recorded contact" },
  "type.feedback": { fi: "Palaute", sv: "Respons", en: "Feedback" },
  "type.question": { fi: "Kysymys", sv: "Fråga", en: "Question" },
  "type.fault_report": { fi: "Vikailmoitus", sv: "Felanmälan", en: "Fault report" },
  "type.service_request": { fi: "Palvelupyyntö", sv: "Servicebegäran", en: "Service request" },
  "priority.low": { fi: "Matala", sv: "Låg", en: "Low" },
  "priority.normal": { fi: "Normaali", sv: "Normal", en: "Normal" },
  "priority.high": { fi: "Korkea", sv: "Hög", en: "High" },
  "priority.urgent": { fi: "Kiireellinen", sv: "Brådskande", en: "Urgent" },
  "group.none": { fi: "Ei ryhmää", sv: "Ingen grupp", en: "No group" },
  "area.none": { fi: "Ei aluetta", sv: "Inget område", en: "No area" },
  "handler.none": { fi: "Ei käsittelijää", sv: "Ingen handläggare", en: "No handler" },
  "category.none": { fi: "Tuntematon", sv: "Okänd", en: "Unknown" },
  week: { fi: "vk", sv: "v.", en: "wk" },
};

const text = (key: string, language: Language) => codeNames[key]?.[language] ?? key;

/** The names of the given keys of a dimension, in `language`; keys without a row (null) get "no group" and the like. */
export async function namesOf(
  db: Queryable,
  organisationId: string,
  by: ReportDimension,
  keys: (string | null)[],
  language: Language,
): Promise<Map<string | null, string>> {
  const ids = keys.filter((k): k is string => k !== null);
  const names = new Map<string | null, string>([[null, text(`${by}.none`, language)]]);
  const localized = async (table: typeof handlerGroups | typeof categories | typeof areas) => {
    const rows = ids.length
      ? await db
          .select({ id: table.id, name: table.name })
          .from(table)
          .where(and(eq(table.organisationId, organisationId), inArray(table.id, ids)))
      : [];
    for (const r of rows) names.set(r.id, localize(r.name, language));
  };
  if (by === "group") await localized(handlerGroups);
  else if (by === "category") await localized(categories);
  else if (by === "area") await localized(areas);
  else if (by === "handler" && ids.length) {
    const rows = await db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.organisationId, organisationId), inArray(users.id, ids)));
    for (const r of rows) names.set(r.id, r.name);
  } else if (by === "channel" || by === "type" || by === "priority") for (const k of ids) names.set(k, text(`${by}.${k}`, language));
  else for (const k of ids) names.set(k, bucketName(by, k, language));
  return names;
}

const locales: Record<Language, string> = { fi: "fi-FI", sv: "sv-FI", en: "en-GB" };

/** "1.2.2026", "vk 5/2026" (ISO week), "helmikuu 2026". */
function bucketName(by: ReportDimension, day: string, language: Language): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (by === "month")
    return new Intl.DateTimeFormat(locales[language], { month: "long", year: "numeric", timeZone: REPORT_TIME_ZONE }).format(date);
  if (by === "week") {
    const { week, year } = isoWeek(date);
    return `${text("week", language)} ${week}/${year}`;
  }
  return new Intl.DateTimeFormat(locales[language], { dateStyle: "short", timeZone: REPORT_TIME_ZONE }).format(date);
}

/** ISO 8601 week number and week-year of a date (the week's Thursday decides the year). */
function isoWeek(date: Date): { week: number; year: number } {
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  thursday.setUTCDate(thursday.getUTCDate() + 3 - ((thursday.getUTCDay() + 6) % 7));
  const firstOfYear = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return { week: Math.floor((thursday.getTime() - firstOfYear) / 86_400_000 / 7) + 1, year: thursday.getUTCFullYear() };
}
