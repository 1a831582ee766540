/**
 * Automation rules (technical admins): each trigger's rules in the order they run, as readable
 * sentences, moved up and down, switched off, edited or deleted; a form for new ones.
 */
import { type Rule, ruleStatusIds, ruleTriggers } from "@yhteys/contracts";
import { useState } from "react";
import * as api from "../api.ts";
import { useI18n } from "../i18n.ts";
import { ruleSummary } from "../ruleText.ts";
import * as adminApi from "./adminApi.ts";
import { RuleForm } from "./RuleForm.tsx";
import { namesOffStatus, ruleStatuses } from "./RuleStatusFields.tsx";
import { useAdminList, useAdminPage } from "./useAdminList.tsx";

const loadRules = () =>
  Promise.all([adminApi.rules(), api.directory(), adminApi.areas(), adminApi.replyTemplates(), ruleStatuses()]).then(
    ([rules, directory, areas, templates, statuses]) => ({
      rules: rules.items,
      directory: directory ?? { groups: [], users: [], categories: [], types: [] },
      areas: areas.items,
      templates: templates.items,
      statuses,
    }),
  );

export function RulesView() {
  const { t, language } = useI18n();
  const list = useAdminList(loadRules);
  const heading = useAdminPage(t("rules.title"), list.data !== null);
  const [editing, setEditing] = useState<Rule | "new" | null>(null);
  const { data, act } = list;

  const move = (rules: Rule[], index: number, by: -1 | 1) => {
    const ids = rules.map((r) => r.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id as string);
    const rule = rules[index] as Rule;
    void act(() => adminApi.orderRules({ trigger: rule.trigger, ruleIds: ids }));
  };

  return (
    <section className="admin-view" aria-labelledby="admin-rules-heading">
      <h1 id="admin-rules-heading" ref={heading} tabIndex={-1}>
        {t("rules.title")}
      </h1>
      <p className="muted">{t("rules.intro")}</p>
      {list.status}
      {data && (
        <>
          {editing ? (
            <RuleForm
              {...(editing === "new" ? {} : { rule: editing })}
              directory={data.directory}
              areas={data.areas}
              templates={data.templates}
              statuses={data.statuses}
              onDone={(saved) => {
                setEditing(null);
                if (saved) list.reload();
              }}
            />
          ) : (
            <button type="button" className="button primary" onClick={() => setEditing("new")}>
              {t("rules.newRule")}
            </button>
          )}
          {ruleTriggers.map((trigger) => {
            const rules = data.rules.filter((r) => r.trigger === trigger);
            return (
              <section key={trigger} className="panel" aria-labelledby={`rules-${trigger}`}>
                <h2 id={`rules-${trigger}`}>{t(`rules.trigger.${trigger}`)}</h2>
                {rules.length === 0 ? (
                  <p className="muted">{t("rules.none")}</p>
                ) : (
                  <ol className="rule-list">
                    {rules.map((r, i) => (
                      <li key={r.id}>
                        <h3>
                          {r.name} {!r.active && <span className="badge">{t("rules.inactive")}</span>}{" "}
                          {r.stopsProcessing && <span className="badge">{t("rules.stops")}</span>}
                        </h3>
                        {r.description && <p className="muted">{r.description}</p>}
                        <p>
                          {ruleSummary(
                            t,
                            language,
                            { directory: data.directory, areas: data.areas, templates: data.templates, statuses: data.statuses },
                            r,
                          )}
                        </p>
                        {namesOffStatus(data.statuses, ruleStatusIds(r)) && <p className="field-error">{t("rules.statusOffWarning")}</p>}
                        <div className="actions-row">
                          <button
                            type="button"
                            className="button secondary"
                            onClick={() => setEditing(r)}
                            aria-label={t("rules.editRule", { name: r.name })}
                          >
                            {t("rules.edit")}
                          </button>
                          <button type="button" className="button secondary" disabled={i === 0} onClick={() => move(rules, i, -1)}>
                            <span aria-hidden="true">↑</span>
                            <span className="visually-hidden">{t("rules.moveUp", { name: r.name })}</span>
                          </button>
                          <button
                            type="button"
                            className="button secondary"
                            disabled={i === rules.length - 1}
                            onClick={() => move(rules, i, 1)}
                          >
                            <span aria-hidden="true">↓</span>
                            <span className="visually-hidden">{t("rules.moveDown", { name: r.name })}</span>
                          </button>
                          <button
                            type="button"
                            className="button secondary"
                            onClick={() => void act(() => adminApi.deleteRule(r.id), t("rules.deleted", { name: r.name }))}
                          >
                            {t("rules.delete", { name: r.name })}
                          </button>
                        </div>
                      </li>
                    ))}
                  </ol>
                )}
              </section>
            );
          })}
        </>
      )}
    </section>
  );
}
