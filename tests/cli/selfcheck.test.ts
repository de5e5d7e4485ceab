import { describe, expect, it } from "vitest";
import { DATA_DIR } from "../support/catalog.ts";
import { runCli } from "./run-cli.ts";

describe("cli selfcheck webhook: anyone can see that the webhook withstands a stranger", () => {
  it("prints each probe with what it expected and got, all ok, and exits 0", async () => {
    const { code, stdout } = await runCli(["selfcheck", "webhook"], { DATA_DIR });
    const rows = stdout.trim().split("\n");
    expect(rows[0]).toMatch(/^check\s+expected\s+got$/);
    expect(rows.slice(1).map((r) => r.trimEnd().endsWith("  ok"))).toEqual(Array(rows.length - 1).fill(true));
    expect(stdout).toMatch(/100 POSTs without the secret.*100 × 401\s+100 × 401/);
    expect(stdout).toMatch(/a 5 MB update with the secret\s+413\s+413/);
    expect(stdout).toMatch(/300 idle connections .*\/health 200\s+\/health 200/);
    expect(code).toBe(0);
  }, 60_000);

  it("any other argument is a usage error (exit code 2)", async () => {
    expect((await runCli(["selfcheck", "polling"], { DATA_DIR })).code).toBe(2);
  });
});
