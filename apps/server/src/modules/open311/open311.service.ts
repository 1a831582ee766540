/**
 * Open311 GeoReport v2 mapped onto our domain: categories are services, tickets are service
 * requests, the organisation is the jurisdiction and an API client's key is the `api_key`.
 * New requests go through the public intake (`submitContact`), so they are validated, routed
 * and recorded exactly like contacts from the portal.
 */
import {
  ContactSubmission,
  type ExtraFieldDefinition,
  type ExtraFieldValues,
  finishedStates,
  type Language,
  languages,
  localize,
  openStates,
  type TicketState,
} from "@yhteys/contracts";
import { and, desc, eq, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import type { Store } from "../../context.ts";
import type { Db, Queryable } from "../../db/client.ts";
import { apiClients, categories, handlerGroups, organisations, ticketMessages, tickets } from "../../db/schema.ts";
import { AppError, type FieldError, notFound } from "../../http/errors.ts";
import { hashToken } from "../auth/tokens.ts";
import { inUse } from "../categories/categories.ts";
import { submitContact } from "../intake/intake.service.ts";
import type { Organisation } from "../organisations/organisations.ts";
import { iso } from "../tickets/tickets.presenter.ts";
import {
  type Discovery,
  type FormValue,
  MAX_REQUESTS,
  type RequestCreated,
  type RequestListQuery,
  type RequestSubmission,
  type Service,
  type ServiceAttribute,
  type ServiceDefinition,
  type ServiceRequest,
} from "./open311.schemas.ts";

/** When this implementation of the specification last changed (discovery `changeset`). */
const CHANGESET = "2026-11-23T00:00:00Z";
const DAY_MS = 86_400_000;
/** The specification's default window and the longest range one query may span. */
const WINDOW_DAYS = 90;

/** The language asked for with `locale` or `lang` (`sv`, `sv_FI`, `en-GB` …), else the fallback. */
export function languageOf(requested: string | undefined, fallback: Language = "fi"): Language {
  const code = requested?.slice(0, 2).toLowerCase();
  return (languages as readonly string[]).includes(code ?? "") ? (code as Language) : fallback;
}

/** The discovery document: where this endpoint is and what it speaks. */
export function discovery(publicUrl: string, production: boolean): Discovery {
  return {
    changeset: CHANGESET,
    contact: "The city's customer service",
    key_service: "Ask the city's customer service for an api_key; it is needed only to submit requests.",
    endpoints: [
      {
        specification: "http://wiki.open311.org/GeoReport_v2",
        url: `${publicUrl.replace(/\/$/, "")}/open311/v2`,
        changeset: CHANGESET,
        type: production ? "production" : "test",
        formats: ["application/json", "text/xml"],
      },
    ],
  };
}

/** An API client found by its key, with the organisation (jurisdiction) it submits to. */
export type ApiClientIdentity = { clientId: string; organisation: Organisation; permissions: string[] };

/** The active API client with this key, or null; keys are stored only as hashes. */
export async function apiClientByKey(db: Queryable, apiKey: string): Promise<ApiClientIdentity | null> {
  const [row] = await db
    .select({ clientId: apiClients.id, organisation: organisations, permissions: apiClients.permissions })
    .from(apiClients)
    .innerJoin(organisations, eq(organisations.id, apiClients.organisationId))
    .where(and(eq(apiClients.keyHash, hashToken(apiKey)), eq(apiClients.active, true)));
  return row ?? null;
}

/** The organisation's services: leaf categories in use, each with its parent (the group), in tree order. */
async function servicesOf(db: Queryable, organisationId: string, code?: string) {
  const rows = await db.select().from(categories).where(eq(categories.organisationId, organisationId));
  // A category with children is a group even when the children are inactive: tickets cannot use it.
  const parents = new Set(rows.map((r) => r.parentId).filter(Boolean));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return inUse(rows)
    .filter((r) => !parents.has(r.id) && (code === undefined || r.code === code))
    .map((category) => ({ category, parent: category.parentId ? byId.get(category.parentId) : undefined }))
    .sort(
      (a, b) =>
        (a.parent?.sortOrder ?? 0) - (b.parent?.sortOrder ?? 0) ||
        (a.parent?.code ?? "").localeCompare(b.parent?.code ?? "") ||
        a.category.sortOrder - b.category.sortOrder ||
        a.category.code.localeCompare(b.category.code),
    );
}

/** GET services: the organisation's selectable categories. */
export async function listServices(db: Db, org: Organisation, language: Language): Promise<Service[]> {
  return (await servicesOf(db, org.id)).map(({ category, parent }) => ({
    service_code: category.code,
    service_name: localize(category.name, language),
    description: category.description ? localize(category.description, language) : "",
    metadata: category.extraFields.length > 0,
    type: "realtime",
    keywords: category.keywords.join(","),
    group: parent ? localize(parent.name, language) : "",
  }));
}

const yesNo: Record<Language, [string, string]> = { fi: ["Kyllä", "Ei"], sv: ["Ja", "Nej"], en: ["Yes", "No"] };

function toAttribute(field: ExtraFieldDefinition, order: number, language: Language): ServiceAttribute {
  const base = {
    variable: true,
    code: field.code,
    required: field.required,
    datatype_description: field.help ? localize(field.help, language) : null,
    order,
    description: localize(field.label, language),
  };
  switch (field.type) {
    case "date":
      return { ...base, datatype: "datetime" };
    case "boolean": {
      // Open311 has no boolean datatype: a yes/no choice is a list whose keys are "true" and "false".
      const [yes, no] = yesNo[language];
      return {
        ...base,
        datatype: "singlevaluelist",
        values: [
          { key: "true", name: yes },
          { key: "false", name: no },
        ],
      };
    }
    case "singlevaluelist":
    case "multivaluelist":
      return {
        ...base,
        datatype: field.type,
        values: (field.options ?? []).map((o) => ({ key: o.key, name: localize(o.label, language) })),
      };
    default:
      return { ...base, datatype: field.type };
  }
}

/** GET services/{service_code}: the category's extra fields as Open311 attributes. */
export async function serviceDefinition(db: Db, org: Organisation, code: string, language: Language): Promise<ServiceDefinition> {
  const [service] = await servicesOf(db, org.id, code);
  if (!service) throw notFound(`The service ${code}`);
  return { service_code: code, attributes: service.category.extraFields.map((f, i) => toAttribute(f, i + 1, language)) };
}

/** Our field paths (intake and ticket validation) in the names an Open311 client sent. */
function open311Path(path: readonly PropertyKey[]): string {
  const [head, sub] = path.map(String);
  if (head === "extraFields" && sub) return `attribute[${sub}]`;
  if (head === "location") return sub === "lon" ? "long" : "lat";
  if (head === "contact") return sub === "phone" ? "phone" : sub === "name" ? "first_name" : "email";
  const names: Record<string, string> = { categoryId: "service_code", address: "address_string" };
  return head ? (names[head] ?? head) : "";
}

const blank = (v: FormValue | undefined): string | undefined => {
  if (v === undefined || Array.isArray(v)) return undefined;
  const s = String(v).trim();
  return s === "" ? undefined : s;
};

/** `attribute[code]=v`, `attribute[code][]=v` (already collected by the form parser) and JSON `attribute: {code: v}`. */
function collectAttributes(body: RequestSubmission): Map<string, FormValue> {
  const found = new Map<string, FormValue>(Object.entries(body.attribute ?? {}));
  for (const [key, value] of Object.entries(body)) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (m?.[1] && value !== undefined)
      found.set(m[1], m[2] && !Array.isArray(value) ? [value as string | number | boolean] : (value as FormValue));
  }
  return found;
}

