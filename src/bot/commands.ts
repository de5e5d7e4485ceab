import type { Api } from "grammy";
import type { Locale } from "../domain/locale.ts";
import type { TFunction } from "../i18n/index.ts";
import type { Logger } from "../logger.ts";

const CITIZEN_COMMANDS = [
  "start",
  "commune",
  "fields",
  "status",
  "center",
  "notices",
  "lang",
  "help",
  "cancel",
] as const;
const STAFF_COMMANDS = ["broadcast", "location", "stats", "posted", "poster"] as const;
const ADMIN_COMMANDS = ["grant", "revoke", "staff"] as const;

type Translator = (locale: Locale) => TFunction;
const menu = (t: TFunction, commands: readonly string[]) =>
  commands.map((command) => ({ command, description: t(`commands.${command}`) }));

/**
 * Registers the citizens' command menu in each language: Vietnamese as the default list (no
 * language_code) and English for users whose Telegram is in English.
 */
export async function registerCommands(api: Api, translator: Translator): Promise<void> {
  await api.setMyCommands(menu(translator("vi"), CITIZEN_COMMANDS));
  await api.setMyCommands(menu(translator("en"), CITIZEN_COMMANDS), { language_code: "en" });
}

/**
 * Gives one staff member or administrator a menu with their commands, in their chat only:
 * citizens never see staff commands. Without a role, the chat falls back to the citizens' menu.
 * (A menu is only a hint: every staff command checks the role again.)
 */
export async function registerRoleMenu(
  api: Api,
  translator: Translator,
  chatId: number,
  role: { staff: boolean; admin: boolean },
): Promise<void> {
  const scope = { type: "chat" as const, chat_id: chatId };
  const commands = [...CITIZEN_COMMANDS, ...(role.staff ? STAFF_COMMANDS : []), ...(role.admin ? ADMIN_COMMANDS : [])];
  if (!role.staff && !role.admin) {
    await api.deleteMyCommands({ scope });
    await api.deleteMyCommands({ scope, language_code: "en" });
    return;
  }
  await api.setMyCommands(menu(translator("vi"), commands), { scope });
  await api.setMyCommands(menu(translator("en"), commands), { scope, language_code: "en" });
}

/**
 * Menus for everyone who has a role now (at start-up). A menu Telegram refuses (an admin id that
 * never opened the bot: "chat not found") is logged and skipped: the others are still set, and
 * start-up goes on, since a menu is only a hint.
 */
export async function registerRoleMenus(
  api: Api,
  translator: Translator,
  adminIds: readonly number[],
  staffIds: readonly number[],
  logger: Logger,
): Promise<void> {
  for (const id of new Set([...adminIds, ...staffIds])) {
    const role = { admin: adminIds.includes(id), staff: staffIds.includes(id) };
    await registerRoleMenu(api, translator, id, role).catch((err: unknown) =>
      logger.warn({ err, userId: id, ...role }, "could not set a command menu; going on"),
    );
  }
}
