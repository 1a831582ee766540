/**
 * The photo-cleaning job: a resident's photo is accepted at once with its original in quarantine
 * (`processing`, never served); this job re-encodes it without metadata, makes the thumbnail, runs
 * the virus scan on the cleaned bytes (the order of the synchronous path), stores the result under
 * its served key, marks the row `ready` and deletes the original. An undecodable photo ends
 * `rejected` (`unreadable`, the original deleted); one the scanner finds infected ends `rejected`
 * (`infected`, the original kept in quarantine for the record, as for infected PDFs).
 *
 * Every step can run again: the cleaned files are written (atomically) before the row names them,
 * the row changes only from `processing`, and the original is deleted only after that commit. A
 * job killed anywhere is claimed again when its lease runs out and finishes the same way.
 */
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { attachments, tickets } from "../../db/schema.ts";
import { AppError } from "../../http/errors.ts";
import { defineJob, exponentialBackoff } from "../jobs/jobs.ts";
import { type EventNotice, recordEvent } from "../tickets/ticket-events.ts";
import { type PreparedFile, prepareFile } from "./attachment-files.ts";
import { type AttachmentStore, storageKeyOf } from "./attachment-store.ts";
import type { Scanner, ScanResult } from "./scanner.ts";

export type PhotoCleaningDeps = {
  db: Db;
  store: AttachmentStore;
  scanner: Scanner;
  publish: (notices: EventNotice[]) => void;
  log: (error: unknown) => void;
};

type Outcome =
  | { status: "ready"; file: PreparedFile; scan: ScanResult | { status: "pending" } }
  | { status: "rejected"; reason: "unreadable" }
  | { status: "rejected"; reason: "infected"; file: PreparedFile; signature: string | undefined };

export function photoCleaningJob(deps: PhotoCleaningDeps) {
  return defineJob({
    name: "attachment.clean_photo",
    payload: z.object({ attachmentId: z.uuid(), originalKey: z.string() }),
    // About a quarter of an hour of retries for a scanner or store that is away.
    maxAttempts: 10,
    retryDelayMs: exponentialBackoff(1_000, 5 * 60_000),
    run: async ({ attachmentId, originalKey }, job) => {
      const [row] = await deps.db.select().from(attachments).where(eq(attachments.id, attachmentId));
      if (row?.status !== "processing") {
        // Done already (the crash came before the original was deleted), or the ticket is gone.
        if (row?.scanStatus !== "infected") await deps.store.remove(originalKey);
        return;
      }
      const original = Buffer.concat(await (await deps.store.open(originalKey)).toArray());
      const outcome = await clean(deps, row, original, job.attempt < job.maxAttempts);
      const servedKey = storageKeyOf({ id: row.ticketId, organisationId: row.organisationId }, row.id, false);
      if (outcome.status === "ready") {
        await deps.store.put(servedKey, outcome.file.data);
        if (outcome.file.thumbnail) await deps.store.put(`${servedKey}.thumb`, outcome.file.thumbnail);
      }
      const notice = await record(deps.db, row, outcome, servedKey);
      if (notice) deps.publish([notice]);
      if (!(outcome.status === "rejected" && outcome.reason === "infected")) await deps.store.remove(originalKey);
    },
  });
}

/** Cleans and scans; a scanner that fails throws (a retry) until the last attempt, which stores the photo unscanned (`pending`, never served). */
async function clean(
  deps: PhotoCleaningDeps,
  row: typeof attachments.$inferSelect,
  original: Buffer,
  retryLater: boolean,
): Promise<Outcome> {
  let file: PreparedFile;
  try {
    file = await prepareFile({ fileName: row.fileName, contentType: row.contentType, photo: true, data: original });
  } catch (e) {
    if (e instanceof AppError && e.code === "unsupported_file_type") return { status: "rejected", reason: "unreadable" };
    throw e;
  }
  let scan: ScanResult | { status: "pending" };
  try {
    scan = await deps.scanner.scan(file.data);
  } catch (e) {
    if (retryLater) throw e;
    deps.log(e);
    scan = { status: "pending" };
  }
  if (scan.status === "infected") return { status: "rejected", reason: "infected", file, signature: scan.signature };
  return { status: "ready", file, scan };
}

/** Writes the outcome on the row (only if it is still `processing`) with its `ticket.attachment_processed` event. */
async function record(db: Db, row: typeof attachments.$inferSelect, outcome: Outcome, servedKey: string): Promise<EventNotice | null> {
  const values =
    outcome.status === "ready"
      ? {
          status: "ready" as const,
          storageKey: servedKey,
          size: outcome.file.data.length,
          sha256: outcome.file.sha256,
          hasThumbnail: outcome.file.thumbnail !== null,
          scanStatus: outcome.scan.status,
        }
      : {
          status: "rejected" as const,
          rejectedReason: outcome.reason,
          scanStatus: outcome.reason === "infected" ? ("infected" as const) : row.scanStatus,
        };
  return db.transaction(async (tx) => {
    const [changed] = await tx
      .update(attachments)
      .set(values)
      .where(and(eq(attachments.id, row.id), eq(attachments.status, "processing")))
      .returning({ id: attachments.id });
    if (!changed) return null;
    await tx.update(tickets).set({ updatedAt: sql`now()` }).where(eq(tickets.id, row.ticketId));
    return recordEvent(tx, {
      organisationId: row.organisationId,
      ticketId: row.ticketId,
      type: "ticket.attachment_processed",
      actor: { kind: "system", organisationId: row.organisationId },
      data: {
        attachmentId: row.id,
        fileName: row.fileName,
        status: values.status,
        scanStatus: values.scanStatus,
        ...(outcome.status === "rejected" ? { rejectedReason: outcome.reason } : {}),
        ...(outcome.status === "rejected" && outcome.reason === "infected" && outcome.signature ? { signature: outcome.signature } : {}),
      },
    });
  });
}
