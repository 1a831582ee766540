/** Current disruptions and news of the organisation, each with its validity and areas. */
import type { PublicNotice, PublicNoticeList, PublicOrganisation } from "@yhteys/contracts";
import { localize } from "@yhteys/contracts/constants";
import { api } from "@yhteys/web";
import { useEffect, useState } from "react";
import { useI18n } from "./i18n.ts";
import { RichText } from "./RichText.tsx";
import { StatusMessage } from "./StatusMessage.tsx";
import { useDocumentTitle } from "./useDocumentTitle.ts";

export function NoticesPage({ org, orgName }: { org: PublicOrganisation; orgName: string }) {
  const { t, language, formatDateTime } = useI18n();
  const [notices, setNotices] = useState<PublicNotice[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useDocumentTitle(t("notices.title"), orgName);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the resident asking to load again
  useEffect(() => {
    const controller = new AbortController();
    setFailed(false);
    api<PublicNoticeList>(`/api/public/${encodeURIComponent(org.slug)}/notices`, { signal: controller.signal })
      .then((list) => setNotices(list.items))
      .catch(() => !controller.signal.aborted && setFailed(true));
    return () => controller.abort();
  }, [org.slug, attempt]);

  const section = (kind: PublicNotice["kind"], title: string) => {
    const items = notices?.filter((n) => n.kind === kind) ?? [];
    if (!items.length) return null;
    return (
      <section aria-labelledby={`notices-${kind}`}>
        <h2 id={`notices-${kind}`}>{title}</h2>
        <ul className="notice-list">
          {items.map((n) => (
            <li key={n.id}>
              <article className={`notice-item notice-${n.kind}`}>
                <h3>{localize(n.title, language)}</h3>
                <p className="hint">
                  {n.validUntil
                    ? t("notices.validUntil", { from: formatDateTime(n.validFrom), until: formatDateTime(n.validUntil) })
                    : t("notices.valid", { from: formatDateTime(n.validFrom) })}
                  {n.areas.length > 0 && (
                    <>
                      <br />
                      {t("notices.areas", { areas: n.areas.map((a) => localize(a.name, language)).join(", ") })}
                    </>
                  )}
                </p>
                <RichText text={localize(n.body, language)} />
              </article>
            </li>
          ))}
        </ul>
      </section>
    );
  };

  if (failed) return <StatusMessage kind="failed" onRetry={() => setAttempt((n) => n + 1)} />;
  return (
    <div className="narrow">
      <h1 tabIndex={-1}>{t("notices.title")}</h1>
      <p className="lead">{t("notices.intro")}</p>
      {!notices ? (
        <StatusMessage kind="loading" />
      ) : notices.length === 0 ? (
        <p>{t("notices.none")}</p>
      ) : (
        <>
          {section("disruption", t("notices.disruptions"))}
          {section("news", t("notices.news"))}
        </>
      )}
    </div>
  );
}
