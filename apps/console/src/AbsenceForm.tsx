/**
 * Absence and working hours: each handler's own page, and the same form on a user's admin page.
 * Rules that route to someone away send the ticket to the substitute or the group's queue.
 */
import type { AbsenceSettings } from "@yhteys/contracts";
import { type FormEvent, useCallback, useEffect, useId, useState } from "react";
import { FormFooter, useAction } from "./ActionForm.tsx";
import { useConsole } from "./Console.tsx";
import { errorText, name } from "./format.ts";
import { handlerLabel } from "./handlerLabel.ts";
import { useI18n } from "./i18n.ts";
import { absence, setAbsence } from "./intake.api.ts";

/** `YYYY-MM-DDTHH:mm` in the browser's time zone, as a datetime-local input shows it. */
const localInput = (iso: string | null) => {
  if (!iso) return "";
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromInput = (value: string) => (value ? new Date(value).toISOString() : null);

/** The form for `userId` (technical admins), or for the signed-in user. */
export function AbsenceForm({ userId, headingLevel = 1 }: { userId?: string; headingLevel?: 1 | 2 }) {
  const { t, language, formatDate } = useI18n();
  const { directory, session, announce } = useConsole();
  const ids = useId();
  const { busy, error, run } = useAction();
  const [settings, setSettings] = useState<AbsenceSettings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [from, setFrom] = useState("");
  const [until, setUntil] = useState("");
  const [substituteId, setSubstituteId] = useState("");
  const [calendarId, setCalendarId] = useState("");
  const self = userId ?? session.user.id;

  const show = useCallback((s: AbsenceSettings) => {
    setSettings(s);
    setFrom(localInput(s.absence.absentFrom));
    setUntil(localInput(s.absence.absentUntil));
    setSubstituteId(s.absence.substituteId ?? "");
    setCalendarId(s.absence.workingCalendarId ?? "");
  }, []);
  useEffect(() => {
    absence(userId)
      .then(show)
      .catch((e) => setLoadError(errorText(t, e)));
  }, [userId, t, show]);

  const save = (e: FormEvent, clear = false) => {
    e.preventDefault();
    void run(async () => {
      const saved = await setAbsence(
        {
          absentFrom: clear ? null : fromInput(from),
          absentUntil: clear ? null : fromInput(until),
          substituteId: substituteId || null,
          workingCalendarId: calendarId || null,
        },
        userId,
      );
      show(saved);
      announce(t("absence.saved"));
    });
  };

  const Heading = headingLevel === 1 ? "h1" : "h2";
  const colleagues = (directory?.users ?? []).filter((u) => u.id !== self && u.role !== "external_partner");
  return (
    <section aria-labelledby={`${ids}-title`} className="absence">
      <Heading id={`${ids}-title`}>{userId ? t("absence.adminTitle") : t("absence.title")}</Heading>
      <p className="muted">{t("absence.intro")}</p>
      {loadError && <p role="alert">{loadError}</p>}
      {settings && (
        <form onSubmit={save} noValidate>
          <p role="status">{t(`absence.now.${settings.away ?? "none"}`)}</p>
          <div className="field-row">
            <p className="field">
              <label htmlFor={`${ids}-from`}>{t("absence.from")}</label>
              <input id={`${ids}-from`} type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
            </p>
            <p className="field">
              <label htmlFor={`${ids}-until`}>{t("absence.until")}</label>
              <input id={`${ids}-until`} type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
            </p>
          </div>
          <div className="field-row">
            <p className="field">
              <label htmlFor={`${ids}-substitute`}>{t("absence.substitute")}</label>
              <select id={`${ids}-substitute`} value={substituteId} onChange={(e) => setSubstituteId(e.target.value)}>
                <option value="">{t("absence.noSubstitute")}</option>
                {colleagues.map((u) => (
                  <option key={u.id} value={u.id}>
                    {handlerLabel(t, formatDate, u)}
                  </option>
                ))}
              </select>
            </p>
            <p className="field">
              <label htmlFor={`${ids}-hours`}>{t("absence.hours")}</label>
              <select id={`${ids}-hours`} value={calendarId} onChange={(e) => setCalendarId(e.target.value)}>
                <option value="">{t("absence.alwaysAtWork")}</option>
                {settings.calendars.map((c) => (
                  <option key={c.id} value={c.id}>
                    {name(c.name, language)}
                  </option>
                ))}
              </select>
            </p>
          </div>
          <FormFooter error={error} errorId={`${ids}-error`} busy={busy} label={t("absence.save")} primary />{" "}
          {(settings.absence.absentFrom || settings.absence.absentUntil) && (
            <button type="button" className="button secondary" disabled={busy} onClick={(e) => save(e, true)}>
              {t("absence.clear")}
            </button>
          )}
        </form>
      )}
    </section>
  );
}
