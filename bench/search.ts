import { readFileSync } from "node:fs";
import Fuse from "fuse.js";
import type { Catalog } from "../src/domain/catalog/catalog.ts";
import type { Procedure } from "../src/domain/catalog/schema.ts";
import { hitKey, ProcedureSearch } from "../src/domain/search/procedure-search.ts";
import { queryWordsFile } from "../src/domain/search/query-words.ts";
import { summarize, timeEach } from "./stats.ts";
import { syntheticProcedures } from "./synthetic-catalog.ts";

interface LabelledQuery {
  query: string;
  expect: string | null;
}

/** The shipped query words, as the bot uses them. */
const words = queryWordsFile.parse(
  JSON.parse(readFileSync(new URL("../data/query-words.json", import.meta.url), "utf8")),
);

export const queries: LabelledQuery[] = JSON.parse(
  readFileSync(new URL("../tests/fixtures/search-queries.json", import.meta.url), "utf8"),
);

/** What a newcomer would write: plain fuse.js over names and document texts. */
export function plainFuse(procedures: Procedure[]) {
  const docs = procedures.map((p) => ({
    p,
    name: p.name.vi,
    documents: p.documentGroups.flatMap((g) => g.documents.map((d) => d.name.vi)).join(" "),
  }));
  const fuse = new Fuse(docs, { keys: ["name", "documents"], threshold: 0.4, ignoreLocation: true });
  return (q: string, limit: number) => fuse.search(q, { limit }).map((r) => r.item.p.code);
}

export function quality(find: (q: string, limit: number) => string[]) {
  const wanted = queries.filter((q) => q.expect !== null);
  const offTopic = queries.filter((q) => q.expect === null);
  const top = (k: number) =>
    wanted.filter((q) =>
      find(q.query, k)
        .slice(0, k)
        .includes(q.expect as string),
    ).length / wanted.length;
  return {
    top1: Math.round(top(1) * 1000) / 1000,
    top3: Math.round(top(3) * 1000) / 1000,
    offTopicFalsePositives: offTopic.filter((q) => find(q.query, 5).length > 0).length,
    offTopicQueries: offTopic.length,
  };
}

/** Search latency and quality on one catalog, ours next to plain fuse.js. */
export function benchSearch(label: string, catalog: Catalog, procedures: Procedure[], rounds: number) {
  const buildStart = performance.now();
  const ours = new ProcedureSearch(procedures, catalog.fields, catalog.synonyms, [], words);
  const buildMs = performance.now() - buildStart;
  const baseline = plainFuse(procedures);
  const find = (q: string, limit: number) => ours.find(q, { limit }).map(hitKey);
  const texts = queries.map((q) => q.query);
  return {
    catalog: label,
    procedures: procedures.length,
    buildMs: Math.round(buildMs),
    ours: { ...summarize(timeEach(texts, rounds, (q) => find(q, 5))), ...quality(find) },
    plainFuse: { ...summarize(timeEach(texts, rounds, (q) => baseline(q, 5))), ...quality(baseline) },
  };
}

export function benchSearchSuite(catalog: Catalog) {
  const real = [...catalog.procedures.values()];
  return [
    benchSearch("shipped", catalog, real, 20),
    benchSearch("synthetic 5,000", catalog, syntheticProcedures(real, 5000), 3),
  ];
}
