/** The console's calls for recording contacts, internal requests and absences. */
import type {
  Absence,
  AbsenceSettings,
  Category,
  InternalRequestDetail,
  InternalRequestList,
  InternalRequestSubmission,
  RecordedContact,
  RecordedContactReceipt,
} from "@yhteys/contracts";
import { staff } from "./api.ts";

export const recordContact = (body: RecordedContact) => staff<RecordedContactReceipt>("/api/staff/contacts", { method: "POST", body });

const internal = "/api/staff/internal-requests";
export const internalCategories = () => staff<{ items: Category[] }>(`${internal}/categories`);
export const internalRequests = () => staff<InternalRequestList>(internal);
export const internalRequest = (id: string) => staff<InternalRequestDetail>(`${internal}/${encodeURIComponent(id)}`);
export const submitInternalRequest = (body: InternalRequestSubmission) => staff<InternalRequestDetail>(internal, { method: "POST", body });
export const replyToInternalRequest = (id: string, body: string) =>
  staff<InternalRequestDetail>(`${internal}/${encodeURIComponent(id)}/messages`, { method: "POST", body: { body } });

/** My absence, or a user's (technical admins) when `userId` is given. */
const absencePath = (userId?: string) =>
  userId ? `/api/staff/admin/users/${encodeURIComponent(userId)}/absence` : "/api/staff/me/absence";
export const absence = (userId?: string) => staff<AbsenceSettings>(absencePath(userId));
export const setAbsence = (body: Absence, userId?: string) => staff<AbsenceSettings>(absencePath(userId), { method: "PUT", body });
