/**
 * The Open311 client (REQUIREMENTS I4, I7): tickets of routed categories go to an external Open311
 * GeoReport v2 system, and what that system says comes back into the ticket's history.
 *
 * - The outbox consumer sees `ticket.created` and `ticket.reclassified`; a ticket whose category
 *   has an active route and that was not sent before gets an `external_requests` row and an
 *   `open311_create` job (an `api` route) or an `external` email delivery and its job (an `email`
 *   route, see email-routing.ts), in the relay's transaction (so exactly when the cursor passes
 *   the event).
 * - The job POSTs the request (form-encoded, as the specification has it) and stores the
 *   `service_request_id` (or, for servers that answer with a `token`, resolves it while polling).
 *   The first approved photo goes as `media_url` (the specification allows one), the others as
 *   links at the end of the description. It retries with doubling delays. A crash between the
 *   external answer and our commit can send the request twice (at least once).
 * - The poll task GETs the external requests (many ids per call) every OPEN311_POLL_MS. A change of
 *   status or status_notes is a `ticket.external_updated` event. A `closed` request whose
 *   status_notes contain the route's "not ours" marker returns the ticket to the unclear queue
 *   (`ticket.external_returned` and `ticket.forwarded` by the system) and polling stops.
 */
import type { Language } from "@yhteys/contracts";
import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "../../db/client.ts";
import { emailDeliveries, externalRequests, mailSettings, open311Routes, organisations, tickets } from "../../db/schema.ts";
import { type DeliverEmail, domainOf, emailJobKey, NO_SENDER, newMessageId } from "../email/outgoing-delivery.ts";
import { defineJob, enqueueJobs, exponentialBackoff, type JobDefinition } from "../jobs/jobs.ts";
import type { OutboxConsumer, OutboxEvent } from "../outbox/outbox-relay.ts";
import { type EventNotice, recordEvent } from "../tickets/ticket-events.ts";
import type { WebhookSettings } from "../webhooks/webhook-delivery.ts";
import { httpExchange } from "../webhooks/webhook-http.ts";
import { applyExternalChange } from "./external-answers.ts";
import { publishedPhotoUrls } from "./ticket-media.ts";

const TIMEOUT_MS = 10_000;
/** External answers are small JSON documents; more than this is cut. */
const ANSWER_LIMIT = 256 * 1024;
/** Ids per polling request. */
const POLL_BATCH = 50;

const system = (organisationId: string) => ({ kind: "system", organisationId }) as const;
const base = (endpoint: string | null) => (endpoint ?? "").replace(/\/+$/, "");

const CreateExternalRequest = z.object({ ticketId: z.uuid() });

type Publish = (notices: EventNotice[]) => void;

/** What the consumer enqueues with: the create job, and for `email` routes the email job. */
export type ForwardingJobs = {
  create: JobDefinition<typeof CreateExternalRequest>;
  email: JobDefinition<typeof DeliverEmail>;
  /** The Message-ID domain when the organisation has no sender settings yet. */
  fallbackDomain: string;
};

/** The outbox consumer that hands routed tickets to the `open311_create` job or to an email. */
export function open311Forwarding(jobs: ForwardingJobs): OutboxConsumer {
  return {
    name: "open311-client",
    async handle(tx: Tx, events: OutboxEvent[]) {
      const relevant = events.filter((e) => e.type === "ticket.created" || e.type === "ticket.reclassified");
      if (!relevant.length) return;
      const rows = await tx
        .select({
          ticketId: tickets.id,
          organisationId: tickets.organisationId,
          reference: tickets.reference,
          routeId: open311Routes.id,
          delivery: open311Routes.delivery,
          email: open311Routes.email,
          language: organisations.defaultLanguage,
          sender: mailSettings.fromAddress,
        })
        .from(tickets)
        .innerJoin(
          open311Routes,
          and(
            eq(open311Routes.organisationId, tickets.organisationId),
            eq(open311Routes.categoryId, tickets.categoryId),
            eq(open311Routes.active, true),
          ),
        )
        .innerJoin(organisations, eq(organisations.id, tickets.organisationId))
        .leftJoin(mailSettings, eq(mailSettings.organisationId, tickets.organisationId))
        .leftJoin(externalRequests, eq(externalRequests.ticketId, tickets.id))
        // Special categories of personal data never leave for an external system.
        .where(
          and(
            inArray(tickets.id, [...new Set(relevant.map((e) => e.ticketId))]),
            isNull(externalRequests.ticketId),
            eq(tickets.sensitive, false),
          ),
        );
      if (!rows.length) return;
      await tx
        .insert(externalRequests)
        .values(rows.map((r) => ({ ticketId: r.ticketId, organisationId: r.organisationId, routeId: r.routeId })))
        .onConflictDoNothing();
      const byApi = rows.filter((r) => r.delivery === "api");
      await enqueueJobs(
        tx,
        jobs.create,
        byApi.map((r) => ({ organisationId: r.organisationId, payload: { ticketId: r.ticketId }, dedupeKey: r.ticketId })),
      );
      const byEmail = rows.filter((r) => r.delivery === "email" && r.email);
      if (!byEmail.length) return;
      const emails = await tx
        .insert(emailDeliveries)
        .values(
          byEmail.map((r) => ({
            organisationId: r.organisationId,
            ticketId: r.ticketId,
            testAddress: r.email,
            kind: "external" as const,
            language: r.language as Language,
            state: r.sender ? ("queued" as const) : ("unconfigured" as const),
            lastError: r.sender ? null : NO_SENDER,
            failureReason: r.sender ? null : ("no_sender" as const),
            messageId: newMessageId(r.reference, r.sender ? domainOf(r.sender) : jobs.fallbackDomain),
          })),
        )
        .returning({ id: emailDeliveries.id, organisationId: emailDeliveries.organisationId, state: emailDeliveries.state });
      await enqueueJobs(
        tx,
        jobs.email,
        emails
          .filter((d) => d.state === "queued")
          .map((d) => ({ organisationId: d.organisationId, payload: { deliveryId: d.id }, dedupeKey: emailJobKey(d.id) })),
      );
    },
  };
}

