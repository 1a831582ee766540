/** Loads an organisation's public settings by its slug, with a retry for when the network failed. */
import type { PublicOrganisation } from "@yhteys/contracts";
import { ApiError, api } from "@yhteys/web";
import { useEffect, useState } from "react";

export type OrgState = { slug: string } & (
  | { status: "loading" }
  | { status: "ready"; org: PublicOrganisation }
  | { status: "missing" | "failed" }
);

export function useOrganisation(slug: string | undefined) {
  const [org, setOrg] = useState<OrgState | null>(null);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the resident asking to load again
  useEffect(() => {
    if (!slug) return;
    let cancelled = false;
    setOrg((current) => (current?.slug === slug && current.status === "ready" ? current : { slug, status: "loading" }));
    api<PublicOrganisation>(`/api/public/${encodeURIComponent(slug)}`)
      .then((data) => !cancelled && setOrg({ slug, status: "ready", org: data }))
      .catch((e) => !cancelled && setOrg({ slug, status: e instanceof ApiError && e.status < 500 ? "missing" : "failed" }));
    return () => {
      cancelled = true;
    };
  }, [slug, attempt]);

  const ready = org && org.slug === slug && org.status === "ready" ? org.org : undefined;
  return { org, setOrg, ready, retry: () => setAttempt((n) => n + 1) };
}
