/**
 * The texts of notification emails to staff, in the user's console language (Finnish, Swedish,
 * English): what happened, to which ticket (its reference only), who did it (a colleague's name),
 * and a link to the ticket in the console. Nothing of the resident or the ticket's content: the
 * console shows that to those who may see it. The reference is never in brackets in the subject,
 * so that a reply to the email is not taken for the resident's message on the ticket.
 */
import type { Language, NotificationKind } from "@yhteys/contracts";
import { fill, htmlDocument } from "../email/outgoing-messages.ts";
import { escapeHtml } from "../templates/richtext.ts";

export type NotificationItem = { kind: NotificationKind; reference: string; by: string | null; ticketUrl: string; at: Date };

type Texts = {
  what: Record<NotificationKind, string>;
  heading: Record<NotificationKind, string>;
  someone: string;
  open: string;
  digestSubject: { hourly: string; daily: string };
  digestLead: string;
  why: string;
  settings: string;
};

const texts: Record<Language, Texts> = {
  fi: {
    what: {
      assigned: "{by} antoi sinulle asian {reference}",
      comment_requested: "{by} pyysi sinulta lausuntoa asiaan {reference}",
      information: "{by} lähetti sinulle tiedoksi asian {reference}",
      comment_answered: "{by} vastasi lausuntopyyntöösi asiassa {reference}",
      resident_message: "Asukas lähetti uuden viestin asiaan {reference}",
      sla_warning: "Asian {reference} määräaika lähestyy",
      sla_breached: "Asian {reference} määräaika ylittyi",
      rule: "Automaatiosääntö pyysi huomiotasi asiaan {reference}",
      mention: "{by} mainitsi sinut sisäisessä muistiinpanossa asiassa {reference}",
      group_new: "Ryhmäsi jonoon saapui uusi asia {reference}",
    },
    heading: {
      assigned: "Sinulle annetut asiat",
      comment_requested: "Lausuntopyynnöt",
      information: "Tiedoksi lähetetyt",
      comment_answered: "Vastaukset lausuntopyyntöihisi",
      resident_message: "Asukkaiden viestit",
      sla_warning: "Lähestyvät määräajat",
      sla_breached: "Ylittyneet määräajat",
      rule: "Automaatiosääntöjen ilmoitukset",
      mention: "Maininnat muistiinpanoissa",
      group_new: "Uudet asiat ryhmäsi jonossa",
    },
    someone: "Joku",
    open: "Avaa asia",
    digestSubject: { hourly: "Yhteys: ilmoituksesi viimeisen tunnin ajalta", daily: "Yhteys: päivän ilmoituksesi" },
    digestLead: "Sinulla on {count} lukematonta ilmoitusta.",
    why: "Saat tämän viestin, koska et ollut Yhteydessä paikalla. Voit muuttaa, mistä ja miten sinulle ilmoitetaan:",
    settings: "Ilmoitusasetukset",
  },
  sv: {
    what: {
      assigned: "{by} gav dig ärendet {reference}",
      comment_requested: "{by} begärde ett utlåtande av dig i ärendet {reference}",
      information: "{by} skickade ärendet {reference} till dig för kännedom",
      comment_answered: "{by} svarade på din begäran om utlåtande i ärendet {reference}",
      resident_message: "Invånaren skickade ett nytt meddelande i ärendet {reference}",
      sla_warning: "Tidsfristen för ärendet {reference} närmar sig",
      sla_breached: "Tidsfristen för ärendet {reference} överskreds",
      rule: "En automatiseringsregel bad om din uppmärksamhet för ärendet {reference}",
      mention: "{by} nämnde dig i en intern anteckning i ärendet {reference}",
      group_new: "Ett nytt ärende {reference} kom till din grupps kö",
    },
    heading: {
      assigned: "Ärenden som getts dig",
      comment_requested: "Begäranden om utlåtande",
      information: "För kännedom",
      comment_answered: "Svar på dina begäranden om utlåtande",
      resident_message: "Meddelanden från invånare",
      sla_warning: "Tidsfrister som närmar sig",
      sla_breached: "Överskridna tidsfrister",
      rule: "Aviseringar från automatiseringsregler",
      mention: "Omnämnanden i anteckningar",
      group_new: "Nya ärenden i din grupps kö",
    },
    someone: "Någon",
    open: "Öppna ärendet",
    digestSubject: { hourly: "Yhteys: dina aviseringar från den senaste timmen", daily: "Yhteys: dagens aviseringar" },
    digestLead: "Du har {count} olästa aviseringar.",
    why: "Du får det här meddelandet eftersom du inte var inloggad i Yhteys. Du kan ändra vad du aviseras om och hur:",
    settings: "Inställningar för aviseringar",
  },
  en: {
    what: {
      assigned: "{by} gave you {reference}",
      comment_requested: "{by} asked for your comment on {reference}",
      information: "{by} sent you {reference} for information",
      comment_answered: "{by} answered your comment request on {reference}",
      resident_message: "The resident sent a new message on {reference}",
      sla_warning: "The deadline of {reference} is near",
      sla_breached: "The deadline of {reference} was missed",
      rule: "An automation rule asks for your attention to {reference}",
      mention: "{by} mentioned you in an internal note on {reference}",
      group_new: "A new ticket {reference} arrived in your group's queue",
    },
    heading: {
      assigned: "Tickets given to you",
      comment_requested: "Comment requests",
      information: "For your information",
      comment_answered: "Answers to your comment requests",
      resident_message: "Residents' messages",
      sla_warning: "Deadlines near",
      sla_breached: "Deadlines missed",
      rule: "From automation rules",
      mention: "Mentions in notes",
      group_new: "New tickets in your group's queue",
    },
    someone: "Someone",
    open: "Open the ticket",
    digestSubject: { hourly: "Yhteys: your notifications of the past hour", daily: "Yhteys: your notifications of the day" },
    digestLead: "You have {count} unread notifications.",
    why: "You get this email because you were not signed in to Yhteys. You can change what you are told of and how:",
    settings: "Notification settings",
  },
};

