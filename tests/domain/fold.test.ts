import { describe, expect, it } from "vitest";
import { foldedTokens, foldVietnamese, toneKey } from "../../src/domain/text/fold.ts";

describe("Folding Vietnamese text for matching", () => {
  const cases: [string, string][] = [
    ["Đăng ký khai sinh", "dang ky khai sinh"],
    ["ĐĂNG KÝ KẾT HÔN", "dang ky ket hon"],
    ["Chứng thực bản sao!!", "chung thuc ban sao"],
    ["  sổ   đỏ ", "so do"],
    ["Đăng ký khai sinh".normalize("NFD"), "dang ky khai sinh"],
    ["123/2015/NĐ-CP", "123 2015 nd cp"],
    ["", ""],
  ];
  it.each(cases)("when a citizen types %j, then it folds to %j", (typed, folded) => {
    expect(foldVietnamese(typed)).toBe(folded);
  });

  it("when the text has no letters, then there are no tokens", () => {
    expect(foldedTokens("!!! ???")).toEqual([]);
  });
});

describe("Tone keys keep the tone that folding drops", () => {
  it("tells gold (vàng) from absent (vắng)", () => {
    expect(toneKey("vàng")).not.toBe(toneKey("vắng"));
  });
  it("reads both tone-placement conventions as one word (hòa = hoà, thủy = thuỷ)", () => {
    expect(toneKey("hoà")).toBe(toneKey("hòa"));
    expect(toneKey("thuỷ")).toBe(toneKey("thủy"));
  });
  it("reads kí and ký as one word", () => {
    expect(toneKey("kí")).toBe(toneKey("ký"));
  });
});
