export type Rgb = readonly [number, number, number];

/** 3x5 glyphs for the only text a chart needs: digits and "/" (dates, counts). */
const GLYPHS: Record<string, string> = {
  "0": "111101101101111",
  "1": "010110010010111",
  "2": "111001111100111",
  "3": "111001111001111",
  "4": "101101111001001",
  "5": "111100111001111",
  "6": "111100111101111",
  "7": "111001001001001",
  "8": "111101111101111",
  "9": "111101111001111",
  "/": "001001010100100",
};

/** A white canvas of RGBA pixels with rectangles and tiny digit text. */
export class Raster {
  readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb = [255, 255, 255],
  ) {
    this.pixels = new Uint8Array(width * height * 4);
    this.fillRect(0, 0, width, height, background);
  }

  fillRect(x: number, y: number, w: number, h: number, [r, g, b]: Rgb): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let yy = y0; yy < y1; yy++) {
      for (let xx = x0; xx < x1; xx++) this.pixels.set([r, g, b, 255], (yy * this.width + xx) * 4);
    }
  }

  /** Draws digits and "/" with each font pixel `scale` screen pixels wide; returns the width. */
  drawText(text: string, x: number, y: number, color: Rgb, scale = 2): number {
    let cursor = x;
    for (const ch of text) {
      const glyph = GLYPHS[ch];
      if (glyph) {
        for (let i = 0; i < 15; i++)
          if (glyph[i] === "1")
            this.fillRect(cursor + (i % 3) * scale, y + Math.floor(i / 3) * scale, scale, scale, color);
      }
      cursor += 4 * scale;
    }
    return cursor - x;
  }
}

/** How wide `text` will be when drawn. */
export const textWidth = (text: string, scale = 2) => text.length * 4 * scale;
