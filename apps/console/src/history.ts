/** Turns ticket events into localized sentences ("Eero Asiantuntija vastasi asukkaalle."). */
import type {
  AttachmentRejection,
  CallbackOutcome,
  Channel,
  FiredRule,
  Language,
  LocalizedText,
  RuleChangeField,
  TicketDetail,
  TicketState,
  TicketType,
} from "@yhteys/contracts";
import type { Directory } from "./api.ts";
import { channelName, name, stateName, ticketTypeName } from "./format.ts";
import type { MessageKey, T } from "./i18n.ts";

type Event = TicketDetail["history"][number];

const editedFieldKeys: Record<string, MessageKey> = {
  description: "field.description",
  type: "field.type",
  priority: "field.priority",
  language: "field.language",
  address: "field.address",
  location: "field.location",
  lat: "field.location",
  lon: "field.location",
  areaId: "field.location",
  extraFields: "field.extraFields",
  tags: "field.tags",
};

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

function actorName(t: T, event: Event): string {
  switch (event.actorKind) {
    case "user":
      return event.actor ?? t("actor.unknown");
    case "resident":
      return t("actor.resident");
    case "api_client":
      return t("actor.api");
    case "system":
      return t("actor.system");
  }
}

export function historySentence(t: T, language: Language, directory: Directory | null, ticket: TicketDetail, event: Event): string {
  const actor = actorName(t, event);
  const data = event.data;
  const groupName = (id: string | null) => {
    if (!id) return t("ticket.noGroup");
    const g = directory?.groups.find((x) => x.id === id);
    if (g) return name(g.name, language);
    return ticket.group?.id === id ? name(ticket.group.name, language) : t("history.unknownGroup");
  };
  // A change of type names the status the ticket took in the new type's workflow.
  const typeStatus = (d: Record<string, unknown>) => {
    const status = obj(d.toStatus).name as LocalizedText | undefined;
    return status?.fi ? t("history.typeStatus", { status: name(status, language) }) : null;
  };
  const handlerName = (id: string) =>
    directory?.users.find((u) => u.id === id)?.name ?? (ticket.handler?.id === id ? ticket.handler.name : t("history.unknownHandler"));
  switch (event.type) {
    case "ticket.created": {
      const channel = str(data.channel);
      const created = t("history.created", { actor, channel: channel ? channelName(t, channel as Channel) : "–" });
      return [created, diversion(t, handlerName, data.diverted), ...ruleNotes(t, groupName, handlerName, data)].filter(Boolean).join(" ");
    }
    case "ticket.forwarded": {
      const to = obj(data.to);
      const from = obj(data.from);
      const groupId = str(to.groupId);
      const handlerId = str(to.handlerId);
      const groupChanged = groupId !== str(from.groupId);
      if (handlerId && groupChanged)
        return t("history.forwardedBoth", { actor, handler: handlerName(handlerId), group: groupName(groupId) });
      if (handlerId) return t("history.forwardedHandler", { actor, handler: handlerName(handlerId) });
      return t("history.forwardedGroup", { actor, group: groupName(groupId) });
    }
    case "ticket.replied":
      return t("history.replied", { actor });
    case "ticket.noted":
      return t("history.noted", { actor });
    case "ticket.state_changed": {
      // A move within a type's workflow names its statuses; otherwise the states.
      const shown = (state: unknown, status: unknown) => {
        const statusName = obj(status).name as LocalizedText | undefined;
        if (statusName?.fi) return name(statusName, language);
        const s = str(state) as TicketState | null;
        return s ? stateName(t, s) : "–";
      };
      return t("history.stateChanged", { actor, from: shown(data.from, data.fromStatus), to: shown(data.to, data.toStatus) });
    }
    case "ticket.reclassified": {
      const to = obj(data.to);
      const categoryId = str(to.categoryId);
      const category =
        directory?.categories.find((c) => c.id === categoryId)?.name ?? (ticket.category.id === categoryId ? ticket.category.name : null);
      const type = str(to.type) as TicketType | null;
      const text = t("history.reclassified", {
        actor,
        category: category ? name(category, language) : t("history.unknownCategory"),
        type: type ? ticketTypeName(t, language, directory?.types, { type, typeId: str(to.typeId) }) : "–",
      });
      return [text, typeStatus(data)].filter(Boolean).join(" ");
    }
    case "ticket.edited": {
      const fields = Array.isArray(data.fields) ? (data.fields as unknown[]).filter((f): f is string => typeof f === "string") : [];
      const labels = [...new Set(fields.map((f) => (editedFieldKeys[f] ? t(editedFieldKeys[f]) : f)))];
      return [t("history.edited", { actor, fields: labels.join(", ").toLowerCase() }), typeStatus(data)].filter(Boolean).join(" ");
    }
    case "ticket.resident_message":
      return t(data.channel === "web" ? "history.residentMessageWeb" : "history.residentMessage", { actor });
    case "ticket.rules_applied": {
      const changed = Array.isArray(data.changed) ? (data.changed as RuleChangeField[]) : [];
      const applied =
        data.trigger === "time"
          ? t("history.rulesAppliedTime")
          : t("history.rulesApplied", { changed: changed.map((f) => t(`rules.change.${f}`)).join(", ") });
      return [applied, diversion(t, handlerName, data.diverted), ...ruleNotes(t, groupName, handlerName, data)].filter(Boolean).join(" ");
    }
    case "ticket.sla_warning":
    case "ticket.sla_breached": {
      const target = t(str(data.target) === "first_response" ? "field.firstResponseDue" : "field.resolutionDue").toLowerCase();
      return t(event.type === "ticket.sla_warning" ? "history.slaWarning" : "history.slaBreached", { target });
    }
    case "ticket.comment_requested":
      return t("history.commentRequested", { actor });
    case "ticket.sent_for_information":
      return t("history.sentForInformation", { actor });
    case "ticket.comment_answered":
      return t("history.commentAnswered", { actor });
    case "ticket.followed":
      return t("history.followed");
    case "ticket.sensitivity_changed":
      return t(data.sensitive === true ? "history.sensitiveOn" : "history.sensitiveOff", { actor, reason: str(data.reason) ?? "–" });
    case "ticket.email_failed": {
      const kind = str(data.kind) ?? "";
      const known = ["confirmation", "reply", "resolved", "closed", "external"].includes(kind);
      const recipient = str(data.recipient);
      return t("history.emailFailed", {
        kind: known ? t(`mail.kind.${kind}` as MessageKey).toLowerCase() : kind,
        recipient: t(
          recipient === "follower" || recipient === "external" ? `mail.recipient.${recipient}` : "mail.recipient.resident",
        ).toLowerCase(),
      });
    }
    case "ticket.email_unsubscribed":
      return t("history.emailUnsubscribed", {
        recipient: t(str(data.recipient) === "follower" ? "mail.recipient.follower" : "mail.recipient.resident"),
      });
    case "ticket.email_bounced":
      return t("history.emailBounced");
    case "ticket.published":
      return t(data.republished ? "history.republished" : "history.published", { actor });
    case "ticket.unpublished":
      return t("history.unpublished", { actor });
    case "ticket.linked":
      return t("history.linked", { actor, reference: str(data.reference) ?? "–" });
    case "ticket.unlinked":
      return t("history.unlinked", { actor, reference: str(data.reference) ?? "–" });
    case "ticket.merged":
      return t("history.merged", { actor, reference: str(data.intoReference) ?? "–" });
    case "ticket.merged_from":
      return t("history.mergedFrom", { actor, reference: str(data.reference) ?? "–" });
    case "ticket.split": {
      const made = Array.isArray(data.tickets) ? (data.tickets as unknown[]).map((x) => str(obj(x).reference)).filter(Boolean) : [];
      return t("history.split", { actor, references: made.join(", ") });
    }
    case "ticket.split_from":
      return t("history.splitFrom", { actor, reference: str(data.reference) ?? "–" });
    case "ticket.attachment_added":
      return t("history.attachmentAdded", { actor, name: str(data.fileName) ?? "–" });
    case "ticket.attachment_processed": {
      const reason = str(data.rejectedReason);
      return reason
        ? t("history.attachmentRejected", {
            name: str(data.fileName) ?? "–",
            reason: t(`attachments.rejected.${reason as AttachmentRejection}`),
          })
        : t("history.attachmentReady", { name: str(data.fileName) ?? "–" });
    }
    case "ticket.phone_call":
      return t("history.phoneCall", { queue: str(data.queue) ?? "–" });
    case "ticket.callback_done": {
      const outcome = str(data.outcome);
      return t("history.callbackDone", { actor, outcome: outcome ? t(`callbacks.outcome.${outcome as CallbackOutcome}`) : "–" });
    }
    case "ticket.external_sent":
      return data.via === "email"
        ? t("history.externalEmailed", { email: str(data.email) ?? "–" })
        : t("history.externalSent", { endpoint: str(data.endpoint) ?? "–", id: str(data.serviceRequestId) ?? "–" });
    case "ticket.external_updated": {
      const notes = str(data.statusNotes);
      if (data.via === "email") return t("history.externalAnswered", { notes: notes ?? "–" });
      return t("history.externalUpdated", { status: str(data.status) ?? "–", notes: notes ? ` – ${notes}` : "" });
    }
    case "ticket.rule_notified":
      return t("history.ruleNotified", {
        rule: str(obj(data.rule).name) ?? "–",
        count: String(Array.isArray(data.userIds) ? data.userIds.length : 0),
      });
    case "ticket.rule_forwarded":
      return t("history.ruleForwarded", { rule: str(obj(data.rule).name) ?? "–", label: str(data.label) ?? "–" });
    case "ticket.external_returned":
      return t("history.externalReturned");
    default:
      return t("history.other", { actor, type: event.type });
  }
}

