import type { AppFlavor } from "../context.ts";

type RoleContext = AppFlavor & { from?: { id: number } };

/** Administrators are named by ADMIN_IDS; they grant and revoke staff. */
export const isAdmin = (ctx: RoleContext): boolean =>
  ctx.from !== undefined && ctx.services.adminIds.includes(ctx.from.id);

/** The communes the sender may act for as staff (none for citizens). */
export async function staffCommunes(ctx: RoleContext): Promise<string[]> {
  return ctx.from ? ctx.services.store.staff.communesOf(ctx.from.id) : [];
}

/** Whether the sender serves `communeCode`, asked at each staff button: a forged or old one is refused. */
export async function servesCommune(ctx: RoleContext, communeCode: string): Promise<boolean> {
  return (await staffCommunes(ctx)).includes(communeCode);
}

/** Writes one staff or administrator action to the audit log. */
export function audit(
  ctx: RoleContext,
  action: string,
  communeCode?: string,
  details?: Record<string, unknown>,
): Promise<void> {
  return ctx.services.store.audit.record({
    at: new Date().toISOString(),
    actor: ctx.from?.id ?? 0,
    action,
    ...(communeCode ? { communeCode } : {}),
    ...(details ? { details } : {}),
  });
}
