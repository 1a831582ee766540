/** API clients with their permissions; a new client's key is shown once. */
import { type ApiClient, apiClientPermissions } from "@yhteys/contracts";
import { useId, useState } from "react";
import { useI18n } from "../i18n.ts";
import { CheckboxGroup, SecretForm, TextField, useCreateWithSecret } from "./AdminForm.tsx";
import { ActiveCells, CategorySelect, IntegrationSection, useCategoryName } from "./IntegrationParts.tsx";
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
  const form = useCreateWithSecret();
  const { error } = form;
  const labels = { name: { id: `${prefix}name`, label: t("integrations.name") } };
  const submit = () =>
    form.submit(
      async () => {
        const created = await api.createApiClient({
          name: clientName.trim(),
          permissions: permissions as ApiClient["permissions"],
          defaultCategoryId: category || null,
        });
        setClientName("");
        setPermissions([]);
        onChanged();
        return created.apiKey;
      },
      clientName.trim() ? {} : { name: t("error.validation") },
    );
  return (
    <IntegrationSection
      title={t("integrations.clients")}
      status={status}
      headers={[t("integrations.name"), t("integrations.permissions"), t("integrations.defaultCategory")]}
      items={items}
      row={(c) => (
        <tr>
          <th scope="row">{c.name}</th>
          <td>{c.permissions.map((p) => t(`integrations.permission.${p}`)).join(", ") || "–"}</td>
          <td>{categoryName(c.defaultCategoryId)}</td>
          <ActiveCells active={c.active} onToggle={() => act(() => api.updateApiClient(c.id, { active: !c.active }), t("admin.saved"))} />
        </tr>
      )}
      newTitle={t("integrations.newClient")}
    >
      <SecretForm
        form={form}
        secretTitle={t("integrations.secretTitle")}
        secretIntro={t("integrations.secretIntro")}
        fields={labels}
        submitLabel={t("integrations.createClient")}
        onSubmit={submit}
      >
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
      </SecretForm>
    </IntegrationSection>
  );
}
