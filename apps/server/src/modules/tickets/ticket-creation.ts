/**
 * Creating tickets: the hottest write path. A new ticket, its customer, its `ticket.created`
 * event and its idempotency record are written by one SQL statement, which is atomic by itself.
 * The statement takes any number of tickets, so that `TicketWriter` can commit the submissions
 * that arrive together as one batch (group commit) instead of one commit each.
 */
import { randomUUID } from "node:crypto";
import type { Channel, ExtraFieldValues, GeoPoint, Language, Priority, TicketState, TicketType } from "@yhteys/contracts";
import { and, eq, sql } from "drizzle-orm";
import { type Db, type Queryable, queryRows } from "../../db/client.ts";
import { areas, categories, handlerGroups } from "../../db/schema.ts";
import { AppError } from "../../http/errors.ts";
import { type Diversion, routeToPerson } from "../absence/absence.ts";
import { type Actor, actorId } from "../auth/actor.ts";
import { hashToken, newToken } from "../auth/tokens.ts";
import { inUse } from "../categories/categories.ts";
import { runRules, skippedStatusMove, startingStatus } from "../rules/rules.ts";
import { takeTurn } from "../rules/rules.turns.ts";
import { dueTimes, slaSettingsOf } from "../sla/sla.ts";
import { wantedType, workflowKey } from "../workflows/ticket-types.ts";
import { areaFor } from "./areas.ts";
import { validateExtraFields } from "./extra-fields.ts";
import type { EventNotice } from "./ticket-events.ts";

export type NewTicket = {
  organisation: { id: string; referencePrefix: string };
  categoryId: string;
  type?: TicketType | undefined;
  /** One of the organisation's active types (checked, 422 otherwise); wins over `type`. */
  typeId?: string | undefined;
  description: string;
  channel: Channel;
  language: Language;
  location?: GeoPoint | undefined;
  address?: string | undefined;
  extraFields: ExtraFieldValues;
  wantsReply: boolean;
  /** The resident's answer about publishing (web form only); null or absent when not asked. */
  publishConsent?: boolean | null | undefined;
  contact?: { name?: string | undefined; email?: string | undefined; phone?: string | undefined } | undefined;
  /** More for the `ticket.created` event's data, e.g. `email: { messageId, noAutoReply }` for a contact that came by email. */
  eventData?: Record<string, unknown> | undefined;
  /** For imports and demo data; new contacts are created now. */
  createdAt?: Date;
  /** Routes to this group (a channel's own, e.g. an email mailbox's) unless a rule routes the ticket. */
  groupId?: string | undefined;
  /** Puts the ticket in this queue whatever the rules say (staff recording a contact for their own group). */
  assign?: { groupId?: string | undefined; handlerId?: string | undefined } | undefined;
  /** The internal customer who submits an internal request and follows it in the console. */
  requesterId?: string | undefined;
};

/** Encrypts a tracking token for later emails (`modules/email/tracking-seal.ts`). */
export type TokenSealer = (token: string) => string;

/** What creating a ticket gives back; the tracking token exists only here (its hash is stored). */
export type CreatedTicket = {
  ticket: { id: string; reference: string; state: TicketState; createdAt: Date; groupId: string | null; handlerId: string | null };
  trackingToken: string;
  notice: EventNotice;
};

/** The answer to store with an Idempotency-Key, written in the same statement as the ticket. */
export type IdempotencyRecord = { key: string; fingerprint: string };

/** A validated ticket with every value decided: one element of the insert statement's input. */
type PreparedTicket = {
  row: Record<string, unknown>;
  created: Omit<CreatedTicket, "ticket" | "notice"> & { ticket: Omit<CreatedTicket["ticket"], "reference"> };
};

/**
 * Creates one ticket routed by the organisation's rules, else to its category's group (or the
 * unclear queue), in one statement.
 * Works inside a transaction too. The caller publishes `notice` once the write has committed.
 */
export async function createTicket(
  db: Queryable,
  input: NewTicket,
  actor: Actor,
  idempotency?: IdempotencyRecord,
  sealToken?: TokenSealer,
): Promise<CreatedTicket> {
  const [created] = await insertTickets(db, [await prepareTicket(db, input, actor, idempotency, sealToken)]);
  if (!created) throw new Error("creating the ticket returned no row");
  return created;
}

