/**
 * The appearance page (technical admins): the organisation's colours, corner radius, font and
 * display name with a live preview and the contrast of every checked pair (the same maths the
 * server refuses a theme with), the logo, and a reset to the defaults.
 */
import {
  type ContrastCheck,
  checkContrast,
  formatRatio,
  logoMediaTypes,
  type Theme,
  type ThemeColourName,
  type ThemeColours,
  type ThemeFont,
  type ThemeInput,
  themeFonts,
  themeVariables,
} from "@yhteys/contracts";
import { type CSSProperties, type FormEvent, useId, useRef, useState } from "react";
import { useConsole } from "../Console.tsx";
import { useI18n } from "../i18n.ts";
import { ErrorSummary, fromDraft, type NameDraft, SelectField, type SubmitError, TextField, toDraft, useSubmit } from "./AdminForm.tsx";
import * as adminApi from "./adminApi.ts";
import { useAdminList, useAdminPage } from "./useAdminList.tsx";

const colourNames: ThemeColourName[] = ["primary", "primaryText", "link", "focus", "text", "background", "surface"];
const isColour = (value: string) => /^#[0-9a-f]{6}$/i.test(value.trim());

export function ThemeView() {
  const { t } = useI18n();
  const list = useAdminList(adminApi.theme);
  const heading = useAdminPage(t("theme.title"), list.data !== null);
  const theme = list.data;
  return (
    <section className="admin-view" aria-labelledby="admin-theme-heading">
      <h1 id="admin-theme-heading" ref={heading} tabIndex={-1}>
        {t("theme.title")}
      </h1>
      <p className="muted">{t("theme.intro")}</p>
      {list.status}
      {theme && (
        <>
          <ThemeForm key={`${theme.custom}-${JSON.stringify(theme.colours)}`} theme={theme} onSaved={list.setData} />
          <LogoForm theme={theme} onSaved={list.setData} />
        </>
      )}
    </section>
  );
}

