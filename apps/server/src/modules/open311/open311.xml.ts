/**
 * A tiny XML writer for Open311 responses. GeoReport v2 XML is plain elements with text (no
 * attributes, no namespaces), so a serializer of ~50 lines is enough and adds no dependency.
 */

/** A value that can be written as XML: objects become child elements, arrays repeated elements. */
export type XmlValue = string | number | boolean | null | undefined | readonly XmlValue[] | { readonly [key: string]: XmlValue };

/** The element that repeats inside each list element of the specification (`<services><service>…`). */
const itemNames: Record<string, string> = {
  services: "service",
  service_requests: "request",
  errors: "error",
  attributes: "attribute",
  values: "value",
  endpoints: "endpoint",
  formats: "format",
};

// Characters that XML 1.0 cannot carry at all, even escaped (controls, lone surrogates, U+FFFE/FFFF).
const INVALID_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;", "\r": "&#13;" };

/** Escapes text for element content or attribute values; drops characters XML cannot represent. */
export function escapeXml(text: string): string {
  // A carriage return is written as a reference because parsers would otherwise normalise it away.
  return text.replace(INVALID_CHARS, "").replace(/[&<>"'\r]/g, (c) => ENTITIES[c] ?? c);
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function element(name: string, value: XmlValue): string {
  if (!NAME.test(name)) throw new Error(`not an XML element name: ${name}`);
  if (value === undefined) return "";
  if (value === null) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = itemNames[name];
    if (!item) throw new Error(`no item element is known for the list ${name}`);
    return `<${name}>${value.map((v) => element(item, v)).join("")}</${name}>`;
  }
  if (typeof value === "object") {
    const children = Object.entries(value as { readonly [key: string]: XmlValue }).map(([k, v]) => element(k, v));
    return `<${name}>${children.join("")}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A complete XML document with `root` as its root element; `undefined` fields are left out, `null` ones are empty. */
export function toXml(root: string, value: XmlValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}`;
}
