/**
 * Browser-test harness: the real server listening on loopback with a fresh organisation, and
 * Debian's Chromium driven by playwright-core. `expectAccessible` runs axe with WCAG 2.1 A/AA rules.
 */
import AxeBuilder from "@axe-core/playwright";
import { type Browser, chromium, type Page } from "playwright-core";
import sharp from "sharp";
import { expect } from "vitest";
import type { SeededOrganisation } from "../apps/server/src/modules/demo/demo.ts";
import { newTenant, openTestDatabase, startTestApp, type TestApp } from "../apps/server/test/harness.ts";
import { CHROMIUM } from "./global-setup.ts";

export type E2E = TestApp & { baseUrl: string; tenant: SeededOrganisation; browser: Browser };

export async function startE2E(): Promise<E2E> {
  const database = await openTestDatabase();
  const tenant = await newTenant({ db: database.db });
  // Background work on, as in production: notifications and webhooks come from the outbox relay.
  const test = await startTestApp({ DEFAULT_ORGANISATION: tenant.slug, JOBS: "on", JOBS_POLL_MS: "100" }, database);
  await test.app.listen({ port: 0, host: "127.0.0.1" });
  const address = test.app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  return {
    ...test,
    baseUrl: `http://127.0.0.1:${port}`,
    tenant,
    browser,
    close: async () => {
      await browser.close();
      await test.close();
    },
  };
}

/** A new page in its own context (axe needs one), with the given UI language remembered. */
export async function newPage(e2e: E2E, language: "fi" | "sv" | "en" = "fi"): Promise<Page> {
  const context = await e2e.browser.newContext({ locale: language === "fi" ? "fi-FI" : language === "sv" ? "sv-FI" : "en-GB" });
  await context.addInitScript((lang) => localStorage.setItem("yhteys.language", lang), language);
  return context.newPage();
}

/** Fails with the list of violations if axe finds any WCAG 2.1 A/AA problem on the page. */
export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const violations = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(violations, `accessibility violations on ${what}`).toEqual([]);
}

/** A JPEG as a phone would take it: with GPS coordinates in its EXIF, which must never be served. */
export const phonePhoto = (width = 400, height = 300) =>
  sharp({ create: { width, height, channels: 3, background: "#3a7" } })
    .jpeg()
    .withExif({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "61/1 29/1 5/1" } })
    .toBuffer();

/** Whether the page's first image matching `selector` has loaded with real pixels. */
export const imageLoaded = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);

/** What has the keyboard focus. */
export const activeElement = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName ?? "", id: el?.id ?? "", name: el?.getAttribute("name") ?? "", className: el?.className ?? "" };
  });

/** Presses Tab until the focused element matches the selector (keyboard only, like a real user). */
export async function tabTo(page: Page, selector: string, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** A console page signed in as the tenant's user `userKey` (Finnish UI), showing the queues. */
export async function consoleSignedIn(e2e: E2E, userKey: string): Promise<Page> {
  const page = await newPage(e2e, "fi");
  await page.goto(`${e2e.baseUrl}/console/`);
  await page.getByLabel("Sähköposti").fill(e2e.tenant.users[userKey]?.email ?? "");
  await page.getByLabel("Salasana").fill("demo");
  await page.getByRole("button", { name: "Kirjaudu sisään" }).click();
  await page.getByRole("navigation", { name: "Jonot" }).waitFor();
  return page;
}
