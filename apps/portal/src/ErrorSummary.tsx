/** The list of problems at the top of the form (GOV.UK pattern): it takes focus and links to each field. */
import type { Ref } from "react";
import { focusField } from "./Field.tsx";
import { useI18n } from "./i18n.ts";
import type { FormError } from "./validation.ts";

export function ErrorSummary({ errors, ref }: { errors: FormError[]; ref: Ref<HTMLDivElement> }) {
  const { t } = useI18n();
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t("errors.summaryTitle")}</h2>
      <ul>
        {errors.map((error) => (
          <li key={error.key}>
            <a
              href={`#${error.target}`}
              onClick={(event) => {
                event.preventDefault();
                focusField(error.target);
              }}
            >
              {error.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
