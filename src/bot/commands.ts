import type { Api } from "grammy";
import type { TFunction } from "../i18n/index.ts";
import type { Locale } from "../store/types.ts";

const CITIZEN_COMMANDS = ["start", "commune", "fields", "status", "center", "notices", "lang", "help", "cancel"] as const;

/**
 * Registers the command menu in each language: Vietnamese as the default list (no
 * language_code) and English for users whose Telegram is in English.
 */
export async function registerCommands(api: Api, translator: (locale: Locale) => TFunction): Promise<void> {
  const list = (t: TFunction) => CITIZEN_COMMANDS.map((command) => ({ command, description: t(`commands.${command}`) }));
  await api.setMyCommands(list(translator("vi")));
  await api.setMyCommands(list(translator("en")), { language_code: "en" });
}
