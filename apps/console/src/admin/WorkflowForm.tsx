/**
 * A type's workflow: its statuses (key, names, public name, phase, in use) and the moves between
 * them as a grid of checkboxes, each labelled "Move from X to Y". A type without a workflow starts
 * from the standard states and moves.
 */
import { type TicketState, ticketStates, type Workflow, type WorkflowStatusInput } from "@yhteys/contracts";
import { stateTransitions } from "@yhteys/contracts/constants";
import { type FormEvent, useCallback, useId, useState } from "react";
import { useConsole } from "../Console.tsx";
import { stateName } from "../format.ts";
import { useI18n } from "../i18n.ts";
import { namesEn, namesFi, namesSv } from "../names.i18n.ts";
import { CheckboxField, ErrorSummary, fromDraft, type NameDraft, SelectField, TextField, toDraft, useSubmit } from "./AdminForm.tsx";
import { useAdminList } from "./useAdminList.tsx";
import * as workflowsApi from "./workflowsApi.ts";

/** `uid` tells the drafts apart while their keys are being typed. */
type StatusDraft = {
  uid: string;
  key: string;
  saved: boolean;
  name: NameDraft;
  publicName: NameDraft;
  phase: TicketState;
  active: boolean;
  next: string[];
};

let drafted = 0;
const uid = () => `status-${++drafted}`;
const keyPattern = /^[a-z0-9][a-z0-9_-]{0,39}$/;

const draftsOf = (workflow: Workflow): StatusDraft[] =>
  workflow.statuses.map((s) => ({
    uid: uid(),
    key: s.key,
    saved: true,
    name: toDraft(s.name),
    publicName: toDraft(s.publicName),
    phase: s.phase,
    active: s.active,
    next: s.next,
  }));

/** The standard states as a starting point, named in the three languages. */
const standardDrafts = (): StatusDraft[] =>
  ticketStates.map((state) => ({
    uid: uid(),
    key: state,
    saved: false,
    name: { fi: namesFi[`state.${state}`], sv: namesSv[`state.${state}`], en: namesEn[`state.${state}`] },
    publicName: toDraft(null),
    phase: state,
    active: true,
    next: [...stateTransitions[state]],
  }));

export function WorkflowForm({ typeKey, typeLabel, onSaved }: { typeKey: string; typeLabel: string; onSaved: () => void }) {
  const load = useCallback(() => workflowsApi.workflow(typeKey), [typeKey]);
  const list = useAdminList(load);
  return (
    <>
      {list.status}
      {list.data && <WorkflowEditor key={list.version} workflow={list.data} typeLabel={typeLabel} onSaved={onSaved} reload={list.reload} />}
    </>
  );
}