/** Why a rule's routing to a person went elsewhere (they were away), if it did. */
function diversion(t: T, handlerName: (id: string) => string, value: unknown): string | null {
  const d = obj(value);
  const handlerId = str(d.handlerId);
  const reason = str(d.reason);
  if (!handlerId || (reason !== "absent" && reason !== "off_duty")) return null;
  const substituteId = str(d.substituteId);
  return t("history.diverted", {
    handler: handlerName(handlerId),
    reason: t(`history.diverted.${reason}`),
    to: substituteId ? t("history.divertedToSubstitute", { substitute: handlerName(substituteId) }) : t("history.divertedToQueue"),
  });
}

/** What "assign in turn" did, and which rule stopped the later ones, if any. */
function ruleNotes(
  t: T,
  groupName: (id: string | null) => string,
  handlerName: (id: string) => string,
  data: Record<string, unknown>,
): string[] {
  const notes: string[] = [];
  const turn = obj(data.turn);
  const group = str(turn.groupId);
  if (group) {
    const handler = str(turn.handlerId);
    notes.push(
      handler
        ? t("history.turnTaken", { handler: handlerName(handler), group: groupName(group) })
        : t("history.turnNobody", { group: groupName(group) }),
    );
  }
  const stopped = str(obj(data.stoppedBy).name);
  if (stopped) notes.push(t("history.rulesStopped", { rule: stopped }));
  // A status move the workflow did not allow: the rule's other actions applied.
  if (Array.isArray(data.skipped))
    for (const skip of data.skipped) notes.push(t("history.statusSkipped", { rule: str(obj(obj(skip).rule).name) ?? "–" }));
  return notes;
}

/** The rules that fired with this event (a new ticket's routing, or the "updated" rules after a change). */
export function firedRules(event: Event): FiredRule[] {
  const rules = event.data.rules;
  return (event.type === "ticket.created" || event.type === "ticket.rules_applied") && Array.isArray(rules) ? (rules as FiredRule[]) : [];
}

/** The reason given for a state change, if any. */
/** Reasons the system records for its own state changes, in the reader's language; a person's reason is shown as written. */
const systemReasons: Record<string, MessageKey> = {
  "email reply": "history.reasonEmailReply",
  "resident message": "history.reasonResidentMessage",
};

export function historyReason(t: T, event: Event): string | null {
  if (event.type !== "ticket.state_changed") return null;
  const reason = str(event.data.reason);
  const known = reason ? systemReasons[reason] : undefined;
  return known ? t(known) : reason;
}
