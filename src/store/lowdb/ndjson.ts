import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";

/**
 * The records of a JSON Lines file, in order; none when the file does not exist. A line that is
 * not a record (cut short by a crash in the middle of an append, torn by two writers) is skipped,
 * not fatal, and `onUnreadable` told of it, so a reader can say its figures miss some.
 */
export async function* readJsonLines<T>(file: string, onUnreadable: () => void = () => undefined): AsyncIterable<T> {
  if (!existsSync(file)) return;
  for await (const line of createInterface({ input: createReadStream(file, "utf8") })) {
    if (line.trim() === "") continue;
    const record = parseLine(line);
    if (record === undefined) onUnreadable();
    else yield record as T;
  }
}

function parseLine(line: string): object | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