/**
 * Group commit for concurrent submissions. Each `create` is validated at once (a bad one fails
 * alone and early); valid ones queue and are written together by one statement as soon as one of
 * `maxInFlight` writers is free. Under no load a batch holds one ticket and waits for nothing;
 * under load, batches grow with the queue, so a commit (and its disk flush) serves many residents.
 * A promise resolves only after its batch has committed: an acknowledged contact is durable.
 */
export class TicketWriter {
  private readonly waiting: { prepared: PreparedTicket; resolve: (c: CreatedTicket) => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;
  private scheduled = false;
  /** Batches written and tickets in them, for monitoring the batch size. */
  readonly stats = { batches: 0, tickets: 0 };

  constructor(
    private readonly db: Db,
    private readonly options: { maxInFlight: number; maxBatch: number; sealToken?: TokenSealer },
  ) {}

  async create(input: NewTicket, actor: Actor, idempotency?: IdempotencyRecord): Promise<CreatedTicket> {
    const prepared = await prepareTicket(this.db, input, actor, idempotency, this.options.sealToken);
    return new Promise((resolve, reject) => {
      this.waiting.push({ prepared, resolve, reject });
      // Wait for the rest of this turn of the event loop, so requests read together are written together.
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.drain();
        });
      }
    });
  }

  private drain() {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.inFlight++;
      this.stats.batches++;
      this.stats.tickets += batch.length;
      void this.write(batch).finally(() => {
        this.inFlight--;
        this.drain();
      });
    }
  }

  private async write(batch: TicketWriter["waiting"]) {
    try {
      const created = await insertTickets(
        this.db,
        batch.map((b) => b.prepared),
      );
      for (const [i, b] of batch.entries()) b.resolve(created[i] as CreatedTicket);
    } catch (e) {
      if (batch.length === 1) return batch[0]?.reject(e);
      // One failing row (e.g. a racing Idempotency-Key) fails the whole statement: write each
      // alone, so that only the request whose row fails gets the error.
      await Promise.all(batch.map((b) => insertTickets(this.db, [b.prepared]).then(([c]) => b.resolve(c as CreatedTicket), b.reject)));
    }
  }
}

