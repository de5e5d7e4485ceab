import type { Field, LocalizedText, Procedure, SynonymsFile } from "../catalog/schema.ts";
import type { ElsewhereItem } from "../elsewhere/schema.ts";
import { foldedTokens, foldVietnamese, markedTokens, toneKey } from "../text/fold.ts";
import { QueryParser, type QueryUnit } from "./query.ts";
import { type Facet, NO_QUERY_WORDS, type QueryWords, type SmallTalkKind } from "./query-words.ts";
import { letterPairs, similarity } from "./similarity.ts";
import { SmallTalk } from "./small-talk.ts";
import { isEnglish, Vocabulary } from "./vocabulary.ts";

/** What a query found: a commune procedure, or something done elsewhere (another agency). */
export type Found = { kind: "procedure"; procedure: Procedure } | { kind: "elsewhere"; item: ElsewhereItem };

/** A thing found for a query; `score` is in (0, 1], higher is better. */
export type SearchHit = Found & { score: number };

/** Everything a message tells: what it asks for, about which facet, or that it is small talk. */
export interface SearchAnswer {
  hits: SearchHit[];
  /** The part of the answer asked about ("bao nhiêu tiền" -> fee), if any. */
  facet?: Facet;
  /** True when the first hit is clearly ahead of the others: show it directly. */
  lead: boolean;
  /** Set when the message is only small talk ("cảm ơn", "ok", "?"): not a search. */
  smallTalk?: SmallTalkKind;
  /** With no hit: the fields of the nearest procedures, to offer as a next step. */
  nearFields: string[];
}

export interface SearchOptions {
  /** At most this many hits (default 5). */
  limit?: number;
  /** Only these procedure codes (a commune's posted list); things done elsewhere are always searched. */
  within?: ReadonlySet<string>;
}

/** The stable key of a hit: a procedure's code, or `elsewhere:<id>`. */
export const hitKey = (h: Found): string => (h.kind === "procedure" ? h.procedure.code : `elsewhere:${h.item.id}`);
/** A hit's name in a language. */
export const hitName = (h: Found, locale: keyof LocalizedText): string =>
  (h.kind === "procedure" ? h.procedure.name : h.item.name)[locale];

/**
 * Relevance, calibrated on the evaluation set's dev half (tests/eval/dev.jsonl) and our own
 * off-topic sentences: an entry is shown when it answers MIN_COVERAGE of the query's weight (a
 * short query says what it wants), or, for a long sentence, LOOSE_COVERAGE of it with at least
 * STRONG_EVIDENCE of weight answered (about two key words, or one rare word and a common one).
 * Below that the answer is "nothing found", never a random best match ("mua vé tàu", "giá vàng
 * hôm nay"). On dev: LOOSE_COVERAGE 0.25 or 0.3 read the same; 0.35 lost a sixth of the whole
 * questions; STRONG_EVIDENCE 4 let single stray words through ("tàu" in "mua vé tàu"), 5 lost
 * questions whose key words are two common ones.
 */
export const MIN_COVERAGE = 0.5;
const LOOSE_COVERAGE = 0.3;
const STRONG_EVIDENCE = 4.5;
/**
 * A word no catalog word is close to weighs this share of the rarest known word. Citizens wrap
 * their key words in chat ("Ông tôi mất ở nhà thì con cháu phải làm giấy gì"): counted in full,
 * each such word used to veto the answer; not counted at all, one stray known word in an
 * off-topic sentence would be an answer. Most chat is now dropped as fillers (query-words.json),
 * so what stays unknown is as often the very thing asked about ("youtube", "IELTS"). Once phrases
 * weigh their rarest word (see `weight`), the dev half finds the same labelled queries from 0.35
 * to 0.6, and our own off-topic sentences sharing "đăng ký" or "ngân hàng" with a name fall out
 * from 0.45; at 0.65 a short request with one chat word ("tách sổ đỏ cho con trai") is lost.
 * Half is the middle of that plateau.
 */
const UNKNOWN_SHARE = 0.5;
/**
 * A word of a side clause, a purpose or a reason ("giấy độc thân để vay ngân hàng mua nhà"),
 * weighs this share of its weight: it says why, not what. On the dev half 0.25 and 0.35 read the
 * same (top-1 .925 -> .937, questions .783 -> .804), 0.5 half of that; own off-topic sentences
 * answered 16 -> 17 of 115 at all three.
 */
const ASIDE_SHARE = 0.35;
/**
 * Least absolute weight of query words an entry must answer: one distinctive word. Keeps a
 * sentence whose only known word is common ("nhà", "giấy") from matching anything.
 */
