import { facets } from "../../domain/search/query-words.ts";
import { DETAIL_VIEWS } from "../views/procedure-details.ts";
import { callbackCodec, flag, int, oneOf, optional, text } from "./callback-codec.ts";

/**
 * Every button of the bot, by the callback data it carries. Telegram allows 64 bytes, and a
 * Vietnamese letter takes 2-3, so buttons carry short ASCII ids (procedure codes, field ids,
 * indexes), never names. The data written is what buttons already in chats carry: changing a
 * prefix or a separator would leave those buttons dead. tests/bot/callback-data.test.ts checks
 * that each data is read by one codec only, and its length.
 */
const communeCode = text("\\d{5}");
const procedureCode = text("[^:]+");
const yesNo = oneOf("yes", "no");

export const callbacks = {
  // Citizens: search, browsing, cards and checklists.
  /** Open a procedure's card, at the part asked about if any (fee, time, place, papers, exemption). */
  card: callbackCodec("p:", { code: procedureCode, focus: optional(oneOf(...facets)) }),
  /**
   * Show a view of a card in place (its summary or a detail, page `page` from 0), keeping the
   * part asked about so "back to summary" opens it as it first was.
   */
  cardView: callbackCodec("v:", {
    code: procedureCode,
    view: oneOf("summary", ...DETAIL_VIEWS),
    page: int("\\d{1,2}"),
    focus: optional(oneOf(...facets)),
  }),
  /** Say where something done elsewhere is done (its id, a-z0-9_, at most 32). */
  elsewhere: callbackCodec("e:", { id: text("[a-z0-9_]+") }),
  /** Ask the center: its address and phone after a search found nothing. */
  askCenter: callbackCodec("ac"),
  /** Start the checklist of a procedure: its first tailoring question. */
  checklist: callbackCodec("c:", { code: text(".+") }),
  /**
   * An answer in a checklist: the options chosen so far, this one last, one digit each (a
   * question has at most ten options, a procedure at most eight questions).
   */
  checklistAnswer: callbackCodec("q:", { code: procedureCode, answers: text("\\d{1,8}") }),
  /** The list of fields (id "") or the procedures of one field. */
  field: callbackCodec("f:", { id: text(".*") }),
  /** Switch the interface language. */
  language: callbackCodec("l:", { locale: oneOf("vi", "en") }),

  // Citizens: their commune and its notices.
  /** Pick a commune (with the old unit named, if any); also works after its question ended. */
  commune: callbackCodec("cm:", { code: communeCode, oldUnit: optional(text("\\w+")) }),
  /** Page `page` (from 0) of a long list of communes in the commune conversation. */
  communePage: callbackCodec("cmp:", { page: int("\\d{1,3}") }),
  /** Go on without choosing a commune. */
  communeSkip: callbackCodec("cms"),
  /** "Another commune" under the commune a link opened the bot on. */
  otherCommune: callbackCodec("dl:other"),
  /** Receive the commune's notices, or not. */
  notices: callbackCodec("nt:", { on: flag() }),

  // Citizens: dossiers.
  /** "Check my dossier": asks for the receipt's code. */
  dossierAsk: callbackCodec("st:"),
  /** Follow a dossier; the token proves this chat was shown it (codes about 25 bytes, the token 10). */
  follow: callbackCodec("df:", { code: text("[^:]+"), token: text("[\\w-]+") }),
  unfollow: callbackCodec("du:", { code: text("[^:]+") }),

  // Staff.
  /** Which of their communes a staff member acts for (in the broadcast and center dialogues). */
  staffCommune: callbackCodec("sc:", { code: communeCode }),
  /** The commune of /stats, for staff of several. */
  statsCommune: callbackCodec("ss:", { code: communeCode }),
  /** The commune of /poster, for staff of several. */
  posterCommune: callbackCodec("pp:", { code: communeCode }),
  /** The commune an uploaded file is for, for staff of several. */
  uploadCommune: callbackCodec("uc:", { code: communeCode }),
  /** Save the center's new address, hours, pin and phone, or not. */
  centerConfirm: callbackCodec("lc:", { answer: yesNo }),
  /** "Tell the residents" after a center update. */
  announceMove: callbackCodec("la:", { code: communeCode }),
  /** Add a map pin to a notice, or not. */
  broadcastPin: callbackCodec("bl:", { choice: oneOf("add", "skip") }),
  /** Send a notice to the whole commune or to residents of some old communes. */
  broadcastAudience: callbackCodec("ba:", { choice: oneOf("all", "old") }),
  /** Tick an old commune of the audience ("done" when the ticking is over). */
  broadcastOldUnit: callbackCodec("bo:", { unit: text("\\w+") }),
  /** Send the previewed notice, or not. */
  broadcastConfirm: callbackCodec("bc:", { answer: yesNo }),
  /** Stop a notice being sent. */
  broadcastStop: callbackCodec("bx:", { notice: text("[\\w-]+") }),
} as const;

/** The old-unit button that ends the ticking. */
export const OLD_UNITS_DONE = "done";
