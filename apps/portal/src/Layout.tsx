/** The page frame: skip link, header with the organisation and language choice, main landmark, footer. */
import type { Language } from "@yhteys/contracts";
import { languages as allLanguages } from "@yhteys/contracts/constants";
import type { ReactNode } from "react";
import { useI18n } from "./i18n.ts";
import { LanguageSwitcher } from "./LanguageSwitcher.tsx";
import { faqPath, feedbackPath, followLink, formPath, noticesPath, usePath } from "./router.ts";

export function Layout({
  org,
  orgName,
  logoUrl = null,
  languages = allLanguages,
  children,
}: {
  org: string | undefined;
  orgName: string | undefined;
  /** The organisation's logo from its theme; decorative, since its name is written beside it. */
  logoUrl?: string | null;
  languages?: readonly Language[];
  children: ReactNode;
}) {
  const { t } = useI18n();
  const path = usePath();
  const links = org
    ? [
        { href: formPath(org), label: t("nav.form") },
        { href: feedbackPath(org), label: t("nav.feedback") },
        { href: noticesPath(org), label: t("nav.notices") },
        { href: faqPath(org), label: t("nav.faq") },
      ]
    : [];
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipLink")}
      </a>
      <header className="site-header">
        <div className="container site-header-inner">
          {org ? (
            <a className="brand" href={formPath(org)} onClick={followLink}>
              {logoUrl && <img className="brand-logo" src={logoUrl} alt="" />}
              <span className="brand-text">
                <span className="brand-name">{orgName ?? "Yhteys"}</span>
                <span className="brand-tagline">{t("app.tagline")}</span>
              </span>
            </a>
          ) : (
            <span className="brand">
              <span className="brand-name">Yhteys</span>
              <span className="brand-tagline">{t("app.tagline")}</span>
            </span>
          )}
          <LanguageSwitcher languages={languages} />
        </div>
        {links.length > 0 && (
          <nav className="container site-nav" aria-label={t("nav.label")}>
            <ul>
              {links.map((l) => (
                <li key={l.href}>
                  <a href={l.href} onClick={followLink} aria-current={path === l.href ? "page" : undefined}>
                    {l.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1} className="container site-main">
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          {orgName && <p className="footer-service">{t("app.footerService", { org: orgName })}</p>}
          <p>{t("app.footerEmergency")}</p>
          <p>{t("app.footerLanguages")}</p>
        </div>
      </footer>
    </>
  );
}
