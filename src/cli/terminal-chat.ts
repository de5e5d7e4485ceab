/**
 * The bot as a chat in this terminal: what the bot sends to the user's chat through the local
 * Bot API is printed, and what the user types becomes updates. Buttons are numbered choices
 * (type the number), a location is shared by typing "lat,lon", a file is sent as a document by
 * typing "file:PATH", anything else is a text message.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { clearLine, createInterface, cursorTo } from "node:readline";
import type { MessageEntity } from "grammy/types";
import type { ApiCall, LocalBotApi, TestUser } from "../local-bot-api/index.ts";

export interface TerminalChatOptions {
  api: LocalBotApi;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Who is typing; the chat shown is their private chat with the bot. */
  user: TestUser;
  /**
   * Called when the input ends (Ctrl-D, or the end of a piped file) and the bot has answered
   * every line, not on `close()`.
   */
  onClose?: () => void;
}

/** The parts of a Bot API message the terminal shows. */
interface ShownMessage {
  chat?: { id?: number };
  text?: string;
  entities?: MessageEntity[];
  caption?: string;
  caption_entities?: MessageEntity[];
  reply_markup?: { inline_keyboard?: { text: string; url?: string }[][] };
  venue?: { title: string; address: string };
  location?: { latitude: number; longitude: number };
  photo?: unknown[];
}

interface ReplyKeyboard {
  keyboard?: ({ text: string; request_location?: boolean } | string)[][];
}

/** Two decimal numbers, e.g. "19.35,104.29": whole numbers stay text ("2,3" is not a place). */
const LOCATION = /^(-?\d{1,3}\.\d+)\s*,\s*(-?\d{1,3}\.\d+)$/;
const FILE = /^file:\s*(.+)$/i;

const isTty = (stream: NodeJS.ReadableStream | NodeJS.WritableStream) => (stream as { isTTY?: boolean }).isTTY === true;

/** Starts the chat; `close()` stops reading and printing (without calling `onClose`). */
export function runTerminalChat(options: TerminalChatOptions): { close(): void } {
  const { api, input, output, user } = options;
  const tty = isTty(output);
  const rl = createInterface({ input, output, prompt: "> ", terminal: tty && isTty(input) });
  // Callback queries this user made: their answers (toasts in Telegram) are printed too.
  const myQueries = new Set<string>();
  let closing = false;
  let promptPending = false;

  // Several messages often arrive together: show the prompt once, after the last of them.
  const schedulePrompt = () => {
    if (promptPending) return;
    promptPending = true;
    setImmediate(() => {
      promptPending = false;
      if (!closing) rl.prompt(true);
    });
  };

  const print = (block: string) => {
    if (closing) return;
    if (tty) {
      // Replace the prompt line, then redraw it (with what was typed so far) below the block.
      clearLine(output, 0);
      cursorTo(output, 0);
    }
    output.write(`${block}\n`);
    schedulePrompt();
  };

  const unsubscribe = api.onCall((call) => {
    const block = renderCall(call, user.id, tty) ?? renderAnswer(call, myQueries);
    if (block !== undefined) print(block);
  });

  const pressNumber = (n: number): boolean => {
    const keyboard = api.lastKeyboard(user.id);
    if (!keyboard) return false; // no buttons on screen: the number is just text
    const buttons = keyboard.buttons.flat();
    const button = buttons[n - 1];
    if (!button) print(`(no choice ${n}: choose 1-${buttons.length})`);
    else if (button.data !== undefined) {
      const query = api.pressButton(user, keyboard.messageId, button.data).callback_query;
      if (query) myQueries.add(query.id);
    } else if (button.url !== undefined) print(`(link: ${button.url})`);
    else print("(this button does not work in the terminal)");
    return true;
  };

  const sendFile = (path: string) => {
    try {
      api.sendDocument(user, { name: basename(path), content: readFileSync(path) });
    } catch (error) {
      print(`(cannot read ${path}: ${(error as Error).message})`);
    }
  };

  const handleLine = (line: string) => {
    const text = line.trim();
    if (text === "") return schedulePrompt();
    const location = LOCATION.exec(text);
    if (/^\d+$/.test(text) && pressNumber(Number(text))) return schedulePrompt();
    const file = FILE.exec(text)?.[1];
    if (location && isCoordinate(Number(location[1]), Number(location[2]))) {
      api.shareLocation(user, Number(location[1]), Number(location[2]));
    } else if (file) {
      sendFile(file);
    } else {
      api.sendText(user, text);
    }
    schedulePrompt();
  };

  // Piped lines arrive all at once: each waits until the bot has answered the one before, as a
  // person would, so a button number typed after a question finds that question's buttons.
  let answered: Promise<void> = Promise.resolve();
  rl.on("line", (line) => {
    answered = answered.then(async () => {
      if (closing) return;
      handleLine(line);
      await botIdle(api);
    });
  });
  rl.on("close", () => {
    void answered.then(() => {
      unsubscribe();
      if (!closing) {
        closing = true;
        options.onClose?.();
      }
    });
  });
  rl.prompt();

  return {
    close() {
      if (closing) return;
      closing = true;
      unsubscribe();
      rl.close();
    },
  };
}

