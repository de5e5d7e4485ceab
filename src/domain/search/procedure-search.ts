import type { Field, Procedure, SynonymsFile } from "../catalog/schema.ts";
import { foldedTokens, foldVietnamese, markedTokens, toneKey } from "../text/fold.ts";
import { QueryParser, type QueryUnit } from "./query.ts";
import { letterPairs, similarity } from "./similarity.ts";
import { Vocabulary } from "./vocabulary.ts";

/** A procedure found for a query; `score` is in (0, 1], higher is better. */
export interface SearchHit {
  procedure: Procedure;
  score: number;
}

export interface SearchOptions {
  /** At most this many hits (default 5). */
  limit?: number;
  /** Only these procedure codes (a commune's posted list). */
  within?: ReadonlySet<string>;
}

/**
 * Share of the query's weight a procedure must answer to be shown at all. Below it the answer
 * is "nothing found", never a random best match ("mua vé tàu", "xin chào").
 */
export const MIN_COVERAGE = 0.5;
/** A word found only in a procedure's documents or summary counts this much. */
const WEAK_MATCH = 0.4;
/** A word whose letters match but whose typed tone differs ("vàng" for "vắng") counts this much. */
const OTHER_TONE = 0.3;
/** Hits scoring below this share of the best one are dropped: they would only distract. */
const RELATIVE_CUTOFF = 0.8;
/** How many candidates, best covered first, are ranked. */
const RANKED_CANDIDATES = 30;
/** The first names of an entry are its official ones, in Vietnamese and English (see indexProcedure). */
const OFFICIAL_NAMES = 2;
/** Most that the closeness of a name's letters to what was typed adds to a score. */
const CLOSENESS = 0.1;

interface Relevant {
  entry: IndexedProcedure;
  /** Share of the query's weight the procedure answers, in [MIN_COVERAGE, 1]. */
  coverage: number;
}

interface Scratch {
  /** Which query last found each procedure (see `candidates`). */
  seen: Uint32Array;
  /** Which word last found each procedure by name (see `accumulate`). */
  strongSeen: Uint32Array;
  byMeans: Float64Array;
  byTyped: Float64Array;
  coverage: Float64Array;
}

const newScratch = (n: number): Scratch => ({
  seen: new Uint32Array(n),
  strongSeen: new Uint32Array(n),
  byMeans: new Float64Array(n),
  byTyped: new Float64Array(n),
  coverage: new Float64Array(n),
});

interface IndexedProcedure {
  procedure: Procedure;
  /** Folded words of the name, aliases and field: what the procedure is. */
  strong: Set<string>;
  /** The same words with their tones (`toneKey`), to tell words apart when people type marks. */
  strongTones: Set<string>;
  /** Folded words of documents and summary: what it involves. */
  weak: Set<string>;
  /** Folded name and aliases. */
  names: string[];
  /** The names' letter pairs (see `closeness`), filled on first use. */
  namePairs?: Set<string>[];
  /** The names' words and weights, filled on first use. */
  weightedNames?: { tokens: string[]; weights: number[]; total: number }[];
}

/**
 * Finds procedures for what a citizen types: with or without tone marks, telex leftovers,
 * small typos, everyday words (synonyms) and English. Candidates come from an index of folded
 * words; how much of the query each answers (weighted by rarity) decides relevance, and how
 * much of a name it covers and how alike they read rank the relevant ones.
 */
export class ProcedureSearch {
  private readonly entries: IndexedProcedure[];
  private readonly strongPostings = new Map<string, number[]>();
  private readonly weakPostings = new Map<string, number[]>();
  private readonly parser: QueryParser;
  /** Per-procedure arrays reused by every query: `find` is synchronous, so never shared. */
  private readonly scratch: Scratch;
  private queryStamp = 0;
  private wordStamp = 0;

  constructor(procedures: Iterable<Procedure>, fields: readonly Field[], synonyms: SynonymsFile) {
    const fieldNames = new Map(fields.map((f) => [f.id, `${f.name.vi} ${f.name.en}`]));
    this.entries = [...procedures].map((p) => indexProcedure(p, fieldNames.get(p.field) ?? ""));
    this.scratch = newScratch(this.entries.length);
    this.entries.forEach((e, i) => {
      for (const w of e.strong) push(this.strongPostings, w, i);
      for (const w of e.weak) push(this.weakPostings, w, i);
    });
    const frequencies = new Map<string, number>();
    for (const [w, list] of this.weakPostings) frequencies.set(w, list.length);
    for (const [w, list] of this.strongPostings) frequencies.set(w, list.length * 2);
    this.parser = new QueryParser(synonyms, new Vocabulary(frequencies));
  }

