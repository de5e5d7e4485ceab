import type { LocalizedText } from "../catalog/schema.ts";
import type { ElsewhereItem } from "./schema.ts";

export type Language = keyof LocalizedText;

/**
 * An elsewhere item in one language, in the order an answer shows it: what it is, that another
 * agency decides it and where to go, what the commune still does, how to apply online, what to
 * bring, and what the answer rests on. The bot adds the words around it from its locales and
 * escapes every text (they come from a data file).
 */
export interface ElsewhereView {
  id: string;
  name: string;
  agency: string;
  where: string;
  /** Absent when the commune has no part in it. */
  communePart?: string;
  online: { label: string; url?: string }[];
  prepare: string[];
  sources: { ref: string; url?: string }[];
  /** Unverified facts must be shown as such, with the day they were checked when verified. */
  verified: boolean;
  checkedAt?: string;
}

export function elsewhereView(item: ElsewhereItem, lang: Language): ElsewhereView {
  return {
    id: item.id,
    name: item.name[lang],
    agency: item.agency[lang],
    where: item.where[lang],
    ...(item.communePart ? { communePart: item.communePart[lang] } : {}),
    online: item.online.map((o) => ({ label: o.label[lang], ...(o.url ? { url: o.url } : {}) })),
    prepare: item.prepare.map((p) => p[lang]),
    sources: item.sources.map((s) => ({ ...s })),
    verified: item.verified,
    ...(item.checkedAt ? { checkedAt: item.checkedAt } : {}),
  };
}
