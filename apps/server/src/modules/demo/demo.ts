/**
 * Demo City: an organisation with the catalogue of `demo-catalogue.ts`, one user per role
 * (password `demo`), an Open311 API key `demo-key`, ~300 addresses and ~300 tickets in and around Tampere.
 * `seedOrganisation` is also what tests use to create a fresh tenant.
 */
import type { Channel, Language, Priority, Role, TicketState } from "@yhteys/contracts";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.ts";
import {
  apiClients,
  areas,
  automationRules,
  businessCalendars,
  categories,
  groupMemberships,
  handlerGroups,
  organisations,
  savedViews,
  slaPolicies,
  ticketMessages,
  tickets,
  userAreas,
  users,
} from "../../db/schema.ts";
import { hashPassword } from "../auth/passwords.ts";
import { hashToken } from "../auth/tokens.ts";
import { replaceAddresses } from "../geocoding/address-import.ts";
import { createTicket } from "../tickets/ticket-creation.ts";
import { recordEvent } from "../tickets/ticket-events.ts";
import { demoAddresses } from "./demo-addresses.ts";
import { demoAreas, demoCalendar, demoCategoryTree, demoGroups, demoSlaPolicies } from "./demo-catalogue.ts";
import { seedContent } from "./demo-content.ts";
import { seedPublications } from "./demo-publications.ts";

export const DEMO_PASSWORD = "demo";
const DEMO_API_KEY = "demo-key";

/** The demo users: email local part, name, role, groups and areas. */
const demoUsers: { key: string; name: string; role: Role; groups: string[]; areas?: string[] }[] = [
  { key: "admin", name: "Aino Admin", role: "technical_admin", groups: [] },
  { key: "contentadmin", name: "Kalle Sisältö", role: "content_admin", groups: ["streets"] },
  { key: "advisor", name: "Sanna Neuvoja", role: "service_advisor", groups: ["service-point"] },
  { key: "expert", name: "Eero Asiantuntija", role: "expert", groups: ["streets"] },
  { key: "expert2", name: "Emma Asiantuntija", role: "expert", groups: ["green", "waste"] },
  { key: "reporter", name: "Riku Raportoija", role: "reporter", groups: [] },
  { key: "viewer", name: "Veera Katselija", role: "viewer", groups: [], areas: ["hervanta"] },
  { key: "partner", name: "Urakoitsija Oy", role: "external_partner", groups: [] },
  { key: "internal", name: "Iida Sisäinen", role: "internal_customer", groups: [] },
];

export type SeededOrganisation = {
  id: string;
  slug: string;
  referencePrefix: string;
  users: Record<string, { id: string; email: string }>;
  groups: Record<string, string>;
  categories: Record<string, string>;
  areas: Record<string, string>;
  apiKey: string;
};

const box = (b: [number, number, number, number]) => ({
  type: "Polygon" as const,
  coordinates: [
    [
      [b[0], b[1]],
      [b[2], b[1]],
      [b[2], b[3]],
      [b[0], b[3]],
      [b[0], b[1]],
    ],
  ],
});

/** Creates an organisation with Demo City's catalogue and users; emails are `<key>@<emailDomain>`. */
export async function seedOrganisation(
  db: Db,
  options: { slug: string; emailDomain: string; apiKey: string; passwordHash?: string },
): Promise<SeededOrganisation> {
  const passwordHash = options.passwordHash ?? (await hashPassword(DEMO_PASSWORD));
  return db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organisations)
      .values({ slug: options.slug, name: { fi: "Demokaupunki", sv: "Demostaden", en: "Demo City" } })
      .returning();
    if (!org) throw new Error("organisation not created");
    const orgId = org.id;
    const areaRows = await tx
      .insert(areas)
      .values(demoAreas.map((a) => ({ organisationId: orgId, code: a.code, name: a.name, boundary: box(a.box) })))
      .returning();
    const groupRows = await tx
      .insert(handlerGroups)
      .values(demoGroups.map((g) => ({ organisationId: orgId, code: g.code, name: g.name, isUnclearQueue: g.isUnclearQueue ?? false })))
      .returning();
    const groupId = Object.fromEntries(groupRows.map((g) => [g.code, g.id]));
    await tx.insert(businessCalendars).values({
      organisationId: orgId,
      name: { fi: "Palvelupisteen aukioloajat", sv: "Servicepunktens öppettider", en: "Service point opening hours" },
      calendar: demoCalendar,
      isDefault: true,
    });
    await tx.insert(slaPolicies).values(demoSlaPolicies.map((p) => ({ organisationId: orgId, ...p })));
    const areaId = Object.fromEntries(areaRows.map((a) => [a.code, a.id]));

    const categoryId: Record<string, string> = {};
    for (const [i, top] of demoCategoryTree.entries()) {
      const [parent] = await tx
        .insert(categories)
        .values({ organisationId: orgId, code: top.code, name: top.name, sortOrder: i })
        .returning();
      if (!parent) throw new Error("category not created");
      categoryId[top.code] = parent.id;
      const leaves = await tx
        .insert(categories)
        .values(
          top.children.map((c, j) => ({
            organisationId: orgId,
            parentId: parent.id,
            code: c.code,
            name: c.name,
            description: c.description ?? null,
            defaultType: c.type ?? "feedback",
            defaultGroupId: c.group ? (groupId[c.group] ?? null) : null,
            extraFields: c.extraFields ?? [],
            sortOrder: j,
          })),
        )
        .returning();
      for (const leaf of leaves) categoryId[leaf.code] = leaf.id;
    }

    const userRows = await tx
      .insert(users)
      .values(
        demoUsers.map((u) => ({
          organisationId: orgId,
          email: `${u.key}@${options.emailDomain}`,
          name: u.name,
          role: u.role,
          passwordHash,
        })),
      )
      .returning();
    const userByKey = Object.fromEntries(demoUsers.map((u, i) => [u.key, userRows[i] as (typeof userRows)[number]]));
    const memberships = demoUsers.flatMap((u) =>
      u.groups.map((g) => ({ organisationId: orgId, groupId: groupId[g] as string, userId: userByKey[u.key]?.id as string })),
    );
    if (memberships.length) await tx.insert(groupMemberships).values(memberships);
    const scopes = demoUsers.flatMap((u) =>
      (u.areas ?? []).map((a) => ({ organisationId: orgId, userId: userByKey[u.key]?.id as string, areaId: areaId[a] as string })),
    );
    if (scopes.length) await tx.insert(userAreas).values(scopes);
    await tx.insert(apiClients).values({ organisationId: orgId, name: "Demo mobile app", keyHash: hashToken(options.apiKey) });
    await replaceAddresses(tx, orgId, demoAddresses());

    return {
      id: orgId,
      slug: org.slug,
      referencePrefix: org.referencePrefix,
      users: Object.fromEntries(Object.entries(userByKey).map(([k, u]) => [k, { id: u.id, email: u.email }])),
      groups: groupId,
      categories: categoryId,
      areas: areaId,
      apiKey: options.apiKey,
    };
  });
}

