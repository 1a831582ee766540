/**
 * Administering the category tree (REQUIREMENTS P1): categories with their texts, defaults,
 * search words and extra fields, as technical admins build them and content admins edit the
 * texts of their own groups' categories.
 */
import { z } from "zod";
import { LocalizedText, Uuid } from "./common.ts";
import { Category, ExtraFieldDefinition, TicketType } from "./tickets.ts";

/** A category's code: also its Open311 service code; unique in the organisation. */
export const CategoryCode = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, "lower-case letters a–z, digits, - and _ (at most 60)");

/** Words residents may search a category by, besides its name and description. */
export const CategoryKeywords = z
  .array(z.string().trim().toLowerCase().min(1).max(60))
  .max(30)
  .transform((words) => [...new Set(words)]);

const listTypes = new Set(["singlevaluelist", "multivaluelist"]);

/**
 * A category's extra fields in the order the form shows them: codes unique, and options (at least
 * one, unique keys) for the list types and for them only.
 */
export const ExtraFieldList = z
  .array(ExtraFieldDefinition)
  .max(30)
  .superRefine((fields, ctx) => {
    const codes = fields.map((f) => f.code);
    fields.forEach((field, i) => {
      if (codes.indexOf(field.code) !== i) ctx.addIssue({ code: "custom", path: [i, "code"], message: "the code is used twice" });
      const options = field.options ?? [];
      if (!listTypes.has(field.type)) {
        if (field.options !== undefined) ctx.addIssue({ code: "custom", path: [i, "options"], message: "only list fields have options" });
        return;
      }
      if (options.length === 0) ctx.addIssue({ code: "custom", path: [i, "options"], message: "a list needs at least one option" });
      const keys = options.map((o) => o.key);
      options.forEach((o, j) => {
        if (keys.indexOf(o.key) !== j) ctx.addIssue({ code: "custom", path: [i, "options", j, "key"], message: "the key is used twice" });
      });
    });
  });

const CategoryFields = z.object({
  /** Under this category; null: at the top. */
  parentId: Uuid.nullable(),
  code: CategoryCode,
  name: LocalizedText,
  description: LocalizedText.nullable(),
  defaultType: TicketType,
  /** Where new contacts go unless a rule says otherwise; null: the unclear queue. */
  defaultGroupId: Uuid.nullable(),
  keywords: CategoryKeywords,
  extraFields: ExtraFieldList,
  /** Inactive ones are not offered to residents nor as Open311 services; tickets keep them. */
  active: z.boolean(),
});

/** A category in the console's tree. */
export const AdminCategory = Category.omit({ selectable: true }).extend({
  defaultGroupId: Uuid.nullable(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  /** How many tickets are filed in it. */
  ticketCount: z.number().int(),
  /** Texts, search words and extra fields: technical admins, and content admins of its default group. */
  mayEditTexts: z.boolean(),
  /** Everything else (place, code, defaults, active, delete): technical admins. */
  mayManage: z.boolean(),
});
export type AdminCategory = z.infer<typeof AdminCategory>;
export const AdminCategoryList = z.object({ items: z.array(AdminCategory) });
export type AdminCategoryList = z.infer<typeof AdminCategoryList>;

/** A new category, placed last among its siblings. */
export const NewCategory = CategoryFields.extend({
  parentId: CategoryFields.shape.parentId.default(null),
  description: CategoryFields.shape.description.default(null),
  defaultType: CategoryFields.shape.defaultType.default("feedback"),
  defaultGroupId: CategoryFields.shape.defaultGroupId.default(null),
  keywords: CategoryKeywords.default([]),
  extraFields: ExtraFieldList.default([]),
  active: CategoryFields.shape.active.default(true),
});
export type NewCategory = z.input<typeof NewCategory>;

/** Changes to a category; moving it under another parent places it last there. */
export const CategoryUpdate = CategoryFields.partial().refine((v) => Object.keys(v).length > 0, "Change at least one field");
export type CategoryUpdate = z.input<typeof CategoryUpdate>;

/** The fields a content admin may change (of their own groups' categories). */
export const categoryTextFields = ["name", "description", "keywords", "extraFields"] as const;

/** One step up or down among its siblings. */
export const CategoryMove = z.object({ direction: z.enum(["up", "down"]) });
export type CategoryMove = z.infer<typeof CategoryMove>;
