import type { z } from "zod";
import { FileEntryError } from "../../shared/file-entry-error.ts";

/** A catalog file that cannot be used. Start-up stops with it. */
export class CatalogError extends FileEntryError {
  override name = "CatalogError";

  /** The first issue of a failed schema check, as a CatalogError. */
  static fromZod(file: string, entry: string, error: z.ZodError): CatalogError {
    const issue = error.issues[0];
    const field = issue?.path.map(String).join(".") ?? "";
    return new CatalogError(file, entry, field, issue?.message ?? "invalid");
  }
}
