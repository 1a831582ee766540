/**
 * Routing categories to external systems (the integrations page): by the system's Open311 API
 * (endpoint, write-only api key, service code) or, where it has no API, by a formatted email to an
 * address, whose answers come back into the ticket's history.
 */
import { type Open311Route, type Open311RouteDelivery, open311RouteDeliveries } from "@yhteys/contracts";
import { type FormEvent, useId, useState } from "react";
import { useI18n } from "../i18n.ts";
import { ErrorSummary, SelectField, TextField, useSubmit } from "./AdminForm.tsx";
import { ActiveCells, CategorySelect, IntegrationSection, useCategoryName } from "./IntegrationParts.tsx";
import * as api from "./integrationsApi.ts";
import { useAdminAction } from "./useAdminList.tsx";

export function RoutesSection({ items, onChanged }: { items: Open311Route[]; onChanged: () => void }) {
  const { t } = useI18n();
  const categoryName = useCategoryName();
  const { act, status } = useAdminAction(onChanged);
  const prefix = useId();
  const [category, setCategory] = useState("");
  const [delivery, setDelivery] = useState<Open311RouteDelivery>("api");
  const [endpoint, setEndpoint] = useState("");
  const [apiKey, setApiKey] = useState("");
  const [serviceCode, setServiceCode] = useState("");
  const [email, setEmail] = useState("");
  const [jurisdiction, setJurisdiction] = useState("");
  const [marker, setMarker] = useState("NOT_OURS");
  const { busy, error, run } = useSubmit();
  const byEmail = delivery === "email";
  const labels = {
    categoryId: { id: `${prefix}category`, label: t("integrations.category") },
    endpoint: { id: `${prefix}endpoint`, label: t("integrations.endpoint") },
    apiKey: { id: `${prefix}apikey`, label: t("integrations.apiKey") },
    serviceCode: { id: `${prefix}code`, label: t("integrations.serviceCode") },
    email: { id: `${prefix}email`, label: t("integrations.routeEmail") },
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const common = { categoryId: category, notOursMarker: marker.trim() || "NOT_OURS" };
    void run(
      async () => {
        await api.createOpen311Route(
          byEmail
            ? { ...common, delivery, email: email.trim() }
            : {
                ...common,
                delivery,
                endpoint: endpoint.trim(),
                apiKey,
                serviceCode: serviceCode.trim(),
                jurisdictionId: jurisdiction.trim() || null,
              },
        );
        setApiKey("");
        onChanged();
      },
      {
        ...(category ? {} : { categoryId: t("error.validation") }),
        ...(byEmail
          ? /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())
            ? {}
            : { email: t("integrations.routeEmailHint") }
          : {
              ...(/^https?:\/\/.+/.test(endpoint.trim()) ? {} : { endpoint: t("integrations.endpointHint") }),
              ...(apiKey ? {} : { apiKey: t("error.validation") }),
              ...(serviceCode.trim() ? {} : { serviceCode: t("error.validation") }),
            }),
      },
    );
  };
  return (
    <IntegrationSection
      title={t("integrations.routes")}
      status={status}
      headers={[t("integrations.category"), t("integrations.delivery"), t("integrations.target"), t("integrations.notOurs")]}
      items={items}
      row={(r) => (
        <tr>
          <th scope="row">{categoryName(r.categoryId)}</th>
          <td>{t(`integrations.delivery.${r.delivery}`)}</td>
          <td className="hash">
            {r.delivery === "email" ? (
              r.email
            ) : (
              <>
                {r.endpoint} <code>{r.serviceCode}</code>
                {r.hasApiKey && <span className="muted small"> ({t("integrations.apiKeySet")})</span>}
              </>
            )}
          </td>
          <td>{r.notOursMarker}</td>
          <ActiveCells active={r.active} onToggle={() => act(() => api.updateOpen311Route(r.id, { active: !r.active }), t("admin.saved"))}>
            <button
              type="button"
              className="button secondary"
              onClick={() => window.confirm(t("integrations.confirmDelete")) && act(() => api.deleteOpen311Route(r.id), t("admin.saved"))}
            >
              {t("integrations.delete")}
            </button>
          </ActiveCells>
        </tr>
      )}
      newTitle={t("integrations.newRoute")}
    >
      <ErrorSummary error={error} fields={labels} />
      <form onSubmit={submit} noValidate>
        <CategorySelect {...labels.categoryId} value={category} onChange={setCategory} />
        <SelectField
          id={`${prefix}delivery`}
          label={t("integrations.delivery")}
          value={delivery}
          values={open311RouteDeliveries}
          optionLabel={(d) => t(`integrations.delivery.${d}`)}
          onChange={setDelivery}
        />
        {byEmail ? (
          <TextField
            {...labels.email}
            type="email"
            value={email}
            onChange={setEmail}
            hint={t("integrations.routeEmailHint")}
            error={error?.fields.email}
            required
          />
        ) : (
          <>
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
            <TextField
              id={`${prefix}jurisdiction`}
              label={t("integrations.jurisdiction")}
              value={jurisdiction}
              onChange={setJurisdiction}
            />
          </>
        )}
        <TextField
          id={`${prefix}marker`}
          label={t("integrations.notOurs")}
          value={marker}
          onChange={setMarker}
          hint={t(byEmail ? "integrations.notOursEmailHint" : "integrations.notOursHint")}
          required
        />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t("common.saving") : t("integrations.createRoute")}
        </button>
      </form>
    </IntegrationSection>
  );
}
