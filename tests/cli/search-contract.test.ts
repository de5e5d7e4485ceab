import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.ts";

describe("The search contract on the command line", () => {
  it("prints one JSON array, best first, with code, Vietnamese name and score", async () => {
    const { code, stdout } = await runCli([
      "search",
      "--json",
      "--limit",
      "3",
      "--commune",
      "16855",
      "lam giay khai sinh cho con",
    ]);
    expect(code).toBe(0);
    const hits = JSON.parse(stdout);
    expect(hits.length).toBeLessThanOrEqual(3);
    expect(hits[0]).toEqual({ code: "1.001193", name: "Đăng ký khai sinh", score: expect.any(Number) });
  });

  it("with --batch, prints one JSON array per query line, in order; off-topic lines are []", async () => {
    const dir = await mkdtemp(join(tmpdir(), "motcua-batch-"));
    const file = join(dir, "queries.txt");
    await writeFile(file, "giay doc than\nmua vé tàu\nbirth certificate\n");
    const { code, stdout } = await runCli(["search", "--json", "--limit", "2", "--batch", file]);
    await rm(dir, { recursive: true, force: true });
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l: { code: string }[]) => l[0]?.code)).toEqual(["1.004873", undefined, "1.001193"]);
    expect(lines[1]).toEqual([]);
  });

  it("something done elsewhere carries elsewhere: true and the agency beside its id, name and score", async () => {
    const { code, stdout } = await runCli([
      "search",
      "--json",
      "--limit",
      "2",
      "--commune",
      "16855",
      "xin lý lịch tư pháp",
    ]);
    expect(code).toBe(0);
    const [first] = JSON.parse(stdout);
    expect(first).toEqual({
      code: "criminal_record",
      name: "Cấp Phiếu lý lịch tư pháp",
      score: expect.any(Number),
      elsewhere: true,
      agency: expect.stringContaining("Công an tỉnh"),
    });
  });

  it("procedures keep exactly code, name and score", async () => {
    const { stdout } = await runCli(["search", "--json", "--limit", "5", "dang ky ket hon"]);
    for (const item of JSON.parse(stdout))
      expect(Object.keys(item).sort()).toEqual(
        item.elsewhere ? ["agency", "code", "elsewhere", "name", "score"] : ["code", "name", "score"],
      );
  });

  it("small talk is not a search: an empty array", async () => {
    const { stdout } = await runCli(["search", "--json", "cảm ơn bạn"]);
    expect(JSON.parse(stdout)).toEqual([]);
  });

  it("an unknown commune is a clear error with exit code 2", async () => {
    const { code, stderr, stdout } = await runCli(["search", "--json", "--commune", "99999", "khai sinh"]);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown commune "99999"');
    expect(stdout).toBe("");
  });

  it("a bad flag or a bad limit is a clear error with exit code 2", async () => {
    expect((await runCli(["search", "--jsn", "khai sinh"])).code).toBe(2);
    const badLimit = await runCli(["search", "--limit", "zero", "khai sinh"]);
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toContain("--limit");
  });
});
