import type { Commune } from "../domain/communes/types.ts";
import type { TFunction } from "../i18n/index.ts";
import { posterContent } from "./content.ts";
import { CHAT_SIZE, PRINT_SIZE, renderPoster } from "./render.ts";

/** Both posters of a commune, in Vietnamese: A4 for printing, 4:5 for chat groups (PNG). */
export async function communePosters(
  commune: Commune,
  url: string,
  vi: TFunction,
): Promise<{ print: Buffer; chat: Buffer }> {
  const content = posterContent(commune, url, vi, "vi");
  return { print: await renderPoster(content, PRINT_SIZE), chat: await renderPoster(content, CHAT_SIZE) };
}
