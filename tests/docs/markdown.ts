import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root: every path below is relative to it. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The pages a newcomer reads: the README, everything under docs/, and the evaluation set's README. */
export function documentationPages(): string[] {
  const docs = readdirSync(join(ROOT, "docs"), { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".md"))
    .map((name) => join("docs", name));
  return ["README.md", ...docs, join("tests", "eval", "README.md")];
}

export const readPage = (page: string): string => readFileSync(join(ROOT, page), "utf8");

/** Code spans and fenced blocks hold examples, not links: they are blanked before links are read. */
const withoutCode = (markdown: string): string => markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");

/** Every link target of a page (`[text](target)` and images), code left out. */
export function linkTargets(markdown: string): string[] {
  return [...withoutCode(markdown).matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1] as string);
}

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as "-", repeats numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, title] of markdown.replace(/^```[\s\S]*?^```/gm, "").matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const slug = (title as string)
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

export const fromRoot = (path: string): string => relative(ROOT, path);
