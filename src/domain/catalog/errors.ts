import type { z } from "zod";

/**
 * A catalog file that cannot be used. Start-up stops with it: the message names the file, the
 * entry inside it and the field, so whoever edits data/ knows exactly what to fix.
 */
export class CatalogError extends Error {
  constructor(
    /** Path of the broken file. */
    readonly file: string,
    /** The entry inside it: a procedure or commune code, or a position like "#3". */
    readonly entry: string,
    /** Dotted path of the field, e.g. "documentGroups.0.documents.1.originals". */
    readonly field: string,
    /** What is wrong, in words. */
    readonly problem: string,
  ) {
    super(`${file}: entry ${entry}, field ${field || "(whole entry)"}: ${problem}`);
    this.name = "CatalogError";
  }

  /** The first issue of a failed schema check, as a CatalogError. */
  static fromZod(file: string, entry: string, error: z.ZodError): CatalogError {
    const issue = error.issues[0];
    const field = issue?.path.map(String).join(".") ?? "";
    return new CatalogError(file, entry, field, issue?.message ?? "invalid");
  }
}
