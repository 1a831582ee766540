/**
 * The texts of emails to residents, in the ticket's language (Finnish, Swedish, English): short,
 * plain language, a plain-text part and a simple HTML part with the same content (one column,
 * real headings and links, no images, `lang` set). Every subject carries the reference in
 * brackets, `[YH-2026-000123]`, which routes answers back to the ticket.
 */
import type { Language } from "@yhteys/contracts";
import { escapeHtml, textToHtml } from "../templates/richtext.ts";

export type EmailKind = "confirmation" | "reply" | "resolved" | "closed" | "test";

export type EmailContent = {
  kind: EmailKind;
  language: Language;
  reference: string;
  organisationName: string;
  /** Follows the ticket rather than having sent it: no private link, no reply text. */
  follower: boolean;
  trackingUrl: string | null;
  replyText: string | null;
  /** The reply as sanitised rich text (templates/richtext.ts) for the HTML part; null: from `replyText`. */
  replyHtml: string | null;
  unsubscribeUrl: string | null;
};

type Texts = {
  subject: Record<EmailKind, string>;
  followerSubject: Partial<Record<EmailKind, string>>;
  lead: Record<EmailKind, string>;
  followerLead: Partial<Record<EmailKind, string>>;
  replyHeading: string;
  track: string;
  noLink: string;
  answer: string;
  unsubscribe: string;
  unsubscribeLink: string;
  signature: string;
};

const texts: Record<Language, Texts> = {
  fi: {
    subject: {
      confirmation: "Yhteydenottosi on vastaanotettu",
      reply: "Vastaus yhteydenottoosi",
      resolved: "Yhteydenottosi on käsitelty",
      closed: "Yhteydenottosi on suljettu",
      test: "Testiviesti",
    },
    followerSubject: {
      reply: "Seuraamaasi asiaan on vastattu",
      resolved: "Seuraamasi asia on käsitelty",
      closed: "Seuraamasi asia on suljettu",
    },
    lead: {
      confirmation: "Kiitos yhteydenotostasi. Olemme vastaanottaneet sen, ja sen tunnus on {reference}.",
      reply: "Olemme vastanneet yhteydenottoosi {reference}.",
      resolved: "Yhteydenottosi {reference} on käsitelty.",
      closed: "Yhteydenottosi {reference} on suljettu.",
      test: "Tämä on testiviesti. Sähköpostin lähetys toimii.",
    },
    followerLead: {
      reply: "Kaupunki on vastannut asiaan {reference}, jota seuraat.",
      resolved: "Asia {reference}, jota seuraat, on käsitelty.",
      closed: "Asia {reference}, jota seuraat, on suljettu.",
    },
    replyHeading: "Vastaus",
    track: "Voit seurata asian käsittelyä ja lisätä tietoja tästä linkistä:",
    noLink: "Kun otat meihin yhteyttä tästä asiasta, kerro tunnus {reference}.",
    answer: "Voit myös vastata tähän viestiin.",
    unsubscribe: "Et halua enää viestejä tästä asiasta?",
    unsubscribeLink: "Lopeta viestit",
    signature: "Ystävällisin terveisin\n{organisation}",
  },
  sv: {
    subject: {
      confirmation: "Vi har tagit emot ditt ärende",
      reply: "Svar på ditt ärende",
      resolved: "Ditt ärende har behandlats",
      closed: "Ditt ärende har stängts",
      test: "Testmeddelande",
    },
    followerSubject: {
      reply: "Ärendet som du följer har besvarats",
      resolved: "Ärendet som du följer har behandlats",
      closed: "Ärendet som du följer har stängts",
    },
    lead: {
      confirmation: "Tack för ditt meddelande. Vi har tagit emot det, och dess nummer är {reference}.",
      reply: "Vi har svarat på ditt ärende {reference}.",
      resolved: "Ditt ärende {reference} har behandlats.",
      closed: "Ditt ärende {reference} har stängts.",
      test: "Detta är ett testmeddelande. E-postutskicket fungerar.",
    },
    followerLead: {
      reply: "Staden har svarat i ärendet {reference}, som du följer.",
      resolved: "Ärendet {reference}, som du följer, har behandlats.",
      closed: "Ärendet {reference}, som du följer, har stängts.",
    },
    replyHeading: "Svar",
    track: "Du kan följa ärendet och lägga till uppgifter via den här länken:",
    noLink: "Uppge numret {reference} när du kontaktar oss om det här ärendet.",
    answer: "Du kan också svara på det här meddelandet.",
    unsubscribe: "Vill du inte längre få meddelanden om det här ärendet?",
    unsubscribeLink: "Avsluta meddelandena",
    signature: "Med vänliga hälsningar\n{organisation}",
  },
  en: {
    subject: {
      confirmation: "We have received your message",
      reply: "Reply to your message",
      resolved: "Your message has been dealt with",
      closed: "Your message has been closed",
      test: "Test email",
    },
    followerSubject: {
      reply: "The issue you follow has been answered",
      resolved: "The issue you follow has been dealt with",
      closed: "The issue you follow has been closed",
    },
    lead: {
      confirmation: "Thank you for contacting us. We have received your message; its reference is {reference}.",
      reply: "We have replied to your message {reference}.",
      resolved: "Your message {reference} has been dealt with.",
      closed: "Your message {reference} has been closed.",
      test: "This is a test email. Sending email works.",
    },
    followerLead: {
      reply: "The city has answered {reference}, which you follow.",
      resolved: "{reference}, which you follow, has been dealt with.",
      closed: "{reference}, which you follow, has been closed.",
    },
    replyHeading: "Reply",
    track: "You can follow your message and add information with this link:",
    noLink: "When you contact us about this, please give the reference {reference}.",
    answer: "You can also reply to this email.",
    unsubscribe: "Don't want more emails about this?",
    unsubscribeLink: "Stop these emails",
    signature: "Kind regards\n{organisation}",
  },
};

