import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { rejectedRow } from "../domain/imports/types.ts";
import type { Sheet } from "../imports/csv-sheet.ts";
import type { ImportFile } from "../imports/dossier-file.ts";
import { type ImportReadOptions, importFileKind, readImportBytes, tooLarge } from "../imports/read-import.ts";
import { SLICE_BYTES } from "../imports/text-stream.ts";
import { UsageError } from "./usage-error.ts";

/**
 * Reads an import file (.csv, .xlsx, or .json when the import takes it) into rows, as
 * readImportBytes does; a file too large is refused before it is read. A missing file, a
 * folder or another kind of file is a UsageError.
 */
export async function readImportSheet(
  file: string,
  options: ImportReadOptions,
): Promise<Sheet & { readable: boolean }> {
  const { size } = await importFileAt(file, options);
  if (size > options.limits.maxBytes)
    return {
      rows: [],
      rejected: [rejectedRow(1, tooLarge(file, size, options.limits.maxBytes))],
      readable: false,
    };
  return readImportBytes(await readFile(file), file, options);
}

/** An import file on disk, read in slices as often as the import reads it; checked as readImportSheet does. */
export async function importFileAt(file: string, options: ImportReadOptions): Promise<ImportFile> {
  if (!importFileKind(file, options))
    throw new UsageError(`"${file}" is not a ${options.json ? ".csv, .xlsx or .json" : ".csv or .xlsx"} file`);
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new UsageError(`no file "${file}"`);
  return { name: file, size: info.size, source: () => createReadStream(file, { highWaterMark: SLICE_BYTES }) };
}
