import { describe, expect, it } from "vitest";
import { richText, richTextToPlain, sanitiseRichText, textToHtml } from "./richtext.ts";

describe("sanitising rich text", () => {
  it("keeps paragraphs, emphasis, lists and safe links", () => {
    const html =
      '<p>Hei <b>Maija</b>, <i>kiitos</i>!</p><ul><li>yksi</li><li>kaksi</li></ul><p><a href="https://example.fi/a?b=1&amp;c=2">ohje</a> <a href="mailto:kirjaamo@example.fi">kirjaamo@example.fi</a></p>';
    expect(sanitiseRichText(html)).toBe(
      '<p>Hei <strong>Maija</strong>, <em>kiitos</em>!</p><ul><li>yksi</li><li>kaksi</li></ul><p><a href="https://example.fi/a?b=1&amp;c=2" rel="noopener noreferrer">ohje</a> <a href="mailto:kirjaamo@example.fi" rel="noopener noreferrer">kirjaamo@example.fi</a></p>',
    );
  });

  it("strips scripts, styles, event handlers, images and javascript: or data: links", () => {
    const html = [
      '<p onclick="alert(1)" style="color:red" class="x">Teksti<script>alert(\'x\')</script></p>',
      "<style>p { display: none }</style>",
      '<img src="https://tracker.example/p.gif" onerror="alert(2)">',
      '<p><a href="javascript:alert(3)">paha</a> <a href=" JaVaScRiPt:alert(4)">paha2</a> <a href="java&#x09;script:alert(5)">paha3</a></p>',
      '<p><a href="data:text/html,<script>alert(6)</script>">data</a> <a href="//evil.example">suhteellinen</a></p>',
      '<iframe src="https://evil.example"></iframe><svg onload="alert(7)"><circle/></svg>',
      '<p><a href="https://ok.example" target="_blank" onmouseover="alert(8)">ok</a></p>',
    ].join("");
    const safe = sanitiseRichText(html);
    expect(safe).toBe(
      '<p>Teksti</p><p>paha paha2 paha3</p><p>data suhteellinen</p><p><a href="https://ok.example" rel="noopener noreferrer">ok</a></p>',
    );
    for (const bad of [
      "script",
      "style",
      "onclick",
      "onerror",
      "onload",
      "onmouseover",
      "javascript",
      "data:",
      "img",
      "iframe",
      "svg",
      "target",
    ])
      expect(safe.toLowerCase()).not.toContain(bad);
  });

  it("drops empty paragraphs and turns headings and divs into paragraphs", () => {
    expect(sanitiseRichText("<div>Yksi</div><p><br></p><p> </p><h1>Kaksi</h1>")).toBe("<p>Yksi</p><p>Kaksi</p>");
  });
});

describe("plain text of rich text", () => {
  it("separates paragraphs, numbers ordered lists and spells out links", () => {
    const { text } = richText(
      '<p>Hei Maija,</p><p>rivi<br>toinen rivi &amp; &lt;merkit&gt;</p><ol><li>yksi</li><li><p>kaksi</p></li></ol><ul><li>a</li></ul><p>Katso <a href="https://example.fi/ohje">ohje</a> tai <a href="https://example.fi">https://example.fi</a> tai <a href="mailto:k@example.fi">k@example.fi</a>.</p>',
    );
    expect(text).toBe(
      "Hei Maija,\n\nrivi\ntoinen rivi & <merkit>\n\n1. yksi\n2. kaksi\n\n- a\n\nKatso ohje (https://example.fi/ohje) tai https://example.fi tai k@example.fi.",
    );
  });

  it("collapses the whitespace of the HTML source", () => {
    expect(richTextToPlain("<p>\n  Yksi\n  kaksi  </p>\n<p>kolme&nbsp;neljä</p>")).toBe("Yksi kaksi\n\nkolme neljä");
  });

  it("turns plain text into paragraphs, escaped", () => {
    expect(textToHtml("Hei <b>\n\nrivi\ntoinen")).toBe("<p>Hei &lt;b&gt;</p>\n<p>rivi<br>toinen</p>");
  });
});
