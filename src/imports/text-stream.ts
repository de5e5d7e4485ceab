import { setImmediate } from "node:timers/promises";
import { TextDecoder } from "node:util";
import type { SaveAdvice } from "../domain/imports/reasons.ts";
import { SheetError } from "../domain/imports/types.ts";

/** An import file's bytes, read as often as needed: once to check every row, once to apply them. */
export type ImportSource = () => AsyncIterable<Uint8Array>;

/** Bytes read from a file at a time. */
export const SLICE_BYTES = 64 * 1024;
/** Bytes of an upload parsed at a time in the bot's own process: a few milliseconds of work, then other chats' turn. */
const UPLOAD_SLICE_BYTES = 8 * 1024;

/**
 * Bytes already in memory (an upload) as a source, in slices. Each slice waits for the event
 * loop's next turn: read from memory, the whole file would otherwise be parsed in one stretch of
 * promise callbacks, and every other chat would wait for it.
 */
export function bytesSource(bytes: Uint8Array): ImportSource {
  return async function* () {
    for (let at = 0; at < bytes.length; at += UPLOAD_SLICE_BYTES) {
      await setImmediate();
      yield bytes.subarray(at, at + UPLOAD_SLICE_BYTES);
    }
  };
}

/**
 * Decodes a file's bytes as they come, in pieces of whole lines: UTF-8 with or without a BOM,
 * UTF-16 with a BOM (Excel's "Unicode text"). Anything else is refused with how to save it
 * right (`advice`), at the line where it goes wrong: a workbook (.xlsx/.xls renamed), a legacy
 * code page (Windows-1258, what Vietnamese Excel calls plain "CSV"), binary content.
 */
export async function* decodeText(source: ImportSource, name: string, advice: SaveAdvice): AsyncIterable<string> {
  let decoder: TextDecoder | undefined;
  let rest = new Uint8Array(0);
  let line = 1;
  let seen = false;
  const text = (piece: string) => {
    const nul = piece.indexOf("\0");
    if (nul >= 0) {
      const at = line + countLines(piece.slice(0, nul));
      throw new SheetError(at, { key: "file_binary", file: name, line: at, advice });
    }
    line += countLines(piece);
    seen ||= piece.trim() !== "";
    return piece;
  };
  for await (const chunk of source()) {
    decoder ??= openDecoder(chunk, name, advice);
    if (decoder.encoding !== "utf-8") {
      yield text(decodeUtf16(decoder, chunk, name, advice, true));
      continue;
    }
    // UTF-8 is cut after its last line feed: a line feed byte never occurs inside a character.
    const bytes = concat(rest, chunk);
    const end = bytes.lastIndexOf(0x0a) + 1;
    rest = bytes.slice(end);
    if (end > 0) yield text(decodeUtf8(decoder, bytes.subarray(0, end), line, name, advice, true));
  }
  // The last line without a line feed; a character cut short at the very end is an error too.
  if (decoder?.encoding === "utf-8") yield text(decodeUtf8(decoder, rest, line, name, advice, false));
  else if (decoder && decoder.encoding !== "utf-8")
    yield text(decodeUtf16(decoder, new Uint8Array(0), name, advice, false));
  if (!seen) throw new SheetError(1, { key: "file_empty", file: name });
}

function openDecoder(head: Uint8Array, name: string, advice: SaveAdvice): TextDecoder {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
    const kind = name.split(".").at(-1)?.toUpperCase() ?? "text";
    throw new SheetError(1, { key: "file_workbook", file: name, kind, advice });
  }
  const utf16 = startsWith(head, [0xff, 0xfe]) ? "utf-16le" : startsWith(head, [0xfe, 0xff]) ? "utf-16be" : "utf-8";
  // The decoder drops the BOM itself (ignoreBOM is false by default).
  return new TextDecoder(utf16, { fatal: true });
}

function decodeUtf8(
  decoder: TextDecoder,
  bytes: Uint8Array,
  line: number,
  name: string,
  advice: SaveAdvice,
  more: boolean,
): string {
  try {
    return decoder.decode(bytes, { stream: more });
  } catch {
    const at = line + firstBadUtf8Line(bytes) - 1;
    throw new SheetError(at, { key: "file_not_utf8", file: name, line: at, advice });
  }
}

function decodeUtf16(decoder: TextDecoder, bytes: Uint8Array, name: string, advice: SaveAdvice, more: boolean): string {
  try {
    return decoder.decode(bytes, { stream: more });
  } catch {
    throw new SheetError(1, { key: "file_bad_utf16", file: name, advice });
  }
}

function countLines(text: string): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) count++;
  return count;
}

/** The line of the first byte that is not UTF-8, within `bytes`. */
function firstBadUtf8Line(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 1;
  for (let start = 0; start < bytes.length; line++) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end < 0 ? bytes.length : end;
    try {
      decoder.decode(bytes.subarray(start, stop));
    } catch {
      return line;
    }
    start = stop + 1;
  }
  return line;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}
