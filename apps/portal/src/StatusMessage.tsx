/** Loading and load-failure states of a whole page. */
import { useI18n } from "./i18n.ts";

export function StatusMessage({ kind, onRetry }: { kind: "loading" | "failed"; onRetry?: () => void }) {
  const { t } = useI18n();
  if (kind === "loading")
    return (
      <div className="page-status" role="status">
        <p>{t("app.loading")}</p>
      </div>
    );
  return (
    <div className="page-status">
      <h1 tabIndex={-1}>{t("app.loadFailed")}</h1>
      {onRetry && (
        <button type="button" className="button button-primary" onClick={onRetry}>
          {t("app.retry")}
        </button>
      )}
    </div>
  );
}
