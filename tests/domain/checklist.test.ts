import { beforeAll, describe, expect, it } from "vitest";
import type { Procedure } from "../../src/domain/catalog/schema.ts";
import { buildChecklist, conditionHolds } from "../../src/domain/checklist/build.ts";
import { shippedCatalog } from "../support/catalog.ts";

describe("A personalised checklist for birth registration", () => {
  let birth: Procedure;
  beforeAll(async () => {
    birth = (await shippedCatalog()).procedure("1.001193") as Procedure;
  });
  const ids = (docs: { id: string }[]) => docs.map((d) => d.id);

  it("when the child was born at a hospital, then the birth notice is needed and no witness", () => {
    const list = buildChecklist(birth, { born_at_facility: "yes", foreign_parent: "no", late: "no" });
    expect(ids(list.toBring)).toContain("birth_notice");
    expect(ids(list.toBring)).not.toContain("witness");
  });

  it("when the child was born at home, then a witness statement replaces the birth notice", () => {
    const list = buildChecklist(birth, { born_at_facility: "no", foreign_parent: "no", late: "no" });
    expect(ids(list.toBring)).toContain("witness");
    expect(ids(list.toBring)).not.toContain("birth_notice");
  });

  it("when a parent is foreign, then the passport copy and the nationality agreement are added", () => {
    const list = buildChecklist(birth, { born_at_facility: "yes", foreign_parent: "yes", late: "no" });
    expect(ids(list.toBring)).toEqual(expect.arrayContaining(["foreign_passport", "nationality_agreement"]));
  });

  it("then the parents' marriage certificate is only a 'bring it in case' paper (Decree 07/2025)", () => {
    const list = buildChecklist(birth, { born_at_facility: "yes", foreign_parent: "no", late: "no" });
    expect(ids(list.inCase)).toEqual(["marriage_cert"]);
    expect(ids(list.toBring)).not.toContain("marriage_cert");
  });

  it("when registered within 60 days, then the free-of-charge exemption is stated; when late, it is not", () => {
    const onTime = buildChecklist(birth, { born_at_facility: "yes", foreign_parent: "no", late: "no" });
    const late = buildChecklist(birth, { born_at_facility: "yes", foreign_parent: "no", late: "yes" });
    expect(onTime.feeExemptions.map((e) => e.en)).toContain("Free if registered within 60 days of the birth.");
    expect(late.feeExemptions.map((e) => e.en)).not.toContain("Free if registered within 60 days of the birth.");
    expect(late.feeExemptions.length).toBe(onTime.feeExemptions.length - 1);
  });
});

describe("Conditions on documents", () => {
  it("hold when every named question has one of the listed answers", () => {
    expect(conditionHolds({ a: ["x", "y"], b: ["z"] }, { a: "y", b: "z" })).toBe(true);
  });
  it("fail when a named question is unanswered or answered otherwise", () => {
    expect(conditionHolds({ a: ["x"] }, {})).toBe(false);
    expect(conditionHolds({ a: ["x"] }, { a: "q" })).toBe(false);
  });
  it("hold when there is no condition", () => {
    expect(conditionHolds(undefined, {})).toBe(true);
  });
});