/** Open311 attribute values are strings; our extra fields are typed. Values that do not convert are left for validation to reject. */
function toExtraFields(definitions: ExtraFieldDefinition[], attributes: Map<string, FormValue>): ExtraFieldValues {
  const byCode = new Map(definitions.map((d) => [d.code, d]));
  const values: ExtraFieldValues = {};
  for (const [code, raw] of attributes) {
    const type = byCode.get(code)?.type;
    const list = Array.isArray(raw) ? raw.map(String).filter((s) => s !== "") : null;
    if (list) {
      if (list.length) values[code] = list;
      continue;
    }
    const text = String(raw).trim();
    if (text === "") continue;
    if (type === "multivaluelist") values[code] = [text];
    else if (type === "number") values[code] = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    else if (type === "boolean") values[code] = text === "true" ? true : text === "false" ? false : text;
    // Open311 sends datetimes; our date fields keep the calendar date.
    else if (type === "date") values[code] = /^\d{4}-\d{2}-\d{2}([T ].*)?$/.test(text) ? text.slice(0, 10) : text;
    else values[code] = text;
  }
  return values;
}

const coordinate = (v: string | undefined) => (v !== undefined && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : undefined);

/** Renames the field paths of a validation error to Open311 names. */
function inOpen311Terms(e: unknown): unknown {
  if (!(e instanceof AppError) || !e.errors) return e;
  return new AppError(
    e.code,
    e.message,
    e.errors.map((f) => ({ path: open311Path(f.path.split(".")), message: f.message })),
  );
}

