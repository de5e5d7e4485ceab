import { readDossierJson } from "../../domain/imports/dossier-import.ts";
import { importFileKind } from "../../imports/read-import.ts";
import type { BotContext } from "../context.ts";
import { UPLOAD_CONVERSATION } from "../conversations/upload.ts";
import { Feature } from "../feature.ts";
import { importUpload, TELEGRAM_DOWNLOAD_LIMIT, type Upload } from "../helpers/import-upload.ts";
import { staffCommunes } from "../helpers/roles.ts";

/**
 * Staff send the one-stop system's export (or their posted procedure list) as a document and
 * it is imported for their commune, as `dossiers import` / `catalog import` would.
 */
export const uploadFeature = new Feature<BotContext>();

uploadFeature.chatType("private").on("message:document", async (ctx) => {
  const document = ctx.message.document;
  const upload: Upload = {
    fileId: document.file_id,
    name: document.file_name ?? "file",
    size: document.file_size ?? 0,
  };
  const communes = await staffCommunes(ctx);
  if (communes.length === 0) return void (await ctx.reply(ctx.t("upload.refused")));
  if (!importFileKind(upload.name, { json: readDossierJson }))
    return void (await ctx.reply(ctx.t("upload.unknown_kind", { file: upload.name })));
  if (upload.size > TELEGRAM_DOWNLOAD_LIMIT) {
    return void (await ctx.reply(
      ctx.t("upload.too_big", { file: upload.name, mb: (upload.size / 1_048_576).toFixed(1) }),
    ));
  }
  if (communes.length > 1) return void (await ctx.conversation.enter(UPLOAD_CONVERSATION, upload));
  await ctx.replyWithChatAction("typing");
  await ctx.reply(await importUpload(ctx, upload, communes[0] as string));
});
