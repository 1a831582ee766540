/**
 * Texts of "assign in turn" routing and of rules that stop processing in the rule editor, in
 * Finnish, Swedish and English (merged in admin.texts.ts; rule text and history are in ruleText.i18n.ts).
 */
import type { Dictionary } from "@yhteys/web";

export const ruleRoutingFi = {
  "rules.action.routeInTurn": "Anna vuorollaan ryhmän jäsenelle",
  "rules.inTurnGroup": "Ryhmä",
  "rules.inTurnHint":
    "Asia annetaan vuorotellen ryhmän jäsenille, jotka ovat töissä (eivät poissa ja ovat työaikansa sisällä) ja saavat avata asian. Jos ketään ei ole töissä, asia jää ryhmän jonoon.",
  "rules.stopsTimeHint":
    "Aikasäännöt kokeillaan noin minuutin välein kierroksittain: kun tämä sääntö toteutuu asialle, myöhempiä sääntöjä ei kokeilla sille samalla kierroksella.",
};

export type RuleRoutingKey = keyof typeof ruleRoutingFi;

export const ruleRoutingSv: Dictionary<RuleRoutingKey> = {
  "rules.action.routeInTurn": "Ge i tur till en medlem i gruppen",
  "rules.inTurnGroup": "Grupp",
  "rules.inTurnHint":
    "Ärendet ges i tur och ordning till de gruppmedlemmar som är i tjänst (inte frånvarande och inom sin arbetstid) och får öppna ärendet. Om ingen är i tjänst stannar ärendet i gruppens kö.",
  "rules.stopsTimeHint":
    "Tidsbaserade regler prövas i omgångar ungefär varje minut: när den här regeln uppfylls för ett ärende prövas inga senare regler för det i samma omgång.",
};

export const ruleRoutingEn: Dictionary<RuleRoutingKey> = {
  "rules.action.routeInTurn": "Assign in turn to a member of a group",
  "rules.inTurnGroup": "Group",
  "rules.inTurnHint":
    "The ticket goes to the group's members one after another, to those at work (not absent, within their working hours) who may open it. If nobody is at work, it stays in the group's queue.",
  "rules.stopsTimeHint":
    "Time rules are tried in rounds about once a minute: when this rule fires on a ticket, the later rules are not tried on it in the same round.",
};
