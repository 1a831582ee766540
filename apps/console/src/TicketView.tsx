/** One ticket: facts, description, customer, messages, history and the handling actions. */
import type { ExtraFieldDefinition, FiredRule, TicketDetail } from "@yhteys/contracts";
import { RichHtml } from "@yhteys/web";
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { Actions } from "./Actions.tsx";
import { AttachmentsPanel } from "./AttachmentsPanel.tsx";
import * as api from "./api.ts";
import { useConsole } from "./Console.tsx";
import { CustomerHistory } from "./CustomerHistory.tsx";
import { useFocusOnNavigation } from "./focus.ts";
import { channelName, errorText, languageName, name, priorityName, stateName, ticketTypeName } from "./format.ts";
import { firedRules, historyReason, historySentence } from "./history.ts";
import { type T, useI18n } from "./i18n.ts";
import { NearbyTickets, nearbyMap } from "./NearbyTickets.tsx";
import { NoteText } from "./NoteForm.tsx";
import { ColleaguesNotice, useTicketPresence } from "./Presence.tsx";
import { PublishPanel } from "./PublishPanel.tsx";
import { RelatedPanel } from "./Related.tsx";
import { RequestsPanel } from "./Requests.tsx";
import { onLinkClick } from "./router.ts";
import { ruleSummary } from "./ruleText.ts";
import { SlaBadge } from "./SlaBadge.tsx";

