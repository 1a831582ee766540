/** /{org}/track/{token}: the resident's own contact — status, progress, the city's answers and what they wrote. */
import type { PublicOrganisation, ResidentMessageReceipt, TrackedContact } from "@yhteys/contracts";
import { localize } from "@yhteys/contracts/constants";
import { ApiError, api, RichHtml } from "@yhteys/web";
import { useEffect, useState } from "react";
import { useI18n } from "./i18n.ts";
import { MergedNotice } from "./MergedNotice.tsx";
import { followLink, formPath } from "./router.ts";
import { StatusBadge } from "./StatusBadge.tsx";
import { TrackedAttachments } from "./TrackedAttachments.tsx";
import { TrackedReply } from "./TrackedReply.tsx";
import { useDocumentTitle } from "./useDocumentTitle.ts";

type State = { status: "loading" } | { status: "ready"; contact: TrackedContact } | { status: "notFound" } | { status: "failed" };

export function TrackingPage({ org, orgName, token }: { org: PublicOrganisation; orgName: string; token: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<State>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  useDocumentTitle(state.status === "notFound" ? t("track.notFoundTitle") : t("track.pageTitle"), orgName);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the resident asking to load again
  useEffect(() => {
    let cancelled = false;
    api<TrackedContact>(`/api/public/${encodeURIComponent(org.slug)}/contacts/${encodeURIComponent(token)}`)
      .then((contact) => !cancelled && setState({ status: "ready", contact }))
      .catch((e) => {
        if (cancelled) return;
        // A malformed token (400) is as unknown as a wrong one (404).
        setState({ status: e instanceof ApiError && (e.status === 404 || e.status === 400) ? "notFound" : "failed" });
      });
    return () => {
      cancelled = true;
    };
  }, [org.slug, token, attempt]);

  if (state.status === "notFound")
    return (
      <div className="narrow">
        <h1 tabIndex={-1}>{t("track.notFoundTitle")}</h1>
        <p>{t("track.notFoundBody")}</p>
        <p>
          <a href={formPath(org.slug)} onClick={followLink}>
            {t("notFound.toForm")}
          </a>
        </p>
      </div>
    );

  return (
    <div className="narrow tracking">
      <h1 tabIndex={-1}>{t("track.title")}</h1>
      {state.status === "loading" && <p role="status">{t("track.loading")}</p>}
      {state.status === "failed" && (
        <div className="problem-box" role="alert">
          <p>{t("app.loadFailed")}</p>
          <button type="button" className="button button-secondary" onClick={() => setAttempt((n) => n + 1)}>
            {t("app.retry")}
          </button>
        </div>
      )}
      {state.status === "ready" && (
        <Contact
          org={org}
          token={token}
          contact={state.contact}
          onRefresh={() => setAttempt((n) => n + 1)}
          onMessage={(receipt) => setState({ status: "ready", contact: withMessage(state.contact, receipt) })}
        />
      )}
    </div>
  );
}

/** The contact as it is after the resident's message: shown at once, without reading it all again. */
function withMessage(contact: TrackedContact, receipt: ResidentMessageReceipt): TrackedContact {
  const at = receipt.message.createdAt;
  return {
    ...contact,
    messages: [...contact.messages, receipt.message],
    updatedAt: at,
    ...(receipt.reopened ? { state: receipt.state, statusName: null, timeline: [...contact.timeline, { state: receipt.state, at }] } : {}),
  };
}

type ContactProps = {
  org: PublicOrganisation;
  token: string;
  contact: TrackedContact;
  onRefresh: () => void;
  onMessage: (receipt: ResidentMessageReceipt) => void;
};

function Contact({ org, token, contact, onRefresh, onMessage }: ContactProps) {
  const { t, language, formatDateTime } = useI18n();
  const answers = contact.messages.filter((m) => m.from === "city");
  const additions = contact.messages.filter((m) => m.from === "resident");
  return (
    <>
      {contact.mergedInto && <MergedNotice org={org.slug} merged={contact.mergedInto} />}
      <dl className="summary-list">
        <div>
          <dt>{t("track.status")}</dt>
          <dd>
            <StatusBadge state={contact.state} statusName={contact.statusName} />
          </dd>
        </div>
        <div>
          <dt>{t("track.reference")}</dt>
          <dd className="reference">{contact.reference}</dd>
        </div>
        <div>
          <dt>{t("track.category")}</dt>
          <dd>{localize(contact.category.name, language)}</dd>
        </div>
        <div>
          <dt>{t("track.type")}</dt>
          <dd>{contact.typeName ? localize(contact.typeName, language) : t(`type.${contact.type}`)}</dd>
        </div>
        <div>
          <dt>{t("track.sent")}</dt>
          <dd>
            <time dateTime={contact.createdAt}>{formatDateTime(contact.createdAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{t("track.updated")}</dt>
          <dd>
            <time dateTime={contact.updatedAt}>{formatDateTime(contact.updatedAt)}</time>
          </dd>
        </div>
        {contact.address && (
          <div>
            <dt>{t("track.address")}</dt>
            <dd>{contact.address}</dd>
          </div>
        )}
        {contact.publishConsent !== null && (
          <div>
            <dt>{t("track.publishing")}</dt>
            <dd>{t(contact.publishConsent ? "track.publishAllowed" : "track.publishRefused")}</dd>
          </div>
        )}
      </dl>

      <section aria-labelledby="answers-title">
        <h2 id="answers-title">{t("track.answers")}</h2>
        {answers.length === 0 ? (
          <p className="hint">{t("track.noAnswers")}</p>
        ) : (
          answers.map((m) => (
            <article className="message message-city" key={`${m.createdAt}-${m.body.slice(0, 20)}`}>
              <h3>{t("track.answerFrom", { date: formatDateTime(m.createdAt) })}</h3>
              {m.html ? <RichHtml className="message-body rich-text" html={m.html} /> : <p className="message-body">{m.body}</p>}
            </article>
          ))
        )}
      </section>

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t("track.timeline")}</h2>
        <ol className="timeline">
          {contact.timeline.map((step, i) => (
            <li key={`${step.state}-${step.at}`} className={i === contact.timeline.length - 1 ? "timeline-current" : undefined}>
              <span className="timeline-state">{t(`state.${step.state}`)}</span> <time dateTime={step.at}>{formatDateTime(step.at)}</time>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="original-title">
        <h2 id="original-title">{t("track.yourMessage")}</h2>
        <p className="message-body original">{contact.description}</p>
        {additions.map((m) => (
          <article className="message message-resident" key={`${m.createdAt}-${m.body.slice(0, 20)}`}>
            <h3>{t("track.yourAddition", { date: formatDateTime(m.createdAt) })}</h3>
            <p className="message-body">{m.body}</p>
          </article>
        ))}
      </section>

      {!contact.mergedInto && <TrackedReply org={org.slug} token={token} state={contact.state} onSent={onMessage} onStale={onRefresh} />}

      <TrackedAttachments org={org.slug} token={token} limits={org.attachments} attachments={contact.attachments} onUploaded={onRefresh} />

      <p>
        <button type="button" className="button button-secondary" onClick={onRefresh}>
          {t("track.refresh")}
        </button>
      </p>
    </>
  );
}
