/**
 * Frequently asked questions: a search field that narrows the list as one types (the count is
 * announced), and each question a disclosure button that opens its answer.
 */
import type { PublicFaqEntry, PublicFaqList, PublicOrganisation } from "@yhteys/contracts";
import { localize } from "@yhteys/contracts/constants";
import { api } from "@yhteys/web";
import { useEffect, useState } from "react";
import { useI18n } from "./i18n.ts";
import { RichText } from "./RichText.tsx";
import { StatusMessage } from "./StatusMessage.tsx";
import { useDocumentTitle } from "./useDocumentTitle.ts";

/** Lower case without diacritics, so that "jate" finds "jäte". */
const fold = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "");

export function FaqPage({ org, orgName }: { org: PublicOrganisation; orgName: string }) {
  const { t, language } = useI18n();
  const [entries, setEntries] = useState<PublicFaqEntry[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState<Set<string>>(new Set());
  useDocumentTitle(t("faq.title"), orgName);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the resident asking to load again
  useEffect(() => {
    const controller = new AbortController();
    setFailed(false);
    api<PublicFaqList>(`/api/public/${encodeURIComponent(org.slug)}/faq`, { signal: controller.signal })
      .then((list) => setEntries(list.items))
      .catch(() => !controller.signal.aborted && setFailed(true));
    return () => controller.abort();
  }, [org.slug, attempt]);

  if (failed) return <StatusMessage kind="failed" onRetry={() => setAttempt((n) => n + 1)} />;
  const words = fold(query).split(/\s+/).filter(Boolean);
  const shown = (entries ?? []).filter((e) => {
    const text = fold(`${localize(e.question, language)} ${localize(e.answer, language)}`);
    return words.every((w) => text.includes(w));
  });
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <div className="narrow">
      <h1 tabIndex={-1}>{t("faq.title")}</h1>
      <p className="lead">{t("faq.intro")}</p>
      {!entries ? (
        <StatusMessage kind="loading" />
      ) : entries.length === 0 ? (
        <p>{t("faq.empty")}</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor="faq-search">{t("faq.search")}</label>
            <p className="hint" id="faq-search-hint">
              {t("faq.searchHint")}
            </p>
            <input
              id="faq-search"
              type="search"
              className="input"
              value={query}
              aria-describedby="faq-search-hint"
              onChange={(event) => setQuery(event.target.value)}
            />
          </div>
          <p role="status" className="hint">
            {shown.length === 0 ? t("faq.none") : shown.length === 1 ? t("faq.countOne") : t("faq.count", { count: shown.length })}
          </p>
          <ul className="faq-list">
            {shown.map((e) => {
              const expanded = open.has(e.id);
              return (
                <li key={e.id}>
                  <h2 className="faq-question">
                    <button type="button" aria-expanded={expanded} aria-controls={`faq-${e.id}`} onClick={() => toggle(e.id)}>
                      {localize(e.question, language)}
                    </button>
                  </h2>
                  <div id={`faq-${e.id}`} className="faq-answer" hidden={!expanded}>
                    <RichText text={localize(e.answer, language)} />
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
