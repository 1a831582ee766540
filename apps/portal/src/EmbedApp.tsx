/**
 * The embedded form's own small app (`embed.html`, built by vite.embed.config.ts): only the
 * contact form in its chromeless frame. Any other page of the portal (the tracking page linked
 * from the confirmation) is a full page load of the portal itself.
 */
import { localize } from "@yhteys/contracts/constants";
import { useEffect, useState } from "react";
import { ContactPage } from "./ContactPage.tsx";
import { EmbedFrame, embedOptions } from "./EmbedFrame.tsx";
import { useI18n } from "./i18n.ts";
import { NotFoundPage } from "./NotFoundPage.tsx";
import { parseRoute, usePath } from "./router.ts";
import { StatusMessage } from "./StatusMessage.tsx";
import { useOrganisation } from "./useOrganisation.ts";

export function EmbedApp() {
  const path = usePath();
  const route = parseRoute(path);
  const { language } = useI18n();
  const [options] = useState(() => embedOptions(window.location.search));
  const slug = route.page === "embed" ? route.org : undefined;
  const { org, ready, retry } = useOrganisation(slug);

  useEffect(() => {
    if (route.page !== "embed") window.location.assign(path);
  }, [route.page, path]);
  if (route.page !== "embed") return null;

  let content: React.ReactNode;
  if (org?.status === "failed") content = <StatusMessage kind="failed" onRetry={retry} />;
  else if (org?.status === "missing") content = <NotFoundPage org={undefined} />;
  else if (!ready) content = <StatusMessage kind="loading" />;
  else content = <ContactPage org={ready} orgName={localize(ready.name, language)} presetCategoryId={options.category} />;
  return (
    <EmbedFrame org={route.org} options={options}>
      {content}
    </EmbedFrame>
  );
}
