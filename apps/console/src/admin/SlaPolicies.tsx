/**
 * SLA targets in working hours per scope (default, category, priority, both), and a form that
 * sets the targets of a scope; setting an existing scope again replaces its targets.
 */
import { type Category, type Priority, priorities, type SlaPolicy } from "@yhteys/contracts";
import { type FormEvent, useId, useState } from "react";
import { useConsole } from "../Console.tsx";
import { name, priorityName } from "../format.ts";
import { useI18n } from "../i18n.ts";
import { ErrorSummary, SelectField, TextField, useSubmit } from "./AdminForm.tsx";
import { AdminTable } from "./AdminTable.tsx";
import * as adminApi from "./adminApi.ts";

/** Minutes as hours in the UI language ("2,5" in Finnish and Swedish). */
const hoursText = (minutes: number, language: string) => new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(minutes / 60);
/** "16", "2,5" or "2.5" hours as whole minutes; null unless a positive number. */
function minutesOf(text: string): number | null {
  const hours = Number(text.trim().replace(",", "."));
  return text.trim() && Number.isFinite(hours) && hours > 0 ? Math.round(hours * 60) : null;
}

export function SlaPolicies(props: { policies: SlaPolicy[]; categories: Category[]; onSaved: () => void }) {
  const { t, language } = useI18n();
  const { announce } = useConsole();
  const prefix = useId();
  const [categoryId, setCategoryId] = useState("");
  const [priority, setPriority] = useState<Priority | "">("");
  const [firstResponse, setFirstResponse] = useState("");
  const [resolution, setResolution] = useState("");
  const { busy, error, run } = useSubmit();
  const categoryName = (id: string) => name(props.categories.find((c) => c.id === id)?.name, language);
  const scopeOf = (p: SlaPolicy) =>
    [p.categoryId ? categoryName(p.categoryId) : null, p.priority ? priorityName(t, p.priority) : null].filter(Boolean).join(" · ") ||
    t("sla.scopeDefault");
  const fields = {
    firstResponseMinutes: { id: `${prefix}first`, label: t("sla.firstResponseHours") },
    resolutionMinutes: { id: `${prefix}resolution`, label: t("sla.resolutionHours") },
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const first = minutesOf(firstResponse);
    const resolve = minutesOf(resolution);
    const invalid: Record<string, string> = {};
    if (!first) invalid.firstResponseMinutes = t("sla.hoursNumberInvalid");
    if (!resolve) invalid.resolutionMinutes = t("sla.hoursNumberInvalid");
    else if (first && resolve < first) invalid.resolutionMinutes = t("sla.resolutionBeforeResponse");
    void run(async () => {
      await adminApi.setSlaPolicy({
        categoryId: categoryId || null,
        priority: priority || null,
        firstResponseMinutes: first ?? 0,
        resolutionMinutes: resolve ?? 0,
      });
      announce(t("sla.policySaved"));
      props.onSaved();
    }, invalid);
  };

  const remove = (policy: SlaPolicy) =>
    void run(async () => {
      await adminApi.deleteSlaPolicy(policy.id);
      announce(t("sla.policyDeleted"));
      props.onSaved();
    });

  return (
    <section className="panel" aria-labelledby={`${prefix}heading`}>
      <h2 id={`${prefix}heading`}>{t("sla.policies")}</h2>
      <p className="muted">{t("sla.policiesIntro")}</p>
      <AdminTable
        caption={t("sla.policies")}
        headers={[t("sla.scope"), t("sla.firstResponse"), t("sla.resolution"), { hidden: t("admin.status") }]}
        items={props.policies}
        empty={t("sla.noPolicies")}
        row={(p) => (
          <tr>
            <th scope="row">{scopeOf(p)}</th>
            <td>{t("sla.workingHours", { hours: hoursText(p.firstResponseMinutes, language) })}</td>
            <td>{t("sla.workingHours", { hours: hoursText(p.resolutionMinutes, language) })}</td>
            <td>
              {(p.categoryId || p.priority) && (
                <button type="button" className="button secondary" disabled={busy} onClick={() => remove(p)}>
                  <span aria-hidden="true">✕</span>
                  <span className="visually-hidden">{t("sla.deletePolicy", { scope: scopeOf(p) })}</span>
                </button>
              )}
            </td>
          </tr>
        )}
      />
      <h3>{t("sla.setTargets")}</h3>
      <ErrorSummary error={error} fields={fields} />
      <form onSubmit={submit} noValidate>
        <div className="field-row">
          <SelectField
            id={`${prefix}category`}
            label={t("sla.category")}
            value={categoryId}
            values={["", ...props.categories.filter((c) => c.parentId).map((c) => c.id)]}
            optionLabel={(id) => (id ? categoryName(id) : t("sla.anyCategory"))}
            onChange={setCategoryId}
          />
          <SelectField
            id={`${prefix}priority`}
            label={t("sla.priority")}
            value={priority}
            values={["", ...priorities] as const}
            optionLabel={(p) => (p ? priorityName(t, p) : t("sla.anyPriority"))}
            onChange={setPriority}
          />
        </div>
        <div className="field-row">
          <TextField
            {...fields.firstResponseMinutes}
            value={firstResponse}
            onChange={setFirstResponse}
            error={error?.fields.firstResponseMinutes}
            required
          />
          <TextField
            {...fields.resolutionMinutes}
            value={resolution}
            onChange={setResolution}
            error={error?.fields.resolutionMinutes}
            required
          />
        </div>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t("common.saving") : t("sla.setPolicy")}
        </button>
      </form>
    </section>
  );
}
