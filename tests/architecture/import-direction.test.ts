import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importViolations } from "./import-direction.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Every TypeScript file under src/, by its path from the repository's root. */
async function sourceTree(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(join(ROOT, "src"), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(ROOT, path).split("\\").join("/"), await readFile(path, "utf8"));
  }
  return files;
}

describe("The layers import in one direction", () => {
  it("holds in src/: the domain imports nothing of bot/, cli/, store/ or i18n/ (nor grammY, lowdb, pg); the store nothing of bot/ or cli/", async () => {
    const files = await sourceTree();
    expect(files.size).toBeGreaterThan(100);
    expect(importViolations(files)).toEqual([]);
  });

  it("catches a domain file that reaches the store, the chat, the texts or a Telegram package", () => {
    const broken = new Map([
      ["src/domain/dossiers/lookup.ts", 'import type { Store } from "../../store/types.ts";\nimport { z } from "zod";'],
      ["src/domain/stats/chart.ts", 'export { escapeHtml } from "../../bot/views/html.ts";'],
      ["src/domain/locale.ts", 'const i18n = await import("../i18n/index.ts");'],
      ["src/domain/users/profile.ts", 'import type { Context } from "grammy";\nimport pg from "pg";'],
      ["src/domain/search/tokens.ts", 'import type { Conversation } from "@grammyjs/conversations";'],
    ]);
    expect(importViolations(broken)).toEqual([
      "src/domain/dossiers/lookup.ts -> ../../store/types.ts",
      "src/domain/stats/chart.ts -> ../../bot/views/html.ts",
      "src/domain/locale.ts -> ../i18n/index.ts",
      "src/domain/users/profile.ts -> grammy",
      "src/domain/users/profile.ts -> pg",
      "src/domain/search/tokens.ts -> @grammyjs/conversations",
    ]);
  });

  it("catches a store file that reaches the chat or the terminal, and i18n reaching the views", () => {
    const broken = new Map([
      ["src/store/lowdb/users.ts", 'import type { BotContext } from "../../bot/context.ts";'],
      ["src/store/open.ts", 'import { runCli } from "../cli/main.ts";'],
      ["src/i18n/index.ts", 'import { escapeHtml } from "../bot/views/html.ts";'],
    ]);
    expect(importViolations(broken)).toEqual([
      "src/store/lowdb/users.ts -> ../../bot/context.ts",
      "src/store/open.ts -> ../cli/main.ts",
      "src/i18n/index.ts -> ../bot/views/html.ts",
    ]);
  });

  it("lets each layer import what it may: the domain its own files, shared/ and zod; the store the domain and grammY", () => {
    const allowed = new Map([
      [
        "src/domain/store.ts",
        'import type { X } from "./users/repository.ts";\nimport { own } from "../shared/own.ts";\nimport { z } from "zod";\n// from "../store/types.ts" in a comment is no import',
      ],
      [
        "src/store/bot-storage.ts",
        'import type { StorageAdapter } from "grammy";\nimport type { Store } from "../domain/store.ts";',
      ],
      ["src/bot/index.ts", 'import { openStore } from "../store/open.ts";'],
      ["src/domain/dossiers/pg-like.ts", 'import { pgettext } from "pgettext";'],
    ]);
    expect(importViolations(allowed)).toEqual([]);
  });
});
