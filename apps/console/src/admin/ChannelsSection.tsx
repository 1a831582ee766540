/** Inbound channels with their JSON-pointer mapping; a new channel's secret is shown once. */
import type { ChannelMapping, InboundChannel } from "@yhteys/contracts";
import { useId, useState } from "react";
import { useI18n } from "../i18n.ts";
import { SecretForm, TextField, useCreateWithSecret } from "./AdminForm.tsx";
import { ActiveCells, CategorySelect, IntegrationSection, useCategoryName } from "./IntegrationParts.tsx";
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
  const form = useCreateWithSecret();
  const { error } = form;
  const labels = {
    key: { id: `${prefix}key`, label: t("integrations.key") },
    name: { id: `${prefix}name`, label: t("integrations.name") },
    categoryId: { id: `${prefix}category`, label: t("integrations.category") },
  };
  const submit = () => {
    const chosen = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v.trim())) as ChannelMapping;
    form.submit(
      async () => {
        const created = await api.createChannel({
          key: key.trim(),
          name: channelName.trim(),
          categoryId: category,
          replyUrl: replyUrl.trim() || null,
          mapping: chosen,
        });
        setKey("");
        setChannelName("");
        onChanged();
        return created.secret;
      },
      {
        ...(/^[a-z0-9][a-z0-9-]{1,62}$/.test(key.trim()) ? {} : { key: t("integrations.keyHint") }),
        ...(channelName.trim() ? {} : { name: t("error.validation") }),
        ...(category ? {} : { categoryId: t("error.validation") }),
      },
    );
  };
  return (
    <IntegrationSection
      title={t("integrations.channels")}
      status={status}
      headers={[t("integrations.name"), t("integrations.key"), t("integrations.category"), t("integrations.replyUrl")]}
      items={items}
      row={(c) => (
        <tr>
          <th scope="row">{c.name}</th>
          <td>
            <code>{c.key}</code>
          </td>
          <td>{categoryName(c.categoryId)}</td>
          <td className="hash">{c.replyUrl ?? "–"}</td>
          <ActiveCells active={c.active} onToggle={() => act(() => api.updateChannel(c.id, { active: !c.active }), t("admin.saved"))} />
        </tr>
      )}
      newTitle={t("integrations.newChannel")}
    >
      <SecretForm
        form={form}
        secretTitle={t("integrations.secretTitle")}
        secretIntro={t("integrations.secretIntro")}
        fields={labels}
        submitLabel={t("integrations.createChannel")}
        onSubmit={submit}
      >
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
      </SecretForm>
    </IntegrationSection>
  );
}
