import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard } from "grammy";
import type { BotContext, ConversationContext } from "../context.ts";
import { importUpload, type Upload } from "../helpers/import-upload.ts";
import { servesCommune } from "../helpers/roles.ts";
import { callbacks } from "../keyboards/callback-data.ts";
import { dialogueStaffCommunes } from "./steps.ts";

export const UPLOAD_CONVERSATION = "upload";

/**
 * A staff member of several communes sent a file: asks which commune it is for (the file id
 * is too long for a button), then imports it. Anything else than a button leaves the question.
 */
export async function uploadConversation(
  conversation: Conversation<BotContext, ConversationContext>,
  ctx: ConversationContext,
  upload: Upload,
) {
  const communes = await dialogueStaffCommunes(conversation);
  const keyboard = new InlineKeyboard();
  for (const code of communes)
    keyboard.text(ctx.services.catalog.communes.get(code)?.name ?? code, callbacks.uploadCommune.pack({ code })).row();
  await ctx.reply(ctx.t("upload.choose_commune", { file: upload.name }), { reply_markup: keyboard });
  const answer = await conversation.waitForCallbackQuery(callbacks.uploadCommune.filter, {
    otherwise: () => conversation.halt({ next: true }),
  });
  const { code } = callbacks.uploadCommune.read(answer.callbackQuery.data);
  await answer.answerCallbackQuery();
  const text = await conversation.external(async (c) =>
    (await servesCommune(c, code)) ? importUpload(c, upload, code) : c.t("staff.refused"),
  );
  await ctx.reply(text);
}
