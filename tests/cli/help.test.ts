import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.ts";

/** A newcomer's first try: --help answers with the usage, on stdout, with exit code 0. */
describe("cli --help", () => {
  it("alone (or as `help`) lists every command", async () => {
    for (const args of [["--help"], ["-h"], ["help"]]) {
      const { code, stdout } = await runCli(args);
      expect(code).toBe(0);
      expect(stdout).toContain("cli search");
      expect(stdout).toContain("cli dossiers import");
    }
  });

  it("after a command shows that command's usage only", async () => {
    const { code, stdout } = await runCli(["search", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("cli search [--json]");
    expect(stdout).not.toContain("cli dossiers import");
    const state = await runCli(["state", "export", "-h"]);
    expect(state.stdout.trim().split("\n")).toEqual(["usage:", expect.stringContaining("cli state export --out")]);
  });

  it("the word help inside a search is a query, not a request for usage", async () => {
    const { code, stdout } = await runCli(["search", "--json", "help"]);
    expect(code).toBe(0);
    expect(() => JSON.parse(stdout)).not.toThrow();
  });
});