  /** Relevant procedures for `query`, best first; [] when nothing is relevant. */
  find(query: string, options: SearchOptions = {}): SearchHit[] {
    const units = this.parser.parse(query);
    if (units.length === 0) return [];
    const weights = units.map((u) => this.weight(u));
    const relevant = this.relevant(units, weights, options.within);
    relevant.sort((a, b) => b.coverage - a.coverage);
    return this.rank(relevant.slice(0, RANKED_CANDIDATES), units, options.limit ?? 5);
  }

  /** Candidates answering at least MIN_COVERAGE of the query's weight, with that share. */
  private relevant(units: QueryUnit[], weights: number[], within?: ReadonlySet<string>): Relevant[] {
    const total = weights.reduce((a, b) => a + b, 0);
    const candidates = this.candidates(units, weights, total).filter(
      (i) => !within || within.has((this.entries[i] as IndexedProcedure).procedure.code),
    );
    const { coverage, byMeans, byTyped } = this.scratch;
    for (const i of candidates) coverage[i] = 0;
    // Read from the postings into arrays, not from each candidate's word sets: on a national
    // catalog thousands of candidates share the common words, and array reads are far cheaper.
    units.forEach((unit, k) => {
      this.accumulate(unit.means, byMeans);
      this.accumulate(unit.typed, byTyped);
      for (const i of candidates) {
        const entry = this.entries[i] as IndexedProcedure;
        let best = Math.max(share(byMeans, i, unit.means), share(byTyped, i, unit.typed));
        if (unit.tone && best > 0 && !entry.strongTones.has(unit.tone)) best *= OTHER_TONE;
        coverage[i] = (coverage[i] ?? 0) + (weights[k] ?? 0) * best;
      }
    });
    const relevant: Relevant[] = [];
    for (const i of candidates) {
      const share = (coverage[i] ?? 0) / total;
      if (share >= MIN_COVERAGE) relevant.push({ entry: this.entries[i] as IndexedProcedure, coverage: share });
    }
    return relevant;
  }

  /**
   * Adds up, per procedure, how it uses `words`: 1 for a word of its names, WEAK_MATCH for a word
   * only in its documents or summary.
   */
  private accumulate(words: string[], into: Float64Array): void {
    into.fill(0);
    const { strongSeen } = this.scratch;
    for (const w of words) {
      const stamp = ++this.wordStamp;
      for (const i of this.strongPostings.get(w) ?? []) {
        into[i] = (into[i] ?? 0) + 1;
        strongSeen[i] = stamp;
      }
      for (const i of this.weakPostings.get(w) ?? []) if (strongSeen[i] !== stamp) into[i] = (into[i] ?? 0) + WEAK_MATCH;
    }
  }

  /** Rarer words weigh more (inverse document frequency); unknown words weigh the most. */
  private weight(unit: QueryUnit): number {
    if (!unit.known) return this.idf("");
    return unit.means.reduce((sum, w) => sum + this.idf(w), 0) / Math.max(1, unit.means.length);
  }

  /** Inverse document frequency over names and aliases; a word no name uses weighs the most. */
  private idf(word: string): number {
    return Math.log(1 + this.entries.length / ((this.strongPostings.get(word)?.length ?? 0) + 0.5));
  }

  /**
   * The largest share of one name's weight (official or alias) that the query contains, so that
   * "khai sinh" is nearly all of "đăng ký khai sinh" but a small part of the combined
   * birth-residence-insurance procedure.
   */
  private nameCoverage(entry: IndexedProcedure, words: Set<string>): number {
    let best = 0;
    for (const name of this.weightedNames(entry)) {
      let covered = 0;
      for (let k = 0; k < name.tokens.length; k++) if (words.has(name.tokens[k] as string)) covered += name.weights[k] ?? 0;
      best = Math.max(best, name.total > 0 ? covered / name.total : 0);
    }
    return best;
  }

