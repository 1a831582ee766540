/**
 * Notices, FAQ entries and (for technical admins) the sites allowed to embed the form and the base map. Content
 * admins create and change the entries of their own groups; technical admins all of them.
 */
import { useConsole } from "../Console.tsx";
import { useI18n } from "../i18n.ts";
import * as adminApi from "./adminApi.ts";
import { BaseMapSection } from "./BaseMapSection.tsx";
import { EmbedSection } from "./EmbedSection.tsx";
import { FaqSection } from "./FaqSection.tsx";
import { NoticesSection } from "./NoticesSection.tsx";
import { useAdminList, useAdminPage } from "./useAdminList.tsx";

const loadContent = () =>
  Promise.all([adminApi.notices(), adminApi.faq(), adminApi.noticeAreas()]).then(([notices, faq, areas]) => ({
    notices: notices.items,
    faq: faq.items,
    areas: areas.items,
  }));

export function ContentView() {
  const { t } = useI18n();
  const { session } = useConsole();
  const list = useAdminList(loadContent);
  const heading = useAdminPage(t("content.title"), list.data !== null);
  const content = list.data;

  return (
    <section className="admin-view" aria-labelledby="admin-content-heading">
      <h1 id="admin-content-heading" ref={heading} tabIndex={-1}>
        {t("content.title")}
      </h1>
      <p className="muted">{t("content.intro")}</p>
      {list.status}
      {content && <NoticesSection notices={content.notices} areas={content.areas} onChanged={list.reload} />}
      {content && <FaqSection entries={content.faq} onChanged={list.reload} />}
      {session.user.role === "technical_admin" && (
        <>
          <EmbedSection organisation={session.user.organisation.slug} />
          <BaseMapSection />
        </>
      )}
    </section>
  );
}
