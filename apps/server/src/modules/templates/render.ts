/** Fills `{{placeholder}}` in a reply template or signature. Pure: no database, no I/O. */
import { type TemplatePlaceholder, templatePlaceholders } from "@yhteys/contracts";

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export type TemplateValues = Partial<Record<TemplatePlaceholder, string | null>>;

const isKnown = (name: string): name is TemplatePlaceholder => (templatePlaceholders as readonly string[]).includes(name);

/**
 * Replaces known placeholders with their values (an unknown value becomes empty) and leaves
 * unknown placeholders as they are, listing them once each in `unknown`. In HTML, pass an
 * `escapeValue` so that a value (a resident's name) can never become markup.
 */
export function renderTemplate(
  text: string,
  values: TemplateValues,
  escapeValue: (value: string) => string = (v) => v,
): { text: string; unknown: string[] } {
  const unknown = new Set<string>();
  const rendered = text.replace(PLACEHOLDER, (whole, name: string) => {
    if (isKnown(name)) return escapeValue(values[name] ?? "");
    unknown.add(name);
    return whole;
  });
  return { text: rendered, unknown: [...unknown] };
}

/** The unknown placeholders of a text, to refuse saving a template that uses them. */
export const unknownPlaceholders = (text: string) => renderTemplate(text, {}).unknown;
