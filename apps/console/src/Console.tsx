/**
 * The signed-in console: header, queue navigation, the routed main view, live updates and the
 * polite announcements region.
 */
import type { LiveEvent, QueueList, SavedView, SessionInfo, TicketPresence } from "@yhteys/contracts";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { AdminNav, AdminRoutes } from "./admin/AdminRoutes.tsx";
import * as api from "./api.ts";
import { name, roleName } from "./format.ts";
import { hasCallbackQueue, IntakeNav, mayRecord, takesTickets } from "./IntakeNav.tsx";
import { useI18n } from "./i18n.ts";
import { LanguageSwitcher } from "./LanguageSwitcher.tsx";
import { LazyViews, lazyView } from "./lazyView.tsx";
import { useLive } from "./live.ts";
import { Notifications } from "./Notifications.tsx";
import { QueueView } from "./QueueView.tsx";
import { ReportsNav, readsReports } from "./reports/ReportsNav.tsx";
import { callbacksPath, navigate, notificationSettingsPath, onLinkClick, queuePath, reportsPath, useRoute } from "./router.ts";
import { TicketView } from "./TicketView.tsx";
import { viewPath } from "./viewParams.ts";

const AbsenceForm = lazyView(() => import("./AbsenceForm.tsx"), "AbsenceForm");
const CallbacksView = lazyView(() => import("./CallbacksView.tsx"), "CallbacksView");
const NewContactView = lazyView(() => import("./NewContactView.tsx"), "NewContactView");
const NotificationSettings = lazyView(() => import("./NotificationSettings.tsx"), "NotificationSettings");
const ReportsView = lazyView(() => import("./reports/ReportsView.tsx"), "ReportsView");

export type LiveChanges = { version: number; ticketIds: ReadonlySet<string> };

type ConsoleContextValue = {
  session: SessionInfo;
  queues: QueueList["items"] | null;
  /** The user's saved views with counts, read with the queues. */
  views: SavedView[];
  directory: api.Directory | null;
  live: LiveChanges;
  /** Colleagues with the same ticket open, as the server last told. */
  presence: TicketPresence | null;
  /** Tells colleagues which ticket this console has open (null: none) and whether the user is typing. */
  reportPresence: (ticketId: string | null, typing?: boolean) => void;
  announce: (text: string) => void;
  /** Re-reads the queue counts (after an action of our own). */
  refreshQueues: () => void;
  /** The queue the user came from, for "back to the queue". */
  lastQueuePath: string | null;
};

const ConsoleContext = createContext<ConsoleContextValue | null>(null);

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error("useConsole outside Console");
  return value;
}

const LIVE_DEBOUNCE_MS = 150;

