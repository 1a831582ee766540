/** The sites allowed to embed the contact form (technical admins), and the snippet to embed it. */
import { type FormEvent, useEffect, useId, useState } from "react";
import { useConsole } from "../Console.tsx";
import { useI18n } from "../i18n.ts";
import { ErrorSummary, useSubmit } from "./AdminForm.tsx";
import * as adminApi from "./adminApi.ts";
import { TextArea } from "./ContentFields.tsx";

export function EmbedSection({ organisation }: { organisation: string }) {
  const { t } = useI18n();
  const { announce } = useConsole();
  const prefix = useId();
  const [origins, setOrigins] = useState<string | null>(null);
  const { busy, error, run } = useSubmit();
  useEffect(() => {
    adminApi
      .embedSettings()
      .then((s) => setOrigins(s.allowedOrigins.join("\n")))
      .catch(() => setOrigins(""));
  }, []);
  const fields = { "body.allowedOrigins": { id: `${prefix}origins`, label: t("embed.origins") } };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const list = (origins ?? "")
        .split(/\s+/)
        .map((o) => o.trim())
        .filter(Boolean);
      const saved = await adminApi.setEmbedSettings({ allowedOrigins: list });
      setOrigins(saved.allowedOrigins.join("\n"));
      announce(t("embed.saved"));
    });
  };
  const fieldError = (error && Object.entries(error.fields).find(([k]) => k.startsWith("body.allowedOrigins"))?.[1]) || undefined;
  const snippet = `<a href="${window.location.origin}/${organisation}/" data-yhteys-fallback>${t("content.title")}</a>
<script src="${window.location.origin}/embed.js" data-org="${organisation}" data-lang="fi" async></script>`;
  return (
    <section className="panel" aria-labelledby={`${prefix}heading`}>
      <h2 id={`${prefix}heading`}>{t("embed.title")}</h2>
      <p className="muted">{t("embed.intro")}</p>
      <ErrorSummary error={error} fields={fields} />
      {origins !== null && (
        <form onSubmit={submit} noValidate>
          <TextArea
            id={`${prefix}origins`}
            label={t("embed.origins")}
            hint={t("embed.originsHint")}
            value={origins}
            onChange={setOrigins}
            error={fieldError}
          />
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t("common.saving") : t("content.save")}
          </button>
        </form>
      )}
      <h3>{t("embed.snippet")}</h3>
      <pre className="hash">
        <code>{snippet}</code>
      </pre>
    </section>
  );
}
