import { z } from "zod";
import { languages } from "./constants.ts";

export const Language = z.enum(languages);
export type Language = z.infer<typeof Language>;

/** Text given per language; Finnish is always present, the others fall back to it. */
export const LocalizedText = z.object({
  fi: z.string().min(1).max(500),
  sv: z.string().max(500).optional(),
  en: z.string().max(500).optional(),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

export const Uuid = z.uuid();

/** A ticket's tag: a short label, lower-cased, of letters, digits, "-" and "_". */
export const Tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}_-]+$/u, "letters, digits, - and _ only");
/** A ticket's tags, each once, in the order given. */
export const Tags = z
  .array(Tag)
  .max(20)
  .transform((tags) => [...new Set(tags)]);

/** WGS84 point. Bounds are loose: Finland and its neighbourhood. */
export const GeoPoint = z.object({
  lat: z.number().min(59).max(71),
  lon: z.number().min(19).max(32),
});
export type GeoPoint = z.infer<typeof GeoPoint>;

/** RFC 9457 problem details, with field-level errors for invalid input. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;

export const IsoDateTime = z.iso.datetime({ offset: true });
