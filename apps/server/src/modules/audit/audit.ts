import type { Queryable } from "../../db/client.ts";
import { auditEntries } from "../../db/schema.ts";

/** Logs a read of personal data (REQUIREMENTS M11); changes are logged as ticket events. */
export async function auditRead(
  db: Queryable,
  entry: { organisationId: string; actorUserId: string; action: string; subjectType: "ticket" | "customer"; subjectId: string; ip: string },
) {
  await db.insert(auditEntries).values(entry);
}
