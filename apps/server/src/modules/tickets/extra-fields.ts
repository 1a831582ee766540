import type { ExtraFieldDefinition, ExtraFieldValues } from "@yhteys/contracts";
import type { FieldError } from "../../http/errors.ts";

const isDate = (v: unknown) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));

/** Checks answers against a category's extra-field definitions; unknown fields are errors too. */
export function validateExtraFields(definitions: ExtraFieldDefinition[], values: ExtraFieldValues): FieldError[] {
  const errors: FieldError[] = [];
  const byCode = new Map(definitions.map((d) => [d.code, d]));
  for (const code of Object.keys(values))
    if (!byCode.has(code)) errors.push({ path: `extraFields.${code}`, message: "unknown field for this category" });
  for (const def of definitions) {
    const value = values[def.code];
    const path = `extraFields.${def.code}`;
    const empty = value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (def.required) errors.push({ path, message: "required" });
      continue;
    }
    const keys = new Set((def.options ?? []).map((o) => o.key));
    const ok = {
      string: typeof value === "string" && value.length <= 200,
      text: typeof value === "string",
      number: typeof value === "number" && Number.isFinite(value),
      date: isDate(value),
      boolean: typeof value === "boolean",
      singlevaluelist: typeof value === "string" && keys.has(value),
      multivaluelist: Array.isArray(value) && value.every((v) => keys.has(v)),
    }[def.type];
    if (!ok) errors.push({ path, message: `not a valid ${def.type}` });
  }
  return errors;
}
