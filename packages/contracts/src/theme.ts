/**
 * An organisation's theme (REQUIREMENTS P8): its colours, corner radius, font, logo and display
 * name, applied to the portal and the embedded form as the design tokens' CSS variables
 * (packages/web/src/tokens.css). The server refuses a theme whose colour pairs fail WCAG 2.1 AA
 * contrast; the console shows the same pairs while the admin picks.
 */
import { z } from "zod";
import { LocalizedText } from "./common.ts";
import { contrastRatio, mix, relativeLuminance } from "./contrast.ts";

/** A colour as `#rrggbb`, lower-cased. */
export const ThemeColour = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^#[0-9a-f]{6}$/, "must be a colour like #0b5394");

/**
 * Fonts the browser already has: a theme never loads a web font (no third-party requests, no
 * CSP exception, no layout shift), it only picks one of these stacks.
 */
export const fontStacks = {
  system: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  humanist: '"Segoe UI", Frutiger, "Frutiger Linotype", "DejaVu Sans", "Helvetica Neue", Arial, sans-serif',
  arial: 'Arial, "Helvetica Neue", Helvetica, sans-serif',
  verdana: "Verdana, Geneva, sans-serif",
  georgia: 'Georgia, Cambria, "Times New Roman", serif',
} as const;
export const themeFonts = Object.keys(fontStacks) as [keyof typeof fontStacks, ...(keyof typeof fontStacks)[]];
export const ThemeFont = z.enum(themeFonts);
export type ThemeFont = z.infer<typeof ThemeFont>;

export const ThemeColours = z.object({
  /** Buttons, the portal's header band. */
  primary: ThemeColour,
  /** Text on the primary colour. */
  primaryText: ThemeColour,
  /** The focus ring (drawn next to a ring in the text colour). */
  focus: ThemeColour,
  link: ThemeColour,
  background: ThemeColour,
  /** Panels and boxes on the background. */
  surface: ThemeColour,
  text: ThemeColour,
});
export type ThemeColours = z.infer<typeof ThemeColours>;
export type ThemeColourName = keyof ThemeColours;

/** What a technical admin sets (`PUT /api/staff/admin/theme`). */
export const ThemeInput = z.object({
  colours: ThemeColours,
  /** Corner radius of buttons, fields and panels, in pixels. */
  radius: z.int().min(0).max(16),
  font: ThemeFont,
  /** The name the portal shows instead of the organisation's own, per language. */
  displayName: LocalizedText.nullable(),
});
export type ThemeInput = z.infer<typeof ThemeInput>;

/** The largest logo accepted, in bytes and in pixels per side. */
export const LOGO_MAX_BYTES = 256 * 1024;
export const LOGO_MAX_SIDE = 2000;
export const logoMediaTypes = ["image/png", "image/webp"] as const;

export const Theme = ThemeInput.extend({
  /** False while the organisation uses the defaults. */
  custom: z.boolean(),
  /** The logo's address (versioned by its content), or null. */
  logoUrl: z.string().nullable(),
});
export type Theme = z.infer<typeof Theme>;

/** The design tokens' own values (tokens.css): the theme of an organisation that has none. */
export const defaultTheme: ThemeInput = {
  colours: {
    primary: "#0b5394",
    primaryText: "#ffffff",
    focus: "#ffbf47",
    link: "#0b5394",
    background: "#ffffff",
    surface: "#f4f6f8",
    text: "#1a1f24",
  },
  radius: 6,
  font: "system",
  displayName: null,
};

/** Tokens a theme does not change, but which must still read on its backgrounds. */
export const fixedColours = { muted: "#4a5560", border: "#7a8794", danger: "#b3261e" } as const;
type PairColour = ThemeColourName | keyof typeof fixedColours;

/**
 * The colour pairs checked, WCAG 2.1 AA: text 4.5:1 (1.4.3), user-interface components and the
 * focus indicator 3:1 (1.4.11). The primary colour is also text (secondary buttons, tabs, badges)
 * on the background and on surfaces, so it needs 4.5:1 there. The focus ring is two rings, the focus colour beside one in the
 * text colour (which already meets 4.5:1 on the background), so the focus colour must stand out
 * from the text colour.
 */
export const contrastPairs = [
  { id: "text-background", foreground: "text", background: "background", minimum: 4.5 },
  { id: "text-surface", foreground: "text", background: "surface", minimum: 4.5 },
  { id: "primaryText-primary", foreground: "primaryText", background: "primary", minimum: 4.5 },
  { id: "link-background", foreground: "link", background: "background", minimum: 4.5 },
  { id: "link-surface", foreground: "link", background: "surface", minimum: 4.5 },
  { id: "primary-background", foreground: "primary", background: "background", minimum: 4.5 },
  { id: "primary-surface", foreground: "primary", background: "surface", minimum: 4.5 },
  { id: "focus-text", foreground: "focus", background: "text", minimum: 3 },
  { id: "muted-background", foreground: "muted", background: "background", minimum: 4.5 },
  { id: "muted-surface", foreground: "muted", background: "surface", minimum: 4.5 },
  { id: "danger-background", foreground: "danger", background: "background", minimum: 4.5 },
  { id: "border-background", foreground: "border", background: "background", minimum: 3 },
] as const satisfies readonly { id: string; foreground: PairColour; background: PairColour; minimum: number }[];
export type ContrastPairId = (typeof contrastPairs)[number]["id"];

export type ContrastCheck = {
  id: ContrastPairId;
  foreground: PairColour;
  background: PairColour;
  ratio: number;
  minimum: number;
  passes: boolean;
};

/** Every checked pair of these colours with its ratio. */
export function checkContrast(colours: ThemeColours): ContrastCheck[] {
  const all: Record<PairColour, string> = { ...colours, ...fixedColours };
  return contrastPairs.map((p) => {
    const ratio = contrastRatio(all[p.foreground], all[p.background]);
    return { ...p, ratio, passes: ratio >= p.minimum };
  });
}

/**
 * The hover shade of the primary colour: darker under light text, lighter under dark text, so
 * that the text on it only gains contrast and needs no check of its own.
 */
export const primaryHover = (colours: Pick<ThemeColours, "primary" | "primaryText">) =>
  mix(colours.primary, relativeLuminance(colours.primaryText) > 0.5 ? "#000000" : "#ffffff", 0.25);

/** The theme as the design tokens' CSS variables. */
export function themeVariables(theme: ThemeInput): Record<`--yh-${string}`, string> {
  const c = theme.colours;
  return {
    "--yh-color-primary": c.primary,
    "--yh-color-primary-text": c.primaryText,
    "--yh-color-primary-hover": primaryHover(c),
    "--yh-color-focus": c.focus,
    "--yh-color-link": c.link,
    "--yh-color-bg": c.background,
    "--yh-color-surface": c.surface,
    "--yh-color-text": c.text,
    "--yh-radius": `${theme.radius}px`,
    "--yh-font": fontStacks[theme.font],
  };
}
