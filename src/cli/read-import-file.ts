import { readFile, stat } from "node:fs/promises";
import type { Sheet } from "../imports/csv-sheet.ts";
import { type ImportReadOptions, importFileKind, readImportBytes, tooLarge } from "../imports/read-import.ts";
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
  if (!importFileKind(file, options))
    throw new UsageError(`"${file}" is not a ${options.json ? ".csv, .xlsx or .json" : ".csv or .xlsx"} file`);
  const size = await fileSize(file);
  if (size > options.limits.maxBytes)
    return {
      rows: [],
      rejected: [{ line: 1, reason: tooLarge(file, size, options.limits.maxBytes) }],
      readable: false,
    };
  return readImportBytes(await readFile(file), file, options);
}

async function fileSize(file: string): Promise<number> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new UsageError(`no file "${file}"`);
  return info.size;
}
