/**
 * Integrations for technical admins: API clients with their permissions (the key is shown once),
 * inbound channels with their JSON-pointer mapping (the secret is shown once), and routing
 * categories to external systems by Open311 or by email (Open311RoutesSection).
 */
import { type ApiClient, apiClientPermissions, type ChannelMapping, type InboundChannel, type Open311Route } from "@yhteys/contracts";
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { useFocusOnNavigation } from "../focus.ts";
import { errorText } from "../format.ts";
import { useI18n } from "../i18n.ts";
import { CheckboxGroup, ErrorSummary, TextField, useSubmit } from "./AdminForm.tsx";
import { ActiveToggle, CategorySelect, Secret, Table, useCategoryName, useRowAction } from "./IntegrationParts.tsx";
import * as api from "./integrationsApi.ts";
import { RoutesSection } from "./Open311RoutesSection.tsx";

type Lists = { clients: ApiClient[]; channels: InboundChannel[]; routes: Open311Route[] };

export function IntegrationsView() {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const [lists, setLists] = useState<Lists | null>(null);
  const [error, setError] = useState<string | null>(null);
  useFocusOnNavigation(heading, lists !== null);
  useEffect(() => {
    document.title = `${t("integrations.title")} – ${t("app.name")}`;
  }, [t]);
  const load = useCallback(() => {
    Promise.all([api.apiClients(), api.channels(), api.open311Routes()])
      .then(([c, ch, r]) => setLists({ clients: c.items, channels: ch.items, routes: r.items }))
      .catch((e) => setError(errorText(t, e)));
  }, [t]);
  useEffect(load, [load]);

  return (
    <section className="admin-view" aria-labelledby="admin-integrations-heading">
      <h1 id="admin-integrations-heading" ref={heading} tabIndex={-1}>
        {t("integrations.title")}
      </h1>
      <p className="muted">{t("integrations.intro")}</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {lists === null ? (
        <p className="muted">{t("app.loading")}</p>
      ) : (
        <>
          <ClientsSection items={lists.clients} onChanged={load} />
          <ChannelsSection items={lists.channels} onChanged={load} />
          <RoutesSection items={lists.routes} onChanged={load} />
        </>
      )}
    </section>
  );
}

function ClientsSection({ items, onChanged }: { items: ApiClient[]; onChanged: () => void }) {
  const { t } = useI18n();
  const categoryName = useCategoryName();
  const { act, errorNode } = useRowAction(onChanged);
  const prefix = useId();
  const [clientName, setClientName] = useState("");
  const [permissions, setPermissions] = useState<string[]>([]);
  const [category, setCategory] = useState("");
  const [key, setKey] = useState<string | null>(null);
  const { busy, error, run } = useSubmit();
  const labels = { name: { id: `${prefix}name`, label: t("integrations.name") } };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setKey(null);
    void run(
      async () => {
        const created = await api.createApiClient({
          name: clientName.trim(),
          permissions: permissions as ApiClient["permissions"],
          defaultCategoryId: category || null,
        });
        setKey(created.apiKey);
        setClientName("");
        setPermissions([]);
        onChanged();
      },
      clientName.trim() ? {} : { name: t("error.validation") },
    );
  };
  return (
    <section className="panel" aria-labelledby={`${prefix}heading`}>
      <h2 id={`${prefix}heading`}>{t("integrations.clients")}</h2>
      {errorNode}
      <Table
        caption={t("integrations.clients")}
        empty={!items.length}
        headers={[
          t("integrations.name"),
          t("integrations.permissions"),
          t("integrations.defaultCategory"),
          t("integrations.status"),
          t("integrations.actions"),
        ]}
      >
        {items.map((c) => (
          <tr key={c.id}>
            <th scope="row">{c.name}</th>
            <td>{c.permissions.map((p) => t(`integrations.permission.${p}`)).join(", ") || "–"}</td>
            <td>{categoryName(c.defaultCategoryId)}</td>
            <td>{c.active ? t("integrations.active") : t("integrations.inactive")}</td>
            <td className="button-row">
              <ActiveToggle active={c.active} onToggle={() => act(() => api.updateApiClient(c.id, { active: !c.active }))} />
            </td>
          </tr>
        ))}
      </Table>
      <h3>{t("integrations.newClient")}</h3>
      <Secret value={key} />
      <ErrorSummary error={error} fields={labels} />
      <form onSubmit={submit} noValidate>
        <TextField {...labels.name} value={clientName} onChange={setClientName} error={error?.fields.name} required />
        <CheckboxGroup
          id={`${prefix}permissions`}
          legend={t("integrations.permissions")}
          options={apiClientPermissions.map((p) => ({ value: p, label: t(`integrations.permission.${p}`) }))}
          selected={permissions}
          onChange={setPermissions}
        />
        <CategorySelect
          id={`${prefix}category`}
          label={t("integrations.defaultCategory")}
          value={category}
          onChange={setCategory}
          allowNone
        />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t("common.saving") : t("integrations.createClient")}
        </button>
      </form>
    </section>
  );
}

const mappingFields = ["externalId", "text", "author", "threadId", "link", "attachments"] as const;

function ChannelsSection({ items, onChanged }: { items: InboundChannel[]; onChanged: () => void }) {
  const { t } = useI18n();
  const categoryName = useCategoryName();
  const { act, errorNode } = useRowAction(onChanged);
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
      {errorNode}
      <Table
        caption={t("integrations.channels")}
        empty={!items.length}
        headers={[
          t("integrations.name"),
          t("integrations.key"),
          t("integrations.category"),
          t("integrations.replyUrl"),
          t("integrations.status"),
          t("integrations.actions"),
        ]}
      >
        {items.map((c) => (
          <tr key={c.id}>
            <th scope="row">{c.name}</th>
            <td>
              <code>{c.key}</code>
            </td>
            <td>{categoryName(c.categoryId)}</td>
            <td className="hash">{c.replyUrl ?? "–"}</td>
            <td>{c.active ? t("integrations.active") : t("integrations.inactive")}</td>
            <td className="button-row">
              <ActiveToggle active={c.active} onToggle={() => act(() => api.updateChannel(c.id, { active: !c.active }))} />
            </td>
          </tr>
        ))}
      </Table>
      <h3>{t("integrations.newChannel")}</h3>
      <Secret value={secret} />
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
