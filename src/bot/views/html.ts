import { escapeHtml } from "../../shared/escape-html.ts";

/** Views take the escaper from here, with the other HTML helpers. */
export { escapeHtml };

/** Telegram's limit on a message's text, in characters after entity parsing. */
export const MESSAGE_LIMIT = 4096;

/**
 * Splits an HTML message into parts under Telegram's limit, at line breaks. Our views keep
 * every tag within one line, so a part never ends inside a tag.
 */
export function splitMessage(html: string, limit = MESSAGE_LIMIT): string[] {
  // Most messages fit whole: what Telegram counts is never longer than the HTML. (Below, leading
  // blank lines are dropped.)
  if (html.length <= limit && html !== "" && !html.startsWith("\n")) return [html];
  const parts: string[] = [];
  let current = "";
  // Tags and entities stay within a line, so a part's length is the sum of its lines' (and breaks).
  let currentLength = 0;
  for (const line of html.split("\n").flatMap((l) => cutLongLine(l, limit))) {
    const length = visibleLength(line);
    if (current !== "" && currentLength + 1 + length > limit) {
      parts.push(current);
      current = line;
      currentLength = length;
    } else if (current === "") {
      current = line;
      currentLength = length;
    } else {
      current = `${current}\n${line}`;
      currentLength += 1 + length;
    }
  }
  if (current !== "") parts.push(current);
  return parts;
}

/** Characters Telegram counts: text without tags, entities decoded. */
export function visibleLength(html: string): number {
  return html.replace(/<[^>]*>/g, "").replace(/&(amp|lt|gt|quot);/g, "x").length;
}

/** A single line longer than the limit loses its markup and is cut into plain pieces. */
function cutLongLine(line: string, limit: number): string[] {
  if (visibleLength(line) <= limit) return [line];
  const plain = line
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
  const pieces: string[] = [];
  for (let i = 0; i < plain.length; ) {
    const piece = cutAt(plain.slice(i), limit - 16);
    pieces.push(escapeHtml(piece));
    i += piece.length;
  }
  return pieces;
}

/**
 * The first `max` UTF-16 units of `text`, one fewer rather than half an emoji: a lone half of a
 * surrogate pair is not UTF-8, and Telegram refuses the whole message.
 */
export function cutAt(text: string, max: number): string {
  const end = /[\uD800-\uDBFF]/.test(text[max - 1] ?? "") ? max - 1 : max;
  return text.slice(0, end);
}

/** What the user typed, as quoted back to them: one line, at most 60 characters. */
export function quoteTyped(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 60 ? `${cutAt(line, 59)}…` : line;
}
