/** API clients with their permissions; a new client's key is shown once. */
import { type ApiClient, apiClientPermissions } from "@yhteys/contracts";
import { type FormEvent, useId, useState } from "react";
import { useI18n } from "../i18n.ts";
import { CheckboxGroup, ErrorSummary, Secret, TextField, useSubmit } from "./AdminForm.tsx";
import { AdminTable } from "./AdminTable.tsx";
import { ActiveToggle, CategorySelect, useCategoryName } from "./IntegrationParts.tsx";
import * as api from "./integrationsApi.ts";
import { useAdminAction } from "./useAdminList.tsx";

export function ClientsSection({ items, onChanged }: { items: ApiClient[]; onChanged: () => void }) {
  const { t } = useI18n();
  const categoryName = useCategoryName();
  const { act, status } = useAdminAction(onChanged);
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
      {status}
      <AdminTable
        caption={t("integrations.clients")}
        headers={[
          t("integrations.name"),
          t("integrations.permissions"),
          t("integrations.defaultCategory"),
          t("integrations.status"),
          t("integrations.actions"),
        ]}
        items={items}
        empty={t("integrations.none")}
        row={(c) => (
          <tr>
            <th scope="row">{c.name}</th>
            <td>{c.permissions.map((p) => t(`integrations.permission.${p}`)).join(", ") || "–"}</td>
            <td>{categoryName(c.defaultCategoryId)}</td>
            <td>{c.active ? t("integrations.active") : t("integrations.inactive")}</td>
            <td className="button-row">
              <ActiveToggle
                active={c.active}
                onToggle={() => act(() => api.updateApiClient(c.id, { active: !c.active }), t("admin.saved"))}
              />
            </td>
          </tr>
        )}
      />
      <h3>{t("integrations.newClient")}</h3>
      <Secret value={key} title={t("integrations.secretTitle")} intro={t("integrations.secretIntro")} />
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
