import { describe, expect, it } from "vitest";
import { renderTemplate, unknownPlaceholders } from "./render.ts";

describe("renderTemplate", () => {
  it("fills every known placeholder, with or without spaces inside the braces", () => {
    const out = renderTemplate("Hei {{resident.name}}! Asia {{ ticket.reference }} on ryhmällä {{group.name}}. T. {{handler.name}}", {
      "resident.name": "Aapo",
      "ticket.reference": "YH-2026-000001",
      "group.name": "Viheralueet",
      "handler.name": "Eero",
    });
    expect(out).toEqual({ text: "Hei Aapo! Asia YH-2026-000001 on ryhmällä Viheralueet. T. Eero", unknown: [] });
  });

  it("leaves unknown placeholders in place and reports each once", () => {
    const out = renderTemplate("{{resident.age}} {{ foo }} {{resident.age}} {{resident.name}}", { "resident.name": null });
    expect(out).toEqual({ text: "{{resident.age}} {{ foo }} {{resident.age}} ", unknown: ["resident.age", "foo"] });
  });

  it("treats text without placeholders and lone braces as plain text", () => {
    expect(renderTemplate("{ ei } {{ ja }", {})).toEqual({ text: "{ ei } {{ ja }", unknown: [] });
    expect(unknownPlaceholders("Kiitos {{ticket.reference}} {{x}}")).toEqual(["x"]);
  });
});