/** A small deterministic PRNG (mulberry32): demo data and benchmark data are the same on every machine. */
export function seededRandom(seed: number) {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REPLIES = [
  "Kiitos ilmoituksesta. Korjaus on tilattu urakoitsijalta ja tehdään tämän viikon aikana.",
  "Kiitos palautteesta! Välitämme sen eteenpäin vastaavalle yksikölle.",
  "Asia on korjattu. Kiitos, että ilmoitit!",
];

/** Fills an organisation with `count` tickets across states, channels, categories and places. */
async function seedTickets(db: Db, org: SeededOrganisation, count: number) {
  const rnd = seededRandom(2026);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const leaves = demoCategoryTree.flatMap((t) => t.children);
  const states: TicketState[] = [
    "new",
    "new",
    "in_progress",
    "in_progress",
    "waiting_for_customer",
    "resolved",
    "resolved",
    "resolved",
    "closed_unnecessary",
  ];
  const webChannels: Channel[] = ["web", "web", "web", "mobile", "open311", "email", "phone", "chat", "visit", "social"];
  const priorities: Priority[] = ["low", "normal", "normal", "normal", "high", "urgent"];
  const handlers = ["expert", "expert2", "advisor", "partner"];
  const now = Date.now();
  await db.transaction(async (tx: Tx) => {
    for (let i = 0; i < count; i++) {
      const leaf = pick(leaves);
      const text = pick(leaf.texts);
      const language: Language = /[åä]r |Hur |på /.test(text) ? "sv" : /\b(the|is|on|Please|When|More|An|A)\b/.test(text) ? "en" : "fi";
      const area = rnd() < 0.85 ? pick(demoAreas) : null;
      const location = area
        ? { lon: area.box[0] + rnd() * (area.box[2] - area.box[0]), lat: area.box[1] + rnd() * (area.box[3] - area.box[1]) }
        : rnd() < 0.5
          ? { lon: 23.55 + rnd() * 0.4, lat: 61.42 + rnd() * 0.12 }
          : undefined;
      const createdAt = new Date(now - Math.floor(rnd() ** 1.5 * 90 * 86_400_000));
      const extraFields = Object.fromEntries(
        (leaf.extraFields ?? []).map((f) => [
          f.code,
          f.type === "boolean" ? rnd() < 0.5 : f.type === "singlevaluelist" ? (f.options?.[0]?.key ?? "") : "ABC-123",
        ]),
      );
      const wantsReply = rnd() < 0.6;
      const channel = pick(webChannels);
      const { ticket } = await createTicket(
        tx,
        {
          organisation: org,
          categoryId: org.categories[leaf.code] as string,
          description: text,
          channel,
          language,
          location,
          address: location
            ? `${pick(["Hämeenkatu", "Insinöörinkatu", "Sammonkatu", "Tesomankatu", "Lielahdenkatu", "Teiskontie"])} ${1 + Math.floor(rnd() * 60)}`
            : undefined,
          extraFields,
          wantsReply,
          // Only the web form asks; about one web resident in four says no (publishing those is refused).
          publishConsent: channel === "web" ? i % 4 !== 3 : null,
          contact: wantsReply
            ? { name: pick(["Matti Meikäläinen", "Maija Virtanen", "Anna Andersson", "John Smith"]), email: `resident${i}@example.test` }
            : undefined,
          createdAt,
        },
        { kind: "resident", organisationId: org.id },
      );
      const state = pick(states);
      if (state === "new") continue;
      const handlerKey = pick(handlers);
      const handler = org.users[handlerKey] as { id: string };
      const actor = { kind: "system" as const, organisationId: org.id };
      const handledAt = new Date(createdAt.getTime() + Math.floor(rnd() * 3 * 86_400_000));
      const finished = state === "resolved" || state === "closed_unnecessary";
      if (state !== "closed_unnecessary")
        await tx.insert(ticketMessages).values({
          organisationId: org.id,
          ticketId: ticket.id,
          kind: "reply",
          authorUserId: handler.id,
          body: pick(REPLIES),
          createdAt: handledAt,
        });
      await tx
        .update(tickets)
        .set({
          state,
          handlerId: handler.id,
          priority: pick(priorities),
          firstResponseAt: state === "closed_unnecessary" ? null : handledAt,
          resolvedAt: finished ? handledAt : null,
          updatedAt: handledAt,
          statusChangedAt: handledAt,
        })
        .where(eq(tickets.id, ticket.id));
      await recordEvent(tx, {
        organisationId: org.id,
        ticketId: ticket.id,
        type: "ticket.state_changed",
        actor,
        data: { from: "new", to: state },
        at: handledAt,
      });
    }
  });
}

/** Creates Demo City with its tickets once; does nothing when it exists. */
export async function seedDemo(db: Db): Promise<void> {
  const [existing] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, "demo"));
  if (existing) return;
  const org = await seedOrganisation(db, { slug: "demo", emailDomain: "demo.test", apiKey: DEMO_API_KEY });
  await seedTickets(db, org, 300);
  await seedPublications(db, org, 40);
  await seedAutomation(db, org);
  await seedContent(db, org);
}

