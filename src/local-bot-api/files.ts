/**
 * Files in the chats: documents users send (the bot downloads them with getFile and the file
 * URL, under Telegram's 20 MB cap) and the ids Telegram gives the files the bot sends.
 */
import { badRequest } from "./errors.ts";
import type { Json } from "./params.ts";
import type { SentFile } from "./types.ts";

/** Telegram's cap on what a bot may download (getFile): 20 MB. */
const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/** A file a user sent, as getFile and the file URL serve it. */
interface StoredFile {
  id: string;
  path: string;
  content: Uint8Array;
  size: number;
}

export class Files {
  /** One sequence for the files of both sides, so no two share a file_unique_id. */
  private nextId = 1;
  private readonly stored = new Map<string, StoredFile>();

  /** Keeps a document the user sends; returns its Document object for the message. */
  receive(file: SentFile): Json {
    const n = this.nextId++;
    const stored = {
      id: `local-document-${n}`,
      path: `documents/file_${n}${/\.\w+$/.exec(file.name)?.[0] ?? ""}`,
      content: file.content,
      size: file.size ?? file.content.length,
    };
    this.stored.set(stored.id, stored);
    return {
      file_id: stored.id,
      file_unique_id: `local-${n}`,
      file_name: file.name,
      file_size: stored.size,
      ...(file.mimeType ? { mime_type: file.mimeType } : {}),
    };
  }

  /** The sizes of a photo the bot sends (its bytes are in the call's `uploads`, not here). */
  sentPhoto(): Json[] {
    const n = this.nextId++;
    return [{ file_id: `local-photo-${n}`, file_unique_id: `local-${n}`, width: 800, height: 600 }];
  }

  /** A document the bot sends; `document` is what grammY passed, e.g. "uploaded:name:size". */
  sentDocument(document: string): Json {
    const n = this.nextId++;
    return {
      file_id: `local-document-${n}`,
      file_unique_id: `local-${n}`,
      file_name: document.split(":")[1] ?? "file",
    };
  }

  /** getFile: where to download a file the user sent. */
  getFile(fileId: string): Json {
    const file = this.stored.get(fileId);
    if (!file) throw badRequest("invalid file_id");
    if (file.size > MAX_DOWNLOAD_BYTES) throw badRequest("file is too big");
    return {
      file_id: file.id,
      file_unique_id: file.id.replace("document", "unique"),
      file_size: file.size,
      file_path: file.path,
    };
  }

  /** The bytes behind a file_path from getFile, if there is such a file. */
  download(path: string): Uint8Array | undefined {
    return [...this.stored.values()].find((f) => f.path === path)?.content;
  }
}
