/** A private text message as Telegram posts it to a webhook; a leading /command is marked as one. */
export const textUpdate = (updateId: number, text: string, chatId = 7001) => ({
  update_id: updateId,
  message: {
    message_id: updateId,
    date: 0,
    chat: { id: chatId, type: "private", first_name: "Web" },
    from: { id: chatId, is_bot: false, first_name: "Web", language_code: "vi" },
    text,
    ...(text.startsWith("/")
      ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]?.length ?? 0 }] }
      : {}),
  },
});