export function TicketView({ ticketId }: { ticketId: string }) {
  const { t, language, formatDateTime, formatRelative } = useI18n();
  const { live, lastQueuePath, directory, refreshQueues, announce } = useConsole();
  const [ticket, setTicket] = useState<TicketDetail | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useTicketPresence(ticketId);

  const load = useCallback(
    (signal?: AbortSignal) =>
      api
        .ticket(ticketId, signal)
        .then((d) => {
          setTicket(d);
          setMissing(false);
          setError(null);
        })
        .catch((e) => {
          if (signal?.aborted) return;
          if (e instanceof api.ApiError && (e.status === 404 || e.status === 400)) setMissing(true);
          else setError(errorText(t, e));
        }),
    [ticketId, t],
  );

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  // Re-read when a live event concerns this ticket.
  const seenVersion = useRef(live.version);
  useEffect(() => {
    if (live.version === seenVersion.current) return;
    seenVersion.current = live.version;
    if (live.ticketIds.has(ticketId) || live.ticketIds.has("*")) void load();
  }, [live, ticketId, load]);

  useEffect(() => {
    document.title = `${ticket?.reference ?? (missing ? t("ticket.notFound") : t("app.loading"))} – ${t("app.console")}`;
  }, [ticket, missing, t]);

  useFocusOnNavigation(heading, ticket !== null || missing);

  const onUpdated = useCallback(
    (next: TicketDetail) => {
      setTicket(next);
      refreshQueues();
    },
    [refreshQueues],
  );

  const back = lastQueuePath && (
    <p className="back">
      <a href={lastQueuePath} onClick={onLinkClick}>
        <span aria-hidden="true">← </span>
        {t("ticket.back")}
      </a>
    </p>
  );

  if (missing)
    return (
      <section className="ticket-missing">
        {back}
        <h1 ref={heading} tabIndex={-1}>
          {t("ticket.notFound")}
        </h1>
        <p>{t("ticket.notFoundText")}</p>
      </section>
    );
  if (!ticket)
    return (
      <section aria-busy="true">
        {back}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : (
          <p className="muted">{t("app.loading")}</p>
        )}
      </section>
    );

  const definitions = directory?.categories.find((c) => c.id === ticket.category.id)?.extraFields ?? [];
  const extra = Object.entries(ticket.extraFields);
  // The step of the type's workflow when it has one, and the organisation's name of the type.
  const stateShown = ticket.status ? name(ticket.status.name, language) : stateName(t, ticket.state);
  const typeShown = ticketTypeName(t, language, directory?.types, ticket);
  const when = (iso: string | null) =>
    iso ? <time dateTime={iso}>{formatDateTime(iso)}</time> : <span className="muted">{t("ticket.notYet")}</span>;

  return (
    <article className="ticket-view" aria-labelledby="ticket-heading">
      {back}
      <header className="ticket-head">
        <h1 id="ticket-heading" ref={heading} tabIndex={-1}>
          <span className="reference">{ticket.reference}</span>
          <span className="ticket-summary">{ticket.summary}</span>
        </h1>
        <p className="ticket-badges">
          <span className={`badge state-${ticket.state}`}>{stateShown}</span>{" "}
          <span className={`priority priority-${ticket.priority}`}>{priorityName(t, ticket.priority)}</span>
          {ticket.sensitive && (
            <>
              {" "}
              <span className="badge sensitive">{t("sensitive.badge")}</span>
            </>
          )}
          {ticket.tags.length > 0 && <span className="visually-hidden"> {t("tags.label")}:</span>}
          {ticket.tags.map((tag) => (
            <span key={tag}>
              {" "}
              <span className="badge tag">#{tag}</span>
            </span>
          ))}
        </p>
      </header>
      <ColleaguesNotice ticketId={ticket.id} />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}

      <div className="ticket-columns">
        <div className="ticket-main">
          <section aria-labelledby="details-heading" className="panel">
            <h2 id="details-heading">{t("ticket.details")}</h2>
            <dl className="facts">
              <Fact label={t("field.state")}>
                {stateShown}{" "}
                <time className="muted small state-since" dateTime={ticket.statusChangedAt} title={formatDateTime(ticket.statusChangedAt)}>
                  {t("ticket.stateSince", { when: formatRelative(ticket.statusChangedAt) })}
                </time>
              </Fact>
              <Fact label={t("field.priority")}>{priorityName(t, ticket.priority)}</Fact>
              <Fact label={t("field.type")}>{typeShown}</Fact>
              <Fact label={t("field.category")}>{name(ticket.category.name, language)}</Fact>
              <Fact label={t("field.group")}>{ticket.group ? name(ticket.group.name, language) : t("ticket.noGroup")}</Fact>
              <Fact label={t("field.handler")}>{ticket.handler?.name ?? t("ticket.noHandler")}</Fact>
              <Fact label={t("field.channel")}>{channelName(t, ticket.channel)}</Fact>
              <Fact label={t("field.language")}>{languageName(t, ticket.language)}</Fact>
              <Fact label={t("field.created")}>{when(ticket.createdAt)}</Fact>
              <Fact label={t("field.firstResponse")}>{when(ticket.firstResponseAt)}</Fact>
              <Fact label={t("field.resolved")}>{when(ticket.resolvedAt)}</Fact>
              <Fact label={t("field.firstResponseDue")}>
                <SlaBadge clock={ticket.sla.firstResponse} />
              </Fact>
              <Fact label={t("field.resolutionDue")}>
                <SlaBadge clock={ticket.sla.resolution} />
                {ticket.sla.paused && <span className="muted small sla-paused">{t("sla.paused")}</span>}
              </Fact>
              {ticket.followers > 0 && (
                <Fact label={t("field.sameIssue")}>
                  {ticket.followers === 1 ? t("ticket.followersOne") : t("ticket.followersMany", { count: ticket.followers })}
                </Fact>
              )}
              {ticket.address && <Fact label={t("field.address")}>{ticket.address}</Fact>}
              {ticket.location && (
                <Fact label={t("field.location")}>
                  {ticket.location.lat.toFixed(5)}, {ticket.location.lon.toFixed(5)}{" "}
                  <a
                    href={`https://www.openstreetmap.org/?mlat=${ticket.location.lat}&mlon=${ticket.location.lon}#map=17/${ticket.location.lat}/${ticket.location.lon}`}
                    target="_blank"
                    rel="noopener noreferrer"
                  >
                    {t("ticket.showOnMap")}
                  </a>
                </Fact>
              )}
            </dl>
            {extra.length > 0 && (
              <>
                <h3>{t("ticket.extraFields")}</h3>
                <dl className="facts">
                  {extra.map(([code, value]) => {
                    const def = definitions.find((d) => d.code === code);
                    return (
                      <Fact key={code} label={def ? name(def.label, language) : code}>
                        {extraValue(t, language, def, value)}
                      </Fact>
                    );
                  })}
                </dl>
              </>
            )}
          </section>

          <section aria-labelledby="description-heading" className="panel">
            <h2 id="description-heading">{t("ticket.description")}</h2>
            <p className="prose" lang={ticket.language}>
              {ticket.description}
            </p>
          </section>

          {ticket.customer && (
            <section aria-labelledby="customer-heading" className="panel">
              <h2 id="customer-heading">{t("ticket.customer")}</h2>
              <dl className="facts">
                {ticket.customer.name && <Fact label={t("customer.name")}>{ticket.customer.name}</Fact>}
                {ticket.customer.email && (
                  <Fact label={t("customer.email")}>
                    <a href={`mailto:${ticket.customer.email}`}>{ticket.customer.email}</a>
                  </Fact>
                )}
                {ticket.customer.phone && (
                  <Fact label={t("customer.phone")}>
                    <a href={`tel:${ticket.customer.phone.replace(/\s+/g, "")}`}>{ticket.customer.phone}</a>
                  </Fact>
                )}
                <Fact label={t("customer.wantsReply")}>{ticket.customer.wantsReply ? t("common.yes") : t("common.no")}</Fact>
              </dl>
            </section>
          )}

          <CustomerHistory ticket={ticket} />

          <AttachmentsPanel ticket={ticket} />

          <PublishPanel
            ticket={ticket}
            onDone={(next, message) => {
              if (next) onUpdated(next);
              announce(message);
            }}
          />

          <section aria-labelledby="messages-heading" className="panel">
            <h2 id="messages-heading">{t("ticket.messages")}</h2>
            {ticket.messages.length === 0 ? (
              <p className="muted">{t("ticket.noMessages")}</p>
            ) : (
              <ol className="messages">
                {ticket.messages.map((m) => (
                  <li key={m.id} className={`message message-${m.kind}`}>
                    <p className="message-meta">
                      <strong>{t(`message.${m.kind}`)}</strong>
                      {m.kind === "note" && <span className="internal-tag">{t("message.internal")}</span>}
                      {m.author && <span>{m.author}</span>}
                      {m.mergedFrom && (
                        <span className="merged-from">{t("message.mergedFrom", { reference: m.mergedFrom.reference })}</span>
                      )}
                      <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
                    </p>
                    {m.html ? <RichHtml className="rich-text" html={m.html} /> : <NoteText message={m} />}
                  </li>
                ))}
              </ol>
            )}
          </section>

          <RelatedPanel ticket={ticket} onUpdated={onUpdated} />

          <NearbyTickets ticket={ticket} map={nearbyMap} />

          <RequestsPanel ticket={ticket} onUpdated={setTicket} />

          <section aria-labelledby="history-heading" className="panel">
            <h2 id="history-heading">{t("ticket.history")}</h2>
            <ol className="history">
              {ticket.history.map((e) => {
                const reason = historyReason(t, e);
                return (
                  <li key={e.id}>
                    <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time>
                    <div className="history-text">
                      {historySentence(t, language, directory, ticket, e)}
                      {reason && <span className="history-reason">{t("history.reason", { reason })}</span>}
                      <FiredRules rules={firedRules(e)} />
                    </div>
                  </li>
                );
              })}
            </ol>
          </section>
        </div>

        <aside className="ticket-side" aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t("actions.title")}</h2>
          <Actions ticket={ticket} onUpdated={onUpdated} />
        </aside>
      </div>
    </article>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function extraValue(t: T, language: "fi" | "sv" | "en", def: ExtraFieldDefinition | undefined, value: unknown): string {
  const option = (key: string) => {
    const o = def?.options?.find((x) => x.key === key);
    return o ? name(o.label, language) : key;
  };
  if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  if (Array.isArray(value)) return value.map((v) => option(String(v))).join(", ");
  if (def?.type === "singlevaluelist" && typeof value === "string") return option(value);
  return String(value);
}

/** Which rules fired and why, under the history entry of the change they made. */
function FiredRules({ rules }: { rules: FiredRule[] }) {
  const { t, language } = useI18n();
  const { directory } = useConsole();
  if (!rules.length) return null;
  return (
    <div className="history-rules">
      {t("history.rulesFired")}
      <ul>
        {rules.map((r) => (
          <li key={r.id}>
            <strong>{r.name}</strong>: {ruleSummary(t, language, { directory }, r)}
          </li>
        ))}
      </ul>
    </div>
  );
}
