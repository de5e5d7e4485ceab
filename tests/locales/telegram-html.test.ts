import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LOCALES } from "../../src/domain/locale.ts";
import { createI18n } from "../../src/i18n/index.ts";
import { telegramVerdict } from "../support/telegram-verdict.ts";

const load = (locale: string) =>
  JSON.parse(readFileSync(new URL(`../../locales/${locale}.json`, import.meta.url), "utf8"));

/** Every text's key with its interpolation variables; plural forms fold into their base key. */
function texts(tree: Record<string, unknown>, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]): [string, string][] =>
    typeof v === "object" && v !== null
      ? texts(v as Record<string, unknown>, `${prefix}${k}.`)
      : [[`${prefix}${k.replace(/_(one|other)$/, "")}`, String(v)]],
  );
}

/** A value as a citizen might type it, with every character HTML cares about. */
const SAMPLE = `Nguyễn <Văn> A & "B" 'C'`;

function sampleValues(text: string, count: number): Record<string, unknown> {
  const names = [...text.matchAll(/{{-?\s*(\w+)\s*}}/g)].map((m) => m[1] as string);
  return { ...Object.fromEntries(names.map((n) => [n, SAMPLE])), count };
}

describe("Every interface text, rendered with values a citizen could type", () => {
  it.each(LOCALES)("is HTML Telegram accepts, within 4,096 characters (%s)", async (locale) => {
    const t = (await createI18n(locale)).translator(locale);
    const entries = texts(load(locale));
    expect(entries.length).toBeGreaterThan(100);

    const refused = entries.flatMap(([key, raw]) =>
      [1, 2].flatMap((count) => {
        const verdict = telegramVerdict(t(key, sampleValues(raw, count)));
        return verdict === "ok" ? [] : [`${key}: ${verdict}`];
      }),
    );

    expect([...new Set(refused)]).toEqual([]);
  });
});
