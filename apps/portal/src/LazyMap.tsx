/**
 * What both maps of the portal share on the React side: nothing of the map library (Leaflet) loads until the
 * resident opens the map; then the view is created in the panel's container, destroyed when
 * closed, and a device that cannot draw a map says so. The address search and the list stay the
 * primary way; the map is optional.
 */
import { type ReactNode, type RefObject, useEffect, useRef, useState } from "react";

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

type PanelProps = {
  id: string;
  open: boolean;
  onToggle: () => void;
  state: LazyMapState;
  container: RefObject<HTMLDivElement | null>;
  /** Whether a base map is configured; without one a hint says that only the pins show. */
  hasTiles: boolean;
  texts: { open: string; close: string; hint: string; instructions: string; loading: string; failed: string; noTiles: string };
  className: string;
  children?: ReactNode;
};

/** The button that opens the map, and the panel with its instructions, state and canvas. */
export function LazyMapPanel({ id, open, onToggle, state, container, hasTiles, texts, className, children }: PanelProps) {
  return (
    <div className={className}>
      <button type="button" className="button button-secondary" aria-expanded={open} aria-controls={`${id}-panel`} onClick={onToggle}>
        {open ? texts.close : texts.open}
      </button>
      <p className="hint">{texts.hint}</p>
      <div id={`${id}-panel`} hidden={!open}>
        {open && (
          <>
            <p id={`${id}-instructions`} className="hint">
              {texts.instructions}
            </p>
            {state === "loading" && <p role="status">{texts.loading}</p>}
            {state === "failed" && <p className="location-status-warning">{texts.failed}</p>}
            <div ref={container} className="map-canvas" hidden={state === "failed"} />
            {state === "ready" && !hasTiles && <p className="hint">{texts.noTiles}</p>}
            {children}
          </>
        )}
      </div>
    </div>
  );
}
