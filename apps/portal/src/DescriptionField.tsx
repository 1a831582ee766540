/**
 * The message itself, with a character count that is announced only when the limit gets near. The
 * contact form's description by default; the tracking page's reply passes its own id and texts.
 */
import { useEffect, useState } from "react";
import { describedBy, ErrorMessage, errorId, Hint, hintId, Required } from "./Field.tsx";
import { useI18n } from "./i18n.ts";
import { DESCRIPTION_MAX } from "./validation.ts";

/** Below this many characters left, the count is read out to screen-reader users too. */
const ANNOUNCE_BELOW = 500;

export function DescriptionField({
  id = "description",
  label,
  hint,
  value,
  onChange,
  error,
}: {
  id?: string;
  label?: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const { t, formatNumber } = useI18n();
  const countId = `${id}-count`;
  const left = DESCRIPTION_MAX - value.length;
  const countText =
    left >= 0 ? t("description.remaining", { count: formatNumber(left) }) : t("description.over", { count: formatNumber(-left) });
  const [announced, setAnnounced] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setAnnounced(left < ANNOUNCE_BELOW ? countText : ""), 1000);
    return () => clearTimeout(timer);
  }, [left, countText]);

  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id} className="label-large">
        {label ?? t("description.label")}
        <Required />
      </label>
      <Hint id={hintId(id)}>{hint ?? t("description.hint")}</Hint>
      <ErrorMessage id={errorId(id)} message={error} />
      <textarea
        id={id}
        name={id}
        className="input"
        rows={7}
        required
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId(id), error && errorId(id), countId)}
        onChange={(event) => onChange(event.target.value)}
      />
      <p id={countId} className={`char-count${left < 0 ? " char-count-over" : ""}`}>
        {countText}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {announced}
      </p>
    </div>
  );
}
