/** Helpers shared by the Open311 HTTP tests. */
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import { signIn } from "../../../test/harness.ts";
import type { SeededOrganisation } from "../demo/demo.ts";

export const base = "/open311/v2";
export type ServiceRequestJson = { service_request_id: string; status: string; status_notes: string | null; service_code: string };

/** Open311 calls against the test app that `getApp` returns (it starts in beforeAll). */
export function open311Helpers(getApp: () => FastifyInstance) {
  /** POSTs a form-encoded service request, as the specification's clients do. */
  const postForm = (fields: Record<string, string>, format = "json") =>
    getApp().inject({
      method: "POST",
      url: `${base}/requests.${format}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams(fields).toString(),
    });

  const getJson = (url: string) => getApp().inject({ method: "GET", url: `${base}${url}` });

  /** A street-lighting request through Open311; returns its reference. */
  const report = async (tenant: SeededOrganisation, fields: Record<string, string> = {}): Promise<string> => {
    const res = await postForm({
      api_key: tenant.apiKey,
      service_code: "street-lighting",
      lat: "61.45",
      long: "23.85",
      description: "Valo ei pala",
      "attribute[lamp_state]": "dark",
      ...fields,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json()[0].service_request_id;
  };

  /** Finds the ticket by its reference as a service advisor, the way staff would. */
  const ticketIdOf = async (tenant: SeededOrganisation, reference: string) => {
    const advisor = await signIn(getApp(), tenant, "advisor");
    const list = (await advisor.get(`/api/staff/tickets?q=${reference}`)).json();
    const item = list.items.find((i: { reference: string }) => i.reference === reference);
    expect(item, `ticket ${reference} visible to staff`).toBeTruthy();
    return { advisor, id: item.id as string, item };
  };

  return { postForm, getJson, report, ticketIdOf };
}