const sentence = (t: Texts, item: NotificationItem) => fill(t.what[item.kind], { by: item.by ?? t.someone, reference: item.reference });

const footer = (t: Texts, settingsUrl: string) => ({
  text: `-- \n${t.why}\n${settingsUrl}`,
  html: `<hr>\n<p><small>${escapeHtml(t.why)} <a href="${escapeHtml(settingsUrl)}">${escapeHtml(t.settings)}</a></small></p>`,
});

export type ComposedEmail = { subject: string; text: string; html: string };

/** One notification, emailed at once. */
export function composeNotificationEmail(language: Language, item: NotificationItem, settingsUrl: string): ComposedEmail {
  const t = texts[language];
  const subject = `Yhteys: ${sentence(t, item)}`;
  const end = footer(t, settingsUrl);
  return {
    subject,
    text: `${sentence(t, item)}.\n\n${t.open}: ${item.ticketUrl}\n\n${end.text}\n`,
    html: htmlDocument(language, subject, [
      `<p>${escapeHtml(sentence(t, item))}.</p>`,
      `<p><a href="${escapeHtml(item.ticketUrl)}">${escapeHtml(t.open)} ${escapeHtml(item.reference)}</a></p>`,
      end.html,
    ]),
  };
}

/** The unread notifications of a period in one email, grouped by kind (in the kinds' order), oldest first. */
export function composeDigestEmail(
  language: Language,
  cadence: "hourly" | "daily",
  items: NotificationItem[],
  settingsUrl: string,
): ComposedEmail {
  const t = texts[language];
  const subject = t.digestSubject[cadence];
  const kinds = Object.keys(t.heading) as NotificationKind[];
  const text: string[] = [fill(t.digestLead, { count: String(items.length) })];
  const html: string[] = [`<p>${escapeHtml(text[0] ?? "")}</p>`];
  for (const kind of kinds) {
    const group = items.filter((i) => i.kind === kind).sort((a, b) => a.at.getTime() - b.at.getTime());
    if (!group.length) continue;
    text.push(`${t.heading[kind]}\n${group.map((i) => `- ${sentence(t, i)}: ${i.ticketUrl}`).join("\n")}`);
    html.push(
      `<h2>${escapeHtml(t.heading[kind])}</h2>`,
      `<ul>\n${group.map((i) => `<li><a href="${escapeHtml(i.ticketUrl)}">${escapeHtml(sentence(t, i))}</a></li>`).join("\n")}\n</ul>`,
    );
  }
  const end = footer(t, settingsUrl);
  return { subject, text: `${text.join("\n\n")}\n\n${end.text}\n`, html: htmlDocument(language, subject, [...html, end.html]) };
}
