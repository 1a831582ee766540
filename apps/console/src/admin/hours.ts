/**
 * Opening hours as people write them: "8–16", "8.00–11.30, 12.30–16", empty for closed. The
 * calendar stores them as HH:MM intervals; these convert both ways.
 */
import type { OpeningInterval } from "@yhteys/contracts";

const time = String.raw`(\d{1,2})(?:[.:](\d{2}))?`;
const interval = new RegExp(`^${time}\\s*[-–—]\\s*${time}$`);

function clock(hours: string, minutes: string | undefined): string | null {
  const h = Number(hours);
  const m = Number(minutes ?? "0");
  if (h > 24 || m > 59 || (h === 24 && m > 0)) return null;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** The intervals of a text, or null when some part is not a valid "from–to" period. */
export function parseHours(text: string): OpeningInterval[] | null {
  const parts = text
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const intervals: OpeningInterval[] = [];
  for (const part of parts) {
    const match = interval.exec(part);
    if (!match) return null;
    const from = clock(match[1] as string, match[2]);
    const to = clock(match[3] as string, match[4]);
    if (!from || !to || from >= to || from === "24:00") return null;
    intervals.push({ from, to });
  }
  return intervals;
}

/** Intervals written the Finnish way ("8.00–16.00"); empty when closed. */
export const formatHours = (intervals: OpeningInterval[]) =>
  intervals.map((i) => `${i.from.replace(/^0/, "").replace(":", ".")}–${i.to.replace(/^0/, "").replace(":", ".")}`).join(", ");
