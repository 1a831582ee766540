import { describe, expect, it } from "vitest";
import { contrastRatio, formatRatio, mix, relativeLuminance, rgbChannels } from "./contrast.ts";
import { checkContrast, defaultTheme, primaryHover } from "./theme.ts";

describe("WCAG contrast", () => {
  it("computes the relative luminance of black, white and a mid grey", () => {
    expect(relativeLuminance("#000000")).toBe(0);
    expect(relativeLuminance("#ffffff")).toBe(1);
    // #777777: 0x77/255 = 0.4667 → ((0.4667 + 0.055) / 1.055)^2.4 = 0.1845
    expect(relativeLuminance("#777777")).toBeCloseTo(0.1845, 4);
  });

  it("gives the ratios that published checkers give", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBe(21);
    expect(contrastRatio("#ffffff", "#ffffff")).toBe(1);
    // The classic smallest grey that passes AA on white, and the one just above it that fails.
    expect(formatRatio(contrastRatio("#767676", "#ffffff"))).toBe("4.54:1");
    expect(formatRatio(contrastRatio("#777777", "#ffffff"))).toBe("4.47:1");
    // Order does not matter.
    expect(contrastRatio("#ffffff", "#767676")).toBe(contrastRatio("#767676", "#ffffff"));
    // WebAIM: #0000ff on white 8.59:1, #ff0000 on white 3.99:1, #949494 on white 3.03:1.
    expect(formatRatio(contrastRatio("#0000ff", "#ffffff"))).toBe("8.59:1");
    expect(formatRatio(contrastRatio("#ff0000", "#ffffff"))).toBe("3.99:1");
    expect(formatRatio(contrastRatio("#949494", "#ffffff"))).toBe("3.03:1");
  });

  it("reads three- and six-digit colours and refuses others", () => {
    expect(rgbChannels("#fA0")).toEqual([255, 170, 0]);
    expect(rgbChannels("#0b5394")).toEqual([11, 83, 148]);
    expect(() => rgbChannels("red")).toThrow();
    expect(() => rgbChannels("#12345")).toThrow();
  });

  it("rounds a ratio down, so that a failing one never reads as 4.50", () => {
    expect(formatRatio(4.4999)).toBe("4.49:1");
    expect(formatRatio(3)).toBe("3.00:1");
  });

  it("mixes colours channel by channel", () => {
    expect(mix("#ffffff", "#000000", 0.5)).toBe("#808080");
    expect(mix("#0b5394", "#0b5394", 0.3)).toBe("#0b5394");
    expect(mix("#000000", "#ffffff", 0)).toBe("#000000");
  });
});

describe("theme contrast pairs", () => {
  it("passes with the design tokens' own colours", () => {
    expect(checkContrast(defaultTheme.colours).filter((c) => !c.passes)).toEqual([]);
  });

  it("fails a pair below its minimum and reports the measured ratio", () => {
    const checks = checkContrast({ ...defaultTheme.colours, primary: "#767676" });
    const button = checks.find((c) => c.id === "primaryText-primary");
    expect(button).toMatchObject({ passes: true, minimum: 4.5 });
    expect(formatRatio(button?.ratio ?? 0)).toBe("4.54:1");
    const yellow = checkContrast({ ...defaultTheme.colours, focus: "#1a1f24" }).find((c) => c.id === "focus-text");
    expect(yellow).toMatchObject({ passes: false, ratio: 1 });
  });

  it("darkens the hover shade under light text and lightens it under dark text", () => {
    expect(primaryHover({ primary: "#0b5394", primaryText: "#ffffff" })).toBe(mix("#0b5394", "#000000", 0.25));
    expect(primaryHover({ primary: "#ffbf47", primaryText: "#000000" })).toBe(mix("#ffbf47", "#ffffff", 0.25));
  });
});
