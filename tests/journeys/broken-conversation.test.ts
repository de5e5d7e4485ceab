import { mkdir, mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { botPerTest, type TestUser, textsOf } from "../support/bot-harness.ts";
import { capturedLogger } from "../support/log-capture.ts";

const citizen: TestUser = { id: 4401, first_name: "Dân", language_code: "vi" };

describe("A chat whose conversation file is broken (a full disk, a careless edit)", () => {
  const bots = botPerTest();

  it("is served again at once: the file is kept aside once, logged once, and the dialogue starts afresh", async () => {
    const log = capturedLogger("warn");
    // Left so by the last run: the bot lists the folder when it starts.
    const stateDir = await mkdtemp(join(tmpdir(), "motcua-state-"));
    const dir = join(stateDir, "conversations");
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${citizen.id}.json`), '{"state":');
    const b = await bots.startWith({ logger: log.logger, stateDir });

    expect(textsOf(await b.say(citizen, "/start"))[0]).toContain("Xin chào Dân");
    expect(textsOf(await b.say(citizen, "Chiêu Lưu")).join("\n")).toContain("Xã Chiêu Lưu");
    expect(textsOf(await b.say(citizen, "/cancel"))).toHaveLength(1);
    expect(textsOf(await b.say(citizen, "khai sinh"))[0]).toContain("khai sinh");

    expect((await readdir(dir)).filter((f) => f.includes(".broken"))).toEqual([`${citizen.id}.json.broken`]);
    expect(log.text().match(/a conversation file could not be read/g)).toHaveLength(1);
    expect(log.text()).not.toContain(String(citizen.id));
    expect(b.api.calls.some((c) => String(c.payload.text ?? "").includes("Xin lỗi"))).toBe(false);
  });
});
