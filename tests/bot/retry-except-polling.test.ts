import { HttpError, type Transformer } from "grammy";
import { describe, expect, it, vi } from "vitest";
import { retryExceptPolling } from "../../src/bot/helpers/api-defaults.ts";

describe("Retrying Bot API calls", () => {
  const lostConnection = () => new HttpError("Network request failed", new Error("socket hang up"));

  it("a failed poll goes straight back to grammY's polling loop, whose pause never grows", async () => {
    const prev = vi.fn<Parameters<Transformer>[0]>(async () => {
      throw lostConnection();
    });
    const retry = vi.fn<Transformer>(async () => ({ ok: true, result: true as never }));
    await expect(retryExceptPolling(retry)(prev, "getUpdates", { timeout: 30 })).rejects.toBeInstanceOf(HttpError);
    expect(prev).toHaveBeenCalledTimes(1);
    expect(retry).not.toHaveBeenCalled();
  });

  it("any other call goes through the retrying transformer", async () => {
    const prev = vi.fn<Parameters<Transformer>[0]>();
    const retry = vi.fn<Transformer>(async () => ({ ok: true, result: true as never }));
    await expect(retryExceptPolling(retry)(prev, "sendMessage", { chat_id: 1, text: "x" })).resolves.toEqual({
      ok: true,
      result: true,
    });
    expect(retry).toHaveBeenCalledWith(prev, "sendMessage", { chat_id: 1, text: "x" }, undefined);
  });
});
