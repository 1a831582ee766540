/**
 * Under a queue's heading: more filters (priority, channel, handler, category, age, tag) kept in the
 * address, saving what is shown as a view (for oneself, a group or everyone, as the role allows),
 * and deleting the view being shown.
 */
import type { SavedView, ViewScope } from "@yhteys/contracts";
import { channels, priorities } from "@yhteys/contracts/constants";
import { type FormEvent, useId, useState } from "react";
import * as api from "./api.ts";
import { useConsole } from "./Console.tsx";
import { channelName, errorText, name, priorityName, settingName } from "./format.ts";
import { useI18n } from "./i18n.ts";
import { navigate, queuePath } from "./router.ts";
import { viewFiltersOf } from "./viewParams.ts";

const ages = ["1", "3", "7", "14", "30"];

export function QueueFilters({ queueId, search, view }: { queueId: string; search: URLSearchParams; view: SavedView | null }) {
  const { t, language } = useI18n();
  const { session, directory, announce, refreshQueues } = useConsole();
  const id = useId();
  const [viewName, setViewName] = useState("");
  const [scope, setScope] = useState<ViewScope>("personal");
  const [groupId, setGroupId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const role = session.user.role;
  const scopes: ViewScope[] = [
    "personal",
    ...(role === "technical_admin" || role === "service_advisor" || role === "content_admin" ? (["group"] as const) : []),
    ...(role === "technical_admin" ? (["organisation"] as const) : []),
  ];
  const groups = (directory?.groups ?? []).filter((g) => role !== "content_admin" || session.user.groupIds.includes(g.id));

  /** Sets (or, when empty, removes) filters of the address; paging and the view start over. */
  const set = (filters: Record<string, string>) => {
    const next = new URLSearchParams(search);
    next.delete("offset");
    next.delete("view");
    for (const [key, value] of Object.entries(filters)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    navigate(queuePath(queueId, next));
  };
  // A built-in type filters by its kind (with the types added on it), an added type by its id.
  const typeValue = search.get("typeId") ? `id:${search.get("typeId")}` : search.get("type") ? `kind:${search.get("type")}` : "";
  const setType = (value: string) =>
    set({ type: value.startsWith("kind:") ? value.slice(5) : "", typeId: value.startsWith("id:") ? value.slice(3) : "" });
  // A typed tag applies on Enter or on leaving the field, not on every key.
  const applyTag = (value: string) => {
    const tag = value.trim().toLowerCase();
    if (tag !== (search.get("tag") ?? "")) set({ tag });
  };
  const select = (key: string, label: string, options: [string, string][]) => (
    <div className="field">
      <label htmlFor={`${id}${key}`}>{label}</label>
      <select id={`${id}${key}`} value={search.get(key) ?? ""} onChange={(e) => set({ [key]: e.target.value })}>
        <option value="">{t("views.any")}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!viewName.trim()) return setError(t("views.needName"));
    if (scope === "group" && !groupId) return setError(t("request.needRecipient"));
    setError(null);
    api
      .createView({ name: viewName.trim(), scope, ...(scope === "group" ? { groupId } : {}), filters: viewFiltersOf(queueId, search) })
      .then((saved) => {
        announce(t("views.saved", { name: saved.name }));
        setViewName("");
        refreshQueues();
      })
      .catch((e) => setError(errorText(t, e)));
  };
  const remove = (v: SavedView) =>
    api
      .deleteView(v.id)
      .then(() => {
        announce(t("views.deleted", { name: v.name }));
        refreshQueues();
        navigate(queuePath(queueId));
      })
      .catch((e) => setError(errorText(t, e)));

  return (
    <details className="queue-filters" open={Boolean(view) || undefined}>
      <summary>{view ? t("views.current", { name: view.name }) : t("views.filters")}</summary>
      <div className="field-row">
        {select(
          "priority",
          t("col.priority"),
          priorities.map((p) => [p, priorityName(t, p)]),
        )}
        {select(
          "channel",
          t("col.channel"),
          channels.map((c) => [c, channelName(t, c)]),
        )}
        {select("handlerId", t("views.handler"), [
          ["none", t("views.handlerNone")],
          [session.user.id, t("views.handlerMe")],
        ])}
        <div className="field">
          <label htmlFor={`${id}type`}>{t("views.type")}</label>
          <select id={`${id}type`} value={typeValue} onChange={(e) => setType(e.target.value)}>
            <option value="">{t("views.any")}</option>
            {(directory?.types ?? []).map((s) => (
              <option key={s.key} value={s.builtIn ? `kind:${s.type}` : `id:${s.id}`}>
                {settingName(t, language, s)}
              </option>
            ))}
          </select>
        </div>
        {select(
          "categoryId",
          t("views.category"),
          (directory?.categories ?? []).filter((c) => c.parentId).map((c) => [c.id, name(c.name, language)]),
        )}
        {select(
          "olderThanDays",
          t("views.age"),
          ages.map((d) => [d, t("views.olderThan", { days: d })]),
        )}
        <div className="field">
          <label htmlFor={`${id}tag`}>{t("tags.filter")}</label>
          <input
            id={`${id}tag`}
            key={search.get("tag") ?? ""}
            defaultValue={search.get("tag") ?? ""}
            maxLength={40}
            onBlur={(e) => applyTag(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") applyTag(e.currentTarget.value);
            }}
          />
        </div>
      </div>
      <form onSubmit={save} noValidate className="save-view">
        <h2 className="small-heading">{t("views.save")}</h2>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}name`}>{t("views.name")}</label>
            <input id={`${id}name`} value={viewName} maxLength={80} onChange={(e) => setViewName(e.target.value)} />
          </div>
          {scopes.length > 1 && (
            <div className="field">
              <label htmlFor={`${id}scope`}>{t("views.scope")}</label>
              <select id={`${id}scope`} value={scope} onChange={(e) => setScope(e.target.value as ViewScope)}>
                {scopes.map((s) => (
                  <option key={s} value={s}>
                    {t(`views.scope.${s}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
          {scope === "group" && (
            <div className="field">
              <label htmlFor={`${id}group`}>{t("views.group")}</label>
              <select id={`${id}group`} value={groupId} onChange={(e) => setGroupId(e.target.value)}>
                <option value="">{t("request.chooseRecipient")}</option>
                {groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {name(g.name, language)}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
        <div className="actions-row">
          <button type="submit" className="button secondary">
            {t("views.saveButton")}
          </button>
          {view?.mayEdit && (
            <button type="button" className="button secondary" onClick={() => void remove(view)}>
              {t("views.delete", { name: view.name })}
            </button>
          )}
        </div>
      </form>
    </details>
  );
}
