/**
 * The resident's unsent message, kept in localStorage per organisation (a tracking page's reply per
 * contact) so that nothing is lost on reload or a failed send. The Idempotency-Key lives with it:
 * a retry reuses the same key.
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

/** localStorage may be full or disabled: the page still works, only the safety net is missing. */
function readStored(key: string): unknown {
  try {
    const raw = localStorage.getItem(key);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

function store(key: string, value: unknown) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Full or disabled.
  }
}

function forget(key: string) {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing to clear.
  }
}

export function loadDraft(org: string): Draft | null {
  const draft = readStored(keyFor(org)) as Partial<Draft> | null;
  if (!draft?.values || typeof draft.idempotencyKey !== "string") return null;
  return { values: { ...emptyValues, ...draft.values }, idempotencyKey: draft.idempotencyKey, savedAt: String(draft.savedAt ?? "") };
}

export const saveDraft = (org: string, draft: Draft) => store(keyFor(org), draft);

export const clearDraft = (org: string) => forget(keyFor(org));

/** The tracking page's unsent message to one contact, with the Idempotency-Key its sends use. */
export type ReplyDraft = { body: string; idempotencyKey: string };

const replyKeyFor = (org: string, token: string) => `yhteys.portal.reply.${org}.${token}`;

export function loadReplyDraft(org: string, token: string): ReplyDraft | null {
  const draft = readStored(replyKeyFor(org, token)) as Partial<ReplyDraft> | null;
  return typeof draft?.body === "string" && typeof draft.idempotencyKey === "string"
    ? { body: draft.body, idempotencyKey: draft.idempotencyKey }
    : null;
}

export const saveReplyDraft = (org: string, token: string, draft: ReplyDraft) => store(replyKeyFor(org, token), draft);

export const clearReplyDraft = (org: string, token: string) => forget(replyKeyFor(org, token));
