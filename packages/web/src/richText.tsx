/**
 * Rich text from the server (replies, templates, signatures), already sanitised there, shown with
 * the same allow-list again in the browser: paragraphs, line breaks, bold, italic, lists and
 * http/https/mailto links. Anything else becomes its text; scripts and styles vanish. The HTML is
 * parsed into an inert document (nothing loads or runs) and rebuilt element by element, so it is
 * never assigned as markup.
 */
import { createElement, Fragment, type ReactNode } from "react";

const ALLOWED = { p: "p", br: "br", strong: "strong", b: "strong", em: "em", i: "em", ul: "ul", ol: "ol", li: "li", a: "a" } as const;
export type RichTag = (typeof ALLOWED)[keyof typeof ALLOWED];
const DROPPED = new Set(["script", "style", "template", "noscript", "title", "textarea", "iframe", "object"]);
const SAFE_HREF = /^(https?:|mailto:)/i;

export type RichBuilder<T> = {
  text: (text: string, key: number) => T;
  element: (tag: RichTag, href: string | null, children: T[], key: number) => T;
  /** An element that is not allowed: its children stand in for it. */
  unwrap: (children: T[], key: number) => T;
};

/** Walks `html` through the allow-list, building with `build`. */
export function buildRichText<T>(html: string, build: RichBuilder<T>): T[] {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const walk = (node: Node, key: number): T | null => {
    if (node.nodeType === Node.TEXT_NODE) return build.text(node.textContent ?? "", key);
    if (node.nodeType !== Node.ELEMENT_NODE) return null;
    const name = (node as Element).localName;
    if (DROPPED.has(name)) return null;
    const children = Array.from(node.childNodes, walk).filter((c): c is T => c !== null);
    const tag = ALLOWED[name as keyof typeof ALLOWED];
    if (!tag) return build.unwrap(children, key);
    if (tag !== "a") return build.element(tag, null, children, key);
    const href = (node as Element).getAttribute("href")?.trim() ?? "";
    return SAFE_HREF.test(href) ? build.element("a", href, children, key) : build.unwrap(children, key);
  };
  return Array.from(doc.body.childNodes, walk).filter((c): c is T => c !== null);
}

const reactBuilder: RichBuilder<ReactNode> = {
  text: (text) => text,
  element: (tag, href, children, key) =>
    createElement(tag, tag === "a" ? { key, href, rel: "noopener noreferrer" } : { key }, ...(tag === "br" ? [] : children)),
  unwrap: (children, key) => createElement(Fragment, { key }, ...children),
};

/** Sanitised rich text as React elements, in a container with `className`. */
export function RichHtml({ html, className }: { html: string; className?: string }) {
  return <div className={className}>{buildRichText(html, reactBuilder)}</div>;
}
