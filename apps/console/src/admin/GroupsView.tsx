/**
 * Handler groups: technical admins create groups and edit every group's name, description and
 * business calendar; content admins edit those of their own groups. Members are shown;
 * memberships are changed on the user's page (they are access rights, for technical admins).
 */
import type { AdminCalendar, AdminGroup } from "@yhteys/contracts";
import { type FormEvent, useId, useState } from "react";
import { useConsole } from "../Console.tsx";
import { name, roleName } from "../format.ts";
import { useI18n } from "../i18n.ts";
import { adminPath, onLinkClick } from "../router.ts";
import {
  CheckboxField,
  ErrorSummary,
  fromDraft,
  type NameDraft,
  NameFields,
  SelectField,
  TextField,
  toDraft,
  useSubmit,
} from "./AdminForm.tsx";
import * as adminApi from "./adminApi.ts";
import { useAdminList, useAdminPage } from "./useAdminList.tsx";

const loadGroups = () =>
  Promise.all([adminApi.groups(), adminApi.calendars()]).then(([groups, calendars]) => ({
    groups: groups.items,
    calendars: calendars.items,
  }));

/** The handler groups page, for technical and content admins. */
export function GroupsView() {
  const { t } = useI18n();
  const { session } = useConsole();
  const technical = session.user.role === "technical_admin";
  const list = useAdminList(loadGroups);
  const heading = useAdminPage(t("admin.groupsTitle"), list.data !== null);
  const groups = list.data?.groups;
  const calendars = list.data?.calendars ?? [];
  const load = list.reload;

  return (
    <section className="admin-view" aria-labelledby="admin-groups-heading">
      <h1 id="admin-groups-heading" ref={heading} tabIndex={-1}>
        {t("admin.groupsTitle")}
      </h1>
      <p className="muted">{technical ? t("admin.groupsIntroTechnical") : t("admin.groupsIntroContent")}</p>
      {list.status}
      {groups?.length === 0 && <p className="muted">{t("admin.noGroups")}</p>}
      {groups?.map((g) => (
        <GroupPanel key={g.id} group={g} calendars={calendars} technical={technical} onSaved={load} />
      ))}
      {technical && <NewGroupForm onCreated={load} />}
    </section>
  );
}

function GroupPanel(props: { group: AdminGroup; calendars: AdminCalendar[]; technical: boolean; onSaved: () => void }) {
  const { group, calendars, technical, onSaved } = props;
  const { t, language } = useI18n();
  const prefix = useId();
  const [nameDraft, setNameDraft] = useState(() => toDraft(group.name));
  const [description, setDescription] = useState(group.description?.fi ?? "");
  const [calendarId, setCalendarId] = useState(group.calendarId ?? "");
  const [sensitiveAccess, setSensitiveAccess] = useState(group.sensitiveAccess);
  const defaultCalendar = calendars.find((c) => c.isDefault);
  const [status, setStatus] = useState("");
  const { busy, error, run } = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus("");
    void run(
      async () => {
        await adminApi.updateGroup(group.id, {
          name: fromDraft(nameDraft),
          description: description.trim() ? { ...(group.description ?? {}), fi: description.trim() } : null,
          calendarId: calendarId || null,
          // Access rights stay with technical admins.
          ...(technical ? { sensitiveAccess } : {}),
        });
        setStatus(t("admin.saved"));
        onSaved();
      },
      nameDraft.fi.trim() ? {} : { fi: t("admin.required") },
    );
  };

  return (
    <section className="panel admin-group" aria-labelledby={`${prefix}heading`}>
      <h2 id={`${prefix}heading`}>
        {name(group.name, language)} <span className="muted small">({group.code})</span>
      </h2>
      <h3>{t("admin.members")}</h3>
      {group.members.length === 0 ? (
        <p className="muted">{t("admin.noMembers")}</p>
      ) : (
        <ul>
          {group.members.map((m) => (
            <li key={m.id}>
              {technical ? (
                <a href={adminPath(`users/${m.id}`)} onClick={onLinkClick}>
                  {m.name}
                </a>
              ) : (
                m.name
              )}{" "}
              <span className="muted">({roleName(t, m.role)})</span>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate aria-labelledby={`${prefix}form`}>
        <h3 id={`${prefix}form`}>{t("admin.groupSettings")}</h3>
        <ErrorSummary error={error} fields={{ fi: { id: `${prefix}name-fi`, label: t("admin.groupName.fi") } }} />
        <NameFields
          prefix={prefix}
          nameDraft={nameDraft}
          onName={setNameDraft}
          description={{ value: description, onChange: setDescription }}
          error={(k) => error?.fields[k]}
        />
        <SelectField
          id={`${prefix}calendar`}
          label={t("sla.groupCalendar")}
          value={calendarId}
          values={["", ...calendars.map((c) => c.id)]}
          optionLabel={(id) =>
            id
              ? name(calendars.find((c) => c.id === id)?.name, language)
              : t("sla.groupCalendarDefault", { name: name(defaultCalendar?.name, language) })
          }
          onChange={setCalendarId}
        />
        {technical ? (
          <>
            <CheckboxField
              id={`${prefix}sensitive`}
              label={t("admin.groups.sensitiveAccess")}
              checked={sensitiveAccess}
              onChange={setSensitiveAccess}
            />
            <p className="hint">{t("admin.groups.sensitiveAccessHint")}</p>
          </>
        ) : (
          group.sensitiveAccess && <p>{t("admin.groups.sensitiveAccess")}</p>
        )}
        <p role="status" className={status ? "success" : "status-empty"}>
          {status}
        </p>
        <button type="submit" className="button secondary" disabled={busy}>
          {busy ? t("common.saving") : t("admin.save")}
        </button>
      </form>
    </section>
  );
}

function NewGroupForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useI18n();
  const { announce } = useConsole();
  const prefix = useId();
  const [code, setCode] = useState("");
  const [nameDraft, setNameDraft] = useState<NameDraft>({ fi: "", sv: "", en: "" });
  const { busy, error, run } = useSubmit();
  const labels = {
    code: { id: `${prefix}code`, label: t("admin.groupCode") },
    fi: { id: `${prefix}name-fi`, label: t("admin.groupName.fi") },
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(code.trim())) missing.code = t("admin.groupCodeHint");
    if (!nameDraft.fi.trim()) missing.fi = t("admin.required");
    void run(async () => {
      const created = await adminApi.createGroup({ code: code.trim(), name: fromDraft(nameDraft) });
      announce(t("admin.groupCreated", { name: created.name.fi }));
      setCode("");
      setNameDraft({ fi: "", sv: "", en: "" });
      onCreated();
    }, missing);
  };

  return (
    <section className="panel" aria-labelledby={`${prefix}heading`}>
      <h2 id={`${prefix}heading`}>{t("admin.newGroup")}</h2>
      <ErrorSummary error={error} fields={labels} />
      <form onSubmit={submit} noValidate>
        <TextField {...labels.code} value={code} onChange={setCode} hint={t("admin.groupCodeHint")} error={error?.fields.code} required />
        <NameFields prefix={prefix} nameDraft={nameDraft} onName={setNameDraft} error={(k) => error?.fields[k]} />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t("common.saving") : t("admin.createGroup")}
        </button>
      </form>
    </section>
  );
}
