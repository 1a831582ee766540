import { useEffect } from "react";

/** Sets the browser tab's title: the page, then the organisation. */
export function useDocumentTitle(page: string, organisation: string | undefined) {
  useEffect(() => {
    document.title = organisation ? `${page} – ${organisation}` : page;
  }, [page, organisation]);
}
