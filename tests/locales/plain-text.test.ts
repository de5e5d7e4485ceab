import { describe, expect, it } from "vitest";
import { createI18n } from "../../src/i18n/index.ts";
import { plain } from "../../src/i18n/plain.ts";

/** A name with every character HTML cares about, as a center or a citizen could write it. */
const NAME = `Bến Tre & "Chợ" <Lách>`;

describe("Texts outside HTML (button labels, answers to a tap, posters)", () => {
  it("show a value as written, where messages escape it for HTML", async () => {
    const t = (await createI18n("vi")).translator("vi");
    const values = { name: NAME, province: "Vĩnh Long" };
    expect(plain(t)("commune.option_current", values)).toBe(`${NAME}, Vĩnh Long`);
    expect(t("commune.option_current", values)).toBe('Bến Tre &amp; "Chợ" &lt;Lách&gt;, Vĩnh Long');
  });

  it("stay as written when asked for again, and the HTML text stays escaped (texts are remembered apart)", async () => {
    const t = (await createI18n("vi")).translator("vi");
    const values = { name: NAME, province: "Bến Tre" };
    for (let i = 0; i < 2; i++) {
      expect(t("commune.option_current", values)).toBe('Bến Tre &amp; "Chợ" &lt;Lách&gt;, Bến Tre');
      expect(plain(t)("commune.option_current", values)).toBe(`${NAME}, Bến Tre`);
    }
  });
});
