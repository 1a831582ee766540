/**
 * The reports page's texts in Finnish, Swedish and English, kept out of the console's first load:
 * the reports chunk (`ReportsView.tsx`) imports this module, which registers them before the page
 * renders. The navigation link's text is in the first load (`shell.i18n.ts`).
 */
import { registerTexts } from "@yhteys/web";
import { reportsEn, reportsFi, reportsSv } from "./reports.i18n.ts";

/** Keys of the reports page's own texts (part of the console's `MessageKey`). */
export type ReportsKey = keyof typeof reportsFi;

/** The reports page's texts in every language (`dictionaries.test.ts` checks them with the first load's). */
export const dictionaries = { fi: reportsFi, sv: reportsSv, en: reportsEn };

registerTexts(dictionaries);
