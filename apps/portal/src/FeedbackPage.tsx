/**
 * /{org}/palautteet: published contacts and the city's answers (REQUIREMENTS P5). The list is the
 * page; the map is an optional extra view loaded on demand. Filters live in the URL, so a filtered
 * list can be shared, and work without JavaScript-heavy widgets (plain selects and date fields).
 */
import type { CategoryList, FeedbackList, PublicAreaList, PublicOrganisation, PublishedFeedback } from "@yhteys/contracts";
import { localize, publicStatuses } from "@yhteys/contracts/constants";
import { api } from "@yhteys/web";
import { type FormEvent, useEffect, useId, useState } from "react";
import { FeedbackMap } from "./FeedbackMap.tsx";
import { useI18n } from "./i18n.ts";
import { feedbackItemPath, feedbackPath, followLink, formPath } from "./router.ts";
import { useDocumentTitle } from "./useDocumentTitle.ts";
import "./feedback.css";

const PAGE_SIZE = 20;
const FILTERS = ["category", "area", "status", "from", "to"] as const;
type Filters = Record<(typeof FILTERS)[number], string> & { page: number };

function filtersFromUrl(): Filters {
  const q = new URLSearchParams(window.location.search);
  const get = (k: string) => q.get(k) ?? "";
  return {
    category: get("category"),
    area: get("area"),
    status: get("status"),
    from: get("from"),
    to: get("to"),
    page: Math.max(1, Number(q.get("page")) || 1),
  };
}

function searchOf(f: Filters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const k of FILTERS) if (f[k]) q.set(k, f[k]);
  if (f.page > 1) q.set("page", String(f.page));
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

export const feedApi = (org: string) => `/api/public/${encodeURIComponent(org)}/feedback`;

/** Category, area, status and dates of one item: shared by the list and the detail page. */
export function FeedbackFacts({ item }: { item: PublishedFeedback }) {
  const { t, language, formatDate } = useI18n();
  return (
    <p className="feedback-facts">
      <span className={`status-badge public-status-${item.status}`}>{t(`publicStatus.${item.status}`)}</span>{" "}
      <span>{localize(item.category.name, language)}</span>
      {item.area && <span> · {localize(item.area.name, language)}</span>}
      <span>
        {" "}
        · <time dateTime={item.createdAt}>{t("feedback.received", { date: formatDate(item.createdAt) })}</time>
      </span>
      {item.followers > 0 && (
        <span> · {item.followers === 1 ? t("feedback.followersOne") : t("feedback.followersMany", { count: item.followers })}</span>
      )}
    </p>
  );
}