function WorkflowEditor(props: { workflow: Workflow; typeLabel: string; onSaved: () => void; reload: () => void }) {
  const { t } = useI18n();
  const { announce } = useConsole();
  const prefix = useId();
  const [drafts, setDrafts] = useState<StatusDraft[]>(() => draftsOf(props.workflow));
  const { busy, error, run } = useSubmit();
  const label = (d: StatusDraft) => d.name.fi.trim() || d.key || "–";
  const update = (index: number, change: Partial<StatusDraft>) => setDrafts(drafts.map((d, i) => (i === index ? { ...d, ...change } : d)));
  const fields = Object.fromEntries(
    drafts.flatMap((_d, i) => [
      [`statuses.${i}.key`, { id: `${prefix}-${i}-key`, label: `${t("workflows.status", { n: i + 1 })}: ${t("workflows.key")}` }],
      [
        `statuses.${i}.name.fi`,
        { id: `${prefix}-${i}-name-fi`, label: `${t("workflows.status", { n: i + 1 })}: ${t("admin.groupName.fi")}` },
      ],
    ]),
  );

  const toggleMove = (from: number, to: string, on: boolean) => {
    const d = drafts[from];
    if (d) update(from, { next: on ? [...d.next, to] : d.next.filter((k) => k !== to) });
  };
  const remove = (index: number) => {
    const key = drafts[index]?.key;
    setDrafts(drafts.filter((_, i) => i !== index).map((d) => ({ ...d, next: d.next.filter((k) => k !== key) })));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const invalid: Record<string, string> = {};
    drafts.forEach((d, i) => {
      if (!keyPattern.test(d.key)) invalid[`statuses.${i}.key`] = t("workflows.keyInvalid");
      else if (drafts.findIndex((o) => o.key === d.key) !== i) invalid[`statuses.${i}.key`] = t("workflows.keyTwice");
      if (!d.name.fi.trim()) invalid[`statuses.${i}.name.fi`] = t("admin.required");
    });
    void run(async () => {
      const statuses: WorkflowStatusInput[] = drafts.map((d) => ({
        key: d.key,
        name: fromDraft(d.name),
        publicName: d.publicName.fi.trim() ? fromDraft(d.publicName) : null,
        phase: d.phase,
        active: d.active,
        next: d.next.filter((k) => drafts.some((o) => o.key === k)),
      }));
      await workflowsApi.setWorkflow(props.workflow.key, { statuses });
      announce(t("workflows.workflowSaved", { type: props.typeLabel }));
      props.onSaved();
      props.reload();
    }, invalid);
  };

  return (
    <section className="panel" aria-labelledby={`${prefix}heading`}>
      <h2 id={`${prefix}heading`}>
        {t("workflows.workflow")}: {props.typeLabel}
      </h2>
      {drafts.length === 0 ? (
        <>
          <p>{t("workflows.noWorkflow")}</p>
          <button type="button" className="button secondary" onClick={() => setDrafts(standardDrafts())}>
            {t("workflows.start")}
          </button>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <ErrorSummary error={error} fields={fields} />
          <h3>{t("workflows.statuses")}</h3>
          <p className="hint">{t("workflows.removedHint")}</p>
          {drafts.map((d, i) => (
            <fieldset key={d.uid} className="panel">
              <legend>
                {t("workflows.status", { n: i + 1 })}: {label(d)}
              </legend>
              <div className="field-row">
                {d.saved ? (
                  <p>
                    {t("workflows.key")}: <code>{d.key}</code>
                  </p>
                ) : (
                  <TextField
                    id={`${prefix}-${i}-key`}
                    label={t("workflows.key")}
                    hint={t("workflows.keyHint")}
                    value={d.key}
                    onChange={(key) => update(i, { key: key.trim().toLowerCase() })}
                    error={error?.fields[`statuses.${i}.key`]}
                    required
                  />
                )}
                <SelectField
                  id={`${prefix}-${i}-phase`}
                  label={t("workflows.phase")}
                  value={d.phase}
                  values={ticketStates}
                  optionLabel={(s) => stateName(t, s)}
                  onChange={(phase) => update(i, { phase })}
                />
              </div>
              <div className="field-row">
                {(["fi", "sv", "en"] as const).map((l) => (
                  <TextField
                    key={l}
                    id={`${prefix}-${i}-name-${l}`}
                    label={t(`admin.groupName.${l}`)}
                    value={d.name[l]}
                    onChange={(v) => update(i, { name: { ...d.name, [l]: v } })}
                    error={l === "fi" ? error?.fields[`statuses.${i}.name.fi`] : undefined}
                    required={l === "fi"}
                  />
                ))}
              </div>
              <div className="field-row">
                {(["fi", "sv", "en"] as const).map((l) => (
                  <TextField
                    key={l}
                    id={`${prefix}-${i}-public-${l}`}
                    label={t("workflows.publicName", { lang: l })}
                    hint={l === "fi" ? t("workflows.publicHint") : undefined}
                    value={d.publicName[l]}
                    onChange={(v) => update(i, { publicName: { ...d.publicName, [l]: v } })}
                  />
                ))}
              </div>
              <CheckboxField
                id={`${prefix}-${i}-active`}
                label={t("workflows.statusActive")}
                checked={d.active}
                onChange={(active) => update(i, { active })}
              />
              <button type="button" className="button secondary" onClick={() => remove(i)}>
                {t("workflows.removeStatus", { name: label(d) })}
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            className="button secondary"
            onClick={() =>
              setDrafts([
                ...drafts,
                {
                  uid: uid(),
                  key: "",
                  saved: false,
                  name: toDraft(null),
                  publicName: toDraft(null),
                  phase: "in_progress",
                  active: true,
                  next: [],
                },
              ])
            }
          >
            {t("workflows.addStatus")}
          </button>
          <h3 id={`${prefix}moves`}>{t("workflows.transitions")}</h3>
          <p className="hint" id={`${prefix}moves-hint`}>
            {t("workflows.transitionsHint")}
          </p>
          <div className="transition-grid-scroll">
            <table className="tickets transition-grid" aria-labelledby={`${prefix}moves`} aria-describedby={`${prefix}moves-hint`}>
              <thead>
                <tr>
                  <th scope="col">{t("workflows.from")}</th>
                  {drafts.map((to) => (
                    <th scope="col" key={to.uid}>
                      {label(to)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {drafts.map((from, i) => (
                  <tr key={from.uid}>
                    <th scope="row">{label(from)}</th>
                    {drafts.map((to, j) => (
                      <td key={to.uid}>
                        {i !== j && to.key && (
                          <input
                            type="checkbox"
                            aria-label={t("workflows.move", { from: label(from), to: label(to) })}
                            checked={from.next.includes(to.key)}
                            onChange={(e) => toggleMove(i, to.key, e.target.checked)}
                          />
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t("common.saving") : t("workflows.saveWorkflow")}
          </button>
        </form>
      )}
    </section>
  );
}
