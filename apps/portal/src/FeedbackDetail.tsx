/** /{org}/palautteet/{reference}: one published contact, its answer and approved photos; a shareable page. */
import type { PublicOrganisation, PublishedFeedback } from "@yhteys/contracts";
import { localize } from "@yhteys/contracts/constants";
import { ApiError, api } from "@yhteys/web";
import { useEffect, useState } from "react";
import { FeedbackMap } from "./FeedbackMap.tsx";
import { FeedbackFacts, feedApi } from "./FeedbackPage.tsx";
import { useI18n } from "./i18n.ts";
import { feedbackPath, followLink } from "./router.ts";
import { useDocumentTitle } from "./useDocumentTitle.ts";

type State = { status: "loading" } | { status: "ready"; item: PublishedFeedback } | { status: "notFound" } | { status: "failed" };

export function FeedbackDetail({ org, orgName, reference }: { org: PublicOrganisation; orgName: string; reference: string }) {
  const { t, language } = useI18n();
  const [state, setState] = useState<State>({ status: "loading" });
  useDocumentTitle(
    state.status === "ready" ? `${localize(state.item.category.name, language)} ${reference}` : t("feedback.title"),
    orgName,
  );

  useEffect(() => {
    let cancelled = false;
    api<PublishedFeedback>(`${feedApi(org.slug)}/${encodeURIComponent(reference)}`)
      .then((item) => !cancelled && setState({ status: "ready", item }))
      .catch((e) => !cancelled && setState({ status: e instanceof ApiError && e.status < 500 ? "notFound" : "failed" }));
    return () => {
      cancelled = true;
    };
  }, [org.slug, reference]);

  const back = (
    <p>
      <a href={feedbackPath(org.slug)} onClick={followLink}>
        <span aria-hidden="true">← </span>
        {t("feedback.back")}
      </a>
    </p>
  );
  if (state.status !== "ready")
    return (
      <div className="narrow">
        {back}
        <h1 tabIndex={-1}>{state.status === "loading" ? t("feedback.loading") : t("feedback.title")}</h1>
        {state.status === "notFound" && <p>{t("feedback.notFound")}</p>}
        {state.status === "failed" && <p role="alert">{t("app.loadFailed")}</p>}
      </div>
    );
  const { item } = state;
  return (
    <article className="narrow feedback-detail">
      {back}
      <h1 tabIndex={-1}>
        {localize(item.category.name, language)}
        <span className="feedback-reference"> {item.reference}</span>
      </h1>
      <FeedbackFacts item={item} />
      <p className="prose feedback-text">{item.text}</p>
      <section className="feedback-answer" aria-labelledby="answer-heading">
        <h2 id="answer-heading">{t("feedback.answer")}</h2>
        <p className="prose">{item.answer ?? t("feedback.noAnswer")}</p>
      </section>
      {item.photos.length > 0 && (
        <section aria-labelledby="photos-heading">
          <h2 id="photos-heading">{t("feedback.photos")}</h2>
          <ul className="feedback-photos">
            {item.photos.map((p, i) => (
              <li key={p.id}>
                <a href={p.url}>
                  <img src={p.thumbnailUrl ?? p.url} alt={t("feedback.photoAlt", { reference: item.reference, number: i + 1 })} />
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <h2>{t("feedback.location")}</h2>
      {item.location ? (
        <>
          {item.area && <p>{localize(item.area.name, language)}</p>}
          <FeedbackMap org={org} item={item} />
        </>
      ) : (
        <p>{item.area ? localize(item.area.name, language) : t("feedback.noLocation")}</p>
      )}
    </article>
  );
}
