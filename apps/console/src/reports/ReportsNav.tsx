/** The sidebar link to the reports page, for the roles that read reports (the server checks the same). */
import type { Role } from "@yhteys/contracts";
import { useI18n } from "../i18n.ts";
import { onLinkClick, type Route, reportsPath } from "../router.ts";

/** Technical admins, content admins (their groups' figures), service advisors and reporters read reports. */
export const readsReports = (role: Role) => ["technical_admin", "content_admin", "service_advisor", "reporter"].includes(role);

export function ReportsNav({ role, route }: { role: Role; route: Route }) {
  const { t } = useI18n();
  if (!readsReports(role)) return null;
  return (
    <nav aria-label={t("reports.nav")} className="views-nav">
      <ul className="queue-list">
        <li>
          <a href={reportsPath()} onClick={onLinkClick} aria-current={route.name === "reports" ? "page" : undefined}>
            <span className="queue-name">{t("reports.nav")}</span>
          </a>
        </li>
      </ul>
    </nav>
  );
}
