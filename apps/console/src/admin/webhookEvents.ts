/** Plain-language names of webhook event codes (texts in webhooks.i18n.ts). */
import type { MessageKey, T } from "../i18n.ts";
import { webhooksFi } from "./webhooks.i18n.ts";

/** The name of an event code, or the code itself for one this console has no text for (a newer server). */
export function webhookEventLabel(t: T, code: string): string {
  const key = `webhooks.event.${code}`;
  return key in webhooksFi ? t(key as MessageKey) : code;
}
