import type { Procedure } from "../src/domain/catalog/schema.ts";

/** A small deterministic PRNG (mulberry32): the same synthetic catalog on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `size` procedures shaped like the shipped ones: each copies a real procedure's structure and
 * gets a new code and a name made of the catalog's own administrative words, so common words hit
 * thousands of entries as they do in real Vietnamese lists. The real procedures come first.
 */
export function syntheticProcedures(real: Procedure[], size: number, seed = 42): Procedure[] {
  const random = seededRandom(seed);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)] as T;
  const words = [...new Set(real.flatMap((p) => p.name.vi.split(/[\s,:()]+/)).filter((w) => w.length > 1))];
  const out = [...real];
  for (let i = out.length; i < size; i++) {
    const template = pick(real);
    const extra = Array.from({ length: 2 + Math.floor(random() * 5) }, () => pick(words)).join(" ");
    out.push({
      ...template,
      code: `LOCAL.SYN.${i}`,
      name: { vi: `${template.name.vi} ${extra}`, en: `${template.name.en} variant ${i}` },
      aliases: { vi: [], en: [] },
    });
  }
  return out;
}
