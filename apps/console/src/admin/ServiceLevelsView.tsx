/**
 * Service levels (technical admins): business calendars and SLA targets. Content admins choose
 * their own group's calendar on the groups page.
 */
import type { AdminCalendar, AdminGroup, Category, SlaPolicy } from "@yhteys/contracts";
import { useCallback, useEffect, useRef, useState } from "react";
import * as api from "../api.ts";
import { useFocusOnNavigation } from "../focus.ts";
import { errorText, name } from "../format.ts";
import { useI18n } from "../i18n.ts";
import * as adminApi from "./adminApi.ts";
import { CalendarForm } from "./CalendarForm.tsx";
import { SlaPolicies } from "./SlaPolicies.tsx";

type Settings = { calendars: AdminCalendar[]; policies: SlaPolicy[]; groups: AdminGroup[]; categories: Category[] };

export function ServiceLevelsView() {
  const { t, language } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useFocusOnNavigation(heading, settings !== null);

  useEffect(() => {
    document.title = `${t("sla.title")} – ${t("app.name")}`;
  }, [t]);
  const load = useCallback(() => {
    Promise.all([adminApi.calendars(), adminApi.slaPolicies(), adminApi.groups(), api.directory()])
      .then(([calendars, policies, groups, directory]) =>
        setSettings({
          calendars: calendars.items,
          policies: policies.items,
          groups: groups.items,
          categories: directory?.categories ?? [],
        }),
      )
      .catch((e) => setError(errorText(t, e)));
  }, [t]);
  useEffect(load, [load]);

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
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {settings === null ? (
        <p className="muted">{t("app.loading")}</p>
      ) : (
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
