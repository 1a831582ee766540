/**
 * The scaffold the admin pages share: load what a page or section shows, load it again after a
 * change, run row actions whose result is announced, and show the loading state and the error
 * (the text of the API's problem+json answer) in live regions.
 */
import { type ReactNode, type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { useConsole } from "../Console.tsx";
import { useFocusOnNavigation } from "../focus.ts";
import { useI18n } from "../i18n.ts";
import { problemText } from "./AdminForm.tsx";

/** Runs an action (see `useAdminAction`); resolves to whether it succeeded. */
export type AdminAct = <R>(action: () => Promise<R>, done?: string | ((result: R) => string)) => Promise<boolean>;

export type AdminList<T> = {
  /** What was loaded; null until the first load has answered. */
  data: T | null;
  /** Replaces the data with what an action answered, without loading again. */
  setData: (data: T) => void;
  /** Loads again; an answer to an earlier load that comes later is dropped. */
  reload: () => void;
  /** Runs an action; on success announces `done` (if given) and reloads, else shows the error. */
  act: AdminAct;
  /** How many times the data was (re)loaded: a key for sections that load their own data along with the page. */
  version: number;
  /** The error of the last load or action, or the loading text while nothing is loaded. */
  status: ReactNode;
};

/** Loads with `load` (keep it stable: a module-level function or a useCallback) and reloads when it changes. */
export function useAdminList<T>(load: () => Promise<T>, options: { loading?: boolean } = {}): AdminList<T> {
  const { t } = useI18n();
  const [data, setData] = useState<T | null>(null);
  const [version, setVersion] = useState(0);
  const latest = useRef(0);
  const [loadError, setLoadError] = useState<string | null>(null);
  const reload = useCallback(() => {
    const call = ++latest.current;
    setVersion(call);
    load()
      .then((loaded) => {
        if (call !== latest.current) return;
        setData(loaded);
        setLoadError(null);
      })
      .catch((e) => call === latest.current && setLoadError(problemText(t, e)));
  }, [load, t]);
  useEffect(reload, [reload]);
  const action = useAdminAction(reload);
  const status = (
    <>
      {loadError && (
        <p className="form-error" role="alert">
          {loadError}
        </p>
      )}
      {action.status}
      {data === null && !loadError && options.loading !== false && (
        <p className="muted" role="status">
          {t("app.loading")}
        </p>
      )}
    </>
  );
  return { data, setData, reload, act: action.act, version, status };
}

/** Actions on rows of a list: the result is announced, `after` runs (to reload), and an error is shown in `status`. */
export function useAdminAction(after: () => void): { act: AdminAct; status: ReactNode } {
  const { t } = useI18n();
  const { announce } = useConsole();
  const [error, setError] = useState<string | null>(null);
  const act = useCallback<AdminAct>(
    async (action, done) => {
      setError(null);
      try {
        const result = await action();
        if (done) announce(typeof done === "string" ? done : done(result));
        after();
        return true;
      } catch (e) {
        setError(problemText(t, e));
        return false;
      }
    },
    [after, announce, t],
  );
  const status = error && (
    <p className="form-error" role="alert">
      {error}
    </p>
  );
  return { act, status };
}

/** An admin page's title in the browser tab, and its heading focused after in-app navigation once `ready`. */
export function useAdminPage(title: string, ready: boolean): RefObject<HTMLHeadingElement | null> {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusOnNavigation(heading, ready);
  useEffect(() => {
    document.title = `${title} – ${t("app.name")}`;
  }, [title, t]);
  return heading;
}
