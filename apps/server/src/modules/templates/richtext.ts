/**
 * Rich text of staff replies, reply templates and signatures: HTML from the console's editor is
 * never trusted; it is cut down to a strict allow-list (paragraphs, line breaks, bold, italic,
 * lists and http/https/mailto links) and a plain-text version is derived from the result for the
 * text part of emails, channels and search. Pure: no database, no I/O.
 */
import sanitizeHtml from "sanitize-html";

const LINK_SCHEME = /^(https?:|mailto:)/i;

const REPLY_HTML: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "em", "ul", "ol", "li", "a"],
  allowedAttributes: { a: ["href", "rel"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "title", "template"],
  transformTags: {
    b: "strong",
    i: "em",
    div: "p",
    h1: "p",
    h2: "p",
    h3: "p",
    h4: "p",
    // A link keeps its address only with an allowed scheme (then unwrapped below).
    a: (_tag, attribs): sanitizeHtml.Tag => {
      const href = (attribs.href ?? "").trim();
      return { tagName: "a", attribs: LINK_SCHEME.test(href) ? { href, rel: "noopener noreferrer" } : {} };
    },
  },
  // Empty paragraphs and links (an editor's leftovers) are dropped.
  exclusiveFilter: (frame) =>
    (frame.tag === "p" || frame.tag === "a" || frame.tag === "li") && !frame.text.trim() && !frame.mediaChildren.length,
};

/** The allowed part of `html`: what the reply, template or signature may contain. A link without an address is its text. */
export const sanitiseRichText = (html: string): string =>
  sanitizeHtml(html, REPLY_HTML)
    .replace(/<a>([^<]*(?:<(?!\/a>)[^<]*)*)<\/a>/g, "$1")
    .trim();

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);

/** Plain text as HTML: blank lines make paragraphs, single line breaks stay. */
export const textToHtml = (text: string) =>
  text
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("\n");

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] !== "#") return ENTITIES[e.toLowerCase()] ?? whole;
    const code = e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });

const TOKEN = /<(\/?)([a-z]+)([^>]*)>|([^<]+)/gi;

/**
 * The plain text of sanitised HTML (the output of `sanitiseRichText`): paragraphs separated by a
 * blank line, list items as "- " or "1. ", links as "text (address)" when the two differ.
 */
export function richTextToPlain(html: string): string {
  let out = "";
  const lists: { ordered: boolean; n: number }[] = [];
  let link: { href: string; start: number } | null = null;
  const block = () => {
    out = out.replace(/[ \t]+$/, "");
    if (out && !out.endsWith("\n\n")) out += out.endsWith("\n") ? "\n" : "\n\n";
  };
  for (const [, closing, rawTag, attrs, text] of html.matchAll(TOKEN)) {
    if (text !== undefined) {
      const words = decode(text).replace(/\s+/g, " ");
      out += out === "" || out.endsWith("\n") ? words.trimStart() : words;
      continue;
    }
    const tag = (rawTag ?? "").toLowerCase();
    if (tag === "br") out = `${out.replace(/[ \t]+$/, "")}\n`;
    else if (tag === "p" && !closing && lists.length === 0) block();
    else if (tag === "ul" || tag === "ol") {
      if (closing) lists.pop();
      else {
        if (lists.length === 0) block();
        lists.push({ ordered: tag === "ol", n: 0 });
      }
      if (closing && lists.length === 0) block();
    } else if (tag === "li" && !closing) {
      const list = lists.at(-1);
      if (out && !out.endsWith("\n")) out = `${out.replace(/[ \t]+$/, "")}\n`;
      out += `${"  ".repeat(Math.max(0, lists.length - 1))}${list?.ordered ? `${++list.n}.` : "-"} `;
    } else if (tag === "a") {
      if (!closing) link = { href: decode(/href="([^"]*)"/.exec(attrs ?? "")?.[1] ?? ""), start: out.length };
      else if (link) {
        const shown = out.slice(link.start).trim();
        const address = link.href.replace(/^mailto:/i, "");
        if (link.href && shown !== link.href && shown !== address) out += ` (${address})`;
        link = null;
      }
    }
  }
  return out
    .split("\n")
    .map((l) => l.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Rich text from the client, made safe, and its plain text. */
export function richText(html: string): { html: string; text: string } {
  const safe = sanitiseRichText(html);
  return { html: safe, text: richTextToPlain(safe) };
}
