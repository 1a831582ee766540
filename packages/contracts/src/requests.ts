/**
 * Comment requests and sending for information (REQUIREMENTS M3): a handler asks a colleague or
 * a group for a statement by a date, or lets them know. Recipients get read access to the
 * ticket; a comment request is answered in the console and both show in the history.
 */
import { z } from "zod";
import { IsoDateTime, LocalizedText, Uuid } from "./common.ts";

export const ticketRequestKinds = ["comment", "information"] as const;
export type TicketRequestKind = (typeof ticketRequestKinds)[number];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");

/** A new request: to a person or a group; a comment request needs a question and a due date. */
export const NewTicketRequest = z
  .object({
    kind: z.enum(ticketRequestKinds),
    toUserId: Uuid.optional(),
    toGroupId: Uuid.optional(),
    message: z.string().trim().min(1).max(5000),
    dueOn: day.optional(),
  })
  .refine((r) => Boolean(r.toUserId) !== Boolean(r.toGroupId), { message: "to a person or a group", path: ["toUserId"] })
  .refine((r) => r.kind === "information" || r.dueOn, { message: "a comment request needs a due date", path: ["dueOn"] });
export type NewTicketRequest = z.input<typeof NewTicketRequest>;

export const RequestAnswer = z.object({ answer: z.string().trim().min(1).max(5000) });
export type RequestAnswer = z.input<typeof RequestAnswer>;

/** A request as the ticket view shows it. */
export const TicketRequest = z.object({
  id: Uuid,
  kind: z.enum(ticketRequestKinds),
  requestedBy: z.string().nullable(),
  to: z.object({ kind: z.enum(["user", "group"]), id: Uuid, name: z.union([z.string(), LocalizedText]) }),
  message: z.string(),
  dueOn: z.string().nullable(),
  answer: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  /** Whether the caller may answer it now (an open comment request to them or their group). */
  mayAnswer: z.boolean(),
});
export type TicketRequest = z.infer<typeof TicketRequest>;
