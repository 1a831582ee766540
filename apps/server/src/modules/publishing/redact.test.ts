import { applyRemovals } from "@yhteys/contracts";
import { describe, expect, it } from "vitest";
import { findPersonalData, isPersonalIdentityCode, redact } from "./redact.ts";

const kinds = (text: string, streetNumbers = false) => findPersonalData(text, { streetNumbers }).map((r) => [r.kind, r.original]);

describe("personal identity codes", () => {
  it.each([
    ["131052-308T", true],
    ["131052A308T", true], // the same check character in any century
    ["010594Y9021", true],
    ["020505A002N", true],
    ["010101-0101", true],
    ["010101-0102", false],
    ["290200A123L", false], // 29 Feb 2000 exists, but the check character is wrong
    ["300200A1234", false], // no 30 February
    ["131052+308T", true], // 1852
    ["131052X308T", true],
    ["131052W308T", true],
    ["131052V308T", true],
    ["131052U308T", true],
    ["131052Y308T", true],
    ["131052-308G", false],
    ["1310523308T", false],
  ])("%s is %s", (code, valid) => {
    expect(isPersonalIdentityCode(code)).toBe(valid);
  });

  it("accepts every 2000s century sign and validates the check character", () => {
    // 010120A123? : 010120123 % 31
    const base = "010120";
    const serial = "123";
    const check = "0123456789ABCDEFHJKLMNPRSTUVWXY"[Number(`${base}${serial}`) % 31];
    for (const sign of "ABCDEF") expect(isPersonalIdentityCode(`${base}${sign}${serial}${check}`)).toBe(true);
    expect(isPersonalIdentityCode(`${base}G${serial}${check}`)).toBe(false);
  });

  it("removes valid codes from text and leaves look-alikes", () => {
    expect(kinds("Hetuni on 131052-308T, ota yhteyttä.")).toEqual([["personal_id", "131052-308T"]]);
    expect(kinds("Koodi 131052-308X ei ole oikea.")).toEqual([]);
    expect(redact("hetu 010594Y9021").text).toBe("hetu [henkilötunnus]");
  });
});

describe("email addresses", () => {
  it.each([
    ["Vastaus osoitteeseen maija.meikalainen@example.fi kiitos", "maija.meikalainen@example.fi"],
    ["Svara till anna+kommun@post.example.se.", "anna+kommun@post.example.se"],
    ["mail me at JOHN_DOE@Example.COM", "JOHN_DOE@Example.COM"],
    ["sähköposti: äiti@esimerkki.fi", "äiti@esimerkki.fi"],
  ])("%s", (text, email) => {
    expect(kinds(text)).toEqual([["email", email]]);
  });

  it("replaces in the ticket's language", () => {
    expect(redact("a@b.fi", { language: "sv" }).text).toBe("[e-post]");
    expect(redact("a@b.fi", { language: "en" }).text).toBe("[email]");
    expect(redact("a@b.fi").text).toBe("[sähköposti]");
  });
});

describe("phone numbers", () => {
  it.each([
    "040 123 4567",
    "040-1234567",
    "0401234567",
    "+358 40 123 4567",
    "+358401234567",
    "+358 (0)40 123 4567",
    "00358 50 987 6543",
    "09 310 1111",
    "(09) 310 1111",
    "03-565 6000",
    "+46 70 123 45 67",
    "+44 20 7946 0958",
    "+1 555 123 4567",
    "045 1234 567",
  ])("finds %s", (phone) => {
    expect(kinds(`Soita numeroon ${phone} iltaisin.`)).toEqual([["phone", phone]]);
  });

  it.each([
    "Kuoppa on ollut siellä 12.3.2026 lähtien.",
    "Asia YH-2026-000123 on kesken.",
    "Päivämäärä 2026-03-12 ja summa 1500 euroa.",
    "Bussi 12 ja linja 3 kulkevat ohi.",
    "Lämpötila oli -15 astetta ja tuuli 12 m/s.",
    "Postinumero 33100 Tampere.",
  ])("leaves %s", (text) => {
    expect(kinds(text)).toEqual([]);
  });
});

describe("vehicle registration numbers", () => {
  it.each([
    ["Auto ABC-123 on pysäköity jalkakäytävälle.", "ABC-123"],
    ["Bilen XYZ-9 står här.", "XYZ-9"],
    ["The car KLM-45 was parked there.", "KLM-45"],
    ["Rekisterissä ÅÄÖ-321.", "ÅÄÖ-321"],
  ])("%s", (text, plate) => {
    expect(kinds(text)).toEqual([["vehicle", plate]]);
  });

  it("leaves references and road numbers", () => {
    expect(kinds("Viite YH-2026-000123, valtatie 3, E-18")).toEqual([]);
  });
});

