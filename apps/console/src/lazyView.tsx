/**
 * Views that are not part of the console's first load (admin pages, the callback queue, recording
 * a contact, settings, absences, the internal customer's console): each is its own chunk, fetched
 * on first use with React.lazy, while `ViewLoading` says so to screen readers and sighted users.
 */
import { type ComponentType, lazy, type ReactNode, Suspense } from "react";
import { useI18n } from "./i18n.ts";

/** React.lazy over a named export: `lazyView(() => import("./X.tsx"), "X")`. */
export function lazyView<K extends string, P extends object>(load: () => Promise<Record<K, ComponentType<P>>>, name: K) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

/** The state shown while a view's chunk loads: a polite status, so the wait is announced once. */
export function ViewLoading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t("app.loading")}
    </p>
  );
}

/** A boundary for lazily loaded views. */
export function LazyViews({ children }: { children: ReactNode }) {
  return <Suspense fallback={<ViewLoading />}>{children}</Suspense>;
}
