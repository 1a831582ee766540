/**
 * The notifications button in the header: the unread count, and a list of what concerns the user
 * (a ticket given to them, a request, an answer, a resident's message). Opening one marks it read.
 * Re-read on live updates and every 30 s.
 */
import type { Notification, NotificationList } from "@yhteys/contracts";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import * as api from "./api.ts";
import { useConsole } from "./Console.tsx";
import { useI18n } from "./i18n.ts";
import { navigate, ticketPath } from "./router.ts";

const POLL_MS = 30_000;

export function Notifications() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const { live } = useConsole();
  const id = useId();
  const [list, setList] = useState<NotificationList | null>(null);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  // Escape closes the open list and returns to its button, like other pop-up panels.
  useEffect(() => {
    if (!open) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", closeOnEscape);
    return () => document.removeEventListener("keydown", closeOnEscape);
  }, [open]);

  const load = useCallback(() => {
    api
      .notifications()
      .then(setList)
      .catch(() => {});
  }, []);
  useEffect(() => {
    void live.version;
    load();
    const timer = setInterval(load, POLL_MS);
    return () => clearInterval(timer);
  }, [load, live.version]);

  const openOne = (n: Notification) => {
    setOpen(false);
    if (!n.readAt) void api.markNotificationsRead({ ids: [n.id] }).then(setList);
    navigate(ticketPath(n.ticket.id));
  };
  const unread = list?.unread ?? 0;

  return (
    <div className="notifications">
      <button
        ref={button}
        type="button"
        className="button secondary"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        {t("notifications.title")}
        {unread > 0 && (
          <span className="tab-count">
            <span aria-hidden="true">{formatNumber(unread)}</span>
            <span className="visually-hidden">{t("notifications.unread", { count: formatNumber(unread) })}</span>
          </span>
        )}
      </button>
      <div id={id} className="notifications-panel" hidden={!open}>
        {list && list.items.length === 0 ? (
          <p className="muted">{t("notifications.none")}</p>
        ) : (
          <ul>
            {list?.items.map((n) => (
              <li key={n.id} className={n.readAt ? undefined : "unread"}>
                <button type="button" className="link-button" onClick={() => openOne(n)}>
                  {t(`notifications.${n.kind}`, { by: n.by ?? t("notifications.someone"), reference: n.ticket.reference })}
                </button>
                <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
              </li>
            ))}
          </ul>
        )}
        {unread > 0 && (
          <button type="button" className="button secondary" onClick={() => void api.markNotificationsRead({ all: true }).then(setList)}>
            {t("notifications.markAllRead")}
          </button>
        )}
      </div>
    </div>
  );
}
