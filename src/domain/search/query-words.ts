import { z } from "zod";

/** What a question asks about a procedure: the part of its card to open first. */
export const facets = ["fee", "time", "place", "papers", "exemption"] as const;
export type Facet = (typeof facets)[number];

/** Kinds of small talk: a message that is only one of them is not a search. */
export const smallTalkKinds = ["thanks", "bye", "greeting", "ack"] as const;
export type SmallTalkKind = (typeof smallTalkKinds)[number] | "empty";

const phrases = z.array(z.string().min(1));

/**
 * data/query-words.json: how citizens wrap what they want in a sentence. Fillers and question
 * words (regional forms included) carry no meaning for relevance; asides open a side clause
 * (a purpose, a reason) whose words say why, not what; facet phrases carry none
 * either but say which part of the answer was asked for; small-talk phrases make a message
 * that is not a search at all.
 */
export const queryWordsFile = z.strictObject({
  fillers: phrases,
  /** Words that open a side clause, a purpose or a reason ("để vay ngân hàng"): what follows weighs less. */
  asides: phrases,
  facets: z.strictObject(Object.fromEntries(facets.map((f) => [f, phrases])) as Record<Facet, typeof phrases>),
  smallTalk: z.strictObject(
    Object.fromEntries(smallTalkKinds.map((k) => [k, phrases])) as Record<
      (typeof smallTalkKinds)[number],
      typeof phrases
    >,
  ),
});
export type QueryWords = z.infer<typeof queryWordsFile>;

/** No extra words: the search then knows only the catalog's synonyms and stopwords. */
export const NO_QUERY_WORDS: QueryWords = {
  fillers: [],
  asides: [],
  facets: { fee: [], time: [], place: [], papers: [], exemption: [] },
  smallTalk: { thanks: [], bye: [], greeting: [], ack: [] },
};