  /**
   * How closely the letters of the procedure's names read like what was typed: half its nearest
   * name, half its official one (Vietnamese or English). Aliases are many and short, so they often
   * tie ("giấy khai sinh", "khai sinh lại"); the official name then tells which procedure a
   * query means without its extra words.
   */
  private closeness(entry: IndexedProcedure, typed: ReadonlySet<string>): number {
    entry.namePairs ??= entry.names.map(letterPairs);
    const scores = entry.namePairs.map((pairs) => similarity(typed, pairs));
    return 0.5 * Math.max(0, ...scores) + 0.5 * Math.max(0, ...scores.slice(0, OFFICIAL_NAMES));
  }

  /** A procedure's names as words with their weights, computed once (the index does not change). */
  private weightedNames(entry: IndexedProcedure) {
    entry.weightedNames ??= entry.names.map((name) => {
      const tokens = name.split(" ");
      const weights = tokens.map((t) => this.idf(t));
      return { tokens, weights, total: weights.reduce((a, b) => a + b, 0) };
    });
    return entry.weightedNames;
  }

  /**
   * Procedures that can reach MIN_COVERAGE. Taking the heaviest units until what is left weighs
   * less than MIN_COVERAGE, a procedure matching none of them cannot reach it: only those units'
   * postings are read, so common words ("đăng ký") do not drag in half the catalog.
   */
  private candidates(units: QueryUnit[], weights: number[], total: number): number[] {
    const byWeight = units.map((unit, k) => ({ unit, weight: weights[k] ?? 0 })).sort((a, b) => b.weight - a.weight);
    const stamp = ++this.queryStamp;
    const found: number[] = [];
    let rest = total;
    for (const { unit, weight } of byWeight) {
      if (rest < MIN_COVERAGE * total) break;
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
   * Orders relevant procedures: mostly by how much of the query they answer, then by how much of
   * one of their names the query covers, then by how closely a name's letters read like what was
   * typed, which rewards near spellings among equals. (fuse.js did this last part at first: its
   * bitap matching took 85% of a query's time, for a tenth of the score.)
   */
  private rank(relevant: Relevant[], units: QueryUnit[], limit: number): SearchHit[] {
    if (relevant.length === 0) return [];
    const words = new Set(units.flatMap((u) => [...u.means, ...u.typed]));
    const scored = relevant
      .map((r) => ({ ...r, base: 0.7 * r.coverage + 0.2 * this.nameCoverage(r.entry, words) }))
      .sort((a, b) => b.base - a.base);
    // Closeness adds at most CLOSENESS: only procedures it could lift into the answer matter.
    const floor = Math.max(RELATIVE_CUTOFF * (scored[0]?.base ?? 0), scored[limit - 1]?.base ?? 0) - CLOSENESS;
    const typed = letterPairs(units.flatMap((u) => u.typed).join(" "));
    const hits = scored
      .filter((s) => s.base >= floor)
      .map((c) => ({ procedure: c.entry.procedure, score: round(c.base + CLOSENESS * this.closeness(c.entry, typed)) }))
      .sort((a, b) => b.score - a.score);
    const best = hits[0]?.score ?? 0;
    return hits.filter((h) => h.score >= RELATIVE_CUTOFF * best).slice(0, limit);
  }
}

/**
 * How far a procedure answers a unit through one list of words: the mean of its words' matches,
 * each 1 by name or alias and WEAK_MATCH by documents only.
 */
function share(accumulated: Float64Array, i: number, words: string[]): number {
  return words.length === 0 ? 0 : (accumulated[i] ?? 0) / words.length;
}

function indexProcedure(p: Procedure, fieldName: string): IndexedProcedure {
  const nameTexts = [p.name.vi, p.name.en, ...p.aliases.vi, ...p.aliases.en];
  const documents = p.documentGroups.flatMap((g) => g.documents.map((d) => `${d.name.vi} ${d.name.en}`));
  return {
    procedure: p,
    strong: new Set([...nameTexts, fieldName].flatMap(foldedTokens)),
    strongTones: new Set([...nameTexts, fieldName].flatMap(markedTokens).map(toneKey)),
    weak: new Set([...documents, p.summary.vi, p.summary.en].flatMap(foldedTokens)),
    names: nameTexts.map(foldVietnamese),
  };
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const round = (x: number) => Math.round(x * 1000) / 1000;
