import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const load = (locale: string) =>
  JSON.parse(readFileSync(new URL(`../../locales/${locale}.json`, import.meta.url), "utf8"));

/** Keys with plural suffixes folded: vi has only "_other", en has "_one" and "_other". */
function keys(tree: Record<string, unknown>, prefix = ""): string[] {
  // A list (e.g. the greeting's examples) is one text to the code: t(key, { returnObjects: true }).
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? keys(v as Record<string, unknown>, `${prefix}${k}.`)
      : [`${prefix}${k.replace(/_(one|other)$/, "")}`],
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe("Interface texts", () => {
  const vi = new Set(keys(load("vi")));
  const en = new Set(keys(load("en")));

  it("exist in both Vietnamese and English", () => {
    expect([...vi].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !vi.has(k))).toEqual([]);
  });

  it("cover every key the code uses", () => {
    const used = sourceFiles(new URL("../../src", import.meta.url).pathname).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\bt\(\s*"([a-z_]+\.[a-z_.]+)"/g)].map((m) => m[1] as string),
    );
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter((k) => !vi.has(k))).toEqual([]);
  });
});
