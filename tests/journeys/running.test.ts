import { type ChildProcess, spawn } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { startLocalBotApi } from "../support/bot-harness.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("Running with a bot token", () => {
  let child: ChildProcess | undefined;
  let stateDir: string | undefined;
  afterEach(async () => {
    child?.kill("SIGKILL");
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  it("long-polls TELEGRAM_API_ROOT, registers menus in both languages, and stops cleanly on SIGTERM", async () => {
    const api = await startLocalBotApi();
    stateDir = await mkdtemp(join(tmpdir(), "motcua-run-"));
    child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        BOT_TOKEN: api.token,
        TELEGRAM_API_ROOT: api.apiRoot,
        STATE_DIR: stateDir,
        LOG_LEVEL: "silent",
      },
      stdio: "ignore",
    });
    try {
      const menus = [
        await api.waitForCall((c) => c.method === "setMyCommands" && !c.payload.language_code, { timeoutMs: 15_000 }),
        await api.waitForCall((c) => c.method === "setMyCommands" && c.payload.language_code === "en", {
          timeoutMs: 15_000,
        }),
      ];
      expect(menus[0]?.payload.commands[0]).toEqual({ command: "start", description: "Bắt đầu" });
      expect(menus[1]?.payload.commands[0]).toEqual({ command: "start", description: "Start" });

      const user = { id: 701, first_name: "Quân", language_code: "vi" };
      api.sendText(user, "/start");
      await api.waitForCall(
        (c) => c.method === "sendMessage" && String(c.payload.text).includes("Bạn ở xã/phường nào"),
        { timeoutMs: 15_000 },
      );
      const from = api.calls.length;
      api.sendText(user, "Chiêu Lưu");
      await api.waitForCall((c) => c.method === "sendMessage" && String(c.payload.text).includes("Chiêu Lưu"), {
        timeoutMs: 15_000,
        after: from,
      });

      const exited = new Promise<number | null>((resolve) => child?.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      const users = JSON.parse(await readFile(join(stateDir, "users.json"), "utf8"));
      expect(users.users["701"].communeCode).toBe("16855");
    } finally {
      await api.close();
    }
  });

  it("a broken catalog file stops start-up with the file, the entry and the field named", async () => {
    stateDir = await mkdtemp(join(tmpdir(), "motcua-broken-"));
    const dataDir = join(stateDir, "data");
    await cp(join(ROOT, "data"), dataDir, { recursive: true });
    const file = join(dataDir, "procedures", "1.000656.json");
    const procedure = JSON.parse(await readFile(file, "utf8"));
    procedure.channels[0].kind = "fax";
    await writeFile(file, JSON.stringify(procedure));
    const run = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, BOT_TOKEN: "", DATA_DIR: dataDir, STATE_DIR: join(stateDir, "var") },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child = run;
    let stderr = "";
    run.stderr?.on("data", (chunk) => (stderr += String(chunk)));
    const code = await new Promise<number | null>((resolve) => run.once("exit", resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(`${file}: entry 1.000656, field channels.0.kind`);
  });
});
