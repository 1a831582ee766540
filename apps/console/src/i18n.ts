/**
 * The console's texts in Finnish, Swedish and English, merged from the per-feature `*.i18n.ts`
 * files (new texts go there, not here). The Finnish dictionaries define the keys; TypeScript
 * checks that the Swedish and English ones have every key.
 */
import { type Dictionary, useTranslation } from "@yhteys/web";
import { adminEn, adminFi, adminSv } from "./admin/admin.i18n.ts";
import { basemapEn, basemapFi, basemapSv } from "./admin/basemap.i18n.ts";
import { contentEn, contentFi, contentSv } from "./admin/content.i18n.ts";
import { integrationsEn, integrationsFi, integrationsSv } from "./admin/integrations.i18n.ts";
import { mailEn, mailFi, mailSv } from "./admin/mail.i18n.ts";
import { mailboxesEn, mailboxesFi, mailboxesSv } from "./admin/mailboxes.i18n.ts";
import { ruleRoutingEn, ruleRoutingFi, ruleRoutingSv } from "./admin/ruleRouting.i18n.ts";
import { ruleStatusEn, ruleStatusFi, ruleStatusSv } from "./admin/ruleStatus.i18n.ts";
import { rulesEn, rulesFi, rulesSv } from "./admin/rules.i18n.ts";
import { slaAdminEn, slaAdminFi, slaAdminSv } from "./admin/sla.i18n.ts";
import { templatesAdminEn, templatesAdminFi, templatesAdminSv } from "./admin/templates.i18n.ts";
import { themeEn, themeFi, themeSv } from "./admin/theme.i18n.ts";
import { webhooksEn, webhooksFi, webhooksSv } from "./admin/webhooks.i18n.ts";
import { workflowsAdminEn, workflowsAdminFi, workflowsAdminSv } from "./admin/workflows.i18n.ts";
import { attachmentsEn, attachmentsFi, attachmentsSv } from "./attachments.i18n.ts";
import { automationEn, automationFi, automationSv } from "./automation.i18n.ts";
import { contextEn, contextFi, contextSv } from "./context.i18n.ts";
import { editorEn, editorFi, editorSv } from "./editor.i18n.ts";
import { followersEn, followersFi, followersSv } from "./followers.i18n.ts";
import { handlingEn, handlingFi, handlingSv } from "./handling.i18n.ts";
import { intakeEn, intakeFi, intakeSv } from "./intake.i18n.ts";
import { loginEn, loginFi, loginSv } from "./login.i18n.ts";
import { mentionsEn, mentionsFi, mentionsSv } from "./mentions.i18n.ts";
import { namesEn, namesFi, namesSv } from "./names.i18n.ts";
import { notificationSettingsEn, notificationSettingsFi, notificationSettingsSv } from "./notificationSettings.i18n.ts";
import { publishingEn, publishingFi, publishingSv } from "./publishing.i18n.ts";
import { queueEn, queueFi, queueSv } from "./queue.i18n.ts";
import { reportsEn, reportsFi, reportsSv } from "./reports.i18n.ts";
import { requestsEn, requestsFi, requestsSv } from "./requests.i18n.ts";
import { sensitiveEn, sensitiveFi, sensitiveSv } from "./sensitive.i18n.ts";
import { shellEn, shellFi, shellSv } from "./shell.i18n.ts";
import { ticketEn, ticketFi, ticketSv } from "./ticket.i18n.ts";
import { ticketActionsEn, ticketActionsFi, ticketActionsSv } from "./ticketActions.i18n.ts";
import { viewsEn, viewsFi, viewsSv } from "./views.i18n.ts";

const fi = {
  ...adminFi,
  ...slaAdminFi,
  ...workflowsAdminFi,
  ...rulesFi,
  ...ruleRoutingFi,
  ...ruleStatusFi,
  ...attachmentsFi,
  ...requestsFi,
  ...viewsFi,
  ...webhooksFi,
  ...contentFi,
  ...basemapFi,
  ...integrationsFi,
  ...mailFi,
  ...themeFi,
  ...mailboxesFi,
  ...followersFi,
  ...contextFi,
  ...sensitiveFi,
  ...mentionsFi,
  ...publishingFi,
  ...handlingFi,
  ...intakeFi,
  ...automationFi,
  ...editorFi,
  ...templatesAdminFi,
  ...notificationSettingsFi,
  ...shellFi,
  ...loginFi,
  ...namesFi,
  ...queueFi,
  ...ticketFi,
  ...ticketActionsFi,
  ...reportsFi,
};

export type MessageKey = keyof typeof fi;

const sv: Dictionary<MessageKey> = {
  ...adminSv,
  ...slaAdminSv,
  ...workflowsAdminSv,
  ...rulesSv,
  ...ruleRoutingSv,
  ...ruleStatusSv,
  ...attachmentsSv,
  ...requestsSv,
  ...viewsSv,
  ...webhooksSv,
  ...contentSv,
  ...basemapSv,
  ...integrationsSv,
  ...mailSv,
  ...themeSv,
  ...mailboxesSv,
  ...followersSv,
  ...contextSv,
  ...sensitiveSv,
  ...mentionsSv,
  ...publishingSv,
  ...handlingSv,
  ...intakeSv,
  ...automationSv,
  ...editorSv,
  ...templatesAdminSv,
  ...notificationSettingsSv,
  ...shellSv,
  ...loginSv,
  ...namesSv,
  ...queueSv,
  ...ticketSv,
  ...ticketActionsSv,
  ...reportsSv,
};

const en: Dictionary<MessageKey> = {
  ...adminEn,
  ...slaAdminEn,
  ...workflowsAdminEn,
  ...rulesEn,
  ...ruleRoutingEn,
  ...ruleStatusEn,
  ...attachmentsEn,
  ...requestsEn,
  ...viewsEn,
  ...webhooksEn,
  ...contentEn,
  ...basemapEn,
  ...integrationsEn,
  ...mailEn,
  ...themeEn,
  ...mailboxesEn,
  ...followersEn,
  ...contextEn,
  ...sensitiveEn,
  ...mentionsEn,
  ...publishingEn,
  ...handlingEn,
  ...intakeEn,
  ...automationEn,
  ...editorEn,
  ...templatesAdminEn,
  ...notificationSettingsEn,
  ...shellEn,
  ...loginEn,
  ...namesEn,
  ...queueEn,
  ...ticketEn,
  ...ticketActionsEn,
  ...reportsEn,
};

/** Every UI text of the app in Finnish, Swedish and English. */
export const dictionaries = { fi, sv, en };

export const useI18n = () => useTranslation<MessageKey>();
export type T = ReturnType<typeof useI18n>["t"];