export function Console({ session, onSignOut }: { session: SessionInfo; onSignOut: () => void }) {
  const { t, language, formatNumber } = useI18n();
  const route = useRoute();
  const [queues, setQueues] = useState<QueueList["items"] | null>(null);
  const [views, setViews] = useState<SavedView[]>([]);
  const [directory, setDirectory] = useState<api.Directory | null>(null);
  const [live, setLive] = useState<LiveChanges>({ version: 0, ticketIds: new Set() });
  const [announcement, setAnnouncement] = useState("");
  const [queueVersion, setQueueVersion] = useState(0);
  const [lastQueuePath, setLastQueuePath] = useState<string | null>(null);

  const announce = useCallback((text: string) => {
    // Clear first so that the same text twice is announced twice.
    setAnnouncement("");
    setTimeout(() => setAnnouncement(text), 50);
  }, []);

  const refreshQueues = useCallback(() => setQueueVersion((v) => v + 1), []);

  useEffect(() => {
    void queueVersion;
    void live.version;
    const controller = new AbortController();
    api
      .queues(controller.signal)
      .then((list) => setQueues(list.items))
      .catch(() => {
        if (!controller.signal.aborted) setQueues((q) => q ?? []);
      });
    api
      .views(controller.signal)
      .then((list) => setViews(list.items))
      .catch(() => {});
    return () => controller.abort();
  }, [queueVersion, live.version]);

  useEffect(() => {
    api
      .directory()
      .then(setDirectory)
      .catch(() => setDirectory(null));
  }, []);

  // Live events are batched: the first event of a quiet period re-reads at once, the rest of a
  // burst at most once per LIVE_DEBOUNCE_MS.
  const pending = useRef<{ ids: Set<string>; timer: ReturnType<typeof setTimeout> | undefined; last: number }>({
    ids: new Set(),
    timer: undefined,
    last: 0,
  });
  const flush = useCallback(() => {
    const ids = pending.current.ids;
    pending.current = { ids: new Set(), timer: undefined, last: Date.now() };
    setLive((l) => ({ version: l.version + 1, ticketIds: ids }));
  }, []);
  const [presence, setPresence] = useState<TicketPresence | null>(null);
  const onEvent = useCallback(
    (event: LiveEvent | TicketPresence) => {
      if (event.type === "presence") return setPresence(event);
      if (event.type === "ticket.created") announce(t("live.newTicket", { reference: event.reference }));
      const p = pending.current;
      p.ids.add(event.ticketId);
      if (p.timer !== undefined) return;
      const wait = Math.max(0, p.last + LIVE_DEBOUNCE_MS - Date.now());
      if (wait === 0) flush();
      else p.timer = setTimeout(flush, wait);
    },
    [announce, flush, t],
  );
  const onReconnect = useCallback(() => setLive((l) => ({ version: l.version + 1, ticketIds: new Set(["*"]) })), []);
  useEffect(() => () => clearTimeout(pending.current.timer), []);
  const { connected, everConnected, send } = useLive(true, onEvent, onReconnect);
  const reportPresence = useCallback(
    (ticketId: string | null, typing = false) => {
      if (!ticketId) setPresence(null);
      send({ type: "presence", ticketId, typing });
    },
    [send],
  );

  // The console's home is the reports for reporters, else the first queue (All for advisors, Mine for others).
  const firstQueue = queues?.[0]?.id;
  const reportsHome = session.user.role === "reporter";
  const home = reportsHome ? reportsPath() : firstQueue ? queuePath(firstQueue) : null;
  useEffect(() => {
    if (route.name === "home" && home) navigate(home, { replace: true });
  }, [route, home]);

  useEffect(() => {
    if (route.name === "queue") setLastQueuePath(queuePath(route.queueId, route.search));
  }, [route]);

  const value = useMemo<ConsoleContextValue>(
    () => ({ session, queues, views, directory, live, presence, reportPresence, announce, refreshQueues, lastQueuePath }),
    [session, queues, views, directory, live, presence, reportPresence, announce, refreshQueues, lastQueuePath],
  );

  const currentQueue = route.name === "queue" && !route.search.get("view") ? route.queueId : null;
  const user = session.user;

  return (
    <ConsoleContext.Provider value={value}>
      <a className="skip-link" href="#main">
        {t("app.skip")}
      </a>
      <div className="layout" data-live={connected ? "connected" : "connecting"}>
        <header className="topbar">
          <p className="brand">
            <a href={home ?? "/console/"} onClick={onLinkClick}>
              <span className="brand-name">{t("app.name")}</span> <span className="brand-sub">{t("app.console")}</span>
            </a>
          </p>
          <div className="topbar-tools">
            <p className="user">
              <span className="visually-hidden">{t("header.user")}: </span>
              <span className="user-name">{user.name}</span>
              <span className="user-role">{roleName(t, user.role)}</span>
              <a
                href={notificationSettingsPath}
                onClick={onLinkClick}
                className="user-settings"
                aria-current={route.name === "notificationSettings" ? "page" : undefined}
              >
                {t("notificationSettings.title")}
              </a>
            </p>
            <Notifications />
            <LanguageSwitcher />
            <button type="button" className="button secondary" onClick={onSignOut}>
              {t("header.signOut")}
            </button>
          </div>
        </header>
        {everConnected && !connected && (
          <p className="live-warning" role="status">
            {t("live.reconnecting")}
          </p>
        )}
        <div className="sidebar">
          <nav aria-labelledby="queues-heading">
            <h2 id="queues-heading">{t("nav.queues")}</h2>
            {queues === null ? (
              <p className="muted">{t("app.loading")}</p>
            ) : queues.length === 0 ? (
              <p className="muted">{t("queue.noQueues")}</p>
            ) : (
              <ul className="queue-list">
                {queues.map((q) => (
                  <li key={q.id}>
                    <a
                      href={queuePath(q.id)}
                      onClick={onLinkClick}
                      aria-current={currentQueue === q.id ? "page" : undefined}
                      className={q.isUnclearQueue ? "unclear" : undefined}
                    >
                      <span className="queue-name">
                        {name(q.name, language)}
                        {q.isUnclearQueue && <span className="tag">{t("nav.unclear")}</span>}
                      </span>
                      <span className="count" title={t("nav.open", { count: q.open })}>
                        <span aria-hidden="true">{formatNumber(q.open)}</span>
                        <span className="visually-hidden">{t("nav.open", { count: formatNumber(q.open) })}</span>
                      </span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </nav>
          {views.length > 0 && (
            <nav aria-labelledby="views-heading" className="views-nav">
              <h2 id="views-heading">{t("views.nav")}</h2>
              <ul className="queue-list">
                {views.map((v) => (
                  <li key={v.id}>
                    <a
                      href={viewPath(v.id, v.filters)}
                      onClick={onLinkClick}
                      aria-current={route.name === "queue" && route.search.get("view") === v.id ? "page" : undefined}
                    >
                      <span className="queue-name">{v.name}</span>
                      <span className="count">
                        <span aria-hidden="true">{formatNumber(v.count)}</span>
                        <span className="visually-hidden">{t("views.count", { count: formatNumber(v.count) })}</span>
                      </span>
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <IntakeNav role={user.role} route={route} />
          <ReportsNav role={user.role} route={route} />
          {hasCallbackQueue(user.role) && (
            <nav aria-labelledby="callbacks-heading" className="views-nav">
              <h2 id="callbacks-heading" className="visually-hidden">
                {t("callbacks.nav")}
              </h2>
              <ul className="queue-list">
                <li>
                  <a href={callbacksPath()} onClick={onLinkClick} aria-current={route.name === "callbacks" ? "page" : undefined}>
                    <span className="queue-name">{t("callbacks.nav")}</span>
                  </a>
                </li>
              </ul>
            </nav>
          )}
          <AdminNav role={user.role} route={route} />
        </div>
        <main id="main" className="content" tabIndex={-1}>
          {route.name === "queue" && <QueueView key={route.queueId} queueId={route.queueId} search={route.search} />}
          {route.name === "ticket" && <TicketView key={route.ticketId} ticketId={route.ticketId} />}
          {route.name === "home" && <p className="muted">{queues?.length === 0 ? t("queue.noQueues") : t("app.loading")}</p>}
          <LazyViews>
            {route.name === "callbacks" && <CallbacksView search={route.search} />}
            {route.name === "notificationSettings" && <NotificationSettings />}
            {route.name === "newContact" && mayRecord(user.role) && <NewContactView />}
            {route.name === "absence" && takesTickets(user.role) && <AbsenceForm />}
            {route.name === "reports" && readsReports(user.role) && <ReportsView search={route.search} />}
            <AdminRoutes role={user.role} route={route} />
          </LazyViews>
          {((route.name === "newContact" && !mayRecord(user.role)) ||
            (route.name === "absence" && !takesTickets(user.role)) ||
            (route.name === "reports" && !readsReports(user.role))) && <h1>{t("error.forbidden")}</h1>}
          {/* The internal customers' pages exist only in their own console. */}
          {(route.name === "notFound" || route.name.startsWith("myRequest")) && <h1>{t("error.notFound")}</h1>}
        </main>
      </div>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </ConsoleContext.Provider>
  );
}
