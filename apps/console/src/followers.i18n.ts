/** Texts about residents who follow a ticket ("the same issue") in Finnish, Swedish and English (merged into the console's dictionaries). */
import type { Dictionary } from "@yhteys/web";

export const followersFi = {
  "field.sameIssue": "Sama asia",
  "ticket.followersOne": "1 asukkaalla on sama asia",
  "ticket.followersMany": "{count} asukkaalla on sama asia",
  "history.followed": "Asukas ilmoitti, että hänellä on sama asia.",
};

export const followersSv: Dictionary<keyof typeof followersFi> = {
  "field.sameIssue": "Samma ärende",
  "ticket.followersOne": "1 invånare har samma ärende",
  "ticket.followersMany": "{count} invånare har samma ärende",
  "history.followed": "En invånare meddelade att hen har samma ärende.",
};

export const followersEn: Dictionary<keyof typeof followersFi> = {
  "field.sameIssue": "Same issue",
  "ticket.followersOne": "1 resident has the same issue",
  "ticket.followersMany": "{count} residents have the same issue",
  "history.followed": "A resident said they have the same issue.",
};
