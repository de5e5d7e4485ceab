import { encodePng } from "./png.ts";
import { Raster, type Rgb, textWidth } from "./raster.ts";

/** Blue and orange: strong contrast, and told apart by people with red-green colour blindness. */
export const PALETTE: readonly [Rgb, Rgb] = [
  [31, 119, 180],
  [255, 127, 14],
];
const AXIS: Rgb = [90, 90, 90];
const GRID: Rgb = [225, 225, 225];

export interface DailyBarsInput {
  /** Day labels such as "17/11". */
  days: string[];
  series: { values: number[]; color: Rgb }[];
  width?: number;
  height?: number;
}

/**
 * A grouped bar chart per day as a PNG, with a y axis of round numbers, day labels (thinned when
 * many) and a numbered legend (1, 2...) that the caption explains: texts in Vietnamese are in
 * the caption, not in the picture, which keeps this drawing free of fonts.
 */
export function renderDailyBars({ days, series, width = 800, height = 450 }: DailyBarsInput): Buffer {
  const canvas = new Raster(width, height);
  const plot = { left: 60, top: 50, right: width - 20, bottom: height - 40 };
  const top = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const y = (v: number) => plot.bottom - ((plot.bottom - plot.top) * v) / top;
  for (const tick of [0, top / 4, top / 2, (3 * top) / 4, top]) {
    canvas.fillRect(plot.left, y(tick), plot.right - plot.left, 1, GRID);
    const label = String(Math.round(tick));
    canvas.drawText(label, plot.left - 8 - textWidth(label), y(tick) - 5, AXIS);
  }
  const slot = (plot.right - plot.left) / Math.max(1, days.length);
  const barWidth = Math.max(1, (slot * 0.8) / Math.max(1, series.length));
  const labelEvery = Math.ceil(days.length / Math.floor((plot.right - plot.left) / 48));
  days.forEach((day, d) => {
    series.forEach((s, k) => {
      const value = s.values[d] ?? 0;
      const x = plot.left + d * slot + slot * 0.1 + k * barWidth;
      canvas.fillRect(x, y(value), Math.max(1, barWidth - 1), plot.bottom - y(value), s.color);
    });
    if (d % labelEvery === 0)
      canvas.drawText(day, plot.left + d * slot + (slot - textWidth(day)) / 2, plot.bottom + 10, AXIS);
  });
  canvas.fillRect(plot.left, plot.bottom, plot.right - plot.left, 2, AXIS);
  canvas.fillRect(plot.left - 2, plot.top, 2, plot.bottom - plot.top, AXIS);
  series.forEach((s, k) => {
    canvas.fillRect(plot.left + k * 70, 15, 18, 18, s.color);
    canvas.drawText(String(k + 1), plot.left + k * 70 + 24, 19, AXIS);
  });
  return encodePng(width, height, canvas.pixels);
}

/** The top of the axis: four steps of a round size (1, 2 or 5 x 10^n), covering `max`. */
function niceMax(max: number): number {
  const rough = Math.max(1, max / 4);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((m) => m >= rough) as number;
  return step * 4;
}
