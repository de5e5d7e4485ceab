import { describe, expect, it } from "vitest";
import { escapeHtml, MESSAGE_LIMIT, quoteTyped, splitMessage, visibleLength } from "../../src/bot/views/html.ts";

/** Half of an emoji left by a cut: Telegram refuses the message ("strings must be encoded in UTF-8"). */
const LONE_SURROGATE = /\p{Cs}/u;

describe("Messages longer than Telegram allows", () => {
  it("are split at line breaks into parts under 4,096 visible characters", () => {
    const line = `<b>${"Giấy tờ ".repeat(20)}</b>`;
    const parts = splitMessage(Array.from({ length: 60 }, () => line).join("\n"));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(visibleLength(part)).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(part.split("<b>").length).toBe(part.split("</b>").length);
    }
    expect(parts.join("\n").split("\n").length).toBe(60);
  });

  it("a single line over the limit is cut into plain, escaped pieces", () => {
    const parts = splitMessage(`<i>${"a&b ".repeat(2000)}</i>`);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => visibleLength(p) <= MESSAGE_LIMIT && !p.includes("<i>"))).toBe(true);
  });

  it("a line of emoji is never cut in the middle of one", () => {
    // 4,080 units per piece would end in the middle of the 2,040th pin: the cut moves back by one.
    const parts = splitMessage(`x${"📍".repeat(3000)}`);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.filter((p) => LONE_SURROGATE.test(p))).toEqual([]);
    expect(parts.join("")).toBe(`x${"📍".repeat(3000)}`);
  });

  it("a short message stays whole", () => {
    expect(splitMessage("xin chào")).toEqual(["xin chào"]);
  });
});

describe("Escaping catalog text for HTML", () => {
  it("escapes only what Telegram's HTML needs", () => {
    expect(escapeHtml('Nghị định 120/2025/NĐ-CP <mới> & "cũ"')).toBe('Nghị định 120/2025/NĐ-CP &lt;mới&gt; &amp; "cũ"');
  });
});

describe("What a citizen typed, quoted back", () => {
  it("is cut to 60 characters without splitting an emoji", () => {
    const quoted = quoteTyped(`${"a".repeat(58)}📍 khai sinh`);
    expect(LONE_SURROGATE.test(quoted)).toBe(false);
    expect(quoted).toBe(`${"a".repeat(58)}…`);
  });
});
