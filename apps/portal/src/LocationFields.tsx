/**
 * Where the matter is: an address or place as text, and optionally the device's position.
 * (A map for choosing the spot comes later; the form must always work without one.)
 */
import type { GeoPoint } from "@yhteys/contracts";
import { useState } from "react";
import { describedBy, ErrorMessage, errorId, Hint, hintId } from "./Field.tsx";
import { useI18n } from "./i18n.ts";

type Props = {
  address: string;
  location: GeoPoint | null;
  onAddress: (address: string) => void;
  onLocation: (location: GeoPoint | null) => void;
  errors: Record<string, string>;
};

const round = (n: number) => Math.round(n * 100000) / 100000;
const insideFinland = (p: GeoPoint) => p.lat >= 59 && p.lat <= 71 && p.lon >= 19 && p.lon <= 32;

export function LocationFields({ address, location, onAddress, onLocation, errors }: Props) {
  const { t, formatNumber } = useI18n();
  const [status, setStatus] = useState<"idle" | "locating" | "added" | "removed" | "failed" | "outside" | "unsupported">("idle");

  const locate = () => {
    if (!("geolocation" in navigator)) return setStatus("unsupported");
    setStatus("locating");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const point = { lat: round(position.coords.latitude), lon: round(position.coords.longitude) };
        if (!insideFinland(point)) return setStatus("outside");
        onLocation(point);
        setStatus("added");
      },
      () => setStatus("failed"),
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  };

  const statusText = {
    idle: "",
    locating: t("location.locating"),
    added: location ? t("location.added", { lat: formatNumber(location.lat), lon: formatNumber(location.lon) }) : "",
    removed: t("location.removed"),
    failed: t("location.failed"),
    outside: t("location.outside"),
    unsupported: t("location.unsupported"),
  }[status];
  // A location restored from a draft is announced the same way as a new one.
  const shown = statusText || (location ? t("location.added", { lat: formatNumber(location.lat), lon: formatNumber(location.lon) }) : "");

  return (
    <fieldset className="location">
      <legend className="legend-large">{t("location.legend")}</legend>
      <div className={`field${errors.address ? " field-invalid" : ""}`}>
        <label htmlFor="address">{t("location.addressLabel")}</label>
        <Hint id={hintId("address")}>{t("location.addressHint")}</Hint>
        <ErrorMessage id={errorId("address")} message={errors.address} />
        <input
          id="address"
          name="address"
          className="input"
          autoComplete="street-address"
          value={address}
          aria-invalid={errors.address ? true : undefined}
          aria-describedby={describedBy(hintId("address"), errors.address && errorId("address"))}
          onChange={(event) => onAddress(event.target.value)}
        />
      </div>
      <div className={`field${errors.location ? " field-invalid" : ""}`}>
        <ErrorMessage id={errorId("location")} message={errors.location} />
        <div className="button-row">
          <button
            type="button"
            id="use-location"
            className="button button-secondary"
            onClick={locate}
            disabled={status === "locating"}
            aria-describedby={describedBy(errors.location && errorId("location"))}
          >
            {t("location.use")}
          </button>
          {location && (
            <button
              type="button"
              className="button button-link"
              onClick={() => {
                onLocation(null);
                setStatus("removed");
              }}
            >
              {t("location.remove")}
            </button>
          )}
        </div>
        <p className={`location-status${status === "failed" || status === "outside" ? " location-status-warning" : ""}`} role="status">
          {shown}
        </p>
      </div>
    </fieldset>
  );
}
