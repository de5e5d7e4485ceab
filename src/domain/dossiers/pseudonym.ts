import { createHmac } from "node:crypto";

/** A key for HMAC pseudonyms shorter than this is guessable offline (RFC 2104: at least the hash's length). */
export const MIN_SECRET_BYTES = 32;

/** A keyed hash (HMAC-SHA-256, base64url): stable for one key, not reversible without it. */
export function keyedHash(secret: string): (text: string) => string {
  return (text) => createHmac("sha256", secret).update(text).digest("base64url");
}

/**
 * A stable pseudonym for a Telegram user: recorded look-ups can be counted per person without
 * keeping who they are. Without the key, the id cannot be found by hashing every possible id.
 */
export const pseudonymOf = (hash: (text: string) => string) => (userId: number) => hash(`user:${userId}`).slice(0, 22);

/**
 * A short signature binding a dossier code to a chat, put in the "notify me" button: only
 * someone who was shown the dossier can follow it, not someone forging button data.
 */
export const followTokenOf = (hash: (text: string) => string) => (chatId: number, code: string) =>
  hash(`follow:${chatId}:${code}`).slice(0, 10);
