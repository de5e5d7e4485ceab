import type { SynonymsFile } from "../catalog/schema.ts";
import { foldedTokens, foldVietnamese, markedTokens, toneKey } from "../text/fold.ts";
import { type Facet, facets, type QueryWords } from "./query-words.ts";
import { isEnglish, type Vocabulary } from "./vocabulary.ts";

/** One thing the citizen asked for: a word, or an everyday phrase with its official meaning. */
export interface QueryUnit {
  /** Folded words of the catalog that satisfy it (a corrected word, or a phrase's meaning). */
  means: string[];
  /** The folded words as typed; a procedure using them directly also satisfies the unit. */
  typed: string[];
  /** False when no catalog word is close: the unit lowers confidence in every procedure. */
  known: boolean;
  /** True when the word was repaired by one edit: a guess, weighed like an unknown word. */
  guessed?: boolean;
  /** Letters and tone of a single word typed with tone marks (see `toneKey`). */
  tone?: string;
  /** True in a side clause ("để vay ngân hàng mua nhà"): it says why, not what is asked for. */
  aside?: boolean;
}

/** A query read: what it asks for, and which parts of the answer it asks about, in order. */
export interface ParsedQuery {
  units: QueryUnit[];
  facets: Facet[];
}

/** Longest everyday phrase we look for, in words. */
const MAX_PHRASE_WORDS = 6;
/** Longest query we read, in words: beyond that a message is not a search. */
const MAX_QUERY_WORDS = 24;

/**
 * A stopword keeps the tones it was written with, to tell "cần" (need) from "căn" (căn cước);
 * a question phrase ("bao nhiêu tiền") is a stopword that names the facet asked about.
 */
type PhraseMeaning =
  | { stop: true; tones: Set<string>; facet?: Facet; needsMarks?: boolean; aside?: boolean }
  | { stop: false; means: string[]; tones: Set<string> };

/** Turns a typed query into units, using the synonyms, stopwords, query words and the catalog's words. */
export class QueryParser {
  private readonly phrases = new Map<string, PhraseMeaning>();

  constructor(
    synonyms: SynonymsFile,
    private readonly vocabulary: Vocabulary,
    words: QueryWords,
  ) {
    // A greeting or a thank-you inside a query ("xin chào, cho hỏi...") carries no meaning either.
    for (const word of [...synonyms.stopwords, ...synonyms.greetings]) this.addStop(word);
    for (const word of [...words.fillers, ...Object.values(words.smallTalk).flat()]) this.addQueryWord(word);
    for (const facet of facets) for (const word of words.facets[facet]) this.addQueryWord(word, facet);
    for (const word of words.asides) {
      this.addQueryWord(word);
      const meaning = this.phrases.get(foldedTokens(word).join(" "));
      if (meaning?.stop) meaning.aside = true;
    }
    for (const entry of synonyms.synonyms) {
      const means = this.meaningful(entry.means.flatMap(markedTokens));
      for (const phrase of entry.phrases) {
        const key = foldedTokens(phrase).join(" ");
        const known = this.phrases.get(key);
        // A phrase listed under several meanings means all of them; a synonym outranks a stopword.
        const merged = known && !known.stop ? [...known.means, ...means] : means;
        const tones = known && !known.stop ? known.tones : new Set<string>();
        tones.add(phraseTones(markedTokens(phrase)));
        this.phrases.set(key, { stop: false, means: [...new Set(merged)], tones });
      }
    }
  }

  /**
   * A question or filler word. One that spells a catalog word without its marks ("thì"/"thi",
   * "vâng"/"vắng", "nha"/"nhà") is only a filler when typed with its own marks: typed bare, it
   * may be the catalog's word.
   */
  private addQueryWord(word: string, facet?: Facet): void {
    const key = foldedTokens(word).join(" ");
    const known = this.phrases.get(key);
    const ambiguous =
      !known?.stop &&
      !key.includes(" ") &&
      this.vocabulary.has(key) &&
      // An unmarked English filler ("which", "from") is never a catalog word typed bare.
      (key !== markedTokens(word).join(" ") || !isEnglish(key));
    this.addStop(word, facet, ambiguous);
  }

  private addStop(word: string, facet?: Facet, needsMarks = false): void {
    const key = foldedTokens(word).join(" ");
    if (key === "") return;
    const known = this.phrases.get(key);
    const tones = known?.stop ? known.tones : new Set<string>();
    const kept = facet ?? (known?.stop ? known.facet : undefined);
    const marks = needsMarks || (known?.stop === true && known.needsMarks === true);
    this.phrases.set(key, {
      stop: true,
      tones: tones.add(phraseTones(markedTokens(word))),
      ...(kept ? { facet: kept } : {}),
      ...(marks ? { needsMarks: true } : {}),
    });
  }

