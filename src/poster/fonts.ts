import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { GlobalFonts } from "@napi-rs/canvas";

/** The family posters are drawn in: Be Vietnam Pro (SIL Open Font License), made for Vietnamese. */
export const POSTER_FONT = "Be Vietnam Pro";

const SUBSETS = ["latin", "latin-ext", "vietnamese"];
const WEIGHTS = [400, 700];
let registered = false;

/**
 * Registers the font files the npm package @fontsource/be-vietnam-pro ships (one file per
 * subset and weight): posters never depend on the fonts of the machine they are made on.
 */
export function registerPosterFont(): void {
  if (registered) return;
  // The package exports only its CSS and LICENSE: find its folder through the LICENSE.
  const folder = join(dirname(createRequire(import.meta.url).resolve("@fontsource/be-vietnam-pro/LICENSE")), "files");
  for (const subset of SUBSETS) {
    for (const weight of WEIGHTS) {
      GlobalFonts.registerFromPath(join(folder, `be-vietnam-pro-${subset}-${weight}-normal.woff2`), POSTER_FONT);
    }
  }
  registered = true;
}