/**
 * Demo City's rules and shared views, made after its tickets so that the history of the demo
 * tickets stays plain; new contacts show the rules at work (try "vaarallinen" in the text, or
 * "diagnoosi", which flags the contact as holding special categories of personal data and routes
 * it to the only group that may open such contacts, where Emma (expert2) works).
 */
async function seedAutomation(db: Db, org: SeededOrganisation) {
  const [guidance] = await db
    .insert(handlerGroups)
    .values({
      organisationId: org.id,
      code: "social-guidance",
      name: { fi: "Sosiaali- ja terveysneuvonta", sv: "Social- och hälsorådgivning", en: "Social and health guidance" },
      sensitiveAccess: true,
    })
    .returning({ id: handlerGroups.id });
  if (!guidance) throw new Error("group not created");
  await db.insert(groupMemberships).values({ organisationId: org.id, groupId: guidance.id, userId: org.users.expert2?.id as string });
  await db.insert(automationRules).values([
    {
      organisationId: org.id,
      name: "Vaaratilanteet kiireellisiksi",
      description: "Yhteydenotot, joissa kerrotaan vaarasta, nostetaan kiireellisiksi.",
      trigger: "created",
      position: 1,
      conditions: [{ field: "words", anyOf: ["vaarallinen", "vaara", "kaatumassa", "putkirikko", "dangerous", "farlig"] }],
      actions: [{ action: "setPriority", priority: "urgent" }],
    },
    {
      organisationId: org.id,
      name: "Leikkipaikat viheralueille",
      description: "Kun asia luokitellaan leikkipaikaksi, se siirtyy viheralueiden jonoon.",
      trigger: "updated",
      position: 1,
      conditions: [
        { field: "changed", anyOf: ["category"] },
        { field: "category", anyOf: [org.categories.playgrounds as string] },
      ],
      actions: [{ action: "route", groupId: org.groups.green as string }],
    },
    {
      organisationId: org.id,
      name: "Terveys- ja sosiaalitiedot suojaan",
      description: "Yhteydenotot, joissa kerrotaan terveydestä tai sosiaalihuollosta, merkitään erityisiä henkilötietoja sisältäviksi.",
      trigger: "created",
      position: 2,
      conditions: [{ field: "words", anyOf: ["diagnoosi", "terveydentila", "toimeentulotuki", "lastensuojelu", "sairaus", "sairauden"] }],
      actions: [{ action: "route", groupId: guidance.id }, { action: "markSensitive" }],
    },
  ]);
  await db.insert(savedViews).values([
    {
      organisationId: org.id,
      name: "Kiireelliset ilman käsittelijää",
      scope: "group",
      groupId: org.groups.streets,
      ownerUserId: org.users.contentadmin?.id,
      filters: { queue: org.groups.streets, state: ["new", "in_progress"], priority: ["urgent", "high"], handlerId: "none" },
    },
    {
      organisationId: org.id,
      name: "Myöhässä olevat",
      scope: "organisation",
      ownerUserId: org.users.admin?.id,
      filters: { state: ["new", "in_progress", "waiting_for_customer"], sla: "breached" },
    },
  ]);
}
