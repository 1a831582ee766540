/**
 * Texts of rules on workflow statuses (editor, rule text and ticket history) in Finnish, Swedish
 * and English (merged into the console's dictionaries).
 */
import type { Dictionary } from "@yhteys/web";

export const ruleStatusFi = {
  "rules.field.status": "Työnkulun tila",
  "rules.change.status": "työnkulun tila",
  "rules.action.setStatus": "Aseta työnkulun tila",
  "rules.setStatusTo": "Tila",
  "rules.setStatusHint":
    "Asia siirtyy tilaan vain, jos sen tyypin työnkulku sallii siirron asian nykyisestä tilasta; muuten historiaan kirjataan, että siirto ohitettiin. Asian vaihe (esim. odottaa) seuraa tilaa, ja palvelutasokello pysähtyy tai jatkuu sen mukaan.",
  "rules.didStatus": "aseta tilaksi {status}",
  "rules.statusOff": "ei käytössä",
  "rules.statusOffWarning":
    "Sääntö käyttää tilaa, joka on poistettu työnkulusta. Ehto täyttyy enää vain asioille, jotka jo ovat tilassa, eikä sääntö siirrä asioita siihen; valitse toinen tila tai poista sääntö käytöstä.",
  "rules.noStatuses": "Millään asiatyypillä ei ole omaa työnkulkua. Tilat määritellään sivulla Asiatyypit ja työnkulut.",
  "history.statusSkipped": "Säännön {rule} tilasiirto ohitettiin, koska työnkulku ei salli siirtoa.",
};

export type RuleStatusKey = keyof typeof ruleStatusFi;

export const ruleStatusSv: Dictionary<RuleStatusKey> = {
  "rules.field.status": "Status i arbetsflödet",
  "rules.change.status": "status i arbetsflödet",
  "rules.action.setStatus": "Ange status i arbetsflödet",
  "rules.setStatusTo": "Status",
  "rules.setStatusHint":
    "Ärendet flyttas till statusen bara om typens arbetsflöde tillåter övergången från ärendets nuvarande status; annars antecknas i historiken att övergången hoppades över. Ärendets fas (t.ex. väntar) följer statusen, och servicenivåns klocka stannar eller fortsätter enligt den.",
  "rules.didStatus": "ange status {status}",
  "rules.statusOff": "inte i bruk",
  "rules.statusOffWarning":
    "Regeln använder en status som har tagits bort ur arbetsflödet. Villkoret uppfylls bara för ärenden som redan har statusen, och regeln flyttar inga ärenden dit; välj en annan status eller ta regeln ur bruk.",
  "rules.noStatuses": "Ingen ärendetyp har ett eget arbetsflöde. Statusar definieras på sidan Ärendetyper och arbetsflöden.",
  "history.statusSkipped": "Regeln {rule} bytte inte status, eftersom arbetsflödet inte tillåter övergången.",
};

export const ruleStatusEn: Dictionary<RuleStatusKey> = {
  "rules.field.status": "Workflow status",
  "rules.change.status": "workflow status",
  "rules.action.setStatus": "Set the workflow status",
  "rules.setStatusTo": "Status",
  "rules.setStatusHint":
    "The ticket moves to the status only if its type's workflow allows the move from the ticket's current status; otherwise the history notes that the move was skipped. The ticket's phase (e.g. waiting) follows the status, and the service-level clock stops or runs on with it.",
  "rules.didStatus": "set the status to {status}",
  "rules.statusOff": "switched off",
  "rules.statusOffWarning":
    "The rule uses a status that was removed from its workflow. The condition holds only for tickets already in it, and the rule moves no ticket there; choose another status or switch the rule off.",
  "rules.noStatuses": "No ticket type has a workflow of its own. Statuses are set up on the page Ticket types and workflows.",
  "history.statusSkipped": "The rule {rule} did not change the status because the workflow does not allow the move.",
};
