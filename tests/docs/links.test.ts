import { existsSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";
import { documentationPages, headingAnchors, linkTargets, ROOT, readPage } from "./markdown.ts";

/** A link that leaves the repository (a web page, an e-mail) is not checked here. */
const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

/** Why a relative link of `page` leads nowhere, or undefined when it resolves. */
function brokenBecause(page: string, target: string): string | undefined {
  const [path = "", anchor] = target.split("#");
  const file = path === "" ? page : normalize(join(dirname(page), decodeURIComponent(path)));
  if (!existsSync(join(ROOT, file))) return `${file} does not exist`;
  if (anchor === undefined || !file.endsWith(".md")) return undefined;
  return headingAnchors(readPage(file)).has(anchor) ? undefined : `${file} has no heading #${anchor}`;
}

describe("The documentation a newcomer reads", () => {
  it("has a README that links to every page of docs/, the architecture first among them", () => {
    const readme = readPage("README.md");
    const linked = new Set(linkTargets(readme).map((t) => t.split("#")[0]));
    const pages = documentationPages().filter((p) => p.startsWith("docs/"));
    expect(pages).toContain("docs/ARCHITECTURE.md");
    expect(pages.filter((p) => !linked.has(p))).toEqual([]);
    expect(readme.split("\n").length).toBeLessThanOrEqual(200);
  });

  it("leads, through every relative link and #anchor, to a file and heading that exist", () => {
    const broken = documentationPages().flatMap((page) =>
      linkTargets(readPage(page))
        .filter((target) => !isExternal(target))
        .flatMap((target) => {
          const reason = brokenBecause(page, target);
          return reason ? [`${page}: (${target}) ${reason}`] : [];
        }),
    );
    expect(broken).toEqual([]);
  });

  it("tells a broken link from a sound one", () => {
    expect(brokenBecause("README.md", "docs/configuration.md")).toBeUndefined();
    expect(brokenBecause("README.md", "docs/no-such-page.md")).toBe("docs/no-such-page.md does not exist");
    expect(brokenBecause("docs/dossiers.md", "staff.md#no-such-heading")).toBe(
      "docs/staff.md has no heading #no-such-heading",
    );
  });
});