const MIN_EVIDENCE = 1.0;
/**
 * Evidence that an entry is what the query is about, beyond its share of the query's weight:
 * two of the query's words side by side in one of its names (a Vietnamese word is mostly two
 * syllables: "khai sinh", "tạm trú"), an everyday phrase ("sổ đỏ" -> land certificate), or
 * FIRM_UNITS of the query's words each matching firmly (FIRM_MATCH), all of them in a shorter
 * query. One or two syllables shared by chance with some name ("giảm" and "cân" of "hộ cận
 * nghèo" in "cách giảm cân nhanh", "sốt" and "cao" in "trẻ sốt cao") are not: on the dev half two
 * firm words let 14% of off-topic queries through, three 4%, at no cost to the labelled ones
 * found. A single-word query needs none, unless its word is common and the rest was chat.
 */
const FIRM_MATCH = 0.5;
const FIRM_UNITS = 3;
/**
 * Three firm words with no two side by side in a name corroborate only when they answer this
 * much of the query ("support for crops damaged by a storm"). In a long sentence answered in
 * part they are mostly chance ("tháng", "cao", "hàng" of a monthly allowance in a question about
 * the electricity bill): on our own off-topic calibration sentences
 * (tests/fixtures/off-topic-calibration.jsonl) 19 of the 28 answered came this way, against 7
 * labelled dev queries, of which the 4 Vietnamese ones also have a pair. Two firm words in a
 * two-word query are no longer enough either ("bạn thông minh quá"): they need to be a pair.
 */
const FIRM_COVERAGE = 0.75;
/**
 * Two words side by side in a name that answer less than MIN_COVERAGE of a sentence corroborate
 * with this many more firm words, or with one apart from them. With any one more, a compound
 * shared by chance and the syllable beside it ("nhà hàng xóm", "trẻ sơ sinh", "nhà bên cạnh")
 * passed: on our own off-topic sentences 8 of the 17 answered came this way. Two more alone
 * left 8 of 115 but lost two labelled dev queries (of 334) whose third word stands apart
 * ("nuôi con" … "nhận"); one apart, or two, reads 12 of 115 and loses none. A whole English word
 * counts as two syllables here.
 */
const PAIR_COMPANIONS = 2;
/**
 * Two words side by side only in an entry's context (its keywords or field name), one of which
 * none of its names uses (who it is for, when: "sinh viên", "mới sinh", "công nhân"), say who or
 * when more than what is asked: they carry the sentence alone only when it is this much of it, and
 * otherwise need the companions of PAIR_COMPANIONS. Of our own off-topic sentences 5 of the 12
 * answered leant on such a pair; at this share one ("bé mới sinh cần tiêm những mũi nào") is no
 * longer answered (the others have other evidence), from 0.65 to never alone, the dev half
 * reading the same throughout.
 */
const CONTEXT_PAIR_COVERAGE = FIRM_COVERAGE;
/**
 * Two words side by side in the names of more than this share of the entries ("đăng ký", in 72
 * of 164) are no evidence of which one is meant: "đăng ký sim chính chủ" is not residence. On the
 * dev half (334 labelled) 0.25 reads as no limit, 0.15 loses a typo whose pair is the field name
 * "hộ tịch" (37 of 164); own off-topic sentences answered 13 -> 12 of 115 at both.
 */
const COMMON_PAIR = 0.25;
/** A word found only in an entry's documents, summary or applicants counts this much. */
const WEAK_MATCH = 0.4;
/** A word whose letters match but whose typed tone differs ("vàng" for "vắng") counts this much. */
const OTHER_TONE = 0.3;
/** A word repaired by one edit counts this much: "bánh" read as "bằng" is as likely a guess as a typo. */
const GUESSED = 0.5;
/** Hits scoring below this share of the best one are dropped: they would only distract. */
const RELATIVE_CUTOFF = 0.8;
/** How many candidates, best covered first, are ranked. */
const RANKED_CANDIDATES = 30;
/** The first names of an entry are its official ones, in Vietnamese and English (see `indexed`). */
const OFFICIAL_NAMES = 2;
/** Most that the closeness of a name's letters to what was typed adds to a score. */
const CLOSENESS = 0.1;
/**
 * The first hit leads (its card is shown at once) when the next one scores this much less. Two
 * procedures this close ("khai sinh" vs "khai sinh lại") are offered as buttons instead. On the
 * dev half with 120 procedures (questions with a label, 277 found): 0.1 led 205 times, 23 wrongly;
 * 0.05 led 233 times, 25 wrongly; 0.03 led 260 times, 29 wrongly.
 */
