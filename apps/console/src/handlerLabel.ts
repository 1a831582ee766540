/**
 * A colleague's name for handler pickers, with their absence: "Eero Asiantuntija (poissa 12.6.2026 asti)".
 * Rules that route to someone away send the ticket elsewhere, so pickers show it before a forward.
 */
import type { UserSummary } from "@yhteys/contracts";
import type { T } from "./i18n.ts";

export function handlerLabel(t: T, formatDate: (iso: string) => string, user: Pick<UserSummary, "name" | "away" | "absentUntil">): string {
  if (!user.away) return user.name;
  const away =
    user.away === "absent" && user.absentUntil ? t("away.absentUntil", { date: formatDate(user.absentUntil) }) : t(`away.${user.away}`);
  return `${user.name} (${away})`;
}
