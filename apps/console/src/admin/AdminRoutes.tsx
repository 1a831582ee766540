/**
 * The admin pages in the console: navigation links for the roles that may use them (technical
 * admins: users, groups, service levels, ticket types and workflows, categories, rules, audit log, webhooks, integrations, email, mailboxes, reply templates, appearance; content admins: their
 * groups, their groups' categories and reply templates) and the routed views.
 */
import type { Role } from "@yhteys/contracts";
import "./admin.css";
import { useI18n } from "../i18n.ts";
import { lazyView } from "../lazyView.tsx";
import { adminPath, onLinkClick, type Route } from "../router.ts";

/** The admin pages are one chunk of their own, loaded when an admin first opens one (under the Suspense boundary in Console.tsx). */
const AdminView = lazyView(() => import("./AdminPages.tsx"), "AdminView");

export type AdminPage =
  | "adminUsers"
  | "adminGroups"
  | "adminServiceLevels"
  | "adminTicketTypes"
  | "adminCategories"
  | "adminRules"
  | "adminAudit"
  | "adminWebhooks"
  | "adminContent"
  | "adminIntegrations"
  | "adminMail"
  | "adminMailboxes"
  | "adminTemplates"
  | "adminAppearance";

const pagesOf = (role: Role): AdminPage[] =>
  role === "technical_admin"
    ? [
        "adminUsers",
        "adminGroups",
        "adminServiceLevels",
        "adminTicketTypes",
        "adminCategories",
        "adminRules",
        "adminAudit",
        "adminWebhooks",
        "adminContent",
        "adminIntegrations",
        "adminMail",
        "adminMailboxes",
        "adminTemplates",
        "adminAppearance",
      ]
    : role === "content_admin"
      ? ["adminGroups", "adminCategories", "adminContent", "adminTemplates"]
      : [];

const pathOf = {
  adminUsers: "users",
  adminGroups: "groups",
  adminServiceLevels: "service-levels",
  adminTicketTypes: "ticket-types",
  adminCategories: "categories",
  adminRules: "rules",
  adminAudit: "audit",
  adminWebhooks: "webhooks",
  adminContent: "content",
  adminIntegrations: "integrations",
  adminMail: "mail",
  adminMailboxes: "mailboxes",
  adminTemplates: "templates",
  adminAppearance: "appearance",
} as const satisfies Record<AdminPage, string>;

/** The "Ylläpito" navigation under the queues, with the pages the role may use. */
export function AdminNav({ role, route }: { role: Role; route: Route }) {
  const { t } = useI18n();
  const pages = pagesOf(role);
  if (!pages.length) return null;
  const current = route.name === "adminUser" ? "adminUsers" : route.name;
  return (
    <nav aria-labelledby="admin-nav-heading" className="admin-nav">
      <h2 id="admin-nav-heading">{t("admin.nav")}</h2>
      <ul className="queue-list">
        {pages.map((page) => (
          <li key={page}>
            <a href={adminPath(pathOf[page])} onClick={onLinkClick} aria-current={current === page ? "page" : undefined}>
              <span className="queue-name">{t(`admin.nav.${pathOf[page]}`)}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const isAdminPage = (name: string): name is AdminPage => name in pathOf;

/** The admin view of the route, if the role may see it (the API checks again). */
export function AdminRoutes({ role, route }: { role: Role; route: Route }) {
  const { t } = useI18n();
  const pages = pagesOf(role);
  const page = route.name === "adminUser" ? "adminUsers" : route.name;
  if (!isAdminPage(page)) return null;
  if (!pages.includes(page)) return <h1>{t("error.forbidden")}</h1>;
  return <AdminView page={page} route={route} />;
}
