/**
 * Every event code the server can send to a webhook (the contract's ticket event types and the
 * test ping) has a name and a one-line description in the console's webhook texts, so a new event
 * without a text fails here rather than showing admins a raw code.
 */
import { PING_EVENT, ticketEventTypes } from "@yhteys/contracts";
import { describe, expect, it } from "vitest";
import { webhooksEn, webhooksFi, webhooksSv } from "../../../apps/console/src/admin/webhooks.i18n.ts";

const codes = [...ticketEventTypes, PING_EVENT];
const textsOf = (dictionary: Record<string, string>, prefix: string) =>
  Object.keys(dictionary)
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length))
    .sort();

describe("webhook event texts", () => {
  it.each([
    ["fi", webhooksFi],
    ["sv", webhooksSv],
    ["en", webhooksEn],
  ] as const)("name and describe exactly the events the server sends (%s)", (_language, dictionary) => {
    expect(textsOf(dictionary, "webhooks.event.")).toEqual([...codes].sort());
    expect(textsOf(dictionary, "webhooks.eventHint.")).toEqual([...codes].sort());
  });
});
