/**
 * Something a citizen did, counted in the center's statistics. An "unanswered" search found
 * nothing relevant: staff see those to post what people look for. An "arrival" is a /start, with
 * where the citizen came from (a poster's QR, a shared card, or neither): staff see whether
 * their posters work.
 */
export interface UsageEvent {
  at: string;
  kind: "search" | "unanswered" | "card" | "checklist" | "arrival";
  communeCode?: string;
  /** The words searched, cut short (searches only). */
  query?: string;
  procedureCode?: string;
  /** Arrivals only. */
  source?: "qr" | "share" | "direct";
}
