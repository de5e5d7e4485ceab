/**
 * The HTTP face of the local Bot API, on 127.0.0.1: grammY reaches it exactly as it reaches
 * api.telegram.org, so the bot is tested through its real client. Routes method calls
 * (/bot<token>/<method>) and file downloads (/file/bot<token>/<path>); logs every call.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { CallLog } from "./call-log.ts";
import { BotApiError, badRequest, errorResponse } from "./errors.ts";
import { type Payload, readPayload } from "./payload.ts";
import type { ApiResponse } from "./types.ts";

/** How a call ended: an answer to send, or (`cut`) a connection to destroy without one. */
export interface Outcome {
  response: ApiResponse;
  cut?: boolean;
}

/** What the HTTP side needs from the rest of the fake Telegram. */
export interface HttpBackend {
  readonly token: string;
  readonly log: CallLog;
  answer(method: string, payload: Payload, signal: AbortSignal): Promise<Outcome>;
  /** The bytes at a getFile file_path, if any. */
  download(path: string): Uint8Array | undefined;
}

const NOT_FOUND: ApiResponse = { ok: false, error_code: 404, description: "Not Found" };
const UNAUTHORIZED: ApiResponse = { ok: false, error_code: 401, description: "Unauthorized" };

export class HttpFront {
  private readonly server: Server;
  private closing = false;

  constructor(private readonly backend: HttpBackend) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  /** Listens on 127.0.0.1 (port 0: a free one); resolves with the apiRoot to give grammY. */
  listen(port: number): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => {
        this.server.off("error", reject);
        resolve(`http://127.0.0.1:${(this.server.address() as AddressInfo).port}`);
      });
    });
  }

  close(): Promise<void> {
    this.closing = true;
    return new Promise((resolve) => {
      // Keep-alive sockets still mid-request close after their answer ("connection: close");
      // whatever is left after a short grace period is cut.
      const force = setTimeout(() => this.server.closeAllConnections(), 250);
      this.server.close(() => {
        clearTimeout(force);
        resolve();
      });
      this.server.closeIdleConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (download) return this.serveFile(res, download[1] ?? "", download[2] ?? "");
    const route = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!route) {
      req.resume();
      return this.send(res, NOT_FOUND);
    }
    const [, token = "", method = ""] = route;
    // An aborted request (grammY cancels its long poll on stop) must not hold a poller.
    const aborted = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) aborted.abort();
    });
    let payload: Payload = {};
    const uploads: Record<string, Buffer> = {};
    let outcome: Outcome;
    const { log } = this.backend;
    log.track(method, 1);
    try {
      payload = await readPayload(req, url, uploads);
      outcome =
        token === this.backend.token
          ? await this.backend.answer(method, payload, aborted.signal)
          : { response: UNAUTHORIZED };
    } catch (error) {
      outcome = { response: errorResponse(error instanceof BotApiError ? error : badRequest(String(error))) };
    } finally {
      log.track(method, -1);
    }
    log.record({
      method,
      payload,
      at,
      response: outcome.response,
      ...(Object.keys(uploads).length > 0 ? { uploads } : {}),
    });
    if (outcome.cut) res.destroy();
    else this.send(res, outcome.response);
  }

  /** The file URL getFile points to: https://api.telegram.org/file/bot<token>/<file_path>. */
  private serveFile(res: ServerResponse, token: string, path: string): void {
    const content = token === this.backend.token ? this.backend.download(path) : undefined;
    if (!content) {
      this.send(res, NOT_FOUND);
      return;
    }
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": content.length });
    res.end(content);
  }

  private send(res: ServerResponse, response: ApiResponse): void {
    if (res.destroyed || res.writableEnded) return; // the client gave up, e.g. an aborted long poll
    const status = response.ok ? 200 : (response.error_code ?? 500);
    res.writeHead(status, { "content-type": "application/json", ...(this.closing ? { connection: "close" } : {}) });
    res.end(JSON.stringify(response));
  }
}