/** Validates a new ticket against its organisation's routing and decides every value to insert. */
async function prepareTicket(
  db: Queryable,
  input: NewTicket,
  actor: Actor,
  idempotency?: IdempotencyRecord,
  sealToken?: TokenSealer,
): Promise<PreparedTicket> {
  const orgId = input.organisation.id;
  // One after another: `db` may be a transaction, whose client runs one query at a time (both are cached).
  const routing = await routingOf(db, orgId);
  const sla = await slaSettingsOf(db, orgId);
  const category = routing.categories.get(input.categoryId);
  if (!category) throw new AppError("validation_failed", "Unknown category", [{ path: "categoryId", message: "unknown category" }]);
  if (!category.leaf)
    throw new AppError("validation_failed", "Choose a more specific category", [{ path: "categoryId", message: "not a leaf category" }]);
  const fieldErrors = validateExtraFields(category.extraFields, input.extraFields);
  if (fieldErrors.length) throw new AppError("validation_failed", "Some extra fields are missing or invalid", fieldErrors);

  const id = randomUUID();
  const createdAt = input.createdAt ?? new Date();
  const trackingToken = newToken();
  const contact = input.contact;
  const hasContact = Boolean(contact?.name || contact?.email || contact?.phone);
  const state: TicketState = "new";
  const areaId = areaFor(routing.areas, input.location)?.id ?? null;
  const chosen = await wantedType(db, orgId, input);
  const type = chosen?.type ?? category.defaultType;
  const rules = await runRules(db, orgId, "created", {
    categoryId: category.id,
    type,
    typeId: chosen?.typeId ?? null,
    channel: input.channel,
    priority: "normal",
    language: input.language,
    state,
    areaId,
    description: input.description,
    customerKnown: hasContact,
    assigned: false,
    changed: [],
  });
  const { changes } = rules;
  // A rule may move the ticket to another category; the category's group routes it unless a rule routes it.
  const categoryId = changes.categoryId ?? category.id;
  let groupId =
    input.assign?.groupId ??
    changes.groupId ??
    input.groupId ??
    routing.categories.get(categoryId)?.defaultGroupId ??
    routing.unclearGroupId;
  let handlerId = input.assign ? (input.assign.handlerId ?? null) : (changes.handlerId ?? null);
  // A rule that routes to a person who is away sends the ticket to a substitute or the group's queue.
  let diverted: Diversion | undefined;
  if (handlerId && !input.assign) {
    const routed = await routeToPerson(db, orgId, handlerId, changes.groupId ?? null, createdAt);
    if (routed.diverted) {
      ({ handlerId, diverted } = routed);
      groupId = routed.groupId ?? groupId;
    }
  }
  // "Assign in turn": the group's next member at work, unless staff recording the contact chose.
  const turn =
    changes.inTurn && !input.assign
      ? await takeTurn(db, orgId, changes.inTurn, { sensitive: changes.sensitive ?? false, now: createdAt })
      : undefined;
  if (turn) handlerId = turn.handlerId;
  const priority = (changes.priority ?? "normal") as Priority;
  // A rule may start the ticket in another status of the new phase of its type's workflow.
  const statusId = changes.statusId
    ? await startingStatus(
        db,
        orgId,
        workflowKey(
          changes.type ? { type: changes.type as TicketType, typeId: changes.typeId ?? null } : { type, typeId: chosen?.typeId ?? null },
        ),
        changes.statusId,
      )
    : null;
  const due = dueTimes(sla, { categoryId, priority, groupId }, createdAt);
  return {
    row: {
      id,
      organisation_id: orgId,
      reference_prefix: `${input.organisation.referencePrefix}-${createdAt.getUTCFullYear()}-`,
      type: changes.type ?? type,
      status_id: statusId,
      // A rule's type replaces the chosen one.
      type_id: changes.type ? (changes.typeId ?? null) : (chosen?.typeId ?? null),
      category_id: categoryId,
      priority,
      description: input.description,
      channel: input.channel,
      language: input.language,
      lat: input.location?.lat ?? null,
      lon: input.location?.lon ?? null,
      address: input.address || null,
      area_id: areaId,
      extra_fields: input.extraFields,
      group_id: groupId,
      handler_id: handlerId,
      requester_id: input.requesterId ?? null,
      customer_id: hasContact ? randomUUID() : null,
      customer_name: contact?.name ?? null,
      customer_email: contact?.email ?? null,
      customer_phone: contact?.phone ?? null,
      wants_reply: input.wantsReply,
      publish_consent: input.publishConsent ?? null,
      sensitive: changes.sensitive ?? false,
      tags: changes.addTags ?? [],
      tracking_token_hash: hashToken(trackingToken),
      // Emails to the resident carry the tracking link; kept only when there is an address to send to.
      tracking_token_sealed: contact?.email && sealToken ? sealToken(trackingToken) : null,
      created_at: createdAt.toISOString(),
      first_response_due_at: due.firstResponseDueAt?.toISOString() ?? null,
      resolution_due_at: due.resolutionDueAt?.toISOString() ?? null,
      actor_kind: actor.kind,
      actor_id: actorId(actor),
      event_data: {
        ...input.eventData,
        channel: input.channel,
        categoryId,
        groupId,
        ...(rules.fired.length ? { rules: rules.fired } : {}),
        ...(rules.stoppedBy ? { stoppedBy: rules.stoppedBy } : {}),
        ...(changes.statusId && !statusId ? { skipped: skippedStatusMove(rules.fired) } : {}),
        ...(diverted ? { diverted } : {}),
        ...(turn ? { turn } : {}),
      },
      idempotency_key: idempotency?.key ?? null,
      idempotency_fingerprint: idempotency?.fingerprint ?? null,
      receipt: { trackingToken, state, createdAt: createdAt.toISOString() },
    },
    created: { ticket: { id, state, createdAt, groupId, handlerId }, trackingToken },
  };
}

