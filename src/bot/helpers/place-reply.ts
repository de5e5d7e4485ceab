import type { GeoPoint } from "../../domain/catalog/schema.ts";
import { isNumberedWard } from "../../domain/communes/typed-place.ts";
import type { CommuneMatch, NearbyCommune } from "../../domain/communes/types.ts";
import { hitKey } from "../../domain/search/procedure-search.ts";
import { foldVietnamese } from "../../domain/text/fold.ts";
import { plain } from "../../i18n/plain.ts";
import type { ConversationContext } from "../context.ts";

/** A commune button as stored in the conversation's replay log: codes and a label (JSON). */
export interface Choice {
  code: string;
  oldUnitCode?: string;
  label: string;
}

/** What the commune question does with a message: all plain data, kept in the replay log. */
export type PlaceReply =
  | { kind: "one"; choice: Choice }
  | { kind: "list"; header: string; choices: Choice[] }
  | { kind: "province"; text: string }
  /** Search results by `hitKey`: procedures, and things done elsewhere ("elsewhere:passport"). */
  | { kind: "question"; keys: string[] }
  | { kind: "none" };

/** Procedures shown when the commune question gets a procedure question instead. */
const QUESTION_HITS = 5;

/**
 * Reads a typed place (or, when it is clearly no place, a procedure question). `province` is
 * one the citizen typed alone earlier ("tỉnh Hà Giang"): it narrows this name.
 */
export function readPlace(ctx: ConversationContext, text: string, province?: string): PlaceReply {
  const answer = ctx.services.catalog.communes.resolve(province ? `${text} ${province}` : text);
  if (answer.kind === "province") {
    const key = answer.provinces.length === 1 ? "commune.province_now" : "commune.province_now_many";
    return { kind: "province", text: ctx.t(key, { typed: answer.typed, province: answer.provinces.join(", ") }) };
  }
  if (answer.kind === "none" || (answer.kind === "communes" && mayBeQuestion(answer, text, ctx))) {
    const hits = ctx.services.search.find(text, { limit: QUESTION_HITS });
    if (hits.length > 0) return { kind: "question", keys: hits.map(hitKey) };
  }
  if (answer.kind === "district") {
    const names = answer.districts.map((d) => `${d.name} (${d.province})`).join(", ");
    const choices = answer.communes.map((commune) => toChoice(ctx, { commune }));
    return {
      kind: "list",
      header: ctx.t("commune.district_abolished", { district: names, count: choices.length }),
      choices,
    };
  }
  if (answer.kind === "none") return { kind: "none" };
  const choices = byProvince(answer.matches).map((m) => toChoice(ctx, m));
  if (choices.length === 1) return { kind: "one", choice: choices[0] as Choice };
  return { kind: "list", header: listHeader(ctx, text, choices.length), choices };
}

/**
 * Search forgives typos, so it finds something for almost any name: a name found with a typo
 * is still a place unless it is farther than a typo or the text reads like a question.
 */
function mayBeQuestion(
  answer: { approximate: boolean; loose?: boolean },
  text: string,
  ctx: ConversationContext,
): boolean {
  if (!answer.approximate) return false;
  return answer.loose === true || readsLikeQuestion(text, ctx.services.catalog.synonyms.synonyms);
}

/** Names of places have at most three words; questions are longer or use everyday terms ("sổ đỏ"). */
function readsLikeQuestion(text: string, synonyms: readonly { phrases: readonly string[] }[]): boolean {
  const folded = ` ${foldVietnamese(text)} `;
  if (folded.trim().split(" ").length > 3) return true;
  return synonyms.some((s) => s.phrases.some((p) => folded.includes(` ${foldVietnamese(p)} `)));
}

/** A numbered ward alone ("phường 2") is in many old districts: the district tells them apart. */
function listHeader(ctx: ConversationContext, text: string, count: number): string {
  if (isNumberedWard(text)) return ctx.t("commune.numbered", { count, query: text });
  return count > PAGE_SIZE ? ctx.t("commune.many", { count, query: text }) : ctx.t("commune.choose");
}

/** Buttons per page of a long list (districts of a city, common names). */
export const PAGE_SIZE = 8;

/**
 * Grouped by province (provinces in order of their first match), so a long list reads
 * province by province; within one, current names before old ones, as found.
 */
function byProvince(matches: CommuneMatch[]): CommuneMatch[] {
  const groups = new Map<string, CommuneMatch[]>();
  for (const m of matches) groups.set(m.commune.province, [...(groups.get(m.commune.province) ?? []), m]);
  return [...groups.values()].flat();
}

function toChoice(ctx: ConversationContext, { commune, oldUnit }: CommuneMatch): Choice {
  const names = { name: commune.name, province: commune.province };
  const label = plain(ctx.t);
  return {
    code: commune.code,
    ...(oldUnit ? { oldUnitCode: oldUnit.code } : {}),
    label: oldUnit
      ? label("commune.option_old", { ...names, old: oldUnit.name, district: oldUnit.district })
      : label("commune.option_current", names),
  };
}

/** A shared location: the nearest communes as choices with their distance, or "outside Vietnam". */
export function locationReply(ctx: ConversationContext, point: GeoPoint): { text: string; choices: Choice[] } {
  const answer = ctx.services.catalog.communes.locate(point, NEAREST);
  if (!answer.inside) return { text: ctx.t("commune.outside"), choices: [] };
  return { text: ctx.t("commune.nearest"), choices: nearestChoices(ctx, answer.nearest) };
}

/** Nearest communes offered for a shared location. */
const NEAREST = 3;

function nearestChoices(ctx: ConversationContext, nearest: NearbyCommune[]): Choice[] {
  return nearest.map((n) => ({
    code: n.commune.code,
    label: plain(ctx.t)("commune.nearest_option", {
      name: `${n.commune.name}, ${n.commune.province}`,
      km: n.distanceKm.toFixed(1),
    }),
  }));
}
