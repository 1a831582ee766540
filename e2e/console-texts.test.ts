/**
 * The console's texts per chunk in a real browser: the first load carries only its own texts and
 * an admin page's chunk registers the page's texts before it renders. A Swedish admin page opened
 * directly by its address shows Swedish from its first render (no key such as `rules.title` ever
 * in the page), and switching the language on it changes the admin texts too.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2E, expectAccessible, newPage, startE2E } from "./harness.ts";

const SLOW = 180_000;

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

/**
 * Records, from the first byte of each page load, every text node or label that is a bare key of
 * the admin pages' or first-load admin texts (what a missing text would show), in `window.keysSeen`.
 */
function recordKeysShown(page: Page) {
  return page.addInitScript(() => {
    const key =
      /^(admin|basemap|callbacks|categories|content|embed|history|integrations|mail|mailboxes|rules|sla|templatesAdmin|theme|webhooks|workflows)\.[\w.-]+$/;
    const seen: string[] = [];
    (window as unknown as { keysSeen: string[] }).keysSeen = seen;
    const check = (text: string | null | undefined) => {
      const trimmed = text?.trim();
      if (trimmed && key.test(trimmed)) seen.push(trimmed);
    };
    const visit = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) return check(node.textContent);
      if (!(node instanceof Element)) return;
      for (const name of ["aria-label", "placeholder", "title"]) check(node.getAttribute(name));
      node.childNodes.forEach(visit);
    };
    new MutationObserver((mutations) => {
      for (const m of mutations) {
        if (m.type === "characterData") check(m.target.textContent);
        else if (m.type === "attributes") check((m.target as Element).getAttribute(m.attributeName ?? ""));
        else m.addedNodes.forEach(visit);
      }
    }).observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ["aria-label", "placeholder", "title"],
    });
  });
}

const keysSeen = (page: Page) => page.evaluate(() => (window as unknown as { keysSeen: string[] }).keysSeen);

describe("the console's texts per chunk", () => {
  it(
    "a Swedish admin page opened by its address is in Swedish from its first render, and follows a language switch",
    async () => {
      const page = await newPage(e2e, "sv");
      await recordKeysShown(page);
      await page.goto(`${e2e.baseUrl}/console/`);
      await page.getByLabel("E-post").fill(e2e.tenant.users.admin?.email ?? "");
      await page.getByLabel("Lösenord").fill("demo");
      await page.getByRole("button", { name: "Logga in" }).click();
      await page.getByRole("navigation", { name: "Administration" }).waitFor();

      // A fresh load of the page's address: the admin chunk loads with its texts.
      await page.goto(`${e2e.baseUrl}/console/admin/rules`);
      await page.getByRole("heading", { level: 1, name: "Automatiska regler" }).waitFor();
      await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Regler" }).waitFor();
      expect(await keysSeen(page)).toEqual([]);
      await expectAccessible(page, "the Swedish rules page");

      await page.getByLabel("Språk").selectOption("en");
      await page.getByRole("heading", { level: 1, name: "Automation rules" }).waitFor();
      await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Service levels" }).click();
      await page.getByRole("heading", { level: 1, name: "Service levels" }).waitFor();

      await page.getByLabel("Language").selectOption("fi");
      await page.getByRole("heading", { level: 1, name: "Palvelutasot" }).waitFor();
      expect(await keysSeen(page)).toEqual([]);
    },
    SLOW,
  );
});