type Answer = { service_request_id?: unknown; token?: unknown; status?: unknown; status_notes?: unknown; updated_datetime?: unknown };

function parseList(text: string | null): Answer[] {
  try {
    const value = JSON.parse(text ?? "");
    return Array.isArray(value) ? (value as Answer[]) : [];
  } catch {
    return [];
  }
}

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : null);

/** The job that creates the external request. */
export function open311CreateJob(db: Db, settings: WebhookSettings & { publicUrl: string }, publish: Publish) {
  return defineJob({
    name: "open311_create",
    payload: CreateExternalRequest,
    maxAttempts: settings.maxAttempts,
    retryDelayMs: exponentialBackoff(settings.retryBaseMs, settings.retryBaseMs * 240),
    async run({ ticketId }) {
      const [row] = await db
        .select({ ticket: tickets, route: open311Routes, external: externalRequests })
        .from(externalRequests)
        .innerJoin(tickets, eq(tickets.id, externalRequests.ticketId))
        .innerJoin(open311Routes, eq(open311Routes.id, externalRequests.routeId))
        .where(eq(externalRequests.ticketId, ticketId));
      if (!row || row.external.serviceRequestId || row.external.status === "token") return;
      const { ticket, route } = row;
      if (route.delivery !== "api" || !route.endpoint) return;
      const [media, ...morePhotos] = await publishedPhotoUrls(db, ticketId, settings.publicUrl);
      const description = morePhotos.length ? `${ticket.description}\n\n${morePhotos.join("\n")}` : ticket.description;
      const form = new URLSearchParams({ api_key: route.apiKey, service_code: route.serviceCode ?? "", description });
      if (media) form.set("media_url", media);
      if (route.jurisdictionId) form.set("jurisdiction_id", route.jurisdictionId);
      if (ticket.lat !== null && ticket.lon !== null) {
        form.set("lat", String(ticket.lat));
        form.set("long", String(ticket.lon));
      }
      if (ticket.address) form.set("address_string", ticket.address);
      const result = await httpExchange(
        "POST",
        `${base(route.endpoint)}/requests.json`,
        form.toString(),
        { "content-type": "application/x-www-form-urlencoded", accept: "application/json", "user-agent": "Yhteys-Open311-Client/1" },
        { timeoutMs: TIMEOUT_MS, allowPrivate: settings.allowPrivate, responseLimit: ANSWER_LIMIT },
      );
      const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
      if (!ok)
        throw new Error(
          result.error ?? `the Open311 server answered HTTP ${result.statusCode}: ${(result.responseBody ?? "").slice(0, 300)}`,
        );
      const [answer] = parseList(result.responseBody);
      const id = str(answer?.service_request_id);
      const token = str(answer?.token);
      if (!id && !token) throw new Error("the Open311 server answered without a service_request_id or token");
      const endpoint = route.endpoint;
      const notices = await db.transaction(async (tx) => {
        await tx
          .update(externalRequests)
          .set(id ? { serviceRequestId: id, status: "open" } : { status: "token", statusNotes: token })
          .where(eq(externalRequests.ticketId, ticketId));
        return [
          await recordEvent(tx, {
            organisationId: ticket.organisationId,
            ticketId,
            type: "ticket.external_sent",
            actor: system(ticket.organisationId),
            data: {
              endpoint: new URL(endpoint).host,
              serviceCode: route.serviceCode,
              serviceRequestId: id,
              photos: Number(Boolean(media)) + morePhotos.length,
            },
          }),
        ];
      });
      publish(notices);
    },
  });
}

