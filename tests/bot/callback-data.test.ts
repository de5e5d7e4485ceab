import { describe, expect, it } from "vitest";
import type { CallbackCodec } from "../../src/bot/keyboards/callback-codec.ts";
import { callbacks, OLD_UNITS_DONE } from "../../src/bot/keyboards/callback-data.ts";

type Codecs = typeof callbacks;
type ValuesOf<C> = C extends CallbackCodec<infer F> ? Parameters<CallbackCodec<F>["pack"]> : never;

/**
 * The longest data each button carries in practice: the longest procedure code of data/
 * ("LOCAL.BTXH.HOUSING", 18 characters; the catalog test checks every real one), elsewhere ids
 * of up to 32, a dossier code of the default format with its 10-character follow token, notice
 * ids of "n" and a base-36 time. A codec added without an example here does not compile.
 */
const examples: { [K in keyof Codecs]: ValuesOf<Codecs[K]>[] } = {
  card: [[{ code: "LOCAL.BTXH.HOUSING", focus: "exemption" }], [{ code: "1.001193" }]],
  cardView: [
    [{ code: "LOCAL.BTXH.HOUSING", view: "summary", page: 0, focus: "exemption" }],
    [{ code: "1.001193", view: "papers", page: 12 }],
  ],
  elsewhere: [[{ id: "a".repeat(32) }]],
  askCenter: [[]],
  checklist: [[{ code: "LOCAL.BTXH.HOUSING" }]],
  checklistAnswer: [[{ code: "LOCAL.BTXH.HOUSING", answers: "0" }], [{ code: "1.001193", answers: "99999999" }]],
  field: [[{ id: "" }], [{ id: "ho_tich_va_chung_thuc" }]],
  language: [[{ locale: "vi" }], [{ locale: "en" }]],
  commune: [[{ code: "16855" }], [{ code: "16855", oldUnit: "16867" }]],
  communePage: [[{ page: 0 }], [{ page: 999 }]],
  communeSkip: [[]],
  otherCommune: [[]],
  notices: [[{ on: true }], [{ on: false }]],
  dossierAsk: [[]],
  follow: [[{ code: "000.00.53.H48-220921-0099", token: "Ab3_-xY9zQ" }]],
  unfollow: [[{ code: "000.00.53.H48-220921-0099" }]],
  staffCommune: [[{ code: "16855" }]],
  statsCommune: [[{ code: "16855" }]],
  posterCommune: [[{ code: "16855" }]],
  uploadCommune: [[{ code: "16855" }]],
  centerConfirm: [[{ answer: "yes" }], [{ answer: "no" }]],
  announceMove: [[{ code: "16855" }]],
  broadcastPin: [[{ choice: "add" }], [{ choice: "skip" }]],
  broadcastAudience: [[{ choice: "all" }], [{ choice: "old" }]],
  broadcastOldUnit: [[{ unit: "16867" }], [{ unit: OLD_UNITS_DONE }]],
  broadcastConfirm: [[{ answer: "yes" }], [{ answer: "no" }]],
  broadcastStop: [[{ notice: `n${Date.UTC(2099, 0).toString(36)}` }]],
};

/** Any codec of the registry, seen without its field types. */
type Loose = { prefix: string; filter: RegExp; pack(...values: unknown[]): string; unpack(data: string): unknown };
const codecs = Object.entries(callbacks) as [string, Loose][];
const packed = Object.entries(examples).flatMap(([name, list]) =>
  (list as unknown[][]).map((args) => {
    const codec = callbacks[name as keyof Codecs] as Loose;
    return { name, values: args[0] ?? {}, data: codec.pack(...args) };
  }),
);

describe("the buttons' callback data", () => {
  it("gives every kind of button its own prefix", () => {
    const prefixes = codecs.map(([, c]) => c.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it("is read back by its own codec only, to the values it was written from", () => {
    for (const { name, values, data } of packed) {
      const readers = codecs.filter(([, c]) => c.filter.test(data)).map(([n]) => n);
      expect(readers, data).toEqual([name]);
      expect((callbacks[name as keyof Codecs] as Loose).unpack(data), data).toEqual(values);
    }
  });

  it("fits Telegram's 64 bytes", () => {
    const tooLong = packed.filter(({ data }) => Buffer.byteLength(data, "utf8") > 64);
    expect(tooLong).toEqual([]);
  });

  it("keeps the data of buttons already sent in chats", () => {
    expect(callbacks.card.pack({ code: "1.001193", focus: "papers" })).toBe("p:1.001193:papers");
    expect(callbacks.dossierAsk.pack()).toBe("st:");
    expect(callbacks.field.pack({ id: "" })).toBe("f:");
    expect(callbacks.notices.pack({ on: true })).toBe("nt:1");
    expect(callbacks.commune.pack({ code: "16855", oldUnit: "16867" })).toBe("cm:16855:16867");
  });

  it("reads nothing from another bot's or a forged button", () => {
    expect(callbacks.commune.unpack("cm:1685")).toBeUndefined();
    expect(callbacks.card.unpack("p:1.001193:salary")).toBeUndefined();
    expect(codecs.filter(([, c]) => c.filter.test("x:1"))).toEqual([]);
  });
});
