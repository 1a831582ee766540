/**
 * Text written by the city's content admins, shown safely: blank lines make paragraphs, lines
 * beginning with "- " make a list, and [text](https://…) or bare https:// addresses make links.
 * Everything else is text: no HTML is ever interpreted.
 */
import type { ReactNode } from "react";

const LINK = /\[([^\]\n]{1,200})\]\((https?:\/\/[^\s)]{1,500})\)|(https?:\/\/[^\s<>()]{1,500}[^\s<>().,;:!?])/g;

function inline(text: string): ReactNode[] {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const index = match.index ?? 0;
    if (index > last) parts.push(text.slice(last, index));
    const href = match[2] ?? match[3] ?? "";
    parts.push(
      <a key={index} href={href} rel="noopener noreferrer" target="_blank">
        {match[1] ?? href}
      </a>,
    );
    last = index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

export function RichText({ text }: { text: string }) {
  const blocks = text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  return (
    <>
      {blocks.map((block, i) => {
        const lines = block.split("\n");
        if (lines.every((l) => /^\s*- /.test(l)))
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the blocks of one text never reorder
            <ul key={i}>
              {lines.map((l, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: as above
                <li key={j}>{inline(l.replace(/^\s*- /, ""))}</li>
              ))}
            </ul>
          );
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the blocks of one text never reorder
          <p key={i}>{lines.flatMap((l, j) => (j === 0 ? inline(l) : [<br key={`br${j}`} />, ...inline(l)]))}</p>
        );
      })}
    </>
  );
}
