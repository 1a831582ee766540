/**
 * Creating and editing a user (technical admins): name, email, role, language, groups, area
 * scopes, an initial or new password, and deactivation (which signs the user out everywhere).
 */
import type { AdminUser, Language, Role } from "@yhteys/contracts";
import { languages, roles } from "@yhteys/contracts/constants";
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { useConsole } from "../Console.tsx";
import { languageName, name, roleName } from "../format.ts";
import { useI18n } from "../i18n.ts";
import { adminPath, navigate, onLinkClick } from "../router.ts";
import { CheckboxGroup, ErrorSummary, SelectField, TextField, useSubmit } from "./AdminForm.tsx";
import * as adminApi from "./adminApi.ts";
import { useAdminList, useAdminPage } from "./useAdminList.tsx";

const MIN_PASSWORD = 12;

type Draft = {
  name: string;
  email: string;
  role: Role;
  language: Language;
  groupIds: string[];
  areaIds: string[];
  password: string;
  active: boolean;
};

const emptyDraft: Draft = { name: "", email: "", role: "expert", language: "fi", groupIds: [], areaIds: [], password: "", active: true };

/** `userId` "new" creates a user; otherwise the user is edited. */
export function UserForm({ userId }: { userId: string }) {
  const { t, language } = useI18n();
  const isNew = userId === "new";
  const prefix = useId();
  const ids = {
    name: `${prefix}name`,
    email: `${prefix}email`,
    role: `${prefix}role`,
    language: `${prefix}language`,
    groupIds: `${prefix}groups`,
    areaIds: `${prefix}areas`,
    password: `${prefix}password`,
    active: `${prefix}active`,
  };
  const statusRef = useRef<HTMLParagraphElement>(null);
  const [draft, setDraft] = useState<Draft | null>(isNew ? emptyDraft : null);
  const [loaded, setLoaded] = useState<AdminUser | null>(null);
  const [status, setStatus] = useState("");
  const { busy, error, run } = useSubmit();
  const { announce } = useConsole();
  const list = useAdminList(
    useCallback(
      () =>
        Promise.all([adminApi.groups(), adminApi.areas(), isNew ? Promise.resolve(null) : adminApi.user(userId)]).then(
          ([groups, areas, user]) => ({ groups: groups.items, areas: areas.items, user }),
        ),
      [isNew, userId],
    ),
  );
  useEffect(() => {
    const user = list.data?.user;
    if (!user) return;
    setLoaded(user);
    setDraft({ ...user, password: "" });
  }, [list.data]);
  const title = isNew ? t("admin.newUser") : t("admin.editUser", { name: loaded?.name ?? "" });
  const heading = useAdminPage(title, draft !== null && list.data !== null);

  if (!draft || !list.data) return list.status;
  const { groups, areas } = list.data;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value });
  const labels = {
    name: { id: ids.name, label: t("admin.name") },
    email: { id: ids.email, label: t("admin.email") },
    role: { id: ids.role, label: t("admin.role") },
    language: { id: ids.language, label: t("admin.language") },
    groupIds: { id: ids.groupIds, label: t("admin.groups") },
    areaIds: { id: ids.areaIds, label: t("admin.areas") },
    password: { id: ids.password, label: isNew ? t("admin.initialPassword") : t("admin.newPassword") },
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus("");
    const missing: Record<string, string> = {};
    if (!draft.name.trim()) missing.name = t("admin.required");
    if (!draft.email.trim()) missing.email = t("admin.required");
    if ((isNew || draft.password) && draft.password.length < MIN_PASSWORD)
      missing.password = t("admin.passwordTooShort", { count: MIN_PASSWORD });
    void run(async () => {
      const body = {
        name: draft.name.trim(),
        email: draft.email.trim(),
        role: draft.role,
        language: draft.language,
        groupIds: draft.groupIds,
        areaIds: draft.areaIds,
        ...(draft.password ? { password: draft.password } : {}),
      };
      if (isNew) {
        const created = await adminApi.createUser({ ...body, password: draft.password });
        announce(t("admin.userCreated", { name: created.name }));
        navigate(adminPath(`users/${created.id}`), { replace: true });
        return;
      }
      const saved = await adminApi.updateUser(userId, { ...body, active: draft.active });
      setLoaded(saved);
      setDraft({ ...saved, password: "" });
      setStatus(t("admin.saved"));
      requestAnimationFrame(() => statusRef.current?.focus());
    }, missing);
  };

  const fieldError = (key: string) => error?.fields[key];

  return (
    <section className="admin-view" aria-labelledby={`${prefix}heading`}>
      <p className="back">
        <a href={adminPath("users")} onClick={onLinkClick}>
          {t("admin.backToUsers")}
        </a>
      </p>
      <h1 id={`${prefix}heading`} ref={heading} tabIndex={-1}>
        {title}
      </h1>
      <p ref={statusRef} tabIndex={-1} role="status" className={status ? "success" : "status-empty"}>
        {status}
      </p>
      <ErrorSummary error={error} fields={labels} />
      <form className="panel admin-form" onSubmit={submit} noValidate>
        <TextField
          {...labels.name}
          value={draft.name}
          onChange={(v) => set("name", v)}
          error={fieldError("name")}
          required
          autoComplete="off"
        />
        <TextField
          {...labels.email}
          type="email"
          value={draft.email}
          onChange={(v) => set("email", v)}
          error={fieldError("email")}
          required
        />
        <div className="field-row">
          <SelectField
            id={ids.role}
            label={t("admin.role")}
            value={draft.role}
            values={roles}
            optionLabel={(r) => roleName(t, r)}
            onChange={(r) => set("role", r)}
          />
          <SelectField
            id={ids.language}
            label={t("admin.language")}
            value={draft.language}
            values={languages}
            optionLabel={(l) => languageName(t, l)}
            onChange={(l) => set("language", l)}
          />
        </div>
        <CheckboxGroup
          id={ids.groupIds}
          legend={t("admin.groups")}
          options={groups.map((g) => ({ value: g.id, label: name(g.name, language) }))}
          selected={draft.groupIds}
          onChange={(v) => set("groupIds", v)}
          error={fieldError("groupIds")}
        />
        <CheckboxGroup
          id={ids.areaIds}
          legend={t("admin.areas")}
          options={areas.map((a) => ({ value: a.id, label: name(a.name, language) }))}
          selected={draft.areaIds}
          onChange={(v) => set("areaIds", v)}
          error={fieldError("areaIds")}
        />
        <TextField
          {...labels.password}
          type="password"
          value={draft.password}
          onChange={(v) => set("password", v)}
          error={fieldError("password")}
          hint={t("admin.passwordHint", { count: MIN_PASSWORD })}
          autoComplete="new-password"
          required={isNew}
        />
        {!isNew && (
          <div className="radio">
            <input id={ids.active} type="checkbox" checked={draft.active} onChange={(e) => set("active", e.target.checked)} />
            <label htmlFor={ids.active}>{t("admin.activeLabel")}</label>
          </div>
        )}
        <p>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t("common.saving") : isNew ? t("admin.createUser") : t("admin.save")}
          </button>
        </p>
      </form>
    </section>
  );
}
