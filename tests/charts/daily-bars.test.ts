import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { PALETTE, renderDailyBars } from "../../src/charts/daily-bars.ts";

/** Reads back our own PNGs (RGBA, no row filter). */
function decode(png: Buffer) {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString("ascii", at + 4, at + 8) === "IDAT") chunks.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(chunks));
  const pixel = (x: number, y: number) => [
    ...rows.subarray(y * (width * 4 + 1) + 1 + x * 4, y * (width * 4 + 1) + 1 + x * 4 + 3),
  ];
  return { width, height, pixel };
}

/** The height, in pixels, of `color` in column x of the plot (below the legend). */
function columnHeight(img: ReturnType<typeof decode>, x: number, color: readonly number[]) {
  let n = 0;
  for (let y = 50; y < img.height; y++) if (img.pixel(x, y).join() === color.join()) n++;
  return n;
}

describe("The daily chart for staff", () => {
  const days = ["17/11", "18/11", "19/11"];
  const png = renderDailyBars({
    days,
    series: [
      { values: [2, 8, 0], color: PALETTE[0] },
      { values: [1, 1, 5], color: PALETTE[1] },
    ],
    width: 400,
    height: 300,
  });
  const img = decode(png);

  it("is a PNG of the requested size", () => {
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect([img.width, img.height]).toEqual([400, 300]);
  });

  it("draws a taller bar for a larger value, in the series' colour", () => {
    const slot = (400 - 20 - 60) / 3;
    const barX = (day: number, series: number) =>
      Math.round(60 + day * slot + slot * 0.1 + series * ((slot * 0.8) / 2) + 3);
    const day1 = columnHeight(img, barX(0, 0), PALETTE[0]);
    const day2 = columnHeight(img, barX(1, 0), PALETTE[0]);
    expect(day2).toBeGreaterThan(day1 * 3);
    expect(columnHeight(img, barX(2, 0), PALETTE[0])).toBe(0);
    expect(columnHeight(img, barX(2, 1), PALETTE[1])).toBeGreaterThan(columnHeight(img, barX(0, 1), PALETTE[1]));
  });

  it("draws a clean chart when nothing happened, and handles 30 days", () => {
    expect(decode(renderDailyBars({ days, series: [{ values: [0, 0, 0], color: PALETTE[0] }] })).width).toBe(800);
    const month = Array.from({ length: 30 }, (_, i) => `${i + 1}/11`);
    expect(
      decode(renderDailyBars({ days: month, series: [{ values: month.map((_, i) => i), color: PALETTE[0] }] })).height,
    ).toBe(450);
  });
});
