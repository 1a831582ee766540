/** The console's calls for integrations: API clients, inbound channels, Open311 routing and the callback queue. */
import type {
  ApiClient,
  ApiClientList,
  ApiClientUpdate,
  CallbackDone,
  CallbackList,
  CreatedApiClient,
  CreatedInboundChannel,
  InboundChannel,
  InboundChannelList,
  InboundChannelUpdate,
  NewApiClient,
  NewInboundChannel,
  NewOpen311Route,
  Open311Route,
  Open311RouteList,
  Open311RouteUpdate,
} from "@yhteys/contracts";
import { staff } from "../api.ts";

const base = "/api/staff/admin";
const id = (value: string) => encodeURIComponent(value);

export const apiClients = () => staff<ApiClientList>(`${base}/api-clients`);
export const createApiClient = (body: NewApiClient) => staff<CreatedApiClient>(`${base}/api-clients`, { method: "POST", body });
export const updateApiClient = (clientId: string, body: ApiClientUpdate) =>
  staff<ApiClient>(`${base}/api-clients/${id(clientId)}`, { method: "PATCH", body });

export const channels = () => staff<InboundChannelList>(`${base}/channels`);
export const createChannel = (body: NewInboundChannel) => staff<CreatedInboundChannel>(`${base}/channels`, { method: "POST", body });
export const updateChannel = (channelId: string, body: InboundChannelUpdate) =>
  staff<InboundChannel>(`${base}/channels/${id(channelId)}`, { method: "PATCH", body });

export const open311Routes = () => staff<Open311RouteList>(`${base}/open311-routes`);
export const createOpen311Route = (body: NewOpen311Route) => staff<Open311Route>(`${base}/open311-routes`, { method: "POST", body });
export const updateOpen311Route = (routeId: string, body: Open311RouteUpdate) =>
  staff<Open311Route>(`${base}/open311-routes/${id(routeId)}`, { method: "PATCH", body });
export const deleteOpen311Route = (routeId: string) => staff<void>(`${base}/open311-routes/${id(routeId)}`, { method: "DELETE" });

export const callbacks = (query: URLSearchParams) => staff<CallbackList>(`/api/staff/callbacks?${query}`);
export const markCalledBack = (ticketId: string, body: CallbackDone) =>
  staff<unknown>(`/api/staff/callbacks/${id(ticketId)}/done`, { method: "POST", body });