const LEAD_GAP = 0.05;
/** Fields offered after a miss. */
const NEAR_FIELDS = 3;

interface Relevant {
  entry: IndexedEntry;
  /** Share of the query's weight the entry answers, in (0, 1]. */
  coverage: number;
  /** How many of the query's words it answers firmly (see FIRM_MATCH). */
  units: number;
}

interface Scratch {
  /** Which query last found each entry (see `candidates`). */
  seen: Uint32Array;
  /** Which word last found each entry by name (see `accumulate`). */
  strongSeen: Uint32Array;
  byMeans: Float64Array;
  byTyped: Float64Array;
  coverage: Float64Array;
  /** How many of the query's units each entry answers, and whether one of them is a phrase. */
  answeredUnits: Uint8Array;
  answersPhrase: Uint8Array;
  /** How many of the units each entry answers firmly are whole English words (see `pairCompanions`). */
  answeredWords: Uint8Array;
  /** How many runs of side-by-side query words each entry answers firmly, and the last one's end. */
  answeredRuns: Uint8Array;
  lastAnswered: Int16Array;
  /** Which query last found each entry by two of its words side by side (see `pairsFound`). */
  pairSeen: Uint32Array;
  /** The same, by two words side by side in one of its names (not only in its context). */
  namePairSeen: Uint32Array;
}

const newScratch = (n: number): Scratch => ({
  seen: new Uint32Array(n),
  strongSeen: new Uint32Array(n),
  byMeans: new Float64Array(n),
  byTyped: new Float64Array(n),
  coverage: new Float64Array(n),
  answeredUnits: new Uint8Array(n),
  answersPhrase: new Uint8Array(n),
  answeredWords: new Uint8Array(n),
  answeredRuns: new Uint8Array(n),
  lastAnswered: new Int16Array(n),
  pairSeen: new Uint32Array(n),
  namePairSeen: new Uint32Array(n),
});

/** The texts of an entry by how much they say about what it is. */
interface EntryTexts {
  /** Official names (Vietnamese, English) first, then aliases. */
  names: string[];
  /** Other words that say what it is (its field's name). */
  context: string[];
  /** What it involves: documents, summary, who it is for. */
  details: string[];
}

interface IndexedEntry {
  found: Found;
  /** Folded words of the names and context: what the entry is. */
  strong: Set<string>;
  /** The same words with their tones (`toneKey`), to tell words apart when people type marks. */
  strongTones: Set<string>;
  /** Folded words of the details. */
  weak: Set<string>;
  /** Folded names. */
  names: string[];
  /** The names' letter pairs (see `closeness`), filled on first use. */
  namePairs?: Set<string>[];
  /** The names' words and weights, filled on first use. */
  weightedNames?: { tokens: string[]; weights: number[]; total: number }[];
}

/**
 * Finds procedures, and things done elsewhere, for what a citizen types: with or without tone
 * marks, telex leftovers, small typos, everyday words (synonyms), English, and whole chatty
 * questions. Candidates come from an index of folded words; how much of the query each answers
 * (weighted by rarity, unknown words counting less) decides relevance, and how much of a name it
 * covers and how alike they read rank the relevant ones.
 */
export class ProcedureSearch {
  private readonly entries: IndexedEntry[];
  private readonly strongPostings = new Map<string, number[]>();
  private readonly weakPostings = new Map<string, number[]>();
  private readonly pairPostings = new Map<string, number[]>();
  /** The pairs of names only (see CONTEXT_PAIR_COVERAGE). */
  private readonly namePairPostings = new Map<string, number[]>();
  /** Every name word with its tone: a word typed with a tone no name has ("thằng") is not that name word ("tháng"). */
  private readonly tones = new Set<string>();
  /** Inverse document frequency of every name word, computed once: a query looks it up for each posting list. */
  private readonly idfs = new Map<string, number>();
  /** The same for a word no name uses. */
  private readonly rarest: number;
  private readonly parser: QueryParser;
  private readonly vocabulary: Vocabulary;
  private readonly smallTalk: SmallTalk;
  /** Per-entry arrays reused by every query: `find` is synchronous, so never shared. */
  private readonly scratch: Scratch;
  private queryStamp = 0;
  private wordStamp = 0;

