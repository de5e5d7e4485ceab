import { InlineKeyboard } from "grammy";
import type { Choice } from "../helpers/place-reply.ts";
import { callbacks } from "./callback-data.ts";

/** One button per commune (with the old unit named, if any). */
export function choiceButtons(choices: Choice[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const c of choices)
    keyboard.text(c.label, callbacks.commune.pack({ code: c.code, oldUnit: c.oldUnitCode })).row();
  return keyboard;
}
