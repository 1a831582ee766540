/**
 * The category tree (REQUIREMENTS P1): nested lists with each category's name, code, default
 * group, ticket count and whether it is in use; technical admins add, reorder and edit
 * categories, content admins edit the texts and extra fields of their own groups' categories.
 */
import type { AdminCategory, GroupSummary } from "@yhteys/contracts";
import { localize } from "@yhteys/contracts/constants";
import { useEffect, useState } from "react";
import { staff } from "../api.ts";
import { useConsole } from "../Console.tsx";
import { useI18n } from "../i18n.ts";
import * as adminApi from "./adminApi.ts";
import { CategoryForm, type CategoryTarget } from "./CategoryForm.tsx";
import { useAdminList, useAdminPage } from "./useAdminList.tsx";

type Loaded = { items: AdminCategory[]; groups: GroupSummary[] };

const load = async (): Promise<Loaded> => {
  const [list, groups] = await Promise.all([adminApi.categories(), staff<{ items: GroupSummary[] }>("/api/staff/groups")]);
  return { items: list.items, groups: groups.items };
};

export function CategoriesView() {
  const { t, language } = useI18n();
  const { session } = useConsole();
  const list = useAdminList(load);
  const heading = useAdminPage(t("categories.title"), list.data !== null);
  const [target, setTarget] = useState<CategoryTarget | null>(null);
  /** The id of the control to focus once the tree has loaded again (after a move). */
  const [focusAfter, setFocusAfter] = useState<string[] | null>(null);
  const items = list.data?.items ?? [];
  const technical = session.user.role === "technical_admin";
  const nameOf = (c: AdminCategory) => localize(c.name, language);

  useEffect(() => {
    if (!focusAfter || !list.data) return;
    for (const id of focusAfter) {
      const element = document.getElementById(id);
      if (element) {
        element.focus();
        break;
      }
    }
    setFocusAfter(null);
  }, [focusAfter, list.data]);

  const move = (c: AdminCategory, direction: "up" | "down") =>
    void list
      .act(() => adminApi.moveCategory(c.id, { direction }), t("categories.moved", { name: nameOf(c) }))
      .then((ok) => ok && setFocusAfter([`category-${direction}-${c.id}`, `category-${direction === "up" ? "down" : "up"}-${c.id}`]));

  const groupName = (id: string | null) => {
    const group = list.data?.groups.find((g) => g.id === id);
    return group ? localize(group.name, language) : t("categories.noGroup");
  };

  const branch = (parentId: string | null) => {
    const children = items.filter((c) => c.parentId === parentId);
    if (!children.length) return null;
    return (
      <ul className={parentId ? "category-tree-children" : "category-tree"}>
        {children.map((c, i) => (
          <li key={c.id}>
            <div className="category-item">
              <span className="category-name">{nameOf(c)}</span> <code>{c.code}</code>{" "}
              {!c.active && <span className="badge category-inactive">{t("categories.inactive")}</span>}
              <span className="category-meta">
                {groupName(c.defaultGroupId)} · {t("categories.ticketCount", { count: c.ticketCount })}
              </span>
              <span className="category-actions">
                {c.mayEditTexts && (
                  <button
                    type="button"
                    className="button secondary"
                    aria-label={`${t("categories.edit")}: ${nameOf(c)}`}
                    aria-pressed={target?.kind === "edit" && target.id === c.id}
                    onClick={() => setTarget({ kind: "edit", id: c.id })}
                  >
                    {t("categories.edit")}
                  </button>
                )}
                {technical && i > 0 && (
                  <button type="button" className="button secondary" id={`category-up-${c.id}`} onClick={() => move(c, "up")}>
                    <span aria-hidden="true">↑ </span>
                    <span className="visually-hidden">{t("categories.moveUp", { name: nameOf(c) })}</span>
                  </button>
                )}
                {technical && i < children.length - 1 && (
                  <button type="button" className="button secondary" id={`category-down-${c.id}`} onClick={() => move(c, "down")}>
                    <span aria-hidden="true">↓ </span>
                    <span className="visually-hidden">{t("categories.moveDown", { name: nameOf(c) })}</span>
                  </button>
                )}
                {technical && (
                  <button
                    type="button"
                    className="button secondary"
                    aria-label={`${t("categories.addChild")}: ${nameOf(c)}`}
                    aria-pressed={target?.kind === "new" && target.parentId === c.id}
                    onClick={() => setTarget({ kind: "new", parentId: c.id })}
                  >
                    {t("categories.addChild")}
                  </button>
                )}
              </span>
            </div>
            {branch(c.id)}
          </li>
        ))}
      </ul>
    );
  };

  return (
    <section className="admin-view" aria-labelledby="admin-categories-heading">
      <h1 id="admin-categories-heading" ref={heading} tabIndex={-1}>
        {t("categories.title")}
      </h1>
      <p className="muted">{t(technical ? "categories.intro" : "categories.introContent")}</p>
      {list.status}
      {list.data && (
        <nav aria-label={t("categories.tree")}>{items.length ? branch(null) : <p className="muted">{t("categories.empty")}</p>}</nav>
      )}
      {list.data && technical && (
        <button
          type="button"
          className="button primary"
          aria-pressed={target?.kind === "new" && target.parentId === null}
          onClick={() => setTarget({ kind: "new", parentId: null })}
        >
          {t("categories.addTop")}
        </button>
      )}
      {list.data && target && (
        <CategoryForm
          key={target.kind === "edit" ? `edit-${target.id}` : `new-${target.parentId}`}
          target={target}
          categories={items}
          groups={list.data.groups}
          onSaved={(saved) => {
            // The form of the saved category opens at once, before the tree has loaded again.
            const kept = items.some((c) => c.id === saved.id);
            list.setData({
              groups: list.data?.groups ?? [],
              items: kept ? items.map((c) => (c.id === saved.id ? saved : c)) : [...items, saved],
            });
            setTarget({ kind: "edit", id: saved.id });
            list.reload();
          }}
          onDeleted={() => {
            setTarget(null);
            heading.current?.focus();
            list.reload();
          }}
        />
      )}
    </section>
  );
}
