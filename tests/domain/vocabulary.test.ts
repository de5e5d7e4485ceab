import { describe, expect, it } from "vitest";
import { Vocabulary } from "../../src/domain/search/vocabulary.ts";

/** A catalog's English words with how many entries use them. */
const vocabulary = new Vocabulary(
  new Map([
    ["marriage", 6],
    ["married", 1],
    ["legalisation", 1],
    ["centre", 2],
    ["licence", 3],
    ["neighbour", 2],
  ]),
);

describe("English words are read in the catalog's form and spelling", () => {
  it.each([
    ["marry", "marriage"],
    ["married", "marriage"],
    ["legalization", "legalisation"],
    ["center", "centre"],
    ["license", "licence"],
    ["neighbors", "neighbour"],
  ])("%s -> %s", (typed, catalog) => {
    expect(vocabulary.respell(typed)).toBe(catalog);
  });

  it("a word of no known form stays unknown", () => {
    expect(vocabulary.respell("bakery")).toBeUndefined();
  });
});
