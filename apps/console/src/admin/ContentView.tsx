/**
 * Notices, FAQ entries and (for technical admins) the sites allowed to embed the form. Content
 * admins create and change the entries of their own groups; technical admins all of them.
 */
import type { AdminFaqEntry, AdminNotice, AreaList } from "@yhteys/contracts";
import { useCallback, useEffect, useRef, useState } from "react";
import { useConsole } from "../Console.tsx";
import { useFocusOnNavigation } from "../focus.ts";
import { errorText } from "../format.ts";
import { useI18n } from "../i18n.ts";
import * as adminApi from "./adminApi.ts";
import { EmbedSection } from "./EmbedSection.tsx";
import { FaqSection } from "./FaqSection.tsx";
import { NoticesSection } from "./NoticesSection.tsx";

export function ContentView() {
  const { t } = useI18n();
  const { session } = useConsole();
  const heading = useRef<HTMLHeadingElement>(null);
  const [notices, setNotices] = useState<AdminNotice[] | null>(null);
  const [faq, setFaq] = useState<AdminFaqEntry[] | null>(null);
  const [areas, setAreas] = useState<AreaList["items"]>([]);
  const [error, setError] = useState<string | null>(null);
  useFocusOnNavigation(heading, notices !== null);
  useEffect(() => {
    document.title = `${t("content.title")} – ${t("app.name")}`;
  }, [t]);
  const load = useCallback(() => {
    Promise.all([adminApi.notices(), adminApi.faq(), adminApi.noticeAreas()])
      .then(([n, f, a]) => {
        setNotices(n.items);
        setFaq(f.items);
        setAreas(a.items);
      })
      .catch((e) => setError(errorText(t, e)));
  }, [t]);
  useEffect(load, [load]);

  return (
    <section className="admin-view" aria-labelledby="admin-content-heading">
      <h1 id="admin-content-heading" ref={heading} tabIndex={-1}>
        {t("content.title")}
      </h1>
      <p className="muted">{t("content.intro")}</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {notices && <NoticesSection notices={notices} areas={areas} onChanged={load} />}
      {faq && <FaqSection entries={faq} onChanged={load} />}
      {session.user.role === "technical_admin" && <EmbedSection organisation={session.user.organisation.slug} />}
    </section>
  );
}
