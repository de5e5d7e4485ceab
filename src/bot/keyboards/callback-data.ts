/**
 * Callback data of our buttons. Telegram allows 64 bytes, and a Vietnamese letter takes 2-3,
 * so buttons carry short ASCII ids (procedure codes, field ids, indexes), never names.
 */
export const callbackData = {
  /** Open a procedure's card, at the part asked about if any (fee, time, place, papers, exemption). */
  card: (code: string, focus?: string) => `p:${code}${focus ? `:${focus}` : ""}`,
  /**
   * Show a view of the card in place (its summary or a detail, page `page` from 0), keeping the
   * part asked about so "back to summary" opens it as it first was.
   */
  cardView: (code: string, view: string, page = 0, focus?: string) =>
    `v:${code}:${view}:${page}${focus ? `:${focus}` : ""}`,
  /** Say where something done elsewhere is done (its id, a-z0-9_, at most 32). */
  elsewhere: (id: string) => `e:${id}`,
  /** Ask the center: its address and phone after a search found nothing. */
  askCenter: () => "ac",
  /** Start the checklist conversation for a procedure. */
  checklist: (code: string) => `c:${code}`,
  /** The list of fields ("" ) or the procedures of one field. */
  field: (fieldId = "") => `f:${fieldId}`,
  /** Switch the interface language. */
  language: (locale: string) => `l:${locale}`,
  /** Pick a commune in the commune conversation (with the old unit named, if any). */
  commune: (code: string, oldUnitCode?: string) => `cm:${code}${oldUnitCode ? `:${oldUnitCode}` : ""}`,
  /** Page `page` (from 0) of a long list of communes in the commune conversation. */
  communePage: (page: number) => `cmp:${page}`,
  /** Go on without choosing a commune. */
  communeSkip: () => "cms",
  /** Answer question `question` with option `option` (indexes) in the checklist conversation. */
  answer: (question: number, option: number) => `a:${question}:${option}`,
} as const;

export const callbackPatterns = {
  card: /^p:([^:]+)(?::(fee|time|place|papers|exemption))?$/,
  cardView: /^v:([^:]+):(summary|papers|fees|steps|legal):(\d{1,2})(?::(fee|time|place|papers|exemption))?$/,
  elsewhere: /^e:([a-z0-9_]+)$/,
  askCenter: /^ac$/,
  checklist: /^c:(.+)$/,
  field: /^f:(.*)$/,
  language: /^l:(vi|en)$/,
  commune: /^cm:(\d{5})(?::(\w+))?$/,
  communePage: /^cmp:(\d{1,3})$/,
  communeSkip: /^cms$/,
  answer: /^a:(\d+):(\d+)$/,
} as const;
