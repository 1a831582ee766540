/**
 * Loading a map view on demand, shared by the portal and the console: nothing of the map library
 * (Leaflet) loads until the map is shown; then `create` makes the view in the container, the view
 * is destroyed when hidden, and the state says when a device cannot draw a map.
 */
import { useEffect, useRef, useState } from "react";

export type LazyMapState = "loading" | "ready" | "failed";

/** Creates the view with `create` whenever the map is opened (or a dependency changes while open). */
export function useLazyMap<V extends { destroy: () => void }>(
  open: boolean,
  create: (container: HTMLElement) => Promise<V>,
  deps: unknown[],
) {
  const [state, setState] = useState<LazyMapState>("loading");
  const container = useRef<HTMLDivElement>(null);
  const view = useRef<V | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the view depends on
  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    setState("loading");
    const element = container.current;
    if (!element) return;
    create(element)
      .then((created) => {
        if (cancelled) return created.destroy();
        view.current = created;
        setState("ready");
      })
      .catch(() => !cancelled && setState("failed"));
    return () => {
      cancelled = true;
      view.current?.destroy();
      view.current = null;
    };
  }, [open, ...deps]);
  return { state, container, view };
}
