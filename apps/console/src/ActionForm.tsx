/** Pieces of the ticket action forms: busy state and errors, the section, the error and the submit button. */
import type { Category, GroupSummary, TicketDetail } from "@yhteys/contracts";
import { type ReactNode, useState } from "react";
import * as api from "./api.ts";
import { errorText, name } from "./format.ts";
import { useI18n } from "./i18n.ts";

/** Called with the changed ticket, or null when the change took it out of the user's sight. */
export type Done = (ticket: TicketDetail | null, message: string) => void;

/** An action form's error: a message and the fields it concerns. */
export type FormErrorState = { text: string; fields: string[] } | null;

/** Busy state and errors of one action form. */
export function useAction() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormErrorState>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      const fields = e instanceof api.ApiError ? Object.entries(e.fieldErrors()).map(([k, v]) => `${k}: ${v}`) : [];
      setError({ text: errorText(t, e), fields });
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

/** The error (if any) and the submit button that end every action form. */
export function FormFooter(props: { error: FormErrorState; errorId: string; busy: boolean; label: string; primary?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <FormError error={props.error} id={props.errorId} />
      <button type="submit" className={`button ${props.primary ? "primary" : "secondary"}`} disabled={props.busy}>
        {props.busy ? t("common.saving") : props.label}
      </button>
    </>
  );
}

export function ActionSection({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <section className="action panel" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

export function FormError({ error, id }: { error: FormErrorState; id: string }) {
  return (
    <div role="alert" id={id} className={error ? "form-error" : undefined}>
      {error && (
        <>
          <p>{error.text}</p>
          {error.fields.length > 0 && (
            <ul>
              {error.fields.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

/** The selectable categories as options, grouped under their parents. */
export function CategoryOptions({ categories }: { categories: Category[] }) {
  const { language } = useI18n();
  const parents = categories.filter((c) => c.parentId === null);
  const leaves = (parentId: string) => categories.filter((c) => c.parentId === parentId && c.selectable);
  const orphans = categories.filter((c) => c.selectable && c.parentId !== null && !parents.some((p) => p.id === c.parentId));
  const option = (c: Category) => (
    <option key={c.id} value={c.id}>
      {name(c.name, language)}
    </option>
  );
  return (
    <>
      {parents.map((p) => {
        const children = leaves(p.id);
        if (!children.length) return p.selectable ? option(p) : null;
        return (
          <optgroup key={p.id} label={name(p.name, language)}>
            {children.map(option)}
          </optgroup>
        );
      })}
      {orphans.map(option)}
    </>
  );
}

/** The handler groups as options. */
export function GroupOptions({ groups }: { groups: GroupSummary[] }) {
  const { language } = useI18n();
  return (
    <>
      {groups.map((g) => (
        <option key={g.id} value={g.id}>
          {name(g.name, language)}
        </option>
      ))}
    </>
  );
}
