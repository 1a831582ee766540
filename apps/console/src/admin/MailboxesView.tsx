/**
 * Incoming-email mailboxes for technical admins: each mailbox with its status (working, error with
 * the server's message, when it was last read, how many emails came in) and "check now", and a form
 * to add an IMAP mailbox or an address for the built-in SMTP receiving. The password is write-only.
 */
import { type Mailbox, type MailboxKind, mailboxKinds } from "@yhteys/contracts";
import { type FormEvent, useId, useState } from "react";
import { type Directory, directory } from "../api.ts";
import { name } from "../format.ts";
import { useI18n } from "../i18n.ts";
import { CheckboxField, ErrorSummary, SelectField, TextField, useSubmit } from "./AdminForm.tsx";
import { AdminTable } from "./AdminTable.tsx";
import * as adminApi from "./adminApi.ts";
import { type AdminAct, useAdminList, useAdminPage } from "./useAdminList.tsx";

/** The mailboxes page. */
export function MailboxesView() {
  const { t } = useI18n();
  const list = useAdminList(adminApi.mailboxes);
  const directoryList = useAdminList(directory, { loading: false });
  const heading = useAdminPage(t("mailboxes.title"), list.data !== null);
  const dir = directoryList.data;

  return (
    <section className="admin-view" aria-labelledby="admin-mailboxes-heading">
      <h1 id="admin-mailboxes-heading" ref={heading} tabIndex={-1}>
        {t("mailboxes.title")}
      </h1>
      <p className="muted">{t("mailboxes.intro")}</p>
      {list.status}
      {directoryList.status}
      <MailboxTable items={list.data?.items} dir={dir} act={list.act} />
      {dir && <NewMailboxForm dir={dir} onCreated={list.reload} />}
    </section>
  );
}

function MailboxTable(props: { items: Mailbox[] | undefined; dir: Directory | null; act: AdminAct }) {
  const { t, language, formatDateTime } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const act = <R,>(id: string, action: () => Promise<R>, done: string | ((result: R) => string)) => {
    setBusy(id);
    void props.act(action, done).finally(() => setBusy(null));
  };
  const groupName = (id: string) => name(props.dir?.groups.find((g) => g.id === id)?.name, language);
  return (
    <AdminTable
      caption={t("mailboxes.caption")}
      headers={[t("mailboxes.address"), t("mailboxes.group"), t("mailboxes.status"), t("mailboxes.actions")]}
      items={props.items}
      empty={t("mailboxes.none")}
      row={(m) => (
        <tr>
          <th scope="row">
            <span className="hash">{m.address}</span>
            <span className="muted small webhook-description">
              {t(`mailboxes.kind.${m.kind}`)}
              {m.imap ? ` · ${m.imap.host}:${m.imap.port} · ${m.imap.folder}` : ""}
            </span>
          </th>
          <td>{groupName(m.groupId)}</td>
          <td>
            {m.active ? t(`mailboxes.status.${m.status}`) : t("mailboxes.inactive")}
            {m.lastError && <span className="muted small webhook-description">{m.lastError}</span>}
            {m.lastCheckedAt && (
              <span className="muted small webhook-description">
                {t("mailboxes.lastChecked", { time: formatDateTime(m.lastCheckedAt) })}
              </span>
            )}
            <span className="muted small webhook-description">{t("mailboxes.ingested", { count: String(m.ingested) })}</span>
          </td>
          <td className="button-row">
            {m.kind === "imap" && (
              <button
                type="button"
                className="button secondary"
                disabled={busy === m.id}
                onClick={() =>
                  act(
                    m.id,
                    () => adminApi.checkMailbox(m.id),
                    (result) => result.mailbox.lastError ?? t("mailboxes.checked", { address: m.address, count: String(result.ingested) }),
                  )
                }
              >
                {t("mailboxes.checkNow")}
              </button>
            )}
            <button
              type="button"
              className="button secondary"
              onClick={() => act(m.id, () => adminApi.updateMailbox(m.id, { active: !m.active }), t("admin.saved"))}
            >
              {m.active ? t("mailboxes.deactivate") : t("mailboxes.activate")}
            </button>
            <button
              type="button"
              className="button secondary"
              onClick={() =>
                window.confirm(t("mailboxes.confirmDelete", { address: m.address })) &&
                act(m.id, () => adminApi.deleteMailbox(m.id), t("mailboxes.deleted"))
              }
            >
              {t("mailboxes.delete")}
            </button>
          </td>
        </tr>
      )}
    />
  );
}

