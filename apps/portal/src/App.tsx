/** Routes by path: /{org}/ is the contact form, /{org}/track/{token} the tracking page, /{org}/unsubscribe/{token} stops a contact's emails. */
import type { Instance } from "@yhteys/contracts";
import { localize } from "@yhteys/contracts/constants";
import { api } from "@yhteys/web";
import { useEffect, useRef, useState } from "react";
import { ContactPage } from "./ContactPage.tsx";
import { EmbedFrame, embedOptions } from "./EmbedFrame.tsx";
import { FaqPage } from "./FaqPage.tsx";
import { NoticesPage } from "./NoticesPage.tsx";
import "./notices.css";
import { FeedbackDetail } from "./FeedbackDetail.tsx";
import { FeedbackPage } from "./FeedbackPage.tsx";
import { useI18n } from "./i18n.ts";
import { Layout } from "./Layout.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";
import { formPath, navigate, parseRoute, usePath } from "./router.ts";
import { StatusMessage } from "./StatusMessage.tsx";
import { TrackingPage } from "./TrackingPage.tsx";
import { UnsubscribePage } from "./UnsubscribePage.tsx";
import { useOrganisation } from "./useOrganisation.ts";

export function App() {
  const path = usePath();
  const route = parseRoute(path);
  const { language } = useI18n();
  const slug = route.page === "root" ? undefined : route.org;
  const { org, setOrg, ready, retry } = useOrganisation(slug);

  useEffect(() => {
    if (route.page !== "root") return;
    api<Instance>("/api/instance")
      .then((instance) => navigate(formPath(instance.defaultOrganisation), { replace: true }))
      .catch(() => setOrg({ slug: "", status: "failed" }));
  }, [route.page, setOrg]);

  // After in-app navigation, move focus to the new page's heading so screen readers announce it.
  const firstPath = useRef(path);
  useEffect(() => {
    if (path === firstPath.current) return;
    firstPath.current = "";
    requestAnimationFrame(() => document.querySelector<HTMLElement>("main h1")?.focus());
  }, [path]);

  const [embed] = useState(() => embedOptions(window.location.search));
  const orgName = ready ? localize(ready.name, language) : undefined;

  let content: React.ReactNode;
  if (org?.status === "failed") content = <StatusMessage kind="failed" onRetry={retry} />;
  else if (route.page === "root" || !ready)
    content = org?.status === "missing" ? <NotFoundPage org={undefined} /> : <StatusMessage kind="loading" />;
  else if (route.page === "form") content = <ContactPage org={ready} orgName={orgName ?? ""} />;
  else if (route.page === "track") content = <TrackingPage org={ready} orgName={orgName ?? ""} token={route.token} />;
  else if (route.page === "notices") content = <NoticesPage org={ready} orgName={orgName ?? ""} />;
  else if (route.page === "faq") content = <FaqPage org={ready} orgName={orgName ?? ""} />;
  else if (route.page === "embed") content = <ContactPage org={ready} orgName={orgName ?? ""} presetCategoryId={embed.category} />;
  else if (route.page === "unsubscribe") content = <UnsubscribePage org={ready.slug} orgName={orgName ?? ""} token={route.token} />;
  else if (route.page === "feedback") content = <FeedbackPage org={ready} orgName={orgName ?? ""} />;
  else if (route.page === "feedbackItem")
    content = <FeedbackDetail key={route.reference} org={ready} orgName={orgName ?? ""} reference={route.reference} />;
  else content = <NotFoundPage org={ready.slug} orgName={orgName} />;

  if (route.page === "embed")
    return (
      <EmbedFrame org={route.org} options={embed}>
        {content}
      </EmbedFrame>
    );
  return (
    <Layout
      org={org?.status === "missing" ? undefined : slug}
      orgName={orgName}
      logoUrl={ready?.logoUrl ?? null}
      languages={ready?.languages}
    >
      {content}
    </Layout>
  );
}
