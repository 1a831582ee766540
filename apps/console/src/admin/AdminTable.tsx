/** The table of an admin list: column headers, an optional caption for screen readers, and the empty text when there are no rows. */
import { Fragment, type ReactNode } from "react";

/** A column header: its text, or `{ hidden }` for a column (of buttons) whose header only screen readers need. */
export type AdminTableHeader = string | { hidden: string };

export function AdminTable<T extends { id: string } | { key: string }>(props: {
  caption?: string;
  headers: AdminTableHeader[];
  /** The rows; nothing is shown while they are loading (undefined). */
  items: T[] | undefined;
  empty: string;
  /** One `<tr>` of an item. */
  row: (item: T) => ReactNode;
}) {
  if (!props.items) return null;
  if (props.items.length === 0) return <p className="muted">{props.empty}</p>;
  return (
    <div className="table-scroll">
      <table className="tickets">
        {props.caption && <caption className="visually-hidden">{props.caption}</caption>}
        <thead>
          <tr>
            {props.headers.map((h) =>
              typeof h === "string" ? (
                <th scope="col" key={h}>
                  {h}
                </th>
              ) : (
                <th scope="col" key={h.hidden}>
                  <span className="visually-hidden">{h.hidden}</span>
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {props.items.map((item) => (
            <Fragment key={"id" in item ? item.id : item.key}>{props.row(item)}</Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