describe("names", () => {
  it.each([
    ["Terveisin Anna Virtanen", "Anna Virtanen"],
    ["Kiitos paljon!\nt. Matti", "Matti"],
    ["Kiitos paljon!\nT. Pentti Korhonen", "Pentti Korhonen"],
    ["Ystävällisin terveisin\nJari Kumpulainen", "Jari Kumpulainen"],
    ["Med vänliga hälsningar, Karin Lindqvist", "Karin Lindqvist"],
    ["Hälsningar\nBo", "Bo"],
    ["Best regards, Jane Doe", "Jane Doe"],
    ["Kind regards,\nJohn Smith", "John Smith"],
    ["Nimeni on Xerxes Qvist ja asun lähellä.", "Xerxes Qvist"],
    ["Jag heter Zacharias Quist.", "Zacharias Quist"],
    ["My name is Zed Quux.", "Zed Quux"],
    ["Naapurini Pekka Mäkinen valitti myös.", "Pekka Mäkinen"],
    ["Puhuin rouva Zyskowskin kanssa.", "Zyskowskin"],
    ["Mr Brown said the lamp is broken.", "Brown"],
    ["Mikan koira haukkuu. Kysykää Virtaselta.", "Mikan"],
    ["Anna-Liisa Koskinen näki sen.", "Anna-Liisa Koskinen"],
    ["Talon omistaa herra Korhonen.", "Korhonen"],
  ])("%s", (text, name) => {
    expect(
      findPersonalData(text)
        .filter((r) => r.kind === "name")
        .map((r) => r.original),
    ).toEqual([name]);
  });

  it("leaves ordinary words, places and lower-case words", () => {
    for (const text of [
      "Hämeenkadun katuvalo ei toimi.",
      "Katulamppu on rikki Hervannassa.",
      "Lumi on auraamatta ja tie on liukas.",
      "Gatlyktan på Storgatan är trasig.",
      "The street light on Main Road is out.",
      "mäki on jäinen ja koski tulvii",
    ])
      expect(kinds(text)).toEqual([]);
  });

  it("uses the language's placeholder", () => {
    expect(redact("Hälsningar, Karin Lindqvist", { language: "sv" }).text).toBe("Hälsningar, [namn]");
    expect(redact("Regards, John Smith", { language: "en" }).text).toBe("Regards, [name]");
  });
});

describe("street numbers", () => {
  it.each([
    ["Asun osoitteessa Kotikatu 5 B 12 ja roskis on rikki.", "Asun osoitteessa Kotikatu ja roskis on rikki."],
    ["Kuoppa Hämeenkadun 10 kohdalla.", "Kuoppa Hämeenkadun kohdalla."],
    ["Lampa vid Storgatan 3 är trasig.", "Lampa vid Storgatan är trasig."],
    ["Pihatie 12a:n edessä", "Pihatie:n edessä"],
    ["Rantatie 7 as. 3 portti", "Rantatie portti"],
  ])("%s", (text, expected) => {
    expect(redact(text, { streetNumbers: true }).text).toBe(expected);
  });

  it("are kept unless the organisation asks to remove them", () => {
    expect(redact("Kuoppa Hämeenkadun 10 kohdalla.").text).toBe("Kuoppa Hämeenkadun 10 kohdalla.");
  });
});

describe("a whole message", () => {
  const text = [
    "Hei! Katuvalo Kotikatu 5:n edessä on ollut pimeänä viikon.",
    "Naapuri Liisa Heikkinen soitti jo, mutta mitään ei tapahtunut.",
    "Auto ABC-123 on myös parkissa jalkakäytävällä.",
    "Voitte soittaa 040 765 4321 tai laittaa viestiä maija@example.test.",
    "Hetuni jos tarvitsette: 131052-308T.",
    "",
    "Ystävällisin terveisin",
    "Maija Meikäläinen",
  ].join("\n");

  it("finds every piece, in order, without overlaps", () => {
    const removals = findPersonalData(text, { streetNumbers: true });
    expect(removals.map((r) => [r.kind, r.original])).toEqual([
      ["street_number", " 5"],
      ["name", "Liisa Heikkinen"],
      ["vehicle", "ABC-123"],
      ["phone", "040 765 4321"],
      ["email", "maija@example.test"],
      ["personal_id", "131052-308T"],
      ["name", "Maija Meikäläinen"],
    ]);
    for (let i = 1; i < removals.length; i++)
      expect((removals[i] as { start: number }).start).toBeGreaterThanOrEqual((removals[i - 1] as { end: number }).end);
    const out = applyRemovals(text, removals);
    for (const secret of ["Liisa", "Heikkinen", "ABC-123", "765 4321", "maija@", "131052", "Meikäläinen"])
      expect(out).not.toContain(secret);
    expect(out).toContain("Katuvalo Kotikatu:n edessä");
  });

  it("lets the handler undo one removal", () => {
    const removals = findPersonalData(text).filter((r) => r.kind !== "vehicle");
    const out = applyRemovals(text, removals);
    expect(out).toContain("ABC-123");
    expect(out).not.toContain("Heikkinen");
  });

  it("returns the text unchanged when there is nothing to remove", () => {
    expect(redact("Puiston roskis on täynnä.")).toEqual({ text: "Puiston roskis on täynnä.", removals: [] });
  });
});