  parse(typed: string): ParsedQuery {
    const query = withoutContractions(typed);
    const tokens = foldedTokens(query).slice(0, MAX_QUERY_WORDS);
    // Cut at the same word as the folded tokens: a long question typed with marks is still read
    // as typed with marks ("khi" there is the filler, not a bare "khí").
    const marked = markedTokens(query).slice(0, MAX_QUERY_WORDS);
    const units: QueryUnit[] = [];
    const asked: Facet[] = [];
    // Someone who types tone marks types them everywhere: a bare "ho" among marked words is the
    // word "ho" (cough), not "hộ" typed without marks.
    const typesMarks = marked.length === tokens.length && marked.some((word, j) => word !== tokens[j]);
    // In an English sentence "at", "on", "be" are English, not "ất", "ơn", "bé" typed bare.
    const english = !typesMarks && tokens.filter(isEnglish).length * 2 >= tokens.length;
    // A side clause runs from its opening word to "thì", which brings the question back
    // ("giấy độc thân để vay ngân hàng thì xin ở đâu").
    let aside = false;
    const side = () => (aside ? { aside } : {});
    for (let i = 0; i < tokens.length; ) {
      const phrase = this.longestPhrase(tokens, marked, i, { english, typesMarks });
      if (phrase) {
        if (!phrase.meaning.stop) {
          units.push({ means: phrase.meaning.means, typed: phrase.words, known: true, ...side() });
        } else if (phrase.meaning.facet) asked.push(phrase.meaning.facet);
        if (phrase.meaning.stop) aside = phrase.meaning.aside === true || (aside && phrase.words.join(" ") !== "thi");
        i += phrase.words.length;
        continue;
      }
      const typedWithMarks = marked[i];
      const token = tokens[i++] as string;
      const respelled = this.vocabulary.respell(token);
      const corrected = respelled ?? this.vocabulary.correct(token);
      const tone =
        corrected === token && typedWithMarks && (typesMarks || typedWithMarks !== token)
          ? toneKey(typedWithMarks)
          : undefined;
      const guessed = corrected !== undefined && respelled === undefined;
      // A word said twice ("1 cộng 1") is no more evidence than once.
      if (units.some((u) => u.typed.length === 1 && u.typed[0] === token)) continue;
      units.push({
        means: [corrected ?? token],
        typed: [token],
        known: corrected !== undefined,
        ...(guessed ? { guessed } : {}),
        ...(tone ? { tone } : {}),
        ...side(),
      });
    }
    return { units, facets: asked };
  }

  private longestPhrase(tokens: string[], marked: string[], start: number, typing: Typing) {
    for (let n = Math.min(MAX_PHRASE_WORDS, tokens.length - start); n >= 1; n--) {
      const words = tokens.slice(start, start + n);
      const meaning = this.phrases.get(words.join(" "));
      const typed = marked.slice(start, start + n);
      if (meaning?.stop && !this.isStop(meaning, words, typed, typing)) continue;
      // One word typed with marks other than the phrase's is another word: "cười" (laugh) is not "cưới".
      if (meaning && !meaning.stop && n === 1 && typed[0] !== words[0] && !meaning.tones.has(phraseTones(typed)))
        continue;
      if (meaning) return { words, meaning };
    }
    return undefined;
  }

  /**
   * Typed without tone marks, a stopword's letters are enough; typed with them (or in a query
   * typed with marks, where "khi" is written as meant), its tones must match too.
   */
  private isStop(
    meaning: { tones: Set<string>; needsMarks?: boolean },
    words: string[],
    typed: string[],
    { english, typesMarks }: Typing,
  ): boolean {
    const withMarks = typesMarks || typed.some((w, i) => w !== words[i]);
    return withMarks ? meaning.tones.has(phraseTones(typed)) : !meaning.needsMarks || english;
  }

  /**
   * A meaning's folded words without its stopwords. Meanings are written with their marks: a
   * stopword counts with its own tones only ("thẻ căn cước" keeps "thẻ" and "căn", which are not
   * "the" and "can"; "vắng" is not "vâng").
   */
  private meaningful(marked: string[]): string[] {
    return marked
      .filter((w) => {
        const meaning = this.phrases.get(foldVietnamese(w));
        return !meaning?.stop || !meaning.tones.has(toneKey(w));
      })
      .map(foldVietnamese);
  }
}

/** How a query was typed: with tone marks, and whether in English. */
interface Typing {
  english: boolean;
  typesMarks: boolean;
}

const phraseTones = (words: string[]) => words.map(toneKey).join(" ");

/** An English contraction's tail ("I'd", "we've", "what's", "baby's"): "d", "ve", "s" are no words. */
const CONTRACTION = /(?<=[a-z])['’](?:s|d|ve|re|ll|m)\b/gi;
/** "don't", "can't": the negation stays a word. */
const NEGATION = /(?<=[a-z])n['’]t\b/gi;

function withoutContractions(text: string): string {
  return text.replace(NEGATION, " not").replace(CONTRACTION, "");
}
