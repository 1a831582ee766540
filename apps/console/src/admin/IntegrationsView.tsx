/**
 * Integrations for technical admins: API clients with their permissions (the key is shown once),
 * inbound channels with their JSON-pointer mapping (the secret is shown once), and routing
 * categories to external Open311 systems (the api key is write-only).
 */
import type { ApiClient, InboundChannel, Open311Route } from "@yhteys/contracts";
import { useCallback, useEffect, useRef, useState } from "react";
import { useFocusOnNavigation } from "../focus.ts";
import { errorText } from "../format.ts";
import { useI18n } from "../i18n.ts";
import { ClientsSection } from "./ApiClientsSection.tsx";
import { ChannelsSection } from "./ChannelsSection.tsx";
import * as api from "./integrationsApi.ts";
import { RoutesSection } from "./Open311RoutesSection.tsx";

type Lists = { clients: ApiClient[]; channels: InboundChannel[]; routes: Open311Route[] };

export function IntegrationsView() {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const [lists, setLists] = useState<Lists | null>(null);
  const [error, setError] = useState<string | null>(null);
  useFocusOnNavigation(heading, lists !== null);
  useEffect(() => {
    document.title = `${t("integrations.title")} – ${t("app.name")}`;
  }, [t]);
  const load = useCallback(() => {
    Promise.all([api.apiClients(), api.channels(), api.open311Routes()])
      .then(([c, ch, r]) => setLists({ clients: c.items, channels: ch.items, routes: r.items }))
      .catch((e) => setError(errorText(t, e)));
  }, [t]);
  useEffect(load, [load]);

  return (
    <section className="admin-view" aria-labelledby="admin-integrations-heading">
      <h1 id="admin-integrations-heading" ref={heading} tabIndex={-1}>
        {t("integrations.title")}
      </h1>
      <p className="muted">{t("integrations.intro")}</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {lists === null ? (
        <p className="muted">{t("app.loading")}</p>
      ) : (
        <>
          <ClientsSection items={lists.clients} onChanged={load} />
          <ChannelsSection items={lists.channels} onChanged={load} />
          <RoutesSection items={lists.routes} onChanged={load} />
        </>
      )}
    </section>
  );
}
