/**
 * Saved views (REQUIREMENTS M2, M9): a queue with filters under a name, kept for oneself, shared
 * with a handler group, or with the whole organisation; shown with a live count.
 */
import { z } from "zod";
import { LocalizedText, Uuid } from "./common.ts";
import { ViewFilters } from "./staff.ts";

export const viewScopes = ["personal", "group", "organisation"] as const;
export type ViewScope = (typeof viewScopes)[number];

export const SavedView = z.object({
  id: Uuid,
  name: z.string(),
  scope: z.enum(viewScopes),
  group: z.object({ id: Uuid, name: LocalizedText }).nullable(),
  filters: ViewFilters,
  /** Matching tickets, capped at the listing's countLimit (1 000). */
  count: z.number().int(),
  mayEdit: z.boolean(),
});
export type SavedView = z.infer<typeof SavedView>;
export const SavedViewList = z.object({ items: z.array(SavedView) });
export type SavedViewList = z.infer<typeof SavedViewList>;

export const NewSavedView = z
  .object({
    name: z.string().trim().min(1).max(80),
    scope: z.enum(viewScopes).default("personal"),
    groupId: Uuid.optional(),
    filters: ViewFilters,
  })
  .refine((v) => (v.scope === "group") === Boolean(v.groupId), { message: "a group view needs its group, others none", path: ["groupId"] });
export type NewSavedView = z.input<typeof NewSavedView>;
export const SavedViewUpdate = z
  .object({ name: z.string().trim().min(1).max(80), filters: ViewFilters })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Change at least one field");
export type SavedViewUpdate = z.input<typeof SavedViewUpdate>;
