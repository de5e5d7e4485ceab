/** The bot's command lists (setMyCommands and friends), kept per scope and language as Telegram keeps them. */
import type { BotCommand } from "grammy/types";
import { badRequest } from "./errors.ts";
import { type Json, jsonField } from "./params.ts";
import type { Payload } from "./payload.ts";

export class Commands {
  private readonly lists = new Map<string, BotCommand[]>();

  setMyCommands(p: Payload): true {
    const commands = jsonField(p.commands, "commands");
    if (!Array.isArray(commands) || commands.length > 100)
      throw badRequest("commands must be an Array of at most 100 BotCommand");
    for (const c of commands as Json[]) {
      if (typeof c.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(c.command))
        throw badRequest("BOT_COMMAND_INVALID");
      if (typeof c.description !== "string" || c.description.length < 1 || c.description.length > 256) {
        throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
      }
    }
    this.lists.set(listKey(p), structuredClone(commands as BotCommand[]));
    return true;
  }

  getMyCommands(p: Payload): BotCommand[] {
    return this.lists.get(listKey(p)) ?? [];
  }

  deleteMyCommands(p: Payload): true {
    this.lists.delete(listKey(p));
    return true;
  }
}

function listKey(p: Payload): string {
  const scope = jsonField(p.scope, "scope") ?? { type: "default" };
  return `${JSON.stringify(scope)}|${typeof p.language_code === "string" ? p.language_code : ""}`;
}
