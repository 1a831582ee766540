/**
 * Texts of rules on workflow statuses in the rule editor in Finnish, Swedish and English (merged
 * in admin.texts.ts; rule text and history are in ruleText.i18n.ts).
 */
import type { Dictionary } from "@yhteys/web";

export const ruleStatusFi = {
  "rules.action.setStatus": "Aseta työnkulun tila",
  "rules.setStatusTo": "Tila",
  "rules.setStatusHint":
    "Asia siirtyy tilaan vain, jos sen tyypin työnkulku sallii siirron asian nykyisestä tilasta; muuten historiaan kirjataan, että siirto ohitettiin. Asian vaihe (esim. odottaa) seuraa tilaa, ja palvelutasokello pysähtyy tai jatkuu sen mukaan.",
  "rules.statusOff": "ei käytössä",
  "rules.statusOffWarning":
    "Sääntö käyttää tilaa, joka on poistettu työnkulusta. Ehto täyttyy enää vain asioille, jotka jo ovat tilassa, eikä sääntö siirrä asioita siihen; valitse toinen tila tai poista sääntö käytöstä.",
  "rules.noStatuses": "Millään asiatyypillä ei ole omaa työnkulkua. Tilat määritellään sivulla Asiatyypit ja työnkulut.",
};

export type RuleStatusKey = keyof typeof ruleStatusFi;

export const ruleStatusSv: Dictionary<RuleStatusKey> = {
  "rules.action.setStatus": "Ange status i arbetsflödet",
  "rules.setStatusTo": "Status",
  "rules.setStatusHint":
    "Ärendet flyttas till statusen bara om typens arbetsflöde tillåter övergången från ärendets nuvarande status; annars antecknas i historiken att övergången hoppades över. Ärendets fas (t.ex. väntar) följer statusen, och servicenivåns klocka stannar eller fortsätter enligt den.",
  "rules.statusOff": "inte i bruk",
  "rules.statusOffWarning":
    "Regeln använder en status som har tagits bort ur arbetsflödet. Villkoret uppfylls bara för ärenden som redan har statusen, och regeln flyttar inga ärenden dit; välj en annan status eller ta regeln ur bruk.",
  "rules.noStatuses": "Ingen ärendetyp har ett eget arbetsflöde. Statusar definieras på sidan Ärendetyper och arbetsflöden.",
};

export const ruleStatusEn: Dictionary<RuleStatusKey> = {
  "rules.action.setStatus": "Set the workflow status",
  "rules.setStatusTo": "Status",
  "rules.setStatusHint":
    "The ticket moves to the status only if its type's workflow allows the move from the ticket's current status; otherwise the history notes that the move was skipped. The ticket's phase (e.g. waiting) follows the status, and the service-level clock stops or runs on with it.",
  "rules.statusOff": "switched off",
  "rules.statusOffWarning":
    "The rule uses a status that was removed from its workflow. The condition holds only for tickets already in it, and the rule moves no ticket there; choose another status or switch the rule off.",
  "rules.noStatuses": "No ticket type has a workflow of its own. Statuses are set up on the page Ticket types and workflows.",
};
