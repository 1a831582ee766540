/**
 * The console's calls to the staff API. The CSRF token of the session lives in memory only (it is
 * re-read from GET /api/auth/session after a reload) and goes with every unsafe request.
 */
import type {
  BulkRequest,
  BulkResult,
  Category,
  CustomerTicketList,
  GroupSummary,
  LocalizedText,
  MapSettings,
  MarkNotificationsRead,
  MentionCandidates,
  NearbyTicketList,
  NewSavedView,
  NewTicketRequest,
  NotificationList,
  NotificationPreferences,
  QueueList,
  RequestAnswer,
  SavedView,
  SavedViewList,
  SensitivityChange,
  SessionInfo,
  SplitRequest,
  TicketDetail,
  TicketList,
  TicketListQuery,
  TicketState,
  TicketTemplates,
  TicketType,
  TicketTypeSetting,
  UpdateNotificationPreferences,
  UserSummary,
} from "@yhteys/contracts";
import { ApiError, api, type RequestOptions } from "@yhteys/web";

let csrfToken = "";
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string) {
  csrfToken = token;
}

/** Called when any request answers 401 after sign-in (the session expired or was ended). */
export function setUnauthenticatedHandler(handler: (() => void) | null) {
  onUnauthenticated = handler;
}

/** Calls the staff API with the session's CSRF token; a 401 ends the session in the console. */
export async function staff<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers = method === "GET" ? options.headers : { ...options.headers, "x-csrf-token": csrfToken };
  try {
    return await api<T>(url, { ...options, ...(headers ? { headers } : {}) });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) onUnauthenticated?.();
    throw error;
  }
}

export const instance = () => api<{ defaultOrganisation: string }>("/api/instance");
/** An organisation's public facts (its name for the sign-in page). */
export const publicOrganisation = (slug: string) => api<{ name: LocalizedText }>(`/api/public/${encodeURIComponent(slug)}`);
export const session = () => api<SessionInfo>("/api/auth/session");
export const login = (body: { organisation: string; email: string; password: string }) =>
  api<SessionInfo>("/api/auth/login", { method: "POST", body });
export const logout = () => staff<void>("/api/auth/logout", { method: "POST" });

export const queues = (signal?: AbortSignal) => staff<QueueList>("/api/staff/queues", signal ? { signal } : {});

export function tickets(query: TicketListQuery, signal?: AbortSignal) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === "" || (Array.isArray(value) && !value.length)) continue;
    params.set(key, Array.isArray(value) ? value.join(",") : String(value));
  }
  return staff<TicketList>(`/api/staff/tickets?${params}`, signal ? { signal } : {});
}

export const ticket = (id: string, signal?: AbortSignal) =>
  staff<TicketDetail>(`/api/staff/tickets/${encodeURIComponent(id)}`, signal ? { signal } : {});

/** Makes a change; null (204) when the change took the ticket out of the user's sight. */
const change = async (id: string, path: string, body: unknown, method = "POST") =>
  (await staff<TicketDetail | undefined>(`/api/staff/tickets/${encodeURIComponent(id)}${path}`, { method, body })) ?? null;

export const actions = {
  edit: (id: string, body: { priority?: string; type?: TicketType; tags?: string[] }) => change(id, "", body, "PATCH"),
  reclassify: (id: string, body: { categoryId: string; type?: TicketType }) => change(id, "/reclassify", body),
  forward: (id: string, body: { groupId?: string; handlerId?: string; note?: string }) => change(id, "/forward", body),
  reply: (id: string, body: { html: string; state?: "resolved" | "waiting_for_customer" }) => change(id, "/replies", body),
  note: (id: string, body: { body: string; mentions?: string[] }) => change(id, "/notes", body),
  state: (id: string, body: { state?: TicketState; statusId?: string; reason?: string }) => change(id, "/state", body),
  sensitivity: (id: string, body: SensitivityChange) => change(id, "/sensitivity", body),
  request: (id: string, body: NewTicketRequest) => change(id, "/requests", body),
  answer: (id: string, requestId: string, body: RequestAnswer) => change(id, `/requests/${encodeURIComponent(requestId)}/answer`, body),
  link: (id: string, body: { reference: string }) => change(id, "/links", body),
  unlink: (id: string, otherId: string) => change(id, `/links/${encodeURIComponent(otherId)}`, undefined, "DELETE"),
  merge: (id: string, body: { reference: string }) => change(id, "/merge", body),
  split: (id: string, body: SplitRequest) => change(id, "/split", body),
};

export const mentionCandidates = (id: string) =>
  staff<MentionCandidates>(`/api/staff/tickets/${encodeURIComponent(id)}/mention-candidates`);
/** The customer's other tickets (same email or phone) that the user may open. */
export const customerTickets = (id: string) => staff<CustomerTicketList>(`/api/staff/tickets/${encodeURIComponent(id)}/customer-tickets`);

/** Tickets within `radius` metres of the ticket that the user may open, nearest first. */
export const nearbyTickets = (id: string, radius: number) =>
  staff<NearbyTicketList>(`/api/staff/tickets/${encodeURIComponent(id)}/nearby?radius=${radius}`);

/** The organisation's base map (the portal's settings), for the console's maps. */
export const mapSettings = () => staff<MapSettings>("/api/staff/map");

export const replyTemplates = (id: string) => staff<TicketTemplates>(`/api/staff/tickets/${encodeURIComponent(id)}/reply-templates`);

export const bulk = (body: BulkRequest) => staff<BulkResult>("/api/staff/tickets/bulk", { method: "POST", body });

export const views = (signal?: AbortSignal) => staff<SavedViewList>("/api/staff/views", signal ? { signal } : {});
export const createView = (body: NewSavedView) => staff<SavedView>("/api/staff/views", { method: "POST", body });
export const deleteView = (id: string) => staff<void>(`/api/staff/views/${encodeURIComponent(id)}`, { method: "DELETE" });

export const notifications = () => staff<NotificationList>("/api/staff/notifications");
export const markNotificationsRead = (body: MarkNotificationsRead) =>
  staff<NotificationList>("/api/staff/notifications/read", { method: "POST", body });
export const notificationPreferences = () => staff<NotificationPreferences>("/api/staff/notifications/preferences");
export const saveNotificationPreferences = (body: UpdateNotificationPreferences) =>
  staff<NotificationPreferences>("/api/staff/notifications/preferences", { method: "PUT", body });

export type Directory = { groups: GroupSummary[]; users: UserSummary[]; categories: Category[]; types: TicketTypeSetting[] };

/** Groups, colleagues, categories and ticket types; null for roles without access to the directory (403). */
export async function directory(): Promise<Directory | null> {
  try {
    const [groups, users, categories, types] = await Promise.all([
      staff<{ items: GroupSummary[] }>("/api/staff/groups"),
      staff<{ items: UserSummary[] }>("/api/staff/users"),
      staff<{ items: Category[] }>("/api/staff/categories"),
      staff<{ items: TicketTypeSetting[] }>("/api/staff/ticket-types"),
    ]);
    return { groups: groups.items, users: users.items, categories: categories.items, types: types.items };
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return null;
    throw error;
  }
}

export { ApiError };
