/** Moves focus to a view's heading after in-app navigation (not on the first page load). */
import { type RefObject, useEffect } from "react";

let navigated = false;
window.addEventListener("yhteys:navigate", () => {
  navigated = true;
});
window.addEventListener("popstate", () => {
  navigated = true;
});

export function useFocusOnNavigation(ref: RefObject<HTMLElement | null>, ready: boolean) {
  useEffect(() => {
    if (ready && navigated) ref.current?.focus();
  }, [ready, ref]);
}
