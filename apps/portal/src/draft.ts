/**
 * The resident's unsent message, kept in localStorage per organisation so that nothing is lost on
 * reload or a failed send. The Idempotency-Key lives with it: a retry reuses the same key.
 */
import type { GeoPoint } from "@yhteys/contracts";

/** Extra-field answers as typed: numbers as text, booleans as "yes"/"no", lists as arrays of keys. */
export type ExtraAnswer = string | string[];

export type FormValues = {
  categoryId: string;
  /** The key of the type the resident chose (a built-in type's key is its kind); empty follows the category's default. */
  type: string;
  /** Extra-field answers per category id, so that switching category loses nothing. */
  extra: Record<string, Record<string, ExtraAnswer>>;
  description: string;
  address: string;
  location: GeoPoint | null;
  wantsReply: boolean;
  name: string;
  email: string;
  phone: string;
  /** The consent box: unticked until the resident ticks it. */
  publishConsent: boolean;
  website: string;
};

export const emptyValues: FormValues = {
  categoryId: "",
  type: "",
  extra: {},
  description: "",
  address: "",
  location: null,
  wantsReply: false,
  name: "",
  email: "",
  phone: "",
  publishConsent: false,
  website: "",
};

export type Draft = { values: FormValues; idempotencyKey: string; savedAt: string };

const keyFor = (org: string) => `yhteys.portal.draft.${org}`;

export const newIdempotencyKey = (): string =>
  typeof crypto.randomUUID === "function" ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

/** True when the resident has typed or chosen anything worth keeping. */
export function hasContent(values: FormValues): boolean {
  return Boolean(
    values.categoryId ||
      values.description.trim() ||
      values.address.trim() ||
      values.location ||
      values.name.trim() ||
      values.email.trim() ||
      values.phone.trim(),
  );
}

export function loadDraft(org: string): Draft | null {
  try {
    const raw = localStorage.getItem(keyFor(org));
    if (!raw) return null;
    const draft = JSON.parse(raw) as Partial<Draft>;
    if (!draft.values || typeof draft.idempotencyKey !== "string") return null;
    return { values: { ...emptyValues, ...draft.values }, idempotencyKey: draft.idempotencyKey, savedAt: String(draft.savedAt ?? "") };
  } catch {
    return null;
  }
}

export function saveDraft(org: string, draft: Draft) {
  try {
    localStorage.setItem(keyFor(org), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the form still works, only the safety net is missing.
  }
}

export function clearDraft(org: string) {
  try {
    localStorage.removeItem(keyFor(org));
  } catch {
    // Nothing to clear.
  }
}
