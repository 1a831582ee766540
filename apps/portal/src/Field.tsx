/** Small building blocks shared by the form fields: hints, error messages and the required marker. */
import { useI18n } from "./i18n.ts";

/** Joins the ids of hints and messages for aria-describedby; undefined when there are none. */
export const describedBy = (...ids: (string | false | null | undefined)[]): string | undefined =>
  ids.filter(Boolean).join(" ") || undefined;

export const errorId = (key: string) => `${key}-error`;
export const hintId = (key: string) => `${key}-hint`;

export function ErrorMessage({ id, message }: { id: string; message: string | undefined }) {
  const { t } = useI18n();
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      <span className="visually-hidden">{t("errors.prefix")} </span>
      {message}
    </p>
  );
}

export function Hint({ id, children }: { id: string; children: string | undefined | null }) {
  if (!children) return null;
  return (
    <p id={id} className="hint">
      {children}
    </p>
  );
}

/** A visual asterisk; the inputs themselves carry `required` for assistive technology. */
export function Required() {
  return (
    <span className="required" aria-hidden="true">
      {" *"}
    </span>
  );
}

/** Moves focus to a field (or the first sensible input of a group) and brings its label into view. */
export function focusField(id: string) {
  const element = document.getElementById(id);
  if (!element) return;
  const input =
    element instanceof HTMLInputElement ||
    element instanceof HTMLTextAreaElement ||
    element instanceof HTMLSelectElement ||
    element instanceof HTMLButtonElement
      ? element
      : (element.querySelector<HTMLElement>("input:checked") ??
        element.querySelector<HTMLElement>("input[type=radio], input[type=checkbox]") ??
        element.querySelector<HTMLElement>("input, select, textarea"));
  const container = element.closest(".field, fieldset") ?? element;
  container.scrollIntoView({ block: "start" });
  (input ?? element).focus({ preventScroll: true });
}
