/**
 * A category being created or edited: names and descriptions per language, code, parent,
 * default type and group, search words, whether it is in use, and its extra fields. A content
 * admin sees only the texts, search words and extra fields. Server errors are shown next to the
 * fields (by their API path) and in the error summary.
 */
import type { AdminCategory, CategoryUpdate, GroupSummary, TicketType } from "@yhteys/contracts";
import { localize, ticketTypes } from "@yhteys/contracts/constants";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { ApiError } from "../api.ts";
import { useConsole } from "../Console.tsx";
import { typeName } from "../format.ts";
import { useI18n } from "../i18n.ts";
import {
  CheckboxField,
  ErrorSummary,
  FieldNotes,
  fromDraft,
  type NameDraft,
  notesOf,
  problemText,
  SelectField,
  type SubmitError,
  TextField,
  toDraft,
} from "./AdminForm.tsx";
import * as adminApi from "./adminApi.ts";
import { labelOf, messageOf, referenceName } from "./categoryErrors.ts";
import {
  controlId,
  ExtraFieldsEditor,
  ExtraFieldsPreview,
  type FieldDraft,
  fromFieldDraft,
  LanguageFields,
  toFieldDraft,
} from "./ExtraFieldsEditor.tsx";

export type CategoryTarget = { kind: "edit"; id: string } | { kind: "new"; parentId: string | null };

const languages = ["fi", "sv", "en"] as const;

type Draft = {
  name: NameDraft;
  description: NameDraft;
  code: string;
  parentId: string;
  defaultType: TicketType;
  defaultGroupId: string;
  keywords: string;
  active: boolean;
  fields: FieldDraft[];
};

function draftOf(category: AdminCategory | undefined, parentId: string | null, parent: AdminCategory | undefined): Draft {
  return {
    name: toDraft(category?.name),
    description: toDraft(category?.description),
    code: category?.code ?? "",
    parentId: category?.parentId ?? parentId ?? "",
    defaultType: category?.defaultType ?? parent?.defaultType ?? "feedback",
    defaultGroupId: category?.defaultGroupId ?? parent?.defaultGroupId ?? "",
    keywords: category?.keywords.join(", ") ?? "",
    active: category?.active ?? true,
    fields: (category?.extraFields ?? []).map(toFieldDraft),
  };
}

/** The categories a category may move under: none of its own subtree. */
function parentChoices(categories: AdminCategory[], self: string | undefined) {
  const inSubtree = (c: AdminCategory): boolean => {
    for (let at: AdminCategory | undefined = c, guard = 0; at && guard < 50; guard++) {
      if (at.id === self) return true;
      const parentId: string | null = at.parentId;
      at = categories.find((p) => p.id === parentId);
    }
    return false;
  };
  const depth = (c: AdminCategory) => {
    let n = 0;
    for (let p = c.parentId; p && n < 50; p = categories.find((x) => x.id === p)?.parentId ?? null) n++;
    return n;
  };
  const ordered: AdminCategory[] = [];
  const walk = (parentId: string | null) => {
    for (const c of categories.filter((x) => x.parentId === parentId)) {
      if (self && inSubtree(c)) continue;
      ordered.push(c);
      walk(c.id);
    }
  };
  walk(null);
  return ordered.map((c) => ({ category: c, depth: depth(c) }));
}

