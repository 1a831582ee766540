/**
 * Service levels (technical admins): business calendars and SLA targets. Content admins choose
 * their own group's calendar on the groups page.
 */
import type { AdminCalendar } from "@yhteys/contracts";
import * as api from "../api.ts";
import { name } from "../format.ts";
import { useI18n } from "../i18n.ts";
import * as adminApi from "./adminApi.ts";
import { CalendarForm } from "./CalendarForm.tsx";
import { SlaPolicies } from "./SlaPolicies.tsx";
import { useAdminList, useAdminPage } from "./useAdminList.tsx";

const loadSettings = () =>
  Promise.all([adminApi.calendars(), adminApi.slaPolicies(), adminApi.groups(), api.directory()]).then(
    ([calendars, policies, groups, directory]) => ({
      calendars: calendars.items,
      policies: policies.items,
      groups: groups.items,
      categories: directory?.categories ?? [],
    }),
  );

export function ServiceLevelsView() {
  const { t, language } = useI18n();
  const list = useAdminList(loadSettings);
  const heading = useAdminPage(t("sla.title"), list.data !== null);
  const settings = list.data;
  const load = list.reload;

  const groupNames = (calendar: AdminCalendar) =>
    (settings?.groups ?? [])
      .filter((g) => calendar.groupIds.includes(g.id))
      .map((g) => name(g.name, language))
      .join(", ");

  return (
    <section className="admin-view" aria-labelledby="admin-sla-heading">
      <h1 id="admin-sla-heading" ref={heading} tabIndex={-1}>
        {t("sla.title")}
      </h1>
      <p className="muted">{t("sla.intro")}</p>
      {list.status}
      {settings && (
        <>
          <SlaPolicies policies={settings.policies} categories={settings.categories} onSaved={load} />
          <h2>{t("sla.calendars")}</h2>
          {settings.calendars.map((c) => (
            // Keyed by content too, so that a saved calendar's form starts from what was stored.
            <CalendarForm key={`${c.id}-${c.isDefault}`} calendar={c} groupNames={groupNames(c)} onSaved={load} />
          ))}
          <CalendarForm key={settings.calendars.length} groupNames="" onSaved={load} />
        </>
      )}
    </section>
  );
}
