import { checkMessageText, formatText } from "../../src/local-bot-api/formatting.ts";

/** Telegram's refusal of an HTML text, as the fake Bot API words it, or "ok". */
export function telegramVerdict(rendered: string): string {
  try {
    checkMessageText(formatText(rendered, "HTML", undefined));
    return "ok";
  } catch (error) {
    return (error as Error).message;
  }
}
