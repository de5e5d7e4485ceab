import { createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import QRCode from "qrcode";
import { withDensity } from "../charts/png.ts";
import { POSTER_FONT, registerPosterFont } from "./fonts.ts";

/** What a poster says, already in its language. */
export interface PosterContent {
  /** The center's name, or a generic one when the center is unknown. */
  title: string;
  /** "Xã Chiêu Lưu, tỉnh Nghệ An". */
  subtitle: string;
  /** Above the QR code: what scanning it does. */
  call: string;
  /** The deep link the QR code holds. */
  url: string;
  /** Under the QR code: the link for those who type it. */
  urlLabel: string;
  /** What the bot does, one short line each. */
  features: readonly string[];
  /** Labelled lines at the foot: address, hours. */
  details: readonly { label: string; text: string }[];
}

export interface PosterSize {
  width: number;
  height: number;
  /** Written into the file for printing at this density. */
  dpi?: number;
}

/** A4 portrait at 300 dpi, for printing. */
export const PRINT_SIZE: PosterSize = { width: 2480, height: 3508, dpi: 300 };
/** 4:5, as chat apps show photos large. */
export const CHAT_SIZE: PosterSize = { width: 1080, height: 1350 };

const INK = "#1d1d1f";
const BAND = "#0b4f8a";
const ACCENT = "#c62828";
const PAPER = "#ffffff";
const SOFT = "#eef4fa";
/** Modules of white around the QR code, as scanners need. */
const QUIET_ZONE = 4;

/**
 * Draws a poster: a colour band with the center's name, the call to scan, the QR code of the
 * bot's link for this commune, three lines on what the bot does, and the address and hours.
 * Sizes are in units of 1/100 of the page's width (capped by its height, so a 4:5 image keeps
 * the A4 layout), and the QR code takes the room the text leaves.
 */
export async function renderPoster(content: PosterContent, size: PosterSize): Promise<Buffer> {
  registerPosterFont();
  const unit = Math.min(size.width / 100, size.height / 141);
  const canvas = createCanvas(size.width, size.height);
  const g = canvas.getContext("2d");
  const page = new Page(g, size, unit);
  g.fillStyle = PAPER;
  g.fillRect(0, 0, size.width, size.height);
  page.band(content.title, content.subtitle);
  page.centered(content.call, 3.4, 700, ACCENT);
  const below = page.measureBelow(content);
  const qrTop = page.y + unit;
  // What is left above a bottom margin of 5 units, up to 62 units.
  const qrSide = Math.min(size.height - below - qrTop - 5 * unit, 62 * unit);
  drawQr(g, content.url, (size.width - qrSide) / 2, qrTop, qrSide);
  page.y = qrTop + qrSide + unit;
  page.drawBelow(content);
  // Encoded off the main thread: a 300 dpi page takes a moment, and other chats go on meanwhile.
  const png = await canvas.encode("png");
  return size.dpi ? withDensity(png, size.dpi) : png;
}

/** A cursor going down the page, with text helpers. */
class Page {
  y = 0;
  constructor(
    private readonly g: SKRSContext2D,
    private readonly size: PosterSize,
    private readonly unit: number,
  ) {}

  private font(sizeUnits: number, weight: number) {
    this.g.font = `${weight} ${Math.round(sizeUnits * this.unit)}px "${POSTER_FONT}"`;
  }

  /** Width available to text: the A4 column, centred on wider pages. */
  private get column() {
    return Math.min(this.size.width, 100 * this.unit) - 14 * this.unit;
  }

  band(title: string, subtitle: string) {
    const titleLines = this.wrap(title, 5.2, 700, this.column);
    const height = (6 + titleLines.length * 6.8 + 5.6) * this.unit;
    this.g.fillStyle = BAND;
    this.g.fillRect(0, 0, this.size.width, height);
    this.y = 4.5 * this.unit;
    for (const line of titleLines) this.line(line, 5.2, 700, PAPER, 6.8);
    this.line(subtitle, 3.4, 400, "#dbe8f5", 4.6);
    this.y = height + 4.5 * this.unit;
  }

  centered(text: string, sizeUnits: number, weight: number, color: string) {
    for (const line of this.wrap(text, sizeUnits, weight, this.column))
      this.line(line, sizeUnits, weight, color, sizeUnits * 1.35);
  }

  /** Height of what goes under the QR code (drawn by drawBelow: keep the two in step). */
  measureBelow(content: PosterContent): number {
    const features = content.features.length * 5.2 + 3;
    const details = content.details.reduce(
      (h, d) => h + this.wrap(`${d.label} ${d.text}`, 2.5, 400, this.column - 6 * this.unit).length * 3.5 + 1,
      0,
    );
    return (3.6 + 3 + features + details + 6) * this.unit;
  }

  drawBelow(content: PosterContent) {
    this.line(content.urlLabel, 2.6, 400, "#555555", 3.6);
    this.y += 3 * this.unit;
    const left = (this.size.width - this.column) / 2;
    for (const [i, feature] of content.features.entries()) this.feature(feature, i + 1, left);
    this.y += 3 * this.unit;
    if (content.details.length > 0) this.detailsBox(content.details, left);
  }

  private feature(text: string, n: number, left: number) {
    const r = 1.9 * this.unit;
    this.g.fillStyle = BAND;
    this.g.beginPath();
    this.g.arc(left + r, this.y + r, r, 0, Math.PI * 2);
    this.g.fill();
    this.font(2.4, 700);
    this.g.fillStyle = PAPER;
    this.g.textAlign = "center";
    this.g.textBaseline = "middle";
    this.g.fillText(String(n), left + r, this.y + r);
    this.font(3, 400);
    this.g.fillStyle = INK;
    this.g.textAlign = "left";
    this.g.fillText(this.fit(text, this.column - 3 * r), left + 3 * r, this.y + r);
    this.y += 5.2 * this.unit;
  }

  private detailsBox(details: PosterContent["details"], left: number) {
    const pad = 3 * this.unit;
    const lines = details.map((d) => this.wrap(`${d.label} ${d.text}`, 2.5, 400, this.column - 2 * pad));
    const height = lines.reduce((h, l) => h + l.length * 3.5 + 1, 0) * this.unit + 2 * pad - this.unit;
    this.g.fillStyle = SOFT;
    this.g.fillRect(left, this.y, this.column, height);
    this.g.fillStyle = BAND;
    this.g.fillRect(left, this.y, 0.6 * this.unit, height);
    let y = this.y + pad;
    this.g.textAlign = "left";
    this.g.textBaseline = "top";
    lines.forEach((wrapped, i) => {
      wrapped.forEach((text, j) => {
        // The label ("Địa chỉ:") in bold on the first line of each detail.
        const label = j === 0 ? (details[i]?.label ?? "") : "";
        this.font(2.5, 700);
        this.g.fillStyle = INK;
        this.g.fillText(label, left + pad, y);
        const labelWidth = label ? this.g.measureText(`${label} `).width : 0;
        this.font(2.5, 400);
        this.g.fillText(label ? text.slice(label.length + 1) : text, left + pad + labelWidth, y);
        y += 3.5 * this.unit;
      });
      y += this.unit;
    });
    this.y += height;
  }

  private line(text: string, sizeUnits: number, weight: number, color: string, advance: number) {
    this.font(sizeUnits, weight);
    this.g.fillStyle = color;
    this.g.textAlign = "center";
    this.g.textBaseline = "top";
    this.g.fillText(text, this.size.width / 2, this.y);
    this.y += advance * this.unit;
  }

  /** Splits text into lines no wider than `width`, at spaces. */
  private wrap(text: string, sizeUnits: number, weight: number, width: number): string[] {
    this.font(sizeUnits, weight);
    const lines: string[] = [];
    let current = "";
    for (const word of text.split(/\s+/).filter(Boolean)) {
      const tried = current ? `${current} ${word}` : word;
      if (current && this.g.measureText(tried).width > width) {
        lines.push(current);
        current = word;
      } else current = tried;
    }
    return current ? [...lines, current] : lines;
  }

  /** One line cut with "…" if it would run off the column (features are meant to be short). */
  private fit(text: string, width: number): string {
    if (this.g.measureText(text).width <= width) return text;
    let cut = text;
    while (cut.length > 1 && this.g.measureText(`${cut}…`).width > width) cut = cut.slice(0, -1);
    return `${cut}…`;
  }
}

/** The QR code in whole pixels per module (crisp when printed), centred in its square. */
function drawQr(g: SKRSContext2D, url: string, x: number, y: number, side: number) {
  const qr = QRCode.create(url, { errorCorrectionLevel: "M" });
  const count = qr.modules.size;
  const module = Math.floor(side / (count + 2 * QUIET_ZONE));
  const offset = (side - module * count) / 2;
  g.fillStyle = PAPER;
  g.fillRect(x, y, side, side);
  g.fillStyle = "#000000";
  const left = Math.round(x + offset);
  const top = Math.round(y + offset);
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++)
      if (qr.modules.get(row, col)) g.fillRect(left + col * module, top + row * module, module, module);
  }
}
