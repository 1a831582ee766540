/**
 * Integrations for technical admins: API clients with their permissions (the key is shown once),
 * inbound channels with their JSON-pointer mapping (the secret is shown once), and routing
 * categories to external Open311 systems (the api key is write-only).
 */
import { type ApiClient, apiClientPermissions, type ChannelMapping, type InboundChannel, type Open311Route } from "@yhteys/contracts";
import { type FormEvent, type ReactNode, useCallback, useEffect, useId, useRef, useState } from "react";
import { useConsole } from "../Console.tsx";
import { useFocusOnNavigation } from "../focus.ts";
import { errorText, name } from "../format.ts";
import { useI18n } from "../i18n.ts";
import { CheckboxGroup, ErrorSummary, TextField, useSubmit } from "./AdminForm.tsx";
import * as api from "./integrationsApi.ts";

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

/** Runs an action from a table row, announces it and reloads. */
function useRowAction(onChanged: () => void) {
  const { t } = useI18n();
  const { announce } = useConsole();
  const [error, setError] = useState<string | null>(null);
  const act = (action: () => Promise<unknown>) => {
    setError(null);
    action()
      .then(() => {
        announce(t("admin.saved"));
        onChanged();
      })
      .catch((e) => setError(errorText(t, e)));
  };
  const errorNode = error && (
    <p className="form-error" role="alert">
      {error}
    </p>
  );
  return { act, errorNode };
}

function Table(props: { caption: string; headers: string[]; empty: boolean; children: ReactNode }) {
  const { t } = useI18n();
  if (props.empty) return <p className="muted">{t("integrations.none")}</p>;
  return (
    <table className="tickets">
      <caption className="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          {props.headers.map((h) => (
            <th scope="col" key={h}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}

function Secret({ value }: { value: string | null }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (value) ref.current?.focus();
  }, [value]);
  if (!value) return null;
  return (
    <div ref={ref} tabIndex={-1} role="status" className="panel secret">
      <h3>{t("integrations.secretTitle")}</h3>
      <p>{t("integrations.secretIntro")}</p>
      <code className="hash">{value}</code>
    </div>
  );
}

function CategorySelect(props: { id: string; label: string; value: string; onChange: (v: string) => void; allowNone?: boolean }) {
  const { t, language } = useI18n();
  const { directory } = useConsole();
  const options = (directory?.categories ?? []).filter((c) => c.selectable);
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.allowNone ? <option value="">{t("integrations.noCategory")}</option> : <option value="" disabled />}
        {options.map((c) => (
          <option key={c.id} value={c.id}>
            {name(c.name, language)}
          </option>
        ))}
      </select>
    </div>
  );
}

function useCategoryName() {
  const { language } = useI18n();
  const { directory } = useConsole();
  return (id: string | null) => {
    const c = directory?.categories.find((x) => x.id === id);
    return c ? name(c.name, language) : "–";
  };
}

function ActiveToggle(props: { active: boolean; onToggle: () => void }) {
  const { t } = useI18n();
  return (
    <button type="button" className="button secondary" onClick={props.onToggle}>
      {props.active ? t("integrations.deactivate") : t("integrations.activate")}
    </button>
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

function RoutesSection({ items, onChanged }: { items: Open311Route[]; onChanged: () => void }) {
  const { t } = useI18n();
  const categoryName = useCategoryName();
  const { act, errorNode } = useRowAction(onChanged);
  const prefix = useId();
  const [category, setCategory] = useState("");
  const [endpoint, setEndpoint] = useState("");
  const [apiKey, setApiKey] = useState("");
  const [serviceCode, setServiceCode] = useState("");
  const [jurisdiction, setJurisdiction] = useState("");
  const [marker, setMarker] = useState("NOT_OURS");
  const { busy, error, run } = useSubmit();
  const labels = {
    categoryId: { id: `${prefix}category`, label: t("integrations.category") },
    endpoint: { id: `${prefix}endpoint`, label: t("integrations.endpoint") },
    apiKey: { id: `${prefix}apikey`, label: t("integrations.apiKey") },
    serviceCode: { id: `${prefix}code`, label: t("integrations.serviceCode") },
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(
      async () => {
        await api.createOpen311Route({
          categoryId: category,
          endpoint: endpoint.trim(),
          apiKey,
          serviceCode: serviceCode.trim(),
          jurisdictionId: jurisdiction.trim() || null,
          notOursMarker: marker.trim() || "NOT_OURS",
        });
        setApiKey("");
        onChanged();
      },
      {
        ...(category ? {} : { categoryId: t("error.validation") }),
        ...(/^https?:\/\/.+/.test(endpoint.trim()) ? {} : { endpoint: t("integrations.endpointHint") }),
        ...(apiKey ? {} : { apiKey: t("error.validation") }),
        ...(serviceCode.trim() ? {} : { serviceCode: t("error.validation") }),
      },
    );
  };
  return (
    <section className="panel" aria-labelledby={`${prefix}heading`}>
      <h2 id={`${prefix}heading`}>{t("integrations.routes")}</h2>
      {errorNode}
      <Table
        caption={t("integrations.routes")}
        empty={!items.length}
        headers={[
          t("integrations.category"),
          t("integrations.endpoint"),
          t("integrations.serviceCode"),
          t("integrations.notOurs"),
          t("integrations.status"),
          t("integrations.actions"),
        ]}
      >
        {items.map((r) => (
          <tr key={r.id}>
            <th scope="row">{categoryName(r.categoryId)}</th>
            <td className="hash">
              {r.endpoint}
              {r.hasApiKey && <span className="muted small"> ({t("integrations.apiKeySet")})</span>}
            </td>
            <td>
              <code>{r.serviceCode}</code>
            </td>
            <td>{r.notOursMarker}</td>
            <td>{r.active ? t("integrations.active") : t("integrations.inactive")}</td>
            <td className="button-row">
              <ActiveToggle active={r.active} onToggle={() => act(() => api.updateOpen311Route(r.id, { active: !r.active }))} />
              <button
                type="button"
                className="button secondary"
                onClick={() => window.confirm(t("integrations.confirmDelete")) && act(() => api.deleteOpen311Route(r.id))}
              >
                {t("integrations.delete")}
              </button>
            </td>
          </tr>
        ))}
      </Table>
      <h3>{t("integrations.newRoute")}</h3>
      <ErrorSummary error={error} fields={labels} />
      <form onSubmit={submit} noValidate>
        <CategorySelect {...labels.categoryId} value={category} onChange={setCategory} />
        <TextField
          {...labels.endpoint}
          value={endpoint}
          onChange={setEndpoint}
          hint={t("integrations.endpointHint")}
          error={error?.fields.endpoint}
          required
        />
        <TextField
          {...labels.apiKey}
          type="password"
          value={apiKey}
          onChange={setApiKey}
          hint={t("integrations.apiKeyHint")}
          error={error?.fields.apiKey}
          required
        />
        <TextField {...labels.serviceCode} value={serviceCode} onChange={setServiceCode} error={error?.fields.serviceCode} required />
        <TextField id={`${prefix}jurisdiction`} label={t("integrations.jurisdiction")} value={jurisdiction} onChange={setJurisdiction} />
        <TextField
          id={`${prefix}marker`}
          label={t("integrations.notOurs")}
          value={marker}
          onChange={setMarker}
          hint={t("integrations.notOursHint")}
          required
        />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t("common.saving") : t("integrations.createRoute")}
        </button>
      </form>
    </section>
  );
}
