/** Tickets with known time stamps and states for report tests (server and browser). */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { tickets } from "../../db/schema.ts";
import type { SeededOrganisation } from "../demo/demo.ts";
import { createTicket } from "../tickets/ticket-creation.ts";

export const at = (iso: string) => new Date(iso);
export const hoursAfter = (from: string, h: number) => new Date(Date.parse(from) + h * 3_600_000);

export type KnownTicket = {
  created: string;
  group: "streets" | "green";
  channel?: "web" | "email" | "phone";
  state: "new" | "in_progress" | "resolved" | "closed_unnecessary";
  firstResponseAt?: Date;
  resolvedAt?: Date;
  firstResponseDueAt?: Date;
  resolutionDueAt?: Date;
  mergedIntoId?: string;
  handler?: "expert";
};

/** Creates a ticket, then gives it exactly the given group, state and time stamps (no SLA policy's due times). */
export async function knownTicket(db: Db, tenant: SeededOrganisation, k: KnownTicket): Promise<string> {
  const { ticket: created } = await createTicket(
    db,
    {
      organisation: { id: tenant.id, referencePrefix: "YH" },
      categoryId: tenant.categories.potholes as string,
      description: "Raportin testitiketti",
      channel: k.channel ?? "web",
      language: "fi",
      extraFields: {},
      wantsReply: false,
      createdAt: at(k.created),
    },
    { kind: "system", organisationId: tenant.id },
  );
  await db
    .update(tickets)
    .set({
      groupId: tenant.groups[k.group] as string,
      state: k.state,
      firstResponseAt: k.firstResponseAt ?? null,
      resolvedAt: k.resolvedAt ?? null,
      firstResponseDueAt: k.firstResponseDueAt ?? null,
      resolutionDueAt: k.resolutionDueAt ?? null,
      mergedIntoId: k.mergedIntoId ?? null,
      handlerId: k.handler ? (tenant.users[k.handler]?.id as string) : null,
    })
    .where(eq(tickets.id, created.id));
  return created.id;
}
