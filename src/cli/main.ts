/**
 * Command line tools over the same domain as the bot:
 *   search [--json] [--limit N] [--commune ID] (QUERY | --batch FILE)
 *   communes import FILE.csv [--source TEXT] [--as-of DATE]
 *   catalog import FILE.csv --commune ID [--json]
 *   dossiers import FILE.csv|FILE.json --commune ID [--json]
 *   poster (--commune ID --out FILE.png | --province NAME --out-dir DIR) [--bot NAME] [--chat]
 * `--help` (alone or after a command) prints the usage and exits 0.
 * Bad flags, an unknown commune or a missing file: a message on stderr and exit code 2. An
 * import file that cannot be read (wrong columns, encoding, too large) is reported like its
 * rejected rows, with exit code 1 and nothing applied.
 */
import { parseConfig } from "../config.ts";
import { UsageError } from "./usage-error.ts";

const USAGE = `usage:
  cli search [--json] [--limit N] [--commune ID] (QUERY | --batch FILE)
  cli communes import FILE.csv [--source TEXT] [--as-of DATE]
  cli catalog import FILE.csv --commune ID [--json]
  cli catalog export [--out DIR]
  cli stats --commune ID [--json]
  cli db migrate                     (DATABASE_URL)
  cli state export --out FILE.ndjson (from DATABASE_URL, else STATE_DIR)
  cli state import FILE.ndjson       (into an empty DATABASE_URL, else STATE_DIR)
  cli dossiers import FILE.csv|FILE.json --commune ID [--json]
  cli poster --commune ID --out FILE.png [--bot NAME] [--chat]     (BOT_USERNAME)
  cli poster --province NAME --out-dir DIR [--bot NAME] [--chat]
  cli selfcheck webhook              (probes the bot in webhook mode on 127.0.0.1)`;

/** The usage lines of one command ("search", "state export"…), or all of them. */
function usageOf(words: string[]): string {
  const lines = USAGE.split("\n").slice(1);
  const prefix = `  cli ${words.join(" ")}`;
  const matching = lines.filter((line) => words.length > 0 && line.startsWith(prefix));
  return `usage:\n${(matching.length > 0 ? matching : lines).join("\n")}\n`;
}

async function run(argv: string[]): Promise<number> {
  const help = argv[0] === "help" ? 0 : argv.findIndex((arg) => arg === "--help" || arg === "-h");
  if (help >= 0) {
    process.stdout.write(usageOf(argv.slice(0, help)));
    return 0;
  }
  const config = parseConfig(process.env);
  const [command, sub, ...rest] = argv;
  // Each command's modules are loaded only when it runs: an import of 50 MB should not also
  // hold the poster's renderer, the search index or the database client in memory.
  if (command === "search") return (await import("./commands/search.ts")).searchCommand(argv.slice(1), config.dataDir);
  if (command === "communes" && sub === "import")
    return (await import("./commands/communes-import.ts")).communesImportCommand(rest, config);
  if (command === "catalog" && sub === "import")
    return (await import("./commands/catalog-import.ts")).catalogImportCommand(rest, config);
  if (command === "catalog" && sub === "export")
    return (await import("./commands/catalog-export.ts")).catalogExportCommand(rest, config.dataDir, config);
  if (command === "stats")
    return (await import("./commands/stats.ts")).statsCommand(argv.slice(1), config.dataDir, config);
  if (command === "db" && sub === "migrate")
    return (await import("./commands/db-migrate.ts")).dbMigrateCommand(rest, config);
  if (command === "state" && sub === "export")
    return (await import("./commands/state.ts")).stateExportCommand(rest, config);
  if (command === "state" && sub === "import")
    return (await import("./commands/state.ts")).stateImportCommand(rest, config);
  if (command === "dossiers" && sub === "import")
    return (await import("./commands/dossiers-import.ts")).dossiersImportCommand(rest, config);
  if (command === "selfcheck")
    return (await import("./commands/selfcheck.ts")).selfcheckCommand(argv.slice(1), config.dataDir);
  if (command === "poster")
    return (await import("./commands/poster.ts")).posterCommand(argv.slice(1), config.dataDir, config.botUsername);
  throw new UsageError(command ? `unknown command "${argv.slice(0, 2).join(" ")}"` : "no command given");
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      process.exit(2);
    }
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
