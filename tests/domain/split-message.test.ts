import { describe, expect, it } from "vitest";
import { escapeHtml, MESSAGE_LIMIT, splitMessage, visibleLength } from "../../src/bot/views/html.ts";

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

  it("a short message stays whole", () => {
    expect(splitMessage("xin chào")).toEqual(["xin chào"]);
  });
});

describe("Escaping catalog text for HTML", () => {
  it("escapes only what Telegram's HTML needs", () => {
    expect(escapeHtml('Nghị định 120/2025/NĐ-CP <mới> & "cũ"')).toBe('Nghị định 120/2025/NĐ-CP &lt;mới&gt; &amp; "cũ"');
  });
});
