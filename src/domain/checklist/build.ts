import type { Condition, LocalizedText, Procedure, RequiredDocument } from "../catalog/schema.ts";

/** A citizen's answers to a procedure's tailoring questions: question id -> option id. */
export type Answers = Readonly<Record<string, string>>;

/** The papers one citizen needs for one procedure, for their own case. */
export interface Checklist {
  procedure: Procedure;
  /** Papers to bring, in the catalog's order. */
  toBring: RequiredDocument[];
  /** Papers the counter should read from a national database; bring them in case it cannot. */
  inCase: RequiredDocument[];
  /** Exemptions that apply to these answers (or to everyone), stated before the fee. */
  feeExemptions: LocalizedText[];
}

/** True when every question named in `when` was answered with one of its listed options. */
export function conditionHolds(when: Condition | undefined, answers: Answers): boolean {
  if (!when) return true;
  return Object.entries(when).every(([question, options]) => {
    const answer = answers[question];
    return answer !== undefined && options.includes(answer);
  });
}

/**
 * The personalised checklist: the documents of the groups and rows whose conditions hold.
 * @example buildChecklist(birthRegistration, { born_at_facility: "yes", foreign_parent: "no", late: "no" })
 */
export function buildChecklist(procedure: Procedure, answers: Answers): Checklist {
  const applicable = procedure.documentGroups
    .filter((g) => conditionHolds(g.when, answers))
    .flatMap((g) => g.documents.filter((d) => conditionHolds(d.when, answers)));
  return {
    procedure,
    toBring: applicable.filter((d) => !d.readableFromDatabase),
    inCase: applicable.filter((d) => d.readableFromDatabase),
    feeExemptions: procedure.feeExemptions.filter((e) => conditionHolds(e.when, answers)).map((e) => e.text),
  };
}
