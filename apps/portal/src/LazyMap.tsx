/**
 * The panel both maps of the portal open in: the map loads only when the resident opens it
 * (`useLazyMap` of `@yhteys/web`), and a device that cannot draw a map says so. The address search
 * and the list stay the primary way; the map is optional.
 */
import type { LazyMapState } from "@yhteys/web";
import type { ReactNode, RefObject } from "react";

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
