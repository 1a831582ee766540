/**
 * The routed admin views, loaded lazily by `AdminRoutes` once the role's access to the page is
 * checked (the API checks again): the admin area stays out of the console's first load.
 */
// Registers the admin pages' texts when this chunk loads, before any page renders.
import "./admin.texts.ts";
import { AbsenceForm } from "../AbsenceForm.tsx";
import type { Route } from "../router.ts";
import type { AdminPage } from "./AdminRoutes.tsx";
import { AuditView } from "./AuditView.tsx";
import { CategoriesView } from "./CategoriesView.tsx";
import { ContentView } from "./ContentView.tsx";
import { GroupsView } from "./GroupsView.tsx";
import { IntegrationsView } from "./IntegrationsView.tsx";
import { MailboxesView } from "./MailboxesView.tsx";
import { MailView } from "./MailView.tsx";
import { RulesView } from "./RulesView.tsx";
import { ServiceLevelsView } from "./ServiceLevelsView.tsx";
import { TemplatesView } from "./TemplatesView.tsx";
import { ThemeView } from "./ThemeView.tsx";
import { TicketTypesView } from "./TicketTypesView.tsx";
import { UserForm } from "./UserForm.tsx";
import { UsersView } from "./UsersView.tsx";
import { WebhooksView } from "./WebhooksView.tsx";

/** The view of an admin page. */
export function AdminView({ page, route }: { page: AdminPage; route: Route }) {
  if (route.name === "adminUser")
    return (
      <>
        <UserForm key={route.userId} userId={route.userId} />
        {route.userId !== "new" && <AbsenceForm key={`absence-${route.userId}`} userId={route.userId} headingLevel={2} />}
      </>
    );
  if (page === "adminUsers") return <UsersView />;
  if (page === "adminGroups") return <GroupsView />;
  if (page === "adminServiceLevels") return <ServiceLevelsView />;
  if (page === "adminTicketTypes") return <TicketTypesView />;
  if (page === "adminCategories") return <CategoriesView />;
  if (page === "adminRules") return <RulesView />;
  if (page === "adminWebhooks") return <WebhooksView />;
  if (page === "adminContent") return <ContentView />;
  if (page === "adminIntegrations") return <IntegrationsView />;
  if (page === "adminMail") return <MailView />;
  if (page === "adminMailboxes") return <MailboxesView />;
  if (page === "adminTemplates") return <TemplatesView />;
  if (page === "adminAppearance") return <ThemeView />;
  return <AuditView />;
}
