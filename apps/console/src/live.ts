/**
 * The staff websocket: LiveEvents for tickets the user may see, and presence (who else has the
 * open ticket). Reconnects with exponential backoff (1 s … 30 s), reports whether it is
 * connected, and sends the console's presence updates (again after a reconnect).
 */
import type { LiveEvent, PresenceUpdate, TicketPresence } from "@yhteys/contracts";
import { useCallback, useEffect, useRef, useState } from "react";

export function useLive(
  enabled: boolean,
  onEvent: (event: LiveEvent | TicketPresence) => void,
  onReconnect: () => void,
): { connected: boolean; everConnected: boolean; send: (message: PresenceUpdate) => void } {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const reconnected = useRef(onReconnect);
  reconnected.current = onReconnect;
  const [connected, setConnected] = useState(false);
  const [everConnected, setEverConnected] = useState(false);
  const socketRef = useRef<WebSocket | null>(null);
  /** The last presence sent, to send again after a reconnect. */
  const lastPresence = useRef<PresenceUpdate | null>(null);
  const send = useCallback((message: PresenceUpdate) => {
    lastPresence.current = message;
    const socket = socketRef.current;
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  }, []);

  useEffect(() => {
    if (!enabled) return;
    let socket: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let stopped = false;
    let wasConnected = false;

    const connect = () => {
      const url = `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/api/staff/live`;
      socket = new WebSocket(url);
      socketRef.current = socket;
      socket.onopen = () => {
        if (lastPresence.current) socket?.send(JSON.stringify(lastPresence.current));
        // Events may have been missed while disconnected: re-read what is shown.
        if (wasConnected) reconnected.current();
        wasConnected = true;
        attempt = 0;
        setConnected(true);
        setEverConnected(true);
      };
      socket.onmessage = (message) => {
        try {
          handler.current(JSON.parse(String(message.data)) as LiveEvent | TicketPresence);
        } catch {
          // Not a LiveEvent: ignore.
        }
      };
      socket.onclose = () => {
        setConnected(false);
        if (stopped) return;
        const delay = Math.min(30_000, 1000 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
        attempt++;
        timer = setTimeout(connect, delay);
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      socket?.close(1000);
      setConnected(false);
    };
  }, [enabled]);

  return { connected, everConnected, send };
}
