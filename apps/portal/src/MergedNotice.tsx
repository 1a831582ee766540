/** On the tracking page of a contact combined with another: where its handling goes on, and how to follow it. */
import type { TrackedContact } from "@yhteys/contracts";
import { useI18n } from "./i18n.ts";
import { feedbackItemPath, followLink } from "./router.ts";
import { StatusBadge } from "./StatusBadge.tsx";

export function MergedNotice({ org, merged }: { org: string; merged: NonNullable<TrackedContact["mergedInto"]> }) {
  const { t, formatDateTime } = useI18n();
  return (
    <section className="notice-box merged-notice" aria-labelledby="merged-title">
      <h2 id="merged-title">{t("track.mergedTitle", { reference: merged.reference })}</h2>
      <p>{t("track.mergedBody", { reference: merged.reference })}</p>
      <p>
        {t("track.mergedState")} <StatusBadge state={merged.state} />{" "}
        <time dateTime={merged.updatedAt}>{t("track.mergedUpdated", { date: formatDateTime(merged.updatedAt) })}</time>
      </p>
      <p>
        {merged.published ? (
          <a href={feedbackItemPath(org, merged.reference)} onClick={followLink}>
            {t("track.mergedFollow", { reference: merged.reference })}
          </a>
        ) : (
          t("track.mergedHere")
        )}
      </p>
    </section>
  );
}