  constructor(
    procedures: Iterable<Procedure>,
    fields: readonly Field[],
    synonyms: SynonymsFile,
    elsewhere: Iterable<ElsewhereItem> = [],
    words: QueryWords = NO_QUERY_WORDS,
  ) {
    const fieldNames = new Map(fields.map((f) => [f.id, `${f.name.vi} ${f.name.en}`]));
    const texts: [Found, EntryTexts][] = [
      ...[...procedures].map(
        (p) =>
          [{ kind: "procedure", procedure: p }, procedureTexts(p, fieldNames.get(p.field) ?? "")] as [
            Found,
            EntryTexts,
          ],
      ),
      ...[...elsewhere].map((item) => [{ kind: "elsewhere", item }, elsewhereTexts(item)] as [Found, EntryTexts]),
    ];
    this.entries = texts.map(([found, t]) => indexed(found, t));
    this.scratch = newScratch(this.entries.length);
    this.entries.forEach((e, i) => {
      for (const w of e.strong) push(this.strongPostings, w, i);
      for (const w of e.weak) push(this.weakPostings, w, i);
      for (const t of e.strongTones) this.tones.add(t);
    });
    const n = this.entries.length;
    for (const [w, list] of this.strongPostings) this.idfs.set(w, Math.log(1 + n / (list.length + 0.5)));
    this.rarest = Math.log(1 + n / 0.5);
    const frequencies = new Map<string, number>();
    for (const [w, list] of this.weakPostings) frequencies.set(w, list.length);
    for (const [w, list] of this.strongPostings) frequencies.set(w, list.length * 2);
    this.vocabulary = new Vocabulary(frequencies);
    this.parser = new QueryParser(synonyms, this.vocabulary, words);
    this.smallTalk = new SmallTalk(words, [...synonyms.stopwords, ...synonyms.greetings]);
    // Names repeat across procedures (a national catalog has many of each): read each once.
    const pairsOf = new Map<string, string[]>();
    const pairsIn = (texts: string[]) =>
      new Set(
        texts.flatMap((text) => {
          const known = pairsOf.get(text);
          if (known) return known;
          const found = this.adjacentPairs(text);
          pairsOf.set(text, found);
          return found;
        }),
      );
    texts.forEach(([, { names, context }], i) => {
      const nameWords = new Set(names.flatMap(foldedTokens));
      for (const pair of pairsIn([...names, ...context])) {
        push(this.pairPostings, pair, i);
        // A keyword pair of words its names use ("đất … sổ" of a first land certificate) says
        // what as a name does; one bringing a word no name uses ("mới sinh") says who or when.
        if (pair.split(" ").every((w) => nameWords.has(w))) push(this.namePairPostings, pair, i);
      }
    });
  }

  /**
   * Two words side by side in a name, read as a query is ("đăng ký tạm trú cho con" gives "dang
   * ky", "ky tam", "tam tru": stopwords left out), so that a query's pair meets a name's.
   */
  private adjacentPairs(text: string): string[] {
    const units = this.parser.parse(text).units;
    const pairsOf = (words: string[]) => words.slice(1).map((w, k) => `${words[k]} ${w}`);
    // An English word also pairs in the catalog's form of it ("adopt orphans" meets "adopting an
    // orphan"): a query's words are paired in that form too (see `pairsFound`).
    const canonical = units.flatMap((u) => (isInflectedEnglish(u) ? u.means : u.typed));
    return [...new Set([...pairsOf(units.flatMap((u) => u.typed)), ...pairsOf(canonical)])];
  }

  /** Relevant entries for `query`, best first; [] when nothing is relevant. */
  find(query: string, options: SearchOptions = {}): SearchHit[] {
    return this.answer(query, options).hits;
  }

  /** What a message asks: hits, the facet asked about, whether one hit leads, or small talk. */
  answer(query: string, options: SearchOptions = {}): SearchAnswer {
    const smallTalk = this.smallTalk.classify(query);
    if (smallTalk) return { hits: [], lead: false, smallTalk, nearFields: [] };
    const { units, facets } = this.parser.parse(query);
    // Fees asked about in a question on exemptions ("có được miễn lệ phí không") mean the exemption.
    const facet = facets.includes("exemption") ? "exemption" : facets[0];
    const base = { ...(facet ? { facet } : {}), nearFields: [] as string[] };
    if (units.length === 0) return { ...base, hits: [], lead: false };
    const weights = units.map((u) => this.weight(u));
    const { relevant, near } = this.relevant(units, weights, options.within);
    relevant.sort((a, b) => b.coverage - a.coverage);
    const hits = this.rank(relevant.slice(0, RANKED_CANDIDATES), units, options.limit ?? 5);
    const [first, second] = hits;
    // Typing a procedure's official name picks it, however close its neighbours ("đăng ký kết hôn"
    // beside "đăng ký lại kết hôn").
    const named = first !== undefined && isOfficialName(first, units.flatMap((u) => u.typed).join(" "));
    // Or it answers more of what was typed than the next one ("xin cấp hộ chiếu": the passport,
    // not the report of a lost one, which only shares "hộ chiếu").
    const unitsOf = (hit: SearchHit) => relevant.find((r) => hitKey(r.entry.found) === hitKey(hit))?.units ?? 0;
    const answersMore = first !== undefined && second !== undefined && unitsOf(first) > unitsOf(second);
    const lead =
      first !== undefined && (named || answersMore || second === undefined || first.score - second.score >= LEAD_GAP);
    return { ...base, hits, lead, nearFields: hits.length === 0 ? this.fieldsOf(near) : [] };
  }

