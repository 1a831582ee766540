/**
 * Demo City's public feedback map: a few dozen located tickets published with a short answer,
 * their texts passed through the same redaction the publish panel uses; never one whose resident
 * refused publishing. Only for seedDemo.
 */
import type { Language } from "@yhteys/contracts";
import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { publications, tickets } from "../../db/schema.ts";
import { publishingNotRefused } from "../publishing/consent.ts";
import { redact } from "../publishing/redact.ts";
import { recordEvent } from "../tickets/ticket-events.ts";
import type { SeededOrganisation } from "./demo.ts";

const answers: Record<Language, string[]> = {
  fi: [
    "Kiitos palautteesta! Asia on välitetty kunnossapidolle, ja korjaus tehdään kahden viikon kuluessa.",
    "Kiitos ilmoituksesta. Kävimme paikalla ja korjasimme asian.",
    "Asia on työjonossa. Tiedotamme, kun työ on valmis.",
    "Kiitos. Alue kuuluu ensi kevään kunnostusohjelmaan.",
  ],
  sv: [
    "Tack för responsen! Ärendet har skickats till underhållet och åtgärdas inom två veckor.",
    "Tack för anmälan. Vi besökte platsen och åtgärdade saken.",
  ],
  en: ["Thank you for your feedback. The maintenance team has fixed the issue.", "Thank you. The repair is scheduled for next week."],
};

export async function seedPublications(db: Db, org: SeededOrganisation, count: number) {
  const located = await db
    .select({
      id: tickets.id,
      description: tickets.description,
      language: tickets.language,
      state: tickets.state,
      createdAt: tickets.createdAt,
    })
    .from(tickets)
    .where(and(eq(tickets.organisationId, org.id), isNotNull(tickets.lat), publishingNotRefused()))
    .orderBy(asc(tickets.reference));
  const chosen = located.filter((_, i) => i % 5 === 0).slice(0, count);
  const publisher = org.users.advisor?.id ?? null;
  await db.transaction(async (tx) => {
    for (const [i, t] of chosen.entries()) {
      const options = { language: t.language, streetNumbers: true };
      const list = answers[t.language];
      const answer = t.state === "new" ? null : (list[i % list.length] ?? null);
      const publishedAt = new Date(t.createdAt.getTime() + 86_400_000);
      await tx.insert(publications).values({
        ticketId: t.id,
        organisationId: org.id,
        publicText: redact(t.description, options).text,
        publicAnswer: answer,
        publishedBy: publisher,
        publishedAt,
        updatedAt: publishedAt,
      });
      await recordEvent(tx, {
        organisationId: org.id,
        ticketId: t.id,
        type: "ticket.published",
        actor: { kind: "system", organisationId: org.id },
        data: { republished: false, withAnswer: answer !== null, photos: 0, removalsKept: 0, removalsUndone: 0 },
        at: publishedAt,
      });
    }
  });
}