function ThemeForm({ theme, onSaved }: { theme: Theme; onSaved: (theme: Theme) => void }) {
  const { t } = useI18n();
  const { announce } = useConsole();
  const prefix = useId();
  const [colours, setColours] = useState<ThemeColours>(theme.colours);
  const [radius, setRadius] = useState(String(theme.radius));
  const [font, setFont] = useState<ThemeFont>(theme.font);
  const [name, setName] = useState<NameDraft>(toDraft(theme.displayName));
  const { busy, error, run } = useSubmit();
  const field = (key: string, label: string) => ({ id: `${prefix}${key}`, label });
  const labels: Record<string, { id: string; label: string }> = {
    ...Object.fromEntries(colourNames.map((c) => [c, field(c, t(`theme.colour.${c}`))])),
    radius: field("radius", t("theme.radius")),
    fi: field("name-fi", t("theme.displayName.fi")),
  };
  // The preview and the table follow the fields; a colour being typed counts once it is whole.
  const shown: ThemeInput = {
    colours: Object.fromEntries(
      colourNames.map((c) => [c, isColour(colours[c]) ? colours[c].trim().toLowerCase() : theme.colours[c]]),
    ) as ThemeColours,
    radius: Math.min(16, Math.max(0, Number.parseInt(radius, 10) || 0)),
    font,
    displayName: null,
  };
  const checks = checkContrast(shown.colours);
  const pairText = (c: ContrastCheck) =>
    t("theme.pairFails", { pair: t(`theme.pair.${c.id}`), ratio: formatRatio(c.ratio), minimum: String(c.minimum) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const names = fromDraft(name);
    void run(async () => {
      const saved = await adminApi.setTheme({
        colours: Object.fromEntries(colourNames.map((c) => [c, colours[c].trim()])) as ThemeColours,
        radius: Number(radius),
        font,
        displayName: names.fi || names.sv || names.en ? names : null,
      });
      onSaved(saved);
      announce(t("theme.saved"));
    });
  };
  const reset = () =>
    void run(async () => {
      onSaved(await adminApi.resetTheme());
      announce(t("theme.resetDone"));
    });

  // A refusal for contrast names the colour fields; each gets the failing pairs in the page's language.
  const refused = error && Object.keys(error.fields).some((k) => colourNames.includes(k as ThemeColourName)) && !error.fields.fi;
  const failing = checks.filter((c) => !c.passes);
  const summary: SubmitError | null =
    refused && failing.length
      ? {
          text: t("theme.refused"),
          fields: Object.fromEntries(
            failing.map((c) => [c.foreground in colours ? c.foreground : c.background, pairText(c)] as const).reverse(),
          ),
        }
      : error;

  return (
    <section className="panel" aria-labelledby={`${prefix}heading`}>
      <h2 id={`${prefix}heading`}>{t("theme.colours")}</h2>
      <p>{theme.custom ? t("theme.custom") : t("theme.default")}</p>
      <ErrorSummary error={summary} fields={labels} />
      <form onSubmit={submit} noValidate>
        <div className="theme-colours">
          {colourNames.map((c) => (
            <ColourField
              key={c}
              {...(labels[c] ?? field(c, c))}
              value={colours[c]}
              onChange={(v) => setColours({ ...colours, [c]: v })}
              error={summary?.fields[c]}
            />
          ))}
        </div>
        <div className="field-row">
          <TextField
            {...(labels.radius ?? field("radius", ""))}
            type="number"
            value={radius}
            onChange={setRadius}
            error={error?.fields.radius}
            required
          />
          <SelectField
            id={`${prefix}font`}
            label={t("theme.font")}
            value={font}
            values={themeFonts}
            optionLabel={(f) => t(`theme.font.${f}`)}
            onChange={setFont}
          />
        </div>
        <fieldset className="choices">
          <legend>{t("theme.displayName")}</legend>
          <p className="hint">{t("theme.displayNameHint")}</p>
          <div className="field-row">
            {(["fi", "sv", "en"] as const).map((l) => (
              <TextField
                key={l}
                id={`${prefix}name-${l}`}
                label={t(`theme.displayName.${l}`)}
                value={name[l]}
                onChange={(v) => setName({ ...name, [l]: v })}
                error={l === "fi" ? error?.fields.fi : undefined}
              />
            ))}
          </div>
        </fieldset>
        <ContrastTable checks={checks} />
        <Preview theme={shown} />
        <div className="button-row">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t("common.saving") : t("theme.save")}
          </button>
          <button type="button" className="button secondary" disabled={busy || !theme.custom} onClick={reset}>
            {t("theme.reset")}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A colour as text (#rrggbb) beside the browser's colour picker for the same value. */
function ColourField(props: { id: string; label: string; value: string; onChange: (v: string) => void; error?: string | undefined }) {
  const { t } = useI18n();
  const hintId = `${props.id}-hint`;
  const errorId = `${props.id}-error`;
  return (
    <div className="field colour-field">
      <label htmlFor={props.id}>{props.label}</label>
      <p className="hint" id={hintId}>
        {t("theme.colourHint")}
      </p>
      {props.error && (
        <p className="field-error" id={errorId}>
          {props.error}
        </p>
      )}
      <div className="colour-inputs">
        <input
          type="color"
          value={isColour(props.value) ? props.value.trim().toLowerCase() : "#000000"}
          onChange={(e) => props.onChange(e.target.value)}
          aria-label={`${props.label}, ${t("theme.picker")}`}
        />
        <input
          id={props.id}
          type="text"
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          spellCheck={false}
          autoComplete="off"
          size={9}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={[hintId, props.error ? errorId : null].filter(Boolean).join(" ")}
        />
      </div>
    </div>
  );
}

function ContrastTable({ checks }: { checks: ContrastCheck[] }) {
  const { t } = useI18n();
  return (
    <div className="table-scroll">
      <table className="contrast-table">
        <caption>{t("theme.contrastCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("theme.pair")}</th>
            <th scope="col">{t("theme.ratio")}</th>
            <th scope="col">{t("theme.minimum")}</th>
            <th scope="col">{t("theme.result")}</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((c) => (
            <tr key={c.id} data-pair={c.id}>
              <th scope="row">{t(`theme.pair.${c.id}`)}</th>
              <td>{formatRatio(c.ratio)}</td>
              <td>{c.minimum}:1</td>
              <td className={c.passes ? "contrast-pass" : "contrast-fail"}>
                <span aria-hidden="true">{c.passes ? "✓ " : "✗ "}</span>
                {c.passes ? t("theme.passes") : t("theme.fails")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Buttons, a link and the focus ring in the theme, on the page background and on a box. */
function Preview({ theme }: { theme: ThemeInput }) {
  const { t } = useI18n();
  const style = themeVariables(theme) as CSSProperties;
  return (
    <section className="theme-preview" style={style} aria-label={t("theme.preview")}>
      <h3>{t("theme.preview")}</h3>
      {(["background", "surface"] as const).map((on) => (
        <div key={on} className={`preview-${on}`}>
          <p className="preview-heading">{t(`theme.previewOn.${on}`)}</p>
          <p>
            {t("theme.previewText")} <span className="preview-link">{t("theme.previewLink")}</span>
          </p>
          <span className="preview-button">{t("theme.previewButton")}</span>{" "}
          <span className="preview-button preview-focus">{t("theme.previewFocused")}</span>
        </div>
      ))}
    </section>
  );
}

function LogoForm({ theme, onSaved }: { theme: Theme; onSaved: (theme: Theme) => void }) {
  const { t } = useI18n();
  const { announce } = useConsole();
  const prefix = useId();
  const input = useRef<HTMLInputElement>(null);
  const { busy, error, run } = useSubmit();
  const fileId = `${prefix}file`;
  const upload = (event: FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    void run(
      async () => {
        if (!file) return;
        onSaved(await adminApi.setLogo(file));
        if (input.current) input.current.value = "";
        announce(t("theme.logoUploaded"));
      },
      file ? {} : { file: t("theme.logoChoose") },
    );
  };
  const remove = () =>
    void run(async () => {
      onSaved(await adminApi.removeLogo());
      announce(t("theme.logoRemoved"));
    });
  return (
    <section className="panel" aria-labelledby={`${prefix}heading`}>
      <h2 id={`${prefix}heading`}>{t("theme.logo")}</h2>
      <p className="muted">{t("theme.logoIntro")}</p>
      {theme.logoUrl ? (
        <figure className="theme-logo">
          <img src={theme.logoUrl} alt={t("theme.logoCurrent")} />
        </figure>
      ) : (
        <p>{t("theme.logoNone")}</p>
      )}
      <ErrorSummary error={error} fields={{ file: { id: fileId, label: t("theme.logoFile") } }} />
      <form onSubmit={upload} noValidate>
        <div className="field">
          <label htmlFor={fileId}>{t("theme.logoFile")}</label>
          <input
            ref={input}
            id={fileId}
            type="file"
            accept={logoMediaTypes.join(",")}
            aria-invalid={error?.fields.file ? true : undefined}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button primary" disabled={busy}>
            {t("theme.logoUpload")}
          </button>
          {theme.logoUrl && (
            <button type="button" className="button secondary" disabled={busy} onClick={remove}>
              {t("theme.logoRemove")}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
