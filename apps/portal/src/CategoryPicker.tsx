/**
 * The two-level category choice: top-level groups as fieldsets with their leaf categories as radio
 * buttons, and a text filter that narrows the list by name, description or search word.
 */
import type { Category, Language } from "@yhteys/contracts";
import { localize } from "@yhteys/contracts/constants";
import { useMemo, useState } from "react";
import { describedBy, ErrorMessage, errorId, Hint, hintId, Required } from "./Field.tsx";
import { useI18n } from "./i18n.ts";

type Group = { id: string; name: string; leaves: Category[] };

/** Groups leaf categories under their top-level parent, keeping the server's order. */
function categoryTree(categories: Category[], language: Language): Group[] {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const groups = new Map<string, Group>();
  const topOf = (c: Category): Category => {
    let current = c;
    for (let guard = 0; current.parentId && guard < 10; guard++) {
      const parent = byId.get(current.parentId);
      if (!parent) break;
      current = parent;
    }
    return current;
  };
  for (const c of categories) if (!c.parentId) groups.set(c.id, { id: c.id, name: localize(c.name, language), leaves: [] });
  for (const c of categories) {
    if (!c.selectable) continue;
    const top = topOf(c);
    const group = groups.get(top.id) ?? { id: top.id, name: localize(top.name, language), leaves: [] };
    if (top.id === c.id) group.name = "";
    group.leaves.push(c);
    groups.set(group.id, group);
  }
  return [...groups.values()].filter((g) => g.leaves.length > 0);
}

const normalise = (s: string) => s.toLocaleLowerCase().normalize("NFC");

export function CategoryPicker({
  categories,
  value,
  onChange,
  error,
}: {
  categories: Category[];
  value: string;
  onChange: (id: string) => void;
  error: string | undefined;
}) {
  const { t, language } = useI18n();
  const [filter, setFilter] = useState("");
  const tree = useMemo(() => categoryTree(categories, language), [categories, language]);
  const query = normalise(filter.trim());
  const visible = tree
    .map((group) => {
      if (!query || normalise(group.name).includes(query)) return group;
      const leaves = group.leaves.filter((c) =>
        [c.name[language], c.name.fi, c.description?.[language], c.description?.fi, ...c.keywords].some(
          (text) => text && normalise(text).includes(query),
        ),
      );
      return { ...group, leaves };
    })
    .filter((group) => group.leaves.length > 0);
  const count = visible.reduce((n, g) => n + g.leaves.length, 0);
  const countText = !query
    ? ""
    : count === 0
      ? t("category.foundNone")
      : count === 1
        ? t("category.foundOne")
        : t("category.foundMany", { count });

  return (
    <fieldset
      id="category"
      className={`field${error ? " field-invalid" : ""}`}
      aria-describedby={describedBy(error && errorId("category"))}
    >
      <legend className="legend-large">
        {t("category.legend")}
        <Required />
      </legend>
      <ErrorMessage id={errorId("category")} message={error} />
      <div className="field category-filter">
        <label htmlFor="category-filter">{t("category.filterLabel")}</label>
        <Hint id={hintId("category-filter")}>{t("category.filterHint")}</Hint>
        <input
          id="category-filter"
          type="search"
          className="input"
          value={filter}
          autoComplete="off"
          aria-describedby={describedBy(hintId("category-filter"), "category-filter-count")}
          onChange={(event) => setFilter(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") event.preventDefault();
          }}
        />
        <p id="category-filter-count" className="filter-count" role="status">
          {countText}
        </p>
      </div>
      <div className="category-groups">
        {visible.map((group) => (
          <fieldset key={group.id} className="category-group">
            {group.name && <legend>{group.name}</legend>}
            <div className="choices">
              {group.leaves.map((c) => (
                <div className="choice" key={c.id}>
                  <input
                    type="radio"
                    id={`category-${c.id}`}
                    name="category"
                    value={c.id}
                    checked={value === c.id}
                    required
                    aria-invalid={error ? true : undefined}
                    onChange={() => onChange(c.id)}
                  />
                  <label htmlFor={`category-${c.id}`}>{localize(c.name, language)}</label>
                </div>
              ))}
            </div>
          </fieldset>
        ))}
      </div>
    </fieldset>
  );
}

/** The chosen category with its group and description, shown under the picker. */
export function ChosenCategory({ categories, category }: { categories: Category[]; category: Category }) {
  const { t, language } = useI18n();
  const parent = categories.find((c) => c.id === category.parentId);
  return (
    <div className="chosen-category" aria-live="polite">
      <p className="chosen-category-name">
        <span className="chosen-category-label">{t("category.selected")}: </span>
        {parent ? `${localize(parent.name, language)} › ` : ""}
        {localize(category.name, language)}
      </p>
      {category.description && <p className="chosen-category-description">{localize(category.description, language)}</p>}
    </div>
  );
}
