import type { Commune, OldUnit } from "../../domain/communes/types.ts";
import type { AppFlavor } from "../context.ts";

/** Remembers the sender's commune (and the old unit they named, for notices to old communes). */
export async function saveCommune(
  ctx: AppFlavor & { from?: { id: number } },
  commune: Commune,
  oldUnit?: OldUnit,
): Promise<void> {
  if (!ctx.from) return;
  await ctx.services.store.users.update(ctx.from.id, {
    communeCode: commune.code,
    ...(oldUnit ? { oldUnitCode: oldUnit.code } : {}),
  });
}
