/**
 * The admin pages' texts in Finnish, Swedish and English, kept out of the console's first load:
 * the admin chunk (`AdminPages.tsx`) imports this module, which registers them before any admin
 * page renders. Texts the first load uses (the admin navigation, rule text and history in the
 * ticket view) are in `i18n.ts` instead; see the rule there.
 */
import { type Dictionary, registerTexts } from "@yhteys/web";
import { adminEn, adminFi, adminSv } from "./admin.i18n.ts";
import { basemapEn, basemapFi, basemapSv } from "./basemap.i18n.ts";
import { categoriesEn, categoriesFi, categoriesSv } from "./categories.i18n.ts";
import { contentEn, contentFi, contentSv } from "./content.i18n.ts";
import { integrationsEn, integrationsFi, integrationsSv } from "./integrations.i18n.ts";
import { mailEn, mailFi, mailSv } from "./mail.i18n.ts";
import { mailboxesEn, mailboxesFi, mailboxesSv } from "./mailboxes.i18n.ts";
import { ruleRoutingEn, ruleRoutingFi, ruleRoutingSv } from "./ruleRouting.i18n.ts";
import { ruleStatusEn, ruleStatusFi, ruleStatusSv } from "./ruleStatus.i18n.ts";
import { rulesEn, rulesFi, rulesSv } from "./rules.i18n.ts";
import { slaAdminEn, slaAdminFi, slaAdminSv } from "./sla.i18n.ts";
import { templatesAdminEn, templatesAdminFi, templatesAdminSv } from "./templates.i18n.ts";
import { themeEn, themeFi, themeSv } from "./theme.i18n.ts";
import { webhooksEn, webhooksFi, webhooksSv } from "./webhooks.i18n.ts";
import { workflowsAdminEn, workflowsAdminFi, workflowsAdminSv } from "./workflows.i18n.ts";

const fi = {
  ...adminFi,
  ...basemapFi,
  ...categoriesFi,
  ...contentFi,
  ...integrationsFi,
  ...mailFi,
  ...mailboxesFi,
  ...ruleRoutingFi,
  ...ruleStatusFi,
  ...rulesFi,
  ...slaAdminFi,
  ...templatesAdminFi,
  ...themeFi,
  ...webhooksFi,
  ...workflowsAdminFi,
};

/** Keys of the admin pages' own texts (part of the console's `MessageKey`). */
export type AdminKey = keyof typeof fi;

const sv: Dictionary<AdminKey> = {
  ...adminSv,
  ...basemapSv,
  ...categoriesSv,
  ...contentSv,
  ...integrationsSv,
  ...mailSv,
  ...mailboxesSv,
  ...ruleRoutingSv,
  ...ruleStatusSv,
  ...rulesSv,
  ...slaAdminSv,
  ...templatesAdminSv,
  ...themeSv,
  ...webhooksSv,
  ...workflowsAdminSv,
};

const en: Dictionary<AdminKey> = {
  ...adminEn,
  ...basemapEn,
  ...categoriesEn,
  ...contentEn,
  ...integrationsEn,
  ...mailEn,
  ...mailboxesEn,
  ...ruleRoutingEn,
  ...ruleStatusEn,
  ...rulesEn,
  ...slaAdminEn,
  ...templatesAdminEn,
  ...themeEn,
  ...webhooksEn,
  ...workflowsAdminEn,
};

/** The admin pages' texts in every language (`dictionaries.test.ts` checks them with the first load's). */
export const dictionaries = { fi, sv, en };

registerTexts(dictionaries);
