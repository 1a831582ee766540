import { z } from "zod";
import { GeoPoint, IsoDateTime, Language, LocalizedText, Uuid } from "./common.ts";
import { channels, extraFieldTypes, priorities, ticketStates, ticketTypes } from "./constants.ts";

export const TicketType = z.enum(ticketTypes);
export type TicketType = z.infer<typeof TicketType>;

export const Channel = z.enum(channels);
export type Channel = z.infer<typeof Channel>;

export const TicketState = z.enum(ticketStates);
export type TicketState = z.infer<typeof TicketState>;

export const Priority = z.enum(priorities);
export type Priority = z.infer<typeof Priority>;

export const ExtraFieldType = z.enum(extraFieldTypes);

export const ExtraFieldDefinition = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  type: ExtraFieldType,
  required: z.boolean(),
  label: LocalizedText,
  help: LocalizedText.optional(),
  options: z.array(z.object({ key: z.string().min(1).max(40), label: LocalizedText })).optional(),
});
export type ExtraFieldDefinition = z.infer<typeof ExtraFieldDefinition>;

export const ExtraFieldValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.array(z.string().max(40)).max(50)]);
export const ExtraFieldValues = z.record(z.string().max(40), ExtraFieldValue);
export type ExtraFieldValues = z.infer<typeof ExtraFieldValues>;

/** A category as the public sees it; the tree is built from parentId. */
export const Category = z.object({
  id: Uuid,
  parentId: Uuid.nullable(),
  code: z.string(),
  name: LocalizedText,
  description: LocalizedText.nullable(),
  defaultType: TicketType,
  extraFields: z.array(ExtraFieldDefinition),
  /** Words the form's category search finds it by, besides its name and description. */
  keywords: z.array(z.string()),
  /** Only leaf categories can be chosen for a contact. */
  selectable: z.boolean(),
});
export type Category = z.infer<typeof Category>;

export const TicketLocation = z.object({
  point: GeoPoint.nullable(),
  address: z.string().nullable(),
});

export { Language };
export const TicketTimestamps = z.object({
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  firstResponseAt: IsoDateTime.nullable(),
  resolvedAt: IsoDateTime.nullable(),
});
