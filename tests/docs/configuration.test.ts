import { describe, expect, it } from "vitest";
import { readPage } from "./markdown.ts";

/** The environment variables src/config.ts validates: the keys of its schema, one per line. */
function configuredVariables(): string[] {
  const source = readPage("src/config.ts");
  const schema = source.slice(source.indexOf("const schema = z.object({"), source.indexOf("\n});"));
  return [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1] as string);
}

describe("docs/configuration.md", () => {
  it("documents every environment variable the bot validates at start-up", () => {
    const variables = configuredVariables();
    expect(variables).toContain("BOT_TOKEN");
    expect(variables).toContain("WEBHOOK_MAX_CONNECTIONS");
    const page = readPage("docs/configuration.md");
    expect(variables.filter((name) => !page.includes(`\`${name}\``))).toEqual([]);
  });
});
