/**
 * The layers' import rules, checked on source text: the domain knows nothing of Telegram, the
 * store, the terminal or the texts; the store implements the domain's ports and never reaches
 * into the chat or the terminal; the translator does not reach into the views.
 */
import { posix } from "node:path";
import ts from "typescript";

interface Rule {
  /** Folders of src/ this layer must not import from. */
  layers: readonly string[];
  /** Packages it must not import (a name, or a scope ending in "/"). */
  packages: readonly string[];
}

export const RULES: Readonly<Record<string, Rule>> = {
  domain: {
    layers: ["bot", "cli", "store", "i18n", "local-bot-api"],
    packages: ["grammy", "@grammyjs/", "lowdb", "pg"],
  },
  store: { layers: ["bot", "cli", "local-bot-api"], packages: [] },
  i18n: { layers: ["bot", "cli", "store"], packages: [] },
};

/** The folder of src/ a path lies in ("src/domain/x.ts" -> "domain"), or undefined outside src/. */
const layerOf = (path: string): string | undefined => {
  const [root, layer] = path.split("/");
  return root === "src" ? layer : undefined;
};

/** Every module a file imports or re-exports, statically or dynamically (comments and strings are not imports). */
const importsOf = (source: string): string[] =>
  ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);

const isPackage = (specifier: string, name: string) =>
  name.endsWith("/") ? specifier.startsWith(name) : specifier === name || specifier.startsWith(`${name}/`);

/**
 * The imports that break the rules, as "file -> import" lines. `files` maps paths relative to the
 * repository's root ("src/domain/store.ts") to their source text.
 */
export function importViolations(files: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  for (const [path, source] of files) {
    const rule = RULES[layerOf(path) ?? ""];
    if (!rule) continue;
    for (const specifier of importsOf(source)) {
      const target = specifier.startsWith(".") ? layerOf(posix.join(posix.dirname(path), specifier)) : undefined;
      const broken = target ? rule.layers.includes(target) : rule.packages.some((name) => isPackage(specifier, name));
      if (broken) found.push(`${path} -> ${specifier}`);
    }
  }
  return found;
}
