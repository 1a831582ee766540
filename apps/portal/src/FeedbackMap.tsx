/** The optional map view of the feedback list: nothing of the map library loads until the resident opens it. */
import type { FeedbackList, PublicOrganisation, PublishedFeedback } from "@yhteys/contracts";
import { api, useLazyMap } from "@yhteys/web";
import { useEffect, useState } from "react";
import { useI18n } from "./i18n.ts";
import { LazyMapPanel } from "./LazyMap.tsx";
import { feedbackItemPath, navigate } from "./router.ts";
import "./map.css";

/**
 * With `query` (the list's filter query) the map shows up to 500 of the matching contacts; with
 * `item` (one contact's page) it shows that contact, centred.
 */
export function FeedbackMap({ org, ...shown }: { org: PublicOrganisation } & ({ query: string } | { item: PublishedFeedback })) {
  const item = "item" in shown ? shown.item : null;
  const query = "query" in shown ? shown.query : null;
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const { state, container, view } = useLazyMap(
    open,
    async (element) => {
      const { createFeedbackMap } = await import("./feedbackMap.ts");
      return createFeedbackMap(element, {
        settings: org.map,
        label: t("feedback.mapLabel"),
        describedBy: "feedback-map-instructions",
        onOpen: (reference) => navigate(feedbackItemPath(org.slug, reference)),
        ...(item?.location ? { focus: item.location } : {}),
      });
    },
    [org, t, item],
  );

  useEffect(() => {
    if (!open || state !== "ready") return;
    if (item) {
      view.current?.setItems([item]);
      return;
    }
    let cancelled = false;
    api<FeedbackList>(`/api/public/${encodeURIComponent(org.slug)}/feedback?${query}${query ? "&" : ""}pageSize=500`)
      .then((list) => !cancelled && view.current?.setItems(list.items))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [open, state, view, org.slug, query, item]);

  return (
    <LazyMapPanel
      id="feedback-map"
      className="feedback-map"
      open={open}
      onToggle={() => setOpen(!open)}
      state={state}
      container={container}
      hasTiles={Boolean(org.map.tileUrl)}
      texts={{
        open: t("feedback.showMap"),
        close: t("feedback.hideMap"),
        hint: t("feedback.mapHint"),
        instructions: t("feedback.mapInstructions"),
        loading: t("feedback.mapLoading"),
        failed: t("feedback.mapFailed"),
        noTiles: t("feedback.mapNoTiles"),
      }}
    />
  );
}