/**
 * Resolves once no update waits in the local Bot API's queue: the bot confirms an update only
 * after handling it (and sending its replies), so an empty queue means every line is answered.
 */
async function botIdle(api: LocalBotApi): Promise<void> {
  while (api.pendingUpdates() > 0) await new Promise((resolve) => setTimeout(resolve, 10));
}

const isCoordinate = (latitude: number, longitude: number) => Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180;

/** The block to print for a successful call that shows something in the user's chat. */
function renderCall(call: ApiCall, chatId: number, bold: boolean): string | undefined {
  const message = call.response.ok ? (call.response.result as ShownMessage | true) : undefined;
  if (typeof message !== "object" || message.chat?.id !== chatId) return undefined;
  switch (call.method) {
    case "sendMessage":
      return renderText(message, bold) + renderKeyboards(message, call.payload.reply_markup);
    case "editMessageText":
    case "editMessageReplyMarkup":
      return `(updated) ${renderText(message, bold)}${renderKeyboards(message, undefined)}`;
    case "sendVenue":
    case "sendLocation":
      return renderPlace(message) + renderKeyboards(message, call.payload.reply_markup);
    case "sendPhoto": {
      const caption = message.caption ? ` ${withBold(message.caption, message.caption_entities, bold)}` : "";
      return `[photo]${caption}${renderKeyboards(message, call.payload.reply_markup)}`;
    }
    default:
      return undefined;
  }
}

/** A short notice the bot attached to the answer of one of our button presses. */
function renderAnswer(call: ApiCall, myQueries: Set<string>): string | undefined {
  if (call.method !== "answerCallbackQuery" || !call.response.ok) return undefined;
  const text: unknown = call.payload.text;
  return myQueries.has(String(call.payload.callback_query_id)) && typeof text === "string" && text
    ? `ℹ️  ${text}`
    : undefined;
}

/** The message's text as Telegram shows it: the API already parsed the HTML and decoded entities. */
function renderText(message: ShownMessage, bold: boolean): string {
  return withBold(message.text ?? message.caption ?? "", message.entities ?? message.caption_entities, bold);
}

function renderPlace(message: ShownMessage): string {
  const where = message.location ? `(${message.location.latitude}, ${message.location.longitude})` : "";
  return message.venue ? `📍 ${message.venue.title}, ${message.venue.address} ${where}` : `📍 ${where}`;
}

/** Inline buttons as numbered choices; reply-keyboard buttons as [labels] one can type. */
function renderKeyboards(message: ShownMessage, sentMarkup: unknown): string {
  const inline = (message.reply_markup?.inline_keyboard ?? []).flat();
  const choices = inline.map((b, i) => `\n  ${i + 1}) ${b.text}${b.url ? ` (${b.url})` : ""}`).join("");
  const rows = (sentMarkup as ReplyKeyboard | undefined)?.keyboard ?? [];
  const replies = rows.map((row) => `\n  ${row.map(replyButtonLabel).join("  ")}`).join("");
  return choices + replies;
}

function replyButtonLabel(button: { text: string; request_location?: boolean } | string): string {
  if (typeof button === "string") return `[${button}]`;
  return button.request_location ? `[${button.text}: lat,lon]` : `[${button.text}]`;
}

/** Bold entities as ANSI bold, on a terminal only. Offsets are UTF-16, like JS strings. */
function withBold(text: string, entities: MessageEntity[] | undefined, bold: boolean): string {
  if (!bold) return text;
  const spans = (entities ?? []).filter((e) => e.type === "bold").sort((a, b) => b.offset - a.offset);
  let out = text;
  for (const { offset, length } of spans) {
    out = `${out.slice(0, offset)}\x1b[1m${out.slice(offset, offset + length)}\x1b[22m${out.slice(offset + length)}`;
  }
  return out;
}
