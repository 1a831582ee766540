/**
 * Texts of "assign in turn" routing and of rules that stop processing (editor, rule text and
 * ticket history) in Finnish, Swedish and English (merged into the console's dictionaries).
 */
import type { Dictionary } from "@yhteys/web";

export const ruleRoutingFi = {
  "rules.action.routeInTurn": "Anna vuorollaan ryhmän jäsenelle",
  "rules.inTurnGroup": "Ryhmä",
  "rules.inTurnHint":
    "Asia annetaan vuorotellen ryhmän jäsenille, jotka ovat töissä (eivät poissa ja ovat työaikansa sisällä) ja saavat avata asian. Jos ketään ei ole töissä, asia jää ryhmän jonoon.",
  "rules.didRouteInTurn": "anna vuorollaan ryhmän {group} jäsenelle",
  "rules.stopsText": "myöhempiä sääntöjä ei kokeilla",
  "rules.stopsTimeHint":
    "Aikasäännöt kokeillaan noin minuutin välein kierroksittain: kun tämä sääntö toteutuu asialle, myöhempiä sääntöjä ei kokeilla sille samalla kierroksella.",
  "history.turnTaken": "Sääntö antoi asian vuorollaan henkilölle {handler} (ryhmä {group}).",
  "history.turnNobody": "Ryhmässä {group} ei ollut ketään töissä, joten asia jäi ryhmän jonoon.",
  "history.rulesStopped": "Säännön {rule} jälkeisiä sääntöjä ei kokeiltu, koska {rule} lopettaa käsittelyn.",
};

export type RuleRoutingKey = keyof typeof ruleRoutingFi;

export const ruleRoutingSv: Dictionary<RuleRoutingKey> = {
  "rules.action.routeInTurn": "Ge i tur till en medlem i gruppen",
  "rules.inTurnGroup": "Grupp",
  "rules.inTurnHint":
    "Ärendet ges i tur och ordning till de gruppmedlemmar som är i tjänst (inte frånvarande och inom sin arbetstid) och får öppna ärendet. Om ingen är i tjänst stannar ärendet i gruppens kö.",
  "rules.didRouteInTurn": "ge i tur till en medlem i gruppen {group}",
  "rules.stopsText": "senare regler prövas inte",
  "rules.stopsTimeHint":
    "Tidsbaserade regler prövas i omgångar ungefär varje minut: när den här regeln uppfylls för ett ärende prövas inga senare regler för det i samma omgång.",
  "history.turnTaken": "En regel gav ärendet i tur till {handler} (gruppen {group}).",
  "history.turnNobody": "Ingen i gruppen {group} var i tjänst, så ärendet stannade i gruppens kö.",
  "history.rulesStopped": "Regler efter {rule} prövades inte, eftersom {rule} avslutar behandlingen.",
};

export const ruleRoutingEn: Dictionary<RuleRoutingKey> = {
  "rules.action.routeInTurn": "Assign in turn to a member of a group",
  "rules.inTurnGroup": "Group",
  "rules.inTurnHint":
    "The ticket goes to the group's members one after another, to those at work (not absent, within their working hours) who may open it. If nobody is at work, it stays in the group's queue.",
  "rules.didRouteInTurn": "assign in turn to a member of {group}",
  "rules.stopsText": "later rules are not tried",
  "rules.stopsTimeHint":
    "Time rules are tried in rounds about once a minute: when this rule fires on a ticket, the later rules are not tried on it in the same round.",
  "history.turnTaken": "A rule assigned the ticket in turn to {handler} (group {group}).",
  "history.turnNobody": "Nobody in {group} was at work, so the ticket stayed in the group's queue.",
  "history.rulesStopped": "Rules after {rule} were not run because {rule} stops processing.",
};