/** A select of one of the organisation's rows (or none), with its error by API path. */
function ReferenceSelect(props: {
  path: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  none: string;
  choices: { id: string; name: string }[];
}) {
  const notes = { id: controlId(props.path), error: props.error };
  return (
    <div className="field">
      <label htmlFor={notes.id}>{props.label}</label>
      <FieldNotes {...notes} />
      <select
        id={notes.id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={notesOf(notes)}
      >
        <option value="">{props.none}</option>
        {props.choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CategoryForm(props: {
  target: CategoryTarget;
  categories: AdminCategory[];
  groups: GroupSummary[];
  onSaved: (category: AdminCategory) => void;
  onDeleted: () => void;
}) {
  const { t, language } = useI18n();
  const { announce, session } = useConsole();
  const { target, categories, groups } = props;
  const category = target.kind === "edit" ? categories.find((c) => c.id === target.id) : undefined;
  const newParent = target.kind === "new" && target.parentId ? categories.find((c) => c.id === target.parentId) : undefined;
  const [draft, setDraft] = useState(() => draftOf(category, target.kind === "new" ? target.parentId : null, newParent));
  const [error, setError] = useState<SubmitError | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const technical = session.user.role === "technical_admin";
  const manage = technical;
  const nameOf = (c: AdminCategory) => localize(c.name, language);
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const errorAt = (path: string) => error?.fields[path];

  useEffect(() => {
    heading.current?.focus();
  }, []);

  const fail = (e: unknown) => {
    const errors = e instanceof ApiError ? (e.problem?.errors ?? []) : [];
    // A refused delete names what refers to the category.
    const refs = errors.filter((x) => x.path === "category").map((x) => referenceName(t, x.message));
    if (refs.length) return setError({ text: t("categories.inUse", { what: refs.join(", ") }), fields: {} });
    const fields = Object.fromEntries(errors.map((x) => [x.path.replace(/^body\./, ""), messageOf(t, x.message)]));
    setError({ text: errors.length ? t("error.validation") : problemText(t, e), fields });
  };

  const body = () => {
    const texts = {
      name: fromDraft(draft.name),
      description: languages.some((l) => draft.description[l].trim()) ? fromDraft(draft.description) : null,
      keywords: draft.keywords
        .split(",")
        .map((w) => w.trim())
        .filter(Boolean),
      extraFields: draft.fields.map(fromFieldDraft),
    };
    if (!manage) return texts;
    return {
      ...texts,
      code: draft.code.trim(),
      parentId: draft.parentId || null,
      defaultType: draft.defaultType,
      defaultGroupId: draft.defaultGroupId || null,
      active: draft.active,
    };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid: Record<string, string> = {};
    if (!draft.name.fi.trim()) invalid["name.fi"] = t("admin.required");
    if (manage && !draft.code.trim()) invalid.code = t("admin.required");
    if (Object.keys(invalid).length) return setError({ text: t("error.validation"), fields: invalid });
    setError(null);
    setBusy(true);
    try {
      const saved = category
        ? await adminApi.updateCategory(category.id, body() as CategoryUpdate)
        : await adminApi.createCategory(body() as Parameters<typeof adminApi.createCategory>[0]);
      announce(t(category ? "categories.saved" : "categories.created", { name: nameOf(saved) }));
      props.onSaved(saved);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!category) return;
    setError(null);
    setBusy(true);
    try {
      await adminApi.deleteCategory(category.id);
      announce(t("categories.deleted", { name: nameOf(category) }));
      props.onDeleted();
    } catch (e) {
      fail(e);
      setBusy(false);
    }
  };

  const summaryFields = Object.fromEntries(
    Object.keys(error?.fields ?? {}).map((path) => [path, { id: controlId(path), label: labelOf(t, path) }]),
  );
  const title = category
    ? t("categories.editHeading", { name: nameOf(category) })
    : newParent
      ? t("categories.newUnder", { parent: nameOf(newParent) })
      : t("categories.newHeading");
  const becomesGroup = newParent && newParent.ticketCount > 0 && !categories.some((c) => c.parentId === newParent.id);

  return (
    <section className="panel" aria-labelledby="category-form-heading">
      <h2 id="category-form-heading" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {becomesGroup && <p className="notice">{t("categories.becomesGroup", { name: nameOf(newParent), count: newParent.ticketCount })}</p>}
      {category && category.ticketCount > 0 && <p className="hint">{t("categories.hasTickets", { count: category.ticketCount })}</p>}
      {!manage && <p className="hint">{t("categories.textsOnly")}</p>}
      <ErrorSummary error={error} fields={summaryFields} />
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t("categories.names")}</legend>
          <LanguageFields
            path="name"
            label={(l) => t(`admin.groupName.${l}`)}
            value={draft.name}
            onChange={(name) => set({ name })}
            error={errorAt}
          />
        </fieldset>
        <fieldset>
          <legend>{t("categories.descriptions")}</legend>
          <p className="hint">{t("categories.descriptionHint")}</p>
          {languages.map((l) => {
            const notes = { id: controlId(`description.${l}`), error: errorAt(`description.${l}`) };
            return (
              <div className="field" key={l}>
                <label htmlFor={notes.id}>
                  {t(`categories.description.${l}`)}
                  <span className="optional"> ({t("admin.optional")})</span>
                </label>
                <FieldNotes {...notes} />
                <textarea
                  id={notes.id}
                  rows={2}
                  value={draft.description[l]}
                  onChange={(e) => set({ description: { ...draft.description, [l]: e.target.value } })}
                  aria-invalid={notes.error ? true : undefined}
                  aria-describedby={notesOf(notes)}
                />
              </div>
            );
          })}
        </fieldset>
        {manage && (
          <fieldset>
            <legend>{t("categories.settings")}</legend>
            <TextField
              id={controlId("code")}
              label={t("categories.code")}
              hint={t("categories.codeHint")}
              value={draft.code}
              onChange={(code) => set({ code })}
              error={errorAt("code")}
              required
            />
            <ReferenceSelect
              path="parentId"
              label={t("categories.parent")}
              value={draft.parentId}
              onChange={(parentId) => set({ parentId })}
              error={errorAt("parentId")}
              none={t("categories.top")}
              choices={parentChoices(categories, category?.id).map(({ category: c, depth }) => ({
                id: c.id,
                name: `${"– ".repeat(depth)}${nameOf(c)}`,
              }))}
            />
            <SelectField
              id={controlId("defaultType")}
              label={t("categories.defaultType")}
              value={draft.defaultType}
              values={ticketTypes}
              optionLabel={(v) => typeName(t, v)}
              onChange={(defaultType) => set({ defaultType })}
            />
            <ReferenceSelect
              path="defaultGroupId"
              label={t("categories.defaultGroup")}
              value={draft.defaultGroupId}
              onChange={(defaultGroupId) => set({ defaultGroupId })}
              error={errorAt("defaultGroupId")}
              none={t("categories.defaultGroupNone")}
              choices={groups.map((g) => ({ id: g.id, name: localize(g.name, language) }))}
            />
            <CheckboxField
              id={controlId("active")}
              label={t("categories.active")}
              checked={draft.active}
              onChange={(active) => set({ active })}
            />
          </fieldset>
        )}
        <TextField
          id={controlId("keywords")}
          label={t("categories.keywords")}
          hint={t("categories.keywordsHint")}
          value={draft.keywords}
          onChange={(keywords) => set({ keywords })}
          error={errorAt("keywords")}
        />
        <ExtraFieldsEditor fields={draft.fields} onChange={(fields) => set({ fields })} error={errorAt} />
        <ExtraFieldsPreview fields={draft.fields} />
        <div className="button-row">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t("common.saving") : t(category ? "categories.save" : "categories.create")}
          </button>
          {category && manage && (
            <button type="button" className="button secondary" disabled={busy} onClick={remove} aria-describedby="category-delete-hint">
              {t("categories.delete")}
            </button>
          )}
        </div>
        {category && manage && (
          <p className="hint" id="category-delete-hint">
            {t("categories.deleteHint")}
          </p>
        )}
      </form>
    </section>
  );
}
