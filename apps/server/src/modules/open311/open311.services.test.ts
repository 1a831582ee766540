import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, startTestApp, type TestApp } from "../../../test/harness.ts";
import { categories } from "../../db/schema.ts";
import { base, open311Helpers } from "./open311.fixtures.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const { postForm, getJson, ticketIdOf } = open311Helpers(() => t.app);

describe("Open311 discovery and services", () => {
  it("describes the endpoint in JSON and XML", async () => {
    const json = await getJson("/discovery.json");
    expect(json.statusCode).toBe(200);
    expect(json.headers["content-type"]).toContain("application/json");
    expect(json.json().endpoints[0]).toMatchObject({
      specification: "http://wiki.open311.org/GeoReport_v2",
      url: "http://localhost:8080/open311/v2",
      formats: ["application/json", "text/xml"],
    });
    const xml = await getJson("/discovery.xml");
    expect(xml.headers["content-type"]).toBe("text/xml; charset=utf-8");
    expect(xml.body).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>\n<discovery>/);
    expect(xml.body).toContain("<endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification>");
    expect(xml.body).toContain("<formats><format>application/json</format><format>text/xml</format></formats>");
  });

  it("lists leaf categories as services, localised, in JSON and XML", async () => {
    const tenant = await newTenant(t.ctx);
    const res = await getJson(`/services.json?jurisdiction_id=${tenant.slug}`);
    expect(res.statusCode).toBe(200);
    const services = res.json() as { service_code: string }[];
    const codes = services.map((s) => s.service_code);
    expect(codes).toContain("potholes");
    expect(codes).not.toContain("streets"); // a group, not a service
    expect(services.find((s) => s.service_code === "street-lighting")).toEqual({
      service_code: "street-lighting",
      service_name: "Katuvalaistus",
      description: "Rikkinäiset tai jatkuvasti palavat katuvalot.",
      metadata: true,
      type: "realtime",
      keywords: "",
      group: "Kadut ja liikenne",
    });
    expect(services.find((s) => s.service_code === "potholes")).toMatchObject({ metadata: false });

    const en = (await getJson(`/services.json?jurisdiction_id=${tenant.slug}&locale=en_GB`)).json();
    expect(en.find((s: { service_code: string }) => s.service_code === "street-lighting")).toMatchObject({
      service_name: "Street lighting",
      group: "Streets and traffic",
    });

    const xml = await getJson(`/services.xml?jurisdiction_id=${tenant.slug}&lang=sv`);
    expect(xml.statusCode).toBe(200);
    expect(xml.headers["content-type"]).toBe("text/xml; charset=utf-8");
    expect(xml.body).toContain("<services><service><service_code>");
    expect(xml.body).toContain(
      "<service_code>street-lighting</service_code><service_name>Gatubelysning</service_name><description>Trasiga gatlampor.</description><metadata>true</metadata><type>realtime</type><keywords></keywords><group>Gator och trafik</group>",
    );
    expect(xml.body.match(/<service>/g)?.length).toBe(services.length);
    expect(xml.body.trimEnd()).toMatch(/<\/services>$/);
  });

  it("defines a service's attributes from its extra fields", async () => {
    const tenant = await newTenant(t.ctx);
    const res = await getJson(`/services/street-lighting.json?jurisdiction_id=${tenant.slug}&locale=en`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      service_code: "street-lighting",
      attributes: [
        {
          variable: true,
          code: "pole_number",
          datatype: "string",
          required: false,
          datatype_description: "The number is on the side of the pole.",
          order: 1,
          description: "Pole number",
        },
        {
          variable: true,
          code: "lamp_state",
          datatype: "singlevaluelist",
          required: true,
          datatype_description: null,
          order: 2,
          description: "What is wrong?",
          values: [
            { key: "dark", name: "Not lit" },
            { key: "flicker", name: "Flickers" },
            { key: "day", name: "Lit in daytime" },
          ],
        },
      ],
    });
    const playground = (await getJson(`/services/playgrounds.json?jurisdiction_id=${tenant.slug}`)).json();
    expect(playground.attributes[0]).toMatchObject({
      code: "equipment_damaged",
      datatype: "singlevaluelist",
      values: [
        { key: "true", name: "Kyllä" },
        { key: "false", name: "Ei" },
      ],
    });

    const xml = await getJson(`/services/street-lighting.xml?jurisdiction_id=${tenant.slug}`);
    expect(xml.body).toContain(
      "<service_definition><service_code>street-lighting</service_code><attributes><attribute><variable>true</variable>",
    );
    expect(xml.body).toContain("<datatype_description/>");
    expect(xml.body).toContain("<values><value><key>dark</key><name>Ei pala</name></value>");

    for (const code of ["no-such-service", "streets"]) {
      const missing = await getJson(`/services/${code}.json?jurisdiction_id=${tenant.slug}`);
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual([{ code: 404, description: `The service ${code} was not found` }]);
    }
  });

  it("maps every extra-field type to an Open311 datatype and back", async () => {
    const tenant = await newTenant(t.ctx);
    await t.ctx.db.insert(categories).values({
      organisationId: tenant.id,
      parentId: tenant.categories.streets,
      code: "bench-survey",
      name: { fi: "Penkkikysely" },
      defaultGroupId: tenant.groups.streets,
      extraFields: [
        { code: "count", type: "number", required: true, label: { fi: "Määrä" } },
        { code: "seen_on", type: "date", required: false, label: { fi: "Päivä" } },
        { code: "notes", type: "text", required: false, label: { fi: "Lisätiedot" } },
        {
          code: "issues",
          type: "multivaluelist",
          required: true,
          label: { fi: "Viat" },
          options: [
            { key: "paint", label: { fi: "Maali" } },
            { key: "broken", label: { fi: "Rikki" } },
          ],
        },
      ],
    });
    const definition = (await getJson(`/services/bench-survey.json?jurisdiction_id=${tenant.slug}`)).json();
    expect(definition.attributes.map((a: { datatype: string }) => a.datatype)).toEqual(["number", "datetime", "text", "multivaluelist"]);
    expect(definition.attributes[3].values).toEqual([
      { key: "paint", name: "Maali" },
      { key: "broken", name: "Rikki" },
    ]);

    const res = await t.app.inject({
      method: "POST",
      url: `${base}/requests.json`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: `api_key=${tenant.apiKey}&service_code=bench-survey&address_string=Puistokatu%201&attribute[count]=3&attribute[seen_on]=2026-05-01T10:00:00Z&attribute[issues][]=paint&attribute[issues][]=broken&attribute[notes]=`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const reference = res.json()[0].service_request_id;
    const { advisor, id } = await ticketIdOf(tenant, reference);
    const detail = (await advisor.get(`/api/staff/tickets/${id}`)).json();
    expect(detail.extraFields).toEqual({ count: 3, seen_on: "2026-05-01", issues: ["paint", "broken"] });
    expect(detail.description).toBe("Penkkikysely"); // no description: the service name stands in

    const bad = await postForm({ api_key: tenant.apiKey, service_code: "bench-survey", address_string: "x", "attribute[count]": "three" });
    expect(bad.statusCode).toBe(400);
    const descriptions = bad.json().map((e: { description: string }) => e.description);
    expect(descriptions).toContain("attribute[count]: not a valid number");
    expect(descriptions).toContain("attribute[issues]: required");
  });
});

describe("Open311 in the API description", () => {
  it("appears in the OpenAPI document under the open311 tag", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    for (const path of ["/open311/v2/services.{format}", "/open311/v2/services/{service_code}.{format}", "/open311/v2/requests.{format}"])
      expect(doc.paths[path], path).toBeTruthy();
    expect(doc.paths["/open311/v2/requests.{format}"].post.tags).toEqual(["open311"]);
  });
});
