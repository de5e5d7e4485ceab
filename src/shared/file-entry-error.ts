/**
 * A problem in one entry of a data or state file. The message names the file, the entry inside
 * it and the field, so whoever edits the file knows exactly what to fix.
 */
export class FileEntryError extends Error {
  constructor(
    /** Path of the file. */
    readonly file: string,
    /** The entry inside it: a code, a key, or a position like "#3". */
    readonly entry: string,
    /** Dotted path of the field, e.g. "documentGroups.0.documents.1.originals"; "" for the whole entry. */
    readonly field: string,
    /** What is wrong, in words. */
    readonly problem: string,
  ) {
    super(`${file}: entry ${entry}, field ${field || "(whole entry)"}: ${problem}`);
  }
}
