import { describe, expect, it } from "vitest";
import { decodeStartPayload, deepLinkUrl, encodeStartPayload } from "../../src/bot/deep-link.ts";

describe("Deep link payloads", () => {
  it("read back what they were made from: commune, procedure (dots kept), status, where the citizen came from", () => {
    const links = [
      { communeCode: "16855", source: "qr" as const },
      { procedureCode: "1.001193", source: "share" as const },
      { communeCode: "16855", procedureCode: "LOCAL.CT.WILL" },
      { status: true as const },
    ];
    for (const link of links) expect(decodeStartPayload(encodeStartPayload(link))).toEqual(link);
    expect(encodeStartPayload({ communeCode: "16855", procedureCode: "1.001193", source: "share" })).toBe(
      "c16855-p1_001193-os",
    );
  });

  it("fit Telegram's 64 characters of A-Z, a-z, 0-9, _ and -", () => {
    const longest = encodeStartPayload({
      communeCode: "99999",
      procedureCode: `LOCAL.${"A".repeat(24)}`,
      status: true,
      source: "share",
    });
    expect(longest).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(deepLinkUrl("motcua_bot", { communeCode: "16855", source: "qr" })).toBe(
      "https://t.me/motcua_bot?start=c16855-oq",
    );
  });

  it("are refused when malformed, so /start falls back to its greeting", () => {
    for (const payload of [
      "",
      "hello",
      "c1685",
      "c16855-c20044",
      "c16855-ox",
      "oq",
      "c16855--oq",
      "c16855 oq",
      "p",
      "x".repeat(65),
    ]) {
      expect(decodeStartPayload(payload), payload).toBeUndefined();
    }
  });
});
