import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("ticket tags", () => {
  it("are edited on the ticket (lower-cased, each once), shown in the queue and filter it", async () => {
    const tenant = await newTenant(t.ctx);
    const advisor = await signIn(t.app, tenant, "advisor");
    const [a, b] = [await submitContact(t.app, tenant), await submitContact(t.app, tenant)];
    const id = async (reference: string) => (await advisor.get(`/api/staff/tickets?q=${reference}`)).json().items[0].id as string;
    const [first, second] = [await id(a.reference), await id(b.reference)];
    const edited = await advisor.patch(`/api/staff/tickets/${first}`, { tags: ["Talvi", "liukas", "talvi"] });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().tags).toEqual(["talvi", "liukas"]);
    expect(edited.json().history.at(-1)).toMatchObject({ type: "ticket.edited", data: { fields: ["tags"] } });
    await advisor.patch(`/api/staff/tickets/${second}`, { tags: ["liukas"] });

    const tagged = (await advisor.get("/api/staff/tickets?tag=talvi")).json();
    expect(tagged.items.map((i: { id: string; tags: string[] }) => [i.id, i.tags])).toEqual([[first, ["talvi", "liukas"]]]);
    expect((await advisor.get("/api/staff/tickets?tag=liukas")).json().total).toBe(2);

    for (const tags of [["kaksi sanaa"], [""], Array.from({ length: 21 }, (_, i) => `t${i}`)]) {
      const bad = await advisor.patch(`/api/staff/tickets/${first}`, { tags });
      expect(bad.statusCode, JSON.stringify(tags)).toBe(400);
      expect(bad.headers["content-type"]).toContain("application/problem+json");
    }
    expect((await advisor.get("/api/staff/tickets?tag=a%20b")).statusCode).toBe(400);
    // Those who may not edit tickets may not tag them.
    const viewer = await signIn(t.app, tenant, "viewer");
    expect((await viewer.patch(`/api/staff/tickets/${first}`, { tags: [] })).statusCode).not.toBe(200);
  });
});
