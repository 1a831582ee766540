/** A tiny history-based router for the console routes under /console/. */
import { useCallback, useEffect, useState } from "react";

export const BASE = "/console/";

export type Route =
  | { name: "home" }
  | { name: "queue"; queueId: string; search: URLSearchParams }
  | { name: "ticket"; ticketId: string }
  | { name: "adminUsers" }
  | { name: "adminUser"; userId: string }
  | { name: "adminGroups" }
  | { name: "adminServiceLevels" }
  | { name: "adminTicketTypes" }
  | { name: "adminCategories" }
  | { name: "adminRules" }
  | { name: "adminAudit" }
  | { name: "adminWebhooks" }
  | { name: "adminContent" }
  | { name: "adminIntegrations" }
  | { name: "callbacks"; search: URLSearchParams }
  | { name: "reports"; search: URLSearchParams }
  | { name: "newContact" }
  | { name: "absence" }
  | { name: "myRequests" }
  | { name: "myRequestNew" }
  | { name: "myRequest"; requestId: string }
  | { name: "adminMail" }
  | { name: "adminMailboxes" }
  | { name: "notificationSettings" }
  | { name: "adminTemplates" }
  | { name: "adminAppearance" }
  | { name: "notFound" };

export function parseRoute(pathname: string, search: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname === "/console" ? "" : null;
  if (rest === null) return { name: "notFound" };
  const parts = rest.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: "home" };
  if (parts[0] === "queue" && parts[1] && parts.length === 2)
    return { name: "queue", queueId: parts[1], search: new URLSearchParams(search) };
  if (parts[0] === "tickets" && parts[1] && parts.length === 2) return { name: "ticket", ticketId: parts[1] };
  if (parts[0] === "admin") return parseAdminRoute(parts.slice(1));
  if (parts[0] === "settings" && parts[1] === "notifications" && parts.length === 2) return { name: "notificationSettings" };
  if (parts[0] === "new-contact" && parts.length === 1) return { name: "newContact" };
  if (parts[0] === "absence" && parts.length === 1) return { name: "absence" };
  if (parts[0] === "my-requests" && parts.length === 1) return { name: "myRequests" };
  if (parts[0] === "my-requests" && parts[1] === "new" && parts.length === 2) return { name: "myRequestNew" };
  if (parts[0] === "my-requests" && parts[1] && parts.length === 2) return { name: "myRequest", requestId: parts[1] };
  if (parts[0] === "callbacks" && parts.length === 1) return { name: "callbacks", search: new URLSearchParams(search) };
  if (parts[0] === "reports" && parts.length === 1) return { name: "reports", search: new URLSearchParams(search) };
  return { name: "notFound" };
}

function parseAdminRoute(parts: string[]): Route {
  const [section, id, ...rest] = parts;
  if (rest.length) return { name: "notFound" };
  if (section === "users") return id ? { name: "adminUser", userId: id } : { name: "adminUsers" };
  if (section === "groups" && !id) return { name: "adminGroups" };
  if (section === "service-levels" && !id) return { name: "adminServiceLevels" };
  if (section === "ticket-types" && !id) return { name: "adminTicketTypes" };
  if (section === "categories" && !id) return { name: "adminCategories" };
  if (section === "rules" && !id) return { name: "adminRules" };
  if (section === "audit" && !id) return { name: "adminAudit" };
  if (section === "webhooks" && !id) return { name: "adminWebhooks" };
  if (section === "content" && !id) return { name: "adminContent" };
  if (section === "integrations" && !id) return { name: "adminIntegrations" };
  if (section === "mail" && !id) return { name: "adminMail" };
  if (section === "mailboxes" && !id) return { name: "adminMailboxes" };
  if (section === "templates" && !id) return { name: "adminTemplates" };
  if (section === "appearance" && !id) return { name: "adminAppearance" };
  return { name: "notFound" };
}

export const queuePath = (queueId: string, search?: URLSearchParams) => {
  const query = search?.toString();
  return `${BASE}queue/${encodeURIComponent(queueId)}${query ? `?${query}` : ""}`;
};
export const ticketPath = (ticketId: string) => `${BASE}tickets/${encodeURIComponent(ticketId)}`;
export const callbacksPath = (search?: URLSearchParams) => `${BASE}callbacks${search?.toString() ? `?${search}` : ""}`;
/** The reports page; its period, filters and breakdown are in the address, so a report can be shared and bookmarked. */
export const reportsPath = (search?: URLSearchParams) => `${BASE}reports${search?.toString() ? `?${search}` : ""}`;
/** The user's notification settings (emails link here as their List-Unsubscribe). */
export const notificationSettingsPath = `${BASE}settings/notifications`;
/** An admin page, e.g. `adminPath("users/new")`. */
export const adminPath = (page: string) => `${BASE}admin/${page}`;

const NAVIGATE = "yhteys:navigate";

export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (to === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  window.dispatchEvent(new Event(NAVIGATE));
}

export function useRoute(): Route {
  const read = useCallback(() => parseRoute(location.pathname, location.search), []);
  const [route, setRoute] = useState<Route>(read);
  useEffect(() => {
    const update = () => setRoute(read());
    window.addEventListener("popstate", update);
    window.addEventListener(NAVIGATE, update);
    return () => {
      window.removeEventListener("popstate", update);
      window.removeEventListener(NAVIGATE, update);
    };
  }, [read]);
  return route;
}

/**
 * Client-side navigation for same-origin links: plain left clicks only, so that opening in a new
 * tab, copying the address and keyboard activation (Enter fires click) all keep working.
 */
export function onLinkClick(event: React.MouseEvent<HTMLAnchorElement>) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const href = event.currentTarget.getAttribute("href");
  if (!href?.startsWith(BASE)) return;
  event.preventDefault();
  navigate(href);
}
export const newContactPath = () => `${BASE}new-contact`;
export const absencePath = () => `${BASE}absence`;
/** The internal customer's requests, one of them, or the form for a new one (`"new"`). */
export const myRequestsPath = (id?: string) => `${BASE}my-requests${id ? `/${encodeURIComponent(id)}` : ""}`;
