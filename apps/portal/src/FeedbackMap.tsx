/** The optional map view of the feedback list: nothing of MapLibre loads until the resident opens it. */
import type { FeedbackList, PublicOrganisation } from "@yhteys/contracts";
import { api } from "@yhteys/web";
import { useEffect, useRef, useState } from "react";
import type { FeedbackMapView } from "./feedbackMap.ts";
import { useI18n } from "./i18n.ts";
import { feedbackItemPath, navigate } from "./router.ts";
import "./map.css";

/** `query` is the list's filter query; the map shows up to 500 of the matching contacts. */
export function FeedbackMap({ org, query }: { org: PublicOrganisation; query: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");
  const container = useRef<HTMLDivElement>(null);
  const view = useRef<FeedbackMapView | null>(null);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    setState("loading");
    import("./feedbackMap.ts")
      .then(({ createFeedbackMap }) => {
        if (cancelled || !container.current) return;
        view.current = createFeedbackMap(container.current, {
          settings: org.map,
          label: t("feedback.mapLabel"),
          describedBy: "feedback-map-instructions",
          onOpen: (reference) => navigate(feedbackItemPath(org.slug, reference)),
        });
        setState("ready");
      })
      .catch(() => !cancelled && setState("failed"));
    return () => {
      cancelled = true;
      view.current?.destroy();
      view.current = null;
    };
  }, [open, org, t]);

  useEffect(() => {
    if (!open || state !== "ready") return;
    let cancelled = false;
    api<FeedbackList>(`/api/public/${encodeURIComponent(org.slug)}/feedback?${query}${query ? "&" : ""}pageSize=500`)
      .then((list) => !cancelled && view.current?.setItems(list.items))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [open, state, org.slug, query]);

  return (
    <div className="feedback-map">
      <button
        type="button"
        className="button button-secondary"
        aria-expanded={open}
        aria-controls="feedback-map-panel"
        onClick={() => setOpen(!open)}
      >
        {open ? t("feedback.hideMap") : t("feedback.showMap")}
      </button>
      <p className="hint">{t("feedback.mapHint")}</p>
      <div id="feedback-map-panel" hidden={!open}>
        {open && (
          <>
            <p id="feedback-map-instructions" className="hint">
              {t("feedback.mapInstructions")}
            </p>
            {state === "loading" && <p role="status">{t("feedback.mapLoading")}</p>}
            {state === "failed" && <p className="location-status-warning">{t("feedback.mapFailed")}</p>}
            <div ref={container} className="map-canvas" hidden={state === "failed"} />
            {state === "ready" && !org.map.styleUrl && !org.map.tileUrl && <p className="hint">{t("feedback.mapNoTiles")}</p>}
          </>
        )}
      </div>
    </div>
  );
}