  /** Candidates relevant enough to show (see MIN_COVERAGE), and the others that answer something. */
  private relevant(units: QueryUnit[], weights: number[], within?: ReadonlySet<string>) {
    const total = weights.reduce((a, b) => a + b, 0);
    const candidates = this.candidates(units, weights, total).filter((i) => isWithin(this.entry(i).found, within));
    const { coverage, byMeans, byTyped, answeredUnits, answersPhrase, answeredWords, answeredRuns, lastAnswered } =
      this.scratch;
    for (const i of candidates) {
      coverage[i] = 0;
      answeredUnits[i] = 0;
      answersPhrase[i] = 0;
      answeredWords[i] = 0;
      answeredRuns[i] = 0;
      lastAnswered[i] = -2;
    }
    // Read from the postings into arrays, not from each candidate's word sets: on a national
    // catalog thousands of candidates share the common words, and array reads are far cheaper.
    units.forEach((unit, k) => {
      this.accumulate(unit.means, byMeans);
      this.accumulate(unit.typed, byTyped);
      const meansTotal = this.idfSum(unit.means);
      const typedTotal = this.idfSum(unit.typed);
      for (const i of candidates) {
        const entry = this.entry(i);
        let best = Math.max(share(byMeans, i, meansTotal), share(byTyped, i, typedTotal));
        if (unit.tone && best > 0 && !entry.strongTones.has(unit.tone)) best *= OTHER_TONE;
        if (unit.guessed) best *= GUESSED;
        coverage[i] = (coverage[i] ?? 0) + (weights[k] ?? 0) * best;
        if (best >= FIRM_MATCH && !unit.guessed) {
          answeredUnits[i] = (answeredUnits[i] ?? 0) + 1;
          if (isPhrase(unit)) answersPhrase[i] = 1;
          if (unit.typed.length === 1 && isEnglish(unit.typed[0] ?? "")) answeredWords[i] = (answeredWords[i] ?? 0) + 1;
          if (lastAnswered[i] !== k - 1) answeredRuns[i] = (answeredRuns[i] ?? 0) + 1;
          lastAnswered[i] = k;
        }
      }
    });
    const pairStamp = this.pairsFound(units);
    const relevant: Relevant[] = [];
    const near: Relevant[] = [];
    for (const i of candidates) {
      const answered = coverage[i] ?? 0;
      const found = { entry: this.entry(i), coverage: answered / total, units: answeredUnits[i] ?? 0 };
      const enough =
        found.coverage >= MIN_COVERAGE || (found.coverage >= LOOSE_COVERAGE && answered >= STRONG_EVIDENCE);
      const corroborated = this.isCorroborated(i, found, units, weights, pairStamp);
      if (enough && corroborated && answered >= MIN_EVIDENCE) relevant.push(found);
      else if (answered > 0) near.push(found);
    }
    return { relevant, near };
  }

  /**
   * Whether more than a share of the query's weight says the entry is what is asked about (see
   * FIRM_MATCH): an everyday phrase, two words side by side in one of its names, or firm words
   * carrying most of the query.
   */
  private isCorroborated(
    i: number,
    found: Relevant,
    units: QueryUnit[],
    weights: number[],
    pairStamp: number,
  ): boolean {
    const [only] = units;
    // One word alone says what it wants, if it says much: not a common word left over from chat
    // ("tên" of "bạn tên gì").
    if (units.length === 1 && only) return isPhrase(only) || (weights[0] ?? 0) >= UNKNOWN_SHARE * this.rarest;
    if (this.scratch.answersPhrase[i] === 1) return true;
    const firm = found.units >= FIRM_UNITS;
    // Two words side by side suffice when they carry half the query or come with other firm words
    // (see `pairCompanions`); in a long sentence answered only in part, a compound shared by
    // chance ("bán hàng", "hàng xóm", "biển số") does not.
    // A pair of its context alone says who or when more than what (see CONTEXT_PAIR_COVERAGE).
    const alone = this.scratch.namePairSeen[i] === pairStamp ? MIN_COVERAGE : CONTEXT_PAIR_COVERAGE;
    const paired = this.scratch.pairSeen[i] === pairStamp && (found.coverage >= alone || this.pairCompanions(i, found));
    return paired || (firm && found.coverage >= FIRM_COVERAGE);
  }

