/**
 * Finds and removes personal data from a text before it is published (REQUIREMENTS M5): names,
 * email addresses, phone numbers, Finnish personal identity codes, vehicle registration numbers
 * and, when the organisation wants it, house numbers after street names. Pure: the handler sees
 * each removal and may undo it, so the function errs on the side of removing.
 */
import { applyRemovals, type Language, type Removal, type RemovalKind } from "@yhteys/contracts";
import { FIRST_NAMES, SURNAMES } from "./names.ts";

export type RedactOptions = { language?: Language; streetNumbers?: boolean };

const placeholders: Record<Language, Record<Exclude<RemovalKind, "street_number">, string>> = {
  fi: { name: "[nimi]", email: "[sähköposti]", phone: "[puhelinnumero]", personal_id: "[henkilötunnus]", vehicle: "[rekisterinumero]" },
  sv: { name: "[namn]", email: "[e-post]", phone: "[telefonnummer]", personal_id: "[personbeteckning]", vehicle: "[registernummer]" },
  en: { name: "[name]", email: "[email]", phone: "[phone number]", personal_id: "[identity code]", vehicle: "[registration number]" },
};

const CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY";
const CENTURIES: Record<string, number> = { "+": 1800, "-": 1900, Y: 1900, X: 1900, W: 1900, V: 1900, U: 1900 };
for (const sign of "ABCDEF") CENTURIES[sign] = 2000;

/** Is `code` a valid henkilötunnus (date, century sign incl. the 2023 ones, check character)? */
export function isPersonalIdentityCode(code: string): boolean {
  const m = /^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])$/.exec(code.toUpperCase());
  if (!m) return false;
  const [, dd, mm, yy, sign, serial, check] = m as unknown as string[];
  const century = CENTURIES[sign as string];
  if (century === undefined) return false;
  const year = century + Number(yy);
  const date = new Date(Date.UTC(year, Number(mm) - 1, Number(dd)));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== Number(mm) - 1 || date.getUTCDate() !== Number(dd)) return false;
  return CHECK_CHARS[Number(`${dd}${mm}${yy}${serial}`) % 31] === check;
}

const L = "A-Za-zÀ-ÖØ-öø-ÿ";
const UPPER = "A-ZÅÄÖÜÉ";
/** A capitalised word, also hyphenated ("Anna-Liisa", "Virtanen-Mäki"). */
const CAP = `[${UPPER}][${L}]+(?:-[${UPPER}][${L}]+)?`;
const NOT_WORD_BEFORE = `(?<![${L}0-9@._-])`;
const NOT_WORD_AFTER = `(?![${L}0-9@_-])`;

const EMAIL = /[\p{L}0-9._%+-]+@[\p{L}0-9-]+(?:\.[\p{L}0-9-]+)*\.\p{L}{2,}/gu;
const PERSONAL_ID = new RegExp(`${NOT_WORD_BEFORE}\\d{6}[-+A-FU-Y]\\d{3}[0-9A-Y]${NOT_WORD_AFTER}`, "giu");
/** International (+358 40 …, 00358 …, +46 (0)70 …) or Finnish domestic (040 …, 09-…, (09) …). */
const PHONE = new RegExp(
  `${NOT_WORD_BEFORE}(?:(?:\\+|00)\\d{1,3}[\\s.-]?(?:\\(0\\)[\\s.-]?)?\\d{1,4}|\\(0\\d{1,3}\\)|0\\d{1,3})(?:[\\s.-]?\\d{2,4}){1,4}${NOT_WORD_AFTER}`,
  "gu",
);
/** Finnish plates: ABC-123, AB-12, also "ABC 123" only when in capitals with a hyphen-free space and 1–3 digits. */
const VEHICLE = new RegExp(`${NOT_WORD_BEFORE}[${UPPER}]{2,3}[-\\s]\\d{1,3}${NOT_WORD_AFTER}`, "gu");
/** Lead words with their first letter in either case ("Terveisin" and "terveisin"). */
const leads = (words: string[]) =>
  words
    .map((w) => `[${(w[0] as string).toUpperCase()}${w[0]}]${w.slice(1).replace(/[.\s]/g, (c) => (c === "." ? "\\." : "\\s+"))}`)
    .join("|");
