/**
 * A queue's extra filters in the address bar (comma-separated lists, ids, a tag, days), shared by the
 * queue view, its filter panel and saved views: a saved view is a queue plus these parameters.
 */
import type { Channel, Priority, TicketState, TicketType, ViewFilters } from "@yhteys/contracts";
import { openStates } from "@yhteys/contracts/constants";
import { queuePath } from "./router.ts";

const lists = ["priority", "channel", "type", "typeId"] as const;
const ids = ["categoryId", "areaId", "handlerId", "tag"] as const;

/** The extra filters of a queue address, as listing query fields. */
export function filtersOf(search: URLSearchParams): Pick<ViewFilters, (typeof lists)[number] | (typeof ids)[number] | "olderThanDays"> {
  const list = (key: string) => search.get(key)?.split(",").filter(Boolean) ?? [];
  const days = Number.parseInt(search.get("olderThanDays") ?? "", 10);
  return {
    ...(list("priority").length ? { priority: list("priority") as Priority[] } : {}),
    ...(list("channel").length ? { channel: list("channel") as Channel[] } : {}),
    ...(list("type").length ? { type: list("type") as TicketType[] } : {}),
    ...(list("typeId").length ? { typeId: list("typeId") } : {}),
    ...Object.fromEntries(ids.flatMap((k) => (search.get(k) ? [[k, search.get(k)]] : []))),
    ...(days > 0 ? { olderThanDays: days } : {}),
  };
}

/** What a saved view stores of the queue the user is looking at. */
export function viewFiltersOf(queueId: string, search: URLSearchParams): ViewFilters {
  const state = search.get("state");
  const sla = search.get("sla");
  const q = search.get("q")?.trim();
  return {
    ...(queueId === "all" ? {} : { queue: queueId }),
    state: state === "all" ? undefined : state ? [state as TicketState] : [...openStates],
    ...filtersOf(search),
    ...(q ? { q } : {}),
    ...(sla === "warning" || sla === "breached" ? { sla } : {}),
    ...(search.get("sort") ? { sort: search.get("sort") as ViewFilters["sort"] } : {}),
    ...(search.get("order") === "asc" ? { order: "asc" } : {}),
  };
}

/** The queue address that shows a saved view (with `view` naming it, so the queue can say so). */
export function viewPath(viewId: string, f: ViewFilters): string {
  const p = new URLSearchParams({ view: viewId });
  const states = f.state ?? [];
  const open = states.length === openStates.length && openStates.every((s) => states.includes(s));
  if (!open) p.set("state", states.length === 1 ? (states[0] as string) : "all");
  for (const k of lists) if (f[k]?.length) p.set(k, (f[k] as string[]).join(","));
  for (const k of ids) if (f[k]) p.set(k, f[k] as string);
  if (f.olderThanDays) p.set("olderThanDays", String(f.olderThanDays));
  if (f.q) p.set("q", f.q);
  if (f.sla) p.set("sla", f.sla);
  if (f.sort && f.sort !== "createdAt") p.set("sort", f.sort);
  if (f.order === "asc") p.set("order", "asc");
  return queuePath(f.queue ?? "all", p);
}
