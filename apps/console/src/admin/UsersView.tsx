/** Technical admins' list of users: search by name or email, inactive users on request. */
import type { AdminUser } from "@yhteys/contracts";
import { type FormEvent, useCallback, useId, useState } from "react";
import { name, roleName } from "../format.ts";
import { useI18n } from "../i18n.ts";
import { adminPath, onLinkClick } from "../router.ts";
import * as adminApi from "./adminApi.ts";
import { useAdminList, useAdminPage } from "./useAdminList.tsx";

/** The user list with search. */
export function UsersView() {
  const { t, language } = useI18n();
  const ids = { q: useId(), inactive: useId() };
  const [q, setQ] = useState("");
  const [query, setQuery] = useState({ q: "", includeInactive: false });
  const users = useAdminList(useCallback(() => adminApi.users(query), [query]));
  const heading = useAdminPage(t("admin.users"), users.data !== null);
  const list = users.data;
  // The groups only name each user's groups: without them the list is still of use.
  const groups = useAdminList(adminApi.groups, { loading: false }).data?.items ?? [];

  const search = (event: FormEvent) => {
    event.preventDefault();
    setQuery((current) => ({ ...current, q: q.trim() }));
  };
  const groupNames = (u: AdminUser) =>
    u.groupIds
      .map((id) => name(groups.find((g) => g.id === id)?.name, language))
      .filter(Boolean)
      .join(", ");

  return (
    <section className="admin-view" aria-labelledby="admin-users-heading">
      <div className="view-head">
        <h1 id="admin-users-heading" ref={heading} tabIndex={-1}>
          {t("admin.users")}
        </h1>
        <a className="button primary" href={adminPath("users/new")} onClick={onLinkClick}>
          {t("admin.newUser")}
        </a>
      </div>
      <search className="search">
        <form onSubmit={search}>
          <div className="field">
            <label htmlFor={ids.q}>{t("admin.searchUsers")}</label>
            <div className="search-row">
              <input id={ids.q} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
              <button type="submit" className="button secondary">
                {t("queue.searchButton")}
              </button>
            </div>
          </div>
          <div className="radio">
            <input
              id={ids.inactive}
              type="checkbox"
              checked={query.includeInactive}
              onChange={(e) => setQuery((current) => ({ ...current, includeInactive: e.target.checked }))}
            />
            <label htmlFor={ids.inactive}>{t("admin.includeInactive")}</label>
          </div>
        </form>
      </search>
      {users.status}
      {list && (
        <div className="table-wrap">
          <table className="tickets">
            <caption>{t("admin.usersCaption", { total: list.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.name")}</th>
                <th scope="col">{t("admin.email")}</th>
                <th scope="col">{t("admin.role")}</th>
                <th scope="col">{t("admin.groups")}</th>
                <th scope="col">{t("admin.status")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((u) => (
                <tr key={u.id}>
                  <td>
                    <a href={adminPath(`users/${u.id}`)} onClick={onLinkClick}>
                      {u.name}
                    </a>
                  </td>
                  <td>{u.email}</td>
                  <td>{roleName(t, u.role)}</td>
                  <td>{groupNames(u)}</td>
                  <td>{u.active ? t("admin.active") : t("admin.inactive")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
