/**
 * The notices that match what the resident has chosen on the form (a category, a place): "we
 * already know about the water outage in Hervanta". Announced politely by screen readers; the
 * form stays fully usable and sendable.
 */
import type { GeoPoint, PublicNotice, PublicNoticeList } from "@yhteys/contracts";
import { localize } from "@yhteys/contracts/constants";
import { api } from "@yhteys/web";
import { useEffect, useState } from "react";
import { useI18n } from "./i18n.ts";
import { RichText } from "./RichText.tsx";

/** The current notices that match the category and point; none until one of them is chosen. */
export function useMatchingNotices(org: string, categoryId: string, location: GeoPoint | null): PublicNotice[] {
  const [notices, setNotices] = useState<PublicNotice[]>([]);
  const lat = location?.lat;
  const lon = location?.lon;
  useEffect(() => {
    const params = new URLSearchParams();
    if (categoryId) params.set("categoryId", categoryId);
    if (lat !== undefined && lon !== undefined) {
      params.set("lat", String(lat));
      params.set("lon", String(lon));
    }
    if (!params.size) {
      setNotices([]);
      return;
    }
    const controller = new AbortController();
    api<PublicNoticeList>(`/api/public/${encodeURIComponent(org)}/notices?${params}`, { signal: controller.signal })
      .then((list) => setNotices(list.items))
      // A notice is a courtesy: without one the form works as before.
      .catch(() => !controller.signal.aborted && setNotices([]));
    return () => controller.abort();
  }, [org, categoryId, lat, lon]);
  return notices;
}

export function FormNotices({ notices }: { notices: PublicNotice[] }) {
  const { t, language } = useI18n();
  // The live region is always there, so that screen readers hear what appears in it.
  return (
    <div aria-live="polite" className="form-notices">
      {notices.length > 0 && (
        <section className="notice-box" aria-labelledby="form-notices-title">
          <h2 id="form-notices-title">{t("formNotices.title")}</h2>
          <p className="hint">{t("formNotices.intro")}</p>
          {notices.map((n) => (
            <article key={n.id} className="notice-item">
              <h3>{localize(n.title, language)}</h3>
              <RichText text={localize(n.body, language)} />
            </article>
          ))}
        </section>
      )}
    </div>
  );
}
