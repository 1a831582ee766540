/**
 * A small language detector for Finnish, Swedish and English, for the language of a ticket that
 * came in by email. It counts frequent function words of each language and adds character
 * evidence (å is Swedish; ä/ö without å, double vowels and "yy" lean Finnish; plain ASCII with
 * "th" leans English). Short or unclear text gives `null`, and the caller uses a default.
 */
import type { Language } from "@yhteys/contracts";

const stopwords: Record<Language, ReadonlySet<string>> = {
  fi: new Set(
    "ja on ei se että oli ole olen olla mutta kun niin jos tai myös kuin mitä sen tämä tässä joka siitä minä minun meidän te he hän me sinä vielä nyt kanssa ovat oikein koska mikä missä miten voi voisi pitäisi kiitos hei terveisin ystävällisin yksi kaksi jo vain sitten ollut olisi alla yli siellä täällä kadulla asia asiaa".split(
      " ",
    ),
  ),
  sv: new Set(
    "och att det som en ett är på av för med till den inte har de jag om vi du så men från kan eller hur när där var vara vid mycket också nu efter bara skulle finns sig min mitt vår tack hej hälsningar vänliga kommer gatan har varit detta denna".split(
      " ",
    ),
  ),
  en: new Set(
    "the and to of a in is it that for on was with as be this have are not you at but or from by there they we can would could should please thank thanks hi hello regards street been has my our your which when will an if".split(
      " ",
    ),
  ),
};

/** Per-language scores of a text: function-word hits plus character evidence. */
export function languageScores(text: string): Record<Language, number> {
  const lower = text.toLowerCase();
  const words = lower.match(/[a-zåäöéü]+/g) ?? [];
  const scores: Record<Language, number> = { fi: 0, sv: 0, en: 0 };
  for (const word of words) for (const language of ["fi", "sv", "en"] as const) if (stopwords[language].has(word)) scores[language] += 1;
  const count = (re: RegExp) => lower.match(re)?.length ?? 0;
  const aRing = count(/å/g);
  const umlauts = count(/[äö]/g);
  scores.sv += aRing * 0.8;
  if (!aRing) scores.fi += umlauts * 0.3;
  // Finnish: long vowels and many words ending in a vowel; Swedish and English have few "aa/ii/uu/yy".
  scores.fi += count(/(aa|ee|ii|oo|uu|yy|ää|öö)/g) * 0.4 + count(/\b\w*(ssa|ssä|sta|stä|lla|llä|lta|ltä|nen|kin|ko|kö)\b/g) * 0.6;
  if (!umlauts && !aRing) scores.en += count(/th/g) * 0.3;
  return scores;
}

/** The most likely language, or null when the text gives too little evidence. */
export function detectLanguage(text: string): Language | null {
  const scores = languageScores(text);
  const ranked = (Object.entries(scores) as [Language, number][]).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] < 1.5) return null;
  // A near tie is no answer: better the organisation's default than a coin toss.
  if (second && best[1] < second[1] * 1.25) return null;
  return best[0];
}
