import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";

/**
 * Keeps at most `max` connections open on `server`, so that a flood of connections cannot use
 * up the process's file descriptors. When a new connection would pass the cap, the connection
 * idle the longest (no request being handled on it: a keep-alive left open, or one that has
 * sent nothing or only part of its headers) is closed to make room; only when every connection
 * has a request in progress is the new one refused.
 *
 * Why not `server.maxConnections`, which refuses new connections at the cap: an idle flood
 * would then hold every slot until the timeouts free them, and /health and Telegram's own
 * updates would be refused meanwhile. Why not /health on a separate listener: it would stay
 * green while Telegram's updates are refused, so it would lie. A health probe and Telegram send
 * their request as soon as they connect, so they are busy, not idle, and are never the ones
 * evicted; the flood evicts only itself.
 */
export function capConnections(server: Server, max: number): void {
  // A Set iterates in insertion order: the first idle connection is the one idle the longest.
  const idle = new Set<Socket>();
  const requestsOn = new Map<Socket, number>();
  server.on("connection", (socket: Socket) => {
    idle.add(socket);
    socket.once("close", () => {
      idle.delete(socket);
      requestsOn.delete(socket);
    });
    if (idle.size + requestsOn.size <= max) return;
    // Dropped from the count at once: connections accepted in the same tick must not all
    // pick the same victim.
    const victim = idle.values().next().value ?? socket;
    idle.delete(victim);
    victim.destroy();
  });
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    idle.delete(socket);
    requestsOn.set(socket, (requestsOn.get(socket) ?? 0) + 1);
    res.once("close", () => {
      const left = (requestsOn.get(socket) ?? 1) - 1;
      if (left > 0) return void requestsOn.set(socket, left);
      requestsOn.delete(socket);
      if (!socket.destroyed) idle.add(socket);
    });
  });
}
