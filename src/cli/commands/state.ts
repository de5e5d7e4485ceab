import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import type { BotStore } from "../../store/bot-storage.ts";
import type { StateFileError } from "../../store/errors.ts";
import { openStore } from "../../store/open.ts";
import { countState, exportState, importState, type StateCounts, type StateItem } from "../../store/transfer.ts";
import { UsageError } from "../usage-error.ts";
import { parseFlags } from "./args.ts";

type StateConfig = { stateDir: string; databaseUrl?: string };
const where = (config: StateConfig) =>
  config.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `lowdb (${config.stateDir})`;

/** `state export --out FILE`: everything the configured store holds, one JSON per line. */
export async function stateExportCommand(args: string[], config: StateConfig): Promise<number> {
  const { values, positionals } = parseFlags(args, { out: { type: "string" } });
  if (!values.out || positionals.length > 0) throw new UsageError("usage: state export --out FILE.ndjson");
  let broken = 0;
  const onBrokenConversation = (key: string, error: StateFileError) => {
    broken++;
    process.stderr.write(`warning: conversation ${key} skipped: ${error.message} (kept aside as .broken)\n`);
  };
  const store = await openStore({ ...config, onBrokenConversation });
  // The export holds everything the state does (names included): as private as the state.
  const out = createWriteStream(values.out, { mode: 0o600 });
  const counts: StateCounts = {};
  for await (const item of exportState(store)) {
    counts[item.kind] = (counts[item.kind] ?? 0) + 1;
    if (!out.write(`${JSON.stringify(item)}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  await store.close();
  process.stdout.write(`exported from ${where(config)} to ${values.out}: ${describe(counts)}\n`);
  if (broken > 0) process.stderr.write(`warning: ${broken} broken conversation file(s) skipped\n`);
  return 0;
}

/**
 * `state import FILE`: the items of an export into the configured store, which must be empty
 * (a second run would double the logs). Afterwards the store's own counts must equal the file's.
 */
export async function stateImportCommand(args: string[], config: StateConfig): Promise<number> {
  const { positionals } = parseFlags(args, {});
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError("usage: state import FILE.ndjson");
  const store = await openStore(config);
  try {
    if (!(await isEmpty(store)))
      throw new UsageError(`${where(config)} already holds state: import into an empty store`);
    const imported = await importState(store, readItems(file));
    const held = await countState(exportState(store));
    const same = describe(imported) === describe(held);
    process.stdout.write(
      `imported into ${where(config)}: ${describe(imported)}\nthe store now holds: ${describe(held)}\n`,
    );
    if (!same) process.stderr.write("the counts differ: check the store before using it\n");
    return same ? 0 : 1;
  } finally {
    await store.close();
  }
}

async function isEmpty(store: BotStore): Promise<boolean> {
  for await (const _ of exportState(store)) return false;
  return true;
}

/** The items of an export file; a line that is not one names its number. */
async function* readItems(file: string): AsyncIterable<StateItem> {
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity })) {
    line++;
    if (text.trim() === "") continue;
    let item: StateItem;
    try {
      item = JSON.parse(text) as StateItem;
    } catch {
      throw new UsageError(`${file}, line ${line}: not JSON; is it a file from "state export"?`);
    }
    if (typeof item?.kind !== "string")
      throw new UsageError(`${file}, line ${line}: no "kind"; is it a file from "state export"?`);
    yield item;
  }
}

const describe = (counts: StateCounts) =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, n]) => `${n} ${kind}`)
    .join(", ") || "nothing";
