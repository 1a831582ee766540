/**
 * "Already reported nearby": open contacts near the chosen point, the same topic first, as an
 * accessible list (the map shows the same as pins). A resident with the same issue can follow the
 * earlier contact instead of sending a new one.
 */
import type { FollowReceipt, GeoPoint, NearbyContact, NearbyContactList } from "@yhteys/contracts";
import { localize } from "@yhteys/contracts/constants";
import { ApiError, api } from "@yhteys/web";
import { useEffect, useRef, useState } from "react";
import { describedBy, ErrorMessage, errorId, Hint, hintId } from "./Field.tsx";
import { useI18n } from "./i18n.ts";
import { StatusBadge } from "./StatusBadge.tsx";

/** Open contacts near the point (none without a point); a failed look-up shows nothing, as the hint is optional. */
export function useNearby(org: string, location: GeoPoint | null, categoryId: string): NearbyContact[] {
  const [items, setItems] = useState<NearbyContact[]>([]);
  useEffect(() => {
    if (!location) return setItems([]);
    const controller = new AbortController();
    const query = new URLSearchParams({ lat: String(location.lat), lon: String(location.lon), ...(categoryId ? { categoryId } : {}) });
    api<NearbyContactList>(`/api/public/${encodeURIComponent(org)}/contacts/nearby?${query}`, { signal: controller.signal })
      .then((list) => setItems(list.items))
      .catch(() => {});
    return () => controller.abort();
  }, [org, location, categoryId]);
  return items;
}

type Props = { org: string; items: NearbyContact[]; onFollowed: (receipt: FollowReceipt, withEmail: boolean) => void };

export function NearbyContacts({ org, items, onFollowed }: Props) {
  const { t, language, formatDate } = useI18n();
  const [following, setFollowing] = useState<string | null>(null);
  if (!items.length) return null;
  return (
    <section className="nearby" aria-labelledby="nearby-title">
      <h2 id="nearby-title">{t("nearby.title")}</h2>
      <p>{t("nearby.intro")}</p>
      <ul className="nearby-list">
        {items.map((item) => (
          <li key={item.reference} className="nearby-item">
            <p className="nearby-heading">
              <strong>{t("nearby.item", { category: localize(item.category.name, language), distance: item.distanceMetres })}</strong>{" "}
              <StatusBadge state={item.state} />
              {item.sameCategory && <span className="nearby-same"> {t("nearby.sameCategory")}</span>}
            </p>
            <p className="hint">
              {t("nearby.reported", { date: formatDate(item.createdAt) })} · {item.reference}
            </p>
            {following === item.reference ? (
              <FollowForm org={org} reference={item.reference} onCancel={() => setFollowing(null)} onFollowed={onFollowed} />
            ) : (
              <button type="button" className="button button-secondary" onClick={() => setFollowing(item.reference)}>
                {t("nearby.follow")}
                <span className="visually-hidden"> ({item.reference})</span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

type FollowProps = { org: string; reference: string; onCancel: () => void; onFollowed: Props["onFollowed"] };

function FollowForm({ org, reference, onCancel, onFollowed }: FollowProps) {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState(false);
  const [sending, setSending] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const key = `follow-email-${reference}`;

  useEffect(() => input.current?.focus(), []);

  const follow = async () => {
    if (sending) return;
    const trimmed = email.trim();
    if (trimmed && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) {
      setError(t("errors.emailInvalid"));
      input.current?.focus();
      return;
    }
    setError(undefined);
    setProblem(false);
    setSending(true);
    try {
      const receipt = await api<FollowReceipt>(`/api/public/${encodeURIComponent(org)}/contacts/${encodeURIComponent(reference)}/follow`, {
        method: "POST",
        body: trimmed ? { email: trimmed } : {},
      });
      onFollowed(receipt, Boolean(trimmed));
    } catch (e) {
      setSending(false);
      if (e instanceof ApiError && e.status === 400) setError(t("errors.emailInvalid"));
      else setProblem(true);
    }
  };

  // Not a <form>: it sits inside the contact form, and Enter here follows rather than sends the contact.
  return (
    <fieldset className="follow-form">
      <legend className="nearby-heading">
        <strong>{t("nearby.followTitle", { reference })}</strong>
      </legend>
      <div className={`field${error ? " field-invalid" : ""}`}>
        <label htmlFor={key}>{t("nearby.emailLabel")}</label>
        <Hint id={hintId(key)}>{t("nearby.emailHint")}</Hint>
        <ErrorMessage id={errorId(key)} message={error} />
        <input
          id={key}
          ref={input}
          type="email"
          className="input"
          autoComplete="email"
          value={email}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(hintId(key), error && errorId(key))}
          onChange={(event) => setEmail(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              void follow();
            }
          }}
        />
      </div>
      {problem && (
        <p className="problem-box" role="alert">
          {t("nearby.failed")}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={follow} aria-disabled={sending || undefined}>
          {sending ? t("nearby.sending") : t("nearby.confirm")}
        </button>
        <button type="button" className="button button-link" onClick={onCancel}>
          {t("nearby.cancel")}
        </button>
      </div>
    </fieldset>
  );
}
