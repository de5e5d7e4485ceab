/**
 * The folded words the catalog knows, and how to bring a mistyped word back to one of them:
 * telex leftovers ("ddawng kys" -> "dang ky"), "i"/"y" spellings ("ki" -> "ky") and one-letter
 * typos ("snih" -> "sinh"). A word is only rewritten into a word the catalog has.
 */
export class Vocabulary {
  private readonly words: Map<string, number>;
  /** Single-letter deletions of every word -> the words they come from (SymSpell's idea). */
  private readonly deletions = new Map<string, string[]>();
  /** English words of the catalog by their first ENGLISH_PREFIX letters (see `inflected`). */
  private readonly english = new Map<string, string[]>();

  /** @param frequencies folded word -> how many procedures use it */
  constructor(frequencies: Map<string, number>) {
    this.words = frequencies;
    for (const word of frequencies.keys()) {
      if (isEnglish(word) && word.length >= ENGLISH_PREFIX) push(this.english, word.slice(0, ENGLISH_PREFIX), word);
      if (word.length < 3) continue;
      for (const variant of deletionsOf(word)) push(this.deletions, variant, word);
    }
  }

  has(word: string): boolean {
    return this.words.has(word);
  }

  /** The known word this token most likely means, or undefined when none is close. */
  correct(token: string): string | undefined {
    return this.respell(token) ?? (token.length >= 4 ? this.closest(token) : undefined);
  }

  /**
   * The known word this token is, typed as is or with telex leftovers or "i"/"y": a sure
   * reading, unlike a one-letter repair, which may turn an unknown word ("tiết") into a known one.
   */
  respell(token: string): string | undefined {
    const english = this.inflected(token);
    if (english) return english;
    if (this.words.has(token)) return token;
    return telexAndSpellingVariants(token).find((v) => this.words.has(v));
  }

  /**
   * The catalog's most used form of an English word ("married" -> "marriage", "foreigner" ->
   * "foreign"): forms share all but the last three letters, and at least ENGLISH_PREFIX. The
   * catalog's names use one form, citizens type any.
   */
  private inflected(token: string): string | undefined {
    if (token.length < ENGLISH_PREFIX || !isEnglish(token)) return undefined;
    let best: string | undefined = this.words.has(token) ? token : undefined;
    const count = (word: string | undefined) => (word ? (this.words.get(word) ?? 0) : 0);
    for (const spelling of britishAndAmerican(token)) {
      // "marry" is "marri-" of "married", "marriage".
      const stem = spelling.replace(/y$/, "i").slice(0, Math.max(ENGLISH_PREFIX, spelling.length - 3));
      for (const form of this.english.get(stem.slice(0, ENGLISH_PREFIX)) ?? [])
        if (form.startsWith(stem) && count(form) > count(best) && isInflection(token, form)) best = form;
    }
    return best;
  }

  /** The most frequent known word one edit (insert, delete, substitute, swap) away. */
  private closest(token: string): string | undefined {
    const candidates = new Set<string>(this.deletions.get(token) ?? []);
    for (const variant of deletionsOf(token)) {
      if (this.words.has(variant)) candidates.add(variant);
      for (const word of this.deletions.get(variant) ?? []) candidates.add(word);
    }
    let best: string | undefined;
    for (const word of candidates) {
      // A four-letter word may lose or gain a letter and become another real word ("chao" ->
      // "cho"): only a swapped or mistyped letter is repaired there.
      if (!withinOneEdit(token, word) || (token.length < 5 && word.length !== token.length)) continue;
      if (!best || (this.words.get(word) ?? 0) > (this.words.get(best) ?? 0)) best = word;
    }
    return best;
  }
}

/** Shortest English stem matched across forms ("marri-ed", "marri-age"). */
const ENGLISH_PREFIX = 5;

/**
 * A folded Vietnamese syllable: initial consonant, one to three vowels, final consonant. A word
 * of another shape ("which", "register") is English (or a code), never Vietnamese typed bare.
 */
const VIETNAMESE_SYLLABLE = /^(ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(ng|nh|ch|[cmnpt])?$/;

/** Whether a folded word is not a Vietnamese syllable: English, or another foreign word. */
export function isEnglish(word: string): boolean {
  return /^[a-z]+$/.test(word) && !VIETNAMESE_SYLLABLE.test(word);
}

/**
 * Whether a catalog word's other form is an inflection of it ("marry" -> "marriage", "adopt" ->
 * "adoption"), not a longer word that starts with it ("house" -> "household").
 */
function isInflection(word: string, form: string): boolean {
  const base = word.replace(/(s|es|ed|ing)$/, "");
  return !form.startsWith(base) || form.length - base.length <= INFLECTION_LETTERS;
}
/** Letters an inflection adds to a word ("adopt" -> "adoption"); "house" -> "household" adds more. */
const INFLECTION_LETTERS = 3;

/**
 * A word as typed and in the other side's spelling: "-ize"/"-ise" ("legalization",
 * "legalisation"), "-yze"/"-yse", and "-er"/"-re" at the end ("center", "centre"). Shared stems
 * cover the rest ("licence"/"license", "neighbour"/"neighbor").
 */
function britishAndAmerican(token: string): string[] {
  const spellings = new Set([token, token.replace(/iz/g, "is"), token.replace(/is(?=[aei])/g, "iz")]);
  for (const s of [...spellings])
    spellings.add(
      s.replace(/yz/g, "ys").replace(/([^aeiou])(er|re)$/, (_, c, end) => `${c}${end === "er" ? "re" : "er"}`),
    );
  return [...spellings];
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function deletionsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Telex typing that the keyboard did not turn into marks, and "i" written for "y". */
function telexAndSpellingVariants(token: string): string[] {
  const variants: string[] = [];
  const unTelexed = token
    .replace(/dd/g, "d")
    .replace(/(aa|aw)/g, "a")
    .replace(/ee/g, "e")
    .replace(/(oo|ow)/g, "o")
    .replace(/uw/g, "u");
  for (const base of new Set([token, unTelexed])) {
    // A trailing s, f, r, x or j is a tone typed in telex ("kys", "khair").
    if (/[aeiouy][a-z]*[sfrxj]$/.test(base) && base.length >= 3) variants.push(base.slice(0, -1));
    variants.push(base);
  }
  // "kí"/"ký", "lí"/"lý": both spellings are correct after a single consonant, nowhere else.
  for (const v of [...variants]) {
    if (/^[bcdghklmnpqrstvx]{1,2}i$/.test(v)) variants.push(`${v.slice(0, -1)}y`);
    else if (/^[bcdghklmnpqrstvx]{1,2}y$/.test(v)) variants.push(`${v.slice(0, -1)}i`);
  }
  return variants.filter((v) => v !== token);
}

/** Damerau-Levenshtein distance <= 1 (with adjacent swaps). */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
