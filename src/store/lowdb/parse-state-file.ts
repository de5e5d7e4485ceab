import type { z } from "zod";
import { StateFileError } from "../errors.ts";

/** A state file's text as `schema` says it must be; a StateFileError naming the file and field otherwise. */
export function parseStateFile<T>(file: string, text: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(file, "(file)", "", `not valid JSON: ${(error as Error).message}`);
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const path = result.error.issues[0]?.path.map(String) ?? [];
  throw new StateFileError(
    file,
    path.slice(0, 2).join(".") || "(file)",
    path.slice(2).join("."),
    result.error.issues[0]?.message ?? "invalid",
  );
}
