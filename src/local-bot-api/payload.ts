/** Reading a call's parameters from the request: query string, then JSON, form-encoded or multipart body. */
import type { IncomingMessage } from "node:http";
import { badRequest } from "./errors.ts";

/** A call's parameters, from the query string and the body. */
export type Payload = Record<string, unknown>;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Files sent with a call, by the parameter naming them (e.g. "photo"), for tests to read. */
export type Uploads = Record<string, Buffer>;

/** Query string + body (JSON or form-encoded), as Telegram accepts them; files go in `uploads`. */
export async function readPayload(req: IncomingMessage, url: URL, uploads: Uploads = {}): Promise<Payload> {
  const query: Payload = Object.fromEntries(url.searchParams);
  const body = await readBody(req);
  const type = String(req.headers["content-type"] ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) return { ...query, ...readMultipart(body, type, uploads) };
  if (body.length === 0) return query;
  if (type.startsWith("application/x-www-form-urlencoded")) {
    return { ...query, ...Object.fromEntries(new URLSearchParams(body.toString("utf8"))) };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw badRequest("can't parse JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw badRequest("can't parse JSON");
  return { ...query, ...(parsed as Payload) };
}

/**
 * An upload (grammY sends files as multipart/form-data): text fields as Telegram reads them
 * (JSON objects such as reply_markup arrive as JSON text), and a field pointing at an uploaded
 * file ("attach://name") becomes a file id naming the upload and its size. The parser is
 * lenient, like Telegram's: grammY writes `filename=x` without quotes, which undici refuses.
 */
function readMultipart(body: Buffer, type: string, uploads: Uploads): Payload {
  const boundary = /boundary=("?)([^";]+)\1/i.exec(type)?.[2];
  if (!boundary) throw badRequest("can't parse multipart/form-data: no boundary");
  const fields: Payload = {};
  const files = new Map<string, Buffer>();
  for (const part of body.toString("latin1").split(`--${boundary}`).slice(1)) {
    if (part.startsWith("--")) break;
    const split = part.indexOf("\r\n\r\n");
    const headers = part.slice(0, split);
    const content = part.slice(split + 4, part.endsWith("\r\n") ? -2 : undefined);
    const name = /name="?([^";\r\n]+)"?/i.exec(headers)?.[1];
    if (!name || split < 0) throw badRequest("can't parse multipart/form-data");
    if (/filename=/i.test(headers)) files.set(name, Buffer.from(content, "latin1"));
    else {
      const value = Buffer.from(content, "latin1").toString("utf8");
      fields[name] = /^[[{]/.test(value) ? JSON.parse(value) : value;
    }
  }
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value !== "string" || !value.startsWith("attach://")) continue;
    const file = files.get(value.slice(9));
    if (file === undefined) continue;
    fields[name] = `uploaded:${value.slice(9)}:${file.length}`;
    uploads[name] = file;
  }
  return fields;
}
