/** Deliveries of a webhook and the dead letters, each with its attempts; dead letters can be sent again. */
import type { WebhookDeliveryList, WebhookSubscription } from "@yhteys/contracts";
import { useCallback } from "react";
import { useI18n } from "../i18n.ts";
import { AdminTable } from "./AdminTable.tsx";
import * as adminApi from "./adminApi.ts";
import { useAdminList } from "./useAdminList.tsx";
import { webhookEventLabel } from "./webhookEvents.ts";

/** The latest deliveries of one subscription. */
export function DeliveryTable({ subscription, onRetried }: { subscription: WebhookSubscription; onRetried: () => void }) {
  const { t } = useI18n();
  const load = useCallback(() => adminApi.webhookDeliveries(subscription.id), [subscription.id]);
  const title = t("webhooks.deliveriesOf", { url: subscription.url });
  return <Deliveries title={title} load={load} empty={t("webhooks.noDeliveries")} onRetried={onRetried} />;
}

/** Every dead letter of the organisation. */
export function DeadLetters({ onRetried }: { onRetried: () => void }) {
  const { t } = useI18n();
  return (
    <Deliveries
      title={t("webhooks.deadLetters")}
      intro={t("webhooks.deadLettersIntro")}
      load={adminApi.deadLetters}
      empty={t("webhooks.noDeadLetters")}
      onRetried={onRetried}
    />
  );
}

function Deliveries(props: {
  title: string;
  intro?: string;
  load: () => Promise<WebhookDeliveryList>;
  empty: string;
  onRetried: () => void;
}) {
  const { t, formatDateTime } = useI18n();
  const list = useAdminList(props.load);
  const items = list.data?.items;
  const retry = (id: string) =>
    void list.act(() => adminApi.retryDelivery(id), t("webhooks.retried")).then((done) => done && props.onRetried());
  const result = (status: number | null, message: string | null) =>
    status !== null ? t("webhooks.httpStatus", { status }) : (message ?? "–");
  return (
    <section className="panel" aria-label={props.title}>
      <h2>{props.title}</h2>
      {props.intro && <p className="muted">{props.intro}</p>}
      {list.status}
      <AdminTable
        headers={[t("webhooks.time"), t("webhooks.event"), t("webhooks.status"), t("webhooks.lastResult"), t("webhooks.actions")]}
        items={items}
        empty={props.empty}
        row={(d) => (
          <tr>
            <td>
              <time dateTime={d.createdAt}>{formatDateTime(d.createdAt)}</time>
            </td>
            <td>
              {webhookEventLabel(t, d.eventType)}
              <code className="event-code">{d.eventType}</code>
            </td>
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
        )}
      />
    </section>
  );
}
