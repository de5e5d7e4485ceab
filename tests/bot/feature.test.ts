import { Context } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { describe, expect, it } from "vitest";
import { Feature } from "../../src/bot/feature.ts";

const me = { id: 1, is_bot: true, first_name: "motcua", username: "motcua_bot" } as UserFromGetMe;
const chat = { id: 7, type: "private" as const, first_name: "Lan" };
const text = (t: string) =>
  new Context({ update_id: 1, message: { message_id: 1, date: 0, chat, text: t } } as Update, {} as never, me);

/** Runs `feature` on a context; returns what ran, "next" when the update went past it. */
async function run(feature: Feature<Context>, ctx: Context): Promise<string[]> {
  const ran: string[] = [];
  (ctx as Context & { ran: string[] }).ran = ran;
  await feature.middleware()(ctx, async () => void ran.push("next"));
  return ran;
}
const note = (label: string) => (ctx: Context) => void (ctx as Context & { ran: string[] }).ran.push(label);

describe("A feature's filters, as grammY's", () => {
  it("send a matching update to their middleware and any other one on", async () => {
    const feature = new Feature<Context>();
    feature.hears("xin chào", note("greeting"));
    expect(await run(feature, text("xin chào"))).toEqual(["greeting"]);
    expect(await run(feature, text("khai sinh"))).toEqual(["next"]);
  });

  it("count middleware added later to what a filter returned, and nest", async () => {
    const feature = new Feature<Context>();
    const privateChats = feature.chatType("private");
    privateChats.on("message:text").filter(async (ctx) => ctx.message.text.length > 3, note("long text"));
    privateChats.use(note("after"));
    expect(await run(feature, text("khai sinh"))).toEqual(["long text"]);
    expect(await run(feature, text("ok"))).toEqual(["after"]);
  });
});
