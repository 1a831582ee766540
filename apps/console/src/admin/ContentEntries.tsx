/** The table of content entries (notices or FAQ) with edit and delete, and the entry form below it. */
import { Fragment, type ReactNode, useState } from "react";
import { useI18n } from "../i18n.ts";
import { AdminTable } from "./AdminTable.tsx";
import { useAdminAction } from "./useAdminList.tsx";

/** A list of entries (notices or FAQ) as a table, with edit and delete for those the user may change, and the form. */
export function EntriesSection<T extends { id: string; mayEdit: boolean }>(props: {
  id: string;
  title: string;
  empty: string;
  columns: string[];
  items: T[];
  name: (item: T) => string;
  cells: (item: T) => ReactNode;
  form: (item: T | null, done: () => void, cancel: () => void) => ReactNode;
  newLabel: string;
  remove: (item: T) => Promise<unknown>;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<T | "new" | null>(null);
  const { act, status } = useAdminAction(props.onChanged);
  const remove = (item: T) => {
    if (window.confirm(t("content.confirmDelete", { title: props.name(item) }))) void act(() => props.remove(item), t("content.deleted"));
  };
  return (
    <section className="panel" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {status}
      <AdminTable
        caption={props.title}
        headers={[...props.columns, t("content.actions")]}
        items={props.items}
        empty={props.empty}
        row={(item) => (
          <tr>
            <th scope="row">{props.name(item)}</th>
            {props.cells(item)}
            <td className="button-row">
              {item.mayEdit && (
                <>
                  <button type="button" className="button secondary" onClick={() => setEditing(item)}>
                    {t("content.edit")}
                  </button>
                  <button type="button" className="button secondary" onClick={() => remove(item)}>
                    {t("content.delete")}
                  </button>
                </>
              )}
            </td>
          </tr>
        )}
      />
      {editing ? (
        <Fragment key={editing === "new" ? "new" : editing.id}>
          {props.form(
            editing === "new" ? null : editing,
            () => {
              setEditing(null);
              props.onChanged();
            },
            () => setEditing(null),
          )}
        </Fragment>
      ) : (
        <button type="button" className="button primary" onClick={() => setEditing("new")}>
          {props.newLabel}
        </button>
      )}
    </section>
  );
}

/** The save and cancel buttons of an entry form. */
export function EntryFormButtons({ busy, label, onCancel }: { busy: boolean; label: string; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <div className="button-row">
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? t("common.saving") : label}
      </button>
      <button type="button" className="button secondary" onClick={onCancel}>
        {t("content.cancel")}
      </button>
    </div>
  );
}
