import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";

/** The records of a JSON Lines file, in order; none when the file does not exist. */
export async function* readJsonLines<T>(file: string): AsyncIterable<T> {
  if (!existsSync(file)) return;
  for await (const line of createInterface({ input: createReadStream(file, "utf8") })) {
    // A line cut short by a crash in the middle of an append is skipped, not fatal.
    if (line.trim() !== "" && line.endsWith("}")) yield JSON.parse(line) as T;
  }
}
