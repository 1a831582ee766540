/**
 * Ticket types and their workflows (technical admins): the built-in types and those the
 * organisation adds (each on a base kind), their names, order and whether they are offered for
 * new contacts, and per type its statuses (each in a lifecycle phase) with the moves allowed
 * between them as a grid of labelled checkboxes. Types are switched off, never deleted.
 */
import type { TicketType, TicketTypeSetting } from "@yhteys/contracts";
import { ticketTypes } from "@yhteys/contracts/constants";
import { type FormEvent, useId, useState } from "react";
import { useConsole } from "../Console.tsx";
import { settingName, typeName } from "../format.ts";
import { useI18n } from "../i18n.ts";
import { CheckboxField, ErrorSummary, fromDraft, NameFields, SelectField, TextField, toDraft, useSubmit } from "./AdminForm.tsx";
import { AdminTable } from "./AdminTable.tsx";
import { useAdminList, useAdminPage } from "./useAdminList.tsx";
import { WorkflowForm } from "./WorkflowForm.tsx";
import * as workflowsApi from "./workflowsApi.ts";

const loadTypes = () => workflowsApi.ticketTypes().then((list) => list.items);

export function TicketTypesView() {
  const { t, language } = useI18n();
  const list = useAdminList(loadTypes);
  const heading = useAdminPage(t("workflows.title"), list.data !== null);
  /** The key of the type being edited, or "" for a new one. */
  const [selected, setSelected] = useState<string | null>(null);
  const label = (s: TicketTypeSetting) => settingName(t, language, s);
  const current = list.data?.find((s) => s.key === selected);
  const saved = (key: string) => {
    setSelected(key);
    list.reload();
  };

  return (
    <section className="admin-view" aria-labelledby="admin-types-heading">
      <h1 id="admin-types-heading" ref={heading} tabIndex={-1}>
        {t("workflows.title")}
      </h1>
      <p className="muted">{t("workflows.intro")}</p>
      {list.status}
      <AdminTable
        caption={t("workflows.types")}
        headers={[
          t("workflows.type"),
          t("workflows.baseKind"),
          t("admin.status"),
          t("workflows.workflow"),
          { hidden: t("workflows.edit", { type: "" }) },
        ]}
        items={list.data ?? undefined}
        empty={t("workflows.noTypes")}
        row={(s) => (
          <tr>
            <th scope="row">{label(s)}</th>
            <td>{s.builtIn ? t("workflows.builtInType") : typeName(t, s.type)}</td>
            <td>{s.active ? t("admin.active") : t("workflows.inactive")}</td>
            <td>{s.customWorkflow ? t("workflows.ownWorkflow") : t("workflows.builtIn")}</td>
            <td>
              <button type="button" className="button secondary" aria-pressed={selected === s.key} onClick={() => setSelected(s.key)}>
                {t("workflows.edit", { type: label(s) })}
              </button>
            </td>
          </tr>
        )}
      />
      {list.data && (
        <button type="button" className="button primary" aria-pressed={selected === ""} onClick={() => setSelected("")}>
          {t("workflows.addType")}
        </button>
      )}
      {selected === "" && <TypeForm key="new" setting={null} onSaved={saved} />}
      {current && (
        <>
          <TypeForm key={JSON.stringify(current)} setting={current} onSaved={saved} />
          <WorkflowForm key={current.key} typeKey={current.key} typeLabel={label(current)} onSaved={list.reload} />
        </>
      )}
    </section>
  );
}

/** A type's settings; `setting` null adds a type (its name and base kind are required, the key is made of the name). */
function TypeForm({ setting, onSaved }: { setting: TicketTypeSetting | null; onSaved: (key: string) => void }) {
  const { t, language } = useI18n();
  const { announce } = useConsole();
  const prefix = useId();
  const [nameDraft, setNameDraft] = useState(toDraft(setting?.name));
  const [description, setDescription] = useState(setting?.description?.fi ?? "");
  const [kind, setKind] = useState<TicketType>(setting?.type ?? "service_request");
  const [active, setActive] = useState(setting?.active ?? true);
  const [position, setPosition] = useState(setting ? String(setting.position) : "");
  const { busy, error, run } = useSubmit();
  const builtIn = setting?.builtIn ?? false;
  const fields = {
    fi: { id: `${prefix}name-fi`, label: t("admin.groupName.fi") },
    key: { id: `${prefix}name-fi`, label: t("workflows.key") },
    position: { id: `${prefix}position`, label: t("workflows.position") },
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const order = position.trim() ? Number(position) : undefined;
    const invalid: Record<string, string> = {};
    if (order !== undefined && (!Number.isInteger(order) || order < 0 || order > 1000)) invalid.position = t("workflows.positionInvalid");
    if (!builtIn && !nameDraft.fi.trim()) invalid.fi = t("admin.required");
    // No Finnish name keeps a built-in type's standard name.
    const name = nameDraft.fi.trim() ? fromDraft(nameDraft) : null;
    const text = description.trim() ? { fi: description.trim() } : null;
    void run(async () => {
      const saved = setting
        ? await workflowsApi.updateTicketType(setting.key, {
            name,
            description: text,
            active,
            ...(order !== undefined ? { position: order } : {}),
          })
        : await workflowsApi.createTicketType({
            name: fromDraft(nameDraft),
            description: text,
            type: kind,
            active,
            ...(order !== undefined ? { position: order } : {}),
          });
      announce(t(setting ? "workflows.typeSaved" : "workflows.typeAdded", { type: settingName(t, language, saved) }));
      onSaved(saved.key);
    }, invalid);
  };

  return (
    <section className="panel" aria-labelledby={`${prefix}heading`}>
      <h2 id={`${prefix}heading`}>
        {setting ? t("workflows.typeHeading", { type: settingName(t, language, setting) }) : t("workflows.addType")}
      </h2>
      <ErrorSummary error={error} fields={fields} />
      <form onSubmit={submit} noValidate>
        {builtIn && setting && <p className="hint">{t("workflows.nameHint", { name: typeName(t, setting.type) })}</p>}
        <NameFields
          prefix={prefix}
          nameDraft={nameDraft}
          onName={setNameDraft}
          error={(k) => error?.fields[k] ?? (k === "fi" ? error?.fields.key : undefined)}
        />
        <TextField id={`${prefix}description`} label={t("workflows.description")} value={description} onChange={setDescription} />
        {setting ? (
          !builtIn && <p>{t("workflows.baseKindIs", { kind: typeName(t, setting.type), key: setting.key })}</p>
        ) : (
          <>
            <SelectField
              id={`${prefix}kind`}
              label={t("workflows.baseKind")}
              value={kind}
              values={ticketTypes}
              optionLabel={(v) => typeName(t, v)}
              onChange={setKind}
            />
            <p className="hint">{t("workflows.baseKindHint")}</p>
          </>
        )}
        <TextField
          {...fields.position}
          value={position}
          onChange={setPosition}
          error={error?.fields.position}
          required={Boolean(setting)}
        />
        <CheckboxField id={`${prefix}active`} label={t("workflows.typeActive")} checked={active} onChange={setActive} />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t("common.saving") : t("workflows.saveType")}
        </button>
      </form>
    </section>
  );
}
