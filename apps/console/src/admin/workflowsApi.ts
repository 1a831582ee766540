/** The console's calls for ticket types and their workflows. */
import type { TicketType, TicketTypeList, TicketTypeSetting, TicketTypeUpdate, Workflow, WorkflowInput } from "@yhteys/contracts";
import { staff } from "../api.ts";

const base = "/api/staff/admin/ticket-types";

export const ticketTypes = () => staff<TicketTypeList>(base);
export const updateTicketType = (type: TicketType, body: TicketTypeUpdate) =>
  staff<TicketTypeSetting>(`${base}/${type}`, { method: "PATCH", body });
export const workflow = (type: TicketType) => staff<Workflow>(`${base}/${type}/workflow`);
export const setWorkflow = (type: TicketType, body: WorkflowInput) => staff<Workflow>(`${base}/${type}/workflow`, { method: "PUT", body });