/** Writes prepared tickets with their customers, events and idempotency records: one statement, one round trip. */
async function insertTickets(db: Queryable, batch: PreparedTicket[]): Promise<CreatedTicket[]> {
  const rows = await queryRows<{ id: string; reference: string; event_id: string }>(
    db,
    sql`WITH input AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(batch.map((p) => p.row))}::jsonb) AS r(
          id uuid, organisation_id uuid, reference_prefix text, type ticket_type, type_id uuid, status_id uuid, category_id uuid, priority priority, description text,
          channel channel, language language, lat double precision, lon double precision, address text, area_id uuid,
          extra_fields jsonb, group_id uuid, handler_id uuid, requester_id uuid, customer_id uuid, customer_name text, customer_email text, customer_phone text,
          wants_reply boolean, publish_consent boolean, sensitive boolean, tags text[], tracking_token_hash text, tracking_token_sealed text, created_at timestamptz, first_response_due_at timestamptz,
          resolution_due_at timestamptz, actor_kind actor_kind, actor_id uuid,
          event_data jsonb, idempotency_key text, idempotency_fingerprint text, receipt jsonb)
      ), customer AS (
        INSERT INTO customers (id, organisation_id, name, email, phone)
        SELECT customer_id, organisation_id, customer_name, customer_email, customer_phone FROM input WHERE customer_id IS NOT NULL
      ), ticket AS (
        INSERT INTO tickets (id, organisation_id, reference, type, type_id, status_id, category_id, priority, description, channel, language, lat, lon,
          address, area_id, extra_fields, state, group_id, handler_id, requester_id, customer_id, wants_reply, publish_consent, sensitive, tags, tracking_token_hash, tracking_token_sealed,
          created_at, updated_at, status_changed_at, first_response_due_at, resolution_due_at)
        SELECT id, organisation_id, reference_prefix || lpad(nextval('ticket_reference_seq')::text, 6, '0'),
          type, type_id, status_id, category_id, priority, description, channel, language, lat, lon,
          address, area_id, extra_fields, 'new', group_id, handler_id, requester_id, customer_id, wants_reply, publish_consent, sensitive, tags, tracking_token_hash, tracking_token_sealed, created_at, created_at, created_at,
          first_response_due_at, resolution_due_at
        FROM input
        RETURNING id, reference
      ), event AS (
        INSERT INTO ticket_events (organisation_id, ticket_id, type, actor_kind, actor_id, data, created_at)
        SELECT input.organisation_id, input.id, 'ticket.created', input.actor_kind, input.actor_id, input.event_data, input.created_at
        FROM input JOIN ticket ON ticket.id = input.id
        RETURNING id, ticket_id
      ), idempotency AS (
        INSERT INTO idempotency_keys (organisation_id, key, fingerprint, ticket_id, response)
        SELECT input.organisation_id, input.idempotency_key, input.idempotency_fingerprint, input.id,
          input.receipt || jsonb_build_object('reference', ticket.reference)
        FROM input JOIN ticket ON ticket.id = input.id WHERE input.idempotency_key IS NOT NULL
      )
      SELECT ticket.id, ticket.reference, event.id::text AS event_id FROM ticket JOIN event ON event.ticket_id = ticket.id`,
  );
  const written = new Map(rows.map((r) => [r.id, r]));
  return batch.map(({ row, created }) => {
    const done = written.get(row.id as string);
    if (!done) throw new Error("a ticket of the batch was not written");
    const organisationId = row.organisation_id as string;
    return {
      ...created,
      ticket: { ...created.ticket, reference: done.reference },
      notice: { organisationId, ticketId: done.id, eventId: Number(done.event_id), type: "ticket.created" },
    };
  });
}

type Routing = {
  categories: Map<
    string,
    Pick<typeof categories.$inferSelect, "id" | "defaultType" | "defaultGroupId" | "extraFields"> & { leaf: boolean }
  >;
  unclearGroupId: string | null;
  areas: { id: string; boundary: typeof areas.$inferSelect.boundary }[];
};

/**
 * How an organisation routes new contacts: its categories in use, unclear queue and areas.
 * Kept for a short while per process, because every submission needs it and it rarely changes;
 * a change made in the admin views reaches new submissions within ROUTING_TTL_MS.
 */
const ROUTING_TTL_MS = 30_000;
const routingCache = new Map<string, { routing: Routing; until: number }>();

async function routingOf(db: Queryable, organisationId: string): Promise<Routing> {
  const hit = routingCache.get(organisationId);
  if (hit && hit.until > Date.now()) return hit.routing;
  const categoryRows = inUse(await db.select().from(categories).where(eq(categories.organisationId, organisationId)));
  const groups = await db
    .select({ id: handlerGroups.id })
    .from(handlerGroups)
    .where(and(eq(handlerGroups.organisationId, organisationId), eq(handlerGroups.isUnclearQueue, true)))
    .limit(1);
  const areaRows = await db.select({ id: areas.id, boundary: areas.boundary }).from(areas).where(eq(areas.organisationId, organisationId));
  const parents = new Set(categoryRows.map((c) => c.parentId));
  const routing: Routing = {
    categories: new Map(categoryRows.map((c) => [c.id, { ...c, leaf: !parents.has(c.id) }])),
    unclearGroupId: groups[0]?.id ?? null,
    areas: areaRows,
  };
  routingCache.set(organisationId, { routing, until: Date.now() + ROUTING_TTL_MS });
  return routing;
}

/** Drops this process's cached routing after an admin changed the categories (other processes follow within the TTL). */
export function forgetRouting(organisationId: string) {
  routingCache.delete(organisationId);
}
