import type { UserProfile } from "./user-profile.ts";

export interface UserRepository {
  get(userId: number): Promise<UserProfile | undefined>;
  /** Merges `patch` into the profile and persists it before resolving. */
  update(userId: number, patch: Partial<UserProfile>): Promise<UserProfile>;
  /**
   * Who receives a commune's notices: active users of the commune who turned notices on, or
   * only those who named one of `oldUnitCodes` when choosing it.
   */
  noticeAudience(communeCode: string, oldUnitCodes?: readonly string[]): Promise<number[]>;
  /** Every profile (moving state between stores). */
  all(): AsyncIterable<{ id: number; profile: UserProfile }>;
}
