/** The console's calls to the admin API (users, groups, areas, categories, audit log, calendars, SLA policies, rules, webhooks and email). */
import type {
  AdminCalendar,
  AdminCalendarList,
  AdminCategory,
  AdminCategoryList,
  AdminFaqEntry,
  AdminFaqList,
  AdminGroup,
  AdminGroupList,
  AdminNotice,
  AdminNoticeList,
  AdminUser,
  AdminUserList,
  AreaList,
  CalendarDays,
  CalendarUpdate,
  CategoryMove,
  CategoryUpdate,
  ChainStatus,
  CreatedWebhookSubscription,
  EmailDelivery,
  EmailDeliveryList,
  EmbedSettings,
  EmbedSettingsInput,
  FaqEntryUpdate,
  GroupUpdate,
  LogExport,
  Mailbox,
  MailboxCheck,
  MailboxList,
  MailboxUpdate,
  MailSettings,
  MailSettingsUpdate,
  MapSource,
  NewCalendar,
  NewCategory,
  NewFaqEntry,
  NewGroup,
  NewMailbox,
  NewNotice,
  NewRule,
  NewUser,
  NewWebhookSubscription,
  NoticeUpdate,
  ReplyTemplateList,
  Rule,
  RuleList,
  RuleOrder,
  RuleUpdate,
  SlaPolicy,
  SlaPolicyInput,
  SlaPolicyList,
  Theme,
  ThemeInput,
  UserUpdate,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookSubscription,
  WebhookSubscriptionList,
  WebhookSubscriptionUpdate,
} from "@yhteys/contracts";
import { staff } from "../api.ts";

const base = "/api/staff/admin";

export const users = (query: { q?: string; includeInactive?: boolean }, signal?: AbortSignal) => {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.includeInactive) params.set("includeInactive", "true");
  return staff<AdminUserList>(`${base}/users?${params}`, signal ? { signal } : {});
};
export const user = (id: string) => staff<AdminUser>(`${base}/users/${encodeURIComponent(id)}`);
export const createUser = (body: NewUser) => staff<AdminUser>(`${base}/users`, { method: "POST", body });
export const updateUser = (id: string, body: UserUpdate) =>
  staff<AdminUser>(`${base}/users/${encodeURIComponent(id)}`, { method: "PATCH", body });

export const groups = () => staff<AdminGroupList>(`${base}/groups`);
export const createGroup = (body: NewGroup) => staff<AdminGroup>(`${base}/groups`, { method: "POST", body });
export const updateGroup = (id: string, body: GroupUpdate) =>
  staff<AdminGroup>(`${base}/groups/${encodeURIComponent(id)}`, { method: "PATCH", body });
export const areas = () => staff<AreaList>(`${base}/areas`);

/** The log-request export as JSON (to show), or the address of its CSV (to download). */
export const logRequest = (by: "email" | "name", value: string) =>
  staff<LogExport>(`${base}/audit/log-request?${new URLSearchParams({ [by]: value })}`);
export const logRequestCsvUrl = (by: "email" | "name", value: string) =>
  `${base}/audit/log-request?${new URLSearchParams({ [by]: value, format: "csv" })}`;
export const verifyChain = () => staff<ChainStatus>(`${base}/audit/verify`);

export const calendars = () => staff<AdminCalendarList>(`${base}/calendars`);
export const createCalendar = (body: NewCalendar) => staff<AdminCalendar>(`${base}/calendars`, { method: "POST", body });
export const updateCalendar = (id: string, body: CalendarUpdate) =>
  staff<AdminCalendar>(`${base}/calendars/${encodeURIComponent(id)}`, { method: "PATCH", body });
export const deleteCalendar = (id: string) => staff<void>(`${base}/calendars/${encodeURIComponent(id)}`, { method: "DELETE" });
export const calendarDays = (id: string, days = 14) => staff<CalendarDays>(`${base}/calendars/${encodeURIComponent(id)}/days?days=${days}`);
export const slaPolicies = () => staff<SlaPolicyList>(`${base}/sla-policies`);
export const setSlaPolicy = (body: SlaPolicyInput) => staff<SlaPolicy>(`${base}/sla-policies`, { method: "PUT", body });
export const deleteSlaPolicy = (id: string) => staff<void>(`${base}/sla-policies/${encodeURIComponent(id)}`, { method: "DELETE" });

export const rules = () => staff<RuleList>(`${base}/rules`);
export const replyTemplates = () => staff<ReplyTemplateList>(`${base}/reply-templates`);
export const createRule = (body: NewRule) => staff<Rule>(`${base}/rules`, { method: "POST", body });
export const updateRule = (id: string, body: RuleUpdate) =>
  staff<Rule>(`${base}/rules/${encodeURIComponent(id)}`, { method: "PATCH", body });
export const deleteRule = (id: string) => staff<void>(`${base}/rules/${encodeURIComponent(id)}`, { method: "DELETE" });
export const orderRules = (body: RuleOrder) => staff<RuleList>(`${base}/rules/order`, { method: "PUT", body });
export const webhooks = () => staff<WebhookSubscriptionList>(`${base}/webhooks`);
export const createWebhook = (body: NewWebhookSubscription) =>
  staff<CreatedWebhookSubscription>(`${base}/webhooks`, { method: "POST", body });