  /**
   * Whether a pair answering less than half of a sentence comes with enough other firm words:
   * one apart from it (another run of words), or two. A third syllable right beside the pair is
   * mostly the same compound ("nhà bên cạnh", "trẻ sơ sinh").
   */
  private pairCompanions(i: number, found: Relevant): boolean {
    const runs = this.scratch.answeredRuns[i] ?? 0;
    // An English word is a whole word, as much as two Vietnamese syllables: "criminal record
    // check" is one compound and a third word, "nhà bên cạnh" one compound.
    const syllables = found.units + (this.scratch.answeredWords[i] ?? 0);
    return syllables >= 2 + PAIR_COMPANIONS || (found.units >= 3 && runs >= 2);
  }

  /**
   * Marks the entries that have two of the query's words side by side, as the query has them
   * (stopwords between them left out): returns the stamp they carry in `pairSeen`.
   */
  private pairsFound(units: QueryUnit[]): number {
    const stamp = ++this.wordStamp;
    for (let k = 1; k < units.length; k++) {
      const before = units[k - 1] as QueryUnit;
      const after = units[k] as QueryUnit;
      // Words typed with a tone no name has are other words: "sữa chua" (yoghurt) is not "sửa
      // chữa" (repair). (A one-letter repair may pair: "khai snih" is "khai sinh".)
      if (!this.hasNameTone(before) || !this.hasNameTone(after)) continue;
      for (const a of new Set([before.means.at(-1), before.typed.at(-1)]))
        for (const b of new Set([after.means[0], after.typed[0]])) {
          this.markPair(`${a} ${b}`, stamp);
          // English names a thing either way round: "certificate of birth", "birth certificate";
          // "a foreigner … to marry", "marry a foreigner".
          if (isEnglish(a ?? "") && isEnglish(b ?? "")) this.markPair(`${b} ${a}`, stamp);
        }
    }
    return stamp;
  }

  /** Marks the entries having a pair, and those having it in a name, unless so many do that it tells nothing ("đăng ký"). */
  private markPair(pair: string, stamp: number): void {
    const list = this.pairPostings.get(pair) ?? [];
    if (list.length > COMMON_PAIR * this.entries.length) return;
    for (const i of list) this.scratch.pairSeen[i] = stamp;
    for (const i of this.namePairPostings.get(pair) ?? []) this.scratch.namePairSeen[i] = stamp;
  }

  private entry(i: number): IndexedEntry {
    return this.entries[i] as IndexedEntry;
  }

  /** Fields of the best-covered procedures below the threshold, nearest first. */
  private fieldsOf(near: Relevant[]): string[] {
    const fields = near
      .sort((a, b) => b.coverage - a.coverage)
      .flatMap((r) => (r.entry.found.kind === "procedure" ? [r.entry.found.procedure.field] : []));
    return [...new Set(fields)].slice(0, NEAR_FIELDS);
  }

  /**
   * Adds up, per entry, how it uses `words`, each by its rarity: in full for a word of its names,
   * WEAK_MATCH of it for a word only in its details. So within a phrase's meaning the rare word
   * decides ("khai báo tạm vắng" is "vắng" more than "khai báo").
   */
  private accumulate(words: string[], into: Float64Array): void {
    into.fill(0);
    const { strongSeen } = this.scratch;
    for (const w of words) {
      const stamp = ++this.wordStamp;
      const weight = this.idf(w);
      for (const i of this.strongPostings.get(w) ?? []) {
        into[i] = (into[i] ?? 0) + weight;
        strongSeen[i] = stamp;
      }
      for (const i of this.weakPostings.get(w) ?? [])
        if (strongSeen[i] !== stamp) into[i] = (into[i] ?? 0) + WEAK_MATCH * weight;
    }
  }

  /** Whether a unit was typed without marks or with a tone some name has ("thằng" is not "tháng"). */
  private hasNameTone(unit: QueryUnit): boolean {
    return !unit.tone || this.tones.has(unit.tone);
  }

