/** Deliveries of a webhook and the dead letters, each with its attempts; dead letters can be sent again. */
import type { WebhookDelivery, WebhookSubscription } from "@yhteys/contracts";
import { useEffect, useState } from "react";
import { useConsole } from "../Console.tsx";
import { errorText } from "../format.ts";
import { useI18n } from "../i18n.ts";
import * as adminApi from "./adminApi.ts";

/** The latest deliveries of one subscription. */
export function DeliveryTable({ subscription, onRetried }: { subscription: WebhookSubscription; onRetried: () => void }) {
  const { t } = useI18n();
  const [items, setItems] = useState<WebhookDelivery[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    adminApi
      .webhookDeliveries(subscription.id)
      .then((d) => setItems(d.items))
      .catch((e) => setError(errorText(t, e)));
  }, [subscription.id, t]);
  const title = t("webhooks.deliveriesOf", { url: subscription.url });
  return <Deliveries title={title} items={items} error={error} empty={t("webhooks.noDeliveries")} onRetried={onRetried} />;
}

/** Every dead letter of the organisation. */
export function DeadLetters({ onRetried }: { onRetried: () => void }) {
  const { t } = useI18n();
  const [items, setItems] = useState<WebhookDelivery[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    adminApi
      .deadLetters()
      .then((d) => setItems(d.items))
      .catch((e) => setError(errorText(t, e)));
  }, [t]);
  return (
    <Deliveries
      title={t("webhooks.deadLetters")}
      intro={t("webhooks.deadLettersIntro")}
      items={items}
      error={error}
      empty={t("webhooks.noDeadLetters")}
      onRetried={onRetried}
    />
  );
}

function Deliveries(props: {
  title: string;
  intro?: string;
  items: WebhookDelivery[] | null;
  error: string | null;
  empty: string;
  onRetried: () => void;
}) {
  const { t, formatDateTime } = useI18n();
  const { announce } = useConsole();
  const [error, setError] = useState<string | null>(null);
  const retry = (id: string) => {
    setError(null);
    adminApi
      .retryDelivery(id)
      .then(() => {
        announce(t("webhooks.retried"));
        props.onRetried();
      })
      .catch((e) => setError(errorText(t, e)));
  };
  const result = (status: number | null, message: string | null) =>
    status !== null ? t("webhooks.httpStatus", { status }) : (message ?? "–");
  const shown = props.error ?? error;
  return (
    <section className="panel" aria-label={props.title}>
      <h2>{props.title}</h2>
      {props.intro && <p className="muted">{props.intro}</p>}
      {shown && (
        <p className="form-error" role="alert">
          {shown}
        </p>
      )}
      {props.items === null ? (
        <p className="muted">{t("app.loading")}</p>
      ) : props.items.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">{t("webhooks.time")}</th>
              <th scope="col">{t("webhooks.event")}</th>
              <th scope="col">{t("webhooks.status")}</th>
              <th scope="col">{t("webhooks.lastResult")}</th>
              <th scope="col">{t("webhooks.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((d) => (
              <tr key={d.id}>
                <td>
                  <time dateTime={d.createdAt}>{formatDateTime(d.createdAt)}</time>
                </td>
                <td>{d.eventType}</td>
                <td>{t(`webhooks.state.${d.state}`)}</td>
                <td>
                  {result(d.lastStatusCode, d.lastError)}
                  {d.attemptLog.length > 0 && (
                    <details>
                      <summary>{t("webhooks.attemptLog", { count: d.attemptLog.length })}</summary>
                      <ul>
                        {d.attemptLog.map((a) => (
                          <li key={a.attempt}>
                            {t("webhooks.attemptLine", {
                              attempt: a.attempt,
                              time: formatDateTime(a.at),
                              result: result(a.statusCode, a.error),
                              duration: a.durationMs,
                            })}
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                </td>
                <td>
                  {d.state === "dead" && (
                    <button type="button" className="button secondary" onClick={() => retry(d.id)}>
                      {t("webhooks.retry")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
