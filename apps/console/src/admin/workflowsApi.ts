/** The console's calls for ticket types and their workflows. */
import type { NewTicketType, TicketTypeList, TicketTypeSetting, TicketTypeUpdate, Workflow, WorkflowInput } from "@yhteys/contracts";
import { staff } from "../api.ts";

const base = "/api/staff/admin/ticket-types";

/** Types are named by key in the paths; a built-in type's key is its kind. */
export const ticketTypes = () => staff<TicketTypeList>(base);
export const createTicketType = (body: NewTicketType) => staff<TicketTypeSetting>(base, { method: "POST", body });
export const updateTicketType = (key: string, body: TicketTypeUpdate) =>
  staff<TicketTypeSetting>(`${base}/${key}`, { method: "PATCH", body });
export const workflow = (key: string) => staff<Workflow>(`${base}/${key}/workflow`);
export const setWorkflow = (key: string, body: WorkflowInput) => staff<Workflow>(`${base}/${key}/workflow`, { method: "PUT", body });
