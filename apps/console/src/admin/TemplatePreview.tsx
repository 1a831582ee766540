/** A template or signature as it would look in a reply, with the placeholders filled in with example details. */
import type { Language, TemplatePlaceholder } from "@yhteys/contracts";
import { RichHtml } from "@yhteys/web";
import { useId } from "react";
import { useConsole } from "../Console.tsx";
import { name } from "../format.ts";
import { useI18n } from "../i18n.ts";

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `language`: the template's, in which the group is named. */
export function TemplatePreview({ html, groupId, language }: { html: string; groupId: string | null; language: Language }) {
  const { t } = useI18n();
  const { session, directory } = useConsole();
  const headingId = useId();
  const group = directory?.groups.find((g) => g.id === groupId) ?? directory?.groups.find((g) => session.user.groupIds.includes(g.id));
  const values: Record<TemplatePlaceholder, string> = {
    "resident.name": t("templatesAdmin.example.resident"),
    "ticket.reference": `YH-${new Date().getFullYear()}-000123`,
    "handler.name": session.user.name,
    "group.name": group ? name(group.name, language) : "",
  };
  const filled = html.replace(PLACEHOLDER, (whole, key: string) =>
    key in values ? escapeHtml(values[key as TemplatePlaceholder]) : whole,
  );
  return (
    <section className="template-preview" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("templatesAdmin.preview")}</h3>
      <RichHtml className="rich-text" html={filled} />
    </section>
  );
}
