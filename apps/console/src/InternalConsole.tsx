/**
 * The internal customer's own console (REQUIREMENTS M10): their internal service requests only.
 * No queues, no other tickets, no staff directory, no live feed of colleagues' work.
 */
import type { SessionInfo } from "@yhteys/contracts";
import { useCallback, useState } from "react";
import { roleName } from "./format.ts";
import { InternalRequestForm, InternalRequestList, InternalRequestPage } from "./InternalRequests.tsx";
import { useI18n } from "./i18n.ts";
import { LanguageSwitcher } from "./LanguageSwitcher.tsx";
import { myRequestsPath, onLinkClick, useRoute } from "./router.ts";

export function InternalConsole({ session, onSignOut }: { session: SessionInfo; onSignOut: () => void }) {
  const { t } = useI18n();
  const route = useRoute();
  const [announcement, setAnnouncement] = useState("");
  const announce = useCallback((text: string) => {
    setAnnouncement("");
    setTimeout(() => setAnnouncement(text), 50);
  }, []);
  const user = session.user;
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skip")}
      </a>
      <div className="layout internal-layout">
        <header className="topbar">
          <p className="brand">
            <a href={myRequestsPath()} onClick={onLinkClick}>
              <span className="brand-name">{t("app.name")}</span> <span className="brand-sub">{t("internal.title")}</span>
            </a>
          </p>
          <div className="topbar-tools">
            <p className="user">
              <span className="visually-hidden">{t("header.user")}: </span>
              <span className="user-name">{user.name}</span>
              <span className="user-role">{roleName(t, user.role)}</span>
            </p>
            <LanguageSwitcher />
            <button type="button" className="button secondary" onClick={onSignOut}>
              {t("header.signOut")}
            </button>
          </div>
        </header>
        <main id="main" className="content" tabIndex={-1}>
          {route.name === "myRequestNew" ? (
            <InternalRequestForm announce={announce} />
          ) : route.name === "myRequest" ? (
            <InternalRequestPage key={route.requestId} id={route.requestId} announce={announce} />
          ) : (
            <InternalRequestList />
          )}
        </main>
      </div>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </>
  );
}