function NewMailboxForm({ dir, onCreated }: { dir: Directory; onCreated: () => void }) {
  const { t, language } = useI18n();
  const prefix = useId();
  const leaves = dir.categories.filter((c) => c.selectable && !c.extraFields.some((f) => f.required));
  const [kind, setKind] = useState<MailboxKind>("imap");
  const [address, setAddress] = useState("");
  const [groupId, setGroupId] = useState(dir.groups[0]?.id ?? "");
  const [categoryId, setCategoryId] = useState(leaves[0]?.id ?? "");
  const [host, setHost] = useState("");
  const [port, setPort] = useState("993");
  const [tls, setTls] = useState(true);
  const [user, setUser] = useState("");
  const [password, setPassword] = useState("");
  const [folder, setFolder] = useState("INBOX");
  const { busy, error, run } = useSubmit();
  const field = (key: string, label: string) => ({ id: `${prefix}${key}`, label });
  const labels = {
    address: field("address", t("mailboxes.address")),
    host: field("host", t("mailboxes.host")),
    user: field("user", t("mailboxes.user")),
    password: field("password", t("mailboxes.password")),
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!address.includes("@")) missing.address = t("mailboxes.required");
    if (kind === "imap") {
      if (!host.trim()) missing.host = t("mailboxes.required");
      if (!user.trim()) missing.user = t("mailboxes.required");
      if (!password) missing.password = t("mailboxes.required");
    }
    void run(async () => {
      await adminApi.createMailbox({
        address: address.trim(),
        kind,
        groupId,
        categoryId,
        ...(kind === "imap"
          ? { imap: { host: host.trim(), port: Number(port) || 993, tls, user: user.trim(), password, folder: folder.trim() || "INBOX" } }
          : {}),
      });
      setAddress("");
      setPassword("");
      onCreated();
    }, missing);
  };

  return (
    <section className="panel" aria-labelledby={`${prefix}heading`}>
      <h2 id={`${prefix}heading`}>{t("mailboxes.new")}</h2>
      <ErrorSummary error={error} fields={labels} />
      <form onSubmit={submit} noValidate>
        <TextField {...labels.address} type="email" value={address} onChange={setAddress} error={error?.fields.address} required />
        <SelectField
          id={`${prefix}kind`}
          label={t("mailboxes.kind")}
          value={kind}
          values={mailboxKinds}
          optionLabel={(k) => t(`mailboxes.kind.${k}`)}
          onChange={setKind}
        />
        <SelectField
          id={`${prefix}group`}
          label={t("mailboxes.group")}
          value={groupId}
          values={dir.groups.map((g) => g.id)}
          optionLabel={(id) => name(dir.groups.find((g) => g.id === id)?.name, language)}
          onChange={setGroupId}
        />
        <SelectField
          id={`${prefix}category`}
          label={t("mailboxes.category")}
          value={categoryId}
          values={leaves.map((c) => c.id)}
          optionLabel={(id) => name(leaves.find((c) => c.id === id)?.name, language)}
          onChange={setCategoryId}
        />
        {kind === "imap" && (
          <>
            <TextField {...labels.host} value={host} onChange={setHost} error={error?.fields.host} required />
            <TextField id={`${prefix}port`} label={t("mailboxes.port")} value={port} onChange={setPort} required />
            <CheckboxField id={`${prefix}tls`} label={t("mailboxes.tls")} checked={tls} onChange={setTls} />
            <TextField {...labels.user} value={user} onChange={setUser} error={error?.fields.user} required />
            <TextField
              {...labels.password}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={setPassword}
              error={error?.fields.password}
              required
            />
            <TextField id={`${prefix}folder`} label={t("mailboxes.folder")} value={folder} onChange={setFolder} required />
          </>
        )}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t("common.saving") : t("mailboxes.create")}
        </button>
      </form>
    </section>
  );
}
