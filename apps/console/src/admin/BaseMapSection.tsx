/**
 * The portal's base map (technical admins): a raster tile template in Web Mercator or ETRS-TM35FIN,
 * its attribution and, for a service whose grid is not the JHS 180 one, its tile matrix.
 * An empty template removes the organisation's own map (the installation's MAP_* settings apply).
 */
import { type MapCrs, type MapSource, mapCrses } from "@yhteys/contracts";
import { type FormEvent, useEffect, useId, useState } from "react";
import { useConsole } from "../Console.tsx";
import { useI18n } from "../i18n.ts";
import { ErrorSummary, SelectField, TextField, useSubmit } from "./AdminForm.tsx";
import * as adminApi from "./adminApi.ts";

type Draft = { crs: MapCrs; tileUrl: string; attribution: string; origin: string; resolutions: string };

const toDraft = (s: MapSource): Draft => ({
  crs: s.crs,
  tileUrl: s.tileUrl ?? "",
  attribution: s.attribution ?? "",
  origin: s.tileMatrix?.origin.join(", ") ?? "",
  resolutions: s.tileMatrix?.resolutions.join(", ") ?? "",
});

/** "8192, 4096 2048" → [8192, 4096, 2048]; the server says what is wrong with the numbers. */
const numbers = (text: string) =>
  text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(Number);

const fromDraft = (d: Draft): MapSource => ({
  crs: d.crs,
  tileUrl: d.tileUrl.trim() || null,
  attribution: d.attribution.trim() || null,
  tileMatrix:
    d.crs === "EPSG:3067" && (d.origin.trim() || d.resolutions.trim())
      ? { origin: numbers(d.origin) as [number, number], resolutions: numbers(d.resolutions) }
      : null,
});

export function BaseMapSection() {
  const { t } = useI18n();
  const { announce } = useConsole();
  const prefix = useId();
  const [draft, setDraft] = useState<Draft | null>(null);
  const { busy, error, run } = useSubmit();
  useEffect(() => {
    adminApi
      .mapSource()
      .then((s) => setDraft(toDraft(s)))
      .catch(() => setDraft(toDraft({ crs: "EPSG:3857", tileUrl: null, attribution: null, tileMatrix: null })));
  }, []);
  const ids = {
    crs: `${prefix}crs`,
    tileUrl: `${prefix}url`,
    attribution: `${prefix}attribution`,
    origin: `${prefix}origin`,
    resolutions: `${prefix}res`,
  };
  const fields = {
    crs: { id: ids.crs, label: t("basemap.crs") },
    tileUrl: { id: ids.tileUrl, label: t("basemap.tileUrl") },
    attribution: { id: ids.attribution, label: t("basemap.attribution") },
    origin: { id: ids.origin, label: t("basemap.origin") },
    resolutions: { id: ids.resolutions, label: t("basemap.resolutions") },
    tileMatrix: { id: ids.resolutions, label: t("basemap.resolutions") },
  };
  const set = (change: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...change } : d));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    void run(async () => {
      setDraft(toDraft(await adminApi.setMapSource(fromDraft(draft))));
      announce(t("basemap.saved"));
    });
  };
  return (
    <section className="panel" aria-labelledby={`${prefix}heading`}>
      <h2 id={`${prefix}heading`}>{t("basemap.title")}</h2>
      <p className="muted">{t("basemap.intro")}</p>
      <ErrorSummary error={error} fields={fields} />
      {draft && (
        <form onSubmit={submit} noValidate>
          <SelectField
            id={ids.crs}
            label={t("basemap.crs")}
            value={draft.crs}
            values={mapCrses}
            optionLabel={(crs) => t(crs === "EPSG:3067" ? "basemap.crs3067" : "basemap.crs3857")}
            onChange={(crs) => set({ crs })}
          />
          <TextField
            id={ids.tileUrl}
            label={t("basemap.tileUrl")}
            hint={t(draft.crs === "EPSG:3067" ? "basemap.tileUrlHint3067" : "basemap.tileUrlHint3857")}
            value={draft.tileUrl}
            onChange={(tileUrl) => set({ tileUrl })}
            error={error?.fields.tileUrl}
          />
          <TextField
            id={ids.attribution}
            label={t("basemap.attribution")}
            hint={t("basemap.attributionHint")}
            value={draft.attribution}
            onChange={(attribution) => set({ attribution })}
            error={error?.fields.attribution}
          />
          {draft.crs === "EPSG:3067" && (
            <>
              <TextField
                id={ids.origin}
                label={t("basemap.origin")}
                hint={t("basemap.originHint")}
                value={draft.origin}
                onChange={(origin) => set({ origin })}
                error={error?.fields.origin}
              />
              <TextField
                id={ids.resolutions}
                label={t("basemap.resolutions")}
                hint={t("basemap.resolutionsHint")}
                value={draft.resolutions}
                onChange={(resolutions) => set({ resolutions })}
                error={error?.fields.resolutions ?? error?.fields.tileMatrix}
              />
            </>
          )}
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t("common.saving") : t("content.save")}
          </button>
        </form>
      )}
    </section>
  );
}
