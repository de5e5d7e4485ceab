import type { StaffGrant } from "./staff-grant.ts";

/** Staff grants. Administrators come from ADMIN_IDS, not from here. */
export interface StaffRepository {
  grant(grant: StaffGrant): Promise<void>;
  revoke(userId: number, communeCode: string): Promise<boolean>;
  /** Communes this user may act for. */
  communesOf(userId: number): Promise<string[]>;
  list(): Promise<StaffGrant[]>;
}