/** Words that greet or sign off, followed by the writer's name. */
const SIGNATURE = new RegExp(
  `${NOT_WORD_BEFORE}(?:${leads(["t", "terv", "yst. terv", "terveisin", "terveiset", "ystävällisin terveisin", "kiittäen", "mvh", "hälsningar", "med vänlig hälsning", "med vänliga hälsningar", "hälsar", "regards", "best regards", "kind regards", "best wishes", "thanks", "sincerely", "br"])})\\.?,?[ \\t]*(?:\\n\\s*)?(${CAP}(?:[ \\t]+${CAP}){0,2})`,
  "gu",
);
/** "Nimeni on Matti …", "jag heter …", "my name is …", and titles "rouva …", "Mr …". */
const INTRODUCTION = new RegExp(
  `${NOT_WORD_BEFORE}(?:${leads(["nimeni on", "allekirjoittanut", "jag heter", "mitt namn är", "my name is", "rouva", "herra", "neiti", "fru", "herr", "fröken", "mr", "mrs", "ms", "miss", "dr"])})\\.?\\s+(${CAP}(?:[ \\t]+${CAP}){0,2})`,
  "gu",
);
const CAP_WORD = new RegExp(`${NOT_WORD_BEFORE}${CAP}${NOT_WORD_AFTER}`, "gu");
/** A street name (Finnish, Swedish or English ending) followed by a house number ("Kotikatu 5 B 12"). */
const STREET_NUMBER = new RegExp(
  `(?<=[${L}](?:katu|kadun|kadulla|kadulle|kadulta|tie|tien|tiellä|tielle|tieltä|kuja|kujan|kujalla|polku|polun|polulla|väylä|väylän|väylällä|raitti|kaari|kaaren|rinne|rinteen|ranta|rannan|piha|puistikko|gatan|gata|vägen|väg|gränd|stigen|backen|street|road|avenue|lane|st\\.|rd\\.))\\s+\\d{1,4}(?:\\s?[a-zA-Z])?(?:\\s?[-–]\\s?\\d{1,4})?(?:\\s+(?:[A-Za-z]\\s?)?(?:as\\.?\\s?|lgh\\s?)?\\d{1,3})?${NOT_WORD_AFTER}`,
  "gu",
);

type Found = Omit<Removal, "replacement">;

function* matches(text: string, re: RegExp, kind: RemovalKind, group = 0): Generator<Found> {
  for (const m of text.matchAll(re)) {
    const value = m[group];
    if (!value || m.index === undefined) continue;
    const start = group ? m.index + m[0].lastIndexOf(value) : m.index;
    yield { kind, start, end: start + value.length, original: value };
  }
}

/** Does the digit run look like a phone number rather than a date, amount or reference? */
function phoneLike(value: string): boolean {
  const digits = value.replace(/\D/g, "");
  if (digits.length < 7 || digits.length > 15) return false;
  if (/^\d{1,2}\.\d{1,2}\.\d{2,4}$/.test(value)) return false;
  if (/^(19|20)\d{2}-\d{2}-\d{2}$/.test(value)) return false;
  return /^[+(]|^00|^0/.test(value);
}

/** Names: a known first name (and a capitalised word after it), or a known surname after a capitalised word. */
function* names(text: string): Generator<Found> {
  const words = [...text.matchAll(CAP_WORD)].map((m) => ({ word: m[0], start: m.index ?? 0 }));
  const isName = (w: string, set: ReadonlySet<string>) =>
    w.split("-").every((part) => set.has(part) || set.has(part.replace(/(n|s)$/, "")));
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as { word: string; start: number };
    const next = words[i + 1];
    const adjacent = next && /^\s+$/.test(text.slice(w.start + w.word.length, next.start));
    if (isName(w.word, FIRST_NAMES)) {
      const end = adjacent && next ? next.start + next.word.length : w.start + w.word.length;
      yield { kind: "name", start: w.start, end, original: text.slice(w.start, end) };
      if (adjacent) i++;
    } else if (isName(w.word, SURNAMES)) {
      const prev = words[i - 1];
      const afterCap = prev && /^\s+$/.test(text.slice(prev.start + prev.word.length, w.start));
      const sentenceStart = /(^|[.!?:\n]\s*)$/.test(text.slice(0, w.start));
      if (afterCap || !sentenceStart) yield { kind: "name", start: w.start, end: w.start + w.word.length, original: w.word };
    }
  }
}

/**
 * The removals for `text`, without overlaps (earlier and longer matches win), in text order.
 * Apply them with `applyRemovals`.
 */
export function findPersonalData(text: string, options: RedactOptions = {}): Removal[] {
  const language = options.language ?? "fi";
  const found: Found[] = [
    ...matches(text, EMAIL, "email"),
    ...[...matches(text, PERSONAL_ID, "personal_id")].filter((f) => isPersonalIdentityCode(f.original)),
    ...[...matches(text, PHONE, "phone")].filter((f) => phoneLike(f.original)),
    ...matches(text, VEHICLE, "vehicle"),
    ...matches(text, SIGNATURE, "name", 1),
    ...matches(text, INTRODUCTION, "name", 1),
    ...names(text),
    ...(options.streetNumbers ? matches(text, STREET_NUMBER, "street_number") : []),
  ];
  const order: RemovalKind[] = ["email", "personal_id", "phone", "vehicle", "name", "street_number"];
  found.sort((a, b) => a.start - b.start || b.end - a.end || order.indexOf(a.kind) - order.indexOf(b.kind));
  const kept: Removal[] = [];
  for (const f of found) {
    const last = kept[kept.length - 1];
    if (last && f.start < last.end) {
      // Overlapping: a longer match of the same or a stronger kind replaces the shorter one.
      if (f.end > last.end && order.indexOf(f.kind) <= order.indexOf(last.kind)) kept.pop();
      else continue;
    }
    const replacement = f.kind === "street_number" ? "" : placeholders[language][f.kind];
    kept.push({ ...f, replacement });
  }
  return kept;
}

/** The text with personal data removed, and what was removed. */
export function redact(text: string, options: RedactOptions = {}): { text: string; removals: Removal[] } {
  const removals = findPersonalData(text, options);
  return { text: applyRemovals(text, removals), removals };
}
