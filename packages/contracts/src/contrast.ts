/**
 * Colour contrast as WCAG 2.1 defines it (relative luminance of sRGB, ratio (L1 + 0.05) / (L2 + 0.05)),
 * written out here so that the server (which refuses a theme that fails) and the console (which
 * shows every pair while the admin picks colours) compute the same numbers.
 */

/** A colour as `#rrggbb` (or `#rgb`); anything else is not a colour here. */
export const HEX_COLOUR = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** The red, green and blue channels (0–255) of a hex colour. */
export function rgbChannels(hex: string): [number, number, number] {
  if (!HEX_COLOUR.test(hex)) throw new Error(`Not a hex colour: ${hex}`);
  const digits = hex.length === 4 ? [...hex.slice(1)].map((d) => d + d).join("") : hex.slice(1);
  return [0, 2, 4].map((i) => Number.parseInt(digits.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG 2.1 relative luminance (0 black … 1 white). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = rgbChannels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two colours, 1 … 21, whichever is lighter. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * A ratio as people read it, "4.54:1": rounded down to two decimals, so that a ratio shown as
 * passing (4.50) never hides one that fails (4.4999).
 */
export const formatRatio = (ratio: number) => `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;

/** Channels back to `#rrggbb`. */
const toHex = (rgb: number[]) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;

/** `colour` moved `amount` (0–1) of the way towards `target`, channel by channel. */
export function mix(colour: string, target: string, amount: number): string {
  const from = rgbChannels(colour);
  const to = rgbChannels(target);
  return toHex(from.map((c, i) => c + ((to[i] ?? c) - c) * amount));
}
