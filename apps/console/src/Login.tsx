/** Sign-in with organisation, email and password; errors and throttling are announced. */
import type { LocalizedText, SessionInfo } from "@yhteys/contracts";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import * as api from "./api.ts";
import { errorText, name } from "./format.ts";
import { useI18n } from "./i18n.ts";
import { LanguageSwitcher } from "./LanguageSwitcher.tsx";

const ORG_KEY = "yhteys.organisation";

export function Login({ onSignedIn, notice }: { onSignedIn: (info: SessionInfo) => void; notice: "expired" | "signedOut" | null }) {
  const { t, language } = useI18n();
  const ids = { org: useId(), orgHint: useId(), email: useId(), password: useId(), error: useId() };
  const [organisation, setOrganisation] = useState(() => localStorage.getItem(ORG_KEY) ?? "");
  const [defaultOrganisation, setDefaultOrganisation] = useState<string | null>(null);
  const [editOrganisation, setEditOrganisation] = useState(false);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const orgInput = useRef<HTMLInputElement>(null);
  const emailInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = `${t("login.title")} – ${t("app.name")}`;
  }, [t]);

  useEffect(() => {
    api
      .instance()
      .then((i) => {
        setDefaultOrganisation(i.defaultOrganisation);
        setOrganisation((current) => current || i.defaultOrganisation);
      })
      .catch(() => setEditOrganisation(true));
  }, []);

  const showOrganisationInput = editOrganisation || (defaultOrganisation !== null && !organisation);

  // The organisation's name, once its short name is known (the short name stays shown when it is not found).
  const [organisationName, setOrganisationName] = useState<{ slug: string; name: LocalizedText } | null>(null);
  useEffect(() => {
    const slug = organisation.trim().toLowerCase();
    if (showOrganisationInput || !slug) return;
    let current = true;
    api
      .publicOrganisation(slug)
      .then((o) => current && setOrganisationName({ slug, name: o.name }))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [organisation, showOrganisationInput]);
  const shownOrganisation =
    organisationName && organisationName.slug === organisation.trim().toLowerCase() ? name(organisationName.name, language) : organisation;

  useEffect(() => {
    if (editOrganisation) orgInput.current?.focus();
  }, [editOrganisation]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const org = organisation.trim().toLowerCase();
    if (!org || !email.trim() || !password) {
      setError(t("login.missing"));
      if (!org) setEditOrganisation(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const info = await api.login({ organisation: org, email: email.trim(), password });
      localStorage.setItem(ORG_KEY, org);
      onSignedIn(info);
    } catch (e) {
      setPassword("");
      if (e instanceof api.ApiError && e.problem?.code === "unauthenticated") setError(t("login.wrong"));
      else if (e instanceof api.ApiError && e.problem?.code === "rate_limited") {
        const minutes = /(\d+)\s*min/.exec(e.problem.detail ?? "")?.[1];
        setError(minutes ? t("login.throttled", { minutes }) : t("login.throttledSoon"));
      } else setError(errorText(t, e));
      emailInput.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-page">
      <header className="login-header">
        <p className="brand">
          <span className="brand-name">{t("app.name")}</span> <span className="brand-sub">{t("app.console")}</span>
        </p>
        <LanguageSwitcher />
      </header>
      <main className="login-card" id="main">
        <h1>{t("login.title")}</h1>
        <p className="muted">{t("login.intro")}</p>
        {notice && (
          <p className="notice" role="status">
            {notice === "expired" ? t("login.expired") : t("login.signedOut")}
          </p>
        )}
        <div role="alert" id={ids.error} className={error ? "form-error" : undefined}>
          {error}
        </div>
        <form onSubmit={submit} noValidate aria-describedby={error ? ids.error : undefined}>
          {showOrganisationInput ? (
            <div className="field">
              <label htmlFor={ids.org}>{t("login.organisation")}</label>
              <input
                ref={orgInput}
                id={ids.org}
                name="organisation"
                autoComplete="organization"
                autoCapitalize="none"
                spellCheck={false}
                required
                aria-describedby={ids.orgHint}
                value={organisation}
                onChange={(e) => setOrganisation(e.target.value)}
              />
              <p className="hint" id={ids.orgHint}>
                {t("login.organisationHint")}
              </p>
            </div>
          ) : (
            <p className="organisation-line">
              <span>{t("login.organisationIs", { organisation: shownOrganisation })}</span>{" "}
              <button type="button" className="link-button" onClick={() => setEditOrganisation(true)}>
                {t("login.changeOrganisation")}
              </button>
            </p>
          )}
          <div className="field">
            <label htmlFor={ids.email}>{t("login.email")}</label>
            <input
              ref={emailInput}
              id={ids.email}
              name="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={error ? true : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.password}>{t("login.password")}</label>
            <input
              id={ids.password}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={error ? true : undefined}
            />
          </div>
          <button type="submit" className="button primary wide" disabled={busy}>
            {busy ? t("login.submitting") : t("login.submit")}
          </button>
        </form>
      </main>
    </div>
  );
}