export function FeedbackPage({ org, orgName }: { org: PublicOrganisation; orgName: string }) {
  const { t, language } = useI18n();
  const id = useId();
  useDocumentTitle(t("feedback.title"), orgName);
  const [filters, setFilters] = useState<Filters>(filtersFromUrl);
  const [draft, setDraft] = useState<Filters>(filters);
  const [list, setList] = useState<FeedbackList | null>(null);
  const [failed, setFailed] = useState(false);
  const [categories, setCategories] = useState<CategoryList["items"]>([]);
  const [areas, setAreas] = useState<PublicAreaList["items"]>([]);

  useEffect(() => {
    api<CategoryList>(`/api/public/${encodeURIComponent(org.slug)}/categories`)
      .then((c) => setCategories(c.items.filter((x) => x.selectable)))
      .catch(() => setCategories([]));
    api<PublicAreaList>(`${feedApi(org.slug)}/areas`)
      .then((a) => setAreas(a.items))
      .catch(() => setAreas([]));
  }, [org.slug]);

  useEffect(() => {
    let cancelled = false;
    setFailed(false);
    api<FeedbackList>(`${feedApi(org.slug)}?${searchOf(filters, { pageSize: String(PAGE_SIZE) })}`)
      .then((l) => !cancelled && setList(l))
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
    };
  }, [org.slug, filters]);

  const apply = (next: Filters) => {
    setFilters(next);
    setDraft(next);
    window.history.replaceState(null, "", feedbackPath(org.slug, searchOf(next)));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply({ ...draft, page: 1 });
  };
  const pages = list ? Math.max(1, Math.ceil(list.total / PAGE_SIZE)) : 1;
  const count = !list
    ? ""
    : list.total === 0
      ? t("feedback.countNone")
      : list.total === 1
        ? t("feedback.countOne")
        : t("feedback.countMany", { count: list.total });
  const select = (key: "category" | "area" | "status", label: string, options: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} className="input" value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}>
        <option value="">{t("feedback.all")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <div className="feedback-page">
      <h1 tabIndex={-1}>{t("feedback.title")}</h1>
      <p>{t("feedback.intro")}</p>
      <p>
        <a href={formPath(org.slug)} onClick={followLink}>
          {t("feedback.submitNew")}
        </a>
      </p>

      <form className="feedback-filters" onSubmit={submit} aria-labelledby={`${id}-filters`}>
        <h2 id={`${id}-filters`}>{t("feedback.filters")}</h2>
        <div className="feedback-filter-fields">
          {select(
            "category",
            t("feedback.category"),
            categories.map((c) => ({ value: c.id, label: localize(c.name, language) })),
          )}
          {select(
            "area",
            t("feedback.area"),
            areas.map((a) => ({ value: a.code, label: localize(a.name, language) })),
          )}
          {select(
            "status",
            t("feedback.status"),
            publicStatuses.map((s) => ({ value: s, label: t(`publicStatus.${s}`) })),
          )}
          <div className="field">
            <label htmlFor={`${id}-from`}>{t("feedback.from")}</label>
            <input
              id={`${id}-from`}
              className="input"
              type="date"
              value={draft.from}
              onChange={(e) => setDraft({ ...draft, from: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>{t("feedback.to")}</label>
            <input
              id={`${id}-to`}
              className="input"
              type="date"
              value={draft.to}
              onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            />
          </div>
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary">
            {t("feedback.apply")}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => apply({ category: "", area: "", status: "", from: "", to: "", page: 1 })}
          >
            {t("feedback.clear")}
          </button>
        </div>
      </form>

      <p role="status" className="feedback-count">
        {failed ? t("app.loadFailed") : list ? count : t("feedback.loading")}
      </p>

      <FeedbackMap org={org} query={searchOf({ ...filters, page: 1 })} />

      {list && list.items.length > 0 && (
        <ol className="feedback-list">
          {list.items.map((item) => (
            <li key={item.reference} className="feedback-item">
              <h2 className="feedback-item-title">
                <a href={feedbackItemPath(org.slug, item.reference)} onClick={followLink}>
                  {localize(item.category.name, language)}
                  {item.area ? `, ${localize(item.area.name, language)}` : ""}
                  <span className="feedback-reference"> {item.reference}</span>
                </a>
              </h2>
              <FeedbackFacts item={item} />
              <p className="prose feedback-text">{item.text}</p>
              {item.answer && (
                <div className="feedback-answer">
                  <h3>{t("feedback.answer")}</h3>
                  <p className="prose">{item.answer}</p>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}

      {list && pages > 1 && (
        <nav aria-label={t("feedback.pagination")} className="feedback-pages">
          <button
            type="button"
            className="button button-secondary"
            disabled={filters.page <= 1}
            onClick={() => apply({ ...filters, page: filters.page - 1 })}
          >
            {t("feedback.previous")}
          </button>
          <span>{t("feedback.page", { page: filters.page, pages })}</span>
          <button
            type="button"
            className="button button-secondary"
            disabled={filters.page >= pages}
            onClick={() => apply({ ...filters, page: filters.page + 1 })}
          >
            {t("feedback.next")}
          </button>
        </nav>
      )}

      <p className="feedback-feeds">
        {t("feedback.feeds")} <a href={`${feedApi(org.slug)}/feed.rss?lang=${language}`}>{t("feedback.rss")}</a> ·{" "}
        <a href={`${feedApi(org.slug)}/feed.json?lang=${language}`}>{t("feedback.jsonFeed")}</a>
      </p>
    </div>
  );
}
