import { describe, expect, it } from "vitest";
import { detectLanguage, languageScores } from "./language.ts";

describe("language detection", () => {
  it.each([
    ["fi", "Hei, katuvalo on ollut rikki jo kaksi viikkoa Mannerheimintiellä. Voisitteko korjata sen? Kiitos"],
    ["fi", "Puistossa on paljon roskia ja penkki on rikki. Terveisin Matti"],
    ["fi", "Koulun pihalla on iso kuoppa, joka on vaarallinen lapsille."],
    ["sv", "Hej, gatlampan på Storgatan har varit trasig i två veckor. Kan ni laga den? Tack"],
    ["sv", "Det finns mycket skräp i parken och bänken är sönder. Vänliga hälsningar"],
    ["sv", "Snöröjningen på vår gata har inte gjorts på tre dagar."],
    ["en", "Hello, the street light on the main road has been broken for two weeks. Could you please fix it? Thanks"],
    ["en", "There is a lot of litter in the park and the bench is broken. Regards"],
    ["en", "The bus stop shelter was damaged by the storm last night."],
  ])("recognises %s: %s", (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it("gives no answer for text without evidence", () => {
    expect(detectLanguage("")).toBeNull();
    expect(detectLanguage("12345 ABC-123")).toBeNull();
    expect(detectLanguage("OK")).toBeNull();
  });

  it("weighs å as Swedish and long vowels as Finnish", () => {
    expect(languageScores("på går åt").sv).toBeGreaterThan(languageScores("på går åt").fi);
    expect(languageScores("tuulee kovaa ja sataa paljon").fi).toBeGreaterThan(0);
  });
});
