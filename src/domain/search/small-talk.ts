import { foldedTokens } from "../text/fold.ts";
import { type QueryWords, type SmallTalkKind, smallTalkKinds } from "./query-words.ts";

/** Longest small-talk phrase, in words. */
const MAX_PHRASE_WORDS = 4;
/** Messages longer than this are never only small talk. */
const MAX_WORDS = 8;

/**
 * Tells a message that is only small talk ("dạ cảm ơn bạn", "ok", "alo", "?", an emoji) from a
 * search: every word must be small talk or filler. The kind says how to answer; a thank-you
 * outranks the "dạ" or "ok" that comes with it.
 */
export class SmallTalk {
  private readonly kinds = new Map<string, SmallTalkKind | "filler">();

  constructor(words: QueryWords, stopwords: readonly string[]) {
    for (const w of [...stopwords, ...words.fillers]) this.kinds.set(foldedTokens(w).join(" "), "filler");
    // Listed last: a word that is both ("dạ", "được") counts as small talk.
    for (const kind of [...smallTalkKinds].reverse())
      for (const w of words.smallTalk[kind]) this.kinds.set(foldedTokens(w).join(" "), kind);
  }

  /** The kind of small talk `text` is, or undefined when it asks for something. */
  classify(text: string): SmallTalkKind | undefined {
    const tokens = foldedTokens(text);
    if (tokens.length === 0) return "empty";
    if (tokens.length > MAX_WORDS) return undefined;
    const found = new Set<SmallTalkKind | "filler">();
    for (let i = 0; i < tokens.length; ) {
      const n = this.longest(tokens, i);
      if (n === 0) return undefined;
      found.add(this.kinds.get(tokens.slice(i, i + n).join(" ")) as SmallTalkKind | "filler");
      i += n;
    }
    return smallTalkKinds.find((k) => found.has(k)) ?? "empty";
  }

  private longest(tokens: string[], start: number): number {
    for (let n = Math.min(MAX_PHRASE_WORDS, tokens.length - start); n >= 1; n--) {
      if (this.kinds.has(tokens.slice(start, start + n).join(" "))) return n;
    }
    return 0;
  }
}
