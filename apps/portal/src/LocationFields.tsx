/**
 * Where the matter is: an address searched from the city's list (or any text), the device's
 * position, or a spot on the optional map. A chosen point shows its nearest address, and open
 * contacts near it are offered for following instead of sending the same issue again.
 */
import type { Address, FollowReceipt, GeoPoint, PublicOrganisation, ReverseAddress } from "@yhteys/contracts";
import { api } from "@yhteys/web";
import { useMemo, useRef, useState } from "react";
import { AddressSearch } from "./AddressSearch.tsx";
import { describedBy, ErrorMessage, errorId } from "./Field.tsx";
import { useI18n } from "./i18n.ts";
import { MapPicker } from "./MapPicker.tsx";
import { NearbyContacts, useNearby } from "./NearbyContacts.tsx";
import "./map.css";

type Props = {
  org: PublicOrganisation;
  categoryId: string;
  address: string;
  location: GeoPoint | null;
  onAddress: (address: string) => void;
  onLocation: (location: GeoPoint | null, address?: string) => void;
  onFollowed: (receipt: FollowReceipt, withEmail: boolean) => void;
  errors: Record<string, string>;
};

type Status = "idle" | "locating" | "added" | "removed" | "failed" | "outside" | "unsupported" | "moved" | "chosen";

const round = (n: number) => Math.round(n * 100000) / 100000;
const insideFinland = (p: GeoPoint) => p.lat >= 59 && p.lat <= 71 && p.lon >= 19 && p.lon <= 32;

export function LocationFields({ org, categoryId, address, location, onAddress, onLocation, onFollowed, errors }: Props) {
  const { t, formatNumber } = useI18n();
  const [status, setStatus] = useState<Status>("idle");
  const [placeName, setPlaceName] = useState<string | null>(null);
  // The address text the form filled in itself; the resident's own text is never overwritten.
  const filled = useRef<string | null>(null);
  // Only the answer for the latest point counts when points are chosen quickly one after another.
  const lookup = useRef(0);
  const nearby = useNearby(org.slug, location, categoryId);
  const nearbyPoints = useMemo(() => nearby.map((n) => n.location), [nearby]);

  /** A point chosen on the map or by the device: shows (and fills in) its nearest address. */
  const choosePoint = (point: GeoPoint, how: "added" | "chosen") => {
    const canFill = !address.trim() || address === filled.current;
    const current = ++lookup.current;
    onLocation(point);
    setPlaceName(null);
    setStatus(how);
    api<ReverseAddress>(`/api/public/${encodeURIComponent(org.slug)}/addresses/reverse?lat=${point.lat}&lon=${point.lon}`)
      .then((found) => {
        if (current !== lookup.current) return;
        const label = found.address?.label ?? null;
        setPlaceName(label);
        if (label && canFill) {
          filled.current = label;
          onLocation(point, label);
        }
      })
      .catch(() => setPlaceName(null));
  };

  const pickAddress = (picked: Address) => {
    filled.current = picked.label;
    lookup.current++;
    setPlaceName(picked.label);
    setStatus("chosen");
    onLocation(picked.location, picked.label);
  };

  const locate = () => {
    if (!("geolocation" in navigator)) return setStatus("unsupported");
    setStatus("locating");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const point = { lat: round(position.coords.latitude), lon: round(position.coords.longitude) };
        if (!insideFinland(point)) return setStatus("outside");
        choosePoint(point, "added");
      },
      () => setStatus("failed"),
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  };

  const where = location
    ? placeName
      ? t("map.chosen", { address: placeName })
      : t("map.chosenNoAddress", { lat: formatNumber(location.lat), lon: formatNumber(location.lon) })
    : "";
  const statusText = {
    idle: "",
    locating: t("location.locating"),
    added: placeName ? where : location ? t("location.added", { lat: formatNumber(location.lat), lon: formatNumber(location.lon) }) : "",
    removed: t("location.removed"),
    failed: t("location.failed"),
    outside: t("location.outside"),
    unsupported: t("location.unsupported"),
    moved: t("map.moved"),
    chosen: where,
  }[status];
  // A location restored from a draft is announced the same way as a new one.
  const shown = statusText || where;

  return (
    <fieldset className="location">
      <legend className="legend-large">{t("location.legend")}</legend>
      <AddressSearch
        org={org.slug}
        value={address}
        error={errors.address}
        onChange={(text) => {
          filled.current = null;
          onAddress(text);
        }}
        onPick={pickAddress}
      />
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
                setPlaceName(null);
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
      <MapPicker
        settings={org.map}
        location={location}
        nearby={nearbyPoints}
        onPick={(point) => choosePoint(point, "chosen")}
        onMove={() => setStatus("moved")}
      />
      <NearbyContacts org={org.slug} items={nearby} onFollowed={onFollowed} />
    </fieldset>
  );
}