type Polled = {
  ticketId: string;
  organisationId: string;
  serviceRequestId: string | null;
  status: string | null;
  statusNotes: string | null;
  route: typeof open311Routes.$inferSelect;
};

/** Applies one external answer to its ticket; returns the events written. */
function applyAnswer(db: Db, row: Polled, answer: Answer): Promise<EventNotice[]> {
  return db.transaction((tx) =>
    applyExternalChange(
      tx,
      { ticketId: row.ticketId, organisationId: row.organisationId, notOursMarker: row.route.notOursMarker },
      { status: str(answer.status), notes: str(answer.status_notes), externalUpdatedAt: str(answer.updated_datetime) },
    ),
  );
}

/** Asks a token-answering server for the id behind a token (GET tokens/{token}). */
async function resolveToken(db: Db, row: Polled, allowPrivate: boolean): Promise<void> {
  const query = row.route.jurisdictionId ? `?jurisdiction_id=${encodeURIComponent(row.route.jurisdictionId)}` : "";
  const result = await httpExchange(
    "GET",
    `${base(row.route.endpoint)}/tokens/${encodeURIComponent(row.statusNotes ?? "")}.json${query}`,
    null,
    { accept: "application/json", "user-agent": "Yhteys-Open311-Client/1" },
    { timeoutMs: TIMEOUT_MS, allowPrivate, responseLimit: ANSWER_LIMIT },
  );
  const id = str(parseList(result.responseBody)[0]?.service_request_id);
  await db
    .update(externalRequests)
    .set(id ? { serviceRequestId: id, status: "open", statusNotes: null, lastPolledAt: new Date() } : { lastPolledAt: new Date() })
    .where(eq(externalRequests.ticketId, row.ticketId));
}

/** Polls the external requests that are due, route by route, many ids per request. */
async function pollExternalRequests(db: Db, options: { pollMs: number; allowPrivate: boolean }): Promise<EventNotice[]> {
  const dueBefore = new Date(Date.now() - options.pollMs);
  const rows: Polled[] = await db
    .select({
      ticketId: externalRequests.ticketId,
      organisationId: externalRequests.organisationId,
      serviceRequestId: externalRequests.serviceRequestId,
      status: externalRequests.status,
      statusNotes: externalRequests.statusNotes,
      route: open311Routes,
    })
    .from(externalRequests)
    .innerJoin(open311Routes, eq(open311Routes.id, externalRequests.routeId))
    .where(
      and(
        isNull(externalRequests.returnedAt),
        or(sql`${externalRequests.serviceRequestId} IS NOT NULL`, eq(externalRequests.status, "token")),
        or(isNull(externalRequests.lastPolledAt), lt(externalRequests.lastPolledAt, dueBefore)),
      ),
    )
    .limit(POLL_BATCH * 4);
  const notices: EventNotice[] = [];
  for (const row of rows.filter((r) => !r.serviceRequestId)) await resolveToken(db, row, options.allowPrivate);
  const byRoute = new Map<string, Polled[]>();
  for (const row of rows.filter((r) => r.serviceRequestId)) byRoute.set(row.route.id, [...(byRoute.get(row.route.id) ?? []), row]);
  for (const group of byRoute.values()) {
    for (let i = 0; i < group.length; i += POLL_BATCH) {
      const batch = group.slice(i, i + POLL_BATCH);
      const route = batch[0]?.route;
      if (!route) continue;
      const params = new URLSearchParams({ service_request_id: batch.map((r) => r.serviceRequestId).join(",") });
      if (route.jurisdictionId) params.set("jurisdiction_id", route.jurisdictionId);
      const result = await httpExchange(
        "GET",
        `${base(route.endpoint)}/requests.json?${params}`,
        null,
        { accept: "application/json", "user-agent": "Yhteys-Open311-Client/1" },
        { timeoutMs: TIMEOUT_MS, allowPrivate: options.allowPrivate, responseLimit: ANSWER_LIMIT },
      );
      const answers = new Map(parseList(result.responseBody).map((a) => [str(a.service_request_id), a]));
      for (const row of batch) {
        const answer = answers.get(row.serviceRequestId);
        if (answer) notices.push(...(await applyAnswer(db, row, answer)));
        // No answer (the server is down, or does not know the id): try again next time.
        else await db.update(externalRequests).set({ lastPolledAt: new Date() }).where(eq(externalRequests.ticketId, row.ticketId));
      }
    }
  }
  return notices;
}

/** The poll as a task of the runner's rounds: at most once per min(pollMs, 10 s). */
export function open311PollTask(db: Db, options: { pollMs: number; allowPrivate: boolean }, publish: Publish) {
  let next = 0;
  return {
    name: "open311 poll",
    run: async () => {
      if (Date.now() < next) return false;
      next = Date.now() + Math.min(options.pollMs, 10_000);
      const notices = await pollExternalRequests(db, options);
      if (notices.length) publish(notices);
      return false;
    },
  };
}
