/** The sidebar links to recording a contact and to one's own absence, for the roles that have them. */
import type { Role } from "@yhteys/contracts";
import { useI18n } from "./i18n.ts";
import { absencePath, newContactPath, onLinkClick, type Route } from "./router.ts";

/** Handlers record calls and visits (the server checks the same). */
export const mayRecord = (role: Role) => ["technical_admin", "content_admin", "service_advisor", "expert"].includes(role);
/** Roles that take tickets have absences and working hours. */
export const takesTickets = (role: Role) => !["viewer", "reporter", "internal_customer"].includes(role);

/** Which roles have the callback queue: those that see customers' contact details. */
export const hasCallbackQueue = (role: string) => ["technical_admin", "service_advisor", "content_admin", "expert"].includes(role);

export function IntakeNav({ role, route }: { role: Role; route: Route }) {
  const { t } = useI18n();
  if (!takesTickets(role)) return null;
  return (
    <nav aria-label={t("intake.nav")} className="views-nav">
      <ul className="queue-list">
        {mayRecord(role) && (
          <li>
            <a href={newContactPath()} onClick={onLinkClick} aria-current={route.name === "newContact" ? "page" : undefined}>
              <span className="queue-name">{t("record.nav")}</span>
            </a>
          </li>
        )}
        <li>
          <a href={absencePath()} onClick={onLinkClick} aria-current={route.name === "absence" ? "page" : undefined}>
            <span className="queue-name">{t("absence.nav")}</span>
          </a>
        </li>
      </ul>
    </nav>
  );
}
