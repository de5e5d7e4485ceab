/** Message texts as Telegram reads them: HTML parse mode, lengths after parsing. */
import type { MessageEntity } from "grammy/types";
import { badRequest, cantParse, refused } from "./errors.ts";

const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;
const MAX_CALLBACK_ANSWER = 200;
export const MAX_CALLBACK_DATA_BYTES = 64;

/**
 * Length after entity parsing and trimming, in UTF-16 code units as Telegram counts entity
 * offsets. An emoji counts 2: stricter than counting characters, so a text that passes here
 * passes Telegram whichever way it counts.
 */
const telegramLength = (text: string) => text.length;

export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

/** Half of a surrogate pair: what slicing a string in the middle of an emoji leaves. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Parses `source` per `parseMode` into text + entities, trimmed like Telegram trims messages. */
export function formatText(source: unknown, parseMode: unknown, entities: unknown): FormattedText {
  const text = source === undefined || source === null ? "" : String(source);
  if (LONE_SURROGATE.test(text)) throw refused("strings must be encoded in UTF-8");
  // The Bot API matches parse_mode case-insensitively ("html" works too).
  switch (typeof parseMode === "string" ? parseMode.toLowerCase() : parseMode) {
    case undefined:
    case null:
    case "":
      return trimFormatted({ text, entities: Array.isArray(entities) ? (entities as MessageEntity[]) : [] });
    case "html":
      return trimFormatted(new HtmlParser(text).parse());
    case "markdownv2":
      return trimFormatted(parseMarkdownV2Roughly(text));
    case "markdown":
      // Legacy Markdown: markers are dropped, nothing is rejected. We do not use it.
      return trimFormatted({ text: text.replace(/[*_`[\]]/g, ""), entities: [] });
    default:
      throw badRequest("unsupported parse_mode");
  }
}

export function checkMessageText(formatted: FormattedText): void {
  if (formatted.text.length === 0) throw refused("message text is empty");
  if (telegramLength(formatted.text) > MAX_TEXT) throw refused("message is too long");
}

export function checkCaption(formatted: FormattedText): void {
  if (telegramLength(formatted.text) > MAX_CAPTION) throw refused("message caption is too long");
}

/** The notification text of an answered button press: plain text, at most 200 characters. */
export function checkCallbackAnswer(text: unknown): void {
  if (text !== undefined && telegramLength(String(text)) > MAX_CALLBACK_ANSWER) throw refused("MESSAGE_TOO_LONG");
}

/** Telegram strips surrounding whitespace; entities are clipped to what remains. */
function trimFormatted({ text, entities }: FormattedText): FormattedText {
  const start = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const end = start + trimmed.length;
  const clipped = entities.flatMap((entity) => {
    const from = Math.max(entity.offset, start);
    const to = Math.min(entity.offset + entity.length, end);
    return to > from ? [{ ...entity, offset: from - start, length: to - from }] : [];
  });
  return { text: trimmed, entities: clipped };
}

/** Outer entities first, as Telegram sorts them. */
const byPosition = (a: MessageEntity, b: MessageEntity) => a.offset - b.offset || b.length - a.length;

const HTML_ENTITY_TYPES: Record<string, string> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  "tg-spoiler": "spoiler",
  span: "spoiler",
  code: "code",
  pre: "pre",
  blockquote: "blockquote",
  a: "text_link",
  "tg-emoji": "custom_emoji",
};

const CHARACTER_REFERENCE = /&(?:(lt|gt|amp|quot)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));/y;
const NAMED_REFERENCES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

interface OpenTag {
  name: string;
  argument: string;
  /** Where the entity starts in the output, in UTF-16 code units. */
  offset: number;
}

/**
 * Telegram's HTML subset, after tdlib's parser (same error messages), with one deliberate
 * strictness: a bare "&" in text is rejected. Telegram tolerates it, but its docs require
 * &amp;, and an unescaped "&" means user data went in unescaped - the same data with a "<"
 * would break the message in production.
 */
class HtmlParser {
  private out = "";
  private i = 0;
  private readonly open: OpenTag[] = [];
  private readonly entities: MessageEntity[] = [];
  /** A <code class="language-x"> just closed: a <pre> closing around it becomes pre + language. */
  private codeLanguage?: { offset: number; length: number; language: string };

  constructor(private readonly src: string) {}

  parse(): FormattedText {
    while (this.i < this.src.length) {
      const c = this.src[this.i];
      if (c === "&") this.out += this.readReference(true) ?? "";
      else if (c === "<" && this.src[this.i + 1] === "/") this.readEndTag();
      else if (c === "<") this.readStartTag();
      else {
        this.out += c;
        this.i++;
      }
    }
    const unclosed = this.open.at(-1);
    if (unclosed) throw cantParse(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
    return { text: this.out, entities: this.entities.sort(byPosition) };
  }

  /** Decodes &lt; &gt; &amp; &quot; &#NN; &#xHH;. A bare "&" throws when `strict`, else stays. */
  private readReference(strict: boolean): string | undefined {
    CHARACTER_REFERENCE.lastIndex = this.i;
    const match = CHARACTER_REFERENCE.exec(this.src);
    const code = match?.[2] ? Number(match[2]) : match?.[3] ? Number.parseInt(match[3], 16) : undefined;
    const decoded = match?.[1]
      ? NAMED_REFERENCES[match[1]]
      : code && code < 0x110000
        ? String.fromCodePoint(code)
        : undefined;
    if (match && decoded !== undefined) {
      this.i += match[0].length;
      return decoded;
    }
    if (strict) throw cantParse(`Character "&" at byte offset ${this.byteOffset(this.i)} must be written as &amp;`);
    return undefined;
  }

  private readStartTag(): void {
    const begin = this.i++;
    while (this.i < this.src.length && !isSpace(this.src[this.i]) && this.src[this.i] !== ">") this.i++;
    if (this.i >= this.src.length) throw cantParse(`Unclosed start tag at byte offset ${this.byteOffset(begin)}`);
    const name = this.src.slice(begin + 1, this.i).toLowerCase();
    if (!Object.hasOwn(HTML_ENTITY_TYPES, name)) {
      throw cantParse(`Unsupported start tag "${name}" at byte offset ${this.byteOffset(begin)}`);
    }
    const attributes = this.readAttributes(name, begin);
    this.i++; // the ">"
    this.open.push({ name, argument: this.tagArgument(name, attributes, begin), offset: this.out.length });
  }

  /** Reads `name="value"` pairs up to the closing ">" (left unread). */
  private readAttributes(tag: string, begin: number): Map<string, string> {
    const attributes = new Map<string, string>();
    for (;;) {
      this.skipSpaces();
      if (this.i >= this.src.length) throw cantParse(`Unclosed start tag at byte offset ${this.byteOffset(begin)}`);
      if (this.src[this.i] === ">") return attributes;
      const nameStart = this.i;
      while (this.i < this.src.length && !isSpace(this.src[this.i]) && !"=>".includes(this.src[this.i] ?? "")) this.i++;
      const name = this.src.slice(nameStart, this.i).toLowerCase();
      if (!name) throw cantParse(`Empty attribute name in the tag "${tag}" at byte offset ${this.byteOffset(begin)}`);
      this.skipSpaces();
      if (this.src[this.i] !== "=") {
        // `<blockquote expandable>` is the one attribute without a value.
        if (tag === "blockquote" && name === "expandable") {
          attributes.set(name, "");
          continue;
        }
        throw cantParse(
          `Expected equal sign in declaration of an attribute of the tag "${tag}" at byte offset ${this.byteOffset(begin)}`,
        );
      }
      this.i++;
      this.skipSpaces();
      if (this.i >= this.src.length)
        throw cantParse(`Unclosed start tag "${tag}" at byte offset ${this.byteOffset(begin)}`);
      attributes.set(name, this.readAttributeValue(begin));
    }
  }

  private readAttributeValue(begin: number): string {
    const quote = this.src[this.i];
    if (quote !== '"' && quote !== "'") {
      // An unquoted name token: letters, digits, periods, hyphens.
      const tokenStart = this.i;
      while (/[A-Za-z0-9.-]/.test(this.src[this.i] ?? "")) this.i++;
      if (this.i >= this.src.length || (!isSpace(this.src[this.i]) && this.src[this.i] !== ">")) {
        throw cantParse(`Unexpected end of name token at byte offset ${this.byteOffset(tokenStart)}`);
      }
      return this.src.slice(tokenStart, this.i).toLowerCase();
    }
    let value = "";
    this.i++;
    while (this.i < this.src.length && this.src[this.i] !== quote) {
      // Inside attributes a bare "&" stays, as in Telegram: URLs often carry query strings.
      const decoded = this.src[this.i] === "&" ? this.readReference(false) : undefined;
      if (decoded !== undefined) value += decoded;
      else value += this.src[this.i++];
    }
    if (this.i >= this.src.length) throw cantParse(`Unclosed start tag at byte offset ${this.byteOffset(begin)}`);
    this.i++;
    return value;
  }

  /** The part of a tag that matters for its entity: href, code language, emoji id... */
  private tagArgument(tag: string, attributes: Map<string, string>, begin: number): string {
    switch (tag) {
      case "a":
        return attributes.get("href") ?? "";
      case "code": {
        const cls = attributes.get("class") ?? "";
        return cls.startsWith("language-") ? cls.slice("language-".length) : "";
      }
      case "span":
        if (attributes.get("class") !== "tg-spoiler") {
          throw cantParse(`Tag "span" must have class "tg-spoiler" at byte offset ${this.byteOffset(begin)}`);
        }
        return "";
      case "tg-emoji": {
        const id = attributes.get("emoji-id");
        if (!id)
          throw cantParse(`Tag "tg-emoji" must have attribute "emoji-id" at byte offset ${this.byteOffset(begin)}`);
        return id;
      }
      case "blockquote":
        return attributes.has("expandable") ? "expandable" : "";
      default:
        return "";
    }
  }

  private readEndTag(): void {
    const begin = this.i;
    this.i += 2;
    const nameStart = this.i;
    while (this.i < this.src.length && !isSpace(this.src[this.i]) && this.src[this.i] !== ">") this.i++;
    const name = this.src.slice(nameStart, this.i).toLowerCase();
    this.skipSpaces();
    if (this.src[this.i] !== ">") throw cantParse(`Unclosed end tag at byte offset ${this.byteOffset(begin)}`);
    this.i++;
    const tag = this.open.pop();
    if (!tag) throw cantParse(`Unexpected end tag at byte offset ${this.byteOffset(begin)}`);
    if (name && name !== tag.name) {
      throw cantParse(
        `Unmatched end tag at byte offset ${this.byteOffset(begin)}, expected "</${tag.name}>", found "</${name}>"`,
      );
    }
    this.addEntity(tag);
  }

  private addEntity(tag: OpenTag): void {
    const offset = tag.offset;
    const length = this.out.length - offset;
    if (length === 0) return; // Telegram drops empty entities
    const last = this.entities.at(-1);
    const language = this.codeLanguage;
    this.codeLanguage = undefined;
    if (tag.name === "pre" && last?.type === "code" && language?.offset === offset && language.length === length) {
      this.entities[this.entities.length - 1] = { type: "pre", offset, length, language: language.language };
      return;
    }
    if (tag.name === "code" && tag.argument) this.codeLanguage = { offset, length, language: tag.argument };
    this.entities.push(this.entityFor(tag, offset, length));
  }

  private entityFor(tag: OpenTag, offset: number, length: number): MessageEntity {
    const type = HTML_ENTITY_TYPES[tag.name] ?? "bold";
    if (type === "text_link") return { type, offset, length, url: tag.argument || this.out.slice(offset) };
    if (type === "custom_emoji") return { type, offset, length, custom_emoji_id: tag.argument };
    if (type === "blockquote" && tag.argument === "expandable")
      return { type: "expandable_blockquote", offset, length };
    return { type, offset, length } as MessageEntity;
  }

  private skipSpaces(): void {
    while (this.i < this.src.length && isSpace(this.src[this.i])) this.i++;
  }

  /** Telegram reports positions in UTF-8 bytes. */
  private byteOffset(index: number): number {
    return Buffer.byteLength(this.src.slice(0, index), "utf8");
  }
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/**
 * A rough MarkdownV2 check: after escapes and formatting markers are set aside, any reserved
 * character left is an error, as Telegram would say. Entities are not built; motcua uses HTML.
 */
function parseMarkdownV2Roughly(source: string): FormattedText {
  let text = "";
  for (let i = 0; i < source.length; i++) {
    const c = source[i] ?? "";
    const lineStart = i === 0 || source[i - 1] === "\n";
    if (c === "\\") text += source[++i] ?? "";
    else if ("*_~|`[]()".includes(c) || (c === ">" && lineStart)) continue;
    else if ("#+-={}.!>".includes(c)) {
      throw cantParse(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);
    } else text += c;
  }
  return { text, entities: [] };
}
