/** All text of the resident portal in Finnish, Swedish and English, merged from the per-feature `*.i18n.ts` files (new texts go there). */
import { type Dictionary, useTranslation } from "@yhteys/web";
import { attachmentsEn, attachmentsFi, attachmentsSv } from "./attachments.i18n.ts";
import { confirmationEn, confirmationFi, confirmationSv } from "./confirmation.i18n.ts";
import { contactFormEn, contactFormFi, contactFormSv } from "./contactForm.i18n.ts";
import { feedbackEn, feedbackFi, feedbackSv } from "./feedback.i18n.ts";
import { formErrorsEn, formErrorsFi, formErrorsSv } from "./formErrors.i18n.ts";
import { layoutEn, layoutFi, layoutSv } from "./layout.i18n.ts";
import { locationEn, locationFi, locationSv } from "./location.i18n.ts";
import { mapEn, mapFi, mapSv } from "./map.i18n.ts";
import { mergedEn, mergedFi, mergedSv } from "./merged.i18n.ts";
import { noticesEn, noticesFi, noticesSv } from "./notices.i18n.ts";
import { trackingEn, trackingFi, trackingSv } from "./tracking.i18n.ts";
import { unsubscribeEn, unsubscribeFi, unsubscribeSv } from "./unsubscribe.i18n.ts";

const fi = {
  ...attachmentsFi,
  ...mapFi,
  ...noticesFi,
  ...unsubscribeFi,
  ...mergedFi,
  ...feedbackFi,
  ...layoutFi,
  ...contactFormFi,
  ...locationFi,
  ...formErrorsFi,
  ...confirmationFi,
  ...trackingFi,
};

export type MessageKey = keyof typeof fi;

const sv: Dictionary<MessageKey> = {
  ...attachmentsSv,
  ...mapSv,
  ...noticesSv,
  ...unsubscribeSv,
  ...mergedSv,
  ...feedbackSv,
  ...layoutSv,
  ...contactFormSv,
  ...locationSv,
  ...formErrorsSv,
  ...confirmationSv,
  ...trackingSv,
};

const en: Dictionary<MessageKey> = {
  ...attachmentsEn,
  ...mapEn,
  ...noticesEn,
  ...unsubscribeEn,
  ...mergedEn,
  ...feedbackEn,
  ...layoutEn,
  ...contactFormEn,
  ...locationEn,
  ...formErrorsEn,
  ...confirmationEn,
  ...trackingEn,
};

/** Every UI text of the app in Finnish, Swedish and English. */
export const dictionaries = { fi, sv, en };

export const useI18n = () => useTranslation<MessageKey>();