/** Fills `{name}` placeholders. */
export const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? "");

/** A simple one-column HTML email: `lang` set, the subject as its title, the given blocks as its body. */
export const htmlDocument = (language: Language, title: string, blocks: string[]) =>
  `<!DOCTYPE html>\n<html lang="${language}">\n<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body style="font-family: sans-serif; font-size: 16px; line-height: 1.5; max-width: 40em;">\n${blocks.join("\n")}\n</body>\n</html>\n`;

/** The subject with the reference in brackets, as answers are routed by it. */
const subjectFor = (c: Pick<EmailContent, "kind" | "language" | "reference" | "follower">) => {
  const t = texts[c.language];
  return `${(c.follower && t.followerSubject[c.kind]) || t.subject[c.kind]} [${c.reference}]`;
};

/** The subject, plain text and HTML of one email. */
export function composeEmail(c: EmailContent): { subject: string; text: string; html: string } {
  const t = texts[c.language];
  const values = { reference: c.reference, organisation: c.organisationName };
  const lead = fill((c.follower && t.followerLead[c.kind]) || t.lead[c.kind], values);
  const reply = !c.follower && c.kind === "reply" && c.replyText ? c.replyText.trim() : null;
  const link = !c.follower && c.trackingUrl;
  const subject = subjectFor(c);
  const signature = fill(t.signature, values);
  const text: string[] = [lead];
  const html: string[] = [`<p>${escapeHtml(lead)}</p>`];
  if (reply) {
    text.push(`${t.replyHeading}:\n\n${reply}`);
    html.push(`<h2>${escapeHtml(t.replyHeading)}</h2>`, `<blockquote>\n${c.replyHtml ?? textToHtml(reply)}\n</blockquote>`);
  }
  if (c.kind !== "test") {
    if (link) {
      text.push(`${t.track}\n${link}`);
      html.push(`<p>${escapeHtml(t.track)}<br><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`);
    } else {
      const noLink = fill(t.noLink, values);
      text.push(noLink);
      html.push(`<p>${escapeHtml(noLink)}</p>`);
    }
    if (!c.follower) {
      text.push(t.answer);
      html.push(`<p>${escapeHtml(t.answer)}</p>`);
    }
  }
  text.push(signature);
  html.push(textToHtml(signature));
  if (c.unsubscribeUrl) {
    text.push(`-- \n${t.unsubscribe} ${t.unsubscribeLink}: ${c.unsubscribeUrl}`);
    html.push(
      `<hr>\n<p><small>${escapeHtml(t.unsubscribe)} <a href="${escapeHtml(c.unsubscribeUrl)}">${escapeHtml(t.unsubscribeLink)}</a></small></p>`,
    );
  }
  return {
    subject,
    text: `${text.join("\n\n")}\n`,
    html: htmlDocument(c.language, subject, html),
  };
}
