/** Inbound channels with their JSON-pointer mapping; a new channel's secret is shown once. */
import type { ChannelMapping, InboundChannel } from "@yhteys/contracts";
import { type FormEvent, useId, useState } from "react";
import { useI18n } from "../i18n.ts";
import { ErrorSummary, Secret, TextField, useSubmit } from "./AdminForm.tsx";
import { AdminTable } from "./AdminTable.tsx";
import { ActiveToggle, CategorySelect, useCategoryName } from "./IntegrationParts.tsx";
import * as api from "./integrationsApi.ts";
import { useAdminAction } from "./useAdminList.tsx";

const mappingFields = ["externalId", "text", "author", "threadId", "link", "attachments"] as const;

export function ChannelsSection({ items, onChanged }: { items: InboundChannel[]; onChanged: () => void }) {
  const { t } = useI18n();
  const categoryName = useCategoryName();
  const { act, status } = useAdminAction(onChanged);
  const prefix = useId();
  const [key, setKey] = useState("");
  const [channelName, setChannelName] = useState("");
  const [category, setCategory] = useState("");
  const [replyUrl, setReplyUrl] = useState("");
  const [mapping, setMapping] = useState<Record<(typeof mappingFields)[number], string>>({
    externalId: "/id",
    text: "/text",
    author: "",
    threadId: "",
    link: "",
    attachments: "",
  });
  const [secret, setSecret] = useState<string | null>(null);
  const { busy, error, run } = useSubmit();
  const labels = {
    key: { id: `${prefix}key`, label: t("integrations.key") },
    name: { id: `${prefix}name`, label: t("integrations.name") },
    categoryId: { id: `${prefix}category`, label: t("integrations.category") },
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSecret(null);
    const chosen = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v.trim())) as ChannelMapping;
    void run(
      async () => {
        const created = await api.createChannel({
          key: key.trim(),
          name: channelName.trim(),
          categoryId: category,
          replyUrl: replyUrl.trim() || null,
          mapping: chosen,
        });
        setSecret(created.secret);
        setKey("");
        setChannelName("");
        onChanged();
      },
      {
        ...(/^[a-z0-9][a-z0-9-]{1,62}$/.test(key.trim()) ? {} : { key: t("integrations.keyHint") }),
        ...(channelName.trim() ? {} : { name: t("error.validation") }),
        ...(category ? {} : { categoryId: t("error.validation") }),
      },
    );
  };
  return (
    <section className="panel" aria-labelledby={`${prefix}heading`}>
      <h2 id={`${prefix}heading`}>{t("integrations.channels")}</h2>
      {status}
      <AdminTable
        caption={t("integrations.channels")}
        headers={[
          t("integrations.name"),
          t("integrations.key"),
          t("integrations.category"),
          t("integrations.replyUrl"),
          t("integrations.status"),
          t("integrations.actions"),
        ]}
        items={items}
        empty={t("integrations.none")}
        row={(c) => (
          <tr>
            <th scope="row">{c.name}</th>
            <td>
              <code>{c.key}</code>
            </td>
            <td>{categoryName(c.categoryId)}</td>
            <td className="hash">{c.replyUrl ?? "–"}</td>
            <td>{c.active ? t("integrations.active") : t("integrations.inactive")}</td>
            <td className="button-row">
              <ActiveToggle
                active={c.active}
                onToggle={() => act(() => api.updateChannel(c.id, { active: !c.active }), t("admin.saved"))}
              />
            </td>
          </tr>
        )}
      />
      <h3>{t("integrations.newChannel")}</h3>
      <Secret value={secret} title={t("integrations.secretTitle")} intro={t("integrations.secretIntro")} />
      <ErrorSummary error={error} fields={labels} />
      <form onSubmit={submit} noValidate>
        <TextField {...labels.key} value={key} onChange={setKey} hint={t("integrations.keyHint")} error={error?.fields.key} required />
        <TextField {...labels.name} value={channelName} onChange={setChannelName} error={error?.fields.name} required />
        <CategorySelect {...labels.categoryId} value={category} onChange={setCategory} />
        <TextField
          id={`${prefix}reply`}
          label={t("integrations.replyUrl")}
          value={replyUrl}
          onChange={setReplyUrl}
          hint={t("integrations.replyUrlHint")}
        />
        <fieldset>
          <legend>{t("integrations.mapping")}</legend>
          {mappingFields.map((field) => (
            <TextField
              key={field}
              id={`${prefix}map-${field}`}
              label={t(`integrations.mapping.${field}`)}
              value={mapping[field]}
              onChange={(v) => setMapping((m) => ({ ...m, [field]: v }))}
              hint={t("integrations.pointerHint")}
              required={field === "externalId" || field === "text"}
            />
          ))}
        </fieldset>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t("common.saving") : t("integrations.createChannel")}
        </button>
      </form>
    </section>
  );
}
