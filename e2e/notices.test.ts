/**
 * Communication and the embed in a real browser: a targeted notice appears on the form for its
 * category and for a place in its area (announced, not blocking the send); the FAQ page by
 * keyboard; and the form embedded with embed.js on host pages served from other loopback
 * origins — an allowed one gets a working, self-resizing form, another is refused by CSP
 * frame-ancestors and keeps its fallback link.
 */
import { createServer, type Server } from "node:http";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, signIn } from "../apps/server/test/harness.ts";
import { activeElement, type E2E, expectAccessible, newPage, startE2E, tabTo } from "./harness.ts";

const SLOW = 180_000;

let e2e: E2E;
let admin: Client;

beforeAll(async () => {
  e2e = await startE2E();
  admin = await signIn(e2e.app, e2e.tenant, "admin");
  const categories = e2e.tenant.categories;
  const hour = 3_600_000;
  for (const body of [
    {
      kind: "disruption",
      title: { fi: "Kadut: päällystystyöt", en: "Streets: resurfacing works" },
      body: {
        fi: "Päällystämme katuja.",
        en: "We are resurfacing streets this week.\n\n- Expect detours\n- Details: https://example.org/works",
      },
      validFrom: new Date(Date.now() - hour).toISOString(),
      categoryIds: [categories.streets],
    },
    {
      kind: "disruption",
      title: { fi: "Vesikatko Hervannassa", en: "Water outage in Hervanta" },
      body: { fi: "Tiedämme vesikatkosta.", en: "We already know about the water outage in Hervanta." },
      validFrom: new Date(Date.now() - hour).toISOString(),
      areaIds: [e2e.tenant.areas.hervanta],
    },
    {
      kind: "news",
      title: { fi: "Uusi palvelu", en: "A new service" },
      body: { fi: "Uutinen.", en: "News for everyone." },
      validFrom: new Date(Date.now() - hour).toISOString(),
    },
  ])
    expect((await admin.post("/api/staff/admin/notices", body)).statusCode).toBe(201);
  for (const [i, [q, a]] of [
    ["How do I follow my feedback?", "Use the personal tracking link you get after sending."],
    ["Can I send feedback anonymously?", "Yes. Contact details are needed only for an answer."],
    ["What if the situation is dangerous?", "Call the emergency number 112."],
  ].entries())
    expect(
      (await admin.post("/api/staff/admin/faq", { question: { fi: `K${i}`, en: q }, answer: { fi: `V${i}`, en: a }, position: i }))
        .statusCode,
    ).toBe(201);
});

afterAll(async () => {
  await e2e?.close();
});

const formNotices = (page: Page) => page.locator(".form-notices");

