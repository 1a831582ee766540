/** Session bootstrap: the sign-in page or the console, and back to sign-in when the session ends. */
import type { SessionInfo } from "@yhteys/contracts";
import { useCallback, useEffect, useState } from "react";
import * as api from "./api.ts";
import { Console } from "./Console.tsx";
import { useI18n } from "./i18n.ts";
import { Login } from "./Login.tsx";
import { LazyViews, lazyView } from "./lazyView.tsx";

/** Internal customers are few: their console loads only for them. */
const InternalConsole = lazyView(() => import("./InternalConsole.tsx"), "InternalConsole");

type State =
  | { status: "loading" }
  | { status: "signedOut"; notice: "expired" | "signedOut" | null }
  | { status: "signedIn"; info: SessionInfo };

export function App() {
  const { t } = useI18n();
  const [state, setState] = useState<State>({ status: "loading" });

  const signedIn = useCallback((info: SessionInfo) => {
    api.setCsrfToken(info.csrfToken);
    setState({ status: "signedIn", info });
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    api
      .session()
      .then(signedIn)
      .catch(() => {
        if (!controller.signal.aborted) setState({ status: "signedOut", notice: null });
      });
    return () => controller.abort();
  }, [signedIn]);

  useEffect(() => {
    api.setUnauthenticatedHandler(() => {
      api.setCsrfToken("");
      setState({ status: "signedOut", notice: "expired" });
    });
    return () => api.setUnauthenticatedHandler(null);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // Signed out anyway: the session is gone or will expire.
    }
    api.setCsrfToken("");
    setState({ status: "signedOut", notice: "signedOut" });
  }, []);

  if (state.status === "loading")
    return (
      <main className="boot" aria-busy="true">
        <p>{t("app.loading")}</p>
      </main>
    );
  if (state.status === "signedOut") return <Login onSignedIn={signedIn} notice={state.notice} />;
  // Internal customers get their own view: their requests, nothing of the staff console.
  if (state.info.user.role === "internal_customer")
    return (
      <LazyViews>
        <InternalConsole session={state.info} onSignOut={signOut} />
      </LazyViews>
    );
  return <Console session={state.info} onSignOut={signOut} />;
}
