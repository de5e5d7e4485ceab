/**
 * The payload of a t.me/<bot>?start=<payload> link, in one place. Telegram allows 64 characters
 * of [A-Za-z0-9_-]; ours are parts joined by "-": "c<commune code>", "p<procedure code with dots
 * as _>", "s" (dossier look-up), "oq"/"os" (came from a poster's QR / a shared card). Only the
 * shape is checked here: whether the commune or procedure exists is the caller's question.
 */
export type ArrivalSource = "qr" | "share" | "direct";

export interface DeepLink {
  communeCode?: string;
  procedureCode?: string;
  /** Open on the dossier look-up prompt. */
  status?: true;
  source?: Exclude<ArrivalSource, "direct">;
}

const MAX_PAYLOAD = 64;
const SOURCE_LETTER = { qr: "q", share: "s" } as const;

export function encodeStartPayload(link: DeepLink): string {
  const parts = [
    ...(link.communeCode ? [`c${link.communeCode}`] : []),
    ...(link.procedureCode ? [`p${link.procedureCode.replaceAll(".", "_")}`] : []),
    ...(link.status ? ["s"] : []),
    ...(link.source ? [`o${SOURCE_LETTER[link.source]}`] : []),
  ];
  const payload = parts.join("-");
  if (payload.length > MAX_PAYLOAD || !/^[A-Za-z0-9_-]+$/.test(payload))
    throw new Error(`deep link payload "${payload}" does not fit Telegram's rules`);
  return payload;
}

/** The link a payload stands for; undefined for anything malformed (a typed /start word, a cut link). */
export function decodeStartPayload(payload: string): DeepLink | undefined {
  if (payload === "" || payload.length > MAX_PAYLOAD || !/^[A-Za-z0-9_-]+$/.test(payload)) return undefined;
  const link: DeepLink = {};
  for (const part of payload.split("-")) {
    if (!readPart(part, link)) return undefined;
  }
  return link.communeCode || link.procedureCode || link.status ? link : undefined;
}

/** Adds one part to `link`; false for an unknown or repeated part. */
function readPart(part: string, link: DeepLink): boolean {
  const [kind, value] = [part[0], part.slice(1)];
  if (kind === "c" && !link.communeCode && /^\d{5}$/.test(value)) link.communeCode = value;
  else if (kind === "p" && !link.procedureCode && /^[A-Za-z0-9_]{2,40}$/.test(value))
    link.procedureCode = value.replaceAll("_", ".");
  else if (part === "s" && !link.status) link.status = true;
  else if (part === "oq" && !link.source) link.source = "qr";
  else if (part === "os" && !link.source) link.source = "share";
  else return false;
  return true;
}

/** The link itself, for a QR code or a URL button. */
export function deepLinkUrl(botUsername: string, link: DeepLink): string {
  return `https://t.me/${botUsername}?start=${encodeStartPayload(link)}`;
}