describe("notices on the contact form", () => {
  it(
    "shows the notice of the chosen category and of a place in the targeted area, and still sends",
    async () => {
      const page = await newPage(e2e, "en");
      await page.goto(`${e2e.baseUrl}/${e2e.tenant.slug}/`);
      await page.getByRole("heading", { level: 1, name: "Contact us" }).waitFor();
      expect(await formNotices(page).getAttribute("aria-live")).toBe("polite");
      expect(await formNotices(page).textContent()).toBe("");

      // A leaf under Streets: the parent's notice covers it.
      await page.locator(`#category-${e2e.tenant.categories.potholes}`).check();
      await formNotices(page).getByRole("heading", { name: "Streets: resurfacing works" }).waitFor();
      expect(await formNotices(page).getByRole("link", { name: "https://example.org/works" }).getAttribute("rel")).toContain("noopener");
      expect(await formNotices(page).getByRole("heading", { name: "Water outage in Hervanta" }).count()).toBe(0);
      await expectAccessible(page, "the form with a category notice");

      // A place in Hervanta adds the area's notice.
      await page.locator("#address").fill("insinoorinkatu 1");
      await page
        .getByRole("option", { name: /^Insinöörinkatu 1\b/ })
        .first()
        .click();
      await formNotices(page).getByRole("heading", { name: "Water outage in Hervanta" }).waitFor();
      expect((await formNotices(page).getByRole("heading", { level: 3 }).allTextContents()).sort()).toEqual([
        "Streets: resurfacing works",
        "Water outage in Hervanta",
      ]);
      await expectAccessible(page, "the form with category and area notices");

      // Another category outside the Streets tree drops the category's notice, the area's stays.
      await page.locator(`#category-${e2e.tenant.categories.playgrounds}`).check();
      await expect.poll(() => formNotices(page).getByRole("heading", { level: 3 }).allTextContents()).toEqual(["Water outage in Hervanta"]);

      await page.locator("#description").fill(`The swing is broken ${Date.now()}`);
      await page.getByRole("button", { name: "Send" }).click();
      await page.getByRole("heading", { level: 1, name: "Thank you, we have received your message" }).waitFor();
      await page.context().close();
    },
    SLOW,
  );

  it("lists current notices on the notices page, linked from the layout", async () => {
    const page = await newPage(e2e, "en");
    await page.goto(`${e2e.baseUrl}/${e2e.tenant.slug}/`);
    await page.getByRole("navigation", { name: "Service pages" }).getByRole("link", { name: "Notices" }).click();
    await page.getByRole("heading", { level: 1, name: "Notices" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Disruptions" }).waitFor();
    expect(await page.locator(".notice-list h3").allTextContents()).toEqual([
      expect.stringMatching(/resurfacing|Water/),
      expect.stringMatching(/resurfacing|Water/),
      "A new service",
    ]);
    expect(await page.getByText("Area: Hervanta").count()).toBe(1);
    await expectAccessible(page, "the notices page");
    await page.context().close();
  });
});

describe("FAQ page", () => {
  it(
    "searches and opens answers with the keyboard",
    async () => {
      const page = await newPage(e2e, "en");
      await page.goto(`${e2e.baseUrl}/${e2e.tenant.slug}/faq`);
      await page.getByRole("heading", { level: 1, name: "Frequently asked questions" }).waitFor();
      await page.getByRole("status").filter({ hasText: "3 questions" }).waitFor();
      await expectAccessible(page, "the FAQ page");

      await tabTo(page, "#faq-search");
      await page.keyboard.type("anonym");
      await page.getByRole("status").filter({ hasText: "1 question" }).waitFor();
      const question = page.getByRole("button", { name: "Can I send feedback anonymously?" });
      expect(await question.getAttribute("aria-expanded")).toBe("false");
      expect(await page.getByText("Contact details are needed only for an answer.").isVisible()).toBe(false);

      await page.keyboard.press("Tab");
      expect((await activeElement(page)).tag).toBe("BUTTON");
      await page.keyboard.press("Enter");
      expect(await question.getAttribute("aria-expanded")).toBe("true");
      await page.getByText("Contact details are needed only for an answer.").waitFor();
      await expectAccessible(page, "the FAQ page with an answer open");
      await page.keyboard.press("Space");
      expect(await question.getAttribute("aria-expanded")).toBe("false");

      await page.locator("#faq-search").fill("nothing matches this");
      await page.getByRole("status").filter({ hasText: "No questions found" }).waitFor();
      await page.context().close();
    },
    SLOW,
  );
});

/** A host page on its own loopback origin that embeds the form. */
async function hostPage(html: (self: string) => string): Promise<{ origin: string; server: Server }> {
  const server = createServer((_req, res) => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html(`http://127.0.0.1:${port}`));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return { origin: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`, server };
}

const embedHtml = () => `<!doctype html><html lang="en"><head><title>City page</title></head><body>
<main><h1>City of Demo</h1><p>Tell us what you think.</p>
<a href="${e2e.baseUrl}/${e2e.tenant.slug}/" data-yhteys-fallback>Give feedback</a>
<script src="${e2e.baseUrl}/embed.js" data-org="${e2e.tenant.slug}" data-category="${e2e.tenant.categories.potholes}" data-lang="en" async></script>
<p id="after">The end of the city page.</p></main></body></html>`;

describe("embedded form", () => {
  const servers: Server[] = [];
  afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

  it(
    "loads in an allowed page, resizes itself and sends; another origin is refused by frame-ancestors",
    async () => {
      const allowed = await hostPage(embedHtml);
      const other = await hostPage(embedHtml);
      servers.push(allowed.server, other.server);
      const set = await admin.put("/api/staff/admin/embed", { allowedOrigins: [allowed.origin] });
      expect(set.statusCode, set.body).toBe(200);

      const page = await newPage(e2e, "fi");
      await page.goto(allowed.origin);
      const iframe = page.locator("iframe[data-yhteys-frame]");
      await iframe.waitFor({ state: "attached" });
      expect(await iframe.getAttribute("title")).toBe("Feedback form");
      // The frame reports its height: it grows from 0 to the whole form, and the fallback link goes.
      await expect.poll(async () => (await iframe.boundingBox())?.height ?? 0).toBeGreaterThan(600);
      expect(await page.locator("[data-yhteys-fallback]").count()).toBe(0);
      const frame = page.frameLocator("iframe[data-yhteys-frame]");
      await frame.getByRole("heading", { level: 1, name: "Contact us" }).waitFor();
      expect(await frame.locator(`#category-${e2e.tenant.categories.potholes}`).isChecked()).toBe(true);
      // Chromeless: no site header or navigation of the portal inside the host page.
      expect(await frame.locator(".site-header").count()).toBe(0);
      const frameHeight = async () => (await iframe.boundingBox())?.height ?? 0;
      const formHeight = await frameHeight();
      const contentHeight = await frame.locator("body").evaluate((b) => Math.ceil(b.getBoundingClientRect().height));
      expect(Math.abs(formHeight - contentHeight)).toBeLessThanOrEqual(1);
      await expectAccessible(page, "the host page with the embedded form");
      // The frame is the embedded form's own small build, not the whole portal's.
      expect(await frame.locator('script[src^="/embed-app/assets/"]').count()).toBe(1);
      // The map loads only when asked for, and works without tiles.
      await frame.getByRole("button", { name: "Choose the place on a map" }).click();
      await frame.locator(".map-canvas.leaflet-container").waitFor();
      await frame.getByText("No background map is in use: the map shows only the pins.").waitFor();
      await expectAccessible(page, "the embedded form with the map open");
      await frame.getByRole("button", { name: "Hide the map" }).click();

      // The preset category alone is no draft of the resident's: loading again restores nothing.
      await page.reload();
      await frame.getByRole("heading", { level: 1, name: "Contact us" }).waitFor();
      await expect.poll(frameHeight).toBeGreaterThan(600);
      expect(await frame.getByText("restored", { exact: false }).count()).toBe(0);

      const description = `Embedded pothole report ${Date.now()}`;
      await frame.locator("#description").fill(description);
      await frame.getByRole("button", { name: "Send" }).click();
      await frame.getByRole("heading", { level: 1, name: "Thank you, we have received your message" }).waitFor();
      // The shorter confirmation shrinks the frame.
      await expect.poll(frameHeight).toBeLessThan(formHeight);
      const staff = await signIn(e2e.app, e2e.tenant, "advisor");
      const found = (await staff.get(`/api/staff/tickets?q=${encodeURIComponent("Embedded pothole report")}`)).json();
      expect(found.items).toHaveLength(1);
      await page.context().close();

      // A page the organisation has not allowed: the browser refuses to frame the form.
      const refused = await newPage(e2e, "fi");
      const blocked = new Promise<string>((resolve) =>
        refused.on("console", (m) => m.text().includes("frame-ancestors") && resolve(m.text())),
      );
      await refused.goto(other.origin);
      expect(await blocked).toContain("frame-ancestors");
      const refusedFrame = refused.frames().find((f) => f !== refused.mainFrame());
      expect(await refusedFrame?.locator("#description").count()).toBe(0);
      expect((await refused.locator("iframe[data-yhteys-frame]").boundingBox())?.height).toBe(0);
      await refused.getByRole("link", { name: "Give feedback" }).waitFor();
      await refused.context().close();
    },
    SLOW,
  );
});
