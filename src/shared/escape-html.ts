/**
 * Escapes text for Telegram's HTML parse mode, which needs only &, < and > escaped. Shared by the
 * translator (i18n/) and the views (bot/), which must not reach into each other.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
