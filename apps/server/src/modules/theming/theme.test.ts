import { contrastRatio, defaultTheme, formatRatio, LOGO_MAX_BYTES, type ThemeInput } from "@yhteys/contracts";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, newTenant, signIn, startTestApp, type TestApp } from "../../../test/harness.ts";
import type { SeededOrganisation } from "../demo/demo.ts";

let t: TestApp;
let tenant: SeededOrganisation;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp();
  tenant = await newTenant(t.ctx);
  admin = await signIn(t.app, tenant, "admin");
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: "GET", url, headers });
const city: ThemeInput = {
  colours: { ...defaultTheme.colours, primary: "#5a2d82", link: "#5a2d82", focus: "#FFD23F" },
  radius: 2,
  font: "verdana",
  displayName: { fi: "Esimerkkilän kaupunki", sv: "Exempelby stad" },
};
const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 4, background: "#5a2d82" } })
    .png()
    .toBuffer();
const putLogo = (client: Client, data: Buffer | string, type: string) =>
  client.request({ method: "PUT", url: "/api/staff/admin/theme/logo", payload: data, headers: { "content-type": type } });

describe("organisation theme", () => {
  it("is the design tokens' defaults until set, and then reaches the portal as CSS variables", async () => {
    const own = await newTenant(t.ctx);
    const ownAdmin = await signIn(t.app, own, "admin");
    expect((await ownAdmin.get("/api/staff/admin/theme")).json()).toEqual({ ...defaultTheme, custom: false, logoUrl: null });
    expect((await get(`/api/public/${own.slug}/theme.css`)).body).toBe("");

    const set = await ownAdmin.put("/api/staff/admin/theme", city);
    expect(set.statusCode, set.body).toBe(200);
    // Colours are stored lower-cased.
    expect(set.json()).toMatchObject({ custom: true, colours: { focus: "#ffd23f" }, font: "verdana", radius: 2 });

    const org = (await get(`/api/public/${own.slug}`)).json();
    expect(org.name).toEqual(city.displayName);
    const css = await get(`/api/public/${own.slug}/theme.css`);
    expect(css.headers["content-type"]).toContain("text/css");
    expect(css.body).toContain("--yh-color-primary: #5a2d82;");
    expect(css.body).toContain("--yh-radius: 2px;");
    expect(css.body).toContain("--yh-font: Verdana, Geneva, sans-serif;");
    // The hover shade is a quarter darker under white text.
    expect(css.body).toContain("--yh-color-primary-hover: #442262;");
    expect(css.headers["cache-control"]).toBe("public, max-age=300");
    const etag = String(css.headers.etag);
    expect((await get(`/api/public/${own.slug}/theme.css`, { "if-none-match": etag })).statusCode).toBe(304);
    const versioned = await get(`/api/public/${own.slug}/theme.css?v=${etag.replaceAll('"', "")}`);
    expect(versioned.headers["cache-control"]).toContain("immutable");

    const reset = await ownAdmin.delete("/api/staff/admin/theme");
    expect(reset.json()).toMatchObject({ custom: false, colours: defaultTheme.colours });
    expect((await get(`/api/public/${own.slug}/theme.css`)).body).toBe("");
    expect((await get(`/api/public/${own.slug}`)).json().name.fi).not.toBe(city.displayName?.fi);
  });

  it("refuses a theme whose colours fail WCAG AA, naming each pair and its measured ratio", async () => {
    // #777777 under white text: 4.47:1, just under 4.5.
    const res = await admin.put("/api/staff/admin/theme", { ...city, colours: { ...city.colours, primary: "#777777" } });
    expect(res.statusCode).toBe(422);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const problem = res.json();
    expect(problem.code).toBe("unprocessable");
    expect(formatRatio(contrastRatio("#777777", "#ffffff"))).toBe("4.47:1");
    expect(problem.detail).toContain("primaryText on primary: 4.47:1, needs 4.5:1");
    expect(problem.errors).toContainEqual({ path: "body.colours.primaryText", message: "primaryText on primary: 4.47:1, needs 4.5:1" });
    expect(problem.errors).toContainEqual({ path: "body.colours.primary", message: "primary on background: 4.47:1, needs 4.5:1" });

    // The focus ring must stand out from the dark ring beside it (3:1).
    const focus = await admin.put("/api/staff/admin/theme", { ...city, colours: { ...city.colours, focus: "#2b2b2b" } });
    expect(focus.statusCode).toBe(422);
    expect(focus.json().errors.map((e: { path: string }) => e.path)).toEqual(["body.colours.focus"]);
    // A dark background fails against the fixed muted and danger colours too.
    const dark = await admin.put("/api/staff/admin/theme", {
      ...city,
      colours: { ...city.colours, background: "#101010", surface: "#202020", text: "#ffffff" },
    });
    expect(dark.statusCode).toBe(422);
    expect(dark.json().detail).toContain("muted on background");
    // Nothing was stored.
    expect((await admin.get("/api/staff/admin/theme")).json().custom).toBe(false);
  });

  it("validates colours, radius and font against the contract", async () => {
    for (const bad of [
      { ...city, colours: { ...city.colours, primary: "purple" } },
      { ...city, colours: { ...city.colours, link: "#12345" } },
      { ...city, radius: 40 },
      { ...city, font: "Comic Sans MS" },
      { ...city, displayName: { sv: "utan finska" } },
    ]) {
      const res = await admin.put("/api/staff/admin/theme", bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().code).toBe("validation_failed");
    }
  });

  it("takes a PNG or WebP logo by its content, re-encoded, and refuses SVG, other types and oversize files", async () => {
    const logo = await png(120, 40);
    const set = await putLogo(admin, logo, "image/png");
    expect(set.statusCode, set.body).toBe(200);
    const url = set.json().logoUrl as string;
    expect(url).toMatch(new RegExp(`^/api/public/${tenant.slug}/logo\\?v=[0-9a-f]{16}$`));
    expect((await get(`/api/public/${tenant.slug}`)).json().logoUrl).toBe(url);
    const served = await get(url);
    expect(served.statusCode).toBe(200);
    expect(served.headers["content-type"]).toBe("image/png");
    expect(served.headers["cache-control"]).toContain("immutable");
    expect(await sharp(served.rawPayload).metadata()).toMatchObject({ format: "png", width: 120, height: 40 });

    // The declared type does not matter: a WebP sent as octet-stream is a WebP.
    const webp = await sharp(logo).webp().toBuffer();
    const asWebp = await putLogo(admin, webp, "application/octet-stream");
    expect(asWebp.statusCode, asWebp.body).toBe(200);
    expect((await get(asWebp.json().logoUrl)).headers["content-type"]).toBe("image/webp");

    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    for (const [body, type] of [
      [svg, "image/svg+xml"],
      [svg, "image/png"],
      [await sharp(logo).jpeg().toBuffer(), "image/png"],
      [Buffer.from("GIF89a not really"), "image/gif"],
      [await png(2100, 10), "image/png"],
    ] as const) {
      const res = await putLogo(admin, body, type);
      expect(res.statusCode, `${type} ${res.body}`).toBe(415);
      expect(res.json().code).toBe("unsupported_file_type");
    }
    const huge = Buffer.concat([logo, Buffer.alloc(LOGO_MAX_BYTES)]);
    expect((await putLogo(admin, huge, "image/png")).statusCode).toBe(413);
    expect((await admin.put("/api/staff/admin/theme/logo", { logo: "data:image/png;base64,AAAA" })).statusCode).toBe(415);

    // The logo stays when the colours are reset, and has its own removal.
    await admin.delete("/api/staff/admin/theme");
    expect((await admin.get("/api/staff/admin/theme")).json().logoUrl).toBe(asWebp.json().logoUrl);
    const removed = await admin.delete("/api/staff/admin/theme/logo");
    expect(removed.json().logoUrl).toBeNull();
    expect((await get(url)).statusCode).toBe(404);
  });

  it("keeps each organisation's theme its own", async () => {
    const other = await newTenant(t.ctx);
    expect((await admin.put("/api/staff/admin/theme", city)).statusCode).toBe(200);
    expect((await putLogo(admin, await png(60, 60), "image/png")).statusCode).toBe(200);
    const otherAdmin = await signIn(t.app, other, "admin");
    expect((await otherAdmin.get("/api/staff/admin/theme")).json()).toMatchObject({ custom: false, logoUrl: null });
    expect((await get(`/api/public/${other.slug}/theme.css`)).body).toBe("");
    expect((await get(`/api/public/${other.slug}/logo`)).statusCode).toBe(404);
    expect((await get(`/api/public/${other.slug}`)).json()).toMatchObject({ logoUrl: null });
    // The other organisation's reset leaves this one's theme alone.
    await otherAdmin.delete("/api/staff/admin/theme");
    await otherAdmin.delete("/api/staff/admin/theme/logo");
    expect((await get(`/api/public/${tenant.slug}/theme.css`)).body).toContain("#5a2d82");
    expect((await get(`/api/public/${tenant.slug}/logo`)).statusCode).toBe(200);
  });
});
