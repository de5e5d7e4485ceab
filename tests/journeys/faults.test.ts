import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { botPerTest, textsOf, type TestUser } from "../support/bot-harness.ts";

describe("Faults lose nothing and let the bot go on serving", () => {
  const { start } = botPerTest();

  it("Telegram answering 500 and 429 to polling: the bot keeps polling and answers", async () => {
    const b = await start();
    b.api.failNext("getUpdates", { error_code: 500, description: "Internal Server Error" });
    b.api.failNext("getUpdates", { error_code: 429, description: "Too Many Requests: retry after 1", retry_after: 1 });
    const user: TestUser = { id: 8301, first_name: "Lỗi", language_code: "vi" };
    const answer = await b.say(user, "/help");
    expect(textsOf(answer)[0]).toContain("Tôi giúp được gì?");
  }, 30_000);

  it("Telegram answering 500, then 429, to a reply: the reply is retried and arrives once", async () => {
    const b = await start();
    const user: TestUser = { id: 8302, first_name: "Lỗi", language_code: "vi" };
    b.api.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" });
    b.api.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", retry_after: 1 });
    const calls = await b.say(user, "/help");
    const delivered = calls.filter((c) => c.method === "sendMessage" && c.response?.ok);
    expect(delivered).toHaveLength(1);
    expect(textsOf(delivered)[0]).toContain("Tôi giúp được gì?");
  }, 30_000);

  it("the disk refusing a write: the user gets a kind error and the state is unchanged", async () => {
    const b = await start();
    const user: TestUser = { id: 8303, first_name: "Đĩa", language_code: "vi" };
    await b.say(user, "/start");
    await b.say(user, "Chiêu Lưu");
    // The atomic write goes through a temporary file: a folder in its place makes it fail.
    await mkdir(join(b.stateDir, ".users.json.tmp"));
    await b.say(user, "/lang");
    const answer = await b.tapLabel(user, "English");
    expect(textsOf(answer)).toEqual(["Xin lỗi, đã có lỗi khi xử lý tin nhắn của bạn. Bạn vui lòng thử lại sau ít phút."]);
    expect((await b.services.store.users.get(user.id))?.locale).toBeUndefined();
    expect((await b.services.store.users.get(user.id))?.communeCode).toBe("16855");
  });
});
