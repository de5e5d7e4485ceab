import type { Commune } from "../../domain/communes/types.ts";
import type { Notice } from "../../domain/notices/notice.ts";
import type { TFunction } from "../../i18n/index.ts";
import { cutAt, escapeHtml, MESSAGE_LIMIT, visibleLength } from "./html.ts";

/** Telegram's limit on a photo caption. */
const CAPTION_LIMIT = 1024;
/** Room for the header ("📢 Notice from <commune>") and the blank line after it, in either language. */
const HEADER_ALLOWANCE = 96;

/** The most a staff member may write, as text or as a photo's caption, leaving room for the header. */
export const noticeLimit = (withPhoto: boolean) => (withPhoto ? CAPTION_LIMIT : MESSAGE_LIMIT) - HEADER_ALLOWANCE;

/** A notice as residents read it: who sends it, then the staff member's words. */
export function noticeText(
  notice: Pick<Notice, "text">,
  commune: Commune | undefined,
  t: TFunction,
  asCaption: boolean,
): string {
  const header = t("broadcast.header", { commune: commune?.name ?? "" });
  const body = escapeHtml(notice.text);
  const text = `${header}\n\n${body}`;
  if (!asCaption || visibleLength(text) <= CAPTION_LIMIT) return text;
  // Only notices written before captions were held to noticeLimit get here. Never cut an
  // entity such as &amp; in half: Telegram would refuse the caption.
  return `${cutAt(text, CAPTION_LIMIT - 1).replace(/&[a-z#0-9]*$/i, "")}…`;
}
