/** A tiny client-side router: the path is the state, links use history.pushState. */
import { type MouseEvent, useSyncExternalStore } from "react";

const CHANGE = "yhteys:navigate";

function subscribe(callback: () => void) {
  window.addEventListener("popstate", callback);
  window.addEventListener(CHANGE, callback);
  return () => {
    window.removeEventListener("popstate", callback);
    window.removeEventListener(CHANGE, callback);
  };
}

export function usePath(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.pathname,
    () => "/",
  );
}

export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(CHANGE));
}

/** Click handler for in-app links: plain left clicks navigate without reloading the page. */
export function followLink(event: MouseEvent<HTMLAnchorElement>) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const url = new URL(event.currentTarget.href);
  if (url.origin !== window.location.origin) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
}

export type Route =
  | { page: "root" }
  | { page: "form"; org: string }
  | { page: "track"; org: string; token: string }
  | { page: "notices"; org: string }
  | { page: "faq"; org: string }
  /** The chromeless form for other sites' pages (embed.js). */
  | { page: "embed"; org: string }
  | { page: "unsubscribe"; org: string; token: string }
  | { page: "feedback"; org: string }
  | { page: "feedbackItem"; org: string; reference: string }
  | { page: "notFound"; org: string };

export function parseRoute(path: string): Route {
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const [org, section, token, ...rest] = parts;
  if (!org) return { page: "root" };
  if (!section) return { page: "form", org };
  if (section === "track" && token && rest.length === 0) return { page: "track", org, token };
  if ((section === "notices" || section === "faq" || section === "embed") && !token) return { page: section, org };
  if (section === "unsubscribe" && token && rest.length === 0) return { page: "unsubscribe", org, token };
  if (section === FEEDBACK_SECTION && !token) return { page: "feedback", org };
  if (section === FEEDBACK_SECTION && token && rest.length === 0) return { page: "feedbackItem", org, reference: token };
  return { page: "notFound", org };
}

export const formPath = (org: string) => `/${encodeURIComponent(org)}/`;
export const trackPath = (org: string, token: string) => `/${encodeURIComponent(org)}/track/${encodeURIComponent(token)}`;
export const noticesPath = (org: string) => `/${encodeURIComponent(org)}/notices`;
export const faqPath = (org: string) => `/${encodeURIComponent(org)}/faq`;

/** The public feedback list (`/{org}/palautteet`) and one item's shareable page (`/{org}/palautteet/YH-2026-000123`). */
const FEEDBACK_SECTION = "palautteet";
export const feedbackPath = (org: string, search = "") => `/${encodeURIComponent(org)}/${FEEDBACK_SECTION}${search ? `?${search}` : ""}`;
export const feedbackItemPath = (org: string, reference: string) =>
  `/${encodeURIComponent(org)}/${FEEDBACK_SECTION}/${encodeURIComponent(reference)}`;
