/**
 * One business calendar: its names, weekly opening hours written as people write them, Finnish
 * public holidays on or off, and exception days. An existing calendar also shows its next 14
 * days as the SLA clock will count them, and can be made the default or deleted.
 */
import { type AdminCalendar, type BusinessCalendar, type CalendarDay, weekdays } from "@yhteys/contracts";
import { type FormEvent, useEffect, useId, useState } from "react";
import { useConsole } from "../Console.tsx";
import { name } from "../format.ts";
import { useI18n } from "../i18n.ts";
import { CheckboxField, ErrorSummary, fromDraft, NameFields, TextField, toDraft, useSubmit } from "./AdminForm.tsx";
import * as adminApi from "./adminApi.ts";
import { formatHours, parseHours } from "./hours.ts";

type Exception = { key: number; date: string; hours: string; note: string };

const officeHours: BusinessCalendar = {
  timeZone: "Europe/Helsinki",
  weekly: Object.fromEntries(weekdays.map((d) => [d, d === "sat" || d === "sun" ? [] : [{ from: "08:00", to: "16:00" }]])),
  publicHolidays: "fi",
  exceptions: [],
};

/** Weekday names of the UI language, Monday first (2024-01-01 was a Monday). */
const weekdayName = (language: string, index: number) =>
  new Intl.DateTimeFormat(language, { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, 1 + index)));

