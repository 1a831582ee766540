/** RSS 2.0 and JSON Feed 1.1 of published contacts: the public text and the city's answer. */
import type { Language, LocalizedText, PublishedFeedback } from "@yhteys/contracts";
import { escapeXml } from "../open311/open311.xml.ts";

export type FeedInfo = { title: string; homePage: string; feedUrl: string; language: Language };

const nameIn = (text: LocalizedText, language: Language) => text[language] || text.fi;

const answerLabel: Record<Language, string> = { fi: "Vastaus", sv: "Svar", en: "Answer" };

const itemTitle = (item: PublishedFeedback, language: Language) =>
  `${nameIn(item.category.name, language)}${item.area ? `, ${nameIn(item.area.name, language)}` : ""} (${item.reference})`;

const itemText = (item: PublishedFeedback, language: Language) =>
  item.answer ? `${item.text}\n\n${answerLabel[language]}: ${item.answer}` : item.text;

const itemLink = (info: FeedInfo, item: PublishedFeedback) => `${info.homePage}/${encodeURIComponent(item.reference)}`;

export function rssFeed(info: FeedInfo, items: PublishedFeedback[]): string {
  const el = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;
  const entries = items.map((item) =>
    [
      "<item>",
      el("title", itemTitle(item, info.language)),
      el("link", itemLink(info, item)),
      `<guid isPermaLink="true">${escapeXml(itemLink(info, item))}</guid>`,
      el("description", itemText(item, info.language)),
      el("category", nameIn(item.category.name, info.language)),
      el("pubDate", new Date(item.publishedAt).toUTCString()),
      "</item>",
    ].join(""),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>',
    el("title", info.title),
    el("link", info.homePage),
    el("description", info.title),
    el("language", info.language),
    `<atom:link href="${escapeXml(info.feedUrl)}" rel="self" type="application/rss+xml"/>`,
    ...entries,
    "</channel></rss>",
  ].join("\n");
}

export function jsonFeed(info: FeedInfo, items: PublishedFeedback[]) {
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: info.title,
    home_page_url: info.homePage,
    feed_url: info.feedUrl,
    language: info.language,
    items: items.map((item) => ({
      id: item.reference,
      url: itemLink(info, item),
      title: itemTitle(item, info.language),
      content_text: itemText(item, info.language),
      date_published: item.publishedAt,
      date_modified: item.updatedAt,
      tags: [nameIn(item.category.name, info.language)],
    })),
  };
}
