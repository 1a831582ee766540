/**
 * Demo City's address list: about 300 Tampere-like addresses, generated the same way every time.
 * Each street is a straight line inside one of the demo areas, with odd numbers on one side and
 * even numbers on the other, so that the nearest address to a point is a sensible one.
 */
import type { AddressInput } from "../geocoding/address-import.ts";
import { demoAreas } from "./demo-catalogue.ts";

/** Streets per demo area: name, postal code, and where the street runs across the area (fractions of its box). */
const streets: Record<string, { street: string; postalCode: string; from: [number, number]; to: [number, number]; count: number }[]> = {
  keskusta: [
    { street: "Hämeenkatu", postalCode: "33100", from: [0.1, 0.5], to: [0.9, 0.5], count: 40 },
    { street: "Hallituskatu", postalCode: "33200", from: [0.1, 0.65], to: [0.85, 0.65], count: 24 },
    { street: "Kauppakatu", postalCode: "33210", from: [0.15, 0.35], to: [0.8, 0.35], count: 16 },
    { street: "Satakunnankatu", postalCode: "33210", from: [0.1, 0.2], to: [0.9, 0.2], count: 24 },
    { street: "Aleksis Kiven katu", postalCode: "33210", from: [0.3, 0.1], to: [0.3, 0.9], count: 20 },
    { street: "Näsilinnankatu", postalCode: "33210", from: [0.6, 0.1], to: [0.6, 0.9], count: 16 },
  ],
  hervanta: [
    { street: "Insinöörinkatu", postalCode: "33720", from: [0.1, 0.4], to: [0.9, 0.6], count: 30 },
    { street: "Opiskelijankatu", postalCode: "33720", from: [0.2, 0.2], to: [0.8, 0.25], count: 14 },
    { street: "Hervannan valtaväylä", postalCode: "33710", from: [0.05, 0.8], to: [0.95, 0.75], count: 16 },
    { street: "Teekkarinkatu", postalCode: "33720", from: [0.5, 0.1], to: [0.55, 0.9], count: 12 },
  ],
  kaleva: [
    { street: "Sammonkatu", postalCode: "33540", from: [0.05, 0.5], to: [0.95, 0.5], count: 30 },
    { street: "Kalevantie", postalCode: "33540", from: [0.2, 0.1], to: [0.2, 0.9], count: 12 },
    { street: "Liisanpuisto", postalCode: "33540", from: [0.6, 0.2], to: [0.65, 0.8], count: 8 },
  ],
  lielahti: [
    { street: "Lielahdenkatu", postalCode: "33400", from: [0.1, 0.5], to: [0.9, 0.5], count: 18 },
    { street: "Enqvistinkatu", postalCode: "33410", from: [0.5, 0.1], to: [0.5, 0.9], count: 10 },
  ],
  tesoma: [
    { street: "Tesomankatu", postalCode: "33310", from: [0.1, 0.4], to: [0.9, 0.5], count: 14 },
    { street: "Tesoman valtatie", postalCode: "33310", from: [0.1, 0.8], to: [0.9, 0.7], count: 12 },
  ],
  linnainmaa: [
    { street: "Teiskontie", postalCode: "33580", from: [0.05, 0.3], to: [0.95, 0.45], count: 20 },
    { street: "Linnainmaantie", postalCode: "33580", from: [0.4, 0.1], to: [0.45, 0.9], count: 10 },
    { street: "Ristimäenkatu", postalCode: "33580", from: [0.7, 0.2], to: [0.75, 0.8], count: 8 },
  ],
};

/** How far a house stands from the middle of its street, in degrees of latitude (about 15 m). */
const ACROSS = 0.000135;

/** Demo City's addresses (about 300), inside the demo areas. */
export function demoAddresses(): AddressInput[] {
  return demoAreas.flatMap((area) => {
    const [west, south, east, north] = area.box;
    const at = ([x, y]: [number, number]) => ({ lon: west + x * (east - west), lat: south + y * (north - south) });
    return (streets[area.code] ?? []).flatMap((s) => {
      const a = at(s.from);
      const b = at(s.to);
      return Array.from({ length: s.count }, (_, i) => {
        const number = i + 1;
        // Houses 1 and 2 stand at the start; the street runs on two numbers per step.
        const f = Math.floor(i / 2) / Math.max(1, Math.ceil(s.count / 2) - 1);
        const side = number % 2 ? 1 : -1;
        return {
          street: s.street,
          number: String(number),
          postalCode: s.postalCode,
          city: "Tampere",
          lat: Math.round((a.lat + f * (b.lat - a.lat) + side * ACROSS) * 1e6) / 1e6,
          lon: Math.round((a.lon + f * (b.lon - a.lon)) * 1e6) / 1e6,
        };
      });
    });
  });
}
