/** One queue as a table: state tabs, text search, sortable columns and paging. Re-reads on live events. */
import type { TicketList, TicketListQuery, TicketState } from "@yhteys/contracts";
import { openStates, ticketStates } from "@yhteys/contracts/constants";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import * as api from "./api.ts";
import { BulkBar } from "./Bulk.tsx";
import { useConsole } from "./Console.tsx";
import { useFocusOnNavigation } from "./focus.ts";
import { errorText, name, slaName, stateName } from "./format.ts";
import { type MessageKey, useI18n } from "./i18n.ts";
import { QueueFilters } from "./QueueFilters.tsx";
import { QueueRow } from "./QueueRow.tsx";
import { navigate, onLinkClick, queuePath } from "./router.ts";
import { filtersOf } from "./viewParams.ts";

const PAGE = 50;
/** The largest `offset` TicketListQuery accepts. */
const MAX_OFFSET = 100_000;
type SortField = "reference" | "priority" | "createdAt";
type Filter = "open" | "all" | TicketState;

function readFilter(search: URLSearchParams): Filter {
  const s = search.get("state");
  if (s === "all") return "all";
  return s && (ticketStates as readonly string[]).includes(s) ? (s as TicketState) : "open";
}

export function QueueView({ queueId, search }: { queueId: string; search: URLSearchParams }) {
  const { t, language, formatNumber } = useI18n();
  const { queues, views, live, directory } = useConsole();
  const searchId = useId();
  const heading = useRef<HTMLHeadingElement>(null);

  const filter = readFilter(search);
  const q = search.get("q")?.trim() ?? "";
  const sortParam = search.get("sort");
  const sort =
    sortParam === "reference" || sortParam === "priority" || sortParam === "createdAt" ? sortParam : q ? "relevance" : "createdAt";
  const order = search.get("order") === "asc" ? "asc" : "desc";
  const offset = Math.max(0, Number.parseInt(search.get("offset") ?? "0", 10) || 0);
  const slaParam = search.get("sla");
  const sla = slaParam === "warning" || slaParam === "breached" ? slaParam : null;
  const extras = filtersOf(search);
  const filtered = q !== "" || sla !== null || Object.keys(extras).length > 0;
  const extrasKey = JSON.stringify(extras);
  const view = views.find((v) => v.id === search.get("view")) ?? null;

  const [list, setList] = useState<TicketList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  // Bulk actions: for roles that may forward (they have the directory).
  const bulk = directory !== null;
  const [selected, setSelected] = useState<string[]>([]);
  const [reloads, setReloads] = useState(0);
  const listKey = JSON.stringify([queueId, filter, q, sla, extrasKey, sort, order, offset]);
  // A selection belongs to the page it was made on.
  // biome-ignore lint/correctness/useExhaustiveDependencies: listKey stands for the page
  useEffect(() => setSelected([]), [listKey]);

  const queue = queues?.find((x) => x.id === queueId);
  const queueName = queue ? name(queue.name, language) : "";
  useEffect(() => {
    if (queueName) document.title = `${queueName} – ${t("app.console")}`;
  }, [queueName, t]);

  useEffect(() => {
    void live.version;
    void reloads;
    const controller = new AbortController();
    const query: TicketListQuery = {
      ...(queueId === "all" ? {} : { queue: queueId }),
      ...(filter === "all" ? {} : { state: filter === "open" ? openStates : [filter] }),
      ...(q ? { q } : {}),
      ...(sla ? { sla } : {}),
      ...(JSON.parse(extrasKey) as typeof extras),
      sort,
      order,
      limit: PAGE,
      offset,
    };
    setLoading(true);
    api
      .tickets(query, controller.signal)
      .then((result) => {
        setList(result);
        setError(null);
      })
      .catch((e) => {
        if (!controller.signal.aborted) setError(errorText(t, e));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [queueId, filter, q, sla, extrasKey, sort, order, offset, live.version, reloads, t]);

  useFocusOnNavigation(heading, list !== null || error !== null);

  const go = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === "") next.delete(k);
      else next.set(k, v);
    }
    if (!("offset" in changes)) next.delete("offset");
    navigate(queuePath(queueId, next));
  };

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    go({ q: text.trim() || null, sort: null, order: null });
  };

  const sortBy = (field: SortField) => {
    const nextOrder = sort === field ? (order === "asc" ? "desc" : "asc") : field === "reference" ? "asc" : "desc";
    go({ sort: field, order: nextOrder });
  };

  // Counts are capped by the server: a count equal to countLimit means "at least", shown as "1 000+".
  const countLimit = list?.countLimit ?? Number.POSITIVE_INFINITY;
  const formatCount = (n: number) => (n >= countLimit ? t("queue.atLeast", { count: formatNumber(countLimit) }) : formatNumber(n));
  const counts = list?.countsByState;
  const sumCounts = (states: readonly TicketState[]) =>
    counts
      ? Math.min(
          countLimit,
          states.reduce((n, s) => n + counts[s], 0),
        )
      : null;
  const openCount = sumCounts(openStates);
  const allCount = sumCounts(ticketStates);
  const tabs: { filter: Filter; label: string; count: number | null }[] = [
    { filter: "open", label: t("queue.open"), count: openCount },
    ...ticketStates.map((s) => ({ filter: s as Filter, label: stateName(t, s), count: counts ? counts[s] : null })),
    { filter: "all", label: t("queue.allStates"), count: allCount },
  ];

  if (queues && !queue)
    return (
      <section>
        <h1 ref={heading} tabIndex={-1}>
          {t("queue.notFound")}
        </h1>
      </section>
    );

  const total = list?.total ?? 0;
  const atLeast = total >= countLimit;
  const caption = q
    ? t("queue.captionSearch", { queue: queueName, q, total: formatCount(total) })
    : t("queue.caption", { queue: queueName, total: formatCount(total) });
  // Beyond a capped total the last page is unknown: page on while pages come back full.
  const hasNext = list !== null && offset + PAGE <= MAX_OFFSET && (atLeast ? list.items.length === PAGE : offset + PAGE < total);

  const pageIds = list?.items.map((r) => r.id) ?? [];
  const allSelected = pageIds.length > 0 && pageIds.every((id) => selected.includes(id));

  const sortHeader = (field: SortField, label: MessageKey) => {
    const active = sort === field;
    return (
      <th scope="col" aria-sort={active ? (order === "asc" ? "ascending" : "descending") : undefined}>
        <button type="button" className="sort-button" onClick={() => sortBy(field)}>
          {t(label)}
          <span className="sort-indicator" aria-hidden="true">
            {active ? (order === "asc" ? "▲" : "▼") : "↕"}
          </span>
        </button>
      </th>
    );
  };

  return (
    <section className="queue-view" aria-labelledby="queue-heading">
      <div className="view-head">
        <h1 id="queue-heading" ref={heading} tabIndex={-1}>
          {queueName || t("app.loading")}
        </h1>
        <search className="search">
          <form onSubmit={submitSearch}>
            <label htmlFor={searchId}>{t("queue.search")}</label>
            <div className="search-row">
              <input id={searchId} type="search" value={text} onChange={(e) => setText(e.target.value)} maxLength={200} />
              <button type="submit" className="button primary">
                {t("queue.searchButton")}
              </button>
              {q && (
                <button type="button" className="button secondary" onClick={() => go({ q: null, sort: null, order: null })}>
                  {t("queue.clearSearch")}
                </button>
              )}
            </div>
          </form>
        </search>
      </div>

      <nav className="state-tabs" aria-label={t("queue.states")}>
        <ul>
          {tabs.map((tab) => (
            <li key={tab.filter}>
              <a
                href={queuePath(queueId, withParam(search, "state", tab.filter === "open" ? null : tab.filter))}
                onClick={onLinkClick}
                aria-current={filter === tab.filter ? "page" : undefined}
              >
                {tab.label}
                {tab.count !== null && <span className="tab-count">{formatCount(tab.count)}</span>}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <QueueFilters queueId={queueId} search={search} view={view} />

      <nav className="sla-filter" aria-label={t("sla.filter")}>
        <span aria-hidden="true">{t("sla.filter")}:</span>
        <ul>
          {([null, "warning", "breached"] as const).map((value) => (
            <li key={value ?? "all"}>
              <a
                href={queuePath(queueId, withParam(search, "sla", value))}
                onClick={onLinkClick}
                aria-current={sla === value ? "page" : undefined}
              >
                {value ? slaName(t, value) : t("sla.all")}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {sort === "relevance" && <p className="muted small">{t("queue.relevance")}</p>}

      {bulk && list && list.items.length > 0 && (
        <BulkBar
          selected={selected}
          rows={list.items}
          onDone={() => {
            setSelected([]);
            setReloads((n) => n + 1);
          }}
        />
      )}

      <div className="table-wrap">
        <table className="tickets" aria-busy={loading}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {bulk && (
                <td className="select">
                  <input
                    type="checkbox"
                    aria-label={t("bulk.selectAll")}
                    checked={allSelected}
                    onChange={(e) => setSelected(e.target.checked ? pageIds : [])}
                  />
                </td>
              )}
              {sortHeader("reference", "col.reference")}
              <th scope="col">{t("col.summary")}</th>
              <th scope="col">{t("col.category")}</th>
              <th scope="col">{t("col.state")}</th>
              {sortHeader("priority", "col.priority")}
              <th scope="col">{t("col.channel")}</th>
              <th scope="col">{t("col.handler")}</th>
              {sortHeader("createdAt", "col.created")}
              <th scope="col">{t("col.due")}</th>
            </tr>
          </thead>
          <tbody>
            {list?.items.map((row) => (
              <QueueRow
                key={row.id}
                row={row}
                selected={bulk ? selected.includes(row.id) : undefined}
                onSelect={(on) => setSelected((s) => (on ? [...s, row.id] : s.filter((id) => id !== row.id)))}
              />
            ))}
          </tbody>
        </table>
      </div>
      {list && list.items.length === 0 && (
        <div className="empty">
          <p>
            {t(
              filtered
                ? "queue.empty"
                : queueId === "mine"
                  ? "queue.emptyMine"
                  : queueId === "requests"
                    ? "queue.emptyRequests"
                    : "queue.emptyQueue",
            )}
          </p>
          {filtered ? (
            <a href={queuePath(queueId, withoutFilters(search))} onClick={onLinkClick}>
              {t("queue.clearFilters")}
            </a>
          ) : (
            filter !== "all" &&
            (allCount ?? 0) > 0 && (
              <a href={queuePath(queueId, withParam(search, "state", "all"))} onClick={onLinkClick}>
                {t("queue.showAllStates")}
              </a>
            )
          )}
        </div>
      )}

      {list && (offset > 0 || hasNext) && (
        <nav className="paging" aria-label={t("queue.paging")}>
          <button
            type="button"
            className="button secondary"
            disabled={offset === 0}
            onClick={() => go({ offset: String(Math.max(0, offset - PAGE)) })}
          >
            {t("queue.prev")}
          </button>
          <span>
            {t("queue.range", {
              from: formatNumber(offset + 1),
              to: formatNumber(offset + list.items.length),
              total: formatCount(total),
            })}
          </span>
          <button type="button" className="button secondary" disabled={!hasNext} onClick={() => go({ offset: String(offset + PAGE) })}>
            {t("queue.next")}
          </button>
        </nav>
      )}
    </section>
  );
}

function withParam(search: URLSearchParams, key: string, value: string | null): URLSearchParams {
  const next = new URLSearchParams(search);
  next.delete("offset");
  if (value === null) next.delete(key);
  else next.set(key, value);
  return next;
}

/** The queue address with its state tab and sorting but none of the filters that narrow the list. */
function withoutFilters(search: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams();
  for (const key of ["state", "sort", "order"]) {
    const value = search.get(key);
    if (value) next.set(key, value);
  }
  return next;
}
