/**
 * The user's notification settings: for each kind of notification, one group of radio buttons
 * (off, only in the console, email at once, hourly or daily digest), the default marked. Saved
 * together; the result is announced.
 */
import { type NotificationDelivery, type NotificationKind, type NotificationPreferences, notificationDeliveries } from "@yhteys/contracts";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import * as api from "./api.ts";
import { useFocusOnNavigation } from "./focus.ts";
import { errorText } from "./format.ts";
import { useI18n } from "./i18n.ts";

export function NotificationSettings() {
  const { t } = useI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [saved, setSaved] = useState<NotificationPreferences | null>(null);
  const [chosen, setChosen] = useState<Partial<Record<NotificationKind, NotificationDelivery>>>({});
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  useFocusOnNavigation(heading, saved !== null);
  useEffect(() => {
    document.title = `${t("notificationSettings.title")} – ${t("app.name")}`;
  }, [t]);
  useEffect(() => {
    api
      .notificationPreferences()
      .then(setSaved)
      .catch((e) => setStatus({ text: errorText(t, e), error: true }));
  }, [t]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!saved) return;
    setBusy(true);
    setStatus(null);
    try {
      const items = saved.items.map((p) => ({ kind: p.kind, delivery: chosen[p.kind] ?? p.delivery }));
      setSaved(await api.saveNotificationPreferences({ items }));
      setChosen({});
      setStatus({ text: t("notificationSettings.saved"), error: false });
    } catch (e) {
      setStatus({ text: errorText(t, e), error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="admin-view" aria-labelledby={`${id}heading`}>
      <h1 id={`${id}heading`} ref={heading} tabIndex={-1}>
        {t("notificationSettings.title")}
      </h1>
      <p className="muted">{t("notificationSettings.intro")}</p>
      <div role="status">{status && !status.error && <p>{status.text}</p>}</div>
      {status?.error && (
        <p className="form-error" role="alert">
          {status.text}
        </p>
      )}
      {saved === null ? (
        !status && <p className="muted">{t("app.loading")}</p>
      ) : (
        <form onSubmit={submit} className="panel">
          {saved.items.map((p) => (
            <fieldset className="choices" key={p.kind}>
              <legend>{t(`notificationSettings.kind.${p.kind}`)}</legend>
              {notificationDeliveries.map((d) => (
                <div className="radio" key={d}>
                  <input
                    type="radio"
                    id={`${id}${p.kind}-${d}`}
                    name={`${id}${p.kind}`}
                    checked={(chosen[p.kind] ?? p.delivery) === d}
                    onChange={() => setChosen({ ...chosen, [p.kind]: d })}
                  />
                  <label htmlFor={`${id}${p.kind}-${d}`}>
                    {t(`notificationSettings.delivery.${d}`)}
                    {d === p.default && <span className="optional"> {t("notificationSettings.default")}</span>}
                  </label>
                </div>
              ))}
            </fieldset>
          ))}
          <button type="submit" className="button primary" disabled={busy}>
            {t("notificationSettings.save")}
          </button>
        </form>
      )}
    </section>
  );
}
