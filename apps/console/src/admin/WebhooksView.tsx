/**
 * Webhooks for technical admins: the subscriptions with their state and actions, a form to
 * subscribe a receiver (the signing secret is shown once, right after), each subscription's
 * deliveries, and the dead letters with a button to send them again.
 */
import { ticketEventTypes, type WebhookSubscription } from "@yhteys/contracts";
import { useId, useState } from "react";
import { useI18n } from "../i18n.ts";
import { CheckboxGroup, SecretForm, TextField, useCreateWithSecret } from "./AdminForm.tsx";
import { AdminTable } from "./AdminTable.tsx";
import * as adminApi from "./adminApi.ts";
import { type AdminAct, useAdminList, useAdminPage } from "./useAdminList.tsx";
import { DeadLetters, DeliveryTable } from "./WebhookDeliveries.tsx";
import { webhookEventLabel } from "./webhookEvents.ts";

/** The webhooks page. */
export function WebhooksView() {
  const { t } = useI18n();
  const list = useAdminList(adminApi.webhooks);
  const heading = useAdminPage(t("webhooks.title"), list.data !== null);
  const [open, setOpen] = useState<string | null>(null);
  const items = list.data?.items;
  const opened = items?.find((w) => w.id === open);

  return (
    <section className="admin-view" aria-labelledby="admin-webhooks-heading">
      <h1 id="admin-webhooks-heading" ref={heading} tabIndex={-1}>
        {t("webhooks.title")}
      </h1>
      <p className="muted">{t("webhooks.intro")}</p>
      {list.status}
      <SubscriptionTable items={items} open={open} onOpen={setOpen} act={list.act} />
      {opened && <DeliveryTable key={`${opened.id}-${list.version}`} subscription={opened} onRetried={list.reload} />}
      <DeadLetters key={list.version} onRetried={list.reload} />
      <NewWebhookForm onCreated={list.reload} />
    </section>
  );
}

function SubscriptionTable(props: {
  items: WebhookSubscription[] | undefined;
  open: string | null;
  onOpen: (id: string | null) => void;
  act: AdminAct;
}) {
  const { t } = useI18n();
  const act = (action: () => Promise<unknown>, done: string) => void props.act(action, done);
  return (
    <AdminTable
      caption={t("webhooks.caption")}
      headers={[t("webhooks.url"), t("webhooks.events"), t("webhooks.status"), t("webhooks.actions")]}
      items={props.items}
      empty={t("webhooks.none")}
      row={(w) => (
        <tr>
          <th scope="row">
            <span className="hash">{w.url}</span>
            {w.description && <span className="muted small webhook-description">{w.description}</span>}
          </th>
          <td>{w.eventTypes.length ? w.eventTypes.map((type) => webhookEventLabel(t, type)).join(", ") : t("webhooks.allEvents")}</td>
          <td>{w.active ? t("webhooks.active") : t("webhooks.inactive")}</td>
          <td className="button-row">
            <button
              type="button"
              className="button secondary"
              aria-expanded={props.open === w.id}
              onClick={() => props.onOpen(props.open === w.id ? null : w.id)}
            >
              {t("webhooks.showDeliveries")}
            </button>
            <button
              type="button"
              className="button secondary"
              onClick={() => act(() => adminApi.pingWebhook(w.id), t("webhooks.pinged", { url: w.url }))}
            >
              {t("webhooks.ping")}
            </button>
            <button
              type="button"
              className="button secondary"
              onClick={() => act(() => adminApi.updateWebhook(w.id, { active: !w.active }), t("admin.saved"))}
            >
              {w.active ? t("webhooks.deactivate") : t("webhooks.activate")}
            </button>
            <button
              type="button"
              className="button secondary"
              onClick={() =>
                window.confirm(t("webhooks.confirmDelete", { url: w.url })) &&
                act(() => adminApi.deleteWebhook(w.id), t("webhooks.deleted"))
              }
            >
              {t("webhooks.delete")}
            </button>
          </td>
        </tr>
      )}
    />
  );
}

function NewWebhookForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useI18n();
  const prefix = useId();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [eventTypes, setEventTypes] = useState<string[]>([]);
  const form = useCreateWithSecret();
  const { error } = form;
  const labels = { url: { id: `${prefix}url`, label: t("webhooks.url") } };

  const submit = () =>
    form.submit(
      async () => {
        const created = await adminApi.createWebhook({
          url: url.trim(),
          description: description.trim() || null,
          eventTypes: eventTypes as (typeof ticketEventTypes)[number][],
        });
        setUrl("");
        setDescription("");
        setEventTypes([]);
        onCreated();
        return created.secret;
      },
      /^https?:\/\/.+/.test(url.trim()) ? {} : { url: t("webhooks.urlHint") },
    );

  return (
    <section className="panel" aria-labelledby={`${prefix}heading`}>
      <h2 id={`${prefix}heading`}>{t("webhooks.new")}</h2>
      <SecretForm
        form={form}
        secretTitle={t("webhooks.secretTitle")}
        secretIntro={t("webhooks.secretIntro")}
        fields={labels}
        submitLabel={t("webhooks.create")}
        onSubmit={submit}
      >
        <TextField {...labels.url} value={url} onChange={setUrl} hint={t("webhooks.urlHint")} error={error?.fields.url} required />
        <TextField id={`${prefix}description`} label={t("webhooks.description")} value={description} onChange={setDescription} />
        <CheckboxGroup
          id={`${prefix}events`}
          legend={t("webhooks.events")}
          hint={t("webhooks.eventsHint")}
          columns
          options={ticketEventTypes.map((type) => ({
            value: type,
            label: t(`webhooks.event.${type}`),
            description: (
              <>
                {t(`webhooks.eventHint.${type}`)} <code className="event-code">{type}</code>
              </>
            ),
          }))}
          selected={eventTypes}
          onChange={setEventTypes}
        />
      </SecretForm>
    </section>
  );
}
