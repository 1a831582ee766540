/**
 * Integrations for technical admins: API clients with their permissions (the key is shown once),
 * inbound channels with their JSON-pointer mapping (the secret is shown once), and routing
 * categories to external Open311 systems (the api key is write-only).
 */
import { useI18n } from "../i18n.ts";
import { ClientsSection } from "./ApiClientsSection.tsx";
import { ChannelsSection } from "./ChannelsSection.tsx";
import * as api from "./integrationsApi.ts";
import { RoutesSection } from "./Open311RoutesSection.tsx";
import { useAdminList, useAdminPage } from "./useAdminList.tsx";

const loadIntegrations = () =>
  Promise.all([api.apiClients(), api.channels(), api.open311Routes()]).then(([clients, channels, routes]) => ({
    clients: clients.items,
    channels: channels.items,
    routes: routes.items,
  }));

export function IntegrationsView() {
  const { t } = useI18n();
  const list = useAdminList(loadIntegrations);
  const heading = useAdminPage(t("integrations.title"), list.data !== null);
  const lists = list.data;

  return (
    <section className="admin-view" aria-labelledby="admin-integrations-heading">
      <h1 id="admin-integrations-heading" ref={heading} tabIndex={-1}>
        {t("integrations.title")}
      </h1>
      <p className="muted">{t("integrations.intro")}</p>
      {list.status}
      {lists && (
        <>
          <ClientsSection items={lists.clients} onChanged={list.reload} />
          <ChannelsSection items={lists.channels} onChanged={list.reload} />
          <RoutesSection items={lists.routes} onChanged={list.reload} />
        </>
      )}
    </section>
  );
}