export const updateWebhook = (id: string, body: WebhookSubscriptionUpdate) =>
  staff<WebhookSubscription>(`${base}/webhooks/${encodeURIComponent(id)}`, { method: "PATCH", body });
export const deleteWebhook = (id: string) => staff<void>(`${base}/webhooks/${encodeURIComponent(id)}`, { method: "DELETE" });
export const pingWebhook = (id: string) => staff<WebhookDelivery>(`${base}/webhooks/${encodeURIComponent(id)}/ping`, { method: "POST" });
export const webhookDeliveries = (id: string) => staff<WebhookDeliveryList>(`${base}/webhooks/${encodeURIComponent(id)}/deliveries`);
export const deadLetters = () => staff<WebhookDeliveryList>(`${base}/webhooks/dead-letters`);
export const retryDelivery = (id: string) =>
  staff<WebhookDelivery>(`${base}/webhooks/deliveries/${encodeURIComponent(id)}/retry`, { method: "POST" });

export const notices = () => staff<AdminNoticeList>(`${base}/notices`);
export const createNotice = (body: NewNotice) => staff<AdminNotice>(`${base}/notices`, { method: "POST", body });
export const updateNotice = (id: string, body: NoticeUpdate) =>
  staff<AdminNotice>(`${base}/notices/${encodeURIComponent(id)}`, { method: "PATCH", body });
export const deleteNotice = (id: string) => staff<void>(`${base}/notices/${encodeURIComponent(id)}`, { method: "DELETE" });
export const noticeAreas = () => staff<AreaList>(`${base}/notice-areas`);
export const faq = () => staff<AdminFaqList>(`${base}/faq`);
export const createFaq = (body: NewFaqEntry) => staff<AdminFaqEntry>(`${base}/faq`, { method: "POST", body });
export const updateFaq = (id: string, body: FaqEntryUpdate) =>
  staff<AdminFaqEntry>(`${base}/faq/${encodeURIComponent(id)}`, { method: "PATCH", body });
export const deleteFaq = (id: string) => staff<void>(`${base}/faq/${encodeURIComponent(id)}`, { method: "DELETE" });
export const embedSettings = () => staff<EmbedSettings>(`${base}/embed`);
export const setEmbedSettings = (body: EmbedSettingsInput) => staff<EmbedSettings>(`${base}/embed`, { method: "PUT", body });
export const mapSource = () => staff<MapSource>(`${base}/map`);
export const setMapSource = (body: MapSource) => staff<MapSource>(`${base}/map`, { method: "PUT", body });
export const mailSettings = () => staff<MailSettings>(`${base}/mail`);
export const theme = () => staff<Theme>(`${base}/theme`);
export const setTheme = (body: ThemeInput) => staff<Theme>(`${base}/theme`, { method: "PUT", body });
export const resetTheme = () => staff<Theme>(`${base}/theme`, { method: "DELETE" });
export const setLogo = (file: Blob) => staff<Theme>(`${base}/theme/logo`, { method: "PUT", body: file });
export const removeLogo = () => staff<Theme>(`${base}/theme/logo`, { method: "DELETE" });
export const saveMailSettings = (body: MailSettingsUpdate) => staff<MailSettings>(`${base}/mail`, { method: "PUT", body });
export const sendTestEmail = (to: string) => staff<EmailDelivery>(`${base}/mail/test`, { method: "POST", body: { to } });
export const failedEmails = () => staff<EmailDeliveryList>(`${base}/mail/deliveries?state=failed`);
export const retryEmail = (id: string) =>
  staff<EmailDelivery>(`${base}/mail/deliveries/${encodeURIComponent(id)}/retry`, { method: "POST" });
export const mailboxes = () => staff<MailboxList>(`${base}/mailboxes`);
export const createMailbox = (body: NewMailbox) => staff<Mailbox>(`${base}/mailboxes`, { method: "POST", body });
export const updateMailbox = (id: string, body: MailboxUpdate) =>
  staff<Mailbox>(`${base}/mailboxes/${encodeURIComponent(id)}`, { method: "PATCH", body });
export const deleteMailbox = (id: string) => staff<void>(`${base}/mailboxes/${encodeURIComponent(id)}`, { method: "DELETE" });
export const checkMailbox = (id: string) => staff<MailboxCheck>(`${base}/mailboxes/${encodeURIComponent(id)}/check`, { method: "POST" });

export const categories = () => staff<AdminCategoryList>(`${base}/categories`);
export const createCategory = (body: NewCategory) => staff<AdminCategory>(`${base}/categories`, { method: "POST", body });
export const updateCategory = (id: string, body: CategoryUpdate) =>
  staff<AdminCategory>(`${base}/categories/${encodeURIComponent(id)}`, { method: "PATCH", body });
export const moveCategory = (id: string, body: CategoryMove) =>
  staff<AdminCategoryList>(`${base}/categories/${encodeURIComponent(id)}/move`, { method: "POST", body });
export const deleteCategory = (id: string) => staff<void>(`${base}/categories/${encodeURIComponent(id)}`, { method: "DELETE" });