/** Edits a calendar, or creates one when `calendar` is missing. */
export function CalendarForm({ calendar, groupNames, onSaved }: { calendar?: AdminCalendar; groupNames: string; onSaved: () => void }) {
  const { t, language } = useI18n();
  const { announce } = useConsole();
  const prefix = useId();
  const initial = calendar?.calendar ?? officeHours;
  const [nameDraft, setNameDraft] = useState(() => toDraft(calendar?.name ?? null));
  const [weekly, setWeekly] = useState(() => Object.fromEntries(weekdays.map((d) => [d, formatHours(initial.weekly[d] ?? [])])));
  const [holidays, setHolidays] = useState(initial.publicHolidays === "fi");
  const [exceptions, setExceptions] = useState<Exception[]>(() =>
    initial.exceptions.map((e, key) => ({ key, date: e.date, hours: formatHours(e.hours), note: e.note ?? "" })),
  );
  const [status, setStatus] = useState("");
  const [refresh, setRefresh] = useState(0);
  const { busy, error, run } = useSubmit();

  const fields: Record<string, { id: string; label: string }> = {
    fi: { id: `${prefix}name-fi`, label: t("admin.groupName.fi") },
    ...Object.fromEntries(weekdays.map((d, i) => [d, { id: `${prefix}${d}`, label: weekdayName(language, i) }])),
    ...Object.fromEntries(
      exceptions.flatMap((e) => [
        [`date-${e.key}`, { id: `${prefix}date-${e.key}`, label: `${t("sla.exceptionDate")} ${e.date}` }],
        [`hours-${e.key}`, { id: `${prefix}hours-${e.key}`, label: `${t("sla.exceptionHours")} ${e.date}` }],
      ]),
    ),
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus("");
    const invalid: Record<string, string> = {};
    if (!nameDraft.fi.trim()) invalid.fi = t("admin.required");
    const week = Object.fromEntries(weekdays.map((d) => [d, parseHours(weekly[d] ?? "")]));
    for (const d of weekdays) if (!week[d]) invalid[d] = t("sla.hoursInvalid");
    const days = exceptions.map((e) => ({ ...e, intervals: parseHours(e.hours) }));
    for (const e of days) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(e.date)) invalid[`date-${e.key}`] = t("sla.dateInvalid");
      if (!e.intervals) invalid[`hours-${e.key}`] = t("sla.hoursInvalid");
    }
    const body: BusinessCalendar = {
      timeZone: initial.timeZone,
      weekly: Object.fromEntries(weekdays.map((d) => [d, week[d] ?? []])),
      publicHolidays: holidays ? "fi" : "none",
      exceptions: days.map((e) => ({ date: e.date, hours: e.intervals ?? [], ...(e.note.trim() ? { note: e.note.trim() } : {}) })),
    };
    void run(async () => {
      if (calendar) {
        await adminApi.updateCalendar(calendar.id, { name: fromDraft(nameDraft), calendar: body });
        setStatus(t("admin.saved"));
        setRefresh((n) => n + 1);
      } else {
        const created = await adminApi.createCalendar({ name: fromDraft(nameDraft), calendar: body });
        announce(t("sla.calendarCreated", { name: created.name.fi }));
      }
      onSaved();
    }, invalid);
  };

  const action = (change: () => Promise<unknown>, message: string) =>
    void run(async () => {
      await change();
      announce(message);
      onSaved();
    });

  return (
    <section className="panel" aria-labelledby={`${prefix}heading`}>
      <h3 id={`${prefix}heading`}>
        {calendar ? name(calendar.name, language) : t("sla.newCalendar")}{" "}
        {calendar?.isDefault && <span className="badge">{t("sla.default")}</span>}
      </h3>
      {calendar && <p className="muted">{groupNames ? t("sla.usedBy", { groups: groupNames }) : t("sla.usedByNone")}</p>}
      <ErrorSummary error={error} fields={fields} />
      <form onSubmit={submit} noValidate>
        <NameFields prefix={prefix} nameDraft={nameDraft} onName={setNameDraft} error={(k) => error?.fields[k]} />
        <fieldset className="choices">
          <legend>{t("sla.weeklyHours")}</legend>
          <p className="hint">{t("sla.hoursHint")}</p>
          <div className="week-hours">
            {weekdays.map((d, i) => (
              <TextField
                key={d}
                id={`${prefix}${d}`}
                label={weekdayName(language, i)}
                value={weekly[d] ?? ""}
                onChange={(v) => setWeekly({ ...weekly, [d]: v })}
                error={error?.fields[d]}
                required
              />
            ))}
          </div>
        </fieldset>
        <CheckboxField id={`${prefix}holidays`} label={t("sla.publicHolidays")} checked={holidays} onChange={setHolidays} />
        <fieldset className="choices">
          <legend>{t("sla.exceptions")}</legend>
          <p className="hint">{t("sla.exceptionsHint")}</p>
          {exceptions.length === 0 && <p className="muted">{t("sla.noExceptions")}</p>}
          {exceptions.map((e) => {
            const update = (change: Partial<Exception>) =>
              setExceptions(exceptions.map((x) => (x.key === e.key ? { ...x, ...change } : x)));
            const dateError = error?.fields[`date-${e.key}`];
            return (
              <div className="field-row exception-row" key={e.key}>
                <div className="field">
                  <label htmlFor={`${prefix}date-${e.key}`}>{t("sla.exceptionDate")}</label>
                  {dateError && (
                    <p className="field-error" id={`${prefix}date-${e.key}-error`}>
                      {dateError}
                    </p>
                  )}
                  <input
                    id={`${prefix}date-${e.key}`}
                    type="date"
                    value={e.date}
                    onChange={(ev) => update({ date: ev.target.value })}
                    aria-invalid={dateError ? true : undefined}
                    aria-describedby={dateError ? `${prefix}date-${e.key}-error` : undefined}
                  />
                </div>
                <TextField
                  id={`${prefix}hours-${e.key}`}
                  label={t("sla.exceptionHours")}
                  value={e.hours}
                  onChange={(v) => update({ hours: v })}
                  error={error?.fields[`hours-${e.key}`]}
                  required
                />
                <TextField
                  id={`${prefix}note-${e.key}`}
                  label={t("sla.exceptionNote")}
                  value={e.note}
                  onChange={(v) => update({ note: v })}
                />
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => setExceptions(exceptions.filter((x) => x.key !== e.key))}
                  aria-label={t("sla.removeException", { date: e.date || "–" })}
                >
                  ✕
                </button>
              </div>
            );
          })}
          <button
            type="button"
            className="button secondary"
            onClick={() =>
              setExceptions([...exceptions, { key: Math.max(0, ...exceptions.map((e) => e.key + 1)), date: "", hours: "", note: "" }])
            }
          >
            {t("sla.addException")}
          </button>
        </fieldset>
        <p role="status" className={status ? "success" : "status-empty"}>
          {status}
        </p>
        <div className="actions-row">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t("common.saving") : calendar ? t("sla.saveCalendar") : t("sla.createCalendar")}
          </button>
          {calendar && !calendar.isDefault && (
            <>
              <button
                type="button"
                className="button secondary"
                disabled={busy}
                onClick={() => action(() => adminApi.updateCalendar(calendar.id, { isDefault: true }), t("admin.saved"))}
              >
                {t("sla.makeDefault")}
              </button>
              <button
                type="button"
                className="button secondary"
                disabled={busy}
                onClick={() =>
                  action(() => adminApi.deleteCalendar(calendar.id), t("sla.calendarDeleted", { name: name(calendar.name, language) }))
                }
              >
                {t("sla.deleteCalendar")}
              </button>
            </>
          )}
        </div>
      </form>
      {calendar && <NextDays calendarId={calendar.id} refresh={refresh} />}
    </section>
  );
}

/** The next 14 days as the SLA clock counts them, with holidays and exceptions named. */
function NextDays({ calendarId, refresh }: { calendarId: string; refresh: number }) {
  const { t, language } = useI18n();
  const [days, setDays] = useState<CalendarDay[] | null>(null);
  useEffect(() => {
    void refresh;
    adminApi
      .calendarDays(calendarId)
      .then((d) => setDays(d.items))
      .catch(() => setDays(null));
  }, [calendarId, refresh]);
  if (!days) return null;
  const dateText = (date: string) =>
    new Intl.DateTimeFormat(language, { weekday: "short", day: "numeric", month: "numeric", timeZone: "UTC" }).format(
      new Date(`${date}T00:00:00Z`),
    );
  return (
    <details className="next-days">
      <summary>{t("sla.nextDays")}</summary>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("sla.day")}</th>
              <th scope="col">{t("sla.hours")}</th>
              <th scope="col">{t("sla.why")}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date}>
                <th scope="row">{dateText(d.date)}</th>
                <td>{d.hours.length ? formatHours(d.hours) : t("sla.closed")}</td>
                <td>{d.holiday ? name(d.holiday, language) : d.exception !== null ? d.exception || t("sla.exception") : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