  /** Whether a unit is a catalog word as typed: known, not guessed, with a tone some name has. */
  private isSure(unit: QueryUnit): boolean {
    return unit.known && !unit.guessed && this.hasNameTone(unit);
  }

  /**
   * Rarer words weigh more (inverse document frequency). A word no name uses, known only from
   * some entry's details ("phòng", "trước"), not at all, with a tone no name has ("thằng" is not
   * "tháng"), or only by a one-letter repair, weighs
   * UNKNOWN_SHARE of the rarest: in a chatty sentence such words are the chat, not the request.
   * An everyday phrase weighs as its rarest word: "làm giấy khai sinh" means "đăng ký khai sinh",
   * which is as specific as "khai sinh", not the average with the "đăng ký" of half the catalog.
   */
  private weight(unit: QueryUnit): number {
    return (unit.aside ? ASIDE_SHARE : 1) * this.plainWeight(unit);
  }

  private plainWeight(unit: QueryUnit): number {
    if (!this.isSure(unit)) return UNKNOWN_SHARE * this.idf("");
    return Math.max(
      ...unit.means.map((w) => (this.strongPostings.has(w) ? this.idf(w) : UNKNOWN_SHARE * this.idf(""))),
    );
  }

  private idfSum(words: string[]): number {
    return words.reduce((sum, w) => sum + this.idf(w), 0);
  }

  /** The catalog's most used form of an English word ("married" -> "marriage"); other words as they are. */
  private catalogForm(word: string): string {
    return isEnglish(word) ? (this.vocabulary.respell(word) ?? word) : word;
  }

  /** Inverse document frequency over names and aliases; a word no name uses weighs the most. */
  private idf(word: string): number {
    return this.idfs.get(word) ?? this.rarest;
  }

  /**
   * The largest share of one name's weight (official or alias) that the query contains, so that
   * "khai sinh" is nearly all of "đăng ký khai sinh" but a small part of the combined
   * birth-residence-insurance procedure.
   */
  private nameCoverage(entry: IndexedEntry, words: Set<string>): number {
    let best = 0;
    for (const name of this.weightedNames(entry)) {
      let covered = 0;
      for (let k = 0; k < name.tokens.length; k++)
        if (words.has(name.tokens[k] as string)) covered += name.weights[k] ?? 0;
      best = Math.max(best, name.total > 0 ? covered / name.total : 0);
    }
    return best;
  }

  /**
   * How closely the letters of the entry's names read like what was typed: half its nearest
   * name, half its official one (Vietnamese or English). Aliases are many and short, so they often
   * tie ("giấy khai sinh", "khai sinh lại"); the official name then tells which procedure a
   * query means without its extra words.
   */
  private closeness(entry: IndexedEntry, typed: ReadonlySet<string>): number {
    entry.namePairs ??= entry.names.map(letterPairs);
    const scores = entry.namePairs.map((pairs) => similarity(typed, pairs));
    return 0.5 * Math.max(0, ...scores) + 0.5 * Math.max(0, ...scores.slice(0, OFFICIAL_NAMES));
  }

  /**
   * An entry's names as words with their weights, computed once (the index does not change). An
   * English word is read in the catalog's form of it, as a query's words are: "marry a foreigner"
   * is covered by "foreign" as much as "marriage with a foreign element" is.
   */
  private weightedNames(entry: IndexedEntry) {
    entry.weightedNames ??= entry.names.map((name) => {
      const tokens = name.split(" ").map((t) => this.catalogForm(t));
      const weights = tokens.map((t) => this.idf(t));
      return { tokens, weights, total: weights.reduce((a, b) => a + b, 0) };
    });
    return entry.weightedNames;
  }

  /**
   * Entries that can reach LOOSE_COVERAGE. Taking the heaviest units until what is left weighs
   * less than LOOSE_COVERAGE, an entry matching none of them cannot reach it: only those units'
   * postings are read, so common words ("đăng ký") do not drag in half the catalog.
   */
  private candidates(units: QueryUnit[], weights: number[], total: number): number[] {
    const byWeight = units.map((unit, k) => ({ unit, weight: weights[k] ?? 0 })).sort((a, b) => b.weight - a.weight);
    const stamp = ++this.queryStamp;
    const found: number[] = [];
    let rest = total;
    for (const { unit, weight } of byWeight) {
      if (rest < LOOSE_COVERAGE * total) break;
      rest -= weight;
      for (const words of [unit.means, unit.typed]) {
        for (const w of words) {
          for (const postings of [this.strongPostings.get(w), this.weakPostings.get(w)]) {
            for (const i of postings ?? []) {
              // A stamp per query instead of a Set: no allocation, one array write per posting.
              if (this.scratch.seen[i] === stamp) continue;
              this.scratch.seen[i] = stamp;
              found.push(i);
            }
          }
        }
      }
    }
    return found;
  }

