/**
 * The chromeless page that `embed.js` loads in an iframe on a city's own page: the form with an
 * optional preset category and language, in the organisation's theme (the server links its
 * stylesheet into the page, as on the portal's own pages). It reports its height to the host page
 * with postMessage, and only to the origin the host declared, so no other page hears it (and
 * the server's CSP frame-ancestors lets only the organisation's allowed origins frame it at all).
 */
import type { Language } from "@yhteys/contracts";
import { languages } from "@yhteys/contracts/constants";
import { type ReactNode, useEffect, useLayoutEffect } from "react";
import { useI18n } from "./i18n.ts";
import { formPath } from "./router.ts";
import "./notices.css";

const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:[0-9]{1,5})?$/i;

export type EmbedOptions = { category: string | null; language: Language | null; parent: string | null };

/** What the host page asked for, from the iframe's query string; anything malformed is ignored. */
export function embedOptions(search: string): EmbedOptions {
  const q = new URLSearchParams(search);
  const lang = q.get("lang");
  const parent = q.get("parent");
  const category = q.get("category");
  return {
    category: category && /^[0-9a-f-]{36}$/i.test(category) ? category : null,
    language: lang && (languages as readonly string[]).includes(lang) ? (lang as Language) : null,
    // In Chromium the browser itself names the framing page: it must agree with the declared one.
    parent:
      parent && ORIGIN.test(parent) && (!window.location.ancestorOrigins?.length || window.location.ancestorOrigins[0] === parent)
        ? parent
        : null,
  };
}

export function EmbedFrame({ org, options, children }: { org: string; options: EmbedOptions; children: ReactNode }) {
  const { t, setLanguage } = useI18n();
  useLayoutEffect(() => {
    if (options.language) setLanguage(options.language);
    document.documentElement.classList.add("embedded");
  }, [options.language, setLanguage]);

  useEffect(() => {
    const parent = options.parent;
    if (!parent || window.parent === window) return;
    let last = 0;
    const report = () => {
      const height = Math.ceil(document.body.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      window.parent.postMessage({ type: "yhteys:resize", height }, parent);
    };
    const observer = new ResizeObserver(report);
    observer.observe(document.body);
    report();
    return () => observer.disconnect();
  }, [options.parent]);

  return (
    <main id="main" tabIndex={-1} className="embed-main">
      {children}
      <p className="hint">
        <a href={formPath(org)} target="_blank" rel="noopener">
          {t("embed.openFull")}
        </a>
      </p>
    </main>
  );
}
