import { CatalogError } from "./errors.ts";
import type { Condition, Procedure } from "./schema.ts";
import { checkSources } from "./sources.ts";

/**
 * Checks what a schema cannot: the field exists, every condition names a real question and one
 * of its options (a typo there would silently drop a paper from checklists), every source is public.
 */
export function checkProcedure(p: Procedure, fieldIds: Set<string>, file: string): void {
  if (!fieldIds.has(p.field)) throw new CatalogError(file, p.code, "field", `unknown field "${p.field}"`);
  const options = new Map(p.questions.map((q) => [q.id, new Set(q.options.map((o) => o.id))]));
  const check = (when: Condition | undefined, path: string) => {
    for (const [question, answers] of Object.entries(when ?? {})) {
      const known = options.get(question);
      if (!known) throw new CatalogError(file, p.code, `${path}.when.${question}`, "no question has this id");
      const wrong = answers.find((a) => !known.has(a));
      if (wrong) throw new CatalogError(file, p.code, `${path}.when.${question}`, `"${wrong}" is not an option of it`);
    }
  };
  p.documentGroups.forEach((g, gi) => {
    check(g.when, `documentGroups.${gi}`);
    for (const [di, d] of g.documents.entries()) check(d.when, `documentGroups.${gi}.documents.${di}`);
  });
  for (const [i, e] of p.feeExemptions.entries()) check(e.when, `feeExemptions.${i}`);
  checkSources(p, file);
}
