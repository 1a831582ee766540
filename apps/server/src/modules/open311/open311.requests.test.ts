import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, startTestApp, type TestApp } from "../../../test/harness.ts";
import { createTicket } from "../tickets/ticket-creation.ts";
import { base, open311Helpers, type ServiceRequestJson } from "./open311.fixtures.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const { postForm, getJson, report, ticketIdOf } = open311Helpers(() => t.app);

describe("Open311 POST requests", () => {
  it("creates a ticket from a form-encoded request that staff see with its attributes", async () => {
    const tenant = await newTenant(t.ctx);
    const res = await postForm({
      api_key: tenant.apiKey,
      service_code: "street-lighting",
      lat: "61.45",
      long: "23.85",
      address_string: "Insinöörinkatu 10",
      description: "Katuvalo ei pala",
      "attribute[lamp_state]": "flicker",
      "attribute[pole_number]": "P-1234",
      email: "liisa@example.test",
      first_name: "Liisa",
      last_name: "Laaksonen",
      phone: "+358 40 1234567",
      account_id: "acc-77",
      device_id: "device-1",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toContain("application/json");
    const [created] = res.json();
    expect(created).toEqual({ service_request_id: expect.stringMatching(/^YH-\d{4}-\d{6,}$/), service_notice: null, account_id: "acc-77" });

    const { advisor, id, item } = await ticketIdOf(tenant, created.service_request_id);
    expect(item).toMatchObject({ channel: "open311", type: "fault_report", group: { id: tenant.groups.streets } });
    const detail = (await advisor.get(`/api/staff/tickets/${id}`)).json();
    expect(detail).toMatchObject({
      description: "Katuvalo ei pala",
      address: "Insinöörinkatu 10",
      location: { lat: 61.45, lon: 23.85 },
      extraFields: { lamp_state: "flicker", pole_number: "P-1234" },
      customer: { name: "Liisa Laaksonen", email: "liisa@example.test", phone: "+358 40 1234567", wantsReply: true },
      // Open311 has no field for it: the resident was not asked about publishing.
      publishConsent: null,
    });
    expect(detail.history[0]).toMatchObject({ type: "ticket.created", actorKind: "api_client" });
  });

  it("accepts JSON bodies with an attribute object and answers in XML", async () => {
    const tenant = await newTenant(t.ctx);
    const res = await t.app.inject({
      method: "POST",
      url: `${base}/requests.xml`,
      payload: {
        api_key: tenant.apiKey,
        jurisdiction_id: tenant.slug,
        service_code: "playgrounds",
        lat: 61.5,
        long: 23.7,
        description: "Keinu on rikki <heti> & vaarallinen",
        attribute: { equipment_damaged: "true" },
        media_url: "https://example.test/photo.jpg",
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("text/xml; charset=utf-8");
    const reference = /<service_request_id>([^<]+)<\/service_request_id>/.exec(res.body)?.[1] ?? "";
    expect(res.body).toContain(
      `<service_requests><request><service_request_id>${reference}</service_request_id><service_notice/><account_id/></request></service_requests>`,
    );

    const { advisor, id } = await ticketIdOf(tenant, reference);
    const detail = (await advisor.get(`/api/staff/tickets/${id}`)).json();
    expect(detail.extraFields).toEqual({ equipment_damaged: true });
    expect(detail.description).toBe("Keinu on rikki <heti> & vaarallinen\n\nhttps://example.test/photo.jpg");
    expect(detail.customer).toBeNull();

    const xml = await getJson(`/requests/${reference}.xml?jurisdiction_id=${tenant.slug}`);
    expect(xml.body).toContain(
      "<description>Keinu on rikki &lt;heti&gt; &amp; vaarallinen\n\nhttps://example.test/photo.jpg</description>",
    );
  });

  it("refuses a missing or invalid api_key with 403 in Open311 format", async () => {
    const tenant = await newTenant(t.ctx);
    const missing = await postForm({ service_code: "potholes", address_string: "Hämeenkatu 1", description: "Kuoppa" });
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toEqual([{ code: 403, description: "An api_key is required" }]);

    const wrong = await postForm({ api_key: "not-a-key", service_code: "potholes", address_string: "Hämeenkatu 1" }, "xml");
    expect(wrong.statusCode).toBe(403);
    expect(wrong.headers["content-type"]).toBe("text/xml; charset=utf-8");
    expect(wrong.body).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>403</code><description>The api_key is not valid</description></error></errors>',
    );

    const other = await postForm({
      api_key: tenant.apiKey,
      jurisdiction_id: "some-other-city",
      service_code: "potholes",
      address_string: "x y",
    });
    expect(other.statusCode).toBe(403);
  });

  it("answers invalid requests with 400 Open311 errors naming the fields", async () => {
    const tenant = await newTenant(t.ctx);
    const descriptionsOf = (res: { json: () => { description: string; code: number }[] }) => res.json().map((e) => e.description);

    const noAttribute = await postForm({ api_key: tenant.apiKey, service_code: "street-lighting", lat: "61.45", long: "23.85" });
    expect(noAttribute.statusCode).toBe(400);
    expect(noAttribute.json()).toEqual([{ code: 400, description: "attribute[lamp_state]: required" }]);

    const badChoice = await postForm({
      api_key: tenant.apiKey,
      service_code: "street-lighting",
      address_string: "Hämeenkatu 1",
      "attribute[lamp_state]": "broken",
      "attribute[bogus]": "1",
    });
    expect(descriptionsOf(badChoice).sort()).toEqual([
      "attribute[bogus]: unknown field for this category",
      "attribute[lamp_state]: not a valid singlevaluelist",
    ]);

    const unknown = await postForm({ api_key: tenant.apiKey, service_code: "no-such-service", address_string: "Hämeenkatu 1" });
    expect(unknown.statusCode).toBe(400);
    expect(descriptionsOf(unknown)).toEqual(["service_code: no-such-service is not a service"]);

    const group = await postForm({ api_key: tenant.apiKey, service_code: "streets", address_string: "Hämeenkatu 1" });
    expect(group.statusCode).toBe(400);
    expect(descriptionsOf(group)).toEqual(["service_code: not a leaf category"]);

    const nowhere = await postForm({ api_key: tenant.apiKey, service_code: "potholes", description: "Kuoppa" });
    expect(nowhere.statusCode).toBe(400);
    expect(descriptionsOf(nowhere)).toEqual(["lat and long, or address_string, are required"]);

    const badPlace = await postForm({
      api_key: tenant.apiKey,
      service_code: "potholes",
      lat: "north",
      long: "23.8",
      email: "not-an-email",
      media_url: "javascript:alert(1)",
    });
    expect(descriptionsOf(badPlace)).toEqual(
      expect.arrayContaining(["lat: not a decimal number", "media_url: must be an http or https URL", expect.stringMatching(/^email: /)]),
    );

    const abroad = await postForm({ api_key: tenant.apiKey, service_code: "potholes", lat: "40.7", long: "-74.0" });
    expect(descriptionsOf(abroad)).toEqual(expect.arrayContaining([expect.stringMatching(/^lat: /), expect.stringMatching(/^long: /)]));

    const noCode = await postForm({ api_key: tenant.apiKey, address_string: "Hämeenkatu 1" });
    expect(noCode.statusCode).toBe(400);
    expect(descriptionsOf(noCode)[0]).toMatch(/^service_code: /);

    const notForm = await t.app.inject({
      method: "POST",
      url: `${base}/requests.json`,
      headers: { "content-type": "application/json" },
      payload: "{broken",
    });
    expect(notForm.statusCode).toBe(400);
    expect(notForm.json()).toEqual([{ code: 400, description: "The body is not valid JSON" }]);

    const multipart = await t.app.inject({
      method: "POST",
      url: `${base}/requests.json`,
      headers: { "content-type": "multipart/form-data; boundary=x" },
      payload: "--x--",
    });
    expect(multipart.statusCode).toBe(415);
    expect(multipart.json()).toEqual([{ code: 415, description: "Send application/x-www-form-urlencoded or application/json" }]);

    // The form parser belongs to Open311 alone: the rest of the API still takes only JSON.
    const elsewhere = await t.app.inject({
      method: "POST",
      url: `/api/public/${tenant.slug}/contacts`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "description=hello",
    });
    expect(elsewhere.statusCode).toBe(415);
  });

  it("rate-limits submissions with a 429 Open311 error", async () => {
    const limited = await startTestApp({ PUBLIC_RATE_LIMIT: "1" }, t.ctx.database);
    try {
      const send = () => limited.app.inject({ method: "POST", url: `${base}/requests.json`, payload: { service_code: "potholes" } });
      expect((await send()).statusCode).toBe(403);
      const second = await send();
      expect(second.statusCode).toBe(429);
      expect(second.json()[0]).toMatchObject({ code: 429 });
    } finally {
      await limited.app.close();
    }
  });
});

describe("Open311 GET requests", () => {
  it("filters by status, service code, dates and ids, and shows the city's reply as status_notes", async () => {
    const tenant = await newTenant(t.ctx);
    const light = await report(tenant);
    const hole = await report(tenant, { service_code: "potholes", "attribute[lamp_state]": "" });
    // A ticket from four months ago: outside the default 90-day window.
    const old = await t.ctx.db.transaction(async (tx) => {
      const { ticket } = await createTicket(
        tx,
        {
          organisation: tenant,
          categoryId: tenant.categories.potholes as string,
          description: "Vanha kuoppa",
          channel: "web",
          language: "fi",
          extraFields: {},
          wantsReply: false,
          createdAt: new Date(Date.now() - 120 * 86_400_000),
        },
        { kind: "system", organisationId: tenant.id },
      );
      return ticket.reference;
    });

    const { advisor, id } = await ticketIdOf(tenant, hole);
    const replied = await advisor.post(`/api/staff/tickets/${id}/replies`, { body: "Kuoppa on paikattu.", state: "resolved" });
    expect(replied.statusCode, replied.body).toBe(200);

    const list = async (query: string) => {
      const res = await getJson(`/requests.json?jurisdiction_id=${tenant.slug}${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as ServiceRequestJson[];
    };
    const refs = async (query: string) => (await list(query)).map((r) => r.service_request_id);

    expect(await refs("")).toEqual([hole, light]);
    expect(await refs("&status=open")).toEqual([light]);
    expect(await refs("&status=closed")).toEqual([hole]);
    expect(await refs("&status=open,closed")).toEqual([hole, light]);
    expect(await refs("&service_code=potholes")).toEqual([hole]);
    expect(await refs("&service_code=potholes,street-lighting&limit=1")).toEqual([hole]);
    expect(await refs("&limit=1&page=2")).toEqual([light]);
    expect(await refs(`&service_request_id=${light},${old}&status=closed`)).toEqual([light, old]);
    const past = new Date(Date.now() - 100 * 86_400_000).toISOString();
    expect(await refs(`&start_date=${past}`)).toEqual([]);
    expect(await refs(`&start_date=${encodeURIComponent(new Date(Date.now() - 130 * 86_400_000).toISOString())}`)).toEqual([old]);
    expect(await refs(`&end_date=${new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)}`)).toEqual([]);

    const [closed] = await list("&status=closed");
    expect(closed).toMatchObject({
      status: "closed",
      status_notes: "Kuoppa on paikattu.",
      service_code: "potholes",
      service_name: "Kuopat ja päällysteet",
      agency_responsible: "Katu- ja liikenneyksikkö",
      lat: 61.45,
      long: 23.85,
      expected_datetime: null,
    });

    for (const [query, message] of [
      ["&status=pending", "status: must be a comma-separated list of open and closed"],
      ["&start_date=yesterday", "start_date: must be an ISO 8601 date-time, e.g. 2025-05-01T12:00:00Z"],
      ["&start_date=2026-01-10&end_date=2026-01-01", "start_date: must not be after end_date"],
      ["&start_date=2025-01-01&end_date=2025-12-31", "end_date: the range may span at most 90 days"],
      ["&limit=5000", expect.stringMatching(/^limit: /)],
    ] as const) {
      const res = await getJson(`/requests.json?jurisdiction_id=${tenant.slug}${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json()).toEqual([{ code: 400, description: message }]);
    }
  });

  it("reads one request, and answers unknown ids, tokens and endpoints with Open311 404s", async () => {
    const tenant = await newTenant(t.ctx);
    const reference = await report(tenant);
    const one = await getJson(`/requests/${reference}.json?jurisdiction_id=${tenant.slug}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual([
      {
        service_request_id: reference,
        status: "open",
        status_notes: null,
        service_name: "Katuvalaistus",
        service_code: "street-lighting",
        description: "Valo ei pala",
        agency_responsible: "Katu- ja liikenneyksikkö",
        service_notice: null,
        requested_datetime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        updated_datetime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        expected_datetime: null,
        address: null,
        address_id: null,
        zipcode: null,
        lat: 61.45,
        long: 23.85,
        media_url: null,
      },
    ]);

    const xml = await getJson(`/requests/${reference}.xml?jurisdiction_id=${tenant.slug}`);
    expect(xml.body).toContain(
      `<service_requests><request><service_request_id>${reference}</service_request_id><status>open</status><status_notes/>`,
    );

    // Another organisation's request does not exist in this jurisdiction.
    const other = await newTenant(t.ctx);
    expect((await getJson(`/requests/${reference}.json?jurisdiction_id=${other.slug}`)).statusCode).toBe(404);

    const missing = await getJson(`/requests/YH-1999-000001.xml?jurisdiction_id=${tenant.slug}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain(
      "<errors><error><code>404</code><description>The service request YH-1999-000001 was not found</description></error></errors>",
    );

    const token = await getJson(`/tokens/abc123.json?jurisdiction_id=${tenant.slug}`);
    expect(token.statusCode).toBe(404);
    expect(token.json()[0].code).toBe(404);

    const noOrg = await getJson("/services.json?jurisdiction_id=no-such-city");
    expect(noOrg.statusCode).toBe(404);
    expect(noOrg.json()).toEqual([{ code: 404, description: "The organisation was not found" }]);

    const noFormat = await getJson("/services");
    expect(noFormat.statusCode).toBe(404);
    expect(noFormat.json()[0].code).toBe(404);
    const badFormat = await getJson(`/services.csv?jurisdiction_id=${tenant.slug}`);
    expect(badFormat.statusCode).toBe(400);
    expect(badFormat.json()[0].description).toMatch(/^format: /);
  });

  it("never shows the resident's name, email or phone", async () => {
    const tenant = await newTenant(t.ctx);
    const personal = { email: "pirjo.private@example.test", first_name: "Pirjo", last_name: "Yksityinen", phone: "+358 50 7654321" };
    const reference = await report(tenant, { ...personal, account_id: "acct-secret-1", device_id: "device-secret-1" });
    const urls = [
      `/requests.json?jurisdiction_id=${tenant.slug}`,
      `/requests.xml?jurisdiction_id=${tenant.slug}`,
      `/requests/${reference}.json?jurisdiction_id=${tenant.slug}`,
      `/requests/${reference}.xml?jurisdiction_id=${tenant.slug}`,
      `/requests.json?jurisdiction_id=${tenant.slug}&service_request_id=${reference}`,
    ];
    for (const url of urls) {
      const res = await getJson(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(reference);
      for (const secret of [...Object.values(personal), "7654321", "acct-secret-1", "device-secret-1"])
        expect(res.body, url).not.toContain(secret);
    }
  });
});