/** POST requests: creates the ticket synchronously through the public intake and answers with its reference. */
export async function submitServiceRequest(store: Store, client: ApiClientIdentity, body: RequestSubmission): Promise<RequestCreated> {
  const org = client.organisation;
  if (body.jurisdiction_id && body.jurisdiction_id !== org.slug)
    throw new AppError("forbidden", "The api_key is not valid for this jurisdiction_id");
  const language = languageOf(body.locale ?? body.lang, org.defaultLanguage);
  const [category] = await store.db
    .select()
    .from(categories)
    .where(and(eq(categories.organisationId, org.id), eq(categories.code, body.service_code), eq(categories.active, true)));
  if (!category)
    throw new AppError("validation_failed", "Unknown service_code", [
      { path: "service_code", message: `${body.service_code} is not a service` },
    ]);

  const errors: FieldError[] = [];
  const [lat, long] = [blank(body.lat), blank(body.long)];
  const address = blank(body.address_string);
  if ((lat === undefined) !== (long === undefined))
    errors.push({ path: lat ? "long" : "lat", message: "lat and long are needed together" });
  const [latitude, longitude] = [coordinate(lat), coordinate(long)];
  if (lat !== undefined && latitude === undefined) errors.push({ path: "lat", message: "not a decimal number" });
  if (long !== undefined && longitude === undefined) errors.push({ path: "long", message: "not a decimal number" });
  const location = latitude !== undefined && longitude !== undefined ? { lat: latitude, lon: longitude } : undefined;
  if (lat === undefined && long === undefined && !address)
    errors.push({
      path: "",
      message: blank(body.address_id)
        ? "address_id is not supported: send lat and long, or address_string"
        : "lat and long, or address_string, are required",
    });
  const mediaUrl = blank(body.media_url);
  if (mediaUrl && !/^https?:\/\/[^\s]+$/i.test(mediaUrl)) errors.push({ path: "media_url", message: "must be an http or https URL" });

  const [email, phone] = [blank(body.email), blank(body.phone)];
  const name = [blank(body.first_name), blank(body.last_name)].filter(Boolean).join(" ") || undefined;
  const parsed = ContactSubmission.safeParse({
    categoryId: category.id,
    // The specification makes description optional; our tickets need a text, and the service name is an honest one.
    description: blank(body.description) ?? localize(category.name, language),
    language,
    location,
    address,
    extraFields: toExtraFields(category.extraFields, collectAttributes(body)),
    // A client that sends an email address or a phone number expects to hear back about the request.
    wantsReply: Boolean(email || phone),
    contact: email || phone || name ? { email, phone, name } : undefined,
  });
  if (!parsed.success) errors.push(...parsed.error.issues.map((i) => ({ path: open311Path(i.path), message: i.message })));
  if (errors.length || !parsed.success) throw new AppError("validation_failed", "Some fields are missing or invalid", errors);

  const submission = parsed.data;
  // We do not fetch media from other servers (that would let anyone make us request any URL); the handler gets the link.
  if (mediaUrl) submission.description = `${submission.description}\n\n${mediaUrl}`;
  try {
    const { receipt } = await submitContact(store, org, submission, {
      channel: "open311",
      actor: { kind: "api_client", organisationId: org.id, clientId: client.clientId },
    });
    return [{ service_request_id: receipt.reference, service_notice: null, account_id: blank(body.account_id) ?? null }];
  } catch (e) {
    throw inOpen311Terms(e);
  }
}

const statusNotes = sql<
  string | null
>`(SELECT ${ticketMessages.body} FROM ${ticketMessages} WHERE ${ticketMessages.ticketId} = ${tickets.id} AND ${ticketMessages.kind} = 'reply' ORDER BY ${ticketMessages.createdAt} DESC LIMIT 1)`;

