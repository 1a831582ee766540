/** The console's calls for reply templates and group signatures. */
import type { GroupSignatureList, Language, NewReplyTemplate, ReplyTemplate, ReplyTemplateList } from "@yhteys/contracts";
import { staff } from "../api.ts";

const base = "/api/staff/admin";
const id = (value: string) => encodeURIComponent(value);

export const templates = () => staff<ReplyTemplateList>(`${base}/reply-templates`);
export const createTemplate = (body: NewReplyTemplate) => staff<ReplyTemplate>(`${base}/reply-templates`, { method: "POST", body });
export const updateTemplate = (templateId: string, body: NewReplyTemplate) =>
  staff<ReplyTemplate>(`${base}/reply-templates/${id(templateId)}`, { method: "PUT", body });
export const deleteTemplate = (templateId: string) => staff<null>(`${base}/reply-templates/${id(templateId)}`, { method: "DELETE" });

export const signatures = () => staff<GroupSignatureList>(`${base}/signatures`);
/** An empty `html` removes the signature. */
export const setSignature = (groupId: string, language: Language, html: string) =>
  staff<GroupSignatureList>(`${base}/signatures/${id(groupId)}/${language}`, { method: "PUT", body: { html } });
