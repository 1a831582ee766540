/**
 * The texts of the console's first load (sign-in, shell, queue, ticket view) in Finnish, Swedish
 * and English, merged from per-feature `*.i18n.ts` files (new texts go there, not here). The
 * Finnish dictionaries define the keys; TypeScript checks that the Swedish and English ones have
 * every key.
 *
 * Where a new feature file is merged:
 * - Its texts are used only by a lazily loaded view (an admin page, …): in that chunk's
 *   `*.texts.ts` (e.g. `admin/admin.texts.ts`), which calls `registerTexts` when the chunk loads,
 *   before the view renders. `MessageKey` below takes the chunk's keys with `import type`.
 * - Any of its texts is used by the first load (the navigation, ticket history, rule text in the
 *   ticket view), even about an admin feature: here. A first-load text left in a lazy dictionary
 *   would show as its key; `packages/web/src/chunkTexts.test.ts` fails on that.
 * A new lazy chunk gets its own `*.texts.ts` and adds its key type to `MessageKey`.
 */
import { type Dictionary, useTranslation } from "@yhteys/web";
import type { AdminKey } from "./admin/admin.texts.ts";
import { adminFormEn, adminFormFi, adminFormSv } from "./admin/adminForm.i18n.ts";
import { adminNavEn, adminNavFi, adminNavSv } from "./admin/adminNav.i18n.ts";
import { attachmentsEn, attachmentsFi, attachmentsSv } from "./attachments.i18n.ts";
import { automationEn, automationFi, automationSv } from "./automation.i18n.ts";
import { callbacksEn, callbacksFi, callbacksSv } from "./callbacks.i18n.ts";
import { contextEn, contextFi, contextSv } from "./context.i18n.ts";
import { deliveryHistoryEn, deliveryHistoryFi, deliveryHistorySv } from "./deliveryHistory.i18n.ts";
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
import type { ReportsKey } from "./reports/reports.texts.ts";
import { requestsEn, requestsFi, requestsSv } from "./requests.i18n.ts";
import { ruleTextEn, ruleTextFi, ruleTextSv } from "./ruleText.i18n.ts";
import { sensitiveEn, sensitiveFi, sensitiveSv } from "./sensitive.i18n.ts";
import { shellEn, shellFi, shellSv } from "./shell.i18n.ts";
import { ticketEn, ticketFi, ticketSv } from "./ticket.i18n.ts";
import { ticketActionsEn, ticketActionsFi, ticketActionsSv } from "./ticketActions.i18n.ts";
import { viewsEn, viewsFi, viewsSv } from "./views.i18n.ts";

const fi = {
  ...attachmentsFi,
  ...requestsFi,
  ...viewsFi,
  ...followersFi,
  ...contextFi,
  ...sensitiveFi,
  ...mentionsFi,
  ...publishingFi,
  ...handlingFi,
  ...intakeFi,
  ...automationFi,
  ...editorFi,
  ...notificationSettingsFi,
  ...shellFi,
  ...loginFi,
  ...namesFi,
  ...queueFi,
  ...ticketFi,
  ...ticketActionsFi,
  ...adminNavFi,
  ...adminFormFi,
  ...callbacksFi,
  ...deliveryHistoryFi,
  ...ruleTextFi,
};

/** Keys of the first load's texts. */
type FirstLoadKey = keyof typeof fi;

/** Every key of the console: the first load's and those of the lazily loaded chunks (types only, no bytes). */
export type MessageKey = FirstLoadKey | AdminKey | ReportsKey;

const sv: Dictionary<FirstLoadKey> = {
  ...attachmentsSv,
  ...requestsSv,
  ...viewsSv,
  ...followersSv,
  ...contextSv,
  ...sensitiveSv,
  ...mentionsSv,
  ...publishingSv,
  ...handlingSv,
  ...intakeSv,
  ...automationSv,
  ...editorSv,
  ...notificationSettingsSv,
  ...shellSv,
  ...loginSv,
  ...namesSv,
  ...queueSv,
  ...ticketSv,
  ...ticketActionsSv,
  ...adminNavSv,
  ...adminFormSv,
  ...callbacksSv,
  ...deliveryHistorySv,
  ...ruleTextSv,
};

const en: Dictionary<FirstLoadKey> = {
  ...attachmentsEn,
  ...requestsEn,
  ...viewsEn,
  ...followersEn,
  ...contextEn,
  ...sensitiveEn,
  ...mentionsEn,
  ...publishingEn,
  ...handlingEn,
  ...intakeEn,
  ...automationEn,
  ...editorEn,
  ...notificationSettingsEn,
  ...shellEn,
  ...loginEn,
  ...namesEn,
  ...queueEn,
  ...ticketEn,
  ...ticketActionsEn,
  ...adminNavEn,
  ...adminFormEn,
  ...callbacksEn,
  ...deliveryHistoryEn,
  ...ruleTextEn,
};

/** The texts of the console's first load in Finnish, Swedish and English (lazy chunks register theirs). */
export const dictionaries = { fi, sv, en };

export const useI18n = () => useTranslation<MessageKey>();
export type T = ReturnType<typeof useI18n>["t"];