/** Only public columns are selected: nothing here joins customers, so no name, email or phone can leak. */
const requestColumns = {
  reference: tickets.reference,
  state: tickets.state,
  description: tickets.description,
  address: tickets.address,
  lat: tickets.lat,
  lon: tickets.lon,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
  serviceCode: categories.code,
  serviceName: categories.name,
  groupName: handlerGroups.name,
  statusNotes,
};

function requestsQuery(db: Db, where: SQL | undefined) {
  return (
    db
      .select(requestColumns)
      .from(tickets)
      .innerJoin(categories, eq(categories.id, tickets.categoryId))
      .leftJoin(handlerGroups, eq(handlerGroups.id, tickets.groupId))
      // Tickets with special categories of personal data never leave the staff console.
      .where(and(where, eq(tickets.sensitive, false)))
  );
}

type RequestRow = Awaited<ReturnType<typeof requestsQuery>>[number];

function toServiceRequest(row: RequestRow, language: Language): ServiceRequest {
  return {
    service_request_id: row.reference,
    status: finishedStates.includes(row.state) ? "closed" : "open",
    // The city's latest answer to the resident is public in Open311, as on the tracking page.
    status_notes: row.statusNotes,
    service_name: localize(row.serviceName, language),
    service_code: row.serviceCode,
    // Resident free text: the specification publishes it. Publishing and anonymisation (M5, D3) will govern what appears here.
    description: row.description,
    agency_responsible: row.groupName ? localize(row.groupName, language) : null,
    service_notice: null,
    requested_datetime: iso(row.createdAt),
    updated_datetime: iso(row.updatedAt),
    expected_datetime: null,
    address: row.address,
    address_id: null,
    zipcode: null,
    lat: row.lat,
    long: row.lon,
    media_url: null,
  };
}

/** The requested_datetime window: by default the last 90 days, and never longer than that. */
function window(start: Date | undefined, end: Date | undefined, now = new Date()): { from: Date; to: Date } {
  const to = end ?? (start ? new Date(Math.min(now.getTime(), start.getTime() + WINDOW_DAYS * DAY_MS)) : now);
  const from = start ?? new Date(to.getTime() - WINDOW_DAYS * DAY_MS);
  if (from > to) throw new AppError("validation_failed", "Invalid dates", [{ path: "start_date", message: "must not be after end_date" }]);
  if (to.getTime() - from.getTime() > WINDOW_DAYS * DAY_MS)
    throw new AppError("validation_failed", "Invalid dates", [
      { path: "end_date", message: `the range may span at most ${WINDOW_DAYS} days` },
    ]);
  return { from, to };
}

const closedStates: TicketState[] = [...finishedStates];

/** GET requests with the specification's filters; newest first. */
export async function listServiceRequests(
  db: Db,
  org: Organisation,
  query: RequestListQuery,
  language: Language,
): Promise<ServiceRequest[]> {
  const filters: (SQL | undefined)[] = [eq(tickets.organisationId, org.id)];
  // Ids override every other filter (specification).
  if (query.service_request_id) filters.push(inArray(tickets.reference, query.service_request_id));
  else {
    const { from, to } = window(query.start_date, query.end_date);
    filters.push(gte(tickets.createdAt, from), lte(tickets.createdAt, to));
    if (query.service_code) filters.push(inArray(categories.code, query.service_code));
    const status = query.status ?? [];
    if (status.length === 1) filters.push(inArray(tickets.state, status[0] === "open" ? openStates : closedStates));
  }
  const limit = query.limit ?? MAX_REQUESTS;
  const rows = await requestsQuery(db, and(...filters))
    .orderBy(desc(tickets.createdAt), desc(tickets.reference))
    .limit(limit)
    .offset(((query.page ?? 1) - 1) * limit);
  return rows.map((r) => toServiceRequest(r, language));
}

/** GET requests/{service_request_id}: one request, as a list of one (specification). */
export async function getServiceRequest(db: Db, org: Organisation, reference: string, language: Language): Promise<ServiceRequest[]> {
  const rows = await requestsQuery(db, and(eq(tickets.organisationId, org.id), eq(tickets.reference, reference)));
  const [row] = rows;
  if (!row) throw notFound(`The service request ${reference}`);
  return [toServiceRequest(row, language)];
}
