/**
 * Ticket types and their workflows (technical admins): the types' names, order and whether they
 * are offered for new contacts, and per type its statuses (each in a lifecycle phase) with the
 * moves allowed between them as a grid of labelled checkboxes.
 */
import type { TicketType, TicketTypeSetting } from "@yhteys/contracts";
import { type FormEvent, useId, useState } from "react";
import { useConsole } from "../Console.tsx";
import { name, typeName } from "../format.ts";
import { useI18n } from "../i18n.ts";
import { CheckboxField, ErrorSummary, fromDraft, NameFields, TextField, toDraft, useSubmit } from "./AdminForm.tsx";
import { useAdminList, useAdminPage } from "./useAdminList.tsx";
import { WorkflowForm } from "./WorkflowForm.tsx";
import * as workflowsApi from "./workflowsApi.ts";

const loadTypes = () => workflowsApi.ticketTypes().then((list) => list.items);

export function TicketTypesView() {
  const { t, language } = useI18n();
  const list = useAdminList(loadTypes);
  const heading = useAdminPage(t("workflows.title"), list.data !== null);
  const [selected, setSelected] = useState<TicketType | null>(null);
  const label = (s: TicketTypeSetting) => (s.name ? name(s.name, language) : typeName(t, s.type));
  const current = list.data?.find((s) => s.type === selected);

  return (
    <section className="admin-view" aria-labelledby="admin-types-heading">
      <h1 id="admin-types-heading" ref={heading} tabIndex={-1}>
        {t("workflows.title")}
      </h1>
      <p className="muted">{t("workflows.intro")}</p>
      {list.status}
      {list.data && (
        <table className="tickets">
          <caption className="visually-hidden">{t("workflows.types")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("workflows.type")}</th>
              <th scope="col">{t("admin.status")}</th>
              <th scope="col">{t("workflows.workflow")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("workflows.edit", { type: "" })}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((s) => (
              <tr key={s.type}>
                <th scope="row">{label(s)}</th>
                <td>{s.active ? t("admin.active") : t("workflows.inactive")}</td>
                <td>{s.customWorkflow ? t("workflows.ownWorkflow") : t("workflows.builtIn")}</td>
                <td>
                  <button type="button" className="button secondary" aria-pressed={selected === s.type} onClick={() => setSelected(s.type)}>
                    {t("workflows.edit", { type: label(s) })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {current && (
        <>
          <TypeForm key={JSON.stringify(current)} setting={current} onSaved={list.reload} />
          <WorkflowForm key={current.type} type={current.type} typeLabel={label(current)} onSaved={list.reload} />
        </>
      )}
    </section>
  );
}

function TypeForm({ setting, onSaved }: { setting: TicketTypeSetting; onSaved: () => void }) {
  const { t, language } = useI18n();
  const { announce } = useConsole();
  const prefix = useId();
  const [nameDraft, setNameDraft] = useState(toDraft(setting.name));
  const [description, setDescription] = useState(setting.description?.fi ?? "");
  const [active, setActive] = useState(setting.active);
  const [position, setPosition] = useState(String(setting.position));
  const { busy, error, run } = useSubmit();
  const standard = typeName(t, setting.type);
  const fields = { position: { id: `${prefix}position`, label: t("workflows.position") } };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const order = Number(position);
    const invalid: Record<string, string> = {};
    if (!Number.isInteger(order) || order < 0 || order > 1000) invalid.position = t("workflows.positionInvalid");
    void run(async () => {
      const saved = await workflowsApi.updateTicketType(setting.type, {
        // No Finnish name keeps the standard one.
        name: nameDraft.fi.trim() ? fromDraft(nameDraft) : null,
        description: description.trim() ? { fi: description.trim() } : null,
        active,
        position: order,
      });
      announce(t("workflows.typeSaved", { type: saved.name ? name(saved.name, language) : standard }));
      onSaved();
    }, invalid);
  };

  return (
    <section className="panel" aria-labelledby={`${prefix}heading`}>
      <h2 id={`${prefix}heading`}>{t("workflows.typeHeading", { type: setting.name ? name(setting.name, language) : standard })}</h2>
      <ErrorSummary error={error} fields={fields} />
      <form onSubmit={submit} noValidate>
        <p className="hint">{t("workflows.nameHint", { name: standard })}</p>
        <NameFields prefix={prefix} nameDraft={nameDraft} onName={setNameDraft} error={() => undefined} />
        <TextField id={`${prefix}description`} label={t("workflows.description")} value={description} onChange={setDescription} />
        <TextField {...fields.position} value={position} onChange={setPosition} error={error?.fields.position} required />
        <CheckboxField id={`${prefix}active`} label={t("workflows.typeActive")} checked={active} onChange={setActive} />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t("common.saving") : t("workflows.saveType")}
        </button>
      </form>
    </section>
  );
}
