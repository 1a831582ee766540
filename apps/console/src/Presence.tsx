/**
 * The collision warning: this console tells colleagues which ticket it has open and when the
 * user types in it, and shows who else has the same ticket open or is typing in it.
 */
import { useCallback, useEffect } from "react";
import { useConsole } from "./Console.tsx";
import { useI18n } from "./i18n.ts";

/** Presence is renewed this often; the server forgets a report after a minute. */
const HEARTBEAT_MS = 20_000;
/** After the last keystroke, the user counts as typing for this long. */
const TYPING_MS = 5_000;

/** Whether the user is typing in the open ticket: one console has one open ticket. */
const typing = { ticketId: null as string | null, until: 0, timer: undefined as ReturnType<typeof setTimeout> | undefined };
const isTyping = (ticketId: string) => typing.ticketId === ticketId && typing.until > Date.now();

/** Reports the open ticket while the view is shown (and renews it). */
export function useTicketPresence(ticketId: string) {
  const { reportPresence } = useConsole();
  useEffect(() => {
    reportPresence(ticketId, isTyping(ticketId));
    const beat = setInterval(() => reportPresence(ticketId, isTyping(ticketId)), HEARTBEAT_MS);
    return () => {
      clearInterval(beat);
      reportPresence(null);
    };
  }, [ticketId, reportPresence]);
}

/** An input handler for forms on a ticket: reports typing at the first keystroke and stopping after a pause. */
export function useTypingReporter(ticketId: string): () => void {
  const { reportPresence } = useConsole();
  return useCallback(() => {
    const started = !isTyping(ticketId);
    typing.ticketId = ticketId;
    typing.until = Date.now() + TYPING_MS;
    if (started) reportPresence(ticketId, true);
    clearTimeout(typing.timer);
    typing.timer = setTimeout(() => reportPresence(ticketId, false), TYPING_MS);
  }, [ticketId, reportPresence]);
}

/** "Sanna Neuvoja is viewing this ticket too" / "… is typing in this ticket". */
export function ColleaguesNotice({ ticketId }: { ticketId: string }) {
  const { t } = useI18n();
  const { presence } = useConsole();
  const others = presence?.ticketId === ticketId ? presence.others : [];
  const writers = others.filter((o) => o.typing).map((o) => o.name);
  const viewers = others.filter((o) => !o.typing).map((o) => o.name);
  return (
    <div role="status" className={others.length ? "colleagues-notice" : "status-empty"}>
      {writers.length > 0 && <p>{t("presence.typing", { names: writers.join(", ") })}</p>}
      {viewers.length > 0 && <p>{t("presence.viewing", { names: viewers.join(", ") })}</p>}
    </div>
  );
}
