/** An address that leads nowhere: an unknown organisation or an unknown page of a known one. */
import { useI18n } from "./i18n.ts";
import { followLink, formPath } from "./router.ts";
import { useDocumentTitle } from "./useDocumentTitle.ts";

export function NotFoundPage({ org, orgName }: { org: string | undefined; orgName?: string | undefined }) {
  const { t } = useI18n();
  useDocumentTitle(t("notFound.title"), orgName);
  return (
    <div className="narrow">
      <h1 tabIndex={-1}>{t("notFound.title")}</h1>
      <p>{org ? t("notFound.body") : t("notFound.orgBody")}</p>
      {org && (
        <p>
          <a href={formPath(org)} onClick={followLink}>
            {t("notFound.toForm")}
          </a>
        </p>
      )}
    </div>
  );
}
