/**
 * Phone calls and walk-in visits that staff record themselves (REQUIREMENTS M1, M3). They take the
 * same creation path as the public form (rules, routing, SLA, the `ticket.created` event), with
 * the recorder as the event's actor, so the history shows who recorded the contact.
 */
import type { RecordedContact, RecordedContactReceipt } from "@yhteys/contracts";
import type { z } from "zod";
import type { Store } from "../../context.ts";
import { AppError, forbidden } from "../../http/errors.ts";
import type { StaffActor } from "../auth/actor.ts";
import { ticketOrganisation } from "../organisations/organisations.ts";
import type { NewTicket } from "../tickets/ticket-creation.ts";
import { canRecordContacts } from "../tickets/tickets.access.ts";

type Recorded = z.output<typeof RecordedContact>;

/** Where the recorder asked the ticket to go: by the rules, or to their own group (and themselves). */
function assignment(actor: StaffActor, input: Recorded): NewTicket["assign"] {
  if (input.route === "rules") return undefined;
  if (input.groupId && !actor.groupIds.includes(input.groupId))
    throw new AppError("validation_failed", "You can assign only to your own groups", [{ path: "groupId", message: "not your group" }]);
  const groupId = input.groupId ?? actor.groupIds[0];
  if (input.route === "my_group" && !groupId)
    throw new AppError("validation_failed", "You belong to no group", [{ path: "route", message: "no group of your own" }]);
  return { groupId, handlerId: input.route === "me" ? actor.userId : undefined };
}

export async function recordContact(store: Store, actor: StaffActor, input: Recorded): Promise<RecordedContactReceipt> {
  if (!canRecordContacts(actor)) throw forbidden("Your role may not record contacts");
  const { ticket, notice } = await store.tickets.create(
    {
      organisation: await ticketOrganisation(store.db, actor.organisationId),
      categoryId: input.categoryId,
      type: input.type,
      typeId: input.typeId,
      description: input.description,
      channel: input.channel,
      language: input.language,
      location: input.location,
      address: input.address,
      extraFields: input.extraFields,
      wantsReply: input.wantsReply,
      contact: input.contact,
      assign: assignment(actor, input),
      eventData: { recordedBy: actor.userId },
    },
    actor,
  );
  store.events.publish([notice]);
  return { id: ticket.id, reference: ticket.reference, groupId: ticket.groupId, handlerId: ticket.handlerId };
}
