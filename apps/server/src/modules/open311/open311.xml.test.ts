import { describe, expect, it } from "vitest";
import { escapeXml, toXml } from "./open311.xml.ts";

describe("Open311 XML writer", () => {
  it("escapes markup characters and drops characters XML cannot carry", () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;");
    expect(escapeXml("line\r\nnext\ttab")).toBe("line&#13;\nnext\ttab");
    expect(escapeXml("bell\u0007 nul\u0000 lone\uD800 ok \u{1F600}")).toBe("bell nul lone ok \u{1F600}");
  });

  it("writes lists as repeated elements with the specification's names", () => {
    const xml = toXml("service_requests", [
      { service_request_id: "YH-1", status_notes: null, lat: 61.5, skipped: undefined, ok: true },
      { service_request_id: "YH-2" },
    ]);
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_requests><request><service_request_id>YH-1</service_request_id><status_notes/><lat>61.5</lat><ok>true</ok></request><request><service_request_id>YH-2</service_request_id></request></service_requests>',
    );
    expect(toXml("service_definition", { attributes: [{ values: [{ key: "a", name: "A & B" }] }] })).toContain(
      "<attributes><attribute><values><value><key>a</key><name>A &amp; B</name></value></values></attribute></attributes>",
    );
    expect(toXml("errors", [])).toBe('<?xml version="1.0" encoding="utf-8"?>\n<errors></errors>');
  });

  it("refuses lists and names it does not know rather than writing wrong XML", () => {
    expect(() => toXml("things", [1])).toThrow(/no item element/);
    expect(() => toXml("request", { "bad name": 1 })).toThrow(/not an XML element name/);
  });
});