  /**
   * Orders relevant entries: mostly by how much of the query they answer, then by how much of
   * one of their names the query covers, then by how closely a name's letters read like what was
   * typed, which rewards near spellings among equals. (fuse.js did this last part at first: its
   * bitap matching took 85% of a query's time, for a tenth of the score.)
   */
  private rank(relevant: Relevant[], units: QueryUnit[], limit: number): SearchHit[] {
    if (relevant.length === 0) return [];
    // English words also in the catalog's form of them, as names are read (see `weightedNames`).
    const words = new Set(units.flatMap((u) => [...u.means, ...u.typed, ...u.typed.map((t) => this.catalogForm(t))]));
    const scored = relevant
      .map((r) => ({ ...r, base: 0.7 * r.coverage + 0.2 * this.nameCoverage(r.entry, words) }))
      .sort((a, b) => b.base - a.base);
    // Closeness adds at most CLOSENESS: only entries it could lift into the answer matter.
    const floor = Math.max(RELATIVE_CUTOFF * (scored[0]?.base ?? 0), scored[limit - 1]?.base ?? 0) - CLOSENESS;
    const typed = letterPairs(units.flatMap((u) => u.typed).join(" "));
    const hits = scored
      .filter((s) => s.base >= floor)
      .map((c) => ({ ...c.entry.found, score: round(c.base + CLOSENESS * this.closeness(c.entry, typed)) }))
      .sort((a, b) => b.score - a.score);
    const best = hits[0]?.score ?? 0;
    return hits.filter((h) => h.score >= RELATIVE_CUTOFF * best).slice(0, limit);
  }
}

/** How far an entry answers a unit through one list of words: its matched rarity over their whole rarity. */
function share(accumulated: Float64Array, i: number, total: number): number {
  return total === 0 ? 0 : (accumulated[i] ?? 0) / total;
}

/** A commune's list limits its procedures; what is done elsewhere is done elsewhere for everyone. */
const isWithin = (found: Found, within?: ReadonlySet<string>) =>
  !within || found.kind === "elsewhere" || within.has(found.procedure.code);

function procedureTexts(p: Procedure, fieldName: string): EntryTexts {
  const documents = p.documentGroups.flatMap((g) => g.documents.map((d) => `${d.name.vi} ${d.name.en}`));
  return {
    names: [p.name.vi, p.name.en, ...p.aliases.vi, ...p.aliases.en],
    context: [fieldName, ...(p.keywords?.vi ?? []), ...(p.keywords?.en ?? [])],
    details: [...documents, p.summary.vi, p.summary.en, p.applicants.vi, p.applicants.en],
  };
}

function elsewhereTexts(item: ElsewhereItem): EntryTexts {
  return {
    names: [item.name.vi, item.name.en, ...item.aliases.vi, ...item.aliases.en],
    context: [...(item.keywords?.vi ?? []), ...(item.keywords?.en ?? [])],
    // Not `where`: its incidental words ("nơi thường trú") would pull residence questions in.
    details: [item.agency.vi, item.agency.en],
  };
}

function indexed(found: Found, { names, context, details }: EntryTexts): IndexedEntry {
  return {
    found,
    strong: new Set([...names, ...context].flatMap(foldedTokens)),
    strongTones: new Set([...names, ...context].flatMap(markedTokens).map(toneKey)),
    weak: new Set(details.flatMap(foldedTokens)),
    names: names.map(foldVietnamese),
  };
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** One English word the catalog knows in another of its forms ("orphaned" as "orphans"). */
function isInflectedEnglish(unit: QueryUnit): boolean {
  const [typed] = unit.typed;
  return unit.typed.length === 1 && unit.means.length === 1 && typed !== undefined && isEnglish(typed);
}

/** A unit read from several typed words, or meaning several catalog words (an everyday phrase). */
function isPhrase(unit: QueryUnit): boolean {
  return unit.typed.length > 1 || unit.means.length > 1;
}

/** Whether `typed` (folded words) is the hit's official name in Vietnamese or English. */
function isOfficialName(hit: SearchHit, typed: string): boolean {
  const name = hit.kind === "procedure" ? hit.procedure.name : hit.item.name;
  return foldedTokens(name.vi).join(" ") === typed || foldedTokens(name.en).join(" ") === typed;
}
